//! One grade: py-fsrs 6.3.2's `Scheduler.review_card`, with the memory model from the `fsrs`
//! crate.
//!
//! The split of work mirrors py-fsrs. The `fsrs` crate computes the next stability and
//! difficulty and the FSRS interval; this module decides what happens to the item: which
//! (re)learning step it moves to, when it graduates, how a lapse sends it to relearning, how
//! the interval is rounded to whole days, capped and fuzzed.
//!
//! The two implementations agree on the memory model once "days since the last review" agree.
//! py-fsrs counts whole 24-hour periods; dopdeck counts study days (Anki's convention, with the
//! day rolling over at [`SchedulerConfig::day_rollover_hour`]). Passing that count as the
//! crate's `days_elapsed` selects the same branch py-fsrs selects: the short-term stability
//! formula when it is 0 (py-fsrs: `days_since_last_review < 1`), the long-term recall or
//! forget formula otherwise, with the retrievability at that whole number of days. One known
//! difference is the crate's upper clamp of stability at 36 500 days (py-fsrs has none); the
//! agreement test documents where it shows.

use chrono::{DateTime, Duration, SubsecRound, Utc};

use super::config::SchedulerConfig;
use super::error::SrsError;
use super::fuzz;
use super::types::{CardState, Rating, ReviewLog, Reviewed, State};

/// Grades `card` with `rating` at `now`.
///
/// Returns the item's new state and the review-log row (with `duration_ms` unset: the front
/// end fills it in). `item_id` seeds the interval fuzz, so the same item graded the same way on
/// the same study day always gets the same interval.
///
/// # Errors
///
/// [`SrsError`] when the configuration is out of range or the `fsrs` crate rejects the
/// parameters or the card's memory state.
pub fn review(
    cfg: &SchedulerConfig,
    card: &CardState,
    rating: Rating,
    now: DateTime<Utc>,
    item_id: &str,
) -> Result<Reviewed, SrsError> {
    cfg.validate()?;
    let fsrs = cfg.fsrs()?;
    let now = now.trunc_subsecs(6);
    let memory = card.memory();
    let elapsed_days = match card.last_review {
        Some(last) if memory.is_some() => cfg.days_between(last, now),
        _ => 0,
    };
    let next = fsrs.next_states(memory, cfg.desired_retention as f32, elapsed_days)?;
    let chosen = match rating {
        Rating::Again => next.again,
        Rating::Hard => next.hard,
        Rating::Good => next.good,
        Rating::Easy => next.easy,
    };
    let fsrs_interval_days = round_interval(chosen.interval, cfg.maximum_interval_days);

    let (state, step, delay) = transition(cfg, card, memory.is_some(), rating);
    let (due, scheduled_days) = match delay {
        Delay::Step(step_delay) => (now + step_delay, 0),
        Delay::Days => {
            let days = if cfg.enable_fuzz {
                let unit = fuzz::unit_draw(item_id, cfg.study_day(now));
                fuzz::fuzzed_interval(fsrs_interval_days, cfg.maximum_interval_days, unit)
            } else {
                fsrs_interval_days
            };
            (now + Duration::days(i64::from(days)), days)
        }
    };

    let was_review = card.state == State::Review && memory.is_some();
    let stability = f64::from(chosen.memory.stability);
    let difficulty = f64::from(chosen.memory.difficulty);
    let new_card = CardState {
        state,
        step,
        stability: Some(stability),
        difficulty: Some(difficulty),
        due,
        last_review: Some(now),
        reps: card.reps.saturating_add(1),
        lapses: card.lapses + u32::from(was_review && rating == Rating::Again),
    };
    let log = ReviewLog {
        item_id: item_id.to_string(),
        reviewed_at: now,
        rating,
        state_before: card.state,
        state_after: state,
        stability,
        difficulty,
        elapsed_days,
        scheduled_days,
        last_interval_days: if was_review { last_interval_days(card) } else { 0 },
        duration_ms: None,
    };
    Ok(Reviewed { card: new_card, log })
}

/// What each of the four buttons would do to `card` at `now`, in button order.
///
/// The front ends use it for labels such as "Again 1m · Hard 6m · Good 10m · Easy 8d"; because
/// fuzz is deterministic per item and day, the label matches what grading then does.
///
/// # Errors
///
/// As for [`review`].
pub fn preview(
    cfg: &SchedulerConfig,
    card: &CardState,
    now: DateTime<Utc>,
    item_id: &str,
) -> Result<[CardState; 4], SrsError> {
    let [again, hard, good, easy] = Rating::ALL;
    Ok([
        review(cfg, card, again, now, item_id)?.card,
        review(cfg, card, hard, now, item_id)?.card,
        review(cfg, card, good, now, item_id)?.card,
        review(cfg, card, easy, now, item_id)?.card,
    ])
}

/// The probability that the learner recalls `card` at `now`, per the FSRS forgetting curve.
///
/// 0 for an item never graded (as py-fsrs). Elapsed time is measured in fractional days here,
/// so the value falls smoothly through the day and orders due items finely; scheduling itself
/// uses whole study days, as FSRS prescribes.
pub fn retrievability(cfg: &SchedulerConfig, card: &CardState, now: DateTime<Utc>) -> f64 {
    retrievability_with_decay(card, now, cfg.decay())
}

/// [`retrievability`] with the decay looked up once, for callers that loop over many items.
pub(crate) fn retrievability_with_decay(card: &CardState, now: DateTime<Utc>, decay: f32) -> f64 {
    let (Some(memory), Some(last)) = (card.memory(), card.last_review) else {
        return 0.0;
    };
    let elapsed = (now - last).num_milliseconds().max(0) as f64 / 86_400_000.0;
    f64::from(fsrs::current_retrievability(memory, elapsed as f32, decay))
}

/// How long until the item is due again.
enum Delay {
    /// A (re)learning step: a fixed delay.
    Step(Duration),
    /// Review state: the FSRS interval in whole days (rounded, capped, maybe fuzzed).
    Days,
}

/// The state machine of py-fsrs's `review_card`: the next state, step and kind of delay.
fn transition(
    cfg: &SchedulerConfig,
    card: &CardState,
    has_memory: bool,
    rating: Rating,
) -> (State, Option<u32>, Delay) {
    let graduate = (State::Review, None, Delay::Days);
    // A new item, or one whose memory state was lost, starts as py-fsrs's fresh Card.
    let (state, step) = if has_memory { (card.state, card.step.unwrap_or(0)) } else { (State::Learning, 0) };
    match state {
        State::Review => match rating {
            Rating::Again if !cfg.relearning_steps.is_empty() => {
                (State::Relearning, Some(0), Delay::Step(cfg.relearning_steps[0]))
            }
            _ => graduate,
        },
        State::New | State::Learning | State::Relearning => {
            let steps = if state == State::Relearning { &cfg.relearning_steps } else { &cfg.learning_steps };
            let state = if state == State::New { State::Learning } else { state };
            step_transition(state, steps, step as usize, rating).unwrap_or(graduate)
        }
    }
}

/// Moves between (re)learning steps; `None` means the item graduates to review.
///
/// An item whose step lies beyond the configured steps (the steps were shortened since it was
/// scheduled) graduates on Hard, Good or Easy, as in py-fsrs.
fn step_transition(
    state: State,
    steps: &[Duration],
    step: usize,
    rating: Rating,
) -> Option<(State, Option<u32>, Delay)> {
    let first = *steps.first()?;
    if step >= steps.len() && rating != Rating::Again {
        return None;
    }
    let at = |step: usize, delay: Duration| Some((state, Some(step as u32), Delay::Step(delay)));
    match rating {
        Rating::Again => at(0, first),
        Rating::Hard => {
            let delay = match (step, steps.get(1)) {
                // Halfway between the first two steps, or 1.5× a single step.
                (0, Some(second)) => scale(first + *second, 1, 2),
                (0, None) => scale(first, 3, 2),
                _ => steps[step],
            };
            at(step, delay)
        }
        Rating::Good => steps.get(step + 1).and_then(|next| at(step + 1, *next)),
        Rating::Easy => None,
    }
}

/// `duration × num / den`, rounded half to even at microsecond resolution, as Python's
/// `timedelta` arithmetic rounds.
fn scale(duration: Duration, num: i64, den: i64) -> Duration {
    let micros = i128::from(duration.num_microseconds().unwrap_or(i64::MAX)) * i128::from(num);
    let den = i128::from(den);
    let (quotient, remainder) = (micros.div_euclid(den), micros.rem_euclid(den));
    let rounded = match (2 * remainder).cmp(&den) {
        std::cmp::Ordering::Greater => quotient + 1,
        std::cmp::Ordering::Equal if quotient % 2 != 0 => quotient + 1,
        _ => quotient,
    };
    Duration::microseconds(i64::try_from(rounded).unwrap_or(i64::MAX))
}

/// py-fsrs's `_next_interval` rounding: Python's `round` (half to even), at least 1 day, at
/// most the maximum interval.
fn round_interval(interval: f32, maximum_interval: u32) -> u32 {
    let rounded = f64::from(interval).round_ties_even();
    if rounded.is_nan() || rounded < 1.0 {
        1
    } else if rounded >= f64::from(maximum_interval) {
        maximum_interval
    } else {
        rounded as u32
    }
}

/// The interval a review-state item was given at its last grade, in whole days.
fn last_interval_days(card: &CardState) -> u32 {
    let Some(last) = card.last_review else {
        return 0;
    };
    let days = ((card.due - last).num_seconds() as f64 / 86_400.0).round();
    if days > 0.0 { days as u32 } else { 0 }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scale_rounds_like_timedelta() {
        assert_eq!(scale(Duration::minutes(11), 1, 2), Duration::seconds(330));
        assert_eq!(scale(Duration::minutes(10), 3, 2), Duration::minutes(15));
        assert_eq!(scale(Duration::microseconds(3), 1, 2), Duration::microseconds(2));
        assert_eq!(scale(Duration::microseconds(5), 1, 2), Duration::microseconds(2));
    }

    #[test]
    fn interval_rounding_is_half_even_and_capped() {
        assert_eq!(round_interval(2.5, 100), 2);
        assert_eq!(round_interval(3.5, 100), 4);
        assert_eq!(round_interval(0.2, 100), 1);
        assert_eq!(round_interval(500.0, 100), 100);
    }
}
