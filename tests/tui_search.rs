//! The search popup opens what a learner finds, including cards made from table and comparison
//! rows and comparisons found by a cell of one of their rows; and it searches the index it is
//! handed instead of building one on the first keystroke.

mod tui_support;

use std::sync::OnceLock;

use dopdeck::content;
use dopdeck::search::{HitKind, Index};
use dopdeck::tui::app::Popup;
use dopdeck::tui::{App, ScreenId};
use tui_support::{app, catalog, press, render, type_text};

/// The popup's hits as (kind, id), best first.
fn hits(app: &App<'_>) -> Vec<(HitKind, String)> {
    match &app.popup {
        Some(Popup::Search(s)) => s.hits.iter().map(|h| (h.kind, h.id.clone())).collect(),
        _ => panic!("the search popup is open"),
    }
}

/// Searches for `query` and opens the hit `(kind, id)`, moving down to it as a learner would.
fn open(app: &mut App<'_>, query: &str, kind: HitKind, id: &str) {
    press(app, &["/"]);
    type_text(app, query);
    let found = hits(app);
    let at = found.iter().position(|(k, i)| *k == kind && i == id);
    let at = at.unwrap_or_else(|| panic!("{kind:?} {id} among the hits for {query:?}: {found:?}"));
    for _ in 0..at {
        press(app, &["Down"]);
    }
    press(app, &["Enter"]);
    assert!(app.popup.is_none(), "Enter closes the popup");
}

#[test]
fn a_card_made_from_a_table_row_opens_for_review() {
    let (cat, dir) = (catalog(), tempfile::tempdir().expect("temp dir"));
    let mut app = app(&cat, dir.path());
    open(&mut app, "widgets per account", HitKind::Card, "alpha/quotas/widgets-per-account");
    assert_eq!(app.screen, ScreenId::Review);
    assert_eq!(app.review.card.as_ref().map(|c| c.id.as_str()), Some("alpha/quotas/widgets-per-account"));
    assert!(render(&mut app, 100, 30).contains("Alpha quotas: Widgets per account"));
}

#[test]
fn a_card_made_from_a_comparison_row_opens_for_review() {
    let (cat, dir) = (catalog(), tempfile::tempdir().expect("temp dir"));
    let mut app = app(&cat, dir.path());
    open(&mut app, "alpha vs beta speed", HitKind::Card, "alpha-vs-beta/speed");
    assert_eq!(app.screen, ScreenId::Review);
    assert_eq!(app.review.card.as_ref().map(|c| c.id.as_str()), Some("alpha-vs-beta/speed"));
}

#[test]
fn a_comparison_is_found_by_a_cell_of_its_rows_and_opens_in_tables() {
    let (cat, dir) = (catalog(), tempfile::tempdir().expect("temp dir"));
    let mut app = app(&cat, dir.path());
    // "slow" is only in a cell of the comparison's one row, not in its title or its row's card.
    open(&mut app, "slow", HitKind::Comparison, "alpha-vs-beta");
    assert_eq!(app.screen, ScreenId::Tables);
    let screen = render(&mut app, 100, 30);
    assert!(screen.contains("Alpha vs Beta") && screen.contains("slow"), "{screen}");
}

#[test]
fn a_table_is_found_by_a_cell_of_its_rows_and_opens_in_tables() {
    let (cat, dir) = (catalog(), tempfile::tempdir().expect("temp dir"));
    let mut app = app(&cat, dir.path());
    open(&mut app, "5 mb", HitKind::Table, "alpha/quotas");
    assert_eq!(app.screen, ScreenId::Tables);
    assert!(render(&mut app, 100, 30).contains("Gadget size"));
}

#[test]
fn the_popup_searches_the_index_it_is_handed() {
    let (cat, dir) = (catalog(), tempfile::tempdir().expect("temp dir"));
    let mut app = app(&cat, dir.path());
    // An index of other material (the shipped one) stands in for one decoded from a snapshot:
    // the fixture has no CloudFormation, so finding it proves nothing was built from the app's
    // own catalog.
    let shipped = content::load_embedded().expect("embedded material is valid");
    let decoded = Index::from_bytes(&Index::build(&shipped).to_bytes()).expect("decodes");
    app.index = std::sync::Arc::new(OnceLock::from(decoded));
    press(&mut app, &["/"]);
    type_text(&mut app, "cfn");
    assert_eq!(hits(&app).first(), Some(&(HitKind::Topic, "cloudformation".to_string())));
}

#[test]
fn a_search_typed_while_the_index_is_being_built_waits_for_that_build() {
    let (cat, dir) = (catalog(), tempfile::tempdir().expect("temp dir"));
    let mut app = app(&cat, dir.path());
    let cell = std::sync::Arc::clone(&app.index);
    let shipped: &'static content::Catalog =
        Box::leak(Box::new(content::load_embedded().expect("embedded material is valid")));
    let (started, building) = std::sync::mpsc::channel();
    let builder = std::thread::spawn(move || {
        cell.get_or_init(|| {
            started.send(()).expect("the test listens");
            Index::build(shipped)
        });
    });
    building.recv().expect("the build starts");
    // The build is under way: the popup waits for it rather than building the fixture's index.
    press(&mut app, &["/"]);
    type_text(&mut app, "cfn");
    assert_eq!(hits(&app).first(), Some(&(HitKind::Topic, "cloudformation".to_string())));
    builder.join().expect("the build finishes");
}
