//! The plan's arithmetic: days left, the new cards a day that introduce every item a buffer
//! before the exam, the reviews a day that implies, and whether the learner is on track.
//!
//! The review forecast runs the `fsrs` crate's simulator ([`fsrs::simulate`]) over the deck's
//! real memory states, so the workload comes from the same model that schedules, not from a
//! rule of thumb. Pure: the study day, the states and the plan go in, numbers come out.

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

use crate::srs::{CardState, SchedulerConfig, State};

/// Days before the exam by which every item should have been introduced, unless the learner
/// says otherwise: a week of pure review before the exam.
pub const DEFAULT_BUFFER_DAYS: u32 = 7;

/// The longest span the review forecast simulates: beyond a year the numbers mean little and
/// the simulation costs more.
pub const MAX_FORECAST_DAYS: u32 = 365;

/// What the learner set: the exam date, the buffer, and the baseline the verdict is measured
/// against (stored as JSON in the settings).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PlanSettings {
    pub exam_date: NaiveDate,
    pub buffer_days: u32,
    /// The study day the plan was set.
    pub set_on: NaiveDate,
    /// Items still new when it was set.
    pub new_at_start: u32,
    /// The new cards a day it asked for when it was set.
    pub rate_at_start: u32,
    /// A daily new-card limit the learner chose themselves (`plan --new-per-day`): it wins
    /// over the plan's pace.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub new_per_day: Option<u32>,
}

impl PlanSettings {
    /// A plan set on `today` with `new_now` items still new.
    pub fn new(exam_date: NaiveDate, buffer_days: u32, today: NaiveDate, new_now: u32) -> PlanSettings {
        let intro = introduction_days(today, exam_date, buffer_days);
        PlanSettings {
            exam_date,
            buffer_days,
            set_on: today,
            new_at_start: new_now,
            rate_at_start: new_per_day(new_now, intro),
            new_per_day: None,
        }
    }
}

/// Whole days from `today` to `exam_date` (0 on the day, never negative).
pub fn days_left(today: NaiveDate, exam_date: NaiveDate) -> u32 {
    u32::try_from((exam_date - today).num_days().max(0)).unwrap_or(u32::MAX)
}

/// Study days left for introducing new items: days left minus the buffer, today included.
pub fn introduction_days(today: NaiveDate, exam_date: NaiveDate, buffer_days: u32) -> u32 {
    days_left(today, exam_date).saturating_sub(buffer_days)
}

/// New items a day to introduce `new_items` in `days`: rounded up; all of them at once when no
/// day is left.
pub fn new_per_day(new_items: u32, days: u32) -> u32 {
    if days == 0 { new_items } else { new_items.div_ceil(days) }
}

/// Where the learner stands against the plan.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(tag = "status", content = "items", rename_all = "snake_case")]
pub enum Verdict {
    OnTrack,
    /// This many items fewer introduced than the plan's pace asked for by today.
    Behind(u32),
    /// This many more.
    Ahead(u32),
}

impl std::fmt::Display for Verdict {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Verdict::OnTrack => f.write_str("on track"),
            Verdict::Behind(n) => write!(f, "behind by {n} item(s)"),
            Verdict::Ahead(n) => write!(f, "ahead by {n} item(s)"),
        }
    }
}

/// The verdict on `today` with `new_now` items still new.
///
/// The pace is the one the plan asked for when it was set: by the start of today the learner
/// should have introduced `rate × whole days since`, capped at what there was to introduce.
/// Introductions made today already count, so studying today can only help. With no day left
/// to introduce in, whatever is still new is behind.
pub fn verdict(plan: &PlanSettings, today: NaiveDate, new_now: u32) -> Verdict {
    if new_now > 0 && introduction_days(today, plan.exam_date, plan.buffer_days) == 0 {
        return Verdict::Behind(new_now);
    }
    let elapsed = days_left(plan.set_on, today);
    let expected = plan.rate_at_start.saturating_mul(elapsed).min(plan.new_at_start);
    let introduced = plan.new_at_start.saturating_sub(new_now);
    match introduced.cmp(&expected) {
        std::cmp::Ordering::Less => Verdict::Behind(expected - introduced),
        std::cmp::Ordering::Greater if expected < plan.new_at_start => Verdict::Ahead(introduced - expected),
        _ => Verdict::OnTrack,
    }
}

/// The simulated daily workload until the exam.
#[derive(Debug, Clone, Copy, Default, PartialEq, Serialize)]
pub struct Workload {
    /// Days simulated (days left, at most [`MAX_FORECAST_DAYS`]).
    pub days: u32,
    /// Mean reviews a day (new introductions not counted).
    pub reviews_per_day: f64,
    /// The busiest day's reviews.
    pub peak_reviews: u32,
    /// Mean minutes a day, by the simulator's default per-grade costs.
    pub minutes_per_day: f64,
}

/// Forecasts reviews a day when `new_per_day` new items are introduced from today, with the
/// `fsrs` crate's simulator over the cards' real memory states.
///
/// `cards` are the deck's graded items (new ones are counted in `new_items`). The simulation
/// is seeded, so the same inputs give the same forecast. Nothing to simulate, or parameters
/// the crate refuses, give an empty workload rather than an error: the forecast is advice.
pub fn forecast(
    cfg: &SchedulerConfig,
    cards: &[&CardState],
    new_items: u32,
    new_per_day: u32,
    days: u32,
    now: DateTime<Utc>,
) -> Workload {
    let days = days.min(MAX_FORECAST_DAYS);
    let today = cfg.study_day(now);
    let offset = |t: DateTime<Utc>| (cfg.study_day(t) - today).num_days() as f32;
    // The simulator expects each card to carry the filled parameter set.
    let parameters = std::sync::Arc::new(
        fsrs::check_and_fill_parameters(&cfg.parameters).unwrap_or_else(|_| fsrs::DEFAULT_PARAMETERS.to_vec()),
    );
    let existing: Vec<fsrs::Card> = cards
        .iter()
        .filter(|c| c.state != State::New)
        .filter_map(|c| {
            let (stability, difficulty) = (c.stability? as f32, c.difficulty? as f32);
            let last = offset(c.last_review?).min(0.0);
            let due = offset(c.due).max(0.0);
            Some(fsrs::Card {
                stability,
                difficulty,
                last_date: last,
                due,
                interval: (due - last).max(1.0),
                desired_retention: cfg.desired_retention as f32,
                parameters: parameters.clone(),
                ..fsrs::Card::default()
            })
        })
        .collect();
    let deck_size = existing.len() + new_items as usize;
    if days == 0 || deck_size == 0 {
        return Workload { days, ..Workload::default() };
    }
    let config = fsrs::SimulatorConfig {
        deck_size,
        learn_span: days as usize,
        max_cost_perday: f32::INFINITY,
        max_ivl: cfg.maximum_interval_days as f32,
        learn_limit: new_per_day as usize,
        ..fsrs::SimulatorConfig::default()
    };
    let Ok(result) = fsrs::simulate(&config, &cfg.parameters, cfg.desired_retention as f32, Some(42), Some(existing))
    else {
        return Workload { days, ..Workload::default() };
    };
    let total: usize = result.review_cnt_per_day.iter().sum();
    let seconds: f32 = result.cost_per_day.iter().sum();
    Workload {
        days,
        reviews_per_day: total as f64 / f64::from(days),
        peak_reviews: result.review_cnt_per_day.iter().copied().max().unwrap_or(0) as u32,
        minutes_per_day: f64::from(seconds) / 60.0 / f64::from(days),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    fn day(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    #[test]
    fn rate_introduces_everything_a_buffer_before_the_exam() {
        // 30 days left, a week of buffer: 23 days to introduce 460 items → 20 a day.
        assert_eq!(days_left(day("2026-03-01"), day("2026-03-31")), 30);
        assert_eq!(introduction_days(day("2026-03-01"), day("2026-03-31"), 7), 23);
        assert_eq!(new_per_day(460, 23), 20);
        assert_eq!(new_per_day(461, 23), 21);
        assert_eq!(new_per_day(50, 0), 50);
        // A past exam date leaves no day, never a negative count.
        assert_eq!(days_left(day("2026-04-02"), day("2026-03-31")), 0);
    }

    #[test]
    fn verdict_follows_the_pace_set_with_the_plan() {
        let plan = PlanSettings::new(day("2026-03-31"), 7, day("2026-03-01"), 460);
        assert_eq!(plan.rate_at_start, 20);
        assert_eq!(verdict(&plan, day("2026-03-01"), 460), Verdict::OnTrack);
        // Three days later 60 should be in; only 20 are.
        assert_eq!(verdict(&plan, day("2026-03-04"), 440), Verdict::Behind(40));
        assert_eq!(verdict(&plan, day("2026-03-04"), 380), Verdict::Ahead(20));
        assert_eq!(verdict(&plan, day("2026-03-04"), 400), Verdict::OnTrack);
        // Inside the buffer with items still new: behind by all of them.
        assert_eq!(verdict(&plan, day("2026-03-27"), 5), Verdict::Behind(5));
        assert_eq!(verdict(&plan, day("2026-03-27"), 0), Verdict::OnTrack);
        assert_eq!(Verdict::Behind(40).to_string(), "behind by 40 item(s)");
    }

    #[test]
    fn forecast_runs_the_simulator_deterministically() {
        let cfg = SchedulerConfig::default();
        let now = Utc.with_ymd_and_hms(2026, 3, 1, 12, 0, 0).unwrap();
        let a = forecast(&cfg, &[], 200, 10, 30, now);
        assert_eq!(a, forecast(&cfg, &[], 200, 10, 30, now));
        assert_eq!(a.days, 30);
        assert!(a.reviews_per_day > 0.0, "{a:?}");
        // Introducing faster means more reviews.
        assert!(forecast(&cfg, &[], 200, 20, 30, now).reviews_per_day > a.reviews_per_day);
        assert_eq!(forecast(&cfg, &[], 0, 10, 30, now).reviews_per_day, 0.0);
        assert_eq!(forecast(&cfg, &[], 10, 10, 0, now).days, 0);
    }
}
