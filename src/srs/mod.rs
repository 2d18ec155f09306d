//! Spaced repetition: FSRS-6 scheduling, study queues, statistics and parameter fitting.
//!
//! Pure: nothing here reads the clock, the disk or the terminal. Callers pass `now` and a
//! [`SchedulerConfig`] (which carries the learner's UTC offset), and get data back.
//!
//! - [`scheduler`]: one grade ([`review`]), the four-button [`preview`] and
//!   [`retrievability`]. Step logic follows py-fsrs 6.3.2's `Scheduler.review_card`; the memory
//!   model (stability, difficulty, intervals) is the `fsrs` crate's.
//! - [`queue`]: today's queue and the due counts, from plain [`QueueCandidate`]s.
//! - [`stats`]: reviews today, streak, true retention, items by state, due forecast.
//! - [`optimize`](mod@optimize): personal parameters from the review log via the crate's optimizer.
//! - [`config`]: the settings and the study-day calendar (Anki's 04:00 rollover).

pub mod config;
mod error;
mod fuzz;
pub mod optimize;
pub mod queue;
pub mod scheduler;
pub mod stats;
mod types;

pub use config::{SchedulerConfig, study_day};
pub use error::SrsError;
pub use optimize::{Fit, Grade, OptimizeError, Optimized, TrainingBuilder, optimize};
pub use queue::{
    DailyLimits, DoneToday, DueCounts, QueueCandidate, QueueEntry, QueueKind, QueueParams, build_queue, due_counts,
    due_counts_with_fresh,
};
pub use scheduler::{preview, retrievability, review};
pub use types::{CardState, ParseRatingError, ParseStateError, Rating, ReviewLog, Reviewed, State};
