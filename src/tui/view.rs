//! Drawing the whole frame from the [`App`]: the header (tabs, today's due count, a running exam's
//! clock), the screen, the footer (this screen's keys and the last message), and popups.
//!
//! Below [`MIN_WIDTH`]×[`MIN_HEIGHT`] the screens cannot be laid out legibly, so the frame says
//! so (and how big it needs to be) instead of drawing a broken layout.

#![deny(clippy::indexing_slicing)]

use ratatui::Frame;
use ratatui::layout::{Alignment, Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph, Wrap};

use super::app::{App, Popup, screen};
use super::keymap;
use super::screens::{Screen, ScreenId, Tone, View};
use super::widgets::text::{clock, hints};

/// The smallest terminal the screens are laid out for.
pub const MIN_WIDTH: u16 = 64;
pub const MIN_HEIGHT: u16 = 18;

/// Draws the app; the focused screen and any popup keep what they measured (see
/// [`super::screens::Screen::render`]).
pub fn render(app: &mut App<'_>, f: &mut Frame, now: chrono::DateTime<chrono::Utc>) {
    let area = f.area();
    // The dark theme leaves the terminal's own background: nothing to paint.
    if app.theme.base != ratatui::style::Style::new() {
        f.render_widget(Block::new().style(app.theme.base), area);
    }
    if area.width < MIN_WIDTH || area.height < MIN_HEIGHT {
        too_small(app, f, area);
        return;
    }
    let v = View { catalog: app.catalog, theme: &app.theme, snap: &app.snap, now, offset: app.study.utc_offset() };
    let [header_area, body, footer_area] =
        Layout::vertical([Constraint::Length(1), Constraint::Min(0), Constraint::Length(1)]).areas(area);
    header(app, f, header_area, &v);
    screen!(app, &mut, app.screen).render(f, body, &v);
    match &mut app.popup {
        Some(Popup::Help(help, ctx)) => help.render(*ctx, f, body, &v),
        Some(Popup::Search(search)) => search.render(f, body, &v),
        None => {}
    }
    footer(app, f, footer_area);
}

fn header(app: &App<'_>, f: &mut Frame, area: Rect, v: &View) {
    let t = &app.theme;
    f.render_widget(Block::new().style(t.bar), area);
    let tabs = |compact: bool| {
        let mut spans = vec![Span::styled(" dopdeck ", t.bar.patch(t.title)), Span::styled("│", t.bar)];
        for (i, s) in ScreenId::ALL.iter().enumerate() {
            let active = *s == app.screen;
            let style = if active { t.tab_active } else { t.bar };
            // Compact: only the current tab keeps its title, so no title is ever cut mid-word.
            let label = if compact && !active { format!(" {} ", i + 1) } else { format!(" {} {} ", i + 1, s.title()) };
            spans.push(Span::styled(label, style));
        }
        Line::from(spans)
    };
    let mut right = Vec::new();
    if let Some(a) = &app.exam.attempt
        && let Some(left) = a.session.time_left(v.now)
    {
        let style = if left.num_minutes() < 10 { t.bar.patch(t.warn) } else { t.bar };
        right.push(Span::styled(format!(" exam {} ", clock(left)), style));
    }
    if let Some(d) = app.snap.deck_due() {
        right.push(Span::styled(format!(" {} due today ", d.total()), t.bar.patch(t.key)));
    }
    let right = Line::from(right);
    let right_w = right.width() as u16;
    let full = tabs(false);
    let left = if full.width() as u16 + right_w > area.width { tabs(true) } else { full };
    // The tabs give way to the due count on narrow terminals.
    let [l, r] = Layout::horizontal([Constraint::Min(0), Constraint::Length(right_w)]).areas(area);
    f.render_widget(Paragraph::new(left), l);
    f.render_widget(Paragraph::new(right.alignment(Alignment::Right)), r);
}

fn footer(app: &App<'_>, f: &mut Frame, area: Rect) {
    let t = &app.theme;
    f.render_widget(Block::new().style(t.bar), area);
    let status = app.status.as_ref().map(|s| {
        let style = match s.tone {
            Tone::Info => t.bar.patch(t.accent),
            Tone::Good => t.bar.patch(t.ok),
            Tone::Error => t.bar.patch(t.err),
        };
        Line::styled(format!(" {} ", s.text), style)
    });
    let status_w = status.as_ref().map_or(0, |s| (s.width() as u16).min(area.width * 2 / 3));
    let [l, r] = Layout::horizontal([Constraint::Min(0), Constraint::Length(status_w)]).areas(area);
    let items = keymap::footer(app.context());
    f.render_widget(Paragraph::new(hints(&items, usize::from(l.width), t)).style(t.bar), l);
    if let Some(status) = status {
        f.render_widget(Paragraph::new(status.alignment(Alignment::Right)), r);
    }
}

fn too_small(app: &App<'_>, f: &mut Frame, area: Rect) {
    let t = &app.theme;
    let text = vec![
        Line::styled("Terminal too small", t.title),
        Line::styled(format!("{}×{} — need {MIN_WIDTH}×{MIN_HEIGHT}", area.width, area.height), t.base),
        Line::styled("Enlarge the window, or q to quit.", t.dim),
    ];
    let h = (text.len() as u16).min(area.height);
    let y = area.y + area.height.saturating_sub(h) / 2;
    let rect = Rect::new(area.x, y, area.width, area.height - (y - area.y));
    f.render_widget(Paragraph::new(text).alignment(Alignment::Center).wrap(Wrap { trim: true }), rect);
}
