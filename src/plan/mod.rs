//! Studying to a date: the exam-day plan, the readiness projection, weak-area drills and exam
//! pacing analytics.
//!
//! Pure, like the rest of the core: the clock, the states and the records come in as
//! arguments, and numbers come out; `study::plan` reads the store and calls these.
//!
//! - [`schedule`]: days left, new cards a day to introduce everything a buffer before the
//!   exam, the review workload (the `fsrs` crate's simulator), on track / behind / ahead.
//! - [`readiness`]: projected recall per domain on the exam date, recent exam accuracy, and a
//!   projected scaled score with an uncertainty band. An estimate; see docs/READINESS.md.
//! - [`weakest`]: tasks ranked by the same evidence; drill questions from the weakest.
//! - [`pacing`]: time per question and domain, accuracy by quarter, answer changes, pace.

#![deny(clippy::indexing_slicing)]

pub mod pacing;
pub mod readiness;
pub mod schedule;
pub mod weakest;

#[cfg(test)]
mod readiness_tests;

pub use pacing::{Pace, Pacing, QuestionRecord};
pub use readiness::{Evidence, ItemEvidence, Projection, Tally};
pub use schedule::{DEFAULT_BUFFER_DAYS, PlanSettings, Verdict, Workload};
pub use weakest::TaskStrength;
