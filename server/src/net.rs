//! Connections: accepting them, bounding how many are open, and timing out the ones that stall.
//!
//! axum's own `serve` has no timeouts, so a client that sends half a header, half a body, or
//! never reads its answer holds a socket (and the memory behind it) forever. This module runs
//! hyper's HTTP/1 connection itself, with:
//!
//! - a cap on open connections, in all and per client address, so one client cannot take every
//!   socket (connections over a cap are closed at once, before any byte is read);
//! - hyper's header read timeout: a request's head must arrive in time, measured from when the
//!   connection starts waiting for it, so it is also how long a kept-alive connection may sit idle;
//! - read and write inactivity timeouts on the socket: a body that stops arriving, or a reader
//!   that stops reading a large answer, is cut off;
//! - (in [`crate::http`]) a deadline for each request, and one for reading its body.
//!
//! Every address seen is the peer's; [`ClientAddr`] goes into each request for the HTTP layer,
//! which decides whether a trusted proxy's `X-Forwarded-For` names the real client.

use std::collections::HashMap;
use std::future::Future;
use std::net::{IpAddr, SocketAddr};
use std::pin::pin;
use std::sync::{Arc, Mutex, PoisonError};
use std::time::Duration;

use axum::Router;
use axum::body::Body;
use hyper::body::Incoming;
use hyper_util::rt::{TokioIo, TokioTimer};
use hyper_util::server::graceful::GracefulShutdown;
use tokio::net::TcpListener;
use tokio::sync::{OwnedSemaphorePermit, Semaphore};
use tokio_io_timeout::TimeoutStream;
use tower::ServiceExt;

use crate::shutdown;

/// The peer address of the connection a request came on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ClientAddr(pub SocketAddr);

/// How long each stage may take, and how many connections may be open.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ConnectionLimits {
    /// A request's head must arrive within this, counted from when the connection starts
    /// waiting for it: so it also closes kept-alive connections left idle this long.
    pub header_timeout: Duration,
    /// Longest wait for the next byte while reading a body.
    pub read_timeout: Duration,
    /// Longest wait for the client to take the next bytes of an answer.
    pub write_timeout: Duration,
    /// Connections open at once, across all clients.
    pub max_connections: usize,
    /// Connections open at once from one client address (an IPv6 /64 counts as one address).
    pub max_connections_per_client: usize,
}

impl Default for ConnectionLimits {
    fn default() -> Self {
        Self {
            header_timeout: Duration::from_secs(10),
            read_timeout: Duration::from_secs(15),
            write_timeout: Duration::from_secs(15),
            max_connections: 4096,
            max_connections_per_client: 64,
        }
    }
}

/// The part of an address that identifies one client: the whole IPv4 address, or the /64
/// prefix of an IPv6 one (a single home or phone is usually given a whole /64, so counting
/// its addresses one by one would let it take 2^64 slots).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct ClientKey(u128);

impl ClientKey {
    pub fn of(ip: IpAddr) -> Self {
        match ip {
            IpAddr::V4(v4) => Self(u128::from(u32::from(v4))),
            IpAddr::V6(v6) => match v6.to_ipv4_mapped() {
                Some(v4) => Self(u128::from(u32::from(v4))),
                None => Self((u128::from(v6) >> 64 << 64) | (1 << 32)),
            },
        }
    }
}

/// Open connections per client, with a guard that gives the slot back when dropped.
#[derive(Debug, Default)]
struct PerClient {
    open: Mutex<HashMap<ClientKey, usize>>,
}

struct Slot {
    table: Arc<PerClient>,
    key: ClientKey,
}

impl PerClient {
    /// Takes a slot for `key`, or `None` if it already has `max` open: checked and counted
    /// under one lock, so parallel connections cannot slip past the cap.
    fn take(self: &Arc<Self>, key: ClientKey, max: usize) -> Option<Slot> {
        let mut open = self.open.lock().unwrap_or_else(PoisonError::into_inner);
        let count = open.entry(key).or_insert(0);
        if *count >= max {
            return None;
        }
        *count += 1;
        Some(Slot {
            table: Arc::clone(self),
            key,
        })
    }
}

impl Drop for Slot {
    fn drop(&mut self) {
        let mut open = self
            .table
            .open
            .lock()
            .unwrap_or_else(PoisonError::into_inner);
        if let Some(count) = open.get_mut(&self.key) {
            *count -= 1;
            if *count == 0 {
                open.remove(&self.key);
            }
        }
    }
}

/// What a connection holds while it is open.
struct Admission {
    _global: OwnedSemaphorePermit,
    _client: Slot,
}

/// Serves `app` on `listener` until `stop` resolves, then lets requests in flight finish,
/// waiting at most [`shutdown::GRACE`].
pub async fn serve(
    listener: TcpListener,
    app: Router,
    limits: ConnectionLimits,
    stop: impl Future<Output = ()> + Send + 'static,
) -> std::io::Result<()> {
    let global = Arc::new(Semaphore::new(limits.max_connections));
    let per_client = Arc::new(PerClient::default());
    let graceful = GracefulShutdown::new();
    let mut builder = hyper::server::conn::http1::Builder::new();
    builder
        .timer(TokioTimer::new())
        .header_read_timeout(limits.header_timeout)
        .keep_alive(true);
    let mut stop = pin!(stop);
    loop {
        let (stream, peer) = tokio::select! {
            accepted = listener.accept() => match accepted {
                Ok(pair) => pair,
                Err(error) => {
                    // Out of file descriptors, or a connection reset before it was accepted:
                    // wait a moment rather than spin, and carry on.
                    tracing::warn!(%error, "could not accept a connection");
                    tokio::time::sleep(Duration::from_millis(50)).await;
                    continue;
                }
            },
            () = &mut stop => break,
        };
        let Some(admission) = admit(&global, &per_client, peer, &limits) else {
            // Dropping the stream closes it before any byte is read.
            continue;
        };
        let _ = stream.set_nodelay(true);
        let mut timed = TimeoutStream::new(stream);
        timed.set_read_timeout(Some(limits.read_timeout));
        timed.set_write_timeout(Some(limits.write_timeout));
        let app = app.clone();
        let service = hyper::service::service_fn(move |mut request: hyper::Request<Incoming>| {
            request.extensions_mut().insert(ClientAddr(peer));
            app.clone().oneshot(request.map(Body::new))
        });
        let connection = builder.serve_connection(TokioIo::new(Box::pin(timed)), service);
        let connection = graceful.watch(connection);
        tokio::spawn(async move {
            // A client that stalls or goes away ends its own connection; that is not an error
            // of the server's, so it is logged quietly.
            if let Err(error) = connection.await {
                tracing::debug!(%error, %peer, "a connection ended early");
            }
            drop(admission);
        });
    }
    drop(listener);
    tokio::select! {
        () = graceful.shutdown() => {}
        () = tokio::time::sleep(shutdown::GRACE) => {
            tracing::warn!(
                seconds = shutdown::GRACE.as_secs(),
                "requests were still open after the grace period; stopping anyway"
            );
        }
    }
    Ok(())
}

fn admit(
    global: &Arc<Semaphore>,
    per_client: &Arc<PerClient>,
    peer: SocketAddr,
    limits: &ConnectionLimits,
) -> Option<Admission> {
    let Ok(global) = Arc::clone(global).try_acquire_owned() else {
        tracing::warn!(%peer, max = limits.max_connections, "too many connections open; closed one");
        return None;
    };
    let Some(client) = per_client.take(ClientKey::of(peer.ip()), limits.max_connections_per_client)
    else {
        tracing::info!(%peer, max = limits.max_connections_per_client, "too many connections from one client; closed one");
        return None;
    };
    Some(Admission {
        _global: global,
        _client: client,
    })
}

#[cfg(test)]
mod tests {
    use std::net::{Ipv4Addr, Ipv6Addr};

    use super::*;

    #[test]
    fn an_ipv6_64_is_one_client_and_mapped_ipv4_is_its_ipv4() {
        let a: Ipv6Addr = "2001:db8:1:2::1".parse().unwrap();
        let b: Ipv6Addr = "2001:db8:1:2:ffff::9".parse().unwrap();
        let c: Ipv6Addr = "2001:db8:1:3::1".parse().unwrap();
        assert_eq!(ClientKey::of(a.into()), ClientKey::of(b.into()));
        assert_ne!(ClientKey::of(a.into()), ClientKey::of(c.into()));
        let v4 = Ipv4Addr::new(192, 0, 2, 7);
        assert_eq!(
            ClientKey::of(v4.to_ipv6_mapped().into()),
            ClientKey::of(v4.into())
        );
        // An IPv6 prefix never collides with an IPv4 address.
        let low: Ipv6Addr = "::".parse().unwrap();
        assert_ne!(
            ClientKey::of(low.into()),
            ClientKey::of(Ipv4Addr::UNSPECIFIED.into())
        );
    }

    #[test]
    fn per_client_slots_are_capped_and_given_back() {
        let table = Arc::new(PerClient::default());
        let key = ClientKey::of(Ipv4Addr::LOCALHOST.into());
        let other = ClientKey::of(Ipv4Addr::new(127, 0, 0, 2).into());
        let first = table.take(key, 2).unwrap();
        let _second = table.take(key, 2).unwrap();
        assert!(table.take(key, 2).is_none());
        assert!(
            table.take(other, 2).is_some(),
            "another client is not affected"
        );
        drop(first);
        assert!(table.take(key, 2).is_some());
    }
}
