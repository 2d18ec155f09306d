//! A refused exam leaves nothing behind, and an attempt that cannot be resumed is closed with a
//! note instead of locking the user out of exams (issue 11, item 1).
//!
//! Before the fix a choice matching no question saved an open attempt with 0 questions, and
//! every later `exam --plain` (and the TUI's Exam screen) panicked indexing it.

mod common;

use std::path::Path;
use std::process::Output;

use chrono::{DateTime, Utc};
use common::{copy_dir, dopdeck, run_with_input};
use dopdeck::content::{self, source};
use dopdeck::exam::{AttemptQuestion, Mode, Scope, Session};
use dopdeck::store::Store;

const NOW: &str = "2026-11-21T12:00:00Z";

/// The fixture tree plus a topic that no question is about.
fn tree() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    copy_dir(&common::fixture(), dir.path());
    let beta = std::fs::read_to_string(dir.path().join("content/topics/beta.toml")).unwrap();
    std::fs::write(dir.path().join("content/topics/gamma.toml"), beta.replace("Beta", "Gamma")).unwrap();
    dir
}

fn exam(content: &Path, db: &Path, args: &[&str], stdin: &str) -> Output {
    let mut c = dopdeck(content, db, NOW);
    c.arg("exam").args(args);
    run_with_input(c, stdin)
}

fn text(o: &Output) -> (String, String) {
    (String::from_utf8_lossy(&o.stdout).into_owned(), String::from_utf8_lossy(&o.stderr).into_owned())
}

fn history(content: &Path, db: &Path) -> Vec<serde_json::Value> {
    let o = exam(content, db, &["history", "--json"], "");
    assert!(o.status.success(), "{:?}", text(&o));
    serde_json::from_slice::<serde_json::Value>(&o.stdout).unwrap().as_array().cloned().unwrap_or_default()
}

fn now() -> DateTime<Utc> {
    DateTime::parse_from_rfc3339(NOW).unwrap().with_timezone(&Utc)
}

#[test]
fn a_choice_with_no_questions_stores_nothing_and_later_exams_still_run() {
    let content = tree();
    let refused: [&[&str]; 6] = [
        &["--plain", "--questions", "0"],
        &["--plain", "--mode", "practice", "--questions", "0"],
        &["--plain", "--topic", "gamma"],
        &["--plain", "--mode", "practice", "--task", "6.3"],
        &["--plain", "--mode", "drill", "--topic", "gamma"],
        &["--plain", "--mode", "drill", "--domain", "4"],
    ];
    for args in refused {
        let dir = tempfile::tempdir().unwrap();
        let db = dir.path().join("p.db");
        let o = exam(content.path(), &db, args, "quit\n");
        let (out, err) = text(&o);
        assert_eq!(o.status.code(), Some(1), "{args:?}: {out}{err}");
        assert!(err.contains("No questions match that choice."), "{args:?}: the refusal goes to stderr: {err}");
        assert!(!out.contains("No questions match"), "{args:?}: not on stdout: {out}");
        assert!(!db.exists(), "{args:?}: a refused exam on a fresh path leaves no database file");
        assert!(history(content.path(), &db).is_empty(), "{args:?}: an attempt was stored");
        // Any later exam starts normally.
        let o = exam(content.path(), &db, &["--plain", "--mode", "practice"], "quit\n");
        let (out, err) = text(&o);
        assert!(o.status.success(), "{args:?} then practice: {out}{err}");
        assert!(out.contains("practice mode, 2 questions"), "{out}");
    }
}

#[test]
fn zero_minutes_is_refused_before_the_database_is_touched() {
    let content = tree();
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("p.db");
    let o = exam(content.path(), &db, &["--plain", "--minutes", "0"], "quit\n");
    let (out, err) = text(&o);
    assert!(!o.status.success(), "{out}{err}");
    assert!(err.contains("at least one minute"), "{err}");
    assert!(!db.exists(), "nothing stored, not even a database");
}

#[test]
fn the_time_limit_follows_the_questions_actually_drawn() {
    let content = tree();
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("p.db");
    // The fixture holds 2 questions: 180 min / 75 × 2 = 4.8 → 5 minutes, not 240,000.
    let o = exam(content.path(), &db, &["--plain", "--questions", "100000"], "quit\n");
    let (out, err) = text(&o);
    assert!(o.status.success(), "{out}{err}");
    assert!(out.contains("exam mode, 2 questions, 5 minutes"), "{out}");
    let h = history(content.path(), &db);
    let started = DateTime::parse_from_rfc3339(h[0]["started_at"].as_str().unwrap()).unwrap();
    let deadline = DateTime::parse_from_rfc3339(h[0]["deadline"].as_str().unwrap()).unwrap();
    assert_eq!((deadline - started).num_minutes(), 5);
    // A limit the user gives is kept as given.
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("p.db");
    let o = exam(content.path(), &db, &["--plain", "--questions", "100000", "--minutes", "30"], "quit\n");
    assert!(text(&o).0.contains("exam mode, 2 questions, 30 minutes"), "{:?}", text(&o));
}

/// Writes an open attempt as older dopdecks could leave it.
fn leave_open_attempt(db: &Path, questions: Vec<AttemptQuestion>, mode: Mode) {
    let store = Store::open(db).unwrap();
    let session = Session::new(mode, questions, now(), None);
    store.create_attempt(&session, &Scope::All, 1).unwrap();
}

#[test]
fn an_open_attempt_with_no_questions_is_closed_with_a_note_not_indexed() {
    let content = tree();
    for mode in [Mode::Exam, Mode::Practice] {
        let dir = tempfile::tempdir().unwrap();
        let db = dir.path().join("p.db");
        leave_open_attempt(&db, Vec::new(), mode);
        let o = exam(content.path(), &db, &["--plain", "--mode", "practice"], "quit\n");
        let (out, err) = text(&o);
        assert!(o.status.success(), "{out}{err}");
        assert!(!err.contains("panicked"), "{err}");
        assert!(out.contains("Attempt 1 could not be resumed (it has no questions)"), "{out}");
        assert!(out.contains("Attempt 2 — practice mode, 2 questions"), "a new attempt starts: {out}");
        let h = history(content.path(), &db);
        assert!(h[0]["submitted_at"].is_string() && h[0]["correct"].is_null(), "closed, unscored: {h:?}");
        let o = exam(content.path(), &db, &["history"], "");
        assert!(text(&o).0.contains("closed"), "{:?}", text(&o));
        for args in [&["report", "1"][..], &["report", "1", "--json"]] {
            let o = exam(content.path(), &db, args, "");
            assert!(o.status.success(), "{args:?}: {:?}", text(&o));
        }
        let o = exam(content.path(), &db, &["report", "1"], "");
        assert!(text(&o).0.contains("closed without a score"), "{:?}", text(&o));
    }
}

#[test]
fn an_open_attempt_whose_questions_left_the_material_is_closed() {
    let content = tree();
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("p.db");
    let gone = AttemptQuestion { question_id: "q-sdlc-fx-0999".into(), order: vec![0, 1, 2, 3] };
    leave_open_attempt(&db, vec![gone], Mode::Practice);
    let o = exam(content.path(), &db, &["--plain"], "quit\n");
    let (out, err) = text(&o);
    assert!(o.status.success(), "{out}{err}");
    assert!(out.contains("no longer in the material: q-sdlc-fx-0999"), "{out}");
    assert!(out.contains("Attempt 2 — exam mode"), "{out}");
    // A question whose options changed cannot be shown with the stored order either.
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("p.db");
    let changed = AttemptQuestion { question_id: "q-sdlc-fx-0001".into(), order: vec![0, 1, 2, 3, 4, 5, 6, 7, 8] };
    leave_open_attempt(&db, vec![changed], Mode::Practice);
    let o = exam(content.path(), &db, &["--plain"], "quit\n");
    let (out, err) = text(&o);
    assert!(o.status.success() && out.contains("options of 1 of its questions changed"), "{out}{err}");
}

#[test]
fn the_study_layer_refuses_and_closes_for_the_tui_too() {
    let root = common::fixture();
    let catalog = content::load(&source::directory(&root).unwrap()).unwrap();
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("p.db");
    leave_open_attempt(&db, Vec::new(), Mode::Drill);
    let study = dopdeck::study::Study::open(&catalog, &db, now(), false).unwrap();
    let resume = study.resume_exam(now()).unwrap();
    assert_eq!(resume.closed.len(), 1);
    assert!(resume.attempt.is_none());
    let opts = |questions, time| dopdeck::study::StartOptions {
        mode: Mode::Exam,
        questions,
        time,
        scope: Scope::All,
        seed: 1,
    };
    use dopdeck::study::{StudyError, TimeLimit};
    assert!(matches!(study.start_exam(&opts(0, TimeLimit::Paced), now()), Err(StudyError::NoQuestions)));
    assert!(matches!(study.start_exam(&opts(5, TimeLimit::Minutes(0)), now()), Err(StudyError::ZeroMinutes)));
    assert_eq!(study.exam_history().unwrap().len(), 1, "nothing new stored");
}

#[test]
fn the_tui_exam_screen_opens_over_an_attempt_with_no_questions() {
    let root = common::fixture();
    let catalog = content::load(&source::directory(&root).unwrap()).unwrap();
    let dir = tempfile::tempdir().unwrap();
    leave_open_attempt(&dir.path().join("progress.db"), Vec::new(), Mode::Practice);
    let options =
        dopdeck::tui::Options { theme: dopdeck::tui::Theme::mono(), start: dopdeck::tui::Start::Exam, exam_form: None };
    let study = dopdeck::study::Study::open(&catalog, &dir.path().join("progress.db"), now(), false).unwrap();
    let mut app = dopdeck::tui::App::new(study, options, now()).expect("app starts");
    let mut terminal = ratatui::Terminal::new(ratatui::backend::TestBackend::new(100, 30)).unwrap();
    terminal.draw(|f| app.render(f, now())).unwrap();
    let screen = terminal.backend().to_string();
    assert!(screen.contains("could not be resumed"), "{screen}");
}
