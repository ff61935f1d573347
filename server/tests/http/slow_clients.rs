//! Clients that stall (half a header, half a body, an answer never read) are cut off within the
//! timeouts, and while hundreds stall, an ordinary device still syncs. Clients that look like
//! different machines connect from different loopback addresses.

use std::io::{Read, Write};
use std::net::{IpAddr, Ipv4Addr, TcpStream};
use std::time::{Duration, Instant};

use server::testing::TestServer;
use server::testing::client::{connect_from, read_response};
use server::testing::records::{now_ms, steps};

use super::{BINARY, enrol};

/// Short timeouts, so the test waits seconds rather than the defaults' tens of seconds.
const FLAGS: [&str; 6] = [
    "--header-timeout",
    "2",
    "--io-timeout",
    "2",
    "--body-timeout",
    "3",
];

fn loopback(last: u8) -> IpAddr {
    IpAddr::V4(Ipv4Addr::new(127, 0, 0, last))
}

/// What a stalled client sends before it stops.
#[derive(Debug, Clone, Copy)]
enum Stall {
    HalfHeader,
    HalfBody,
}

fn stall(server: &TestServer, from: IpAddr, how: Stall) -> TcpStream {
    let mut stream = connect_from(Some(from), server.addr()).expect("connect");
    let bytes: &[u8] = match how {
        Stall::HalfHeader => b"POST /api/v1/sync HTTP/1.1\r\nHost: x\r\nContent-Ty",
        Stall::HalfBody => {
            b"POST /api/v1/enrol HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 500\r\n\r\n{\"cohort_code\": \"AB"
        }
    };
    stream.write_all(bytes).expect("send the first part");
    stream
}

/// Waits for the server to end the connection; returns how long that took from `since`.
fn closed_after(mut stream: TcpStream, since: Instant) -> Duration {
    stream
        .set_read_timeout(Some(Duration::from_secs(20)))
        .unwrap();
    let mut sink = Vec::new();
    // An answer (408) may come first; what matters is that the connection ends.
    let _ = stream.read_to_end(&mut sink);
    since.elapsed()
}

#[test]
fn stalled_connections_are_closed_while_a_device_still_syncs() {
    let server = TestServer::start_with(BINARY, &FLAGS);
    let phone = enrol(&server, "phone");
    let started = Instant::now();
    // 300 stalled connections from six other machines, 50 each (under the per-client cap, so
    // it is the timeouts that must end them).
    let stalled: Vec<TcpStream> = (0..300)
        .map(|n| {
            let how = if n % 2 == 0 {
                Stall::HalfHeader
            } else {
                Stall::HalfBody
            };
            stall(&server, loopback(2 + u8::try_from(n % 6).unwrap()), how)
        })
        .collect();
    // Meanwhile a learner's device syncs, several times.
    let client = server.client();
    let mut latencies = Vec::new();
    for round in 0..5u32 {
        let sent = Instant::now();
        let answer = client
            .sync(&phone.token, 0, &steps("phone", now_ms(), round * 10, 10))
            .expect("the device syncs while others stall");
        latencies.push(sent.elapsed());
        assert_eq!(answer.results.len(), 10);
    }
    latencies.sort();
    eprintln!(
        "sync latency with 300 stalled connections open: median {:?}, worst {:?}",
        latencies[latencies.len() / 2],
        latencies[latencies.len() - 1]
    );
    assert!(
        latencies[latencies.len() - 1] < Duration::from_secs(2),
        "a sync waited on stalled clients: {latencies:?}"
    );
    // Every stalled connection is closed: the head within its 2 s, the body within its 2 s
    // read timeout (3 s body limit). Margin for a busy two-core machine.
    for stream in stalled {
        let took = closed_after(stream, started);
        assert!(
            took < Duration::from_secs(12),
            "a stalled connection lived {took:?}"
        );
    }
    assert!(server.client().healthy());
}

#[test]
fn a_reader_that_never_reads_is_cut_off() {
    let server = TestServer::start_with(BINARY, &FLAGS);
    let socket = socket2::Socket::new(socket2::Domain::IPV4, socket2::Type::STREAM, None).unwrap();
    // A tiny receive window, so the server's writes stall quickly.
    socket.set_recv_buffer_size(4096).unwrap();
    socket
        .bind(&std::net::SocketAddr::new(loopback(9), 0).into())
        .unwrap();
    socket.connect(&server.addr().into()).unwrap();
    let mut stream: TcpStream = socket.into();
    // Forty requests for the content pack, pipelined on one kept-alive connection: megabytes
    // of answers, none of them read.
    let pack_len = server
        .client()
        .send("GET", "/api/v1/pack", None, None)
        .unwrap()
        .body
        .len();
    let request = b"GET /api/v1/pack HTTP/1.1\r\nHost: x\r\n\r\n".repeat(40);
    stream.write_all(&request).unwrap();
    std::thread::sleep(Duration::from_secs(6));
    stream
        .set_read_timeout(Some(Duration::from_secs(20)))
        .unwrap();
    let mut received = Vec::new();
    let started = Instant::now();
    let _ = stream.read_to_end(&mut received);
    assert!(
        started.elapsed() < Duration::from_secs(15),
        "the connection stayed open"
    );
    assert!(
        received.len() < 40 * pack_len,
        "the server gave up before sending all 40 answers ({} of {} bytes)",
        received.len(),
        40 * pack_len
    );
    assert!(server.client().healthy());
}

#[test]
fn one_client_cannot_take_every_connection() {
    let server = TestServer::start_with(BINARY, &["--max-connections-per-client", "20"]);
    let hog = loopback(5);
    let held: Vec<TcpStream> = (0..20)
        .map(|_| connect_from(Some(hog), server.addr()).unwrap())
        .collect();
    // The hog's 21st connection is closed before it is read.
    let mut extra = connect_from(Some(hog), server.addr()).unwrap();
    let _ = extra.write_all(b"GET /healthz HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
    assert!(
        read_response(&mut extra).is_err(),
        "the 21st connection from one client was served"
    );
    // Other clients are not affected.
    assert!(server.client().from(loopback(6)).healthy());
    assert!(server.client().healthy());
    drop(held);
    // Once the hog lets go, it may connect again.
    let deadline = Instant::now() + Duration::from_secs(10);
    while !server.client().from(hog).healthy() {
        assert!(
            Instant::now() < deadline,
            "the hog's slots were never given back"
        );
        std::thread::sleep(Duration::from_millis(100));
    }
}
