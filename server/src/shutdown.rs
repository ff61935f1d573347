//! Stopping cleanly: on SIGTERM or Ctrl-C the server stops accepting connections, lets the
//! requests in flight finish (their writes commit), then closes the database.

use std::time::Duration;

/// How long requests in flight get once a stop is asked for. A client that holds a request open
/// longer (a stalled upload) is cut off, so a stop always ends.
pub const GRACE: Duration = Duration::from_secs(30);

/// Resolves when the process is asked to stop.
pub async fn signal() {
    let ctrl_c = async {
        if tokio::signal::ctrl_c().await.is_err() {
            std::future::pending::<()>().await;
        }
    };
    #[cfg(unix)]
    let terminate = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut stream) => {
                stream.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let terminate = std::future::pending::<()>();
    tokio::select! {
        () = ctrl_c => tracing::info!("Ctrl-C: stopping after the requests in flight"),
        () = terminate => tracing::info!("SIGTERM: stopping after the requests in flight"),
    }
}
