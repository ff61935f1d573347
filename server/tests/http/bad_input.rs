//! Whatever a client sends, every route answers with the right 4xx and a JSON error that says
//! what is wrong, and the server stays up.

use server::testing::TestServer;
use server::testing::client::{self, Response};
use server::testing::records::{now_ms, steps};
use shared::sync::wire::{MAX_BODY, SyncRequest};

use super::{enrol, start};

const BODY_ROUTES: [&str; 3] = ["/api/v1/enrol", "/api/v1/pair/complete", "/api/v1/sync"];

/// Asserts a JSON error with `status` and `code`, that the message mentions `mentions`, and
/// that the server still answers its health check.
fn expect(
    server: &TestServer,
    what: &str,
    response: &Response,
    status: u16,
    code: &str,
    mentions: &str,
) {
    assert_eq!(response.status, status, "{what}: {}", response.text());
    assert_eq!(
        response.header("content-type"),
        Some("application/json"),
        "{what}"
    );
    let error = response
        .error()
        .unwrap_or_else(|| panic!("{what}: not a JSON error: {}", response.text()))
        .error;
    assert_eq!(error.code, code, "{what}: {}", error.message);
    assert!(
        error.message.contains(mentions),
        "{what}: {:?} does not mention {mentions:?}",
        error.message
    );
    assert!(server.client().healthy(), "{what}: the server went down");
}

fn post(server: &TestServer, path: &str, token: Option<&str>, body: &[u8]) -> Response {
    server
        .client()
        .send("POST", path, token, Some(body))
        .unwrap()
}

#[test]
fn malformed_json_is_a_400_on_every_route_with_a_body() {
    let server = start();
    let token = enrol(&server, "phone").token;
    let bad: [(&str, &[u8], &str); 6] = [
        ("not JSON", b"hello", "not valid JSON"),
        ("truncated JSON", b"{\"de", "cut short"),
        ("empty body", b"", "no body"),
        ("invalid UTF-8", b"{\"\xff\xfe\": 1}", "not valid JSON"),
        ("a JSON array", b"[1, 2, 3]", "wrong shape"),
        ("nesting 10,000 deep", &[b'['; 10_000], ""),
    ];
    for path in BODY_ROUTES {
        for (what, body, mentions) in bad {
            let response = post(&server, path, Some(&token), body);
            expect(
                &server,
                &format!("{path}, {what}"),
                &response,
                400,
                "bad_request",
                mentions,
            );
        }
    }
}

#[test]
fn unknown_fields_and_wrong_types_are_named_in_the_400() {
    let server = start();
    let token = enrol(&server, "phone").token;
    let code = server.cohort_code.clone();
    let cases = [
        (
            "/api/v1/enrol",
            format!(r#"{{"cohort_code": "{code}", "device": "p", "admin": true}}"#),
            "unknown field `admin`",
        ),
        (
            "/api/v1/enrol",
            r#"{"cohort_code": 7, "device": "p"}"#.to_owned(),
            "invalid type",
        ),
        (
            "/api/v1/enrol",
            r#"{"device": "p"}"#.to_owned(),
            "missing field `cohort_code`",
        ),
        (
            "/api/v1/pair/complete",
            r#"{"code": "123456"}"#.to_owned(),
            "missing field `device`",
        ),
        (
            "/api/v1/pair/complete",
            r#"{"code": 123456, "device": "p"}"#.to_owned(),
            "invalid type",
        ),
        (
            "/api/v1/sync",
            r#"{"cursor": -1, "records": []}"#.to_owned(),
            "invalid value",
        ),
        (
            "/api/v1/sync",
            r#"{"cursor": "0", "records": []}"#.to_owned(),
            "invalid type",
        ),
        (
            "/api/v1/sync",
            r#"{"cursor": 0, "records": {}}"#.to_owned(),
            "invalid type",
        ),
        (
            "/api/v1/sync",
            r#"{"cursor": 0, "records": [], "since": 5}"#.to_owned(),
            "unknown field `since`",
        ),
        (
            "/api/v1/sync",
            r#"{"cursor": 0, "records": [{"id": "x"}]}"#.to_owned(),
            "missing field",
        ),
        (
            "/api/v1/sync",
            r#"{"cursor": 18446744073709551616, "records": []}"#.to_owned(),
            "",
        ),
    ];
    for (path, body, mentions) in cases {
        let response = post(&server, path, Some(&token), body.as_bytes());
        expect(
            &server,
            &format!("{path} {body}"),
            &response,
            400,
            "bad_request",
            mentions,
        );
    }
}

#[test]
fn bad_values_in_well_formed_requests_are_refused_plainly() {
    let server = start();
    let client = server.client();
    let token = enrol(&server, "phone").token;
    let cases: [(&str, &str, u16, &str); 5] = [
        (
            "/api/v1/enrol",
            r#"{"cohort_code": "NOPE-NOPE", "device": "p"}"#,
            404,
            "unknown_cohort",
        ),
        (
            "/api/v1/enrol",
            r#"{"cohort_code": "x", "device": ""}"#,
            400,
            "bad_request",
        ),
        (
            "/api/v1/pair/complete",
            r#"{"code": "12ab56", "device": "p"}"#,
            400,
            "bad_request",
        ),
        (
            "/api/v1/pair/complete",
            r#"{"code": "AAAA-BBBB-CCCC", "device": "p"}"#,
            404,
            "bad_pairing_code",
        ),
        (
            "/api/v1/pair/complete",
            r#"{"code": "AAAA-BBBB-CCCC", "device": "a\u0000b"}"#,
            400,
            "bad_request",
        ),
    ];
    for (path, body, status, code) in cases {
        let response = client
            .send("POST", path, Some(&token), Some(body.as_bytes()))
            .unwrap();
        expect(
            &server,
            &format!("{path} {body}"),
            &response,
            status,
            code,
            "",
        );
    }
    // A cursor past the end is fine: it is the largest number the type allows.
    let response = post(
        &server,
        "/api/v1/sync",
        Some(&token),
        br#"{"cursor": 18446744073709551615, "records": []}"#,
    );
    assert_eq!(response.status, 200, "{}", response.text());
}

#[test]
fn a_batch_over_500_records_is_a_400() {
    let server = start();
    let token = enrol(&server, "phone").token;
    let body = serde_json::to_vec(&SyncRequest {
        cursor: 0,
        records: steps("phone", now_ms(), 0, 501),
    })
    .unwrap();
    let response = post(&server, "/api/v1/sync", Some(&token), &body);
    expect(
        &server,
        "501 records",
        &response,
        400,
        "bad_request",
        "at most 500",
    );
    assert!(
        server.db().records.is_empty(),
        "none of the batch was stored"
    );
}

#[test]
fn missing_and_bad_tokens_are_a_401_on_every_authenticated_route() {
    let server = start();
    let sync_body = br#"{"cursor": 0, "records": []}"#.as_slice();
    let routes: [(&str, &str, Option<&[u8]>); 3] = [
        ("POST", "/api/v1/pair", None),
        ("POST", "/api/v1/sync", Some(sync_body)),
        ("DELETE", "/api/v1/account", None),
    ];
    let headers: [(&str, Option<&str>); 5] = [
        ("no Authorization header", None),
        ("an unknown token", Some("Bearer 00112233")),
        ("an empty token", Some("Bearer ")),
        ("another scheme", Some("Basic dXNlcjpwYXNz")),
        ("no scheme", Some("0011223344")),
    ];
    for (method, path, body) in routes {
        for (what, header) in headers {
            let extra: Vec<(&str, &str)> = header
                .map(|h| vec![("Authorization", h)])
                .unwrap_or_default();
            let response =
                client::exchange(server.addr(), &client::build(method, path, &extra, body))
                    .unwrap();
            expect(
                &server,
                &format!("{method} {path}, {what}"),
                &response,
                401,
                "unauthorized",
                "token",
            );
            assert_eq!(response.header("www-authenticate"), Some("Bearer"));
        }
    }
}

#[test]
fn bodies_over_1_mib_are_a_413_on_every_route() {
    let server = start();
    let token = enrol(&server, "phone").token;
    let routes = [
        ("POST", "/api/v1/enrol"),
        ("POST", "/api/v1/pair"),
        ("POST", "/api/v1/pair/complete"),
        ("POST", "/api/v1/sync"),
        ("GET", "/api/v1/pack"),
        ("DELETE", "/api/v1/account"),
        ("GET", "/healthz"),
    ];
    let auth = format!("Bearer {token}");
    let length = (MAX_BODY + 1).to_string();
    for (method, path) in routes {
        // Declared too large: refused from the headers, before any of the body is sent.
        let head = client::build(
            method,
            path,
            &[("Authorization", &auth), ("Content-Length", &length)],
            None,
        );
        let response = client::exchange(server.addr(), &head).unwrap();
        expect(
            &server,
            &format!("{method} {path}, declared"),
            &response,
            413,
            "too_large",
            "MiB",
        );
    }
    // Sent in chunks with no declared length: refused once the limit is read.
    for path in BODY_ROUTES {
        let mut request = format!(
            "POST {path} HTTP/1.1\r\nHost: x\r\nConnection: close\r\nAuthorization: {auth}\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n"
        )
        .into_bytes();
        let chunk = vec![b' '; 64 * 1024];
        for _ in 0..17 {
            request.extend_from_slice(format!("{:x}\r\n", chunk.len()).as_bytes());
            request.extend_from_slice(&chunk);
            request.extend_from_slice(b"\r\n");
        }
        request.extend_from_slice(b"0\r\n\r\n");
        let response = client::exchange(server.addr(), &request).unwrap();
        expect(
            &server,
            &format!("{path}, chunked"),
            &response,
            413,
            "too_large",
            "MiB",
        );
    }
    // Just under the limit is read and judged on its content.
    let mut body = br#"{"cursor": 0, "records": []}"#.to_vec();
    body.resize(MAX_BODY, b' ');
    let response = post(&server, "/api/v1/sync", Some(&token), &body);
    assert_eq!(response.status, 200, "{}", response.text());
}

#[test]
fn requests_cut_off_mid_way_leave_the_server_up() {
    let server = start();
    let token = enrol(&server, "phone").token;
    let auth = format!("Bearer {token}");
    for path in BODY_ROUTES {
        // The body is shorter than declared, then the client stops sending.
        let mut request = client::build(
            "POST",
            path,
            &[("Authorization", &auth)],
            Some(br#"{"cursor": 0, "records": []}"#),
        );
        let cut = request.len() - 10;
        request.truncate(cut);
        let response = client::exchange_truncated(server.addr(), &request);
        if let Ok(response) = &response {
            expect(
                &server,
                &format!("{path}, body cut off"),
                response,
                400,
                "bad_request",
                "could not be read",
            );
        }
        assert!(server.client().healthy(), "{path}: the server went down");
        // Only half of the headers.
        let head = client::build("POST", path, &[("Authorization", &auth)], None);
        let _ = client::exchange_truncated(server.addr(), &head[..head.len() / 2]);
        assert!(server.client().healthy(), "{path}: the server went down");
    }
    // Garbage instead of HTTP.
    let _ = client::exchange_truncated(
        server.addr(),
        b"\x16\x03\x01\x02\x00 not http at all\r\n\r\n",
    );
    assert!(server.client().healthy());
}

#[test]
fn wrong_methods_and_unknown_paths_get_json_errors() {
    let server = start();
    let cases = [
        ("GET", "/api/v1/sync", 405, "method_not_allowed"),
        ("PUT", "/api/v1/enrol", 405, "method_not_allowed"),
        ("GET", "/api/v1/pair", 405, "method_not_allowed"),
        ("GET", "/api/v1/pair/complete", 405, "method_not_allowed"),
        ("POST", "/api/v1/pack", 405, "method_not_allowed"),
        ("GET", "/api/v1/account", 405, "method_not_allowed"),
        ("POST", "/healthz", 405, "method_not_allowed"),
        ("GET", "/api/v1/records", 404, "not_found"),
        ("GET", "/api/v2/sync", 404, "not_found"),
        ("GET", "/", 404, "not_found"),
    ];
    for (method, path, status, code) in cases {
        let response = server.client().send(method, path, None, None).unwrap();
        expect(
            &server,
            &format!("{method} {path}"),
            &response,
            status,
            code,
            "",
        );
    }
}
