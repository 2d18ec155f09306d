//! What one key press in the review screen costs, end to end through `App::on_key`: reveal,
//! grade (which commits), and undo (which commits too), over the embedded material and a
//! database where 600 items have a history.
//!
//! Each grade and undo refreshes the screen's queue and the statistics the dashboard shows.
//! Issue 13 measured this before and after the refresh read the items table and the review log
//! once per key press instead of about ten times. The second benchmark isolates that refresh
//! (the next deck on the dashboard: no write, no scheduler). The last one is a search keystroke
//! with the index ready, as the TUI has it once its background build is done.

use std::hint::black_box;
use std::sync::{Arc, OnceLock};

use chrono::{DateTime, Duration, FixedOffset, Utc};
use criterion::{Criterion, criterion_group, criterion_main};
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use dopdeck::content::{self, Catalog};
use dopdeck::search::Index;
use dopdeck::srs::Rating;
use dopdeck::study::Study;
use dopdeck::tui::{App, Options, Start, Theme};

fn now() -> DateTime<Utc> {
    DateTime::parse_from_rfc3339("2026-11-21T12:00:00Z").expect("valid time").with_timezone(&Utc)
}

fn key(app: &mut App<'_>, code: KeyCode) {
    app.on_key(KeyEvent::new(code, KeyModifiers::NONE), now());
}

fn open<'c>(catalog: &'c Catalog, db: &std::path::Path) -> Study<'c> {
    let mut study = Study::open(catalog, db, now(), false).expect("database opens");
    study.set_utc_offset(FixedOffset::east_opt(0).expect("UTC"));
    study
}

fn keypress(c: &mut Criterion) {
    let catalog = content::load_embedded().expect("embedded material is valid");
    let dir = tempfile::tempdir().expect("temp dir");
    let db = dir.path().join("progress.db");
    {
        // History: 600 items graded twice over the last weeks.
        let study = open(&catalog, &db);
        for (n, item) in catalog.items().iter().filter(|i| i.kind != content::ItemKind::Question).take(600).enumerate()
        {
            let first = now() - Duration::days(30) + Duration::minutes(n as i64);
            study.grade(&item.id, Rating::Good, first, None, None).expect("grade");
            study.grade(&item.id, Rating::Good, first + Duration::days(3), None, None).expect("grade");
        }
    }
    let options = Options { theme: Theme::dark(), start: Start::Review { deck: "daily".into() }, exam_form: None };
    let mut app = App::new(open(&catalog, &db), options, now()).expect("app starts");
    assert!(app.review.card.is_some(), "a card is due");
    c.bench_function("review: reveal, grade Good, undo", |b| {
        b.iter(|| {
            key(&mut app, KeyCode::Char(' '));
            key(&mut app, KeyCode::Char('3'));
            key(&mut app, KeyCode::Char('u'));
            black_box(app.review.card.is_some())
        })
    });
    // The statistics alone: `]` on the dashboard moves to the next deck and reloads them,
    // writing nothing (no grade, no scheduler): the cost of reading progress for a refresh.
    let options = Options { theme: Theme::dark(), start: Start::Dashboard, exam_form: None };
    let mut dash = App::new(open(&catalog, &db), options, now()).expect("app starts");
    c.bench_function("dashboard: next deck (statistics refresh only)", |b| {
        b.iter(|| {
            key(&mut dash, KeyCode::Char(']'));
            black_box(dash.take_dirty())
        })
    });
}

/// The first search keystroke once the index is ready (built in the background from start-up,
/// or handed over decoded): `/` on the dashboard, `c`, and Esc. The popup's query is the whole
/// cost of the keystroke; drawing it is in `benches/render.rs`.
fn search_keystroke(c: &mut Criterion) {
    let catalog = content::load_embedded().expect("embedded material is valid");
    let dir = tempfile::tempdir().expect("temp dir");
    let options = Options { theme: Theme::dark(), start: Start::Dashboard, exam_form: None };
    let mut app = App::new(open(&catalog, &dir.path().join("progress.db")), options, now()).expect("app starts");
    let bytes = Index::build(&catalog).to_bytes();
    app.index = Arc::new(OnceLock::from(Index::from_bytes(&bytes).expect("decodes")));
    c.bench_function("search: open, type \"c\", close (index ready)", |b| {
        b.iter(|| {
            key(&mut app, KeyCode::Char('/'));
            key(&mut app, KeyCode::Char('c'));
            key(&mut app, KeyCode::Esc);
            black_box(app.take_dirty())
        })
    });
}

criterion_group! {
    name = benches;
    config = Criterion::default().sample_size(20).measurement_time(std::time::Duration::from_secs(8));
    targets = keypress, search_keystroke
}
criterion_main!(benches);
