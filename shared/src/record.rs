//! Progress records: the immutable facts that all progress is derived from.
//!
//! A record is made once, on one device, and never changed; a correction is a new record.
//! [`StoredRecord`] is the envelope that storage and sync carry: its body is JSON, so shells and
//! the server can store and move records without understanding them.

use facet::Facet;
use serde::{Deserialize, Serialize};

use crate::clock::{Hlc, RecordId};

/// One answer in a completed self-assessment.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ItemAnswer {
    pub item: String,
    pub answer: Answer,
}

/// An answer to one assessment item.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Answer {
    /// A point on the item's scale, from 0 (lowest label).
    Scale(u8),
    YesNo(YesNo),
    /// How often each channel is used; channels not listed are "never".
    Channels(Vec<ChannelUse>),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Facet)]
#[serde(rename_all = "snake_case")]
#[repr(C)]
pub enum YesNo {
    Yes,
    No,
    NotSure,
    /// The item's "not applicable" answer, such as "There isn't one": left out of the score.
    NotApplicable,
}

/// How often a channel is used, from never to every day.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize, Facet)]
#[serde(rename_all = "snake_case")]
#[repr(C)]
pub enum Frequency {
    Never,
    NowAndThen,
    Weekly,
    Daily,
}

impl Frequency {
    pub const ALL: [Self; 4] = [Self::Never, Self::NowAndThen, Self::Weekly, Self::Daily];

    pub fn index(self) -> usize {
        self as usize
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ChannelUse {
    pub channel: String,
    pub frequency: Frequency,
}

/// The score of one area in a completed assessment, kept with the answers so that an old result
/// reads the same even after the pack's scoring changes.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AreaScore {
    pub area: String,
    pub score: u32,
}

/// What a "Was this useful?" rating is about.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(tag = "of", rename_all = "snake_case", deny_unknown_fields)]
pub enum Rated {
    /// A lesson, rated after its quiz.
    Lesson { lesson: String },
    /// One finished run of a checklist.
    ChecklistRun { checklist: String, run: RecordId },
}

/// The lowest and highest "Was this useful?" rating.
pub const RATING_RANGE: std::ops::RangeInclusive<u8> = 1..=5;

/// Defines [`RecordBody`] and, from the same list, a fast decoder for it.
///
/// Serde decodes an internally tagged enum by first buffering the whole object, which made
/// decoding the body the largest cost of opening a long history. The stored record says its
/// kind beside the body, so [`RecordBody::decode`] goes straight to that variant's fields.
macro_rules! record_bodies {
    ($(
        $(#[$meta:meta])*
        $variant:ident = $kind:literal { $($field:ident: $ty:ty),* $(,)? }
    ),* $(,)?) => {
        /// What happened. Ids refer to the content pack.
        #[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
        #[serde(tag = "type", rename_all = "snake_case")]
        pub enum RecordBody {
            $($(#[$meta])* $variant { $($field: $ty),* },)*
        }

        impl RecordBody {
            /// The body's type name, as stored beside it.
            pub fn kind(&self) -> &'static str {
                match self {
                    $(Self::$variant { .. } => $kind,)*
                }
            }

            /// Decodes a body whose kind is known, checking that its own `type` agrees.
            pub fn decode(kind: &str, json: &str) -> Result<Self, String> {
                match kind {
                    $($kind => {
                        // Unknown fields are refused: a body carries exactly what its kind
                        // says, so nobody can park other data on the server inside one.
                        #[derive(Deserialize)]
                        #[serde(deny_unknown_fields)]
                        struct Fields<'a> {
                            #[serde(rename = "type", borrow)]
                            tag: std::borrow::Cow<'a, str>,
                            $($field: $ty,)*
                        }
                        let fields: Fields<'_> = match serde_json::from_str(json) {
                            Ok(fields) => fields,
                            // Slow, but only for a bad record: say what it really holds.
                            Err(e) => return Err(match serde_json::from_str::<Self>(json) {
                                Ok(other) if other.kind() != $kind => {
                                    format!("says it is '{kind}' but holds '{}'", other.kind())
                                }
                                _ => e.to_string(),
                            }),
                        };
                        if fields.tag != $kind {
                            return Err(format!("says it is '{kind}' but holds '{}'", fields.tag));
                        }
                        Ok(Self::$variant { $($field: fields.$field),* })
                    })*
                    other => Err(format!("unknown kind '{other}'")),
                }
            }
        }
    };
}

record_bodies! {
    /// The learner reached (or went back to) a step of a lesson. The latest one is where they left off.
    StepReached = "step_reached" { lesson: String, step: u32 },
    /// A quiz question was answered.
    QuizAnswered = "quiz_answered" { lesson: String, question: String, chosen: Vec<String>, correct: bool },
    /// A quiz attempt ended. A lesson is complete once an attempt passes.
    QuizFinished = "quiz_finished" { lesson: String, score: u32, total: u32, passed: bool },
    /// A question was answered in a review session.
    ReviewAnswered = "review_answered" { question: String, correct: bool },
    /// A self-assessment was completed. Private: it stays on the device unless backup is on.
    AssessmentCompleted = "assessment_completed" {
        answers: Vec<ItemAnswer>,
        scores: Vec<AreaScore>,
        overall: u32,
        stage: String,
    },
    /// A checklist run began. The run's id is this record's id.
    ChecklistStarted = "checklist_started" { checklist: String },
    ChecklistItemSet = "checklist_item_set" { run: RecordId, item: String, done: bool },
    /// A note on a checklist item. Private: it stays on the device unless backup is on.
    ChecklistNoteSet = "checklist_note_set" { run: RecordId, item: String, note: String },
    ChecklistFinished = "checklist_finished" { run: RecordId },
    DisplayNameSet = "display_name_set" { name: String },
    BackupSet = "backup_set" { enabled: bool },
    /// The learner's choice to show their progress to their programme lead. Off until set.
    ProgressSharingSet = "progress_sharing_set" { enabled: bool },
    /// The learner's choice to add their self-assessment result to the anonymous baseline.
    BaselineSharingSet = "baseline_sharing_set" { enabled: bool },
    /// The derived result of a self-assessment, for the baseline: never the answers. `month`
    /// is when it was taken, as `YYYY-MM`; the latest one is the learner's place in the baseline.
    BaselineResult = "baseline_result" { stage: String, scores: Vec<AreaScore>, month: String },
    /// "Was this useful?": a rating in [`RATING_RANGE`]. The latest per subject counts.
    UsefulnessRated = "usefulness_rated" { about: Rated, rating: u8 },
    /// A comment with a rating. Private unless `shared`: the learner ticked that their
    /// programme lead may read it.
    UsefulnessComment = "usefulness_comment" { about: Rated, comment: String, shared: bool },
}

impl RecordBody {
    /// Private records are the learner's own: never sent unless they turn on backup.
    pub fn is_private(&self) -> bool {
        match self {
            Self::AssessmentCompleted { .. } | Self::ChecklistNoteSet { .. } => true,
            Self::UsefulnessComment { shared, .. } => !shared,
            _ => false,
        }
    }
}

/// A decoded record.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Record {
    pub id: RecordId,
    pub device: String,
    pub hlc: Hlc,
    /// The version of the content pack the record was made with.
    pub pack_version: u32,
    pub body: RecordBody,
}

/// The order every device folds records in: timestamp, then device, then id, so ties break the same way everywhere.
pub type OrderKey<'a> = (Hlc, &'a str, RecordId);

impl Record {
    pub fn order_key(&self) -> OrderKey<'_> {
        (self.hlc, &self.device, self.id)
    }

    pub fn is_private(&self) -> bool {
        self.body.is_private()
    }

    pub fn to_stored(&self) -> StoredRecord {
        StoredRecord {
            id: self.id.to_string(),
            device: self.device.clone(),
            wall_ms: self.hlc.wall_ms,
            counter: self.hlc.counter,
            pack_version: self.pack_version,
            private: self.is_private(),
            kind: self.body.kind().to_owned(),
            body: serde_json::to_string(&self.body).expect("record bodies always serialize"),
        }
    }

    /// Decodes a stored record, or says what is wrong with it.
    pub fn from_stored(stored: &StoredRecord) -> Result<Self, String> {
        let (id, body) = decode(stored)?;
        Ok(Self {
            id,
            device: stored.device.clone(),
            hlc: Hlc {
                wall_ms: stored.wall_ms,
                counter: stored.counter,
            },
            pack_version: stored.pack_version,
            body,
        })
    }

    /// As [`Record::from_stored`], taking the stored record so its strings move, not copy:
    /// loading tens of thousands of records at start is the hot path.
    pub fn from_stored_owned(stored: StoredRecord) -> Result<Self, String> {
        let (id, body) = decode(&stored)?;
        Ok(Self {
            id,
            device: stored.device,
            hlc: Hlc {
                wall_ms: stored.wall_ms,
                counter: stored.counter,
            },
            pack_version: stored.pack_version,
            body,
        })
    }
}

/// The id and body of a stored record, checked against the kind and private flag beside them.
fn decode(stored: &StoredRecord) -> Result<(RecordId, RecordBody), String> {
    let id = stored.id.parse::<RecordId>()?;
    let body = RecordBody::decode(&stored.kind, &stored.body)
        .map_err(|e| format!("record {}: unreadable body: {e}", stored.id))?;
    if body.is_private() != stored.private {
        return Err(format!("record {}: its private flag is wrong", stored.id));
    }
    Ok((id, body))
}

/// A record as storage and sync carry it. The body is JSON text; `kind` and `private` sit beside
/// it so that a store or server can index and filter without parsing the body.
#[derive(Facet, Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct StoredRecord {
    /// A UUIDv7, made on the device.
    pub id: String,
    pub device: String,
    /// Hybrid logical clock: wall-clock milliseconds...
    pub wall_ms: u64,
    /// ...and a counter that breaks ties.
    pub counter: u32,
    pub pack_version: u32,
    pub private: bool,
    pub kind: String,
    pub body: String,
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sample(body: RecordBody) -> Record {
        Record {
            id: RecordId::v7(1_700_000_000_000, 42),
            device: "dev1".into(),
            hlc: Hlc {
                wall_ms: 1_700_000_000_000,
                counter: 2,
            },
            pack_version: 1,
            body,
        }
    }

    #[test]
    fn stored_round_trip_keeps_everything() {
        let record = sample(RecordBody::ChecklistNoteSet {
            run: RecordId::v7(5, 6),
            item: "platform".into(),
            note: "We used the library's laptop.".into(),
        });
        let stored = record.to_stored();
        assert!(stored.private);
        assert_eq!(stored.kind, "checklist_note_set");
        assert_eq!(Record::from_stored(&stored), Ok(record));
    }

    #[test]
    fn body_json_is_tagged_and_readable() {
        let stored = sample(RecordBody::StepReached {
            lesson: "hello".into(),
            step: 2,
        })
        .to_stored();
        assert_eq!(
            stored.body,
            r#"{"type":"step_reached","lesson":"hello","step":2}"#
        );
    }

    #[test]
    fn every_kind_decodes_straight_to_its_fields() {
        let run = RecordId::v7(5, 6);
        let bodies = [
            RecordBody::StepReached {
                lesson: "l".into(),
                step: 2,
            },
            RecordBody::QuizAnswered {
                lesson: "l".into(),
                question: "l.q".into(),
                chosen: vec!["a".into()],
                correct: true,
            },
            RecordBody::QuizFinished {
                lesson: "l".into(),
                score: 3,
                total: 4,
                passed: true,
            },
            RecordBody::ReviewAnswered {
                question: "l.q".into(),
                correct: false,
            },
            RecordBody::AssessmentCompleted {
                answers: vec![ItemAnswer {
                    item: "i".into(),
                    answer: Answer::YesNo(YesNo::NotSure),
                }],
                scores: vec![AreaScore {
                    area: "a".into(),
                    score: 25,
                }],
                overall: 25,
                stage: "s".into(),
            },
            RecordBody::ChecklistStarted {
                checklist: "c".into(),
            },
            RecordBody::ChecklistItemSet {
                run,
                item: "i".into(),
                done: true,
            },
            RecordBody::ChecklistNoteSet {
                run,
                item: "i".into(),
                note: "Quote \"this\" é".into(),
            },
            RecordBody::ChecklistFinished { run },
            RecordBody::DisplayNameSet { name: "Sam".into() },
            RecordBody::BackupSet { enabled: true },
            RecordBody::ProgressSharingSet { enabled: true },
            RecordBody::BaselineSharingSet { enabled: false },
            RecordBody::BaselineResult {
                stage: "s".into(),
                scores: vec![AreaScore {
                    area: "a".into(),
                    score: 40,
                }],
                month: "2026-12".into(),
            },
            RecordBody::UsefulnessRated {
                about: Rated::Lesson { lesson: "l".into() },
                rating: 4,
            },
            RecordBody::UsefulnessComment {
                about: Rated::ChecklistRun {
                    checklist: "c".into(),
                    run,
                },
                comment: "Clear".into(),
                shared: true,
            },
        ];
        for body in bodies {
            let json = serde_json::to_string(&body).unwrap();
            let tag = serde_json::from_str::<serde_json::Value>(&json).unwrap()["type"]
                .as_str()
                .unwrap()
                .to_owned();
            assert_eq!(tag, body.kind(), "serde's name and the kind agree");
            assert_eq!(RecordBody::decode(body.kind(), &json), Ok(body.clone()));
            assert_eq!(
                serde_json::from_str::<RecordBody>(&json).unwrap(),
                body,
                "the slow path agrees"
            );
        }
        assert!(
            RecordBody::decode("backup_set", r#"{"type":"display_name_set","name":"x"}"#).is_err()
        );
        assert!(RecordBody::decode("no_such_kind", "{}").is_err());
    }

    #[test]
    fn a_comment_is_private_unless_shared() {
        let comment = |shared| RecordBody::UsefulnessComment {
            about: Rated::Lesson { lesson: "l".into() },
            comment: "Too long".into(),
            shared,
        };
        assert!(comment(false).is_private());
        assert!(!comment(true).is_private());
        // A shared comment relabelled private (or the reverse) is refused.
        let mut stored = sample(comment(true)).to_stored();
        stored.private = true;
        assert!(Record::from_stored(&stored).is_err());
    }

    #[test]
    fn the_baseline_result_holds_no_answers() {
        let json = serde_json::to_string(&RecordBody::BaselineResult {
            stage: "s".into(),
            scores: vec![],
            month: "2026-12".into(),
        })
        .unwrap();
        let value: serde_json::Value = serde_json::from_str(&json).unwrap();
        let mut keys: Vec<_> = value.as_object().unwrap().keys().cloned().collect();
        keys.sort();
        assert_eq!(keys, ["month", "scores", "stage", "type"]);
    }

    #[test]
    fn tampered_records_are_refused_with_a_reason() {
        let good = sample(RecordBody::BackupSet { enabled: true }).to_stored();

        let mut wrong_kind = good.clone();
        wrong_kind.kind = "step_reached".into();
        assert!(
            Record::from_stored(&wrong_kind)
                .unwrap_err()
                .contains("says it is")
        );

        let mut wrong_flag = good.clone();
        wrong_flag.private = true;
        assert!(
            Record::from_stored(&wrong_flag)
                .unwrap_err()
                .contains("private flag")
        );

        let mut bad_body = good.clone();
        bad_body.body = "{not json".into();
        assert!(
            Record::from_stored(&bad_body)
                .unwrap_err()
                .contains("unreadable body")
        );

        let mut bad_id = good;
        bad_id.id = "nope".into();
        assert!(
            Record::from_stored(&bad_id)
                .unwrap_err()
                .contains("not a UUID")
        );
    }
}
