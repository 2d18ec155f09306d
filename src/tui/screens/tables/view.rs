//! Drawing the tables screen: the filterable list and the table with its fixed first column,
//! the row under the cursor highlighted, and its source, `as_of` and first note below. The
//! render keeps the list's window start and the table's first row for the next key.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span, Text};
use ratatui::widgets::{Cell as TableCell, HighlightSpacing, Paragraph, Row, Table, TableState};
use unicode_width::UnicodeWidthStr;

use super::TablesState;
use super::fit::{MAX_COLUMN, fit_columns};
use crate::text::layout::wrap;
use crate::tui::screens::View;
use crate::tui::widgets::panel::panel;
use crate::tui::widgets::scroll::{follow, scrollbar};
use crate::tui::widgets::text::truncate;

impl TablesState {
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
            .filter_map(|(i, r)| Some((i, r.data(v.catalog)?)))
            .map(|(i, d)| {
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
        let Some(d) = self.current(v.catalog) else {
            panel(f, area, "No table", v.theme);
            return;
        };
        let inner = panel(f, area, d.title, v.theme);
        let [body, info] = Layout::vertical([Constraint::Min(1), Constraint::Length(3)]).areas(inner);
        let natural: Vec<usize> = (d.columns.iter().enumerate())
            .map(|(c, head)| {
                let cells = d.rows.iter().filter_map(|r| r.get_ref().get(c)).map(|s| s.width());
                cells.chain([head.width()]).max().unwrap_or(1).clamp(3, MAX_COLUMN)
            })
            .collect();
        let shown = fit_columns(&natural, self.col, usize::from(body.width).saturating_sub(3));
        let heads: Vec<Vec<String>> =
            shown.iter().map(|&(c, w)| wrap(d.columns.get(c).map_or("", String::as_str), w)).collect();
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
