//! The terminal UI: dashboard, review, exam, topics, tables, stats, a search popup and help.
//!
//! A thin shell over the same use cases as the CLI ([`crate::study::Study`]):
//!
//! - [`event`]: one channel of key, resize and tick events, fed by a reader thread.
//! - [`keymap`]: keys → [`action::Action`] per [`keymap::Context`], as data that also builds the
//!   footer and the help.
//! - [`app`]: [`App::update`] routes an action to the focused screen, which runs use cases;
//!   [`App::render`] draws, letting each screen keep what it measured (no progress changes).
//! - [`screens`]: every screen has one shape, [`screens::Screen`] (`context`, `update` →
//!   handled or not, `render`); a screen with sub-views has a folder, including the strategies
//!   screen that animates [`crate::walkthrough`] timelines.
//! - [`start`]: which screen to open on, and the theme.
//! - [`widgets`]: panels, heatmap, fitted tables, bars, popups, scrolling.
//! - [`theme`]: dark, light, and colourless for `NO_COLOR`.
//!
//! [`run`] owns the terminal: `ratatui::try_init` (which also installs a panic hook that
//! restores the terminal before the panic message prints) and `ratatui::restore` on every exit.
//! The clock is the one the binary's edge built ([`crate::study::Clock`]) and is read once per
//! event, so `DOPDECK_NOW` pins it. The command line opens the [`Study`] and hands it over: the
//! TUI never imports the CLI.
//!
//! No index or slice here may panic (`clippy::indexing_slicing` is denied): a screen reads
//! positions it keeps across keys and renders, so it uses `get` and draws nothing rather than
//! crash on one that went stale.

#![deny(clippy::indexing_slicing)]

pub mod action;
pub mod app;
pub mod event;
pub mod keymap;
pub mod screens;
pub mod start;
pub mod theme;
pub mod view;
pub mod widgets;

use std::process::ExitCode;

use anyhow::{Context as _, Result, anyhow};
use chrono::{DateTime, Utc};

pub use action::Action;
pub use app::{App, Options, SearchIndex, Start};
pub use screens::ScreenId;
pub use screens::exam::setup::Form;
pub use theme::{Theme, ThemeName};

use crate::study::{Clock, Study};

impl App<'_> {
    /// Draws the whole frame at `now`.
    pub fn render(&mut self, f: &mut ratatui::Frame, now: DateTime<Utc>) {
        view::render(self, f, now);
    }
}

/// The theme named (`--theme`, else `DOPDECK_THEME`, as the command line found it), else dark;
/// colourless when `NO_COLOR` is set to anything but the empty string.
pub fn theme_from(name: Option<String>) -> Result<Theme> {
    let name = match name.filter(|s| !s.trim().is_empty()) {
        Some(s) => ThemeName::parse(&s).ok_or_else(|| anyhow!("unknown theme {s:?}: use dark or light"))?,
        None => ThemeName::Dark,
    };
    Ok(Theme::new(name, crate::study::clock::no_color()))
}

/// Runs the TUI over `study` until the user quits, reading the time from `clock`.
///
/// `search_index` is the popup's index (see [`SearchIndex`]): the caller fills it, ready or
/// from a thread of its own (the binary reads the cached index on one from start-up); a search
/// typed before it is filled waits for that fill, and an index nobody fills is built then.
pub fn run(study: Study<'static>, clock: Clock, options: Options, search_index: SearchIndex) -> Result<ExitCode> {
    let now = clock.now();
    // With a sync folder set (`dopdeck sync DIR`), take in the other computers' progress first.
    let synced_at_start = study.sync_configured(now);
    let mut app = App::new(study, options, now).context("cannot read progress")?;
    app.index = search_index;
    let mut terminal = ratatui::try_init().context("cannot set up the terminal")?;
    let result = event_loop(&mut app, &mut terminal, clock);
    ratatui::restore();
    result?;
    if let Some(text) = app.farewell(clock.now()) {
        println!("{text}");
    }
    // And publish this session's at quit. A failed sync is said, never fatal: progress is safe
    // in the database and the next sync publishes it.
    let synced_at_quit = app.study.sync_configured(clock.now());
    for result in [synced_at_start, synced_at_quit].into_iter().flatten() {
        if let Err(e) = result {
            eprintln!("dopdeck: sync skipped: {e}");
        }
    }
    Ok(ExitCode::SUCCESS)
}

fn event_loop(app: &mut App<'_>, terminal: &mut ratatui::DefaultTerminal, clock: Clock) -> Result<()> {
    let (events, rate) = event::spawn(app.tick_interval());
    terminal.draw(|f| app.render(f, clock.now()))?;
    while !app.should_quit() {
        let ev = events.recv().map_err(|_| anyhow!("the terminal input closed"))?;
        let now = clock.now();
        let redraw = match ev {
            event::Event::Key(key) => {
                app.on_key(key, now);
                true
            }
            event::Event::Tick => {
                app.update(action::Action::Tick, now);
                false
            }
            event::Event::Resize => true,
            event::Event::Closed => break,
        };
        // A tick draws only when something visible moved: idle screens cost nothing.
        if app.take_dirty() || redraw {
            terminal.draw(|f| app.render(f, now))?;
        }
        rate.set(app.tick_interval());
    }
    Ok(())
}
