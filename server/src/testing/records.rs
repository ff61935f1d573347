//! Valid records to send, made the way the core makes them.

use shared::clock::{Hlc, RecordId};
use shared::record::{Record, RecordBody, StoredRecord};

/// Now, in Unix milliseconds, from the system clock.
pub fn now_ms() -> u64 {
    crate::clock::Clock::now_ms(&crate::clock::SystemClock)
}

fn make(device: &str, wall_ms: u64, seq: u32, body: RecordBody) -> StoredRecord {
    let random = (u128::from(seq) << 64) | u128::from(fnv(device));
    Record {
        id: RecordId::v7(wall_ms, random),
        device: device.to_owned(),
        hlc: Hlc {
            wall_ms,
            counter: seq,
        },
        pack_version: 1,
        body,
    }
    .to_stored()
}

/// A small hash so that two devices never make the same id for the same `seq`.
fn fnv(text: &str) -> u64 {
    text.bytes().fold(0xcbf2_9ce4_8422_2325, |h, b| {
        (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3)
    })
}

/// A public record ("step reached"), numbered `seq` on `device`.
pub fn step(device: &str, wall_ms: u64, seq: u32) -> StoredRecord {
    make(
        device,
        wall_ms,
        seq,
        RecordBody::StepReached {
            lesson: format!("lesson-{}", seq % 7),
            step: seq,
        },
    )
}

/// A private record (a checklist note), numbered `seq` on `device`.
pub fn private_note(device: &str, wall_ms: u64, seq: u32, note: &str) -> StoredRecord {
    make(
        device,
        wall_ms,
        seq,
        RecordBody::ChecklistNoteSet {
            run: RecordId::v7(wall_ms, 1),
            item: "agenda".to_owned(),
            note: note.to_owned(),
        },
    )
}

/// `count` public records from `device`, numbered from `first`, a millisecond apart.
pub fn steps(device: &str, wall_ms: u64, first: u32, count: u32) -> Vec<StoredRecord> {
    (first..first + count)
        .map(|seq| step(device, wall_ms + u64::from(seq), seq))
        .collect()
}
