//! `--pack`: a newer content pack from a folder, checked before the server starts.

use std::path::PathBuf;
use std::process::Command;

use server::testing::TestServer;

fn content_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../content")
}

#[test]
fn a_valid_pack_folder_is_checked_and_served() {
    let dir = content_dir().join("pack");
    let server = TestServer::start_with(super::BINARY, &["--pack", dir.to_str().unwrap()]);
    let pack = server.client().pack().unwrap();
    let builtin = shared::pack::Content::default_content();
    assert_eq!(pack["version"], builtin.pack.version);
    assert_eq!(
        pack["modules"].as_array().unwrap().len(),
        builtin.pack.modules.len()
    );
}

#[test]
fn an_invalid_pack_stops_the_server_with_file_and_line() {
    let db = server::testing::TempDir::new("pack").unwrap();
    let output = Command::new(super::BINARY)
        .args(["--bind", "127.0.0.1:0", "--db"])
        .arg(db.path().join("db.sqlite3"))
        .arg("--pack")
        .arg(content_dir().join("tests/fixtures/broken"))
        .arg("--pack-fingerprint")
        .arg(content_dir().join("seeds.fingerprint"))
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(!output.status.success(), "it must not start: {stderr}");
    assert!(
        stderr.contains("modules/01-only/module.toml:4: unknown prerequisite 'nowhere'"),
        "{stderr}"
    );
    assert!(!String::from_utf8_lossy(&output.stdout).contains("listening"));
}

#[test]
fn a_pack_without_its_fingerprint_is_refused() {
    let db = server::testing::TempDir::new("pack").unwrap();
    let output = Command::new(super::BINARY)
        .args(["--bind", "127.0.0.1:0", "--db"])
        .arg(db.path().join("db.sqlite3"))
        .arg("--pack")
        .arg(db.path())
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(!output.status.success());
    assert!(stderr.contains("fingerprint"), "{stderr}");
}
