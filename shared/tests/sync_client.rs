//! The device's sync state machine against scripted server answers: the cases a real server
//! rarely produces on demand (errors, garbage, refusals). Whole journeys against the real server
//! are in the server's and the root `tests` crate's end-to-end tests.
// Journey tests read best as one story.
#![allow(clippy::too_many_lines)]

mod support;

use std::sync::{Arc, Mutex};

use crux_http::HttpError;
use crux_http::protocol::{HttpRequest, HttpResponse, HttpResult};
use shared::effects::store::{StoreRequest, SyncMark};
use shared::harness::Harness;
use shared::sync::wire::{
    Enrolled, PairingCode, RecordResult, RecordStatus, SyncRequest, SyncResponse,
};
use shared::view::{ScreenView, SyncSettingsView, SyncState};
use shared::{Destination, Event};
use support::{notice, started};

const SERVER: &str = "http://127.0.0.1:9";

fn json(status: u16, body: &impl serde::Serialize) -> HttpResult {
    HttpResult::Ok(HttpResponse {
        status,
        headers: vec![],
        body: serde_json::to_vec(body).unwrap(),
    })
}

fn error(status: u16, code: &str) -> HttpResult {
    json(
        status,
        &serde_json::json!({"error": {"code": code, "message": "Refused by the test."}}),
    )
}

fn enrolled() -> HttpResult {
    json(
        201,
        &Enrolled {
            token: "secret-token".into(),
            user: "u1".into(),
            cohort: "Demo cohort".into(),
        },
    )
}

/// Accepts every record sent, and returns no records, unless told otherwise.
fn accept_all(request: &HttpRequest) -> SyncResponse {
    let body: SyncRequest = serde_json::from_slice(&request.body).unwrap();
    SyncResponse {
        results: body
            .records
            .iter()
            .map(|r| RecordResult {
                id: r.id.clone(),
                status: RecordStatus::Accepted,
                reason: None,
            })
            .collect(),
        records: vec![],
        cursor: body.cursor,
        more: false,
        pack_version: 1,
    }
}

type Answer = Box<dyn Fn(&HttpRequest) -> HttpResult + Send + Sync>;

/// A harness whose network answers with `answer`, which can be swapped during a test.
fn with_server(answer: Answer) -> (Harness, Arc<Mutex<Answer>>) {
    let slot: Arc<Mutex<Answer>> = Arc::new(Mutex::new(answer));
    let mut harness = started();
    let shared_slot = slot.clone();
    harness.http = Arc::new(move |request| (shared_slot.lock().unwrap())(request));
    (harness, slot)
}

fn default_server() -> Answer {
    Box::new(|request| match request.url.as_str() {
        u if u.ends_with("/api/v1/enrol") => enrolled(),
        u if u.ends_with("/api/v1/sync") => json(200, &accept_all(request)),
        _ => error(404, "not_found"),
    })
}

fn sync_bodies(harness: &Harness) -> Vec<SyncRequest> {
    harness
        .http_log
        .iter()
        .filter(|r| r.url.ends_with("/sync"))
        .map(|r| serde_json::from_slice(&r.body).unwrap())
        .collect()
}

fn join(harness: &mut Harness) {
    harness.send(Event::Join {
        server: format!("{SERVER}/"),
        code: "DEMO-1234".into(),
    });
}

#[test]
fn nothing_leaves_the_device_before_joining() {
    let (mut harness, _) = with_server(default_server());
    harness.send(Event::OpenLesson {
        lesson: "hello".into(),
    });
    harness.advance(60_000);
    assert!(harness.http_log.is_empty());
    let view = harness.view();
    assert_eq!(view.sync.state, SyncState::LocalOnly);
    assert!(view.sync.text.starts_with("Saved on this device. Join"));
}

#[test]
fn joining_saves_the_link_and_sends_what_was_learned_offline() {
    let (mut harness, _) = with_server(default_server());
    harness.send(Event::OpenLesson {
        lesson: "hello".into(),
    });
    join(&mut harness);

    let enrol = &harness.http_log[0];
    assert_eq!(enrol.url, "http://127.0.0.1:9/api/v1/enrol");
    let body: serde_json::Value = serde_json::from_slice(&enrol.body).unwrap();
    assert_eq!(body["cohort_code"], "DEMO-1234");
    assert_eq!(body["device"], harness.model.device.as_str());
    assert_eq!(
        notice(&harness.view()),
        Some("You have joined Demo cohort. Your progress will sync when you are online.")
    );
    assert!(
        harness
            .store
            .meta
            .iter()
            .any(|m| m.key == "link" && m.value.contains("secret-token"))
    );

    let bodies = sync_bodies(&harness);
    assert_eq!(bodies.len(), 1);
    assert_eq!(bodies[0].cursor, 0);
    assert_eq!(bodies[0].records.len(), 1);
    let sync = harness
        .http_log
        .iter()
        .find(|r| r.url.ends_with("/sync"))
        .unwrap();
    assert!(
        sync.headers
            .iter()
            .any(|h| h.name == "authorization" && h.value == "Bearer secret-token")
    );
    assert!(
        harness
            .store
            .records
            .iter()
            .all(|r| r.sync == SyncMark::Synced)
    );
    let view = harness.view();
    assert_eq!(view.sync.state, SyncState::Synced);
    assert_eq!(view.sync.text, "Synced just now");

    // The link survives a restart, and the app syncs on launch.
    let mut reopened = harness.reopen();
    reopened.start();
    assert!(reopened.model.sync.is_linked());
    assert_eq!(sync_bodies(&reopened).len(), 1, "a sync on launch");
}

#[test]
fn join_problems_are_explained() {
    let (mut harness, slot) = with_server(default_server());
    harness.send(Event::Join {
        server: "council.example".into(),
        code: "X".into(),
    });
    assert_eq!(
        notice(&harness.view()),
        Some("Enter the server address in full, starting with https://")
    );
    // Plain HTTP to another machine would send the token readable across the network.
    harness.send(Event::Join {
        server: "http://council.example".into(),
        code: "X".into(),
    });
    assert_eq!(
        notice(&harness.view()),
        Some("Enter the server address in full, starting with https://")
    );
    harness.send(Event::Join {
        server: SERVER.into(),
        code: "  ".into(),
    });
    assert_eq!(
        notice(&harness.view()),
        Some("Enter the code your programme lead gave you.")
    );
    assert!(harness.http_log.is_empty());

    *slot.lock().unwrap() = Box::new(|_| error(404, "unknown_cohort"));
    join(&mut harness);
    assert_eq!(
        notice(&harness.view()),
        Some("We did not recognise that code. Check it with your programme lead.")
    );
    *slot.lock().unwrap() =
        Box::new(|_| HttpResult::Err(HttpError::Io("connection refused".into())));
    join(&mut harness);
    assert_eq!(
        notice(&harness.view()),
        Some(
            "We could not reach http://127.0.0.1:9. Check the address and your connection, then try again."
        )
    );
    assert!(!harness.model.sync.is_linked());
}

#[test]
fn changes_sync_after_a_pause_not_on_every_tap() {
    let (mut harness, _) = with_server(default_server());
    join(&mut harness);
    let before = sync_bodies(&harness).len();
    harness.send(Event::OpenLesson {
        lesson: "hello".into(),
    });
    harness.send(Event::NextStep);
    assert_eq!(sync_bodies(&harness).len(), before, "not yet");
    harness.advance(2_000);
    let bodies = sync_bodies(&harness);
    assert_eq!(bodies.len(), before + 1, "one request for both changes");
    assert_eq!(bodies.last().unwrap().records.len(), 2);
}

#[test]
fn private_answers_and_notes_stay_unless_backup_is_on() {
    let (mut harness, _) = with_server(default_server());
    join(&mut harness);
    harness.send(Event::StartChecklist {
        checklist: "surgery".into(),
    });
    let ScreenView::Run(run) = harness.view().screen else {
        panic!()
    };
    harness.send(Event::SaveNote {
        run: run.run_id.clone(),
        item: "platform".into(),
        note: "Private thoughts".into(),
    });
    harness.advance(2_000);
    let sent: Vec<String> = sync_bodies(&harness)
        .into_iter()
        .flat_map(|b| b.records)
        .map(|r| r.kind)
        .collect();
    assert!(sent.contains(&"checklist_started".to_owned()));
    assert!(!sent.contains(&"checklist_note_set".to_owned()), "{sent:?}");
    assert!(
        sync_bodies(&harness)
            .iter()
            .flat_map(|b| &b.records)
            .all(|r| !r.private)
    );
    // The note is not "waiting": it is not going anywhere.
    assert_eq!(harness.view().sync.text, "Synced just now");

    harness.send(Event::SetBackup { enabled: true });
    harness.advance(2_000);
    let last = sync_bodies(&harness).pop().unwrap();
    let kinds: Vec<&str> = last.records.iter().map(|r| r.kind.as_str()).collect();
    assert!(kinds.contains(&"checklist_note_set"), "{kinds:?}");
    assert!(kinds.contains(&"backup_set"));
}

#[test]
fn a_rejected_record_stays_on_the_device_with_its_reason() {
    let (mut harness, slot) = with_server(default_server());
    join(&mut harness);
    *slot.lock().unwrap() = Box::new(|request| {
        let mut response = accept_all(request);
        for result in &mut response.results {
            result.status = RecordStatus::Rejected;
            result.reason = Some("This device's clock is more than a day ahead.".into());
        }
        json(200, &response)
    });
    harness.send(Event::SetDisplayName { name: "Sam".into() });
    harness.advance(2_000);

    let view = harness.view();
    assert_eq!(view.sync.state, SyncState::NeedsAttention);
    assert_eq!(view.sync.text, "1 item could not sync – see why");
    assert_eq!(
        view.sync.action.as_ref().unwrap().event,
        Event::Navigate {
            to: Destination::Settings
        }
    );
    assert!(harness.store.requests.iter().any(
        |r| matches!(r, StoreRequest::MarkRejected { reason, .. } if reason.contains("clock"))
    ));

    harness.send(Event::Navigate {
        to: Destination::Settings,
    });
    let ScreenView::Settings(settings) = harness.view().screen else {
        panic!()
    };
    let SyncSettingsView::Joined(joined) = settings.sync else {
        panic!()
    };
    assert_eq!(joined.problems.len(), 1);
    assert!(joined.problems[0].what.starts_with("Your name ("));
    assert_eq!(
        joined.problems[0].reason,
        "This device's clock is more than a day ahead."
    );

    // Never sent again, and still there after a restart.
    let sent_before = sync_bodies(&harness)
        .iter()
        .map(|b| b.records.len())
        .sum::<usize>();
    harness.send(Event::SyncNow);
    let sent_after = sync_bodies(&harness)
        .iter()
        .map(|b| b.records.len())
        .sum::<usize>();
    assert_eq!(sent_before, sent_after);
    let mut reopened = harness.reopen();
    reopened.start();
    assert_eq!(reopened.view().sync.text, "1 item could not sync – see why");
    assert!(
        reopened.model.log.progress().settings.display_name() == "Sam",
        "the change still counts here"
    );
}

#[test]
fn failures_back_off_and_retry_until_the_server_returns() {
    let (mut harness, slot) = with_server(default_server());
    join(&mut harness);
    *slot.lock().unwrap() = Box::new(|_| error(503, "unavailable"));
    harness.send(Event::SetDisplayName { name: "Sam".into() });
    harness.advance(2_000);
    let count = |h: &Harness| sync_bodies(h).len();
    let first = count(&harness);
    assert!(matches!(
        harness.model.sync.phase,
        shared::sync::client::Phase::BackingOff { .. }
    ));
    assert_eq!(harness.model.sync.failures, 1);
    assert_eq!(
        harness.view().sync.text,
        "Could not reach the server. Will try again in 1 minute."
    );

    harness.advance(4_999);
    assert_eq!(count(&harness), first, "waits 5 seconds");
    harness.advance(1);
    assert_eq!(count(&harness), first + 1);
    harness.advance(9_999);
    assert_eq!(count(&harness), first + 1, "then 10 seconds");
    *slot.lock().unwrap() = default_server();
    harness.advance(1);
    assert_eq!(count(&harness), first + 2);
    assert_eq!(harness.view().sync.state, SyncState::Synced);
    assert!(
        harness
            .store
            .records
            .iter()
            .all(|r| r.sync == SyncMark::Synced)
    );
}

#[test]
fn offline_waits_and_online_syncs_at_once() {
    let (mut harness, _) = with_server(default_server());
    join(&mut harness);
    harness.send(Event::ConnectivityChanged { online: false });
    harness.send(Event::SetDisplayName { name: "Sam".into() });
    harness.advance(60_000);
    let before = sync_bodies(&harness).len();
    let view = harness.view();
    assert_eq!(view.sync.state, SyncState::Offline);
    assert_eq!(
        view.sync.text,
        "Saved on this device. Will sync when online."
    );
    harness.send(Event::SyncNow);
    assert_eq!(
        notice(&harness.view()),
        Some("You are offline. Your changes will sync when you are back online.")
    );
    assert_eq!(sync_bodies(&harness).len(), before);

    harness.send(Event::ConnectivityChanged { online: true });
    assert_eq!(sync_bodies(&harness).len(), before + 1);
    assert_eq!(harness.view().sync.state, SyncState::Synced);
}

#[test]
fn a_refused_token_signs_the_device_out_but_keeps_everything() {
    let (mut harness, slot) = with_server(default_server());
    join(&mut harness);
    *slot.lock().unwrap() = Box::new(|_| error(401, "unauthorized"));
    harness.send(Event::SetDisplayName { name: "Sam".into() });
    harness.advance(2_000);
    let view = harness.view();
    assert_eq!(view.sync.state, SyncState::NeedsAttention);
    assert!(
        view.sync
            .text
            .starts_with("This device is no longer joined")
    );
    let requests = harness.http_log.len();
    harness.advance(600_000);
    assert_eq!(
        harness.http_log.len(),
        requests,
        "no retries while signed out"
    );
    assert_eq!(harness.model.log.progress().settings.display_name(), "Sam");
}

#[test]
fn records_from_other_devices_are_stored_before_the_cursor_moves() {
    let (mut harness, slot) = with_server(default_server());
    join(&mut harness);
    // Another device's record, made by a second core.
    let mut other = started();
    other.entropy = vec![9; 32];
    other.send(Event::SetDisplayName {
        name: "From the laptop".into(),
    });
    let remote = other.model.log.records()[0].to_stored();
    let remote_for_server = remote.clone();
    *slot.lock().unwrap() = Box::new(move |request| {
        let mut response = accept_all(request);
        if response.cursor == 0 {
            response.records = vec![remote_for_server.clone()];
            response.cursor = 7;
        }
        json(200, &response)
    });
    harness.send(Event::SyncNow);
    assert_eq!(
        harness.model.log.progress().settings.display_name(),
        "From the laptop"
    );
    assert_eq!(harness.model.sync.cursor, 7);

    let append = harness
        .store
        .requests
        .iter()
        .position(
            |r| matches!(r, StoreRequest::AppendSynced { records } if records[0].id == remote.id),
        )
        .expect("the remote record is stored");
    let cursor = harness
        .store
        .requests
        .iter()
        .position(|r| matches!(r, StoreRequest::SetMeta { key, value } if key == "sync_cursor" && value == "7"))
        .expect("the cursor is saved");
    assert!(append < cursor, "stored before the cursor moves");

    harness.send(Event::SyncNow);
    assert_eq!(sync_bodies(&harness).last().unwrap().cursor, 7);
}

#[test]
fn an_unreadable_answer_keeps_records_pending_and_retries() {
    let (mut harness, slot) = with_server(default_server());
    join(&mut harness);
    *slot.lock().unwrap() = Box::new(|_| {
        HttpResult::Ok(HttpResponse {
            status: 200,
            headers: vec![],
            body: b"<html>captive portal</html>".to_vec(),
        })
    });
    harness.send(Event::SetDisplayName { name: "Sam".into() });
    harness.advance(2_000);
    assert!(matches!(
        harness.model.sync.phase,
        shared::sync::client::Phase::BackingOff { .. }
    ));
    let name = harness
        .store
        .records
        .iter()
        .find(|r| r.record.kind == "display_name_set")
        .unwrap();
    assert_eq!(name.sync, SyncMark::Pending);

    // An answer that does not match what was sent is treated the same way.
    *slot.lock().unwrap() = Box::new(|request| {
        let mut response = accept_all(request);
        response.results.clear();
        json(200, &response)
    });
    harness.advance(5_000);
    assert!(matches!(
        harness.model.sync.phase,
        shared::sync::client::Phase::BackingOff { .. }
    ));
    assert_eq!(harness.model.sync.failures, 2);
}

/// A server that accepts every record, says `pack`'s version is the newest, and serves it.
fn offering(pack: &content::Pack) -> Answer {
    let pack = pack.clone();
    Box::new(move |request| {
        if request.url.ends_with("/pack") {
            return json(200, &pack);
        }
        let mut response = accept_all(request);
        response.pack_version = pack.version;
        json(200, &response)
    })
}

#[test]
fn a_newer_sound_pack_replaces_the_built_in_one_and_persists() {
    let (mut harness, slot) = with_server(default_server());
    join(&mut harness);
    let mut newer = harness.model.content.pack.clone();
    newer.version = 2;
    newer.modules[0].title = "Basics, revised".into();
    let mut broken = newer.clone();
    broken.version = 3;
    broken.modules[1].prerequisites = vec!["nowhere".into()];
    *slot.lock().unwrap() = offering(&newer);
    harness.send(Event::SyncNow);
    assert_eq!(harness.model.content.pack.version, 2);
    assert_eq!(
        harness.model.content.pack.modules[0].title,
        "Basics, revised"
    );
    assert_eq!(
        notice(&harness.view()),
        Some("New learning content has arrived. Your progress is kept.")
    );
    let mut reopened = harness.reopen();
    reopened.start();
    assert_eq!(
        reopened.model.content.pack.version, 2,
        "kept for offline use"
    );

    // A broken pack is refused: the app keeps teaching what it has.
    *slot.lock().unwrap() = offering(&broken);
    harness.send(Event::SyncNow);
    assert_eq!(harness.model.content.pack.version, 2);
}

#[test]
fn pairing_shows_a_code_and_a_second_device_joins_with_it() {
    let (mut harness, slot) = with_server(default_server());
    join(&mut harness);
    let expires = harness.now_ms + 10 * 60_000;
    *slot.lock().unwrap() = Box::new(move |_| {
        json(
            201,
            &PairingCode {
                code: "K7QM-3XPA-9RTW".into(),
                expires_at_ms: expires,
            },
        )
    });
    harness.send(Event::Navigate {
        to: Destination::Settings,
    });
    harness.send(Event::StartPairing);
    let ScreenView::Settings(settings) = harness.view().screen else {
        panic!()
    };
    let SyncSettingsView::Joined(joined) = settings.sync else {
        panic!()
    };
    assert_eq!(
        joined.pairing_text.as_deref(),
        Some(
            "Enter this code on your other device: K7QM 3XPA 9RTW. It works until 09:10 and only once."
        )
    );

    let (mut laptop, laptop_slot) = with_server(default_server());
    *laptop_slot.lock().unwrap() = Box::new(|request| {
        if request.url.ends_with("/pair/complete") {
            enrolled()
        } else {
            json(200, &accept_all(request))
        }
    });
    laptop.send(Event::Pair {
        server: SERVER.into(),
        code: "k7qm 3xpa 9rtw".into(),
    });
    let body: serde_json::Value = serde_json::from_slice(&laptop.http_log[0].body).unwrap();
    // As typed, without the spaces; the server ignores case and dashes.
    assert_eq!(body["code"], "k7qm3xpa9rtw");
    assert!(laptop.model.sync.is_linked());
}

#[test]
fn deleting_the_account_unlinks_and_makes_everything_unsynced_again() {
    let (mut harness, slot) = with_server(default_server());
    harness.send(Event::SetDisplayName { name: "Sam".into() });
    join(&mut harness);
    assert!(
        harness
            .store
            .records
            .iter()
            .all(|r| r.sync == SyncMark::Synced)
    );
    *slot.lock().unwrap() = Box::new(|_| {
        HttpResult::Ok(HttpResponse {
            status: 204,
            headers: vec![],
            body: vec![],
        })
    });
    harness.send(Event::Navigate {
        to: Destination::Settings,
    });
    harness.send(Event::ConfirmDeleteAccount);
    assert!(harness.model.sync.is_linked(), "not without confirming");
    harness.send(Event::DeleteAccount);
    harness.send(Event::ConfirmDeleteAccount);
    let delete = harness.http_log.last().unwrap();
    assert_eq!(delete.method, "DELETE");
    assert!(!harness.model.sync.is_linked());
    assert!(
        harness
            .store
            .records
            .iter()
            .all(|r| r.sync == SyncMark::Pending)
    );
    assert!(!harness.store.meta.iter().any(|m| m.key == "link"));
    assert_eq!(
        harness.model.log.progress().settings.display_name(),
        "Sam",
        "local progress stays"
    );
    assert_eq!(harness.view().sync.state, SyncState::LocalOnly);
}

/// Sets the other core's clock, then makes it record a backup choice: a record as a hostile
/// device (or a leaked token) could send it, stamped however it likes.
fn hostile_backup(
    seed: u8,
    enabled: bool,
    wall_ms: u64,
    counter: u32,
) -> shared::record::StoredRecord {
    // Its own entropy before it starts, so it is another device with its own ids.
    let mut other = Harness::new(support::fixture());
    other.entropy = vec![seed; 32];
    other.start();
    other.send(Event::SetBackup { enabled });
    let mut stored = other.model.log.records()[0].to_stored();
    stored.wall_ms = wall_ms;
    stored.counter = counter;
    stored
}

#[test]
fn a_hostile_timestamp_cannot_pin_a_setting() {
    let (mut harness, slot) = with_server(default_server());
    join(&mut harness);
    let now = harness.now_ms;
    // Two records that would each outrank every later change: one dated ten hours ahead, one
    // with the largest counter there is.
    // Seeds unlike the harness's own (7), so these are other devices with other ids.
    let ahead = hostile_backup(41, true, now + 10 * 3_600_000, 0);
    let counter = hostile_backup(42, true, now, u32::MAX);
    let sent = vec![ahead.clone(), counter];
    *slot.lock().unwrap() = Box::new(move |request| {
        let mut response = accept_all(request);
        if response.cursor == 0 {
            response.records.clone_from(&sent);
            response.cursor = 2;
        }
        json(200, &response)
    });
    harness.send(Event::SyncNow);
    let settings = |h: &Harness| h.model.log.progress().settings.backup();
    assert!(!settings(&harness), "neither hostile record took effect");
    // The learner's own choices work as ever, and the clock was not dragged ahead.
    harness.send(Event::SetBackup { enabled: true });
    assert!(settings(&harness));
    harness.send(Event::SetBackup { enabled: false });
    assert!(!settings(&harness));
    let last = harness.model.log.records().last().unwrap().hlc;
    assert!(
        last.wall_ms < now + 60_000,
        "the device's clock jumped: {last:?}"
    );
    assert!(last.counter < 100);
    // Kept, not lost: the record dated ahead is stored, and counts once its time has come.
    assert!(harness.store.requests.iter().any(
        |r| matches!(r, StoreRequest::AppendSynced { records } if records.iter().any(|x| x.id == ahead.id))
    ));
    assert_eq!(harness.model.later.len(), 1, "kept for later");
    harness.advance(10 * 3_600_000);
    harness.send(Event::Tick);
    assert!(settings(&harness), "applied when its time came");
    // Even then it is only one change among others: the learner's next choice wins.
    harness.send(Event::SetBackup { enabled: false });
    assert!(!settings(&harness));
    // The same holds after a restart: the stored record with the huge counter never counts.
    let mut reopened = harness.reopen();
    reopened.start();
    assert!(!settings(&reopened));
    assert_eq!(reopened.model.unreadable, 1);
}

/// Asks to delete the data on this device, from settings, and confirms.
fn delete_data_on_this_device(harness: &mut Harness) {
    harness.send(Event::Navigate {
        to: Destination::Settings,
    });
    harness.send(Event::DeleteData);
    harness.send(Event::ConfirmDelete);
}

fn sign_outs(harness: &Harness) -> Vec<&HttpRequest> {
    harness
        .http_log
        .iter()
        .filter(|r| r.method == "DELETE" && r.url.ends_with("/api/v1/devices/current"))
        .collect()
}

fn signed_out_server() -> Answer {
    Box::new(|request| {
        if request.url.ends_with("/devices/current") {
            HttpResult::Ok(HttpResponse {
                status: 204,
                headers: vec![],
                body: vec![],
            })
        } else {
            (default_server())(request)
        }
    })
}

#[test]
fn deleting_the_data_on_a_device_online_signs_it_out_first() {
    let (mut harness, slot) = with_server(signed_out_server());
    join(&mut harness);
    *slot.lock().unwrap() = signed_out_server();
    delete_data_on_this_device(&mut harness);
    let sent = sign_outs(&harness);
    assert_eq!(sent.len(), 1);
    assert!(
        sent[0]
            .headers
            .iter()
            .any(|h| h.name == "authorization" && h.value == "Bearer secret-token")
    );
    let wipe = harness
        .store
        .requests
        .iter()
        .position(|r| matches!(r, StoreRequest::Wipe))
        .expect("the data is wiped");
    assert!(
        !harness.store.requests[wipe..]
            .iter()
            .any(|r| matches!(r, StoreRequest::SetMeta { key, value } if key == "sign_out" && !value.is_empty())),
        "nothing is left to sign out later"
    );
    assert!(harness.model.sync.sign_out.is_none());
    assert!(!harness.model.sync.is_linked());
}

#[test]
fn deleting_the_data_on_a_device_offline_signs_it_out_at_the_next_chance() {
    let (mut harness, slot) = with_server(default_server());
    join(&mut harness);
    harness.send(Event::ConnectivityChanged { online: false });
    delete_data_on_this_device(&mut harness);
    assert!(
        sign_outs(&harness).is_empty(),
        "nothing is sent while offline"
    );
    assert!(
        harness
            .store
            .requests
            .iter()
            .any(|r| matches!(r, StoreRequest::Wipe)),
        "the data is wiped at once"
    );
    // Only the server and the old token are kept, to sign out later, and they survive a restart.
    let kept = harness.store.requests.iter().rev().find_map(|r| match r {
        StoreRequest::SetMeta { key, value } if key == "sign_out" => Some(value.clone()),
        _ => None,
    });
    let kept: serde_json::Value = serde_json::from_str(&kept.expect("kept")).unwrap();
    assert_eq!(kept["token"], "secret-token");
    assert_eq!(kept.as_object().unwrap().len(), 2, "{kept}");

    // The server cannot be reached at first: the sign-out stays pending.
    *slot.lock().unwrap() =
        Box::new(|_| HttpResult::Err(HttpError::Io("connection refused".into())));
    let mut reopened = harness.reopen();
    reopened.start();
    assert_eq!(sign_outs(&reopened).len(), 1, "tried at start");
    assert!(reopened.model.sync.sign_out.is_some());
    // Back online with the server there: signed out, and forgotten.
    *slot.lock().unwrap() = signed_out_server();
    reopened.send(Event::ConnectivityChanged { online: false });
    reopened.send(Event::ConnectivityChanged { online: true });
    assert_eq!(sign_outs(&reopened).len(), 2);
    assert!(reopened.model.sync.sign_out.is_none());
    assert!(reopened.store.requests.iter().any(
        |r| matches!(r, StoreRequest::SetMeta { key, value } if key == "sign_out" && value.is_empty())
    ));
}

#[test]
fn joining_asks_once_whether_to_share_progress() {
    let (mut harness, _) = with_server(default_server());
    harness.send(Event::Navigate {
        to: Destination::Settings,
    });
    join(&mut harness);
    let ScreenView::Settings(settings) = harness.view().screen else {
        panic!()
    };
    let SyncSettingsView::Joined(joined) = settings.sync else {
        panic!()
    };
    let prompt = joined.share_prompt.expect("asked after joining");
    assert!(
        prompt
            .will_not_see
            .iter()
            .any(|s| s.contains("self-assessment answers")),
        "{prompt:?}"
    );
    assert_eq!(prompt.no.label, "Do not share");
    harness.send(prompt.no.event);
    // "No" is an answer: it is recorded, syncs, and the question is not asked again.
    assert!(!harness.model.log.progress().settings.share_progress());
    let ScreenView::Settings(settings) = harness.view().screen else {
        panic!()
    };
    let SyncSettingsView::Joined(joined) = settings.sync else {
        panic!()
    };
    assert!(joined.share_prompt.is_none());
    harness.advance(2_000);
    let kinds: Vec<String> = sync_bodies(&harness)
        .iter()
        .flat_map(|b| b.records.iter().map(|r| r.kind.clone()))
        .collect();
    assert!(
        kinds.contains(&"progress_sharing_set".to_owned()),
        "{kinds:?}"
    );
}
