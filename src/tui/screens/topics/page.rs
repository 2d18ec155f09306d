//! A topic page — sections, tables that fit the width, sequences, and links to related topics,
//! its tables and comparisons, and the deployment strategies it offers — as one scrolling view.
//!
//! Links sit one per line at the end of the page; ←→ choose one, Enter follows it. Laying out a
//! long page (wrapping every paragraph and table) is the costliest thing any screen draws, so
//! the lines are built once per page and width and kept in a cache.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use crate::content::schema::{Status, TableKind};
use crate::content::{Catalog, TableId};
use crate::tui::screens::{Nav, View};
use crate::tui::theme::Theme;
use crate::tui::widgets::fitted_table::{self, RowMark};
use crate::tui::widgets::panel::panel;
use crate::tui::widgets::scroll::scrollbar;
use crate::tui::widgets::text::{bullet, wrapped};

/// Which page (topics only: strategies have their own screen).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PageKind {
    Topic(String),
}

/// Where a link goes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Link {
    Topic(String),
    Strategy(String),
    /// A topic's table or a comparison, on the tables screen.
    Table(TableId),
}

impl Link {
    fn nav(&self) -> Nav {
        match self {
            Link::Topic(id) => Nav::Topic(id.clone()),
            Link::Strategy(id) => Nav::Strategy(id.clone()),
            Link::Table(id) => Nav::Table(id.clone()),
        }
    }
}

/// A laid-out page: its lines and, per link, the line it is on.
#[derive(Debug, Clone)]
struct Layout {
    kind: PageKind,
    width: usize,
    lines: Vec<Line<'static>>,
    link_lines: Vec<usize>,
}

/// An open page.
#[derive(Debug)]
pub struct PageState {
    pub kind: PageKind,
    /// The chosen link (index into the page's links).
    pub link: usize,
    /// First line shown.
    pub scroll: usize,
    /// Set when the link changed, so the next render scrolls it into view.
    pub reveal_link: bool,
    /// The view's height at the last render, for paging.
    pub height: usize,
    /// The page as laid out at the last render's width.
    cache: Option<Layout>,
}

impl PageState {
    /// Opens `kind` at the top.
    pub fn new(kind: PageKind) -> PageState {
        PageState { kind, link: 0, scroll: 0, reveal_link: false, height: 10, cache: None }
    }

    /// Scrolls by `delta` lines.
    pub fn scroll_by(&mut self, delta: isize) {
        let len = self.cache.as_ref().map_or(0, |l| l.lines.len());
        let max = len.saturating_sub(self.height);
        self.scroll = self.scroll.saturating_add_signed(delta).min(max);
    }

    /// Scrolls to the top, or to the end.
    pub fn scroll_to(&mut self, end: bool) {
        self.scroll = if end { usize::MAX } else { 0 };
        self.scroll_by(0);
    }

    /// Chooses the previous (-1) or next (+1) link.
    pub fn move_link(&mut self, step: isize, catalog: &Catalog) {
        let n = links(catalog, &self.kind).len();
        if n > 0 {
            self.link = (self.link as isize + step).rem_euclid(n as isize) as usize;
            self.reveal_link = true;
        }
    }

    /// Where Enter goes.
    pub fn follow(&self, catalog: &Catalog) -> Option<Nav> {
        links(catalog, &self.kind).get(self.link).map(Link::nav)
    }

    /// Draws the page.
    pub fn render(&mut self, f: &mut Frame, area: Rect, v: &View) {
        let title = match &self.kind {
            PageKind::Topic(id) => v.catalog.topic(id).map_or(id.clone(), |t| t.name.clone()),
        };
        let inner = panel(f, area, &title, v.theme).inner(ratatui::layout::Margin::new(1, 0));
        let width = usize::from(inner.width.saturating_sub(2)).max(10);
        let height = usize::from(inner.height);
        self.height = height;
        if self.cache.as_ref().is_none_or(|c| c.kind != self.kind || c.width != width) {
            let (lines, link_lines) = build(v.catalog, &self.kind, width, v.theme);
            self.cache = Some(Layout { kind: self.kind.clone(), width, lines, link_lines });
        }
        let Some(layout) = self.cache.as_ref() else { return };
        let max = layout.lines.len().saturating_sub(height);
        let link_line = layout.link_lines.get(self.link).copied();
        if std::mem::take(&mut self.reveal_link)
            && let Some(l) = link_line
            && (l < self.scroll || l >= self.scroll + height)
        {
            self.scroll = l.saturating_sub(height / 2);
        }
        let start = self.scroll.min(max);
        self.scroll = start;
        let visible: Vec<Line> = layout
            .lines
            .iter()
            .enumerate()
            .skip(start)
            .take(height)
            .map(|(i, l)| {
                if Some(i) == link_line {
                    let mut l = l.clone().patch_style(v.theme.selected);
                    if let Some(first) = l.spans.first_mut() {
                        first.content = "▶ ".into();
                    }
                    l
                } else {
                    l.clone()
                }
            })
            .collect();
        f.render_widget(Paragraph::new(visible), inner);
        scrollbar(f, inner, start, layout.lines.len(), v.theme);
    }
}

/// Every link on a page, in page order.
fn links(catalog: &Catalog, kind: &PageKind) -> Vec<Link> {
    let mut out = Vec::new();
    match kind {
        PageKind::Topic(id) => {
            let Some(topic) = catalog.topic(id) else { return out };
            out.extend(topic.related.iter().map(|r| Link::Topic(r.get_ref().clone())));
            out.extend(topic.tables.iter().map(|t| Link::Table(TableId::topic(&topic.id, t.id.get_ref()))));
            out.extend(
                catalog
                    .comparisons()
                    .iter()
                    .filter(|c| c.topics.iter().any(|t| t.get_ref() == id))
                    .map(|c| Link::Table(TableId::Comparison(c.id.clone()))),
            );
            out.extend(
                catalog
                    .strategies()
                    .iter()
                    .filter(|s| s.aws.iter().any(|a| a.topic.get_ref() == id))
                    .map(|s| Link::Strategy(s.id.clone())),
            );
        }
    }
    out
}

fn heading(out: &mut Vec<Line<'static>>, title: &str, t: &Theme) {
    out.push(Line::default());
    out.push(Line::styled(title.to_string(), t.title));
}

/// Lays out a page for `width` columns; returns its lines and the line of each link.
fn build(catalog: &Catalog, kind: &PageKind, width: usize, t: &Theme) -> (Vec<Line<'static>>, Vec<usize>) {
    let mut out: Vec<Line<'static>> = Vec::new();
    match kind {
        PageKind::Topic(id) => topic_body(catalog, id, width, t, &mut out),
    }
    let targets = links(catalog, kind);
    let mut link_lines = Vec::with_capacity(targets.len());
    if !targets.is_empty() {
        heading(&mut out, "Links — ←→ choose, Enter follows", t);
    }
    for link in &targets {
        let text = match link {
            Link::Topic(id) => format!("→ topic: {}", catalog.topic(id).map_or(id.as_str(), |x| x.name.as_str())),
            Link::Strategy(id) => {
                format!("→ strategy: {}", catalog.strategy(id).map_or(id.as_str(), |x| x.name.as_str()))
            }
            Link::Table(id) => {
                let title = match id {
                    TableId::Comparison(c) => catalog.comparison(c).map_or_else(
                        || format!("table: {c} (scroll both ways)"),
                        |c| format!("comparison: {}", c.title),
                    ),
                    TableId::Topic { topic, table } => {
                        let found =
                            catalog.topic(topic).and_then(|x| x.tables.iter().find(|tb| tb.id.get_ref() == table));
                        format!(
                            "table: {} (scroll both ways)",
                            found.map_or_else(|| id.to_string(), |tb| tb.title.clone())
                        )
                    }
                };
                format!("→ {title}")
            }
        };
        link_lines.push(out.len());
        out.push(Line::from(vec![Span::raw("  "), Span::styled(text, t.accent)]));
    }
    (out, link_lines)
}

fn topic_body(catalog: &Catalog, id: &str, width: usize, t: &Theme, out: &mut Vec<Line<'static>>) {
    let Some(topic) = catalog.topic(id) else { return };
    let tasks: Vec<&str> = topic.tasks.iter().map(|x| x.get_ref().as_str()).collect();
    let legacy = if topic.status == Status::Legacy { " · legacy: kept for the old name" } else { "" };
    out.push(Line::styled(format!("{} · tasks {}{legacy}", topic.category, tasks.join(", ")), t.dim));
    if !topic.aliases.is_empty() {
        out.extend(wrapped(&format!("Also: {}", topic.aliases.join(", ")), width, t.dim));
    }
    out.push(Line::default());
    out.extend(wrapped(&topic.summary, width, t.base));
    for section in &topic.sections {
        heading(out, &section.title, t);
        for point in &section.points {
            out.extend(bullet("• ", point, width, t.accent, t.base));
        }
    }
    for table in &topic.tables {
        let kind = if table.kind == TableKind::Limits { "limits" } else { "reference" };
        let as_of = table.as_of.as_deref().map(|a| format!(" · as of {a}")).unwrap_or_default();
        heading(out, &table.title, t);
        out.push(Line::styled(format!("{kind}{as_of}"), t.dim));
        let rows: Vec<Vec<String>> = table.rows.iter().map(|r| r.get_ref().clone()).collect();
        out.extend(fitted_table::lines(&table.columns, &rows, width, t, |_| RowMark::Plain));
        for note in &table.notes {
            out.extend(bullet("* ", note, width, t.dim, t.dim));
        }
        if let Some(src) = &table.source {
            out.push(Line::styled(format!("Source: {src}"), t.dim));
        }
    }
    for seq in &topic.sequences {
        heading(out, &seq.title, t);
        for (i, step) in seq.steps.iter().enumerate() {
            out.extend(bullet(&format!("{:>3}. ", i + 1), step, width, t.accent, t.base));
        }
    }
    let items = catalog.items().iter().filter(|i| i.has_topic(id)).count();
    out.push(Line::default());
    out.push(Line::from(vec![
        Span::styled(format!("{items} cards and questions on this topic · "), t.dim),
        Span::styled("d", t.key),
        Span::styled(" drill its questions · ", t.dim),
        Span::styled("r", t.key),
        Span::styled(" review its cards", t.dim),
    ]));
    for doc in &topic.docs {
        out.push(Line::styled(format!("Docs: {doc}"), t.dim));
    }
}
