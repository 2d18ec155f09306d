//! Studying to a date through the `study` seam, on the fixture material with a pinned clock:
//! the plan and its new-card limit, cramming that reschedules nothing, weakest-task drills,
//! and exam pacing (issue 21).

use std::path::Path;

use chrono::{DateTime, Duration, NaiveDate, Utc};
use dopdeck::content::{self, Catalog, source};
use dopdeck::exam::{Mode, Scope};
use dopdeck::plan::Verdict;
use dopdeck::srs::Rating;
use dopdeck::store::Store;
use dopdeck::study::cram::CramScope;
use dopdeck::study::{StartOptions, Study, TimeLimit};

fn catalog() -> Catalog {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/tree");
    content::load(&source::directory(&root).unwrap()).unwrap()
}

fn now() -> DateTime<Utc> {
    DateTime::parse_from_rfc3339("2026-03-01T12:00:00Z").unwrap().with_timezone(&Utc)
}

fn day(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
}

fn study(catalog: &Catalog) -> Study<'_> {
    Study::with_store(catalog, Store::open_in_memory().unwrap(), now(), false).unwrap()
}

#[test]
fn a_plan_sets_the_pace_and_the_new_card_limit_follows_it() {
    let catalog = catalog();
    let study = study(&catalog);
    let deck = study.deck("daily").unwrap();
    let new_items = study.due(deck, now()).unwrap().new;
    assert!(new_items >= 4, "the fixture has a few new cards: {new_items}");
    assert!(study.plan_report(now()).unwrap().is_none());

    // Nine days left, a seven-day buffer: two days to introduce everything.
    study.set_plan(day("2026-03-10"), 7, now()).unwrap();
    let report = study.plan_report(now()).unwrap().unwrap();
    assert_eq!(report.days_left, 9);
    let total_new = report.items.new;
    assert_eq!(report.new_per_day, total_new.div_ceil(2));
    assert_eq!(report.verdict, Verdict::OnTrack);
    assert_eq!(report.readiness.scaled, 100, "nothing studied yet");
    assert!(report.weakest.len() <= 3);
    // The queue offers the plan's pace, not the deck's 20.
    assert_eq!(study.due(deck, now()).unwrap().new, total_new.div_ceil(2));

    // Two days later with nothing done: behind by two days' worth (capped at what there is).
    let later = now() + Duration::days(2);
    let report = study.plan_report(later).unwrap().unwrap();
    assert_eq!(report.verdict, Verdict::Behind(total_new.min(2 * total_new.div_ceil(2))));

    // A limit of the learner's own wins; clearing the plan restores the deck's.
    study.set_plan_limit(Some(1)).unwrap();
    assert_eq!(study.due(deck, now()).unwrap().new, 1);
    study.clear_plan().unwrap();
    assert!(study.plan().unwrap().is_none());
    assert_eq!(study.due(deck, now()).unwrap().new, new_items);
}

#[test]
fn introducing_cards_today_does_not_lower_todays_limit() {
    let catalog = catalog();
    let study = study(&catalog);
    let deck = study.deck("daily").unwrap();
    study.set_plan(day("2026-03-10"), 7, now()).unwrap();
    let pace = study.plan_report(now()).unwrap().unwrap().new_per_day;
    let first = study.queue(deck, now()).unwrap()[0].id.clone();
    study.grade(&first, Rating::Good, now(), Some(deck), None).unwrap();
    let report = study.plan_report(now()).unwrap().unwrap();
    assert_eq!(report.new_per_day, pace);
    assert_eq!(study.due(deck, now()).unwrap().new, pace - 1);
}

#[test]
fn cramming_records_views_and_reschedules_nothing() {
    let catalog = catalog();
    let study = study(&catalog);
    let deck = study.deck("daily").unwrap();
    let first = study.queue(deck, now()).unwrap()[0].id.clone();
    study.grade(&first, Rating::Good, now(), Some(deck), None).unwrap();
    let (before, _) = study.state(&first, now()).unwrap();
    let items = study.cram_items(&CramScope::Deck(deck), now()).unwrap();
    assert_eq!(items[0], first, "studied items come before new ones");
    for id in &items {
        study.record_cram(id, now() + Duration::hours(1)).unwrap();
    }
    let (after, _) = study.state(&first, now()).unwrap();
    assert_eq!(before, after, "FSRS state and due date untouched");
    assert_eq!(study.review_logs().unwrap().len(), 1, "no grade recorded");
    assert!(study.record_cram("no-such-item", now()).is_err());
    assert!(study.cram_items(&CramScope::Domain(9), now()).unwrap().is_empty());
}

#[test]
fn weakest_drills_and_pacing() {
    let catalog = catalog();
    let study = study(&catalog);
    let drill = study.start_weakest_drill(5, 1, now()).unwrap();
    assert_eq!(drill.session.mode, Mode::Drill);
    assert!(matches!(&drill.scope, Scope::Weakest(tasks) if !tasks.is_empty()));
    assert!(!drill.session.questions.is_empty());
    assert!(!study.weakest_tasks(now()).unwrap().is_empty());

    // An untimed practice attempt: answer wrong, then right; spend time; submit.
    let opts =
        StartOptions { mode: Mode::Exam, questions: 2, time: TimeLimit::Minutes(10), scope: Scope::All, seed: 3 };
    let mut attempt = study.start_exam(&opts, now()).unwrap();
    let q = catalog.question(&attempt.session.questions[0].question_id).unwrap();
    let key: Vec<usize> = (0..q.options.len()).filter(|&i| q.options[i].get_ref().correct).collect();
    let wrong: Vec<usize> = (0..q.options.len()).filter(|i| !key.contains(i)).take(1).collect();
    let shown = |material: &[usize]| -> Vec<usize> {
        let order = &attempt.session.questions[0].order;
        material.iter().map(|m| order.iter().position(|x| x == m).unwrap()).collect()
    };
    let (wrong_shown, right_shown) = (shown(&wrong), shown(&key));
    let _ = study.answer_exam(&mut attempt, 0, &wrong_shown, now() + Duration::seconds(30));
    let _ = study.answer_exam(&mut attempt, 0, &right_shown, now() + Duration::seconds(60));
    study.spend_exam_time(&attempt, 0, 61_000).unwrap();
    study.spend_exam_time(&attempt, 1, 20_000).unwrap();
    study.spend_exam_time(&attempt, 0, 4_000).unwrap();
    assert_eq!(study.exam_pacing(attempt.id).unwrap(), None, "open attempts have no report");
    study.finish_exam(&mut attempt, now() + Duration::minutes(4)).unwrap();
    let pacing = study.exam_pacing(attempt.id).unwrap().unwrap();
    assert_eq!(pacing.questions[0].seconds, 65.0);
    assert_eq!(pacing.questions[1].seconds, 20.0);
    assert_eq!(pacing.changes.wrong_to_right, 1);
    assert_eq!(pacing.changes.right_to_wrong, 0);
    assert_eq!(pacing.time_left_seconds, Some(360));
    assert!(pacing.pace.is_some());
    assert_eq!(study.exam_pacing(9999).unwrap(), None);
}
