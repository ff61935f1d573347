//! Reports for programme leads, computed from synced records (issue 13, in progress).
//!
//! [`suppress`]: the rule that hides small groups, so no figure about fewer than a handful of
//! learners can be read or worked out.

pub mod suppress;
