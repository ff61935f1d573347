//! The fuzz targets' seeds (`fuzz/seeds/`) are inputs the targets accept, so each fuzzing run
//! starts from deep inside the code under test rather than at its first parse error.

use std::fs;
use std::path::{Path, PathBuf};

use shared::record::{Record, StoredRecord};

fn seeds(target: &str) -> Vec<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../fuzz/seeds")
        .join(target);
    let mut files: Vec<PathBuf> = fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .map(|entry| entry.unwrap().path())
        .collect();
    files.sort();
    assert!(!files.is_empty(), "no seeds in {}", dir.display());
    files
}

#[test]
fn every_record_seed_decodes_and_round_trips() {
    let mut kinds = std::collections::BTreeSet::new();
    for path in seeds("record") {
        let stored: StoredRecord = serde_json::from_slice(&fs::read(&path).unwrap())
            .unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        let record =
            Record::from_stored(&stored).unwrap_or_else(|e| panic!("{}: {e:?}", path.display()));
        assert_eq!(Record::from_stored(&record.to_stored()).unwrap(), record);
        kinds.insert(stored.kind.clone());
    }
    // One seed per kind of record, so every body decoder is reached from the start.
    assert_eq!(
        kinds.len(),
        seeds("record").len(),
        "two seeds share a kind: {kinds:?}"
    );
}

#[test]
fn every_pack_seed_passes_the_checks() {
    for path in seeds("pack") {
        let pack: content::Pack = serde_json::from_slice(&fs::read(&path).unwrap())
            .unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        assert_eq!(pack.problems(), Vec::<String>::new(), "{}", path.display());
        assert!(pack.lessons().count() >= 2, "{}", path.display());
    }
}
