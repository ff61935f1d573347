//! Tests against the real `nc-server` binary on 127.0.0.1, each with its own SQLite file.
//!
//! One test binary with a module per concern, so the suite links once.

mod api;
mod bad_input;
mod console;
mod crash;
mod hardening;
mod isolation;
mod limits;
mod pack;
mod privacy;
mod reports;
mod shutdown;
mod slow_clients;

use server::testing::TestServer;
use server::testing::client::Client;
use shared::sync::wire::Enrolled;

/// The binary under test, built by cargo for this test.
pub const BINARY: &str = env!("CARGO_BIN_EXE_nc-server");

pub fn start() -> TestServer {
    TestServer::start(BINARY)
}

/// Enrols a learner's first device.
pub fn enrol(server: &TestServer, device: &str) -> Enrolled {
    server
        .client()
        .enrol(&server.cohort_code, device)
        .unwrap_or_else(|e| panic!("enrol {device}: {e}"))
}

/// Adds a second device to the learner who owns `token`.
pub fn pair(client: &Client, token: &str, device: &str) -> Enrolled {
    let code = client.start_pairing(token).expect("a pairing code");
    client
        .complete_pairing(&code.code, device)
        .unwrap_or_else(|e| panic!("pair {device}: {e}"))
}

/// Tests in other crates find the binary with `binary_path`; it must find this one.
#[test]
fn other_crates_find_the_same_binary() {
    if std::env::var_os("NC_SERVER_BIN").is_none() {
        assert_eq!(
            server::testing::binary_path(),
            std::path::PathBuf::from(BINARY)
        );
    }
}
