//! The terminal UI: dashboard, review, exam, topics, tables, stats, a search popup and help.
//!
//! A thin shell over the same use cases as the CLI ([`crate::study::Study`]):
//!
//! - [`event`]: one channel of key, resize and tick events, fed by a reader thread.
//! - [`keymap`]: keys → [`action::Action`] per [`keymap::Context`], as data that also builds the
//!   footer and the help.
//! - [`app`]: [`App::update`] routes an action to the focused screen, which runs use cases;
//!   [`App::render`] draws from `&self` only.
//! - [`screens`]: one file per screen (state and update apart from drawing where both are big),
//!   including the strategies screen that animates [`crate::walkthrough`] timelines.
//! - [`widgets`]: heatmap, fitted tables, bars, popups, scrolling.
//! - [`theme`]: dark, light, and colourless for `NO_COLOR`.
//! - [`data`]: the statistics snapshot the dashboard and stats draw.
//!
//! [`run`] owns the terminal: `ratatui::try_init` (which also installs a panic hook that
//! restores the terminal before the panic message prints) and `ratatui::restore` on every exit.
//! The clock is read from [`crate::cli::env::now`] for every event, so `DOPDECK_NOW` pins it.

pub mod action;
pub mod app;
pub mod data;
pub mod event;
pub mod keymap;
pub mod screens;
pub mod theme;
pub mod view;
pub mod widgets;

use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::{Context as _, Result, anyhow};
use chrono::{DateTime, Utc};

pub use action::Action;
pub use app::{App, Options, Start};
pub use screens::ScreenId;
pub use screens::exam_setup::Form;
pub use theme::{Theme, ThemeName};

use crate::cli::env;
use crate::content::Catalog;

impl App<'_> {
    /// Draws the whole frame at `now`.
    pub fn render(&self, f: &mut ratatui::Frame, now: DateTime<Utc>) {
        view::render(self, f, now);
    }
}

/// The theme the user asked for: `--theme`, else `DOPDECK_THEME`, else dark; colourless when
/// `NO_COLOR` is set to anything but the empty string.
pub fn theme_from(flag: Option<&str>) -> Result<Theme> {
    let env_theme = std::env::var("DOPDECK_THEME").ok().filter(|s| !s.trim().is_empty());
    let name = match flag.map(str::to_string).or(env_theme) {
        Some(s) => ThemeName::parse(&s).ok_or_else(|| anyhow!("unknown theme {s:?}: use dark or light"))?,
        None => ThemeName::Dark,
    };
    let no_color = std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty());
    Ok(Theme::new(name, no_color))
}

/// Runs the TUI over `catalog` and the database at `db` until the user quits.
pub fn run(catalog: &Catalog, db: PathBuf, options: Options) -> Result<ExitCode> {
    let now = env::now()?;
    let study = env::open(catalog, &db, now)?;
    let mut app = App::new(study, options, now).context("cannot read progress")?;
    let mut terminal = ratatui::try_init().context("cannot set up the terminal")?;
    let result = event_loop(&mut app, &mut terminal);
    ratatui::restore();
    result?;
    if let Some(text) = app.farewell(env::now()?) {
        println!("{text}");
    }
    Ok(ExitCode::SUCCESS)
}

fn event_loop(app: &mut App<'_>, terminal: &mut ratatui::DefaultTerminal) -> Result<()> {
    let (events, rate) = event::spawn(app.tick_interval());
    terminal.draw(|f| app.render(f, env_now()))?;
    while !app.should_quit() {
        let ev = events.recv().map_err(|_| anyhow!("the terminal input closed"))?;
        let now = env::now()?;
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

/// The clock for the first frame; an invalid `DOPDECK_NOW` was already reported by [`run`].
fn env_now() -> DateTime<Utc> {
    env::now().unwrap_or_else(|_| Utc::now())
}
