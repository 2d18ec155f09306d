//! Every screen at sizes from 1×1 to 300×100 — the edges of each layout (the minimum size and
//! one below it, the two-column breakpoints, very wide and very tall) — without panicking, and
//! never writing outside the frame.

mod tui_support;

use dopdeck::tui::App;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use tui_support::{app, catalog, now, press, type_text};

const WIDTHS: [u16; 22] =
    [1, 2, 3, 10, 30, 63, 64, 65, 79, 80, 99, 100, 101, 109, 110, 111, 120, 160, 200, 255, 299, 300];
const HEIGHTS: [u16; 16] = [1, 2, 3, 5, 10, 17, 18, 19, 23, 24, 30, 40, 60, 80, 99, 100];

fn every_size(app: &mut App<'_>, state: &str) {
    for &w in &WIDTHS {
        for &h in &HEIGHTS {
            let mut terminal = Terminal::new(TestBackend::new(w, h)).expect("test terminal");
            let drawn = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
                terminal.draw(|f| app.render(f, now())).map(|_| ())
            }));
            assert!(matches!(drawn, Ok(Ok(()))), "{state} at {w}×{h} panicked or failed");
        }
    }
}

#[test]
fn every_screen_at_every_edge_size() {
    let (cat, dir) = (catalog(), tempfile::tempdir().expect("temp dir"));
    let mut app = app(&cat, dir.path());
    let steps: &[(&str, &[&str])] = &[
        ("dashboard", &[]),
        ("review front", &["2"]),
        ("review back", &["Space"]),
        ("review table card", &["3"]),
        ("review table card revealed", &["Space"]),
        ("review ordering card", &["3", "J"]),
        ("review ordering revealed", &["Space"]),
        ("review done", &["3", "Space", "3", "Space", "3", "Space", "3", "Space", "3", "Space", "3"]),
        ("help", &["?"]),
        ("help scrolled to the end", &["G"]),
        ("exam setup", &["Esc", "3"]),
        ("exam question", &["Up", "Up", "Left", "Left", "Left", "Left", "Left", "Down", "Down", "Enter"]),
        ("exam answered and flagged", &["b", "c", "f"]),
        ("exam navigator", &["g"]),
        ("exam confirmation", &["Esc", "s"]),
        ("exam results", &["y"]),
        ("exam result detail", &["Enter", "Down", "Down"]),
        ("topics", &["4"]),
        ("topic filter", &["f"]),
        ("topic page", &["Esc", "Enter"]),
        ("topic page end", &["G", "Right"]),
        ("tables", &["5"]),
        ("table view", &["Enter", "Right", "Right"]),
        ("stats", &["6"]),
        ("dashboard after work", &["1"]),
        ("strategies", &["7"]),
        ("walkthrough", &["Enter"]),
        ("walkthrough failing", &["Right", "Right", "x"]),
        ("walkthrough parameters", &["p"]),
        ("walkthrough end", &["Esc", "G"]),
        ("walkthrough questions", &["Enter"]),
        ("walkthrough answered", &["a"]),
        ("search", &["Esc", "/"]),
    ];
    for (state, keys) in steps {
        press(&mut app, keys);
        every_size(&mut app, state);
    }
    type_text(&mut app, "deploy");
    every_size(&mut app, "search results");
}
