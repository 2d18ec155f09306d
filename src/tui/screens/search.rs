//! The search popup: results update on every keystroke, matched characters are highlighted,
//! each hit says what it is, and Enter opens it in its screen.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use super::super::action::Action;
use super::super::theme::Theme;
use super::super::widgets::scroll::{follow, scrollbar};
use super::super::widgets::text::{highlighted, truncate};
use super::super::widgets::{cursor, popup};
use super::{Nav, Outcome, View};
use crate::content::TableId;
use crate::search::{Hit, HitKind, Index};

/// Most results kept for one query.
const LIMIT: usize = 100;

/// The popup's state.
#[derive(Debug, Default)]
pub struct SearchState {
    pub query: String,
    pub hits: Vec<Hit>,
    pub selected: usize,
    /// The results' window start, kept by the render.
    offset: usize,
}

impl SearchState {
    /// Carries out `action`; `Back` is left to the app, which closes the popup.
    pub fn update(&mut self, action: Action, index: &Index) -> Outcome {
        match action {
            Action::Input(c) => self.query.push(c),
            Action::Backspace => {
                self.query.pop();
            }
            Action::ClearInput => self.query.clear(),
            Action::Up | Action::Down | Action::PageUp | Action::PageDown => {
                self.selected = cursor::step(self.selected, self.hits.len(), &action).unwrap_or(self.selected);
                return Outcome::Consumed;
            }
            Action::Select => {
                return match self.hits.get(self.selected) {
                    Some(hit) => Outcome::Go(nav(hit)),
                    None => Outcome::Consumed,
                };
            }
            _ => return Outcome::Ignored,
        }
        self.hits = index.search(&self.query, LIMIT);
        self.selected = 0;
        self.offset = 0;
        Outcome::Consumed
    }

    /// Draws the popup over `area`.
    pub fn render(&mut self, f: &mut Frame, area: Rect, v: &View) {
        let t = v.theme;
        let w = (area.width * 4 / 5).max(60);
        let h = (area.height * 4 / 5).max(12);
        let rect = popup::centered(area, w, h);
        let inner = popup::frame(f, rect, " Search ", t);
        let [input, rule, list] =
            Layout::vertical([Constraint::Length(1), Constraint::Length(1), Constraint::Min(0)]).areas(inner);
        let count = match self.hits.len() {
            _ if self.query.is_empty() => String::new(),
            n if n >= LIMIT => format!("  the best {LIMIT} results"),
            1 => "  1 result".to_string(),
            n => format!("  {n} results"),
        };
        f.render_widget(
            Paragraph::new(Line::from(vec![
                Span::styled(" / ", t.key),
                Span::styled(self.query.clone(), t.title),
                Span::styled("▏", t.accent),
                Span::styled(count, t.dim),
            ])),
            input,
        );
        f.render_widget(Paragraph::new(Line::styled("─".repeat(usize::from(rule.width)), t.border)), rule);
        if self.query.is_empty() {
            let lines = vec![
                Line::styled(" Type a service, an alias or words from a card:", t.dim),
                Line::styled("   cfn · appspec · blue green · lifecycle hook timeout", t.accent),
                Line::default(),
                Line::styled(" ↑↓ choose · Enter opens · Esc closes", t.dim),
            ];
            f.render_widget(Paragraph::new(lines), list);
            return;
        }
        if self.hits.is_empty() {
            f.render_widget(Paragraph::new(Line::styled(" Nothing matches.", t.dim)), list);
            return;
        }
        let height = usize::from(list.height);
        let start = follow(&mut self.offset, self.selected, height, self.hits.len());
        let width = usize::from(list.width).saturating_sub(2);
        let lines: Vec<Line> = self
            .hits
            .iter()
            .enumerate()
            .skip(start)
            .take(height)
            .map(|(i, hit)| hit_line(hit, i == self.selected, width, t))
            .collect();
        f.render_widget(Paragraph::new(lines), list);
        scrollbar(f, list, start, self.hits.len(), t);
    }
}

fn hit_line(hit: &Hit, selected: bool, width: usize, t: &Theme) -> Line<'static> {
    let base = if selected { t.selected } else { t.base };
    let kind_style = match hit.kind {
        HitKind::Topic => t.title,
        HitKind::Table | HitKind::Comparison => t.ok,
        HitKind::Strategy => t.warn,
        HitKind::Card | HitKind::Question => t.accent,
    };
    let id_w = (width / 4).min(36);
    let title_w = width.saturating_sub(13 + id_w + 1);
    let mut spans = vec![
        Span::styled(if selected { "▶" } else { " " }, base),
        Span::styled(format!("{:<11} ", hit.kind.label()), if selected { base.patch(kind_style) } else { kind_style }),
    ];
    let title = highlighted(&hit.title, &hit.indices, title_w, base, base.patch(t.matched));
    let used: usize = title.iter().map(|s| s.width()).sum();
    spans.extend(title);
    spans.push(Span::styled(" ".repeat(title_w.saturating_sub(used) + 1), base));
    spans.push(Span::styled(format!("{:>id_w$}", truncate(&hit.id, id_w)), if selected { base } else { t.dim }));
    Line::from(spans)
}

/// Where a hit opens.
fn nav(hit: &Hit) -> Nav {
    match hit.kind {
        HitKind::Topic => Nav::Topic(hit.id.clone()),
        HitKind::Table | HitKind::Comparison => Nav::Table(TableId::parse(&hit.id)),
        HitKind::Strategy => Nav::Strategy(hit.id.clone()),
        HitKind::Card | HitKind::Question => Nav::Item(hit.id.clone()),
    }
}
