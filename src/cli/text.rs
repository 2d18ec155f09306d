//! The command line's one layout setting: how wide to lay text out. Wrapping and tables are in
//! the neutral [`crate::text::layout`], which the TUI uses too.

/// The width to lay text out for: `COLUMNS`, else the terminal's, else 80.
pub fn terminal_width() -> usize {
    if let Some(w) = crate::study::clock::columns() {
        return w.clamp(20, 400);
    }
    // `window_size` asks the terminal only; `crossterm::terminal::size` would fall back to
    // running `tput` found on PATH when there is no terminal (a pipe, a script, a test).
    match crossterm::terminal::window_size() {
        Ok(size) if size.columns > 0 => usize::from(size.columns).clamp(20, 400),
        _ => 80,
    }
}
