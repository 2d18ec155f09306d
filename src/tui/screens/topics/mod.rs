//! Topics by exam domain and category, with a filter, a preview of the topic under the cursor,
//! and the topic page (see [`page`]); from a page, `d` drills its questions and `r`
//! reviews its cards.

pub mod page;

use crate::tui::widgets::{cursor, filter};

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use crate::content::Catalog;
use crate::content::schema::Status;
use crate::search::normalize;
use crate::study::StudyError;
use crate::tui::action::Action;
use crate::tui::keymap::Context;
use crate::tui::screens::{Ctx, Nav, Outcome, Screen, View};
use crate::tui::widgets::panel::panel;
use crate::tui::widgets::scroll::{follow, scrollbar};
use crate::tui::widgets::text::{truncate, wrapped};
use page::{PageKind, PageState};

/// One line of the list.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Row {
    Domain(String),
    Category(String),
    /// Index into the catalog's topics.
    Topic(usize),
}

/// The topics screen.
#[derive(Debug)]
pub struct TopicsState {
    pub filter: String,
    pub filtering: bool,
    rows: Vec<Row>,
    /// Positions in `rows` of the topic rows (what the cursor moves over).
    topic_rows: Vec<usize>,
    pub cursor: usize,
    /// The list's window start, kept by the render.
    offset: usize,
    pub page: Option<PageState>,
    history: Vec<PageKind>,
}

impl TopicsState {
    /// Every topic, unfiltered.
    pub fn new(catalog: &Catalog) -> TopicsState {
        let mut s = TopicsState {
            filter: String::new(),
            filtering: false,
            rows: Vec::new(),
            topic_rows: Vec::new(),
            cursor: 0,
            offset: 0,
            page: None,
            history: Vec::new(),
        };
        s.refilter(catalog);
        s
    }

    /// The key context.
    pub fn context(&self) -> Context {
        if self.filtering {
            Context::Filter
        } else if self.page.is_some() {
            Context::TopicPage
        } else {
            Context::TopicList
        }
    }

    /// Rebuilds the grouped list for the current filter.
    fn refilter(&mut self, catalog: &Catalog) {
        let needle = normalize(&self.filter);
        let mut topics: Vec<(u8, &str, &str, usize)> = catalog
            .topics()
            .iter()
            .enumerate()
            .filter(|(_, t)| {
                needle.is_empty()
                    || [t.name.as_str(), t.id.as_str(), t.category.as_str()]
                        .into_iter()
                        .chain(t.aliases.iter().map(String::as_str))
                        .any(|s| normalize(s).contains(&needle))
            })
            .map(|(i, t)| {
                let domain = t.tasks.first().and_then(|x| catalog.domain_of_task(x.get_ref())).unwrap_or(0);
                (domain, t.category.as_str(), t.name.as_str(), i)
            })
            .collect();
        topics.sort();
        self.rows.clear();
        self.topic_rows.clear();
        let (mut last_domain, mut last_cat) = (None, None);
        for (domain, cat, _, i) in topics {
            if last_domain != Some(domain) {
                let name =
                    catalog.exam.domains.iter().find(|d| *d.number.get_ref() == domain).map_or("", |d| d.name.as_str());
                self.rows.push(Row::Domain(format!("{domain} {name}")));
                last_domain = Some(domain);
                last_cat = None;
            }
            if last_cat != Some(cat) {
                self.rows.push(Row::Category(cat.to_string()));
                last_cat = Some(cat);
            }
            self.topic_rows.push(self.rows.len());
            self.rows.push(Row::Topic(i));
        }
        self.cursor = self.cursor.min(self.topic_rows.len().saturating_sub(1));
    }

    fn selected_topic(&self) -> Option<usize> {
        match self.topic_rows.get(self.cursor).and_then(|&r| self.rows.get(r)) {
            Some(Row::Topic(i)) => Some(*i),
            _ => None,
        }
    }

    /// Opens a page, remembering the one on screen for Esc.
    pub fn open(&mut self, kind: PageKind, catalog: &Catalog) {
        if let Some(page) = self.page.take() {
            self.history.push(page.kind);
        }
        if let PageKind::Topic(id) = &kind
            && let Some(pos) = self
                .topic_rows
                .iter()
                .position(|&r| matches!(self.rows.get(r), Some(Row::Topic(i)) if catalog.topics().get(*i).is_some_and(|t| t.id == *id)))
        {
            self.cursor = pos;
        }
        self.page = Some(PageState::new(kind));
    }

    /// Carries out `action`.
    pub fn update(&mut self, action: Action, catalog: &Catalog) -> Outcome {
        let n = self.topic_rows.len();
        if self.filtering {
            if !filter::edit(&mut self.filter, &mut self.filtering, &mut self.cursor, n, &action) {
                return Outcome::Ignored;
            }
            self.refilter(catalog);
            return Outcome::Consumed;
        }
        if let Some(page) = self.page.as_mut() {
            let page_h = page.height.saturating_sub(2).max(1) as isize;
            match action {
                Action::Up => page.scroll_by(-1),
                Action::Down => page.scroll_by(1),
                Action::PageUp => page.scroll_by(-page_h),
                Action::PageDown => page.scroll_by(page_h),
                Action::Top => page.scroll_to(false),
                Action::Bottom => page.scroll_to(true),
                Action::Left => page.move_link(-1, catalog),
                Action::Right => page.move_link(1, catalog),
                Action::Select => match page.follow(catalog) {
                    Some(Nav::Topic(id)) => self.open(PageKind::Topic(id), catalog),
                    Some(nav) => return Outcome::Go(nav),
                    None => {}
                },
                Action::Drill | Action::ReviewTopic | Action::Cram => {
                    let PageKind::Topic(id) = &page.kind;
                    let id = id.clone();
                    return Outcome::Go(match action {
                        Action::Drill => Nav::Drill(id),
                        Action::Cram => Nav::CramTopic(id),
                        _ => Nav::ReviewTopic(id),
                    });
                }
                Action::Back => self.page = self.history.pop().map(PageState::new),
                _ => return Outcome::Ignored,
            }
            return Outcome::Consumed;
        }
        if let Some(c) = cursor::step(self.cursor, n, &action) {
            self.cursor = c;
            return Outcome::Consumed;
        }
        match action {
            Action::Filter => self.filtering = true,
            Action::Select => match self.selected_topic().and_then(|i| catalog.topics().get(i)) {
                Some(topic) => self.open(PageKind::Topic(topic.id.clone()), catalog),
                None => return Outcome::Ignored,
            },
            _ => return Outcome::Ignored,
        }
        Outcome::Consumed
    }

    /// Draws the list (and preview), or the open page.
    pub fn render(&mut self, f: &mut Frame, area: Rect, v: &View) {
        if let Some(page) = &mut self.page {
            page.render(f, area, v);
            return;
        }
        if area.width >= 100 {
            let [list, preview] = Layout::horizontal([Constraint::Length(46), Constraint::Min(0)]).areas(area);
            self.list(f, list, v);
            self.preview(f, preview, v);
        } else {
            self.list(f, area, v);
        }
    }

    fn list(&mut self, f: &mut Frame, area: Rect, v: &View) {
        let t = v.theme;
        let title = format!("Topics ({})", self.topic_rows.len());
        let inner = panel(f, area, &title, v.theme);
        let [filter_area, list] = Layout::vertical([Constraint::Length(1), Constraint::Min(0)]).areas(inner);
        let filter = if self.filtering {
            Line::from(vec![Span::styled(" filter: ", t.accent), Span::styled(format!("{}▏", self.filter), t.title)])
        } else if self.filter.is_empty() {
            Line::from(vec![Span::styled(" f", t.key), Span::styled(" filter by name, alias or category", t.dim)])
        } else {
            Line::from(vec![
                Span::styled(format!(" filter: {}", self.filter), t.accent),
                Span::styled("  (f edits)", t.dim),
            ])
        };
        f.render_widget(Paragraph::new(filter), filter_area);
        let height = usize::from(list.height);
        let selected_row = self.topic_rows.get(self.cursor).copied().unwrap_or(0);
        let start = follow(&mut self.offset, selected_row, height, self.rows.len());
        let w = usize::from(list.width).saturating_sub(6);
        let lines: Vec<Line> = self
            .rows
            .iter()
            .enumerate()
            .skip(start)
            .take(height)
            .map(|(r, row)| match row {
                Row::Domain(name) => Line::styled(format!(" {}", truncate(name, w + 4)), t.title),
                Row::Category(name) => Line::styled(format!("   {}", truncate(name, w + 2)), t.dim),
                Row::Topic(i) => {
                    let Some(topic) = v.catalog.topics().get(*i) else { return Line::default() };
                    let sel = r == selected_row;
                    let legacy = if topic.status == Status::Legacy { " (legacy)" } else { "" };
                    let style = if sel { t.selected } else { t.base };
                    Line::from(vec![
                        Span::styled(format!("{}  ", if sel { " ▶" } else { "  " }), style),
                        Span::styled(truncate(&format!("{}{legacy}", topic.name), w), style),
                    ])
                }
            })
            .collect();
        if lines.is_empty() {
            f.render_widget(Paragraph::new(Line::styled(" No topic matches the filter.", t.dim)), list);
        } else {
            f.render_widget(Paragraph::new(lines), list);
        }
        scrollbar(f, list, start, self.rows.len(), t);
    }

    fn preview(&self, f: &mut Frame, area: Rect, v: &View) {
        let t = v.theme;
        let Some(topic) = self.selected_topic().and_then(|i| v.catalog.topics().get(i)) else {
            panel(f, area, "Preview", v.theme);
            return;
        };
        let inner = panel(f, area, &topic.name, v.theme).inner(ratatui::layout::Margin::new(1, 0));
        let w = usize::from(inner.width);
        let tasks: Vec<&str> = topic.tasks.iter().map(|x| x.get_ref().as_str()).collect();
        let mut lines = vec![Line::styled(format!("{} · tasks {}", topic.category, tasks.join(", ")), t.dim)];
        if !topic.aliases.is_empty() {
            lines.extend(wrapped(&format!("Also: {}", topic.aliases.join(", ")), w, t.dim));
        }
        lines.push(Line::default());
        lines.extend(wrapped(&topic.summary, w, t.base));
        lines.push(Line::default());
        let items = v.catalog.items().iter().filter(|i| i.has_topic(&topic.id)).count();
        let counts = [
            plural(topic.sections.len(), "section"),
            plural(topic.tables.len(), "table"),
            plural(topic.sequences.len(), "sequence"),
            plural(items, "card or question"),
        ];
        lines.extend(wrapped(&counts.join(" · "), w, t.dim));
        for s in &topic.sections {
            lines.push(Line::styled(format!("  • {}", s.title), t.accent));
        }
        lines.push(Line::default());
        lines.push(Line::from(vec![Span::styled("Enter", t.key), Span::styled(" opens the page", t.dim)]));
        f.render_widget(Paragraph::new(lines), inner);
    }
}

/// "1 table", "3 tables", "2 cards or questions".
fn plural(n: usize, what: &str) -> String {
    match (n, what) {
        (1, _) => format!("1 {what}"),
        (_, "card or question") => format!("{n} cards or questions"),
        _ => format!("{n} {what}s"),
    }
}

impl Screen for TopicsState {
    fn context(&self, _: &Catalog) -> Context {
        TopicsState::context(self)
    }

    fn update(&mut self, action: Action, ctx: &mut Ctx<'_, '_>) -> Result<Outcome, StudyError> {
        Ok(TopicsState::update(self, action, ctx.catalog))
    }

    fn render(&mut self, f: &mut Frame, area: Rect, v: &View) {
        TopicsState::render(self, f, area, v);
    }
}
