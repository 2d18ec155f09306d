//! Practice exams: the blueprint, assembly, the attempt state machine and scoring.
//!
//! Pure: the catalog, a seed, the review history and the current time go in; attempts and
//! scores come out. The store persists every answer as it is given, and the CLI and TUI drive
//! the [`Session`]. An attempt is resumed from the database, so no index here may panic on one
//! that does not fit (`clippy::indexing_slicing` is denied).

#![deny(clippy::indexing_slicing)]

pub mod assemble;
pub mod blueprint;
pub mod resume;
pub mod rng;
pub mod score;
pub mod session;

pub use assemble::{AttemptQuestion, Scope, assemble};
pub use blueprint::paced_minutes;
pub use resume::unresumable;
pub use score::{Score, scaled_estimate, score};
pub use session::{Mode, Session, SessionError};
