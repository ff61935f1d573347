//! What an attacker with a token, or a browser on a hostile page, might try: hostile clocks,
//! padded records, a second device with the same id, a lost phone's token, framing, sniffing,
//! caching and bodies that are not JSON.

use server::testing::client::{self, Failed};
use server::testing::records::{now_ms, step};
use shared::sync::wire::RecordStatus;

use super::{enrol, pair, start};

#[test]
fn hostile_clocks_and_padded_bodies_are_rejected_with_a_reason() {
    let server = start();
    let client = server.client();
    let phone = enrol(&server, "phone");
    let now = now_ms();
    let ten_hours_ahead = step("phone", now + 10 * 3_600_000, 1);
    let mut huge_counter = step("phone", now, 2);
    huge_counter.counter = u32::MAX;
    let mut padded = step("phone", now, 3);
    padded.body = padded.body.replace('}', r#","backup":"on"}"#);
    let fine = step("phone", now, 4);
    let answer = client
        .sync(
            &phone.token,
            0,
            &[ten_hours_ahead, huge_counter, padded, fine.clone()],
        )
        .unwrap();
    let statuses: Vec<_> = answer.results.iter().map(|r| r.status).collect();
    assert_eq!(
        statuses,
        [
            RecordStatus::Rejected,
            RecordStatus::Rejected,
            RecordStatus::Rejected,
            RecordStatus::Accepted
        ]
    );
    for result in &answer.results[..2] {
        let reason = result.reason.as_deref().unwrap();
        assert!(reason.contains("date and time on this device"), "{reason}");
    }
    let padded_reason = answer.results[2].reason.as_deref().unwrap();
    assert!(padded_reason.contains("backup"), "{padded_reason}");
    let db = server.db();
    assert_eq!(db.records.len(), 1);
    assert_eq!(db.records[0].record, fine);
}

#[test]
fn one_device_id_per_learner() {
    let server = start();
    let client = server.client();
    let phone = enrol(&server, "phone");
    let code = client.start_pairing(&phone.token).unwrap().code;
    let Err(Failed::Status(clash)) = client.complete_pairing(&code, "phone") else {
        panic!("a second 'phone' was let in");
    };
    assert_eq!(clash.status, 409);
    assert_eq!(clash.error().unwrap().error.code, "device_taken");
    // The code was not used up by the clash.
    assert!(client.complete_pairing(&code, "laptop").is_ok());
}

#[test]
fn a_signed_out_device_token_stops_working_at_once() {
    let server = start();
    let client = server.client();
    let phone = enrol(&server, "phone");
    let laptop = pair(&client, &phone.token, "laptop");
    client
        .sync(&phone.token, 0, &[step("phone", now_ms(), 1)])
        .unwrap();
    client.sign_out(&phone.token).unwrap();
    let Err(Failed::Status(gone)) = client.sync(&phone.token, 0, &[]) else {
        panic!("the lost phone can still sync");
    };
    assert_eq!(gone.status, 401);
    let Err(Failed::Status(again)) = client.sign_out(&phone.token) else {
        panic!("signed out twice");
    };
    assert_eq!(again.status, 401);
    // The learner's other device and their records are untouched.
    let (records, _) = client.pull_all(&laptop.token, 0).unwrap();
    assert_eq!(records.len(), 1);
    // The same device may join again later, with a new code.
    let code = client.start_pairing(&laptop.token).unwrap().code;
    assert!(client.complete_pairing(&code, "phone").is_ok());
}

/// A request: method, path, bearer token, body.
type Case<'a> = (&'a str, &'a str, Option<&'a str>, Option<&'a [u8]>);

#[test]
fn every_answer_carries_the_hardening_headers_and_api_answers_are_never_cached() {
    let server = start();
    let client = server.client();
    let token = enrol(&server, "phone").token;
    let sync_body = br#"{"cursor": 0, "records": []}"#;
    let cases: [Case<'_>; 9] = [
        ("GET", "/healthz", None, None),
        ("GET", "/api/v1/pack", None, None),
        ("POST", "/api/v1/sync", Some(&token), Some(sync_body)),
        ("POST", "/api/v1/pair", Some(&token), None),
        ("POST", "/api/v1/sync", None, Some(sync_body)),
        ("POST", "/api/v1/enrol", None, Some(b"{}")),
        ("GET", "/api/v1/nowhere", None, None),
        ("PUT", "/api/v1/sync", None, None),
        ("GET", "/not-the-api", None, None),
    ];
    for (method, path, token, body) in cases {
        let response = client.send(method, path, token, body).unwrap();
        let what = format!("{method} {path} ({})", response.status);
        assert_eq!(
            response.header("x-content-type-options"),
            Some("nosniff"),
            "{what}"
        );
        assert_eq!(
            response.header("referrer-policy"),
            Some("no-referrer"),
            "{what}"
        );
        let csp = response
            .header("content-security-policy")
            .unwrap_or_default();
        assert!(csp.contains("frame-ancestors 'none'"), "{what}: {csp}");
        if path.starts_with("/api") || path == "/healthz" {
            assert_eq!(response.header("cache-control"), Some("no-store"), "{what}");
            assert!(csp.starts_with("default-src 'none'"), "{what}: {csp}");
        }
    }
}

#[test]
fn a_body_that_is_not_declared_json_is_a_415() {
    let server = start();
    let token = enrol(&server, "phone").token;
    for (path, auth) in [
        ("/api/v1/enrol", None),
        ("/api/v1/pair/complete", None),
        ("/api/v1/sync", Some(token.as_str())),
    ] {
        for content_type in ["text/plain", "application/x-www-form-urlencoded", ""] {
            let body = br#"{"cursor": 0, "records": []}"#;
            let auth = auth.map_or_else(String::new, |t| format!("Authorization: Bearer {t}\r\n"));
            let declared = if content_type.is_empty() {
                String::new()
            } else {
                format!("Content-Type: {content_type}\r\n")
            };
            let head = format!(
                "POST {path} HTTP/1.1\r\nHost: x\r\nConnection: close\r\n{auth}{declared}Content-Length: {}\r\n\r\n",
                body.len()
            );
            let mut request = head.into_bytes();
            request.extend_from_slice(body);
            let response = client::exchange(server.addr(), &request).unwrap();
            assert_eq!(response.status, 415, "{path} as {content_type:?}");
            assert_eq!(
                response.error().unwrap().error.code,
                "unsupported_media_type"
            );
        }
    }
    // A charset parameter is still JSON.
    let request = client::build(
        "POST",
        "/api/v1/sync",
        &[("Authorization", &format!("Bearer {token}"))],
        None,
    );
    let mut text = String::from_utf8(request).unwrap();
    let body = r#"{"cursor": 0, "records": []}"#;
    text = text.replace(
        "\r\n\r\n",
        &format!(
            "\r\nContent-Type: application/json; charset=utf-8\r\nContent-Length: {}\r\n\r\n{body}",
            body.len()
        ),
    );
    let response = client::exchange(server.addr(), text.as_bytes()).unwrap();
    assert_eq!(response.status, 200, "{}", response.text());
}
