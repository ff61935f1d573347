//! The server killed with SIGKILL in the middle of a sync, then restarted on the same file:
//! nothing answered is lost, and a retry stores nothing twice.

use std::collections::HashSet;
use std::time::Duration;

use server::testing::records::{now_ms, steps};
use shared::sync::wire::RecordStatus;

use super::{enrol, pair, start};

#[test]
fn killed_mid_sync_then_restarted_loses_nothing_and_duplicates_nothing() {
    let mut server = start();
    let client = server.client();
    let phone = enrol(&server, "phone");
    let laptop = pair(&client, &phone.token, "laptop");
    let mut sent = Vec::new();
    let mut answered_before_kill = 0;
    // Kill at different moments: before the request is read, while it is stored, after.
    for (round, delay_ms) in [0_u64, 1, 3, 6, 10, 20, 40, 80].into_iter().enumerate() {
        let first = u32::try_from(round).unwrap() * 500;
        let batch = steps("phone", now_ms(), first, 500);
        let (token, sending) = (phone.token.clone(), batch.clone());
        let attempt = std::thread::spawn(move || client.sync(&token, 0, &sending));
        std::thread::sleep(Duration::from_millis(delay_ms));
        server.kill();
        let first_answer = attempt.join().unwrap();
        server.restart();
        assert_eq!(
            server.client().addr,
            client.addr,
            "the same port after a restart"
        );

        // The device did not see an answer (or did): either way it sends the same batch again.
        let retry = client.sync(&phone.token, 0, &batch).unwrap();
        for result in &retry.results {
            assert_ne!(result.status, RecordStatus::Rejected, "{:?}", result.reason);
        }
        if let Ok(answer) = first_answer {
            answered_before_kill += 1;
            assert!(
                answer
                    .results
                    .iter()
                    .all(|r| r.status == RecordStatus::Accepted)
            );
            assert!(
                retry
                    .results
                    .iter()
                    .all(|r| r.status == RecordStatus::Duplicate),
                "an answered write survives the kill (round {round})"
            );
        }
        sent.extend(batch);
    }
    let db = server.db();
    assert_eq!(db.records.len(), sent.len(), "every record stored, once");
    let ids: HashSet<_> = db.records.iter().map(|r| r.record.id.clone()).collect();
    assert_eq!(ids.len(), sent.len());
    let (received, _) = client.pull_all(&laptop.token, 0).unwrap();
    assert_eq!(
        received.len(),
        sent.len(),
        "the other device gets each record once"
    );
    let received_ids: HashSet<_> = received.iter().map(|r| r.id.clone()).collect();
    assert_eq!(received_ids, ids);
    // Not a proof of timing, but a sign the test hit both sides of the kill.
    eprintln!("{answered_before_kill} of 8 first attempts were answered before the kill");
}

#[test]
fn a_cursor_survives_a_restart_and_picks_up_where_it_left_off() {
    let mut server = start();
    let client = server.client();
    let phone = enrol(&server, "phone");
    let laptop = pair(&client, &phone.token, "laptop");
    client
        .sync(&phone.token, 0, &steps("phone", now_ms(), 0, 10))
        .unwrap();
    let (first, cursor) = client.pull_all(&laptop.token, 0).unwrap();
    assert_eq!(first.len(), 10);
    server.kill();
    server.restart();
    let more = steps("phone", now_ms(), 10, 5);
    client.sync(&phone.token, 0, &more).unwrap();
    let (second, _) = client.pull_all(&laptop.token, cursor).unwrap();
    assert_eq!(second, more, "only what is new since the cursor");
}

/// Many devices writing at once, so the kill lands inside group commits holding several
/// requests: every answered batch survives, and retries store nothing twice.
#[test]
fn killed_during_concurrent_group_commits_keeps_every_answered_batch() {
    let mut server = start();
    let client = server.client();
    let devices: Vec<_> = (0..6)
        .map(|i| {
            let name = format!("device-{i}");
            let token = enrol(&server, &name).token;
            (name, token)
        })
        .collect();
    // Each device sends batches of 50 until the server dies; it remembers which were answered.
    let workers: Vec<_> = devices
        .iter()
        .cloned()
        .map(|(name, token)| {
            std::thread::spawn(move || {
                let mut answered = Vec::new();
                for round in 0..1_000_u32 {
                    let batch = steps(&name, now_ms(), round * 50, 50);
                    match client.sync(&token, 0, &batch) {
                        Ok(_) => answered.push(batch),
                        Err(_) => return (name, token, answered, batch),
                    }
                }
                panic!("the server was never killed");
            })
        })
        .collect();
    std::thread::sleep(Duration::from_millis(300));
    server.kill();
    let outcomes: Vec<_> = workers.into_iter().map(|w| w.join().unwrap()).collect();
    server.restart();

    let mut expected = 0;
    for (name, token, answered, unanswered) in &outcomes {
        // An answered batch is all there after the restart: a retry finds only duplicates.
        for batch in answered {
            let again = client.sync(token, 0, batch).unwrap();
            assert!(
                again
                    .results
                    .iter()
                    .all(|r| r.status == RecordStatus::Duplicate),
                "{name}: an answered batch was lost"
            );
        }
        // The batch in flight at the kill is sent again, as the device would.
        let retry = client.sync(token, 0, unanswered).unwrap();
        assert!(
            retry
                .results
                .iter()
                .all(|r| r.status != RecordStatus::Rejected)
        );
        expected += (answered.len() + 1) * 50;
    }
    assert!(
        outcomes
            .iter()
            .any(|(_, _, answered, _)| !answered.is_empty()),
        "some batches were answered before the kill"
    );
    let db = server.db();
    assert_eq!(
        db.records.len(),
        expected,
        "each record stored exactly once"
    );
    let ids: HashSet<_> = db
        .records
        .iter()
        .map(|r| (r.user.clone(), r.record.id.clone()))
        .collect();
    assert_eq!(ids.len(), expected);
}
