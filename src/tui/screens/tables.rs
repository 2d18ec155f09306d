//! Every comparison and every topic table (limits and reference) in one place: a filterable
//! list, and the table itself scrollable both ways — rows with ↑↓, columns with ←→ while the
//! first column stays put — the row under the cursor highlighted, its source and `as_of` shown.

use crate::tui::widgets::{cursor, filter};

use crate::content::Spanned;
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span, Text};
use ratatui::widgets::{Cell as TableCell, HighlightSpacing, Paragraph, Row, Table, TableState};
use unicode_width::UnicodeWidthStr;

use super::super::action::Action;
use super::super::keymap::Context;
use super::super::widgets::panel::panel;
use super::super::widgets::scroll::{follow, scrollbar};
use super::super::widgets::text::truncate;
use super::{Ctx, Nav, Outcome, Screen, View};
use crate::content::schema::TableKind;
use crate::content::{Catalog, TableId};
use crate::search::normalize;
use crate::study::StudyError;
use crate::text::layout::wrap;

/// Widest a column gets before its cells wrap.
const MAX_COLUMN: usize = 42;

/// Narrowest a scrolled column is squeezed to before it scrolls out of view instead.
const MIN_COLUMN: usize = 18;

/// The columns shown for a view `avail` wide, as (column, width): the first column always, then
/// columns from `from` on while each can get at least [`MIN_COLUMN`] (or its natural width if
/// smaller); whatever room is left goes to the squeezed columns, up to their natural widths.
fn fit_columns(natural: &[usize], from: usize, avail: usize) -> Vec<(usize, usize)> {
    let Some(&first_natural) = natural.first() else { return Vec::new() };
    let first = first_natural.min((avail / 3).max(6)).min(avail);
    let mut shown = vec![(0usize, first)];
    let mut used = first;
    for (c, &w) in natural.iter().enumerate().skip(from.max(1)) {
        let need = w.min(MIN_COLUMN);
        if used + 2 + need > avail {
            break;
        }
        used += 2 + need;
        shown.push((c, need));
    }
    // Hand out the rest, one column at a time, to columns below their natural width.
    let mut spare = avail.saturating_sub(used);
    while spare > 0 {
        let mut grew = false;
        for (c, w) in shown.iter_mut().skip(1) {
            if spare > 0 && *w < natural[*c] {
                *w += 1;
                spare -= 1;
                grew = true;
            }
        }
        if !grew {
            break;
        }
    }
    shown
}

/// A table of the material.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TableRef {
    Topic { topic: usize, table: usize },
    Comparison(usize),
}

/// What the screen needs of a table, whichever kind it is.
struct Data<'a> {
    id: TableId,
    title: &'a str,
    kind: &'static str,
    columns: &'a [String],
    rows: &'a [Spanned<Vec<String>>],
    as_of: Option<&'a str>,
    source: Option<&'a str>,
    notes: &'a [String],
    /// The topic page `o` opens.
    topic: Option<&'a str>,
}

impl TableRef {
    fn data(self, catalog: &Catalog) -> Data<'_> {
        match self {
            TableRef::Topic { topic, table } => {
                let tp = &catalog.topics[topic];
                let tb = &tp.tables[table];
                Data {
                    id: TableId::topic(&tp.id, tb.id.get_ref()),
                    title: &tb.title,
                    kind: if tb.kind == TableKind::Limits { "limits" } else { "reference" },
                    columns: &tb.columns,
                    rows: &tb.rows,
                    as_of: tb.as_of.as_deref(),
                    source: tb.source.as_deref(),
                    notes: &tb.notes,
                    topic: Some(&tp.id),
                }
            }
            TableRef::Comparison(i) => {
                let c = &catalog.comparisons[i];
                Data {
                    id: TableId::Comparison(c.id.clone()),
                    title: &c.title,
                    kind: "comparison",
                    columns: &c.columns,
                    rows: &c.rows,
                    as_of: c.as_of.as_deref(),
                    source: c.source.as_deref().or(c.sources.first().map(String::as_str)),
                    notes: &c.notes,
                    topic: c.topics.first().map(|t| t.get_ref().as_str()),
                }
            }
        }
    }
}

/// The tables screen.
#[derive(Debug)]
pub struct TablesState {
    all: Vec<TableRef>,
    /// Indices into `all` that pass the filter.
    visible: Vec<usize>,
    pub filter: String,
    pub filtering: bool,
    pub cursor: usize,
    /// The list's window start, kept by the render.
    offset: usize,
    /// Whether the table (rather than the list) has the keys.
    pub viewing: bool,
    pub row: usize,
    /// The first scrolled column shown after the fixed first column.
    pub col: usize,
    /// The table's first row shown, kept by the render (ratatui's `TableState` scrolls it).
    row_offset: usize,
}

impl TablesState {
    /// Comparisons first, then limits, then reference tables, each by title.
    pub fn new(catalog: &Catalog) -> TablesState {
        let mut all: Vec<TableRef> = (0..catalog.comparisons.len()).map(TableRef::Comparison).collect();
        for (ti, t) in catalog.topics.iter().enumerate() {
            all.extend((0..t.tables.len()).map(|i| TableRef::Topic { topic: ti, table: i }));
        }
        let rank = |r: &TableRef| match r.data(catalog).kind {
            "comparison" => 0,
            "limits" => 1,
            _ => 2,
        };
        all.sort_by(|a, b| rank(a).cmp(&rank(b)).then_with(|| a.data(catalog).title.cmp(b.data(catalog).title)));
        let visible = (0..all.len()).collect();
        TablesState {
            all,
            visible,
            filter: String::new(),
            filtering: false,
            cursor: 0,
            offset: 0,
            viewing: false,
            row: 0,
            col: 1,
            row_offset: 0,
        }
    }

    /// The key context.
    pub fn context(&self) -> Context {
        if self.filtering {
            Context::Filter
        } else if self.viewing {
            Context::TableView
        } else {
            Context::TableList
        }
    }

    fn refilter(&mut self, catalog: &Catalog) {
        let needle = normalize(&self.filter);
        self.visible = (0..self.all.len())
            .filter(|&i| {
                let d = self.all[i].data(catalog);
                needle.is_empty() || normalize(&format!("{} {} {}", d.title, d.id, d.kind)).contains(&needle)
            })
            .collect();
        self.cursor = self.cursor.min(self.visible.len().saturating_sub(1));
    }

    fn current(&self) -> Option<TableRef> {
        self.visible.get(self.cursor).map(|&i| self.all[i])
    }

    /// Shows the table with id `id` (`topic/table` or a comparison id).
    pub fn open(&mut self, id: &TableId, catalog: &Catalog) {
        self.filter.clear();
        self.refilter(catalog);
        if let Some(pos) = self.visible.iter().position(|&i| self.all[i].data(catalog).id == *id) {
            self.cursor = pos;
            self.viewing = true;
            self.row = 0;
            self.col = 1;
            self.row_offset = 0;
        }
    }

    /// Carries out `action`.
    pub fn update(&mut self, action: Action, catalog: &Catalog) -> Outcome {
        let n = self.visible.len();
        if self.filtering {
            if !filter::edit(&mut self.filter, &mut self.filtering, &mut self.cursor, n, &action) {
                return Outcome::Ignored;
            }
            self.refilter(catalog);
            return Outcome::Consumed;
        }
        if self.viewing {
            let Some(table) = self.current() else {
                self.viewing = false;
                return Outcome::Consumed;
            };
            let d = table.data(catalog);
            let rows = d.rows.len();
            if let Some(row) = cursor::step(self.row, rows, &action) {
                self.row = row;
                return Outcome::Consumed;
            }
            match action {
                Action::Left => self.col = self.col.saturating_sub(1).max(1),
                Action::Right => self.col = (self.col + 1).min(d.columns.len().saturating_sub(1).max(1)),
                Action::OpenTopic => {
                    return d.topic.map_or(Outcome::Consumed, |t| Outcome::Go(Nav::Topic(t.to_string())));
                }
                Action::Back => self.viewing = false,
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
            Action::Select if n > 0 => {
                self.viewing = true;
                self.row = 0;
                self.col = 1;
                self.row_offset = 0;
            }
            _ => return Outcome::Ignored,
        }
        Outcome::Consumed
    }

    /// Draws the list and the table side by side, or whichever has the keys.
    pub fn render(&mut self, f: &mut Frame, area: Rect, v: &View) {
        if area.width >= 110 {
            let [list, table] = Layout::horizontal([Constraint::Length(44), Constraint::Min(0)]).areas(area);
            self.list(f, list, v);
            self.table(f, table, v);
        } else if self.viewing {
            self.table(f, area, v);
        } else {
            self.list(f, area, v);
        }
    }

    fn list(&mut self, f: &mut Frame, area: Rect, v: &View) {
        let t = v.theme;
        let inner = panel(f, area, &format!("Tables ({})", self.visible.len()), v.theme);
        let [filter_area, list] = Layout::vertical([Constraint::Length(1), Constraint::Min(0)]).areas(inner);
        let filter = if self.filtering {
            Line::from(vec![Span::styled(" filter: ", t.accent), Span::styled(format!("{}▏", self.filter), t.title)])
        } else if self.filter.is_empty() {
            Line::from(vec![Span::styled(" f", t.key), Span::styled(" filter", t.dim)])
        } else {
            Line::styled(format!(" filter: {}", self.filter), t.accent)
        };
        f.render_widget(Paragraph::new(filter), filter_area);
        let height = usize::from(list.height);
        let start = follow(&mut self.offset, self.cursor, height, self.visible.len());
        let w = usize::from(list.width).saturating_sub(15);
        let lines: Vec<Line> = self
            .visible
            .iter()
            .enumerate()
            .skip(start)
            .take(height)
            .map(|(i, &k)| {
                let d = self.all[k].data(v.catalog);
                let sel = i == self.cursor;
                let style = if sel { if self.viewing { t.accent } else { t.selected } } else { t.base };
                Line::from(vec![
                    Span::styled(
                        format!("{}{:<11}", if sel { "▶" } else { " " }, d.kind),
                        if sel { style } else { t.dim },
                    ),
                    Span::styled(truncate(d.title, w), style),
                ])
            })
            .collect();
        f.render_widget(Paragraph::new(lines), list);
        scrollbar(f, list, start, self.visible.len(), t);
    }

    fn table(&mut self, f: &mut Frame, area: Rect, v: &View) {
        let t = v.theme;
        let Some(table) = self.current() else {
            panel(f, area, "No table", v.theme);
            return;
        };
        let d = table.data(v.catalog);
        let inner = panel(f, area, d.title, v.theme);
        let [body, info] = Layout::vertical([Constraint::Min(1), Constraint::Length(3)]).areas(inner);
        let natural: Vec<usize> = (0..d.columns.len())
            .map(|c| {
                let cells = d.rows.iter().filter_map(|r| r.get_ref().get(c)).map(|s| s.width());
                cells.chain([d.columns[c].width()]).max().unwrap_or(1).clamp(3, MAX_COLUMN)
            })
            .collect();
        let shown = fit_columns(&natural, self.col, usize::from(body.width).saturating_sub(3));
        let heads: Vec<Vec<String>> = shown.iter().map(|&(c, w)| wrap(&d.columns[c], w)).collect();
        let head_h = heads.iter().map(Vec::len).max().unwrap_or(1) as u16;
        let header = Row::new(heads.into_iter().map(|lines| {
            TableCell::from(Text::from(lines.into_iter().map(|l| Line::styled(l, t.title)).collect::<Vec<_>>()))
        }))
        .height(head_h);
        let rows: Vec<Row> = d
            .rows
            .iter()
            .map(|r| {
                let r = r.get_ref();
                let cells: Vec<Vec<String>> =
                    shown.iter().map(|&(c, w)| wrap(r.get(c).map_or("", String::as_str), w)).collect();
                let height = cells.iter().map(Vec::len).max().unwrap_or(1) as u16;
                Row::new(cells.into_iter().enumerate().map(|(i, lines)| {
                    let style = if i == 0 { t.accent } else { t.base };
                    TableCell::from(Text::from(lines.into_iter().map(|l| Line::styled(l, style)).collect::<Vec<_>>()))
                }))
                .height(height)
            })
            .collect();
        let widths: Vec<Constraint> = shown.iter().map(|&(_, w)| Constraint::Length(w as u16)).collect();
        let widget = Table::new(rows, widths)
            .header(header.bottom_margin(1))
            .column_spacing(2)
            .row_highlight_style(t.selected)
            .highlight_symbol("▶ ")
            .highlight_spacing(HighlightSpacing::Always);
        let mut state = TableState::default().with_offset(self.row_offset).with_selected(Some(self.row));
        f.render_stateful_widget(widget, body, &mut state);
        self.row_offset = state.offset();
        scrollbar(f, body, state.offset(), d.rows.len(), t);

        let last = shown.last().map_or(0, |s| s.0);
        let cols = d.columns.len();
        let w = usize::from(info.width);
        let mut head = format!("row {} of {} · {}", self.row + 1, d.rows.len(), d.kind);
        if let Some(a) = d.as_of {
            head.push_str(&format!(" · as of {a}"));
        }
        if self.col > 1 || last + 1 < cols {
            head.push_str(&format!(" · columns {}–{} of {cols}, ←→ scroll (the first stays)", self.col + 1, last + 1));
        }
        let mut lines = vec![Line::styled(truncate(&head, w), t.dim)];
        if let Some(src) = d.source {
            lines.push(Line::styled(truncate(&format!("Source: {src}"), w), t.dim));
        }
        if let Some(note) = d.notes.first() {
            lines.push(Line::styled(truncate(&format!("* {note}"), w), t.dim));
        }
        f.render_widget(Paragraph::new(lines), info);
    }
}

impl Screen for TablesState {
    fn context(&self, _: &Catalog) -> Context {
        TablesState::context(self)
    }

    fn update(&mut self, action: Action, ctx: &mut Ctx<'_, '_>) -> Result<Outcome, StudyError> {
        Ok(TablesState::update(self, action, ctx.catalog))
    }

    fn render(&mut self, f: &mut Frame, area: Rect, v: &View) {
        TablesState::render(self, f, area, v);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn columns_share_the_width_and_the_first_stays() {
        let shown = fit_columns(&[20, 42, 42, 42], 1, 80);
        assert_eq!(shown[0], (0, 20));
        assert_eq!(shown.len(), 4, "three squeezed columns fit beside the first: {shown:?}");
        assert!(shown.iter().skip(1).all(|s| s.1 >= MIN_COLUMN), "{shown:?}");
        let total: usize = shown.iter().map(|s| s.1).sum::<usize>() + 2 * (shown.len() - 1);
        assert!(total <= 80, "{shown:?}");
        // Scrolled right: the first column, then column 3.
        assert_eq!(fit_columns(&[20, 42, 42, 42], 3, 80).iter().map(|s| s.0).collect::<Vec<_>>(), vec![0, 3]);
        // Everything fits at natural widths.
        assert_eq!(fit_columns(&[5, 6], 1, 80), vec![(0, 5), (1, 6)]);
    }
}
