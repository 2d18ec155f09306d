//! Cramming from the TUI (issue 21, point 4): `c` on the dashboard crams the chosen deck and `c`
//! on a topic page crams that topic; cards show whatever their due date, and a "grade" key only
//! records the item as seen — FSRS state, due dates and the review log stay exactly as they were.

mod tui_support;

use dopdeck::srs::Rating;
use dopdeck::store::Store;
use dopdeck::tui::ScreenId;
use dopdeck::tui::keymap::Context;
use tui_support::{app, catalog, now, press, render, study};

#[test]
fn cramming_in_the_tui_records_a_view_and_reschedules_nothing() {
    let catalog = catalog();
    let dir = tempfile::tempdir().unwrap();

    // One card studied: due in the future, so the ordinary queue would not show it now.
    let first = {
        let s = study(&catalog, dir.path());
        let deck = s.deck("daily").unwrap();
        let first = s.queue(deck, now()).unwrap()[0].id.clone();
        s.grade(&first, Rating::Good, now(), Some(deck), None).unwrap();
        first
    };
    let (before, rows_before) = {
        let s = study(&catalog, dir.path());
        let (state, _) = s.state(&first, now()).unwrap();
        assert!(state.due > now(), "the studied card is not due now");
        (state, s.items().unwrap())
    };

    let mut app = app(&catalog, dir.path());
    press(&mut app, &["c"]);
    assert_eq!(app.screen, ScreenId::Review);
    assert!(app.review.cram.is_some(), "cram mode");
    assert_eq!(app.review.card.as_ref().map(|c| c.id.as_str()), Some(first.as_str()), "studied items first");
    let front = render(&mut app, 100, 30);
    assert!(front.contains("Cram — schedules unchanged"), "{front}");

    // A grade key on the front only asks for the answer; on the back it records "seen".
    press(&mut app, &["3"]);
    assert_eq!(app.review.card.as_ref().map(|c| c.id.as_str()), Some(first.as_str()));
    press(&mut app, &["Space"]);
    assert_eq!(app.review.context(&catalog), Context::CramBack);
    let back = render(&mut app, 100, 30);
    assert!(back.contains("Cram — schedules unchanged"), "{back}");
    assert!(!back.contains("Again") && !back.contains("Easy"), "no grade buttons or intervals: {back}");
    press(&mut app, &["3"]);
    assert_ne!(app.review.card.as_ref().map(|c| c.id.as_str()), Some(first.as_str()), "moved on");
    assert_eq!(app.review.cram.as_ref().map(|c| c.seen), Some(1));
    // Undo, suspend and bury change nothing while cramming.
    press(&mut app, &["u", "s", "b"]);
    // Through the rest: the session ends, and Enter goes back to the ordinary queue.
    for _ in 0..50 {
        if app.review.card.is_none() {
            break;
        }
        press(&mut app, &["Space", "Space"]);
    }
    assert_eq!(app.review.context(&catalog), Context::CramDone);
    let seen = app.review.cram.as_ref().map_or(0, |c| c.seen);
    assert!(render(&mut app, 100, 30).contains(&format!("You saw {seen} item(s); their schedules are unchanged.")));
    press(&mut app, &["Enter"]);
    assert!(app.review.cram.is_none(), "back to ordinary review");
    drop(app);

    let log = Store::open(&dir.path().join("progress.db")).unwrap().cram_log().unwrap();
    assert_eq!(log.first(), Some(&(first.clone(), now())), "recorded as seen");
    assert_eq!(log.len(), seen as usize, "one view per item seen");
    let s = study(&catalog, dir.path());
    let (after, _) = s.state(&first, now()).unwrap();
    assert_eq!(before, after, "FSRS state and due date untouched");
    assert_eq!(s.items().unwrap(), rows_before, "no item's state changed");
    assert_eq!(s.review_logs().unwrap().len(), 1, "no grade recorded");
}

#[test]
fn c_on_a_topic_page_crams_that_topic_and_help_lists_it() {
    let catalog = catalog();
    let dir = tempfile::tempdir().unwrap();
    let mut app = app(&catalog, dir.path());
    press(&mut app, &["?"]);
    let help = render(&mut app, 100, 200);
    press(&mut app, &["Esc"]);
    assert!(help.contains("cram the chosen deck"), "{help}");

    press(&mut app, &["4", "Enter"]);
    assert_eq!(app.screen, ScreenId::Topics);
    press(&mut app, &["c"]);
    assert_eq!(app.screen, ScreenId::Review);
    assert!(app.review.cram.is_some());
    assert!(render(&mut app, 100, 30).contains("Cram — schedules unchanged"));
}
