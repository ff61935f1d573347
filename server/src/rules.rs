//! The checks one incoming record must pass before it is stored (ADR 0008), as pure functions.
//!
//! Reasons are written for the learner: the device shows them beside the record that could not
//! sync. A record that fails stays on the device; nothing here deletes anything.

use shared::clock::MAX_COUNTER;
use shared::record::{RATING_RANGE, Record, RecordBody, StoredRecord};
use shared::sync::wire::{MAX_CLOCK_AHEAD_MS, MAX_RECORD_BODY};

/// Checks a record sent by `device` at server time `now_ms`. On success, returns the record as
/// it will be stored: its id in canonical form, so `AB…` and `ab…` are the same record.
pub fn check(record: &StoredRecord, device: &str, now_ms: u64) -> Result<StoredRecord, String> {
    if record.body.len() > MAX_RECORD_BODY {
        return Err(format!(
            "This item is too large to sync ({} KB; the limit is {} KB).",
            record.body.len().div_ceil(1024),
            MAX_RECORD_BODY / 1024
        ));
    }
    let decoded = Record::from_stored(record).map_err(|detail| {
        format!(
            "The server could not read this item ({detail}). A newer version of the app may fix it."
        )
    })?;
    check_body(&decoded.body)?;
    if record.device != device {
        return Err(format!(
            "This item says it was made on another device (\"{}\"), so this device cannot send it.",
            shorten(&record.device)
        ));
    }
    if record.wall_ms > now_ms.saturating_add(MAX_CLOCK_AHEAD_MS) {
        return Err(format!(
            "This item is dated more than {} minutes ahead of the server's clock. Check the date and time on this device.",
            MAX_CLOCK_AHEAD_MS / 60_000
        ));
    }
    if record.counter > MAX_COUNTER {
        return Err(
            "This item's timestamp is out of range. Check the date and time on this device."
                .to_owned(),
        );
    }
    Ok(StoredRecord {
        id: decoded.id.to_string(),
        ..record.clone()
    })
}

/// Most scores an assessment result may hold: far more areas than any pack has.
const MAX_AREAS: usize = 32;

/// Values a report would count: they must make sense, so one device cannot skew a figure.
fn check_body(body: &RecordBody) -> Result<(), String> {
    match body {
        RecordBody::UsefulnessRated { rating, .. } if !RATING_RANGE.contains(rating) => {
            Err(format!(
                "Ratings go from {} to {}. This one is {rating}.",
                RATING_RANGE.start(),
                RATING_RANGE.end()
            ))
        }
        RecordBody::BaselineResult {
            scores,
            month,
            stage,
            ..
        } => {
            let mut areas: Vec<&str> = scores.iter().map(|s| s.area.as_str()).collect();
            areas.sort_unstable();
            areas.dedup();
            if scores.len() > MAX_AREAS
                || stage.is_empty()
                || areas.len() != scores.len()
                || scores.iter().any(|s| s.score > 100)
                || !is_month(month)
            {
                return Err(
                    "This self-assessment result cannot be added to the baseline: its scores or month are not valid. A newer version of the app may fix it."
                        .to_owned(),
                );
            }
            Ok(())
        }
        _ => Ok(()),
    }
}

/// `YYYY-MM`, with a month from 01 to 12.
fn is_month(text: &str) -> bool {
    let bytes = text.as_bytes();
    bytes.len() == 7
        && bytes[4] == b'-'
        && bytes[..4].iter().chain(&bytes[5..]).all(u8::is_ascii_digit)
        && matches!(text[5..].parse::<u8>(), Ok(1..=12))
}

/// The reason given when an id is already stored with different content.
pub const CONFLICT: &str = "Another item with the same id, but different content, is already stored. The stored one was kept.";

/// Keeps a reason readable when a device id is long or odd.
fn shorten(text: &str) -> String {
    const MAX: usize = 40;
    if text.chars().count() <= MAX {
        text.to_owned()
    } else {
        text.chars().take(MAX).chain("…".chars()).collect()
    }
}

#[cfg(test)]
mod tests {
    use shared::clock::{Hlc, RecordId};
    use shared::record::Rated;

    use super::*;

    const NOW: u64 = 1_800_000_000_000;

    fn record(device: &str, wall_ms: u64) -> StoredRecord {
        Record {
            id: RecordId::v7(wall_ms, 7),
            device: device.to_owned(),
            hlc: Hlc {
                wall_ms,
                counter: 0,
            },
            pack_version: 1,
            body: RecordBody::StepReached {
                lesson: "l".into(),
                step: 1,
            },
        }
        .to_stored()
    }

    #[test]
    fn a_good_record_passes_with_its_id_in_canonical_form() {
        let mut sent = record("phone", NOW);
        let canonical = sent.id.clone();
        sent.id = sent.id.to_uppercase();
        let stored = check(&sent, "phone", NOW).unwrap();
        assert_eq!(stored.id, canonical);
        assert_eq!(stored.body, sent.body);
    }

    #[test]
    fn a_rating_out_of_range_is_rejected() {
        let rated = |rating| {
            Record {
                id: RecordId::v7(NOW, 7),
                device: "phone".into(),
                hlc: Hlc {
                    wall_ms: NOW,
                    counter: 0,
                },
                pack_version: 1,
                body: RecordBody::UsefulnessRated {
                    about: Rated::Lesson {
                        lesson: "hello".into(),
                    },
                    rating,
                },
            }
            .to_stored()
        };
        for bad in [0, 6, 255] {
            let reason = check(&rated(bad), "phone", NOW).unwrap_err();
            assert!(reason.contains("from 1 to 5"), "{reason}");
            assert!(reason.contains(&format!("This one is {bad}.")), "{reason}");
        }
        for good in [1, 5] {
            assert!(check(&rated(good), "phone", NOW).is_ok());
        }
    }

    #[test]
    fn a_baseline_result_must_make_sense() {
        use shared::record::AreaScore;
        let result = |scores: Vec<(&str, u32)>, month: &str| {
            let mut stored = record("phone", NOW);
            let body = RecordBody::BaselineResult {
                stage: "s".into(),
                scores: scores
                    .into_iter()
                    .map(|(area, score)| AreaScore {
                        area: area.into(),
                        score,
                    })
                    .collect(),
                month: month.into(),
            };
            stored.kind = body.kind().into();
            stored.body = serde_json::to_string(&body).unwrap();
            stored
        };
        assert!(check(&result(vec![("a", 0), ("b", 100)], "2026-12"), "phone", NOW).is_ok());
        for bad in [
            result(vec![("a", 101)], "2026-12"),
            result(vec![("a", 5), ("a", 6)], "2026-12"),
            result(vec![("a", 5)], "2026-13"),
            result(vec![("a", 5)], "26-12"),
            result(vec![("a", 5)], "2026/12"),
        ] {
            let reason = check(&bad, "phone", NOW).unwrap_err();
            assert!(reason.contains("baseline"), "{reason}");
        }
    }

    #[test]
    fn another_devices_record_is_rejected() {
        let reason = check(&record("laptop", NOW), "phone", NOW).unwrap_err();
        assert!(reason.contains("another device (\"laptop\")"), "{reason}");
    }

    #[test]
    fn a_counter_past_the_bound_is_rejected() {
        let mut hostile = record("phone", NOW);
        hostile.counter = u32::MAX;
        let reason = check(&hostile, "phone", NOW).unwrap_err();
        assert!(reason.contains("date and time"), "{reason}");
        hostile.counter = MAX_COUNTER;
        assert!(check(&hostile, "phone", NOW).is_ok());
    }

    #[test]
    fn unknown_fields_in_a_body_are_rejected() {
        let mut padded = record("phone", NOW);
        padded.body = padded.body.replace('}', ",\"extra\":1}");
        let reason = check(&padded, "phone", NOW).unwrap_err();
        assert!(reason.contains("extra"), "{reason}");
    }

    #[test]
    fn five_minutes_ahead_is_the_limit() {
        assert!(check(&record("phone", NOW + MAX_CLOCK_AHEAD_MS), "phone", NOW).is_ok());
        let reason =
            check(&record("phone", NOW + MAX_CLOCK_AHEAD_MS + 1), "phone", NOW).unwrap_err();
        assert!(reason.contains("5 minutes ahead"), "{reason}");
        assert!(reason.contains("date and time"), "{reason}");
        assert!(check(&record("phone", NOW + 600_000), "phone", NOW).is_err());
        // A device behind the server is fine, however far: its records only lose ties.
        assert!(check(&record("phone", NOW - 36_000_000), "phone", NOW).is_ok());
    }

    #[test]
    fn bodies_over_16_kb_are_rejected() {
        let mut big = record("phone", NOW);
        big.body = format!(
            "{{\"type\":\"display_name_set\",\"name\":\"{}\"}}",
            "x".repeat(MAX_RECORD_BODY)
        );
        big.kind = "display_name_set".into();
        let reason = check(&big, "phone", NOW).unwrap_err();
        assert!(reason.contains("too large"), "{reason}");
    }

    #[test]
    fn records_that_do_not_decode_are_rejected_with_the_detail() {
        let mut bad = record("phone", NOW);
        bad.kind = "quiz_finished".into();
        let reason = check(&bad, "phone", NOW).unwrap_err();
        assert!(reason.contains("could not read"), "{reason}");
        assert!(reason.contains("quiz_finished"), "{reason}");

        let mut bad_id = record("phone", NOW);
        bad_id.id = "not-a-uuid".into();
        assert!(check(&bad_id, "phone", NOW).is_err());

        let mut lying = record("phone", NOW);
        lying.private = true;
        assert!(check(&lying, "phone", NOW).is_err());
    }

    #[test]
    fn long_device_ids_are_shortened_in_reasons() {
        let reason = check(&record(&"d".repeat(500), NOW), "phone", NOW).unwrap_err();
        assert!(reason.len() < 200, "{reason}");
    }
}
