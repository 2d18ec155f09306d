//! A full render of each TUI screen at 200×60 into a `TestBackend`, over the embedded material
//! and a database with some history. Target: at most 1 ms per frame.

use std::hint::black_box;

use chrono::{DateTime, FixedOffset, Utc};
use criterion::{Criterion, criterion_group, criterion_main};
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use dopdeck::content::{self, Catalog};
use dopdeck::study::Study;
use dopdeck::tui::{App, Options, Start, Theme};
use ratatui::Terminal;
use ratatui::backend::TestBackend;

fn now() -> DateTime<Utc> {
    DateTime::parse_from_rfc3339("2026-11-21T12:00:00Z").expect("valid time").with_timezone(&Utc)
}

fn press(app: &mut App<'_>, keys: &str) {
    for word in keys.split_whitespace() {
        let code = match word {
            "Enter" => KeyCode::Enter,
            "Esc" => KeyCode::Esc,
            "Space" => KeyCode::Char(' '),
            "Up" => KeyCode::Up,
            "Down" => KeyCode::Down,
            "Left" => KeyCode::Left,
            "Right" => KeyCode::Right,
            w => KeyCode::Char(w.chars().next().unwrap_or(' ')),
        };
        app.on_key(KeyEvent::new(code, KeyModifiers::NONE), now());
    }
}

fn app<'c>(catalog: &'c Catalog, dir: &std::path::Path) -> App<'c> {
    let mut study = Study::open(catalog, &dir.join("progress.db"), now(), false).expect("database opens");
    study.set_utc_offset(FixedOffset::east_opt(0).expect("UTC"));
    let options = Options { theme: Theme::dark(), start: Start::Dashboard, exam_form: None };
    App::new(study, options, now()).expect("app starts")
}

fn render(c: &mut Criterion) {
    let catalog = content::load_embedded().expect("embedded material is valid");
    let dir = tempfile::tempdir().expect("temp dir");
    // Some history: a review session and a ten-question exam.
    {
        let mut a = app(&catalog, dir.path());
        press(&mut a, "2");
        for _ in 0..20 {
            press(&mut a, "Space 3");
        }
        press(&mut a, "3 Up Up Left Left Left Left Left Down Down Enter");
        for _ in 0..10 {
            press(&mut a, "b Right");
        }
        press(&mut a, "s y");
    }
    let screens: &[(&str, &str)] = &[
        ("dashboard", ""),
        ("review (answer side)", "2 Space"),
        ("exam question", "3 Esc Esc 3 Up Up Left Left Left Left Left Down Down Enter"),
        ("exam results", "3 Down Down Down Down Enter"),
        ("topics list", "4"),
        ("topic page (CodeDeploy)", "/ c o d e d e p l o y Enter"),
        ("tables (one table)", "5 Down Down Down Enter"),
        ("stats", "6"),
        ("search popup", "/ a p p s p e c"),
        ("help popup", "?"),
        ("strategy walkthrough", "7 Down Down Down Enter Right Right Right"),
        ("strategies compared", "7 Down Down Down Enter c Down Enter Right Right Right"),
    ];
    let mut group = c.benchmark_group("render 200x60");
    for (name, keys) in screens {
        let mut a = app(&catalog, dir.path());
        press(&mut a, keys);
        let mut terminal = Terminal::new(TestBackend::new(200, 60)).expect("test terminal");
        group.bench_function(*name, |b| b.iter(|| black_box(terminal.draw(|f| a.render(f, now())).map(|_| ()))));
    }
    group.finish();
}

criterion_group!(benches, render);
criterion_main!(benches);
