//! The record decoder: any bytes a device or the server might hold as a stored record.
//!
//! Decoding must never panic, and a record that decodes must encode back to itself, so a
//! record read from one device reaches every other device unchanged.
#![no_main]

use libfuzzer_sys::fuzz_target;
use shared::record::{Record, StoredRecord};

fuzz_target!(|data: &[u8]| {
    let Ok(stored) = serde_json::from_slice::<StoredRecord>(data) else {
        return;
    };
    let Ok(record) = Record::from_stored(&stored) else {
        return;
    };
    let again = Record::from_stored(&record.to_stored()).expect("an encoded record decodes");
    assert_eq!(again, record, "a record survives a round trip");
    let owned = Record::from_stored_owned(stored).expect("both decoders agree");
    assert_eq!(owned, record, "both decoders agree");
});
