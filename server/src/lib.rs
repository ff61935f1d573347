//! The Networked Councillor sync server (`nc-server`).
//!
//! Devices enrol with a cohort code, pair further devices with a short code, sync their
//! progress records and download newer content packs (ADR 0008; the server's shape is ADR 0009).
//!
//! - [`service`]: the protocol's rules, as a [`shared::sync::protocol::SyncProtocol`] over any
//!   [`storage::Storage`]; [`rules`] checks each incoming record.
//! - [`storage`]: the storage trait and its SQLite implementation (migrations, group commit).
//! - [`http`]: the axum routes; [`shutdown`]: stopping cleanly; [`cli`]: flags and commands.
//! - [`pack`]: the content pack served; [`secrets`]: tokens and codes; [`clock`]: time.
//! - [`testing`]: helpers for tests against the real binary: a server on a free port with its
//!   own database, a small HTTP client, and a reader for what the database holds.

pub mod cli;
pub mod clock;
pub mod http;
pub mod pack;
pub mod rules;
pub mod secrets;
pub mod service;
pub mod shutdown;
pub mod storage;
pub mod testing;

use std::future::{Future, IntoFuture};

use axum::Router;
use tokio::net::TcpListener;

/// Serves `app` until `stop` resolves, then lets requests in flight finish, waiting at most
/// [`shutdown::GRACE`].
pub async fn serve(
    listener: TcpListener,
    app: Router,
    stop: impl Future<Output = ()> + Send + 'static,
) -> std::io::Result<()> {
    let (stopping, mut stopped) = tokio::sync::watch::channel(false);
    let server = axum::serve(listener, app).with_graceful_shutdown(async move {
        stop.await;
        let _ = stopping.send(true);
    });
    let deadline = async move {
        if stopped.wait_for(|s| *s).await.is_err() {
            std::future::pending::<()>().await;
        }
        tokio::time::sleep(shutdown::GRACE).await;
    };
    tokio::select! {
        result = server.into_future() => result,
        () = deadline => {
            tracing::warn!(
                seconds = shutdown::GRACE.as_secs(),
                "requests were still open after the grace period; stopping anyway"
            );
            Ok(())
        }
    }
}
