//! The programme lead's console against the real binary: a one-time link signs in once, pages
//! and CSV show only the lead's council, every report is audited, and forged cookies, missing
//! CSRF tokens and used or expired links are refused with a clear page.

use std::fmt::Write as _;

use server::storage::Storage;
use server::storage::sqlite::SqliteStorage;
use server::testing::TestServer;
use server::testing::client::{Response, exchange};
use server::testing::records::now_ms;
use shared::record::RecordBody;

use super::BINARY;
use super::reports::Learner;

/// A request with optional cookie and form body, on its own connection.
fn request(
    server: &TestServer,
    method: &str,
    path: &str,
    cookie: Option<&str>,
    form: Option<&str>,
) -> Response {
    let mut head = format!("{method} {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n");
    if let Some(cookie) = cookie {
        let _ = write!(head, "Cookie: nc_lead={cookie}\r\n");
    }
    if let Some(form) = form {
        let _ = write!(
            head,
            "Content-Type: application/x-www-form-urlencoded\r\nContent-Length: {}\r\n",
            form.len()
        );
    }
    head.push_str("\r\n");
    head.push_str(form.unwrap_or_default());
    exchange(server.addr(), head.as_bytes()).expect("an answer")
}

fn invite(server: &TestServer, council: &str, email: &str) -> String {
    let link = server
        .run_command(&["lead", "invite", "--council", council, "--email", email])
        .unwrap_or_else(|e| panic!("invite: {e}"));
    let token = link.trim().rsplit('/').next().unwrap().to_owned();
    assert_eq!(token.len(), 64, "{link}");
    token
}

/// Signs in with a link; returns the session cookie.
fn sign_in(server: &TestServer, token: &str) -> String {
    let page = request(server, "GET", &format!("/lead/link/{token}"), None, None);
    assert_eq!(page.status, 200);
    assert!(
        page.text().contains("action=\"/lead/link\""),
        "a button, not a GET, signs in"
    );
    let answer = request(
        server,
        "POST",
        "/lead/link",
        None,
        Some(&format!("token={token}")),
    );
    assert_eq!(answer.status, 303, "{}", answer.text());
    assert_eq!(answer.header("location"), Some("/lead/cohorts"));
    let cookie = answer
        .header("set-cookie")
        .expect("a session cookie")
        .to_owned();
    assert!(
        cookie.contains("HttpOnly") && cookie.contains("SameSite=Lax"),
        "{cookie}"
    );
    cookie
        .split(';')
        .next()
        .and_then(|pair| pair.strip_prefix("nc_lead="))
        .unwrap()
        .to_owned()
}

fn csrf_of(page: &str) -> String {
    page.split("name=\"csrf\" value=\"")
        .nth(1)
        .and_then(|rest| rest.split('"').next())
        .expect("a CSRF token in the page")
        .to_owned()
}

#[test]
#[allow(clippy::too_many_lines)] // one lead's session, from the link to signing out
fn a_lead_signs_in_with_a_link_and_sees_only_their_council() {
    let server = TestServer::start(BINARY);
    let token = invite(&server, "Demo council", "sam@demo.gov.uk");
    let cookie = sign_in(&server, &token);

    // The link works once.
    let again = request(
        &server,
        "POST",
        "/lead/link",
        None,
        Some(&format!("token={token}")),
    );
    assert_eq!(again.status, 410);
    assert!(again.text().contains("This sign-in link has been used"));

    // Five members share; one does not.
    for i in 0..6 {
        let mut learner = Learner::join(&server, &server.cohort_code, &format!("phone-{i}"));
        learner.send(
            &server,
            vec![
                RecordBody::DisplayNameSet {
                    name: format!("Councillor {i}"),
                },
                RecordBody::ProgressSharingSet { enabled: i < 5 },
            ],
        );
    }

    let list = request(&server, "GET", "/lead/cohorts", Some(&cookie), None);
    assert_eq!(list.status, 200);
    assert_eq!(list.header("cache-control"), Some("no-store"));
    let text = list.text();
    assert!(
        text.contains("Demo cohort") && text.contains("sam@demo.gov.uk"),
        "{text}"
    );
    let demo_id: i64 = text
        .split("href=\"/lead/cohorts/")
        .nth(1)
        .and_then(|rest| rest.split('"').next())
        .and_then(|id| id.parse().ok())
        .expect("a link to the cohort");
    let csrf = csrf_of(&text);

    // Create a cohort: the CSRF token is needed, and an empty name is explained.
    let no_csrf = request(
        &server,
        "POST",
        "/lead/cohorts",
        Some(&cookie),
        Some("name=Spring"),
    );
    assert_eq!(no_csrf.status, 403);
    assert!(no_csrf.text().contains("This form has expired"));
    let empty = request(
        &server,
        "POST",
        "/lead/cohorts",
        Some(&cookie),
        Some(&format!("csrf={csrf}&name=")),
    );
    assert_eq!(empty.status, 400);
    assert!(empty.text().contains("There is a problem"));
    let made = request(
        &server,
        "POST",
        "/lead/cohorts",
        Some(&cookie),
        Some(&format!("csrf={csrf}&name=Spring+2027")),
    );
    assert_eq!(made.status, 303, "{}", made.text());
    let code_page = request(
        &server,
        "GET",
        made.header("location").unwrap(),
        Some(&cookie),
        None,
    );
    assert!(code_page.text().contains("Spring 2027") && code_page.text().contains("nc-code"));
    let handout = made
        .header("location")
        .unwrap()
        .replace("/code", "/handout");
    let handout = request(&server, "GET", &handout, Some(&cookie), None);
    assert!(handout.text().contains("<svg"), "a QR code");

    // The progress page and its CSV: sharing members named, the other counted.
    let progress = request(
        &server,
        "GET",
        &format!("/lead/cohorts/{demo_id}"),
        Some(&cookie),
        None,
    );
    let text = progress.text();
    assert_eq!(progress.status, 200);
    assert!(
        text.contains("Councillor 0") && !text.contains("Councillor 5"),
        "{text}"
    );
    assert!(
        text.contains("5 of 6 members share their progress"),
        "{text}"
    );
    let csv = request(
        &server,
        "GET",
        &format!("/lead/cohorts/{demo_id}/progress.csv"),
        Some(&cookie),
        None,
    );
    assert_eq!(csv.header("content-type"), Some("text/csv; charset=utf-8"));
    assert!(
        csv.header("content-disposition")
            .unwrap()
            .contains("attachment")
    );
    assert_eq!(csv.text().lines().count(), 6, "{}", csv.text());
    let baseline = request(&server, "GET", "/lead/baseline.csv", Some(&cookie), None);
    assert!(
        baseline.text().starts_with("\"Group\",\"Members\""),
        "{}",
        baseline.text()
    );

    // Every report viewed or downloaded is in the audit log.
    let audit = request(&server, "GET", "/lead/audit", Some(&cookie), None).text();
    for line in [
        "Viewed the progress of Demo cohort",
        "Downloaded the progress of Demo cohort (CSV)",
        "Downloaded the baseline (CSV)",
    ] {
        assert!(audit.contains(line), "{line}: {audit}");
    }

    // A lead of another council cannot reach this council's pages or CSV by the address.
    server.run_command(&["council", "add", "Leeds"]).unwrap();
    let leeds = sign_in(&server, &invite(&server, "Leeds", "jo@leeds.gov.uk"));
    for path in [
        format!("/lead/cohorts/{demo_id}"),
        format!("/lead/cohorts/{demo_id}/progress.csv"),
        format!("/lead/cohorts/{demo_id}/usefulness.csv"),
        format!("/lead/cohorts/{demo_id}/code"),
        format!("/lead/cohorts/{demo_id}/handout"),
        "/lead/cohorts/not-a-number".to_owned(),
    ] {
        let answer = request(&server, "GET", &path, Some(&leeds), None);
        assert_eq!(answer.status, 404, "{path}: {}", answer.text());
        assert!(!answer.text().contains("Councillor 0"), "{path}");
    }
    let leeds_audit = request(&server, "GET", "/lead/audit", Some(&leeds), None).text();
    assert!(!leeds_audit.contains("Demo cohort"), "{leeds_audit}");

    // A forged cookie is refused with the sign-in page.
    let forged = request(&server, "GET", "/lead/cohorts", Some(&"0".repeat(64)), None);
    assert_eq!(forged.status, 401);
    assert!(forged.text().contains("Sign in to see this page."));

    // Signing out needs the CSRF token, ends the session and clears the cookie.
    let refused = request(
        &server,
        "POST",
        "/lead/sign-out",
        Some(&cookie),
        Some("csrf=wrong"),
    );
    assert_eq!(refused.status, 403);
    let out = request(
        &server,
        "POST",
        "/lead/sign-out",
        Some(&cookie),
        Some(&format!("csrf={csrf}")),
    );
    assert_eq!(out.status, 200);
    assert!(out.header("set-cookie").unwrap().contains("Max-Age=0"));
    assert!(out.text().contains("You have signed out."));
    let after = request(&server, "GET", "/lead/cohorts", Some(&cookie), None);
    assert_eq!(after.status, 401);
}

#[test]
fn expired_and_unknown_links_are_refused_and_tls_makes_the_cookie_secure() {
    let server = TestServer::start_with(BINARY, &["--behind-tls"]);
    let storage = SqliteStorage::open(&server.db_path()).unwrap();
    let council = storage.councils().unwrap().remove(0);
    let token = "ab".repeat(32);
    storage
        .add_sign_in_link(
            &server::secrets::TokenHash::of(&token),
            &council,
            "late@demo.gov.uk",
            now_ms() - 1,
        )
        .unwrap();
    let late = request(
        &server,
        "POST",
        "/lead/link",
        None,
        Some(&format!("token={token}")),
    );
    assert_eq!(late.status, 410);
    assert!(late.text().contains("This sign-in link has expired"));
    let unknown = request(&server, "POST", "/lead/link", None, Some("token=nope"));
    assert_eq!(unknown.status, 404);
    assert!(unknown.text().contains("This sign-in link is not valid"));

    let fresh = invite(&server, "Demo council", "sam@demo.gov.uk");
    let answer = request(
        &server,
        "POST",
        "/lead/link",
        None,
        Some(&format!("token={fresh}")),
    );
    assert!(answer.header("set-cookie").unwrap().ends_with("; Secure"));

    // The start page explains how to sign in, and the styles load.
    let start = request(&server, "GET", "/lead", None, None);
    assert_eq!(start.status, 200);
    assert!(
        start
            .text()
            .contains("ask the person who runs this server for a sign-in link")
    );
    let css = request(
        &server,
        "GET",
        "/lead/assets/govuk-frontend.min.css",
        None,
        None,
    );
    assert_eq!(css.status, 200);
    assert!(!css.text().contains("@font-face"));
}

#[test]
fn the_demo_cohort_fills_the_console_once() {
    let server = TestServer::start(BINARY);
    server.run_command(&["demo"]).unwrap();
    server.run_command(&["demo"]).unwrap();
    let cookie = sign_in(
        &server,
        &invite(&server, "Demo council", "demo@example.org"),
    );
    let list = request(&server, "GET", "/lead/cohorts", Some(&cookie), None).text();
    let row = list
        .split("Demo cohort (generated learners)")
        .nth(1)
        .expect("the demo cohort is listed");
    // 20 members, made once; three in four share.
    assert!(row.contains(">20<") && row.contains(">15<"), "{row}");
    let id = list
        .split("href=\"/lead/cohorts/")
        .filter_map(|rest| rest.split('"').next())
        .filter_map(|id| id.parse::<i64>().ok())
        .max()
        .unwrap();
    let progress = request(
        &server,
        "GET",
        &format!("/lead/cohorts/{id}"),
        Some(&cookie),
        None,
    );
    let text = progress.text();
    assert!(
        text.contains("Demo member 1") && !text.contains("Demo member 4<"),
        "{text}"
    );
    let useful = request(
        &server,
        "GET",
        &format!("/lead/cohorts/{id}/usefulness"),
        Some(&cookie),
        None,
    );
    assert!(useful.text().contains("Demo comment"), "{}", useful.text());
}
