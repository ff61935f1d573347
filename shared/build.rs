//! Checks the default content pack and compiles it into the core, so a fresh install works offline.
//!
//! An invalid pack fails the build with every problem listed by file and line.
//! `NC_CONTENT_PACK` points at another pack folder; `NC_CONTENT_RULES=format` applies only the
//! format rules (for trying out a partial pack).

use std::path::PathBuf;

use content::originality::Fingerprint;
use content::source::{self, Rules};

fn main() {
    let manifest_dir = PathBuf::from(std::env::var_os("CARGO_MANIFEST_DIR").expect("set by cargo"));
    let content_dir = manifest_dir.join("../content");
    let pack_dir =
        std::env::var_os("NC_CONTENT_PACK").map_or_else(|| content_dir.join("pack"), PathBuf::from);
    let fingerprint_path = content_dir.join("seeds.fingerprint");

    println!("cargo::rerun-if-env-changed=NC_CONTENT_PACK");
    println!("cargo::rerun-if-env-changed=NC_CONTENT_RULES");
    println!("cargo::rerun-if-changed={}", pack_dir.display());
    println!("cargo::rerun-if-changed={}", fingerprint_path.display());

    let rules = if std::env::var("NC_CONTENT_RULES").as_deref() == Ok("format") {
        Rules::format_only()
    } else {
        let text = std::fs::read_to_string(&fingerprint_path)
            .unwrap_or_else(|e| fail(&format!("cannot read {}: {e}", fingerprint_path.display())));
        let print = Fingerprint::parse(&text)
            .unwrap_or_else(|e| fail(&format!("{}: {e}", fingerprint_path.display())));
        Rules::programme(Some(print))
    };

    match source::load(&pack_dir, &rules) {
        Ok(compiled) => {
            let bytes = bincode::serialize(&compiled.pack).expect("a pack always serializes");
            let out =
                PathBuf::from(std::env::var_os("OUT_DIR").expect("set by cargo")).join("pack.bin");
            std::fs::write(&out, bytes)
                .unwrap_or_else(|e| fail(&format!("cannot write {}: {e}", out.display())));
        }
        Err(problems) => fail(&format!(
            "the content pack at {} has {} problem(s):\n{problems}Fix them, then build again. `cargo run -p content -- check content/pack` shows the same list.",
            pack_dir.display(),
            problems.len()
        )),
    }
}

fn fail(message: &str) -> ! {
    eprintln!("error: {message}");
    std::process::exit(1)
}
