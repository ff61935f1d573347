//! Limits are per client address and per learner, never global: one stranger's guesses never
//! block anyone else, and checking and counting are one step even under a parallel flood.

use std::net::{IpAddr, Ipv4Addr};

use server::testing::TestServer;
use server::testing::client::{Client, Failed, Response};
use server::testing::records::{now_ms, steps};

use super::{BINARY, enrol};

fn loopback(last: u8) -> IpAddr {
    IpAddr::V4(Ipv4Addr::new(127, 0, 0, last))
}

fn status(result: Result<impl std::fmt::Debug, Failed>) -> (u16, Option<Response>) {
    match result {
        Ok(_) => (201, None),
        Err(Failed::Status(response)) => (response.status, Some(response)),
        Err(Failed::Io(e)) => panic!("no answer: {e}"),
    }
}

#[test]
fn a_flood_of_wrong_pairing_codes_from_one_address_blocks_only_that_address() {
    // Room for all 200 connections at once, so it is the pairing limit that answers them.
    let server = TestServer::start_with(BINARY, &["--max-connections-per-client", "256"]);
    let phone = enrol(&server, "phone");
    let real = server.client().start_pairing(&phone.token).unwrap().code;
    let stranger = server.client().from(loopback(2));
    // 200 wrong codes at once from one address.
    let answers: Vec<u16> = std::thread::scope(|s| {
        let handles: Vec<_> = (0..200)
            .map(|n| {
                s.spawn(move || {
                    let guess = format!("AAAA-BBBB-{:04}", 2222 + n % 7000)
                        .replace('0', "2")
                        .replace('1', "3");
                    status(stranger.complete_pairing(&guess, &format!("thief{n}"))).0
                })
            })
            .collect();
        handles.into_iter().map(|h| h.join().unwrap()).collect()
    });
    let wrong = answers.iter().filter(|&&s| s == 404).count();
    let limited = answers.iter().filter(|&&s| s == 429).count();
    assert_eq!(wrong + limited, 200, "{answers:?}");
    assert_eq!(
        wrong, 60,
        "exactly the hourly allowance was checked, no more"
    );
    // The stranger's next attempt, even with the right code, waits: the limit is on attempts.
    let (code, response) = status(stranger.complete_pairing(&real, "thief"));
    assert_eq!(code, 429);
    let retry: u64 = response
        .unwrap()
        .header("retry-after")
        .expect("Retry-After")
        .parse()
        .unwrap();
    assert!(retry > 0 && retry <= 3600);
    // The learner's own new laptop, on another network, pairs at once.
    let laptop = server
        .client()
        .from(loopback(3))
        .complete_pairing(&real, "laptop")
        .expect("the right code from another address pairs");
    assert_eq!(laptop.user, phone.user);
}

#[test]
fn enrolment_is_limited_per_address() {
    let server = TestServer::start_with(BINARY, &["--enrol-limit", "5"]);
    let workshop = server.client().from(loopback(4));
    for n in 0..5 {
        workshop
            .enrol(&server.cohort_code, &format!("laptop{n}"))
            .expect("within the limit");
    }
    let (code, response) = status(workshop.enrol(&server.cohort_code, "laptop5"));
    assert_eq!(code, 429);
    assert!(response.unwrap().header("retry-after").is_some());
    // Wrong cohort codes count too: they are how a cohort code would be guessed.
    let (code, _) = status(workshop.enrol("ZZZZ-ZZZZ", "guess"));
    assert_eq!(code, 429);
    // Another address is not affected.
    assert!(
        server
            .client()
            .from(loopback(5))
            .enrol(&server.cohort_code, "phone")
            .is_ok()
    );
}

#[test]
fn new_pairing_codes_are_limited_per_address_and_per_learner() {
    let server = TestServer::start_with(BINARY, &["--pair-start-limit", "3"]);
    let phone = enrol(&server, "phone");
    let other = enrol(&server, "other");
    let cafe = server.client().from(loopback(6));
    for _ in 0..3 {
        cafe.start_pairing(&phone.token).unwrap();
    }
    let (code, _) = status(cafe.start_pairing(&other.token));
    assert_eq!(code, 429, "the address is over its limit, whoever asks");
    // From other places the same learner may still make codes, up to their own limit of 10
    // an hour: three more from each of two addresses, and one from a third.
    for (place, count) in [(7, 3), (8, 3), (9, 1)] {
        let elsewhere = server.client().from(loopback(place));
        for _ in 0..count {
            elsewhere.start_pairing(&phone.token).unwrap();
        }
    }
    let home = server.client().from(loopback(10));
    let (code, response) = status(home.start_pairing(&phone.token));
    assert_eq!(code, 429, "the learner is over their own limit");
    assert!(response.unwrap().text().contains("pairing codes"));
    assert!(home.start_pairing(&other.token).is_ok());
}

#[test]
fn behind_a_trusted_proxy_the_forwarded_address_is_the_client() {
    let server = TestServer::start_with(
        BINARY,
        &["--enrol-limit", "1", "--trusted-proxy", "127.0.0.1"],
    );
    let enrol_as = |client: &Client, forwarded: &str, device: &str| {
        let body = format!(
            r#"{{"cohort_code": "{}", "device": "{device}"}}"#,
            server.cohort_code
        );
        let request = server::testing::client::build(
            "POST",
            "/api/v1/enrol",
            &[("X-Forwarded-For", forwarded)],
            Some(body.as_bytes()),
        );
        server::testing::client::exchange_from(client.from, server.addr(), &request)
            .unwrap()
            .status
    };
    let proxy = server.client();
    assert_eq!(enrol_as(&proxy, "192.0.2.1", "a"), 201);
    assert_eq!(enrol_as(&proxy, "192.0.2.1", "b"), 429);
    assert_eq!(
        enrol_as(&proxy, "192.0.2.2", "c"),
        201,
        "another client behind the proxy"
    );
    // From an untrusted peer the header is ignored: the peer itself is counted.
    let direct = server.client().from(loopback(8));
    assert_eq!(enrol_as(&direct, "192.0.2.3", "d"), 201);
    assert_eq!(enrol_as(&direct, "192.0.2.4", "e"), 429);
}

#[test]
fn the_quota_is_per_learner_and_says_what_to_do() {
    let server = TestServer::start_with(BINARY, &["--quota-records", "5"]);
    let phone = enrol(&server, "phone");
    let other = enrol(&server, "other");
    let client = server.client();
    client
        .sync(&phone.token, 0, &steps("phone", now_ms(), 0, 5))
        .unwrap();
    let (code, response) = status(client.sync(&phone.token, 0, &steps("phone", now_ms(), 5, 1)));
    assert_eq!(code, 403);
    let error = response.unwrap().error().unwrap().error;
    assert_eq!(error.code, "quota_exceeded");
    assert!(
        error.message.contains("safe on this device"),
        "{}",
        error.message
    );
    assert!(
        client
            .sync(&other.token, 0, &steps("other", now_ms(), 0, 5))
            .is_ok(),
        "another learner has their own quota"
    );
}
