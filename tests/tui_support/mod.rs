//! Shared set-up for the TUI tests: the fixture material, a fresh database in a temp dir, a
//! pinned clock in UTC, and rendering to a fixed-size `TestBackend`.

#![allow(dead_code)]

use std::path::Path;

use chrono::{DateTime, FixedOffset, Utc};
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use dopdeck::content::{self, Catalog, source};
use dopdeck::study::Study;
use dopdeck::tui::{App, Options, Start, Theme};
use ratatui::Terminal;
use ratatui::backend::TestBackend;

/// Saturday noon, UTC.
pub const NOW: &str = "2026-11-21T12:00:00Z";

/// The pinned clock.
pub fn now() -> DateTime<Utc> {
    DateTime::parse_from_rfc3339(NOW).expect("valid time").with_timezone(&Utc)
}

/// The fixture tree's material.
pub fn catalog() -> Catalog {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/tree");
    content::load(&source::directory(&root).expect("fixture tree is readable")).expect("fixture tree is valid")
}

/// A study over a new database in `dir`, in UTC whatever the machine's zone, fuzz off.
pub fn study<'c>(catalog: &'c Catalog, dir: &Path) -> Study<'c> {
    let mut study = Study::open(catalog, &dir.join("progress.db"), now(), false).expect("database opens");
    study.set_utc_offset(FixedOffset::east_opt(0).expect("UTC"));
    study
}

/// The app on the dashboard, colourless so snapshots do not depend on a palette.
pub fn app<'c>(catalog: &'c Catalog, dir: &Path) -> App<'c> {
    app_with(catalog, dir, Start::Dashboard)
}

/// The app opened on `start`.
pub fn app_with<'c>(catalog: &'c Catalog, dir: &Path, start: Start) -> App<'c> {
    let options = Options { theme: Theme::mono(), start, exam_form: None };
    App::new(study(catalog, dir), options, now()).expect("app starts")
}

/// Presses `keys` in order: single characters, or names like "Enter", "Esc", "Down", "Tab".
pub fn press(app: &mut App<'_>, keys: &[&str]) {
    for k in keys {
        let (code, modifiers) = match *k {
            "Enter" => (KeyCode::Enter, KeyModifiers::NONE),
            "Esc" => (KeyCode::Esc, KeyModifiers::NONE),
            "Tab" => (KeyCode::Tab, KeyModifiers::NONE),
            "Up" => (KeyCode::Up, KeyModifiers::NONE),
            "Down" => (KeyCode::Down, KeyModifiers::NONE),
            "Left" => (KeyCode::Left, KeyModifiers::NONE),
            "Right" => (KeyCode::Right, KeyModifiers::NONE),
            "Space" => (KeyCode::Char(' '), KeyModifiers::NONE),
            "Backspace" => (KeyCode::Backspace, KeyModifiers::NONE),
            s => {
                let c = s.chars().next().expect("a key");
                let m = if c.is_ascii_uppercase() { KeyModifiers::SHIFT } else { KeyModifiers::NONE };
                (KeyCode::Char(c), m)
            }
        };
        app.on_key(KeyEvent::new(code, modifiers), now());
    }
}

/// Types `text` (into search or a filter).
pub fn type_text(app: &mut App<'_>, text: &str) {
    for c in text.chars() {
        app.on_key(KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE), now());
    }
}

/// The screen as text, one quoted line per row.
pub fn render(app: &mut App<'_>, width: u16, height: u16) -> String {
    let mut terminal = Terminal::new(TestBackend::new(width, height)).expect("test terminal");
    terminal.draw(|f| app.render(f, now())).expect("draws");
    terminal.backend().to_string()
}

/// The rendered buffer, for style assertions.
pub fn buffer(app: &mut App<'_>, width: u16, height: u16) -> ratatui::buffer::Buffer {
    let mut terminal = Terminal::new(TestBackend::new(width, height)).expect("test terminal");
    terminal.draw(|f| app.render(f, now())).expect("draws");
    terminal.backend().buffer().clone()
}
