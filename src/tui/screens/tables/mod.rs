//! Every comparison and every topic table (limits and reference) in one place: a filterable
//! list, and the table itself scrollable both ways — rows with ↑↓, columns with ←→ while the
//! first column stays put — the row under the cursor highlighted, its source and `as_of` shown.
//!
//! This file holds the screen's state and what the keys do; `data` gives both kinds of table
//! one shape, `fit` decides which columns fit the width, and `view` draws.

mod data;
mod fit;
mod view;

use ratatui::Frame;
use ratatui::layout::Rect;

use super::super::action::Action;
use super::super::keymap::Context;
use super::super::widgets::{cursor, filter};
use super::{Ctx, Nav, Outcome, Screen, View};
use crate::content::{Catalog, TableId};
use crate::search::normalize;
use crate::study::StudyError;
use data::Data;
pub use data::TableRef;

/// The tables screen.
#[derive(Debug)]
pub struct TablesState {
    all: Vec<TableRef>,
    /// The tables of `all` that pass the filter, in the same order.
    visible: Vec<TableRef>,
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
        let comparisons = (0..catalog.comparisons().len()).map(TableRef::Comparison);
        let topic_tables = catalog
            .topics()
            .iter()
            .enumerate()
            .flat_map(|(ti, t)| (0..t.tables.len()).map(move |i| TableRef::Topic { topic: ti, table: i }));
        let mut ranked: Vec<(u8, &str, TableRef)> = comparisons
            .chain(topic_tables)
            .filter_map(|r| {
                let d = r.data(catalog)?;
                let rank = match d.kind {
                    "comparison" => 0,
                    "limits" => 1,
                    _ => 2,
                };
                Some((rank, d.title, r))
            })
            .collect();
        ranked.sort_by(|a, b| a.0.cmp(&b.0).then_with(|| a.1.cmp(b.1)));
        let all: Vec<TableRef> = ranked.into_iter().map(|(_, _, r)| r).collect();
        TablesState {
            visible: all.clone(),
            all,
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
        self.visible = (self.all.iter().copied())
            .filter(|r| {
                r.data(catalog).is_some_and(|d| {
                    needle.is_empty() || normalize(&format!("{} {} {}", d.title, d.id, d.kind)).contains(&needle)
                })
            })
            .collect();
        self.cursor = self.cursor.min(self.visible.len().saturating_sub(1));
    }

    /// The table under the cursor.
    fn current<'c>(&self, catalog: &'c Catalog) -> Option<Data<'c>> {
        self.visible.get(self.cursor).and_then(|r| r.data(catalog))
    }

    /// Shows the table with id `id` (`topic/table` or a comparison id).
    pub fn open(&mut self, id: &TableId, catalog: &Catalog) {
        self.filter.clear();
        self.refilter(catalog);
        if let Some(pos) = self.visible.iter().position(|r| r.data(catalog).is_some_and(|d| d.id == *id)) {
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
            let Some(d) = self.current(catalog) else {
                self.viewing = false;
                return Outcome::Consumed;
            };
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
