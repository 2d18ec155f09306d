//! Property test: any scheduling state survives a round trip through the store exactly,
//! both as an item row and as the "previous state" that undo restores.

use chrono::{DateTime, Utc};
use dopdeck::srs::{CardState, Rating, ReviewLog, State};
use dopdeck::store::Store;
use proptest::prelude::*;

fn time() -> impl Strategy<Value = DateTime<Utc>> {
    // Microsecond instants from 1900 to 2900: the scheduler's precision and range.
    (-2_208_988_800_000_000i64..29_000_000_000_000_000)
        .prop_map(|us| DateTime::from_timestamp_micros(us).expect("in range"))
}

fn finite() -> impl Strategy<Value = f64> {
    prop_oneof![0.001f64..36_500.0, any::<f64>().prop_filter("finite", |v| v.is_finite())]
}

fn card() -> impl Strategy<Value = CardState> {
    (
        prop::sample::select(vec![State::New, State::Learning, State::Review, State::Relearning]),
        prop::option::of(any::<u32>()),
        prop::option::of(finite()),
        prop::option::of(finite()),
        time(),
        prop::option::of(time()),
        any::<u32>(),
        any::<u32>(),
    )
        .prop_map(|(state, step, stability, difficulty, due, last_review, reps, lapses)| CardState {
            state,
            step,
            stability,
            difficulty,
            due,
            last_review,
            reps,
            lapses,
        })
}

fn log(id: &str, card: &CardState, state_before: State) -> ReviewLog {
    ReviewLog {
        item_id: id.to_string(),
        reviewed_at: card.last_review.unwrap_or(card.due),
        rating: Rating::Good,
        state_before,
        state_after: card.state,
        stability: card.stability.unwrap_or(1.0),
        difficulty: card.difficulty.unwrap_or(5.0),
        elapsed_days: 0,
        scheduled_days: 0,
        last_interval_days: 0,
        duration_ms: None,
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(400))]

    #[test]
    fn card_state_survives_a_store_round_trip(first in card(), second in card()) {
        let store = Store::open_in_memory().expect("store");
        store.record_review(&log("x", &first, State::New), &first, None).expect("record first");
        let row = store.item("x").expect("read").expect("row");
        prop_assert_eq!(&row.card, &first);

        // `first` is now stored; grading again from it keeps it as the undo state.
        let previous = (first.state != State::New).then_some(&first);
        store.record_review(&log("x", &second, first.state), &second, previous).expect("record second");
        prop_assert_eq!(&store.item("x").expect("read").expect("row").card, &second);
        let undone = store.undo_last().expect("undo").expect("undone");
        let expected_restore = previous.cloned();
        prop_assert_eq!(&undone.restored, &expected_restore);
        let after_undo = store.item("x").expect("read").map(|row| row.card);
        match previous {
            Some(first) => prop_assert_eq!(after_undo.as_ref(), Some(first)),
            None => prop_assert!(after_undo.is_none()),
        }
    }
}
