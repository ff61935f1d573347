//! Programme leads' reports against the real binary: only what members chose to share, small
//! groups hidden, one council never reading another's, and private records never read.

use serde_json::Value;
use server::storage::Storage;
use server::storage::sqlite::SqliteStorage;
use server::testing::TestServer;
use server::testing::records::now_ms;
use shared::clock::{Hlc, RecordId};
use shared::pack::Content;
use shared::record::{AreaScore, Rated, Record, RecordBody, StoredRecord};
use shared::sync::wire::RecordStatus;

use super::{BINARY, enrol};

/// One learner's device, making records in order the way the core would.
pub(crate) struct Learner {
    device: String,
    token: String,
    made: u32,
}

impl Learner {
    pub(crate) fn join(server: &TestServer, code: &str, device: &str) -> Self {
        let enrolled = server
            .client()
            .enrol(code, device)
            .unwrap_or_else(|e| panic!("enrol {device}: {e}"));
        Self {
            device: device.to_owned(),
            token: enrolled.token,
            made: 0,
        }
    }

    fn record(&mut self, body: RecordBody) -> StoredRecord {
        self.made += 1;
        // A minute ago, a millisecond apart, so every record is within the server's clock bound.
        let wall_ms = now_ms() - 60_000 + u64::from(self.made);
        Record {
            id: RecordId::v7(
                wall_ms,
                u128::from(self.made) << 32 | u128::from(fnv(&self.device)),
            ),
            device: self.device.clone(),
            hlc: Hlc {
                wall_ms,
                counter: 0,
            },
            pack_version: 1,
            body,
        }
        .to_stored()
    }

    pub(crate) fn send(&mut self, server: &TestServer, bodies: Vec<RecordBody>) {
        let records: Vec<StoredRecord> = bodies.into_iter().map(|b| self.record(b)).collect();
        let answer = server
            .client()
            .sync(&self.token, 0, &records)
            .unwrap_or_else(|e| panic!("sync {}: {e}", self.device));
        for result in answer.results {
            assert_eq!(result.status, RecordStatus::Accepted, "{result:?}");
        }
    }
}

fn fnv(text: &str) -> u64 {
    text.bytes().fold(0xcbf2_9ce4_8422_2325, |h, b| {
        (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3)
    })
}

/// GET a lead route with a token; the status and the body as JSON (or text).
fn get(server: &TestServer, path: &str, token: &str) -> (u16, Value, String) {
    let response = server
        .client()
        .send("GET", &format!("/api/v1/lead{path}"), Some(token), None)
        .expect("an answer");
    let text = response.text();
    let json = serde_json::from_str(&text).unwrap_or(Value::Null);
    (response.status, json, text)
}

fn lead_token(server: &TestServer, council: &str) -> String {
    server
        .run_command(&["lead", "add", "Sam Jones", "--council", council])
        .unwrap_or_else(|e| panic!("lead add: {e}"))
        .trim()
        .to_owned()
}

fn baseline_result(stage: &str, score: u32) -> RecordBody {
    let content = Content::default_content();
    RecordBody::BaselineResult {
        stage: stage.to_owned(),
        scores: content
            .pack
            .assessment
            .areas
            .iter()
            .map(|a| AreaScore {
                area: a.id.clone(),
                score,
            })
            .collect(),
        month: "2026-11".to_owned(),
    }
}

#[test]
#[allow(clippy::too_many_lines)] // one cohort's story, from joining to a lead's reports
fn a_lead_sees_only_what_members_share_with_small_groups_hidden() {
    let server = TestServer::start(BINARY);
    let content = Content::default_content();
    let module = &content.pack.modules[0];
    let first_lesson = module.lessons[0].id.clone();
    let stages = &content.pack.assessment.stages;
    let token = lead_token(&server, "Demo council");
    assert_eq!(token.len(), 64, "a 256-bit token, in hex: {token}");

    // Six members share and finish the first module; one of them later stops sharing.
    let mut members = Vec::new();
    for i in 0..6 {
        let mut learner = Learner::join(&server, &server.cohort_code, &format!("phone-{i}"));
        let mut bodies = vec![
            RecordBody::DisplayNameSet {
                name: format!("Councillor {i}"),
            },
            RecordBody::ProgressSharingSet { enabled: true },
            RecordBody::BaselineSharingSet { enabled: true },
            baseline_result(&stages[i % 2].id, 40 + 10 * u32::try_from(i % 2).unwrap()),
        ];
        bodies.extend(module.lessons.iter().map(|l| RecordBody::QuizFinished {
            lesson: l.id.clone(),
            score: 4,
            total: 5,
            passed: true,
        }));
        bodies.push(RecordBody::UsefulnessRated {
            about: Rated::Lesson {
                lesson: first_lesson.clone(),
            },
            rating: [4, 4, 5, 3, 4, 2][i],
        });
        learner.send(&server, bodies);
        members.push(learner);
    }
    members[0].send(
        &server,
        vec![RecordBody::UsefulnessComment {
            about: Rated::Lesson {
                lesson: first_lesson.clone(),
            },
            comment: "The worked example helped.".into(),
            shared: true,
        }],
    );
    // Backup on: private records reach the server, and no report may read them.
    members[1].send(
        &server,
        vec![
            RecordBody::UsefulnessComment {
                about: Rated::Lesson {
                    lesson: first_lesson.clone(),
                },
                comment: "PRIVATE COMMENT".into(),
                shared: false,
            },
            RecordBody::AssessmentCompleted {
                answers: Vec::new(),
                scores: Vec::new(),
                overall: 99,
                stage: "PRIVATE STAGE".into(),
            },
        ],
    );
    // One member never shares, though their progress is on the server.
    let mut quiet = Learner::join(&server, &server.cohort_code, "quiet-phone");
    quiet.send(
        &server,
        vec![
            RecordBody::DisplayNameSet {
                name: "Never Shared".into(),
            },
            RecordBody::QuizFinished {
                lesson: first_lesson.clone(),
                score: 5,
                total: 5,
                passed: true,
            },
        ],
    );

    let (status, cohorts, _) = get(&server, "/cohorts", &token);
    assert_eq!(status, 200, "{cohorts}");
    assert_eq!(cohorts["council"], "Demo council");
    let cohort = &cohorts["cohorts"][0];
    assert_eq!(
        (cohort["members"].as_u64(), cohort["sharing"].as_u64()),
        (Some(7), Some(6))
    );
    let id = cohort["id"].as_i64().unwrap();

    let (status, progress, text) = get(&server, &format!("/cohorts/{id}/progress"), &token);
    assert_eq!(status, 200, "{text}");
    assert_eq!(progress["not_sharing"], 1);
    assert_eq!(progress["rows"].as_array().unwrap().len(), 6);
    assert_eq!(progress["rows"][0]["name"], "Councillor 0");
    assert_eq!(progress["rows"][0]["modules_finished"], 1);
    assert_eq!(
        progress["rows"][0]["lessons_finished"].as_u64(),
        Some(module.lessons.len() as u64)
    );
    assert!(
        !text.contains("Never Shared"),
        "counted, never named: {text}"
    );

    // Sharing off: gone from the next report at once.
    members[5].send(
        &server,
        vec![RecordBody::ProgressSharingSet { enabled: false }],
    );
    let (_, progress, text) = get(&server, &format!("/cohorts/{id}/progress"), &token);
    assert_eq!(progress["not_sharing"], 2);
    assert!(!text.contains("Councillor 5"), "{text}");

    let (status, summary, text) = get(&server, &format!("/cohorts/{id}/summary"), &token);
    assert_eq!(status, 200, "{text}");
    // Five sharing members all finished the first module: 5 finished, 0 not.
    assert_eq!(
        summary["modules"][0]["members"]["cells"],
        serde_json::json!([5, 0])
    );
    // Stages: three at each of the first two (members 0-5 all in the baseline) are too few.
    // The council's only cohort: its stage counts are the council's, so they may show.
    let stage_cells = summary["stage_counts"]["cells"].as_array().unwrap();
    assert!(
        stage_cells[0].is_null() && stage_cells[1].is_null(),
        "{text}"
    );

    let (status, useful, text) = get(&server, &format!("/cohorts/{id}/usefulness"), &token);
    assert_eq!(status, 200, "{text}");
    let row = &useful["rows"][0];
    assert_eq!(row["about"]["id"], first_lesson.as_str());
    assert_eq!(row["ratings"]["total"], 6);
    // 2, 3 and 5 were given once each: all hidden, with 4 (given three times) beside them.
    assert_eq!(
        row["ratings"]["cells"],
        serde_json::json!([0, null, null, null, null]),
        "{text}"
    );
    assert!(
        row["average"].is_null(),
        "the average would give back the hidden counts"
    );
    assert_eq!(
        row["comments"],
        serde_json::json!(["The worked example helped."])
    );

    // Nothing private appears in any report, and the storage calls reports use never return
    // a private record.
    for path in [
        format!("/cohorts/{id}/progress"),
        format!("/cohorts/{id}/summary"),
        format!("/cohorts/{id}/usefulness"),
        "/baseline".to_owned(),
    ] {
        let (_, _, text) = get(&server, &path, &token);
        assert!(!text.contains("PRIVATE"), "{path}: {text}");
    }
    let storage = SqliteStorage::open(&server.db_path()).unwrap();
    let db = server.db();
    assert!(
        db.private_records().count() >= 2,
        "backup put private records on the server"
    );
    let private_owner = db.private_records().next().unwrap().user.clone();
    let user = server::storage::UserId(
        rusqlite::Connection::open(server.db_path())
            .unwrap()
            .query_row(
                "SELECT id FROM users WHERE public_id = ?1",
                [&private_owner],
                |r| r.get(0),
            )
            .unwrap(),
    );
    let read = storage.shared_records(user).unwrap();
    assert!(!read.is_empty());
    assert!(read.iter().all(|r| !r.record.private));
    assert!(
        storage
            .baseline_records()
            .unwrap()
            .iter()
            .all(|r| !r.record.record.private)
    );

    // Answers with personal data are never cached.
    let response = server
        .client()
        .send(
            "GET",
            &format!("/api/v1/lead/cohorts/{id}/progress"),
            Some(&token),
            None,
        )
        .unwrap();
    assert_eq!(response.header("cache-control"), Some("no-store"));
}

#[test]
fn a_lead_reads_only_their_own_council() {
    let server = TestServer::start(BINARY);
    server
        .run_command(&["council", "add", "Leeds City Council"])
        .unwrap();
    let leeds_code = server
        .run_command(&[
            "cohort",
            "add",
            "Leeds spring",
            "--council",
            "Leeds City Council",
        ])
        .unwrap()
        .trim()
        .to_owned();
    let demo_lead = lead_token(&server, "Demo council");
    let leeds_lead = lead_token(&server, "Leeds City Council");
    let stages = &Content::default_content().pack.assessment.stages;

    // Five Leeds members and six demo members add their results to the baseline.
    for (code, council, count) in [(&leeds_code, "leeds", 5), (&server.cohort_code, "demo", 6)] {
        for i in 0..count {
            let mut learner = Learner::join(&server, code, &format!("{council}-{i}"));
            learner.send(
                &server,
                vec![
                    RecordBody::BaselineSharingSet { enabled: true },
                    baseline_result(&stages[0].id, 50),
                ],
            );
        }
    }

    let (_, demo, _) = get(&server, "/cohorts", &demo_lead);
    let demo_cohort = demo["cohorts"][0]["id"].as_i64().unwrap();
    let (_, leeds, _) = get(&server, "/cohorts", &leeds_lead);
    assert_eq!(leeds["council"], "Leeds City Council");
    assert_eq!(leeds["cohorts"].as_array().unwrap().len(), 1);
    assert_eq!(leeds["cohorts"][0]["code"], leeds_code.as_str());

    // The other council's cohort is answered exactly like one that does not exist.
    for path in ["progress", "summary", "usefulness"] {
        let (status, body, _) = get(
            &server,
            &format!("/cohorts/{demo_cohort}/{path}"),
            &leeds_lead,
        );
        assert_eq!(status, 404, "{path}");
        assert_eq!(body["error"]["code"], "no_such_cohort");
        let (status, _, _) = get(&server, &format!("/cohorts/99999/{path}"), &leeds_lead);
        assert_eq!(status, 404);
    }

    // The baseline: Leeds beside everyone. Leeds has 5 at the first stage; all councils 11.
    let (status, baseline, text) = get(&server, "/baseline", &leeds_lead);
    assert_eq!(status, 200, "{text}");
    assert_eq!(baseline["council"]["name"], "Leeds City Council");
    assert_eq!(baseline["council"]["stages"]["total"], 5);
    assert_eq!(baseline["council"]["stages"]["cells"][0], 5);
    assert_eq!(baseline["all"]["stages"]["total"], 11);
    assert_eq!(baseline["council"]["area_means"][0], 50);

    // Tokens: none, unknown, or a learner's device token are all refused.
    let device = enrol(&server, "someone");
    for token in ["", "not-a-token", device.token.as_str()] {
        let (status, body, _) = get(&server, "/cohorts", token);
        assert_eq!(status, 401, "{token:?}");
        assert_eq!(body["error"]["code"], "unauthorized");
    }
    // A cohort id that is not a number is a cohort that does not exist.
    let (status, _, _) = get(&server, "/cohorts/abc/progress", &leeds_lead);
    assert_eq!(status, 404);

    // The operator lists leads (never their tokens) and takes one away: it stops at once.
    let listing = server.run_command(&["lead", "list"]).unwrap();
    assert!(!listing.contains(&leeds_lead), "{listing}");
    let leeds_id = listing
        .lines()
        .find(|l| l.contains("Leeds City Council"))
        .and_then(|l| l.split('\t').next())
        .unwrap()
        .to_owned();
    server.run_command(&["lead", "remove", &leeds_id]).unwrap();
    let (status, _, _) = get(&server, "/cohorts", &leeds_lead);
    assert_eq!(status, 401);
    let (status, _, _) = get(&server, "/cohorts", &demo_lead);
    assert_eq!(status, 200, "the other lead is untouched");
    assert!(server.run_command(&["lead", "remove", &leeds_id]).is_err());
}

#[test]
fn the_reports_come_as_csv_from_the_command_line() {
    let server = TestServer::start(BINARY);
    let content = Content::default_content();
    let lesson = content.pack.modules[0].lessons[0].clone();
    for i in 0..5 {
        let mut learner = Learner::join(&server, &server.cohort_code, &format!("phone-{i}"));
        learner.send(
            &server,
            vec![
                RecordBody::DisplayNameSet {
                    // A name a spreadsheet would run as a formula, from a hostile learner.
                    name: if i == 0 {
                        "=HYPERLINK(\"x\")".into()
                    } else {
                        format!("Member {i}")
                    },
                },
                RecordBody::ProgressSharingSet { enabled: true },
                RecordBody::QuizFinished {
                    lesson: lesson.id.clone(),
                    score: 3,
                    total: 4,
                    passed: true,
                },
                RecordBody::UsefulnessRated {
                    about: Rated::Lesson {
                        lesson: lesson.id.clone(),
                    },
                    rating: 5,
                },
            ],
        );
    }
    let code = server.cohort_code.clone();
    let csv = server
        .run_command(&["report", "cohort", &code, "--csv"])
        .unwrap();
    let lines: Vec<&str> = csv.lines().collect();
    assert_eq!(
        lines[0],
        "\"Name\",\"Modules finished\",\"Lessons finished\",\"Quiz results\",\"Checklists run\",\"Last active\""
    );
    assert_eq!(lines.len(), 6, "a header and five members: {csv}");
    assert!(
        lines[1].starts_with("\"'=HYPERLINK(\"\"x\"\")\""),
        "defused: {csv}"
    );
    assert!(
        lines[2].contains(&format!("\"{}: 3 of 4 (passed)\"", lesson.title)),
        "{csv}"
    );

    let csv = server
        .run_command(&["report", "usefulness", &code, "--csv"])
        .unwrap();
    assert!(
        csv.lines().nth(1).unwrap().starts_with(&format!(
            "\"{}\",\"lesson\",\"5\",\"0\",\"0\",\"0\",\"0\",\"5\",\"5.0\"",
            lesson.title
        )),
        "{csv}"
    );

    // Too few in the baseline: every figure hidden, and said so in words.
    let csv = server
        .run_command(&["report", "baseline", "--council", "demo council", "--csv"])
        .unwrap();
    assert!(
        csv.contains("\"Demo council\",\"0\""),
        "no one shares yet: {csv}"
    );
    let refused = server
        .run_command(&["report", "baseline", "--min-group", "2"])
        .unwrap_err();
    assert!(refused.contains("--min-group"), "{refused}");
    let unknown = server
        .run_command(&["report", "cohort", "ZZZZ-ZZZZ"])
        .unwrap_err();
    assert!(unknown.contains("cohort list"), "{unknown}");
}
