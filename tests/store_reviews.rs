//! Recording grades, undo, suspend/bury and settings through the store.

use chrono::{DateTime, NaiveDate, Utc};
use dopdeck::srs::{self, CardState, Rating, Reviewed, SchedulerConfig, State};
use dopdeck::store::{Store, StoreError};

fn at(s: &str) -> DateTime<Utc> {
    s.parse().expect("valid RFC 3339 time")
}

fn cfg() -> SchedulerConfig {
    SchedulerConfig { enable_fuzz: false, ..SchedulerConfig::default() }
}

/// Grades `id` the way the CLI does: read, review, record with the state read.
fn grade(store: &Store, id: &str, rating: Rating, now: DateTime<Utc>) -> Reviewed {
    let previous = store.item(id).expect("read item").map(|row| row.card);
    let card = previous.clone().unwrap_or_else(|| CardState::new(now));
    let reviewed = srs::review(&cfg(), &card, rating, now, id).expect("review");
    store.record_review(&reviewed.log, &reviewed.card, previous.as_ref()).expect("record review");
    reviewed
}

#[test]
fn a_grade_updates_the_item_and_appends_to_the_log() {
    let store = Store::open_in_memory().expect("store");
    let reviewed = grade(&store, "q-1", Rating::Good, at("2025-05-01T12:00:00Z"));
    let row = store.item("q-1").expect("read").expect("row exists");
    assert_eq!(row.card, reviewed.card);
    assert_eq!(row.card.state, State::Learning);
    assert!(!row.suspended);
    assert_eq!(store.review_logs().expect("logs"), vec![reviewed.log]);
    assert_eq!(store.reviews_count().expect("count"), 1);
    assert!(store.item("unknown").expect("read").is_none());
}

#[test]
fn undo_restores_the_previous_state_exactly_and_removes_the_log_row() {
    let store = Store::open_in_memory().expect("store");
    let first = grade(&store, "c", Rating::Good, at("2025-05-01T12:00:00Z"));
    let second = grade(&store, "c", Rating::Good, at("2025-05-01T12:11:00Z"));
    assert_eq!(second.card.state, State::Review);

    let undone = store.undo_last().expect("undo").expect("something to undo");
    assert_eq!(undone.log, second.log);
    assert_eq!(undone.restored.as_ref(), Some(&first.card));
    assert_eq!(store.item("c").expect("read").expect("row").card, first.card);
    assert_eq!(store.review_logs().expect("logs"), vec![first.log.clone()]);

    // Undoing the first grade makes the item new again: no row at all.
    let undone = store.undo_last().expect("undo").expect("something to undo");
    assert_eq!(undone.log, first.log);
    assert_eq!(undone.restored, None);
    assert!(store.item("c").expect("read").is_none());
    assert_eq!(store.reviews_count().expect("count"), 0);
    assert!(store.undo_last().expect("undo").is_none(), "nothing left to undo");
}

#[test]
fn undoing_the_first_grade_of_a_suspended_item_keeps_it_suspended() {
    let store = Store::open_in_memory().expect("store");
    grade(&store, "s", Rating::Again, at("2025-05-01T12:00:00Z"));
    store.suspend("s").expect("suspend");
    store.undo_last().expect("undo").expect("undone");
    let row = store.item("s").expect("read").expect("row kept for the flag");
    assert!(row.suspended);
    assert_eq!(row.card.state, State::New);
}

#[test]
fn a_grade_from_a_stale_state_is_refused() {
    let store = Store::open_in_memory().expect("store");
    let now = at("2025-05-01T12:00:00Z");
    // Two windows read the new item; the first grades it.
    let stale = CardState::new(now);
    grade(&store, "x", Rating::Good, now);
    let reviewed = srs::review(&cfg(), &stale, Rating::Easy, now, "x").expect("review");
    // The second window thinks the item is still new.
    match store.record_review(&reviewed.log, &reviewed.card, None) {
        Err(StoreError::Conflict { item_id }) => assert_eq!(item_id, "x"),
        other => panic!("expected a conflict, got {other:?}"),
    }
    assert_eq!(store.reviews_count().expect("count"), 1, "the refused grade left no trace");
}

#[test]
fn suspend_unsuspend_and_bury_set_flags_without_touching_progress() {
    let store = Store::open_in_memory().expect("store");
    let reviewed = grade(&store, "a", Rating::Good, at("2025-05-01T12:00:00Z"));
    store.suspend("a").expect("suspend");
    store.suspend("never-seen").expect("suspend a new item");
    let day = NaiveDate::from_ymd_opt(2025, 5, 1).expect("date");
    store.bury("b", day).expect("bury a new item");

    let items = store.items().expect("items");
    assert_eq!(items.len(), 3);
    assert!(items["a"].suspended);
    assert_eq!(items["a"].card, reviewed.card, "suspending keeps the schedule");
    assert!(items["never-seen"].suspended);
    assert_eq!(items["never-seen"].card.state, State::New);
    assert_eq!(items["b"].buried_until, Some(day));

    store.unsuspend("a").expect("unsuspend");
    assert!(!store.item("a").expect("read").expect("row").suspended);

    // Grading a buried new item works: its placeholder row counts as "new".
    grade(&store, "b", Rating::Good, at("2025-05-02T12:00:00Z"));
    let row = store.item("b").expect("read").expect("row");
    assert_eq!(row.card.state, State::Learning);
    assert_eq!(row.buried_until, Some(day), "the grade keeps the burial flag");
}

#[test]
fn logs_since_and_settings() {
    let store = Store::open_in_memory().expect("store");
    grade(&store, "a", Rating::Good, at("2025-05-01T12:00:00Z"));
    grade(&store, "b", Rating::Again, at("2025-05-02T12:00:00Z"));
    grade(&store, "c", Rating::Easy, at("2025-05-03T12:00:00Z"));
    let since = store.review_logs_since(at("2025-05-02T12:00:00Z")).expect("logs");
    let ids: Vec<&str> = since.iter().map(|l| l.item_id.as_str()).collect();
    assert_eq!(ids, ["b", "c"]);

    assert_eq!(store.get_setting("fsrs.parameters").expect("get"), None);
    store.set_setting("fsrs.parameters", "[1,2,3]").expect("set");
    store.set_setting("fsrs.parameters", "[4,5,6]").expect("replace");
    assert_eq!(store.get_setting("fsrs.parameters").expect("get").as_deref(), Some("[4,5,6]"));
}

#[test]
fn durations_are_stored() {
    let store = Store::open_in_memory().expect("store");
    let now = at("2025-05-01T12:00:00Z");
    let mut reviewed = srs::review(&cfg(), &CardState::new(now), Rating::Hard, now, "d").expect("review");
    reviewed.log.duration_ms = Some(4_250);
    store.record_review(&reviewed.log, &reviewed.card, None).expect("record");
    assert_eq!(store.review_logs().expect("logs")[0].duration_ms, Some(4_250));
}
