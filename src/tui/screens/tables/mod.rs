//! Every comparison and every topic table (limits and reference) in one place: a filterable
//! list, and the table itself scrollable both ways — rows with ↑↓, columns with ←→ while the
//! first column stays put — the row under the cursor highlighted, its source and `as_of` shown.
//!
//! This file holds the screen's state and what the keys do; [`data`] gives both kinds of table
//! one shape, [`fit`] decides which columns fit the width, and [`view`] draws.

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
pub use data::TableRef;

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
