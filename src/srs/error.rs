//! Errors from the scheduling core.

/// Why the scheduler could not compute a result.
#[derive(Debug, thiserror::Error)]
pub enum SrsError {
    /// A setting is out of range (retention, maximum interval, rollover hour, steps).
    #[error("invalid scheduler setting: {0}")]
    InvalidConfig(String),
    /// The `fsrs` crate rejected the parameters or produced a non-finite memory state.
    #[error("FSRS error: {0:?}")]
    Fsrs(fsrs::FSRSError),
}

impl From<fsrs::FSRSError> for SrsError {
    fn from(error: fsrs::FSRSError) -> Self {
        SrsError::Fsrs(error)
    }
}
