//! Statistics computed from the review log and the items' states.
//!
//! Everything is counted in study days (see [`SchedulerConfig::study_day`]), so "today" starts
//! at the day rollover, as in Anki.

use std::collections::HashSet;

use chrono::{DateTime, Duration, NaiveDate, Utc};
use serde::Serialize;

use super::config::SchedulerConfig;
use super::queue::{DoneToday, QueueCandidate};
use super::types::{CardState, Rating, ReviewLog, State};

/// Anki's threshold between young and mature cards: an interval of 21 days or more is mature.
pub const MATURE_INTERVAL_DAYS: u32 = 21;

/// Grades counted in study days up to today, in the log.
pub fn reviews_today(cfg: &SchedulerConfig, logs: &[ReviewLog], now: DateTime<Utc>) -> u32 {
    let today = cfg.study_day(now);
    count(logs.iter().filter(|log| cfg.study_day(log.reviewed_at) == today))
}

/// What today's grades have used of the daily limits: new items introduced and reviews of
/// review-state items.
pub fn done_today(cfg: &SchedulerConfig, logs: &[ReviewLog], now: DateTime<Utc>) -> DoneToday {
    let today = cfg.study_day(now);
    let todays = || logs.iter().filter(|log| cfg.study_day(log.reviewed_at) == today);
    DoneToday {
        new_introduced: count(todays().filter(|log| log.state_before == State::New)),
        reviews_done: count(todays().filter(|log| log.state_before == State::Review)),
    }
}

/// Consecutive study days with at least one grade, ending today, or yesterday when nothing
/// was graded yet today (so the streak does not look broken in the morning).
pub fn streak(cfg: &SchedulerConfig, logs: &[ReviewLog], now: DateTime<Utc>) -> u32 {
    let days: HashSet<NaiveDate> = logs.iter().map(|log| cfg.study_day(log.reviewed_at)).collect();
    streak_by(cfg.study_day(now), |day| days.contains(&day))
}

/// [`streak`] asking `reviewed` whether a study day has a grade, one day at a time back from
/// `today`, so a long history need not be read whole: a store answers each day with one
/// index probe.
pub fn streak_by(today: NaiveDate, mut reviewed: impl FnMut(NaiveDate) -> bool) -> u32 {
    let mut day = if reviewed(today) {
        today
    } else {
        match today.pred_opt() {
            Some(yesterday) => yesterday,
            None => return 0,
        }
    };
    let mut streak = 0;
    while reviewed(day) {
        streak += 1;
        match day.pred_opt() {
            Some(previous) => day = previous,
            None => break,
        }
    }
    streak
}

/// Passed and failed grades of one kind.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct PassFail {
    /// Hard, Good or Easy.
    pub passed: u32,
    /// Again.
    pub failed: u32,
}

impl PassFail {
    /// All grades counted.
    pub fn total(&self) -> u32 {
        self.passed + self.failed
    }

    /// The share passed, or `None` when nothing was counted.
    pub fn rate(&self) -> Option<f64> {
        (self.total() > 0).then(|| f64::from(self.passed) / f64::from(self.total()))
    }

    fn add(&mut self, rating: Rating) {
        if rating == Rating::Again {
            self.failed += 1;
        } else {
            self.passed += 1;
        }
    }
}

/// True retention as Anki's statistics define it.
///
/// Only grades of items that were in review state count (learning and relearning steps do
/// not); Again is a failure, Hard, Good and Easy are passes. Young items had an interval under
/// [`MATURE_INTERVAL_DAYS`] before the grade, mature ones that or more.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct TrueRetention {
    /// Items whose previous interval was under 21 days.
    pub young: PassFail,
    /// Items whose previous interval was 21 days or more.
    pub mature: PassFail,
    /// Both together.
    pub total: PassFail,
}

/// True retention over the last `days` study days, today included.
pub fn true_retention(cfg: &SchedulerConfig, logs: &[ReviewLog], now: DateTime<Utc>, days: u32) -> TrueRetention {
    let today = cfg.study_day(now);
    let first_day = today - Duration::days(i64::from(days.saturating_sub(1)));
    let mut retention = TrueRetention::default();
    for log in logs.iter().filter(|log| log.state_before == State::Review) {
        let day = cfg.study_day(log.reviewed_at);
        if day < first_day || day > today {
            continue;
        }
        if log.last_interval_days >= MATURE_INTERVAL_DAYS {
            retention.mature.add(log.rating);
        } else {
            retention.young.add(log.rating);
        }
        retention.total.add(log.rating);
    }
    retention
}

/// How many items are in each state. Suspended items are counted apart, not in their state.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct StateCounts {
    /// Never graded.
    pub new: u32,
    /// In learning steps.
    pub learning: u32,
    /// In review.
    pub review: u32,
    /// In relearning steps.
    pub relearning: u32,
    /// Suspended, whatever their state.
    pub suspended: u32,
}

/// Counts the candidates by state.
pub fn items_by_state(candidates: &[QueueCandidate]) -> StateCounts {
    count_states(candidates.iter().map(|c| (c.suspended, c.card.as_ref())))
}

/// [`items_by_state`] over `(suspended, stored state)` pairs, for callers that read item rows
/// one by one instead of building candidates (`dopdeck stats` on 100,000 items).
pub fn count_states<'a>(items: impl Iterator<Item = (bool, Option<&'a CardState>)>) -> StateCounts {
    let mut counts = StateCounts::default();
    for (suspended, card) in items {
        if suspended {
            counts.suspended += 1;
            continue;
        }
        match card.map_or(State::New, |c| c.state) {
            State::New => counts.new += 1,
            State::Learning => counts.learning += 1,
            State::Review => counts.review += 1,
            State::Relearning => counts.relearning += 1,
        }
    }
    counts
}

/// Items due on one study day.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct ForecastDay {
    /// The study day.
    pub day: NaiveDate,
    /// Items (learning or review, not suspended) due that day; overdue items count today.
    pub due: u32,
}

/// Items due per study day for `days` days starting today.
pub fn due_forecast(
    cfg: &SchedulerConfig,
    candidates: &[QueueCandidate],
    now: DateTime<Utc>,
    days: u32,
) -> Vec<ForecastDay> {
    forecast_of(cfg, candidates.iter().map(|c| (c.suspended, c.card.as_ref())), now, days)
}

/// [`due_forecast`] over `(suspended, stored state)` pairs (see [`count_states`]).
pub fn forecast_of<'a>(
    cfg: &SchedulerConfig,
    items: impl Iterator<Item = (bool, Option<&'a CardState>)>,
    now: DateTime<Utc>,
    days: u32,
) -> Vec<ForecastDay> {
    let today = cfg.study_day(now);
    let mut counts = vec![0u32; days as usize];
    for (_, card) in items.filter(|(suspended, _)| !suspended) {
        let Some(card) = card.filter(|c| c.state != State::New) else {
            continue;
        };
        let offset = (cfg.study_day(card.due) - today).num_days().max(0);
        if let Some(slot) = usize::try_from(offset).ok().and_then(|o| counts.get_mut(o)) {
            *slot += 1;
        }
    }
    counts
        .into_iter()
        .enumerate()
        .map(|(offset, due)| ForecastDay { day: today + Duration::days(offset as i64), due })
        .collect()
}

fn count<T>(iter: impl Iterator<Item = T>) -> u32 {
    u32::try_from(iter.count()).unwrap_or(u32::MAX)
}
