//! Sync with the council's server: the wire format, the protocol, and the device's sync state machine.

pub mod client;
pub mod protocol;
pub mod wire;
