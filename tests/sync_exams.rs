//! Sync through the library: finished practice exams and fitted parameters travel, open
//! attempts and device-local settings do not, and a grade made while another dopdeck syncs is
//! never lost.

mod common;

use chrono::{DateTime, Duration, Utc};
use dopdeck::exam::{Mode, Scope};
use dopdeck::study::reviewing::PARAMETERS_KEY;
use dopdeck::study::{StartOptions, Study, TimeLimit};

fn at(s: &str) -> DateTime<Utc> {
    DateTime::parse_from_rfc3339(s).unwrap().with_timezone(&Utc)
}

fn practice(questions: usize) -> StartOptions {
    StartOptions { mode: Mode::Practice, questions, time: TimeLimit::Untimed, scope: Scope::All, seed: 7 }
}

#[test]
fn finished_attempts_and_parameters_travel_open_attempts_stay() {
    let catalog = dopdeck::cli::load_catalog(Some(&common::fixture()), false).unwrap();
    let world = tempfile::tempdir().unwrap();
    let dir = world.path().join("dir");
    std::fs::create_dir_all(&dir).unwrap();
    let now = at("2026-11-20T10:00:00Z");
    let a = Study::open(&catalog, &world.path().join("a.db"), now, false).unwrap();
    let b = Study::open(&catalog, &world.path().join("b.db"), now, false).unwrap();

    let mut attempt = a.start_exam(&practice(2), now).unwrap();
    a.answer_exam(&mut attempt, 0, &[0], now + Duration::minutes(1)).unwrap();
    a.finish_exam(&mut attempt, now + Duration::minutes(2)).unwrap();
    let _open = a.start_exam(&practice(1), now + Duration::minutes(3)).unwrap();
    a.set_setting(PARAMETERS_KEY, "[0.5, 1.5]").unwrap();

    a.sync(&dir, now + Duration::minutes(5)).unwrap();
    let report = b.sync(&dir, now + Duration::minutes(6)).unwrap();
    assert_eq!((report.attempts, report.settings), (1, 1), "{report:?}");
    let history = b.exam_history().unwrap();
    assert_eq!(history.len(), 1, "only the finished attempt travels");
    let theirs = &a.exam_history().unwrap()[0];
    assert_eq!(
        (history[0].started_at, history[0].submitted_at, history[0].correct),
        (theirs.started_at, theirs.submitted_at, theirs.correct)
    );
    let (_, session, _) = b.exam_attempt(history[0].id).unwrap().unwrap();
    assert_eq!(session.answers[0], vec![0], "its answers came along");
    assert_eq!(b.setting(PARAMETERS_KEY).unwrap().as_deref(), Some("[0.5, 1.5]"));
    assert_ne!(b.setting("sync.device").unwrap(), a.setting("sync.device").unwrap());
    // The question graded by the practice answer has the same state on both.
    let q = &session.questions[0].question_id;
    assert_eq!(a.item(q).unwrap(), b.item(q).unwrap());

    // Syncing again adds nothing twice.
    a.sync(&dir, now + Duration::minutes(7)).unwrap();
    let again = b.sync(&dir, now + Duration::minutes(8)).unwrap();
    assert_eq!((again.attempts, again.settings, again.merged_reviews), (0, 0, 0), "{again:?}");
    assert_eq!(b.exam_history().unwrap().len(), 1);
}

#[test]
fn a_grade_made_between_syncs_on_an_item_being_rebuilt_is_kept() {
    let catalog = dopdeck::cli::load_catalog(Some(&common::fixture()), false).unwrap();
    let world = tempfile::tempdir().unwrap();
    let dir = world.path().join("dir");
    std::fs::create_dir_all(&dir).unwrap();
    let now = at("2026-11-20T10:00:00Z");
    let db = world.path().join("a.db");
    let a = Study::open(&catalog, &db, now, false).unwrap();
    let b = Study::open(&catalog, &world.path().join("b.db"), now, false).unwrap();
    b.grade("alpha/what", dopdeck::srs::Rating::Good, now, None, None).unwrap();
    b.sync(&dir, now).unwrap();
    // A second window on A's database grades the same item; A's sync then rebuilds it.
    let window = Study::open(&catalog, &db, now, false).unwrap();
    window.grade("alpha/what", dopdeck::srs::Rating::Hard, now + Duration::minutes(1), None, None).unwrap();
    a.sync(&dir, now + Duration::minutes(2)).unwrap();
    assert_eq!(a.review_logs().unwrap().len(), 2, "B's grade merged, the window's kept");
    b.sync(&dir, now + Duration::minutes(3)).unwrap();
    assert_eq!(a.item("alpha/what").unwrap(), b.item("alpha/what").unwrap());
}

#[test]
fn the_tui_syncs_only_once_a_folder_is_set() {
    let catalog = dopdeck::cli::load_catalog(Some(&common::fixture()), false).unwrap();
    let world = tempfile::tempdir().unwrap();
    let dir = world.path().join("dir");
    std::fs::create_dir_all(&dir).unwrap();
    let now = at("2026-11-20T10:00:00Z");
    let a = Study::open(&catalog, &world.path().join("a.db"), now, false).unwrap();
    assert!(a.sync_configured(now).is_none(), "no folder, no sync");
    a.grade("alpha/what", dopdeck::srs::Rating::Good, now, None, None).unwrap();
    a.set_sync_dir(Some(&dir)).unwrap();
    let report = a.sync_configured(now).expect("a folder is set").unwrap();
    assert_eq!(report.published, 1);
    a.set_sync_dir(None).unwrap();
    assert!(a.sync_configured(now).is_none());
    // A folder that went away is an error to show, not a panic or a silent success.
    a.set_sync_dir(Some(&world.path().join("gone"))).unwrap();
    assert!(a.sync_configured(now).expect("set").is_err());
}
