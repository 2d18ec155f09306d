//! The `?` popup: every key of every screen, generated from the keymap tables, and how to pick
//! a theme.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use super::super::action::Action;
use super::super::keymap::{Binding, Context, GLOBAL};
use super::super::theme::Theme;
use super::super::widgets::popup;
use super::super::widgets::scroll::scrollbar;
use super::{Outcome, ScreenId, View};

/// The popup's state.
#[derive(Debug, Default)]
pub struct HelpState {
    /// First line shown (clamped to the text by the render).
    pub scroll: usize,
    /// The popup's height at the last render, for paging.
    height: usize,
}

impl HelpState {
    /// Scrolls; `Back` is left to the app, which closes the popup.
    pub fn update(&mut self, action: Action) -> Outcome {
        let page = self.height.saturating_sub(2).max(1);
        let s = self.scroll;
        let s = match action {
            Action::Up => s.saturating_sub(1),
            Action::Down => s + 1,
            Action::PageUp => s.saturating_sub(page),
            Action::PageDown => s + page,
            Action::Top => 0,
            Action::Bottom => usize::MAX / 2,
            _ => return Outcome::Ignored,
        };
        self.scroll = s;
        Outcome::Consumed
    }

    /// Draws the popup, opened from `context`, whose section comes first.
    pub fn render(&mut self, context: Context, f: &mut Frame, area: Rect, v: &View) {
        let t = v.theme;
        let rect = popup::centered(area, 84, area.height.saturating_sub(2));
        let inner = popup::frame(f, rect, " Keys — Esc closes ", t).inner(ratatui::layout::Margin::new(1, 0));
        let lines = lines(context, t);
        let height = usize::from(inner.height);
        self.height = height;
        let len = lines.len();
        let start = self.scroll.min(len.saturating_sub(height));
        self.scroll = start;
        let visible: Vec<Line> = lines.into_iter().skip(start).take(height).collect();
        f.render_widget(Paragraph::new(visible), inner);
        scrollbar(f, inner, start, len, t);
    }
}

fn section(out: &mut Vec<Line<'static>>, title: &str, bindings: &[Binding], t: &Theme) {
    out.push(Line::styled(title.to_string(), t.title));
    for b in bindings.iter().filter(|b| !b.label.is_empty()) {
        out.push(Line::from(vec![Span::styled(format!("  {:<18}", b.label), t.key), Span::styled(b.help, t.base)]));
    }
    out.push(Line::default());
}

/// The help text: this screen's keys, the global keys, every other screen's, and themes.
pub fn lines(context: Context, t: &Theme) -> Vec<Line<'static>> {
    let mut out = Vec::new();
    section(&mut out, &format!("Here: {}", context.title()), context.bindings(), t);
    section(&mut out, "Everywhere", GLOBAL, t);
    let screens: Vec<String> =
        ScreenId::ALL.iter().enumerate().map(|(i, s)| format!("{} {}", i + 1, s.title())).collect();
    let (first, rest) = screens.split_at(screens.len().div_ceil(2));
    out.push(Line::from(vec![
        Span::styled(format!("  1–{:<16}", ScreenId::ALL.len()), t.key),
        Span::styled(first.join(" · "), t.base),
    ]));
    out.push(Line::styled(format!("                    {}", rest.join(" · ")), t.base));
    out.push(Line::styled("                    (on the review screen 1–4 grade: use Tab there)", t.dim));
    out.push(Line::default());
    for ctx in Context::ALL.into_iter().filter(|c| *c != context && *c != Context::Help) {
        section(&mut out, ctx.title(), ctx.bindings(), t);
    }
    out.push(Line::styled("Themes", t.title));
    out.push(Line::styled(
        "  dopdeck --theme light   (or dark, the default); DOPDECK_THEME=light does the same.",
        t.base,
    ));
    out.push(Line::styled("  NO_COLOR=1 turns colour off: emphasis is bold, underline and reverse only.", t.base));
    out
}
