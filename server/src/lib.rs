//! The Networked Councillor sync server (`nc-server`).
//!
//! Devices enrol with a cohort code, pair further devices with a short code, sync their
//! progress records and download newer content packs (ADR 0008; the server's shape is ADR 0009).
//!
//! - [`admin`]: the operator's commands: councils and their cohorts.
//! - [`service`]: the protocol's rules, as a [`shared::sync::protocol::SyncProtocol`] over any
//!   [`storage::Storage`]; [`rules`] checks each incoming record.
//! - [`storage`]: the storage trait and its SQLite implementation (migrations, group commit).
//! - [`http`]: the axum routes, with per-client limits ([`limits`]) and browser hardening
//!   ([`headers`]); [`net`]: accepting connections, capped and timed out;
//!   [`shutdown`]: stopping cleanly; [`cli`]: flags and commands.
//! - [`report`]: reports for programme leads; so far the rule that hides small groups.
//! - [`pack`]: the content pack served; [`secrets`]: tokens and codes; [`clock`]: time.
//! - [`testing`]: helpers for tests against the real binary: a server on a free port with its
//!   own database, a small HTTP client, and a reader for what the database holds.

pub mod admin;
pub mod cli;
pub mod clock;
pub mod console;
pub mod demo;
pub mod headers;
pub mod http;
pub mod lead;
pub mod limits;
pub mod net;
pub mod pack;
pub mod report;
pub mod rules;
pub mod secrets;
pub mod service;
pub mod shutdown;
pub mod storage;
pub mod testing;
