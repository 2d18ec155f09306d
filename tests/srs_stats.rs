//! Statistics over the review log: today, streak, true retention, states and forecast.

use chrono::{DateTime, Duration, NaiveDate, Utc};
use dopdeck::srs::stats::{self, PassFail};
use dopdeck::srs::{CardState, QueueCandidate, Rating, ReviewLog, SchedulerConfig, State};

fn at(s: &str) -> DateTime<Utc> {
    s.parse().expect("valid RFC 3339 time")
}

fn now() -> DateTime<Utc> {
    at("2025-06-10T10:00:00Z")
}

fn log(at: DateTime<Utc>, rating: Rating, before: State, last_interval: u32) -> ReviewLog {
    ReviewLog {
        item_id: "x".into(),
        reviewed_at: at,
        rating,
        state_before: before,
        state_after: State::Review,
        stability: 10.0,
        difficulty: 5.0,
        elapsed_days: last_interval,
        scheduled_days: 10,
        last_interval_days: last_interval,
        duration_ms: None,
    }
}

#[test]
fn reviews_today_and_done_today_use_the_study_day() {
    let cfg = SchedulerConfig::default();
    let logs = vec![
        log(at("2025-06-10T03:59:00Z"), Rating::Good, State::Review, 5), // yesterday's study day
        log(at("2025-06-10T04:00:00Z"), Rating::Good, State::New, 0),
        log(at("2025-06-10T09:00:00Z"), Rating::Again, State::Review, 5),
        log(at("2025-06-10T09:01:00Z"), Rating::Good, State::Relearning, 0),
    ];
    assert_eq!(stats::reviews_today(&cfg, &logs, now()), 3);
    let done = stats::done_today(&cfg, &logs, now());
    assert_eq!((done.new_introduced, done.reviews_done), (1, 1));
}

#[test]
fn the_streak_ends_today_or_yesterday() {
    let cfg = SchedulerConfig::default();
    let days =
        |ds: &[&str]| -> Vec<ReviewLog> { ds.iter().map(|d| log(at(d), Rating::Good, State::Review, 3)).collect() };
    let logs = days(&["2025-06-07T12:00:00Z", "2025-06-08T12:00:00Z", "2025-06-09T12:00:00Z"]);
    assert_eq!(stats::streak(&cfg, &logs, now()), 3, "nothing yet today: yesterday counts");
    let mut with_today = logs.clone();
    with_today.push(log(at("2025-06-10T08:00:00Z"), Rating::Good, State::Review, 3));
    assert_eq!(stats::streak(&cfg, &with_today, now()), 4);
    let broken = days(&["2025-06-05T12:00:00Z", "2025-06-06T12:00:00Z"]);
    assert_eq!(stats::streak(&cfg, &broken, now()), 0);
    assert_eq!(stats::streak(&cfg, &[], now()), 0);
}

#[test]
fn true_retention_counts_review_state_grades_split_at_21_days() {
    let cfg = SchedulerConfig::default();
    let logs = vec![
        log(now() - Duration::days(1), Rating::Good, State::Review, 5),
        log(now() - Duration::days(2), Rating::Again, State::Review, 5),
        log(now() - Duration::days(3), Rating::Hard, State::Review, 20),
        log(now() - Duration::days(4), Rating::Easy, State::Review, 21),
        log(now() - Duration::days(5), Rating::Again, State::Review, 40),
        log(now() - Duration::days(6), Rating::Good, State::Review, 90),
        // Not counted: learning steps, relearning steps, older than 30 days.
        log(now() - Duration::days(1), Rating::Again, State::Learning, 0),
        log(now() - Duration::days(1), Rating::Again, State::Relearning, 0),
        log(now() - Duration::days(31), Rating::Again, State::Review, 5),
    ];
    let r = stats::true_retention(&cfg, &logs, now(), 30);
    assert_eq!(r.young, PassFail { passed: 2, failed: 1 });
    assert_eq!(r.mature, PassFail { passed: 2, failed: 1 });
    assert_eq!(r.total, PassFail { passed: 4, failed: 2 });
    assert!((r.total.rate().expect("rate") - 4.0 / 6.0).abs() < 1e-12);
    assert_eq!(PassFail::default().rate(), None);
}

fn candidate(id: &str, state: Option<State>, due: DateTime<Utc>, suspended: bool) -> QueueCandidate<'_> {
    QueueCandidate {
        id: id.into(),
        domain: 1,
        sibling_group: None,
        topic: None,
        card: state.map(|state| CardState { state, due, ..CardState::new(due) }),
        suspended,
        buried_until: None,
    }
}

#[test]
fn items_by_state_and_forecast() {
    let cfg = SchedulerConfig::default();
    let candidates = vec![
        candidate("n", None, now(), false),
        candidate("l", Some(State::Learning), now() + Duration::minutes(5), false),
        candidate("r-overdue", Some(State::Review), now() - Duration::days(3), false),
        candidate("r-2", Some(State::Review), now() + Duration::days(2), false),
        candidate("rl", Some(State::Relearning), now(), false),
        candidate("far", Some(State::Review), now() + Duration::days(40), false),
        candidate("s", Some(State::Review), now(), true),
    ];
    let counts = stats::items_by_state(&candidates);
    assert_eq!((counts.new, counts.learning, counts.review, counts.relearning, counts.suspended), (1, 1, 3, 1, 1));
    let forecast = stats::due_forecast(&cfg, &candidates, now(), 30);
    assert_eq!(forecast.len(), 30);
    assert_eq!(forecast[0].day, NaiveDate::from_ymd_opt(2025, 6, 10).expect("date"));
    assert_eq!(forecast[0].due, 3, "learning, relearning and the overdue review");
    assert_eq!(forecast[2].due, 1);
    assert_eq!(forecast.iter().map(|d| d.due).sum::<u32>(), 4, "40 days out is beyond the forecast");
}
