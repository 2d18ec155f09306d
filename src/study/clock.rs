//! The one place the program reads the time and the environment.
//!
//! Everything below the shell takes `now` as an argument. The binary's edge builds one [`Clock`]
//! (the system clock unless `DOPDECK_NOW`, RFC 3339, pins it — how end-to-end tests and demos
//! run at a fixed moment) and hands it to the command or the TUI. The environment variables the
//! shells honour are read here too, each by a named function; `clippy.toml` refuses
//! `Utc::now`, `Local::now` and `std::env::var` anywhere else.

#![allow(clippy::disallowed_methods)]

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

/// Whether interval fuzz is on: off when `DOPDECK_FUZZ=0`.
pub fn fuzz() -> bool {
    std::env::var("DOPDECK_FUZZ").map_or(true, |v| v.trim() != "0")
}

/// Whether `DOPDECK_NO_CACHE` asks to bypass the start-up cache (set, not empty, not `0`).
pub fn no_cache() -> bool {
    std::env::var("DOPDECK_NO_CACHE").is_ok_and(|v| !v.is_empty() && v != "0")
}

/// `COLUMNS`, when it is a number.
pub fn columns() -> Option<usize> {
    std::env::var("COLUMNS").ok().and_then(|v| v.parse::<usize>().ok())
}

/// `DOPDECK_THEME`, when set to something.
pub fn theme() -> Option<String> {
    std::env::var("DOPDECK_THEME").ok().filter(|s| !s.trim().is_empty())
}

/// Whether `NO_COLOR` is set to anything but the empty string.
pub fn no_color() -> bool {
    std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty())
}
