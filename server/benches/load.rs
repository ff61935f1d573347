//! The load generator: many simulated devices syncing at once against the real server.
//!
//! Each device has its own token (learners have two devices each, so every sync also carries
//! the other device's records back), its own keep-alive connection, and syncs on a fixed
//! schedule with a small batch of new records. Latency is measured from when a sync was due,
//! not when it was sent, so a server that falls behind cannot hide it (no coordinated omission).
//! Any status but 200, or any record not accepted, counts as an error.
//!
//! `cargo bench -p server --bench load` (settings: `NC_LOAD_DEVICES`, `NC_LOAD_INTERVAL_MS`,
//! `NC_LOAD_SECONDS`, `NC_LOAD_BATCH`).
#![allow(clippy::print_stdout)]

use std::net::SocketAddr;
use std::time::Duration;

use http_body_util::{BodyExt, Full};
use hyper::body::Bytes;
use hyper_util::rt::TokioIo;
use server::testing::TestServer;
use server::testing::client::Client;
use server::testing::records::{now_ms, steps};
use shared::sync::wire::{RecordStatus, SyncRequest, SyncResponse};

fn setting(name: &str, default: u64) -> u64 {
    std::env::var(name)
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

#[derive(Debug, Default)]
struct Tally {
    latencies_us: Vec<u64>,
    errors: u64,
    records_sent: u64,
    records_received: u64,
}

struct Device {
    name: String,
    token: String,
}

/// One device's loop: sync every `interval` until `end`.
async fn run_device(
    addr: SocketAddr,
    device: Device,
    interval: Duration,
    offset: Duration,
    batch: u32,
    start: tokio::time::Instant,
    end: tokio::time::Instant,
) -> Tally {
    let mut tally = Tally::default();
    let stream = tokio::net::TcpStream::connect(addr).await.expect("connect");
    stream.set_nodelay(true).expect("nodelay");
    let (mut sender, connection) = hyper::client::conn::http1::handshake(TokioIo::new(stream))
        .await
        .expect("handshake");
    tokio::spawn(connection);
    let auth = format!("Bearer {}", device.token);
    let mut cursor = 0;
    let mut seq = 0;
    let mut due = start + offset;
    while due < end {
        tokio::time::sleep_until(due).await;
        let records = steps(&device.name, now_ms(), seq, batch);
        seq += batch;
        let body = serde_json::to_vec(&SyncRequest {
            cursor,
            records: records.clone(),
        })
        .expect("serialize");
        let request = hyper::Request::post("/api/v1/sync")
            .header("host", "127.0.0.1")
            .header("authorization", &auth)
            .header("content-type", "application/json")
            .body(Full::new(Bytes::from(body)))
            .expect("request");
        let outcome = async {
            let response = sender.send_request(request).await.ok()?;
            let status = response.status();
            let bytes = response.into_body().collect().await.ok()?.to_bytes();
            (status == 200).then_some(())?;
            serde_json::from_slice::<SyncResponse>(&bytes).ok()
        }
        .await;
        let done = tokio::time::Instant::now();
        tally
            .latencies_us
            .push(u64::try_from(done.duration_since(due).as_micros()).unwrap_or(u64::MAX));
        match outcome {
            Some(answer)
                if answer.results.len() == records.len()
                    && answer
                        .results
                        .iter()
                        .all(|r| r.status == RecordStatus::Accepted) =>
            {
                cursor = answer.cursor;
                tally.records_sent += u64::from(batch);
                tally.records_received += answer.records.len() as u64;
            }
            _ => tally.errors += 1,
        }
        due += interval;
        // Behind schedule: the missed syncs are not sent in a burst, but their wait counts.
        let now = tokio::time::Instant::now();
        while due + interval < now {
            due += interval;
        }
    }
    tally
}

fn percentile(sorted: &[u64], p: f64) -> f64 {
    if sorted.is_empty() {
        return 0.0;
    }
    #[allow(
        clippy::cast_possible_truncation,
        clippy::cast_sign_loss,
        clippy::cast_precision_loss
    )]
    let index = ((sorted.len() - 1) as f64 * p).round() as usize;
    #[allow(clippy::cast_precision_loss)]
    let ms = sorted[index] as f64 / 1000.0;
    ms
}

/// Flags that lift the per-client limits for a load test from one address.
const UNLIMITED: &[&str] = &[
    "--max-connections-per-client",
    "100000",
    "--enrol-limit",
    "1000000",
    "--pairing-limit",
    "1000000",
    "--pair-start-limit",
    "1000000",
];

fn main() {
    let devices = setting("NC_LOAD_DEVICES", 200);
    let interval = Duration::from_millis(setting("NC_LOAD_INTERVAL_MS", 150));
    let seconds = setting("NC_LOAD_SECONDS", 15);
    let batch = u32::try_from(setting("NC_LOAD_BATCH", 5)).unwrap_or(5);

    // Every simulated device connects from 127.0.0.1, so the per-client limits, meant for one
    // phone or one office, are lifted: this measures the server, not its fairness rules.
    let mut server = TestServer::start_with(env!("CARGO_BIN_EXE_nc-server"), UNLIMITED);
    let client = Client::new(server.addr());
    let mut all = Vec::new();
    for learner in 0..devices.div_ceil(2) {
        let phone = format!("phone-{learner}");
        let enrolled = client.enrol(&server.cohort_code, &phone).expect("enrol");
        let code = client.start_pairing(&enrolled.token).expect("pair");
        let laptop = format!("laptop-{learner}");
        let paired = client.complete_pairing(&code.code, &laptop).expect("pair");
        all.push(Device {
            name: phone,
            token: enrolled.token,
        });
        all.push(Device {
            name: laptop,
            token: paired.token,
        });
    }
    all.truncate(usize::try_from(devices).unwrap_or(usize::MAX));

    // One thread for the load, so the server keeps most of the machine's two cores.
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .expect("runtime");
    let addr = server.addr();
    let count = all.len();
    let (tallies, elapsed) = runtime.block_on(async move {
        let start = tokio::time::Instant::now() + Duration::from_millis(200);
        let end = start + Duration::from_secs(seconds);
        let tasks: Vec<_> = all
            .into_iter()
            .enumerate()
            .map(|(i, device)| {
                // Spread the devices over the interval, as real devices are.
                let offset =
                    interval * u32::try_from(i).unwrap_or(0) / u32::try_from(count).unwrap_or(1);
                tokio::spawn(run_device(
                    addr, device, interval, offset, batch, start, end,
                ))
            })
            .collect();
        let mut tallies = Vec::new();
        for task in tasks {
            tallies.push(task.await.expect("device task"));
        }
        (tallies, start.elapsed())
    });

    server.terminate();
    server.wait(Duration::from_secs(30));
    let log = server.log();
    let stat = |key: &str| -> Option<f64> {
        log.lines()
            .rev()
            .find(|l| l.contains("stopped"))?
            .split(&format!("{key}="))
            .nth(1)?
            .split_whitespace()
            .next()?
            .parse()
            .ok()
    };

    let mut latencies: Vec<u64> = tallies
        .iter()
        .flat_map(|t| t.latencies_us.iter().copied())
        .collect();
    latencies.sort_unstable();
    let errors: u64 = tallies.iter().map(|t| t.errors).sum();
    let sent: u64 = tallies.iter().map(|t| t.records_sent).sum();
    let received: u64 = tallies.iter().map(|t| t.records_received).sum();
    #[allow(clippy::cast_precision_loss)]
    let rate = latencies.len() as f64 / elapsed.as_secs_f64();
    println!(
        "{count} devices ({} learners × 2), each syncing every {} ms with {batch} new records, for {seconds} s:",
        count.div_ceil(2),
        interval.as_millis()
    );
    println!();
    println!(
        "| syncs | syncs/s | p50 ms | p99 ms | max ms | errors | records stored | records relayed | writes per commit |"
    );
    println!("|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
    println!(
        "| {} | {rate:.0} | {:.1} | {:.1} | {:.1} | {errors} | {sent} | {received} | {} |",
        latencies.len(),
        percentile(&latencies, 0.50),
        percentile(&latencies, 0.99),
        percentile(&latencies, 1.0),
        match (stat("writes"), stat("transactions")) {
            (Some(w), Some(t)) if t > 0.0 => format!("{:.1}", w / t),
            _ => "?".to_owned(),
        }
    );
}
