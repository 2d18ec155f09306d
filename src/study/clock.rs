//! The one place the shell reads the time.
//!
//! Everything below the shell takes `now` as an argument. The shell gets it from a [`Clock`],
//! which is the system clock unless `DOPDECK_NOW` (RFC 3339) pins it — how end-to-end tests and
//! demos run at a fixed moment.

use chrono::{DateTime, FixedOffset, Local, Utc};

/// The current time, real or pinned.
#[derive(Debug, Clone, Copy)]
pub enum Clock {
    System,
    Fixed(DateTime<Utc>),
}

impl Clock {
    /// `DOPDECK_NOW` if set and valid, else the system clock.
    pub fn from_env() -> Result<Clock, String> {
        match std::env::var("DOPDECK_NOW") {
            Ok(v) if !v.is_empty() => DateTime::parse_from_rfc3339(&v)
                .map(|t| Clock::Fixed(t.with_timezone(&Utc)))
                .map_err(|e| format!("DOPDECK_NOW={v:?} is not an RFC 3339 time: {e}")),
            _ => Ok(Clock::System),
        }
    }

    /// Now.
    pub fn now(&self) -> DateTime<Utc> {
        match self {
            Clock::System => Utc::now(),
            Clock::Fixed(t) => *t,
        }
    }
}

/// The learner's UTC offset at `now`, which places the 04:00 day rollover.
pub fn local_offset(now: DateTime<Utc>) -> FixedOffset {
    *now.with_timezone(&Local).offset()
}
