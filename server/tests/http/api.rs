//! The exchange as a device sees it: enrolment, pairing, sync, pack, deletion.

use server::testing::records::{now_ms, step, steps};
use shared::sync::wire::{MAX_BATCH, RecordStatus};

use super::{enrol, pair, start};

#[test]
fn a_second_device_receives_what_the_first_sent_exactly_once() {
    let server = start();
    let client = server.client();
    let phone = enrol(&server, "phone");
    let laptop = pair(&client, &phone.token, "laptop");
    assert_eq!(laptop.user, phone.user, "pairing joins the same learner");
    assert_eq!(laptop.cohort, "Demo cohort");
    assert_ne!(laptop.token, phone.token);

    let sent = steps("phone", now_ms(), 0, 5);
    let answer = client.sync(&phone.token, 0, &sent).unwrap();
    assert!(
        answer
            .results
            .iter()
            .all(|r| r.status == RecordStatus::Accepted)
    );
    assert_eq!(
        answer.results.iter().map(|r| &r.id).collect::<Vec<_>>(),
        sent.iter().map(|r| &r.id).collect::<Vec<_>>(),
        "one result per record, in order"
    );
    assert!(
        answer.records.is_empty(),
        "a device never gets its own records back"
    );
    assert!(!answer.more);
    assert_eq!(
        answer.pack_version,
        shared::pack::Content::default_content().pack.version,
        "the built-in pack's version"
    );

    let received = client.sync(&laptop.token, 0, &[]).unwrap();
    assert_eq!(received.records, sent, "oldest first, unchanged");
    assert!(!received.more);
    // Syncing again from the new cursor brings nothing new.
    let again = client.sync(&laptop.token, received.cursor, &[]).unwrap();
    assert!(again.records.is_empty());
    assert_eq!(again.cursor, received.cursor);
    assert_eq!(server.db().records.len(), 5, "stored once each");
}

#[test]
fn the_same_request_twice_is_idempotent() {
    let server = start();
    let client = server.client();
    let phone = enrol(&server, "phone");
    let laptop = pair(&client, &phone.token, "laptop");
    client
        .sync(&laptop.token, 0, &steps("laptop", now_ms(), 0, 3))
        .unwrap();

    let batch = steps("phone", now_ms(), 0, 4);
    let first = client.sync(&phone.token, 0, &batch).unwrap();
    let second = client.sync(&phone.token, 0, &batch).unwrap();
    assert!(
        first
            .results
            .iter()
            .all(|r| r.status == RecordStatus::Accepted)
    );
    assert!(
        second
            .results
            .iter()
            .all(|r| r.status == RecordStatus::Duplicate)
    );
    assert!(second.results.iter().all(|r| r.reason.is_none()));
    assert_eq!(first.records, second.records, "the same records come back");
    assert_eq!(first.cursor, second.cursor);
    assert_eq!(server.db().records.len(), 7);
}

#[test]
fn a_reused_id_with_different_content_is_rejected_and_the_first_kept() {
    let server = start();
    let client = server.client();
    let phone = enrol(&server, "phone");
    let original = step("phone", now_ms(), 1);
    client
        .sync(&phone.token, 0, std::slice::from_ref(&original))
        .unwrap();
    let mut changed = original.clone();
    changed.body = changed.body.replace("\"step\":1", "\"step\":9");
    let answer = client.sync(&phone.token, 0, &[changed]).unwrap();
    assert_eq!(answer.results[0].status, RecordStatus::Rejected);
    let reason = answer.results[0].reason.as_deref().unwrap();
    assert!(reason.contains("same id"), "{reason}");
    let db = server.db();
    assert_eq!(db.records.len(), 1);
    assert_eq!(db.records[0].record, original);
}

#[test]
fn rejected_records_get_reasons_and_the_rest_are_stored() {
    let server = start();
    let client = server.client();
    let phone = enrol(&server, "phone");
    let now = now_ms();
    let good = step("phone", now, 1);
    let other_device = step("laptop", now, 2);
    let future = step("phone", now + 6 * 60_000, 3);
    let mut unreadable = step("phone", now, 4);
    unreadable.body = "{\"type\":\"no_such_thing\"}".into();
    let mut huge = step("phone", now, 5);
    huge.kind = "display_name_set".into();
    huge.body = format!(
        "{{\"type\":\"display_name_set\",\"name\":\"{}\"}}",
        "n".repeat(17_000)
    );
    let answer = client
        .sync(
            &phone.token,
            0,
            &[good.clone(), other_device, future, unreadable, huge],
        )
        .unwrap();
    let statuses: Vec<_> = answer.results.iter().map(|r| r.status).collect();
    assert_eq!(
        statuses,
        [
            RecordStatus::Accepted,
            RecordStatus::Rejected,
            RecordStatus::Rejected,
            RecordStatus::Rejected,
            RecordStatus::Rejected
        ]
    );
    let reasons: Vec<&str> = answer.results[1..]
        .iter()
        .map(|r| r.reason.as_deref().unwrap())
        .collect();
    assert!(reasons[0].contains("another device"), "{}", reasons[0]);
    assert!(reasons[1].contains("minutes ahead"), "{}", reasons[1]);
    assert!(reasons[1].contains("date and time"), "{}", reasons[1]);
    assert!(reasons[2].contains("could not read"), "{}", reasons[2]);
    assert!(reasons[3].contains("too large"), "{}", reasons[3]);
    let db = server.db();
    assert_eq!(db.records.len(), 1);
    assert_eq!(db.records[0].record, good);
}

#[test]
fn device_clocks_minutes_apart_are_accepted() {
    let server = start();
    let client = server.client();
    let phone = enrol(&server, "phone");
    let laptop = pair(&client, &phone.token, "laptop");
    let now = now_ms();
    // Up to five minutes ahead of the server, and any amount behind it.
    let fast = steps("phone", now + 4 * 60_000, 0, 3);
    let slow = steps("laptop", now - 10 * 60_000, 100, 3);
    let a = client.sync(&phone.token, 0, &fast).unwrap();
    let b = client.sync(&laptop.token, 0, &slow).unwrap();
    assert!(
        a.results
            .iter()
            .chain(&b.results)
            .all(|r| r.status == RecordStatus::Accepted)
    );
    assert_eq!(
        b.records, fast,
        "the slow device gets the fast one's records"
    );
    let back = client.sync(&phone.token, a.cursor, &[]).unwrap();
    assert_eq!(back.records, slow);
}

#[test]
fn records_arriving_out_of_order_are_all_kept_and_relayed_in_arrival_order() {
    let server = start();
    let client = server.client();
    let phone = enrol(&server, "phone");
    let laptop = pair(&client, &phone.token, "laptop");
    let mut batch = steps("phone", now_ms(), 0, 10);
    batch.reverse();
    let (late, early) = batch.split_at(5);
    client.sync(&phone.token, 0, early).unwrap();
    client.sync(&phone.token, 0, late).unwrap();
    let (received, _) = client.pull_all(&laptop.token, 0).unwrap();
    let expected: Vec<_> = early.iter().chain(late).cloned().collect();
    assert_eq!(received, expected);
}

#[test]
fn long_histories_come_in_pages_of_500_with_more() {
    let server = start();
    let client = server.client();
    let phone = enrol(&server, "phone");
    let laptop = pair(&client, &phone.token, "laptop");
    let all = steps("phone", now_ms(), 0, 1_200);
    for chunk in all.chunks(MAX_BATCH) {
        let answer = client.sync(&phone.token, 0, chunk).unwrap();
        assert!(
            answer
                .results
                .iter()
                .all(|r| r.status == RecordStatus::Accepted)
        );
    }
    let first = client.sync(&laptop.token, 0, &[]).unwrap();
    assert_eq!(first.records.len(), MAX_BATCH);
    assert!(first.more);
    let second = client.sync(&laptop.token, first.cursor, &[]).unwrap();
    assert_eq!(second.records.len(), MAX_BATCH);
    assert!(second.more);
    let third = client.sync(&laptop.token, second.cursor, &[]).unwrap();
    assert_eq!(third.records.len(), 200);
    assert!(!third.more);
    let received: Vec<_> = [first.records, second.records, third.records].concat();
    assert_eq!(received, all);
}

#[test]
fn pairing_codes_work_once() {
    let server = start();
    let client = server.client();
    let phone = enrol(&server, "phone");
    let code = client.start_pairing(&phone.token).unwrap();
    assert_eq!(code.code.len(), 14, "three groups of four: {}", code.code);
    assert!(
        code.expires_at_ms > now_ms() + 9 * 60_000,
        "ten minutes by default"
    );
    client.complete_pairing(&code.code, "laptop").unwrap();
    let again = client.complete_pairing(&code.code, "tablet").unwrap_err();
    let server::testing::client::Failed::Status(response) = again else {
        panic!("{again}")
    };
    assert_eq!(response.status, 404);
    assert_eq!(response.error().unwrap().error.code, "bad_pairing_code");
    assert!(
        server.db().pairing_codes.is_empty(),
        "used codes are deleted"
    );
}

#[test]
fn pairing_codes_expire() {
    let server = server::testing::TestServer::start_with(super::BINARY, &["--pairing-ttl", "1"]);
    let client = server.client();
    let phone = enrol(&server, "phone");
    let code = client.start_pairing(&phone.token).unwrap();
    std::thread::sleep(std::time::Duration::from_millis(1_200));
    let late = client.complete_pairing(&code.code, "laptop").unwrap_err();
    assert!(
        matches!(&late, server::testing::client::Failed::Status(r) if r.status == 404),
        "{late}"
    );
    assert_eq!(server.db().devices.len(), 1, "no device was added");
}

#[test]
fn deleting_the_account_removes_everything_stored_for_it() {
    let server = start();
    let client = server.client();
    let phone = enrol(&server, "phone");
    let laptop = pair(&client, &phone.token, "laptop");
    client.start_pairing(&phone.token).unwrap();
    client
        .sync(&phone.token, 0, &steps("phone", now_ms(), 0, 3))
        .unwrap();
    let other = enrol(&server, "other");
    client
        .sync(&other.token, 0, &steps("other", now_ms(), 0, 2))
        .unwrap();

    client.delete_account(&laptop.token).unwrap();
    let db = server.db();
    assert_eq!(db.users, vec![other.user.clone()]);
    assert!(db.devices.iter().all(|d| d.user == other.user));
    assert!(db.pairing_codes.is_empty());
    assert_eq!(db.records.len(), 2);
    assert!(db.records.iter().all(|r| r.user == other.user));
    for token in [&phone.token, &laptop.token] {
        let refused = client.sync(token, 0, &[]).unwrap_err();
        assert!(
            matches!(&refused, server::testing::client::Failed::Status(r) if r.status == 401),
            "{refused}"
        );
    }
    assert!(client.sync(&other.token, 0, &[]).is_ok());
}

#[test]
fn the_pack_is_the_built_in_one_as_json() {
    let server = start();
    let pack = server.client().pack().unwrap();
    let builtin = shared::pack::Content::default_content();
    assert_eq!(pack["id"], builtin.pack.id.as_str());
    assert_eq!(pack["version"], builtin.pack.version);
    let decoded: content::Pack = serde_json::from_value(pack).unwrap();
    assert_eq!(decoded, builtin.pack);
}

#[test]
fn cohorts_are_made_from_the_command_line_and_work() {
    let server = start();
    // The demo council is the only one, so a cohort needs no --council yet.
    let demo = server.run_command(&["cohort", "add", "Autumn"]).unwrap();
    server
        .run_command(&["council", "add", "Leeds City Council"])
        .unwrap();
    let unsure = server
        .run_command(&["cohort", "add", "Spring"])
        .unwrap_err();
    assert!(unsure.contains("--council"), "{unsure}");
    let code = server
        .run_command(&[
            "cohort",
            "add",
            "Leeds spring",
            "--council",
            "leeds city council",
        ])
        .unwrap();
    let code = code.trim();
    assert_eq!(code.len(), 9, "{code}");
    let joined = server
        .client()
        .enrol(&code.to_lowercase().replace('-', " "), "phone")
        .unwrap();
    assert_eq!(joined.cohort, "Leeds spring");
    let list = server.run_command(&["cohort", "list"]).unwrap();
    let expected = format!(
        "Demo council\n  {}\tDemo cohort\n  {}\tAutumn\nLeeds City Council\n  {code}\tLeeds spring\n",
        server.cohort_code,
        demo.trim()
    );
    assert_eq!(list, expected);
    let missing = server
        .run_command(&["cohort", "add", "X", "--council", "Hull"])
        .unwrap_err();
    assert!(missing.contains("no council called \"Hull\""), "{missing}");
}

#[test]
fn the_web_app_is_served_with_an_index_fallback() {
    let web = server::testing::TempDir::new("web").unwrap();
    std::fs::write(web.path().join("index.html"), "<h1>app</h1>").unwrap();
    std::fs::write(web.path().join("app.js"), "console.log(1)").unwrap();
    let dir = web.path().to_str().unwrap();
    let server = server::testing::TestServer::start_with(super::BINARY, &["--web-dir", dir]);
    let client = server.client();
    let index = client.send("GET", "/", None, None).unwrap();
    assert_eq!((index.status, index.text().as_str()), (200, "<h1>app</h1>"));
    let script = client.send("GET", "/app.js", None, None).unwrap();
    assert_eq!(script.text(), "console.log(1)");
    assert!(
        script
            .header("content-type")
            .unwrap()
            .contains("javascript")
    );
    let deep = client.send("GET", "/lessons/3", None, None).unwrap();
    assert_eq!(
        deep.text(),
        "<h1>app</h1>",
        "app routes fall back to index.html"
    );
    let escape = client.send("GET", "/../../etc/passwd", None, None).unwrap();
    assert!(
        !escape.text().contains("root:"),
        "no path escapes the folder"
    );
    let api = client.send("GET", "/api/v1/nothing", None, None).unwrap();
    assert_eq!(api.status, 404);
    assert_eq!(api.error().unwrap().error.code, "not_found");
}

#[test]
fn the_web_app_is_sent_compressed_when_the_browser_accepts_it() {
    let web = server::testing::TempDir::new("web").unwrap();
    let script = "console.log('a script long enough to be worth compressing');\n".repeat(40);
    std::fs::write(web.path().join("index.html"), "<h1>app</h1>").unwrap();
    std::fs::write(web.path().join("app.js"), &script).unwrap();
    // Stand-ins for the copies the web build writes: what matters is which file is sent.
    std::fs::write(web.path().join("app.js.gz"), b"gzip bytes").unwrap();
    std::fs::write(web.path().join("app.js.br"), b"brotli bytes").unwrap();
    let dir = web.path().to_str().unwrap();
    let server = server::testing::TestServer::start_with(super::BINARY, &["--web-dir", dir]);
    let get = |accept: Option<&str>| {
        let headers: Vec<(&str, &str)> = accept
            .map(|a| vec![("Accept-Encoding", a)])
            .unwrap_or_default();
        let request = server::testing::client::build("GET", "/app.js", &headers, None);
        server::testing::client::exchange(server.client().addr, &request).unwrap()
    };

    let brotli = get(Some("gzip, deflate, br"));
    assert_eq!(brotli.header("content-encoding"), Some("br"));
    assert_eq!(brotli.body, b"brotli bytes");
    assert!(
        brotli
            .header("content-type")
            .unwrap()
            .contains("javascript")
    );
    assert!(
        brotli
            .header("vary")
            .is_some_and(|v| v.to_ascii_lowercase().contains("accept-encoding")),
        "caches must know the answer depends on Accept-Encoding"
    );

    let gzip = get(Some("gzip"));
    assert_eq!(gzip.header("content-encoding"), Some("gzip"));
    assert_eq!(gzip.body, b"gzip bytes");

    let plain = get(None);
    assert_eq!(plain.header("content-encoding"), None);
    assert_eq!(plain.text(), script);
}
