//! The pack source parser: a lesson's Markdown and its quiz's TOML, read as `content check`
//! reads them, inside an otherwise sound pack.
//!
//! Nothing may panic, and whatever the validator accepts must pass the checks a device runs on
//! a pack it receives: the author's tool and the app agree.
#![no_main]

use std::path::{Path, PathBuf};
use std::sync::OnceLock;
use std::{fs, process};

use content::source::{Rules, load};
use libfuzzer_sys::fuzz_target;

/// Splits an input into the lesson text and the quiz text.
const SEPARATOR: &str = "\n%%%\n";

/// A copy of the small fixture pack, made once per process, whose first lesson each input replaces.
fn pack() -> &'static Path {
    static DIR: OnceLock<PathBuf> = OnceLock::new();
    DIR.get_or_init(|| {
        let fixture = Path::new(env!("CARGO_MANIFEST_DIR")).join("../content/tests/fixtures/small");
        let dir = std::env::temp_dir().join(format!("nc-fuzz-pack-{}", process::id()));
        copy(&fixture, &dir);
        dir
    })
}

fn copy(from: &Path, to: &Path) {
    fs::create_dir_all(to).expect("make the fuzz pack folder");
    for entry in fs::read_dir(from).expect("read the fixture pack") {
        let entry = entry.expect("a fixture entry");
        let target = to.join(entry.file_name());
        if entry.file_type().expect("a file type").is_dir() {
            copy(&entry.path(), &target);
        } else {
            fs::copy(entry.path(), target).expect("copy a fixture file");
        }
    }
}

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let (lesson, quiz) = text.split_once(SEPARATOR).unwrap_or((text, ""));
    let module = pack().join("modules/01-basics");
    fs::write(module.join("01-hello.md"), lesson).expect("write the lesson");
    fs::write(module.join("01-hello.quiz.toml"), quiz).expect("write the quiz");
    if let Ok(compiled) = load(pack(), &Rules::format_only()) {
        assert_eq!(
            compiled.pack.problems(),
            Vec::<String>::new(),
            "the app takes what the validator passes"
        );
    }
});
