//! Property tests of the scheduler: intervals are positive and bounded, and for review-state
//! items Easy ≥ Good ≥ Hard, whatever the history, settings, fuzz and clock.

use chrono::{DateTime, Duration, FixedOffset, Utc};
use dopdeck::srs::{self, CardState, Rating, SchedulerConfig, State};
use proptest::prelude::*;

fn rating() -> impl Strategy<Value = Rating> {
    prop::sample::select(Rating::ALL.to_vec())
}

/// Gaps between reviews: seconds to minutes (learning steps) or hours to years.
fn gap() -> impl Strategy<Value = Duration> {
    prop_oneof![
        (0i64..3_600).prop_map(Duration::seconds),
        (1i64..72).prop_map(Duration::hours),
        (1i64..4_000).prop_map(Duration::days),
    ]
}

fn steps() -> impl Strategy<Value = Vec<Duration>> {
    prop::collection::vec((1i64..1_440).prop_map(Duration::minutes), 0..4)
}

fn config() -> impl Strategy<Value = SchedulerConfig> {
    (steps(), steps(), 1u32..=36_500, any::<bool>(), 0.70f64..0.99, 0u32..24, -12i32..=14).prop_map(
        |(learning, relearning, max, fuzz, retention, rollover, offset_h)| SchedulerConfig {
            learning_steps: learning,
            relearning_steps: relearning,
            maximum_interval_days: max,
            enable_fuzz: fuzz,
            desired_retention: retention,
            day_rollover_hour: rollover,
            utc_offset: FixedOffset::east_opt(offset_h * 3600).unwrap_or(FixedOffset::east_opt(0).expect("UTC")),
            ..SchedulerConfig::default()
        },
    )
}

fn start() -> impl Strategy<Value = DateTime<Utc>> {
    (1_600_000_000i64..1_900_000_000).prop_map(|s| DateTime::from_timestamp(s, 0).expect("in range"))
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    #[test]
    fn intervals_are_positive_and_bounded(
        cfg in config(),
        t0 in start(),
        history in prop::collection::vec((gap(), rating()), 1..30),
    ) {
        let mut card = CardState::new(t0);
        let mut now = t0;
        for (gap, rating) in history {
            now += gap;
            let reviewed = srs::review(&cfg, &card, rating, now, "prop-item").expect("review");
            let next = reviewed.card;
            prop_assert!(next.due > now, "due {} not after review {}", next.due, now);
            if next.state == State::Review {
                let days = reviewed.log.scheduled_days;
                prop_assert!(days >= 1 && days <= cfg.maximum_interval_days, "{days} days");
                prop_assert_eq!(next.due - now, Duration::days(i64::from(days)));
            } else {
                prop_assert_eq!(reviewed.log.scheduled_days, 0);
                prop_assert!(next.state.is_learning());
            }
            let s = next.stability.expect("stability");
            let d = next.difficulty.expect("difficulty");
            prop_assert!(s > 0.0 && s.is_finite());
            prop_assert!((1.0..=10.0).contains(&d));
            prop_assert_eq!(next.reps, card.reps + 1);
            card = next;
        }
    }

    #[test]
    fn for_review_items_easy_is_at_least_good_is_at_least_hard(
        cfg in config(),
        t0 in start(),
        history in prop::collection::vec((gap(), rating()), 1..20),
        probe in gap(),
    ) {
        let mut card = CardState::new(t0);
        let mut now = t0;
        for (gap, rating) in history {
            now += gap;
            card = srs::review(&cfg, &card, rating, now, "prop-item").expect("review").card;
        }
        prop_assume!(card.state == State::Review);
        now += probe;
        let [_, hard, good, easy] = srs::preview(&cfg, &card, now, "prop-item").expect("preview");
        prop_assert!(hard.due <= good.due, "hard {} after good {}", hard.due, good.due);
        prop_assert!(good.due <= easy.due, "good {} after easy {}", good.due, easy.due);
        prop_assert!(hard.stability <= good.stability && good.stability <= easy.stability);
    }
}
