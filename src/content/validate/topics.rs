//! Checks on topics and what they hold — tasks, documentation and related topics, cards and
//! sequences (one id namespace per topic), tables with their columns and rows — and on
//! comparisons, whose rows can become cards: every id a row turns into must be unique across
//! the material.

use std::collections::HashMap;
use std::ops::Range;

use super::Validator;
use crate::content::derive;
use crate::content::parse::is_id;
use crate::content::schema::{Comparison, Table, TableKind, Topic};
use crate::content::spanned::Spanned;

impl Validator {
    pub(super) fn topic(&mut self, fi: usize, t: &Topic) {
        if t.tasks.is_empty() {
            self.report(fi, 0..0, "`tasks` is empty: name at least one task this topic serves");
        }
        for task in &t.tasks {
            self.task_ref(fi, task);
        }
        if t.docs.is_empty() {
            self.report(fi, 0..0, "`docs` is empty: cite at least one documentation page");
        }
        for rel in &t.related {
            self.topic_ref(fi, rel);
        }
        if t.summary.trim().is_empty() {
            self.report(fi, 0..0, "`summary` is empty");
        }
        // Cards and sequences share one id namespace; check them in file order so a duplicate
        // is reported where it appears second.
        let mut locals: Vec<(&Spanned<String>, &str)> = t.cards.iter().map(|c| (&c.id, "card")).collect();
        locals.extend(t.sequences.iter().map(|s| (&s.id, "sequence")));
        locals.sort_by_key(|(id, _)| id.span().start);
        let mut local: HashMap<&str, Range<usize>> = HashMap::new();
        for (id, what) in locals {
            if self.local_id(fi, id, &mut local, what) {
                self.claim(fi, id.span(), format!("{}/{}", t.id, id.get_ref()));
            }
        }
        for card in &t.cards {
            self.task_ref(fi, &card.task);
            if card.front.trim().is_empty() || card.back.trim().is_empty() {
                self.report(fi, card.id.span(), format!("card `{}` has an empty front or back", card.id.get_ref()));
            }
        }
        for seq in &t.sequences {
            if let Some(task) = &seq.task {
                self.task_ref(fi, task);
            }
            if seq.steps.len() < 2 {
                self.report(fi, seq.id.span(), format!("sequence `{}` needs at least two steps", seq.id.get_ref()));
            }
        }
        let mut tables: HashMap<&str, Range<usize>> = HashMap::new();
        for table in &t.tables {
            self.local_id(fi, &table.id, &mut tables, "table");
            self.table(fi, &t.id, table);
        }
    }

    /// Checks a topic-local id's form and uniqueness; false if it duplicates an earlier one.
    fn local_id<'a>(
        &mut self,
        fi: usize,
        id: &'a Spanned<String>,
        seen: &mut HashMap<&'a str, Range<usize>>,
        what: &str,
    ) -> bool {
        if !is_id(id.get_ref()) {
            let msg = format!("{what} id `{}` is not valid: use lower-case letters, digits and `-`", id.get_ref());
            self.report(fi, id.span(), msg);
        }
        if let Some(first) = seen.get(id.get_ref().as_str()) {
            let at = self.position(fi, first.clone());
            self.report(fi, id.span(), format!("duplicate {what} id `{}`: already used at {at}", id.get_ref()));
            false
        } else {
            seen.insert(id.get_ref(), id.span());
            true
        }
    }

    fn table(&mut self, fi: usize, topic: &str, table: &Table) {
        let at = table.id.span();
        let name = table.id.get_ref();
        if let Some(task) = &table.task {
            self.task_ref(fi, task);
        }
        if table.kind == TableKind::Limits && table.as_of.is_none() {
            self.report(
                fi,
                at.clone(),
                format!("limits table `{name}` has no `as_of`: say when its figures were checked"),
            );
        }
        if table.source.is_none() {
            self.report(fi, at.clone(), format!("table `{name}` has no `source`: cite the page its figures come from"));
        }
        self.rows(fi, at, name, &table.columns, &table.rows);
        if table.cards {
            for (row, id) in table.rows.iter().zip(derive::table_row_ids(topic, table)) {
                self.row_id(fi, row, id);
            }
        }
    }

    fn rows(&mut self, fi: usize, at: Range<usize>, name: &str, columns: &[String], rows: &[Spanned<Vec<String>>]) {
        if columns.len() < 2 {
            self.report(fi, at.clone(), format!("table `{name}` needs at least two columns"));
        }
        if rows.is_empty() {
            self.report(fi, at, format!("table `{name}` has no rows"));
        }
        for row in rows {
            let n = row.get_ref().len();
            if n != columns.len() {
                let msg = format!("row has {n} cells but table `{name}` has {} columns", columns.len());
                self.report(fi, row.span(), msg);
            }
        }
    }

    fn row_id(&mut self, fi: usize, row: &Spanned<Vec<String>>, id: String) {
        if id.ends_with('/') {
            self.report(
                fi,
                row.span(),
                "the first cell of a row that becomes a card needs letters or digits (it names the card)",
            );
        } else {
            self.claim(fi, row.span(), id);
        }
    }

    pub(super) fn comparison(&mut self, fi: usize, c: &Comparison) {
        if self.topic_ids.contains(&c.id) {
            self.report(fi, 0..0, format!("comparison id `{}` is also a topic id: rename the file", c.id));
        }
        if c.topics.len() < 2 {
            self.report(fi, 0..0, "a comparison names at least two `topics`");
        }
        for t in &c.topics {
            self.topic_ref(fi, t);
        }
        if c.tasks.is_empty() {
            self.report(fi, 0..0, "`tasks` is empty: name at least one task");
        }
        for t in &c.tasks {
            self.task_ref(fi, t);
        }
        if c.as_of.is_none() {
            self.report(fi, 0..0, "comparison has no `as_of`: say when its facts were checked");
        }
        if c.source.is_none() {
            self.report(fi, 0..0, "comparison has no `source`: cite the page its facts come from");
        }
        self.rows(fi, 0..0, &c.id, &c.columns, &c.rows);
        if c.cards {
            for (row, id) in c.rows.iter().zip(derive::comparison_row_ids(c)) {
                self.row_id(fi, row, id);
            }
        }
    }
}
