//! Helpers for tests against the real server: reusable by any test in the workspace.
//!
//! - [`TestServer`]: the real `nc-server` binary on a free loopback port with its own database
//!   in a temporary folder; it can be killed (SIGKILL), stopped (SIGTERM) and restarted on the
//!   same file and port.
//! - [`client`]: a small blocking HTTP/1.1 client over a plain socket, able to send malformed and
//!   truncated requests too, with typed calls for every route.
//! - [`db`]: everything the server's SQLite file holds, read directly.
//! - [`records`]: valid records to send.

pub mod client;
pub mod db;
pub mod records;
mod server;
mod tempdir;

pub use self::server::TestServer;
pub use self::tempdir::TempDir;

/// Where the `nc-server` binary is, for tests outside this crate (which have no
/// `CARGO_BIN_EXE_nc-server`): `NC_SERVER_BIN` if set, else beside the running test in the same
/// target folder (`target/debug/nc-server`). `cargo test --workspace` builds it; on its own,
/// `cargo build -p server --bin nc-server` does.
pub fn binary_path() -> std::path::PathBuf {
    if let Some(path) = std::env::var_os("NC_SERVER_BIN") {
        return path.into();
    }
    let exe = std::env::current_exe().expect("the test knows where it runs from");
    // target/debug/deps/<test> -> target/debug/nc-server
    let profile_dir = exe
        .parent()
        .and_then(std::path::Path::parent)
        .expect("tests run from target/<profile>/deps");
    profile_dir.join(format!("nc-server{}", std::env::consts::EXE_SUFFIX))
}
