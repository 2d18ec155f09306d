//! Agreement with py-fsrs 6.3.2's `Scheduler.review_card`.
//!
//! `tests/fixtures/fsrs/py_fsrs_6_3_2.json` holds random (time, rating) sequences and the card
//! py-fsrs produced after every review (made by `scripts/gen_fsrs_fixture.py`, fuzz off,
//! default parameters). Each sequence is replayed through `dopdeck::srs::review` with the same
//! settings, UTC offset 0 and the 04:00 rollover, and every state is compared: stability and
//! difficulty within 1e-3 relative, the same state and step, the same due time to the second
//! for (re)learning steps and to the day for review intervals.
//!
//! The one place the two cannot agree is stability above 36 500 days: the `fsrs` crate (like
//! Anki) clamps stability to at most 36 500, py-fsrs has no upper bound. That happens only in
//! long runs of successful reviews, decades apart. At the review where py-fsrs first goes past
//! the bound the test checks that dopdeck gives exactly 36 500 with the same difficulty, state
//! and due date (both cap the interval at the 36 500-day maximum), and stops comparing that
//! sequence, because every later stability depends on the clamped value. At least 200
//! sequences of at least 10 reviews must agree from start to end.

use std::fs;
use std::path::Path;
use std::sync::atomic::{AtomicUsize, Ordering};

use chrono::{DateTime, Duration, Utc};
use dopdeck::srs::{self, CardState, Rating, SchedulerConfig, State};
use serde::Deserialize;

/// One-day due differences allowed where rounding is decided by float precision (see
/// [`rounding_is_a_coin_toss`]); more would point to a real difference.
const MAX_COIN_TOSSES: usize = 2;
static COIN_TOSSES: AtomicUsize = AtomicUsize::new(0);

/// The `fsrs` crate's (and Anki's) upper bound on stability, in days.
const CRATE_STABILITY_MAX: f64 = 36_500.0;

#[derive(Deserialize)]
struct Fixture {
    parameters: Vec<f32>,
    desired_retention: f64,
    learning_steps_secs: Vec<i64>,
    relearning_steps_secs: Vec<i64>,
    maximum_interval: u32,
    day_rollover_hour: u32,
    sequences: Vec<Sequence>,
}

#[derive(Deserialize)]
struct Sequence {
    id: String,
    reviews: Vec<Step>,
}

#[derive(Deserialize)]
struct Step {
    at: DateTime<Utc>,
    rating: u8,
    expected: Expected,
}

#[derive(Deserialize)]
struct Expected {
    state: State,
    step: Option<u32>,
    stability: f64,
    difficulty: f64,
    due: DateTime<Utc>,
}

fn load() -> Fixture {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/fsrs/py_fsrs_6_3_2.json");
    let text = fs::read_to_string(&path).expect("read the py-fsrs fixture");
    serde_json::from_str(&text).expect("parse the py-fsrs fixture")
}

fn config(fixture: &Fixture) -> SchedulerConfig {
    SchedulerConfig {
        parameters: fixture.parameters.clone(),
        desired_retention: fixture.desired_retention,
        learning_steps: fixture.learning_steps_secs.iter().map(|s| Duration::seconds(*s)).collect(),
        relearning_steps: fixture.relearning_steps_secs.iter().map(|s| Duration::seconds(*s)).collect(),
        maximum_interval_days: fixture.maximum_interval,
        enable_fuzz: false,
        day_rollover_hour: fixture.day_rollover_hour,
        ..SchedulerConfig::default()
    }
}

fn close(actual: f64, expected: f64) -> bool {
    (actual - expected).abs() <= 1e-3 * expected.abs().max(f64::MIN_POSITIVE)
}

/// Whether py-fsrs's unrounded interval lies so close to a half day that float precision, not
/// scheduling semantics, decides which way it rounds.
///
/// With 90 % desired retention the FSRS interval equals the stability. The `fsrs` crate
/// computes in `f32` (about 7 significant digits; its stabilities drift from py-fsrs's `f64`
/// ones by around 1e-6 relative over a sequence), py-fsrs in `f64`. When the interval is
/// within 1e-5 relative of `n + 0.5` days, the two can round to neighbouring days; the due
/// date may then differ by exactly one day. The fixture has one such review (seq-089, where
/// py-fsrs's interval is 9616.4984 days and the crate's 9616.5068).
fn rounding_is_a_coin_toss(interval: f64) -> bool {
    let distance_to_half = (interval.fract() - 0.5).abs();
    distance_to_half <= 1e-5 * interval
}

/// Compares one state; returns a description of the first mismatch.
fn compare(card: &CardState, expected: &Expected, stability_expected: f64) -> Result<(), String> {
    let stability = card.stability.unwrap_or(f64::NAN);
    let difficulty = card.difficulty.unwrap_or(f64::NAN);
    if card.state != expected.state || card.step != expected.step {
        return Err(format!(
            "state/step {:?}/{:?}, py-fsrs {:?}/{:?}",
            card.state, card.step, expected.state, expected.step
        ));
    }
    if !close(stability, stability_expected) {
        return Err(format!("stability {stability}, py-fsrs {stability_expected}"));
    }
    if !close(difficulty, expected.difficulty) {
        return Err(format!("difficulty {difficulty}, py-fsrs {}", expected.difficulty));
    }
    let due_ok = if expected.state == State::Review {
        let days_apart = (card.due.date_naive() - expected.due.date_naive()).num_days();
        days_apart == 0
            || (days_apart.abs() == 1
                && rounding_is_a_coin_toss(stability_expected)
                && COIN_TOSSES.fetch_add(1, Ordering::Relaxed) < MAX_COIN_TOSSES)
    } else {
        (card.due - expected.due).num_seconds() == 0
    };
    if !due_ok {
        return Err(format!(
            "due {}, py-fsrs {} (stability {stability:.6}, py-fsrs {stability_expected:.6})",
            card.due, expected.due
        ));
    }
    Ok(())
}

#[test]
fn every_review_agrees_with_py_fsrs() {
    let fixture = load();
    let cfg = config(&fixture);
    let mut failures = Vec::new();
    let mut fully_compared = 0;
    let mut clamped = Vec::new();
    let mut reviews_compared = 0;

    for sequence in &fixture.sequences {
        let Some(first) = sequence.reviews.first() else { continue };
        let mut card = CardState::new(first.at);
        let mut complete = true;
        for (index, step) in sequence.reviews.iter().enumerate() {
            let rating = Rating::from_u8(step.rating).expect("rating 1-4");
            card = srs::review(&cfg, &card, rating, step.at, &sequence.id).expect("review succeeds").card;
            reviews_compared += 1;
            let beyond = step.expected.stability > CRATE_STABILITY_MAX;
            let stability_expected = if beyond { CRATE_STABILITY_MAX } else { step.expected.stability };
            if let Err(why) = compare(&card, &step.expected, stability_expected) {
                failures.push(format!("{} review {index} ({:?} at {}): {why}", sequence.id, rating, step.at));
                complete = false;
                break;
            }
            if beyond {
                clamped.push(format!("{} at review {index}", sequence.id));
                complete = false;
                break;
            }
        }
        if complete && sequence.reviews.len() >= 10 {
            fully_compared += 1;
        }
    }

    assert!(failures.is_empty(), "{} disagreements:\n{}", failures.len(), failures.join("\n"));
    assert!(
        fully_compared >= 200,
        "only {fully_compared} sequences of 10+ reviews agree throughout (clamped: {clamped:?})"
    );
    eprintln!(
        "{reviews_compared} reviews compared; {fully_compared} sequences agree throughout; \
         {} stop where py-fsrs's stability passes 36 500 days: {clamped:?}; \
         {} due dates a day apart on a half-day interval",
        clamped.len(),
        COIN_TOSSES.load(Ordering::Relaxed)
    );
}
