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
