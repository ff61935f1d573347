//! SIGTERM stops the server gracefully: a request in flight is finished and stored.

use std::io::Write;
use std::time::Duration;

use server::testing::client;
use server::testing::records::{now_ms, steps};
use shared::sync::wire::{RecordStatus, SyncRequest, SyncResponse};

use super::{enrol, start};

#[test]
fn sigterm_finishes_the_request_in_flight_then_exits_cleanly() {
    let mut server = start();
    let phone = enrol(&server, "phone");
    let records = steps("phone", now_ms(), 0, 200);
    let body = serde_json::to_vec(&SyncRequest {
        cursor: 0,
        records: records.clone(),
    })
    .unwrap();
    let auth = format!("Bearer {}", phone.token);
    let request = client::build(
        "POST",
        "/api/v1/sync",
        &[("Authorization", &auth)],
        Some(&body),
    );
    let half = request.len() / 2;

    // Half the request is sent: the server is reading it when the stop comes.
    let mut stream = client::connect(server.addr()).unwrap();
    stream.write_all(&request[..half]).unwrap();
    std::thread::sleep(Duration::from_millis(300));
    server.terminate();
    std::thread::sleep(Duration::from_millis(300));
    assert!(
        server.wait(Duration::ZERO).is_none(),
        "the server waits for the request in flight"
    );
    stream.write_all(&request[half..]).unwrap();
    let response = client::read_response(&mut stream).unwrap();
    assert_eq!(response.status, 200, "{}", response.text());
    let answer: SyncResponse = response.decode().unwrap();
    assert_eq!(answer.results.len(), 200);
    assert!(
        answer
            .results
            .iter()
            .all(|r| r.status == RecordStatus::Accepted)
    );

    let status = server
        .wait(Duration::from_secs(20))
        .expect("the server stops once the request is done");
    assert!(status.success(), "a clean exit: {status}");
    assert!(server.log().contains("SIGTERM"), "{}", server.log());
    assert!(
        std::net::TcpStream::connect(server.addr()).is_err(),
        "no longer listening"
    );
    let db = server.db();
    assert_eq!(db.records.len(), 200, "what was answered is stored");
}
