//! The Networked Councillor core: a pure [Crux](https://github.com/redbadger/crux) app.
//!
//! It teaches councillors digital leadership through a learning path of short lessons and
//! quizzes, spaced review of missed questions, a private self-assessment and practice
//! checklists. It does no I/O: storage, time and (later) HTTP are effects the shell performs.
//!
//! - [`app`]: the `App` impl; [`event`], [`model`], [`view`] and [`effects`] are its parts.
//! - [`record`], [`clock`] and [`progress`]: progress as a log of immutable records, and the
//!   fold that derives everything shown from it.
//! - [`path`], [`quiz`], [`review`], [`assessment`], [`checklist`]: the rules of each feature,
//!   as small pure functions and state machines.
//! - [`update`]: how each event changes the model.

// Facet derives generate unsafe code; deserializing these plain data types is still sound.
#![allow(clippy::unsafe_derive_deserialize)]

pub mod app;
pub mod assessment;
pub mod checklist;
pub mod clock;
pub mod effects;
pub mod event;
pub mod harness;
pub mod model;
#[cfg(feature = "native")]
pub mod native;
pub mod pack;
pub mod path;
pub mod progress;
pub mod quiz;
pub mod record;
pub mod review;
pub mod shuffle;
pub mod sync;
pub mod text;
pub mod update;
pub mod view;
pub mod when;

pub use app::NetworkedCouncillor;
pub use crux_core::Core;
pub use effects::Effect;
pub use event::{Destination, Event};
pub use view::ViewModel;
// uniffi's derives name `crate::UniFfiTag`. The scaffolding that defines it is set up in
// `native::ffi`, the one module where its unsafe code is allowed.
#[cfg(feature = "native")]
pub use native::ffi::UniFfiTag;
