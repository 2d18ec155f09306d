//! The scheduler's step logic, fuzz, study days and retrievability, on hand-checked cases.

use chrono::{DateTime, Duration, FixedOffset, NaiveDate, Utc};
use dopdeck::srs::{self, CardState, Rating, SchedulerConfig, State};

fn at(s: &str) -> DateTime<Utc> {
    s.parse().expect("valid RFC 3339 time")
}

fn no_fuzz() -> SchedulerConfig {
    SchedulerConfig { enable_fuzz: false, ..SchedulerConfig::default() }
}

fn grade(cfg: &SchedulerConfig, card: &CardState, rating: Rating, now: DateTime<Utc>) -> CardState {
    srs::review(cfg, card, rating, now, "item").expect("review").card
}

#[test]
fn first_grade_of_a_new_item_follows_the_learning_steps() {
    let cfg = no_fuzz();
    let now = at("2025-03-10T09:00:00Z");
    let new = CardState::new(now);
    let [again, hard, good, easy] = srs::preview(&cfg, &new, now, "item").expect("preview");

    assert_eq!((again.state, again.step), (State::Learning, Some(0)));
    assert_eq!(again.due - now, Duration::minutes(1));
    // Hard on the first step: halfway between 1m and 10m.
    assert_eq!((hard.state, hard.step), (State::Learning, Some(0)));
    assert_eq!(hard.due - now, Duration::seconds(330));
    assert_eq!((good.state, good.step), (State::Learning, Some(1)));
    assert_eq!(good.due - now, Duration::minutes(10));
    // Easy graduates at once with the initial Easy stability (8.2956 days → 8 days).
    assert_eq!((easy.state, easy.step), (State::Review, None));
    assert_eq!(easy.due - now, Duration::days(8));
    assert!((easy.stability.expect("s") - 8.2956).abs() < 1e-4);
    assert!((easy.difficulty.expect("d") - 1.0).abs() < 1e-6);
    for card in [&again, &hard, &good, &easy] {
        assert_eq!(card.reps, 1);
        assert_eq!(card.last_review, Some(now));
    }
}

#[test]
fn good_through_the_steps_graduates_and_a_lapse_relearns() {
    let cfg = no_fuzz();
    let t0 = at("2025-03-10T09:00:00Z");
    let c1 = grade(&cfg, &CardState::new(t0), Rating::Good, t0);
    let c2 = grade(&cfg, &c1, Rating::Good, c1.due);
    assert_eq!((c2.state, c2.step), (State::Review, None));
    assert!(c2.due - c1.due >= Duration::days(1));

    let reviewed = srs::review(&cfg, &c2, Rating::Again, c2.due, "item").expect("review");
    let c3 = reviewed.card;
    assert_eq!((c3.state, c3.step), (State::Relearning, Some(0)));
    assert_eq!(c3.due - c2.due, Duration::minutes(10));
    assert_eq!(c3.lapses, 1);
    assert_eq!(reviewed.log.state_before, State::Review);
    assert_eq!(reviewed.log.last_interval_days, ((c2.due - c1.due).num_hours() as f64 / 24.0).round() as u32);

    // Hard on the only relearning step: 1.5 × 10m.
    let c4 = grade(&cfg, &c3, Rating::Hard, c3.due);
    assert_eq!((c4.state, c4.step), (State::Relearning, Some(0)));
    assert_eq!(c4.due - c3.due, Duration::minutes(15));
    let c5 = grade(&cfg, &c4, Rating::Good, c4.due);
    assert_eq!(c5.state, State::Review);
    assert_eq!(c5.lapses, 1, "relearning grades are not lapses");
}

#[test]
fn without_steps_items_go_straight_to_review() {
    let cfg = SchedulerConfig { learning_steps: vec![], relearning_steps: vec![], ..no_fuzz() };
    let now = at("2025-03-10T09:00:00Z");
    let again = grade(&cfg, &CardState::new(now), Rating::Again, now);
    assert_eq!(again.state, State::Review, "py-fsrs graduates even on Again without steps");
    let later = again.due + Duration::days(3);
    let lapse = grade(&cfg, &again, Rating::Again, later);
    assert_eq!(lapse.state, State::Review);
    assert_eq!(lapse.lapses, 1);
}

#[test]
fn the_maximum_interval_caps_review_intervals() {
    let cfg = SchedulerConfig { maximum_interval_days: 5, ..no_fuzz() };
    let now = at("2025-03-10T09:00:00Z");
    let easy = grade(&cfg, &CardState::new(now), Rating::Easy, now);
    assert_eq!(easy.due - now, Duration::days(5));
}

#[test]
fn fuzz_is_deterministic_per_item_and_day_and_stays_in_py_fsrs_range() {
    let cfg = SchedulerConfig::default();
    let t0 = at("2025-03-10T09:00:00Z");
    // Build a review card with a long interval.
    let mut card = grade(&cfg, &CardState::new(t0), Rating::Easy, t0);
    for _ in 0..3 {
        card = grade(&cfg, &card, Rating::Easy, card.due);
    }
    assert_eq!(card.state, State::Review);
    let now = card.due;
    let unfuzzed = srs::review(&no_fuzz(), &card, Rating::Good, now, "a").expect("review");
    let base = unfuzzed.log.scheduled_days;
    assert!(base > 20, "long interval for the test, got {base}");

    let first = srs::review(&cfg, &card, Rating::Good, now, "a").expect("review");
    let again = srs::review(&cfg, &card, Rating::Good, now + Duration::hours(3), "a").expect("review");
    assert_eq!(first.log.scheduled_days, again.log.scheduled_days, "same item, same day");

    // py-fsrs's range for the base interval.
    let delta = 1.0 + 0.15 * 4.5 + 0.1 * 13.0 + 0.05 * (f64::from(base) - 20.0);
    let lo = (f64::from(base) - delta).round_ties_even() as u32;
    let hi = (f64::from(base) + delta).round_ties_even() as u32;
    let mut seen = std::collections::BTreeSet::new();
    for i in 0..200 {
        let days =
            srs::review(&cfg, &card, Rating::Good, now, &format!("item-{i}")).expect("review").log.scheduled_days;
        assert!((lo..=hi).contains(&days), "{days} outside {lo}..={hi}");
        seen.insert(days);
    }
    assert!(seen.len() > 3, "fuzz spreads items: {seen:?}");
}

#[test]
fn study_days_roll_over_at_the_configured_local_hour() {
    let cfg = SchedulerConfig::with_utc_offset(FixedOffset::east_opt(2 * 3600).expect("offset"));
    let day = |s| srs::study_day(&cfg, at(s));
    let d = |y, m, dd| NaiveDate::from_ymd_opt(y, m, dd).expect("date");
    // 01:59 UTC is 03:59 local: still the previous study day.
    assert_eq!(day("2025-03-10T01:59:00Z"), d(2025, 3, 9));
    assert_eq!(day("2025-03-10T02:00:00Z"), d(2025, 3, 10));
    assert_eq!(cfg.day_start(d(2025, 3, 10)), at("2025-03-10T02:00:00Z"));

    let utc = SchedulerConfig::default();
    assert_eq!(srs::study_day(&utc, at("2025-03-10T03:59:59Z")), d(2025, 3, 9));
    assert_eq!(srs::study_day(&utc, at("2025-03-10T04:00:00Z")), d(2025, 3, 10));
}

#[test]
fn a_review_before_the_rollover_counts_as_the_same_day() {
    // Graded at 23:00 and again at 03:00 the next calendar day: the same study day, so FSRS
    // uses the short-term (same-day) formula, as Anki does.
    let cfg = no_fuzz();
    let t0 = at("2025-03-10T23:00:00Z");
    let c1 = grade(&cfg, &CardState::new(t0), Rating::Good, t0);
    let reviewed = srs::review(&cfg, &c1, Rating::Good, at("2025-03-11T03:00:00Z"), "item").expect("review");
    assert_eq!(reviewed.log.elapsed_days, 0);
    let next_day = srs::review(&cfg, &c1, Rating::Good, at("2025-03-11T04:00:00Z"), "item").expect("review");
    assert_eq!(next_day.log.elapsed_days, 1);
}

#[test]
fn retrievability_falls_from_one_to_the_desired_retention_at_the_interval() {
    let cfg = no_fuzz();
    let now = at("2025-03-10T09:00:00Z");
    let new = CardState::new(now);
    assert_eq!(srs::retrievability(&cfg, &new, now), 0.0);
    let card = grade(&cfg, &new, Rating::Easy, now);
    assert!((srs::retrievability(&cfg, &card, now) - 1.0).abs() < 1e-6);
    let at_stability = now + Duration::seconds((card.stability.expect("s") * 86_400.0) as i64);
    let r = srs::retrievability(&cfg, &card, at_stability);
    assert!((r - 0.9).abs() < 1e-3, "R at t = S is 90 %, got {r}");
}

#[test]
fn sub_microsecond_clocks_are_truncated_so_states_store_exactly() {
    let cfg = no_fuzz();
    let now = at("2025-03-10T09:00:00.123456789Z");
    let card = grade(&cfg, &CardState::new(now), Rating::Good, now);
    assert_eq!(card.last_review, Some(at("2025-03-10T09:00:00.123456Z")));
}

#[test]
fn invalid_settings_are_reported() {
    let now = at("2025-03-10T09:00:00Z");
    let bad = SchedulerConfig { desired_retention: 1.5, ..SchedulerConfig::default() };
    assert!(srs::review(&bad, &CardState::new(now), Rating::Good, now, "x").is_err());
    let bad = SchedulerConfig { parameters: vec![1.0; 5], ..SchedulerConfig::default() };
    assert!(srs::review(&bad, &CardState::new(now), Rating::Good, now, "x").is_err());
}

#[test]
fn ratings_parse_from_names_and_digits() {
    assert_eq!("good".parse::<Rating>().ok(), Some(Rating::Good));
    assert_eq!("AGAIN".parse::<Rating>().ok(), Some(Rating::Again));
    assert_eq!("4".parse::<Rating>().ok(), Some(Rating::Easy));
    assert!("5".parse::<Rating>().is_err());
    assert_eq!(serde_json::to_string(&State::Relearning).ok().as_deref(), Some("\"relearning\""));
}
