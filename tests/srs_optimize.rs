//! Fitting FSRS parameters from a review log with the `fsrs` crate's optimizer.

use chrono::{DateTime, Duration, Utc};
use dopdeck::srs::optimize::{self, Fit, MIN_TRAINING_ITEMS, OptimizeError};
use dopdeck::srs::{self, CardState, Rating, ReviewLog, SchedulerConfig};

fn t0() -> DateTime<Utc> {
    "2025-01-06T12:00:00Z".parse().expect("time")
}

/// A deterministic learner: recalls with the probability FSRS predicts, rated Hard/Good/Easy
/// by how sure the recall was. Items are reviewed when due, at midday.
fn simulate(items: usize, days: i64) -> Vec<ReviewLog> {
    let cfg = SchedulerConfig::default();
    let mut seed: u64 = 0x5eed;
    let mut uniform = move || {
        seed = seed.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1_442_695_040_888_963_407);
        (seed >> 11) as f64 / (1u64 << 53) as f64
    };
    let mut logs = Vec::new();
    for item in 0..items {
        let id = format!("item-{item}");
        let introduced = t0() + Duration::days((item % 20) as i64);
        let mut card = CardState::new(introduced);
        let mut now = introduced;
        while now < t0() + Duration::days(days) {
            let r = srs::retrievability(&cfg, &card, now);
            let roll = uniform();
            let rating = if card.last_review.is_some() && roll > r.max(0.6) {
                Rating::Again
            } else if roll > 0.9 {
                Rating::Easy
            } else if roll > 0.25 {
                Rating::Good
            } else {
                Rating::Hard
            };
            let reviewed = srs::review(&cfg, &card, rating, now, &id).expect("review");
            logs.push(reviewed.log);
            card = reviewed.card;
            now = card.due.max(now + Duration::minutes(1));
        }
    }
    logs
}

#[test]
fn too_few_reviews_are_reported_with_the_crates_minimum() {
    let cfg = SchedulerConfig::default();
    let logs = simulate(2, 20);
    match optimize::optimize(&cfg, &logs) {
        Err(OptimizeError::NotEnoughData { minimum, .. }) => assert_eq!(minimum, MIN_TRAINING_ITEMS),
        other => panic!("expected NotEnoughData, got {other:?}"),
    }
    assert!(optimize::optimize(&cfg, &[]).is_err());
}

#[test]
fn training_items_follow_ankis_convention() {
    let cfg = SchedulerConfig::default();
    let logs = simulate(3, 60);
    let set = optimize::training_set(&cfg, &logs);
    assert_eq!(set.reviews, logs.len());
    assert_eq!(set.items.len(), set.card_ids.len());
    for item in &set.items {
        assert_eq!(item.reviews[0].delta_t, 0, "first review has delta_t 0");
        assert!(item.reviews.last().expect("review").delta_t > 0, "each item ends a day later");
    }
}

#[test]
fn a_long_log_yields_fitted_parameters() {
    let cfg = SchedulerConfig::default();
    let logs = simulate(400, 240);
    let optimized = optimize::optimize(&cfg, &logs).expect("enough data to optimize");
    assert_eq!(optimized.parameters.len(), 21);
    assert_eq!(optimized.fit, Fit::Full);
    assert!(optimized.training_items >= 64);
    // The fitted parameters schedule.
    let fitted = SchedulerConfig { parameters: optimized.parameters.clone(), ..cfg };
    srs::review(&fitted, &CardState::new(t0()), Rating::Good, t0(), "x").expect("fitted parameters work");
}

/// `dopdeck optimize` feeds the log from the store one grade at a time, grouped by item; the
/// training set must be exactly the one built from the whole log in memory.
#[test]
fn the_streamed_training_set_equals_the_in_memory_one() {
    let logs = simulate(60, 200);
    let dir = tempfile::tempdir().expect("temp dir");
    let store = dopdeck::store::Store::open(&dir.path().join("p.db")).expect("open");
    // Recorded in time order across items, as a learner makes them.
    let mut ordered = logs.clone();
    ordered.sort_by_key(|l| l.reviewed_at);
    store.bulk_load(std::iter::empty(), ordered).expect("load");
    let cfg = SchedulerConfig::default();
    let mut builder = optimize::TrainingBuilder::new(&cfg);
    store.for_each_grade_by_item(|id, grade| builder.push(id, grade)).expect("stream");
    let streamed = builder.finish();
    let in_memory = optimize::training_set(&cfg, &logs);
    assert!(in_memory.items.len() > 100, "the simulation trains something");
    assert_eq!(streamed.reviews, in_memory.reviews);
    assert_eq!(streamed.card_ids, in_memory.card_ids);
    assert_eq!(format!("{:?}", streamed.items), format!("{:?}", in_memory.items));
}
