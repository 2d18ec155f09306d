//! Scheduler settings and the study-day calendar.

use chrono::{DateTime, Duration, FixedOffset, NaiveDate, NaiveTime, Offset, TimeZone, Utc};

use super::error::SrsError;

/// Everything the scheduler needs besides the card, the rating and the clock.
///
/// The defaults are py-fsrs 6.3.2's `Scheduler` defaults (FSRS-6 default parameters, 90 %
/// desired retention, learning steps 1m 10m, relearning step 10m, 36 500-day maximum interval,
/// fuzz on) plus Anki's 04:00 day rollover and 20-minute learn-ahead limit. The UTC offset is
/// injected by the shell (the local offset), so the core never reads the system clock or zone.
#[derive(Debug, Clone, PartialEq)]
pub struct SchedulerConfig {
    /// FSRS parameters: 21 for FSRS-6 (17 or 19 older sets are accepted and filled by the
    /// `fsrs` crate; empty means the defaults).
    pub parameters: Vec<f32>,
    /// Probability of recall the intervals aim for, in (0, 1).
    pub desired_retention: f64,
    /// Delays between the learning steps of a new item.
    pub learning_steps: Vec<Duration>,
    /// Delays between the relearning steps of a forgotten item.
    pub relearning_steps: Vec<Duration>,
    /// The longest interval a review-state item can get, in days.
    pub maximum_interval_days: u32,
    /// Whether review intervals get a little deterministic noise, so that items learnt together
    /// do not stay together forever.
    pub enable_fuzz: bool,
    /// Local hour at which a new study day begins (Anki: 4).
    pub day_rollover_hour: u32,
    /// The learner's UTC offset, used to place the day rollover.
    pub utc_offset: FixedOffset,
    /// How far ahead a (re)learning item may be shown when nothing else is left (Anki: 20 min).
    pub learn_ahead: Duration,
}

impl Default for SchedulerConfig {
    fn default() -> Self {
        SchedulerConfig {
            parameters: fsrs::DEFAULT_PARAMETERS.to_vec(),
            desired_retention: 0.9,
            learning_steps: vec![Duration::minutes(1), Duration::minutes(10)],
            relearning_steps: vec![Duration::minutes(10)],
            maximum_interval_days: 36_500,
            enable_fuzz: true,
            day_rollover_hour: 4,
            utc_offset: Utc.fix(),
            learn_ahead: Duration::minutes(20),
        }
    }
}

impl SchedulerConfig {
    /// The defaults, with the learner's UTC offset.
    pub fn with_utc_offset(utc_offset: FixedOffset) -> SchedulerConfig {
        SchedulerConfig { utc_offset, ..SchedulerConfig::default() }
    }

    /// Checks the settings the `fsrs` crate does not check itself.
    pub fn validate(&self) -> Result<(), SrsError> {
        if !(self.desired_retention > 0.0 && self.desired_retention < 1.0) {
            return Err(SrsError::InvalidConfig(format!(
                "desired retention must be between 0 and 1, got {}",
                self.desired_retention
            )));
        }
        if self.maximum_interval_days == 0 {
            return Err(SrsError::InvalidConfig("maximum interval must be at least 1 day".into()));
        }
        if self.day_rollover_hour > 23 {
            return Err(SrsError::InvalidConfig(format!(
                "day rollover hour must be 0-23, got {}",
                self.day_rollover_hour
            )));
        }
        let steps = self.learning_steps.iter().chain(&self.relearning_steps);
        if let Some(bad) = steps.into_iter().find(|step| **step <= Duration::zero()) {
            return Err(SrsError::InvalidConfig(format!("learning and relearning steps must be positive, got {bad}")));
        }
        Ok(())
    }

    /// The FSRS model for these parameters (the crate checks, fills and clips them).
    pub(crate) fn fsrs(&self) -> Result<fsrs::FSRS, SrsError> {
        fsrs::FSRS::new(&self.parameters).map_err(SrsError::from)
    }

    /// The forgetting curve's decay (FSRS-6's last parameter; FSRS-5 sets use 0.5).
    pub(crate) fn decay(&self) -> f32 {
        match fsrs::check_and_fill_parameters(&self.parameters) {
            Ok(filled) => filled[20],
            Err(_) => fsrs::FSRS6_DEFAULT_DECAY,
        }
    }

    /// The study day `t` falls in: the local date, shifted back by the rollover hour.
    pub fn study_day(&self, t: DateTime<Utc>) -> NaiveDate {
        let local = t.with_timezone(&self.utc_offset).naive_local();
        (local - Duration::hours(i64::from(self.day_rollover_hour))).date()
    }

    /// The instant `day` begins (the rollover hour, local time), in UTC.
    pub fn day_start(&self, day: NaiveDate) -> DateTime<Utc> {
        let local = day.and_time(NaiveTime::MIN) + Duration::hours(i64::from(self.day_rollover_hour));
        match self.utc_offset.from_local_datetime(&local).single() {
            Some(t) => t.with_timezone(&Utc),
            // A fixed offset maps every local time to exactly one instant.
            None => Utc.from_utc_datetime(&local),
        }
    }

    /// Whole study days from `earlier` to `later`, never negative.
    pub fn days_between(&self, earlier: DateTime<Utc>, later: DateTime<Utc>) -> u32 {
        let days = (self.study_day(later) - self.study_day(earlier)).num_days();
        u32::try_from(days.max(0)).unwrap_or(u32::MAX)
    }
}

/// The study day `t` falls in, for `cfg`'s rollover hour and UTC offset (like Anki's day).
pub fn study_day(cfg: &SchedulerConfig, t: DateTime<Utc>) -> NaiveDate {
    cfg.study_day(t)
}
