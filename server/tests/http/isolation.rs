//! One learner's token can neither read nor write another learner's records.

use server::testing::records::{now_ms, step, steps};
use shared::sync::wire::RecordStatus;

use super::{enrol, pair, start};

#[test]
fn a_token_reads_and_writes_only_its_own_learners_records() {
    let server = start();
    let client = server.client();
    let alice = enrol(&server, "alice-phone");
    let alice_laptop = pair(&client, &alice.token, "alice-laptop");
    let bob = enrol(&server, "bob-phone");
    let bob_laptop = pair(&client, &bob.token, "bob-laptop");

    let alice_records = steps("alice-phone", now_ms(), 0, 4);
    client.sync(&alice.token, 0, &alice_records).unwrap();
    client
        .sync(&bob.token, 0, &steps("bob-phone", now_ms(), 0, 3))
        .unwrap();

    // Reading: Bob's devices see only Bob's records, from any cursor.
    let (bob_sees, _) = client.pull_all(&bob_laptop.token, 0).unwrap();
    assert_eq!(bob_sees.len(), 3);
    assert!(bob_sees.iter().all(|r| r.device == "bob-phone"));
    let (alice_sees, _) = client.pull_all(&alice_laptop.token, 0).unwrap();
    assert_eq!(alice_sees, alice_records);

    // Writing: Bob cannot send records stamped with Alice's device...
    let forged = step("alice-phone", now_ms(), 50);
    let answer = client
        .sync(&bob.token, 0, std::slice::from_ref(&forged))
        .unwrap();
    assert_eq!(answer.results[0].status, RecordStatus::Rejected);
    // ...and a record id Alice uses is a different record for Bob: his copy cannot touch hers.
    let mut same_id = step("bob-phone", now_ms(), 60);
    same_id.id.clone_from(&alice_records[0].id);
    let answer = client.sync(&bob.token, 0, &[same_id]).unwrap();
    assert_eq!(answer.results[0].status, RecordStatus::Accepted);

    let db = server.db();
    let alice_stored: Vec<_> = db.records_of(&alice.user).cloned().collect();
    assert_eq!(alice_stored, alice_records, "Alice's records are untouched");
    assert_eq!(db.records_of(&bob.user).count(), 4);
    let (alice_after, _) = client.pull_all(&alice_laptop.token, 0).unwrap();
    assert_eq!(alice_after, alice_records, "nothing of Bob's reaches Alice");
}

#[test]
fn deleting_one_learner_leaves_the_other_whole() {
    let server = start();
    let client = server.client();
    let alice = enrol(&server, "alice");
    let bob = enrol(&server, "bob");
    client
        .sync(&alice.token, 0, &steps("alice", now_ms(), 0, 2))
        .unwrap();
    client
        .sync(&bob.token, 0, &steps("bob", now_ms(), 0, 2))
        .unwrap();
    client.delete_account(&bob.token).unwrap();
    let db = server.db();
    assert_eq!(db.records_of(&alice.user).count(), 2);
    assert_eq!(db.records_of(&bob.user).count(), 0);
}
