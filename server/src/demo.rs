//! Demo data, so a newcomer sees a populated console at once (`cargo xtask run`,
//! `nc-server demo`): a cohort of 20 generated learners in the demo council, with a mix of
//! sharing choices, two months of activity, baseline results and ratings.
//!
//! Everything is marked as demo data: the cohort's name says so and every learner is called
//! "Demo member N". The records go through storage like synced ones, so the reports read
//! them exactly as they would read real learners'.

use shared::clock::{Hlc, RecordId};
use shared::harness::synthetic_records;
use shared::record::{AreaScore, Rated, Record, RecordBody};

use crate::admin::{self, AdminError, DEMO_COUNCIL};
use crate::secrets::{self, TokenHash};
use crate::service::{DEFAULT_QUOTA, Service};
use crate::storage::{Cohort, NewDevice, Storage};

/// The demo cohort's name.
pub const DEMO_COHORT: &str = "Demo cohort (generated learners)";

/// Learners in the demo cohort: about the size of a council's cohort.
pub const DEMO_LEARNERS: usize = 20;

/// Activity per learner, spread over the last [`DEMO_DAYS`] days.
const RECORDS_EACH: usize = 120;
const DEMO_DAYS: u64 = 60;
const DAY_MS: u64 = 24 * 60 * 60 * 1000;

/// What one demo learner chose and did beyond their lessons, varied by `n`.
fn choices(service_content: &shared::pack::Content, n: usize) -> Vec<RecordBody> {
    let spec = &service_content.pack.assessment;
    let mut bodies = vec![
        RecordBody::DisplayNameSet {
            name: format!("Demo member {}", n + 1),
        },
        // Three in four share their progress.
        RecordBody::ProgressSharingSet {
            enabled: n % 4 != 3,
        },
    ];
    // Two in three add a result to the baseline.
    if !n.is_multiple_of(3) {
        let stage = &spec.stages[n % spec.stages.len()];
        bodies.push(RecordBody::BaselineSharingSet { enabled: true });
        bodies.push(RecordBody::BaselineResult {
            stage: stage.id.clone(),
            scores: spec
                .areas
                .iter()
                .enumerate()
                .map(|(i, area)| AreaScore {
                    area: area.id.clone(),
                    score: u32::try_from((30 + n * 7 + i * 11) % 100).unwrap_or(50),
                })
                .collect(),
            month: "2026-11".to_owned(),
        });
    }
    for (i, lesson) in service_content.pack.lessons().take(3).enumerate() {
        let about = Rated::Lesson {
            lesson: lesson.id.clone(),
        };
        bodies.push(RecordBody::UsefulnessRated {
            about: about.clone(),
            rating: u8::try_from(3 + (n + i) % 3).unwrap_or(4),
        });
        if n % 5 == i {
            bodies.push(RecordBody::UsefulnessComment {
                about,
                comment: "Demo comment: a local example would help.".to_owned(),
                shared: true,
            });
        }
    }
    bodies
}

/// Makes the demo cohort and its learners, unless it already has learners. Returns the cohort
/// and how many learners it has.
pub fn seed<S: Storage>(service: &Service<S>) -> Result<(Cohort, usize), AdminError> {
    let storage = service.storage();
    let now = service.clock().now_ms();
    let cohort = admin::ensure_cohort(storage, DEMO_COUNCIL, DEMO_COHORT, now)?;
    let existing = storage.cohort_members(cohort.id)?.len();
    if existing > 0 {
        return Ok((cohort, existing));
    }
    let content = service.content();
    let start = now - DEMO_DAYS * DAY_MS;
    for n in 0..DEMO_LEARNERS {
        let device = "demo-device";
        let account = storage.enrol(
            &cohort,
            &secrets::new_user_id(),
            NewDevice {
                device,
                token_hash: TokenHash::of(&secrets::new_token()),
            },
            now,
        )?;
        let mut records = synthetic_records(content, RECORDS_EACH, n as u64);
        let extra = choices(content, n);
        records.extend(extra.into_iter().map(|body| Record {
            id: RecordId(0),
            device: device.to_owned(),
            hlc: Hlc::default(),
            pack_version: content.pack.version,
            body,
        }));
        // Spread over the last two months, in order, with ids to match their times.
        let total = records.len() as u64;
        let stored = records
            .into_iter()
            .enumerate()
            .map(|(i, mut record)| {
                let wall_ms = start + DEMO_DAYS * DAY_MS * i as u64 / total;
                record.hlc = Hlc {
                    wall_ms,
                    counter: 0,
                };
                record.id = RecordId::v7(wall_ms, (n as u128) << 64 | i as u128);
                device.clone_into(&mut record.device);
                record.to_stored()
            })
            .collect();
        storage.put_records(account.user, stored, now, DEFAULT_QUOTA)?;
    }
    Ok((cohort, DEMO_LEARNERS))
}
