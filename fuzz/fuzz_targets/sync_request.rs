//! The sync request parser: the body of `POST /api/v1/sync`, then the checks each record must
//! pass before the server stores it.
//!
//! Nothing may panic, and a record the checks accept must decode, carry the sender's device id
//! and a bounded clock: the promises ADR 0013 makes about what is stored.
#![no_main]

use libfuzzer_sys::fuzz_target;
use server::rules;
use shared::clock::MAX_COUNTER;
use shared::record::Record;
use shared::sync::wire::{MAX_CLOCK_AHEAD_MS, SyncRequest};

const DEVICE: &str = "fuzz-device";
const NOW_MS: u64 = 1_800_000_000_000;

fuzz_target!(|data: &[u8]| {
    let Ok(request) = serde_json::from_slice::<SyncRequest>(data) else {
        return;
    };
    for record in &request.records {
        let Ok(stored) = rules::check(record, DEVICE, NOW_MS) else {
            continue;
        };
        assert_eq!(stored.device, DEVICE);
        assert!(stored.wall_ms <= NOW_MS + MAX_CLOCK_AHEAD_MS);
        assert!(stored.counter <= MAX_COUNTER);
        let decoded = Record::from_stored(&stored).expect("a checked record decodes");
        assert_eq!(
            decoded.id.to_string(),
            stored.id,
            "ids are stored in canonical form"
        );
    }
});
