//! Practice exams: the blueprint, assembly, the attempt state machine and scoring.
//!
//! Pure: the catalog, a seed, the review history and the current time go in; attempts and
//! scores come out. The store persists every answer as it is given, and the CLI and TUI drive
//! the [`Session`].

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
