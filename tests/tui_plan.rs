//! The dashboard's exam date (issue 21): `e` types the date and sets the plan through the same
//! use case as `dopdeck plan --exam-date`; the dashboard then shows days left, the verdict,
//! the projection (labelled an estimate) and the weakest tasks; `w` drills them.

mod tui_support;

use dopdeck::exam::{Mode, Scope};
use dopdeck::tui::ScreenId;
use tui_support::{app, catalog, press, render, study, type_text};

#[test]
fn the_exam_date_is_set_from_the_dashboard() {
    let catalog = catalog();
    let dir = tempfile::tempdir().unwrap();
    let mut first = app(&catalog, dir.path());
    let before = render(&mut first, 100, 30);
    assert!(before.contains("No exam date"), "{before}");

    // A bad date is refused and the prompt stays; a good one sets the plan.
    press(&mut first, &["e"]);
    type_text(&mut first, "2026-13-01");
    press(&mut first, &["Enter"]);
    assert!(render(&mut first, 100, 30).contains("Exam date"), "the prompt stays open");
    press(&mut first, &["Backspace", "Backspace", "Backspace", "Backspace", "Backspace"]);
    type_text(&mut first, "12-01");
    press(&mut first, &["Enter"]);
    let after = render(&mut first, 100, 30);
    assert!(after.contains("10 day(s) left"), "{after}");
    assert!(after.contains("an estimate"), "{after}");
    assert!(after.contains("Weakest tasks"), "{after}");
    drop(first);
    let plan = study(&catalog, dir.path()).plan().unwrap().unwrap();
    assert_eq!(plan.exam_date.to_string(), "2026-12-01");
    assert_eq!(plan.buffer_days, 7);

    // Esc cancels without a change.
    let mut again = app(&catalog, dir.path());
    press(&mut again, &["e", "Backspace", "Esc"]);
    assert!(render(&mut again, 100, 30).contains("10 day(s) left"));
}

#[test]
fn w_on_the_dashboard_drills_the_weakest_tasks() {
    let catalog = catalog();
    let dir = tempfile::tempdir().unwrap();
    let mut app = app(&catalog, dir.path());
    press(&mut app, &["w"]);
    assert_eq!(app.screen, ScreenId::Exam);
    let attempt = app.exam.attempt.as_ref().expect("a drill started");
    assert_eq!(attempt.session.mode, Mode::Drill);
    assert!(matches!(attempt.scope, Scope::Weakest(_)));
}
