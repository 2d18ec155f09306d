//! Counts of everything in the material, for `dopdeck check` and its JSON.

use std::collections::BTreeMap;

use serde::Serialize;

use super::catalog::{Catalog, ItemKind};

impl Catalog {
    /// Counts of everything, for `dopdeck check`.
    pub fn counts(&self) -> Counts {
        let mut tasks: BTreeMap<String, TaskCounts> = self
            .exam
            .domains
            .iter()
            .flat_map(|d| d.tasks.iter().map(|t| (t.id.get_ref().clone(), TaskCounts::default())))
            .collect();
        let mut cards = CardCounts::default();
        for item in self.items() {
            let entry = tasks.entry(item.task.to_string()).or_default();
            match item.kind {
                ItemKind::Card => {
                    cards.written += 1;
                    entry.cards += 1;
                }
                ItemKind::Table | ItemKind::Sequence => {
                    cards.derived += 1;
                    entry.derived += 1;
                }
                ItemKind::Question => entry.questions += 1,
            }
        }
        let mut domains: BTreeMap<String, TaskCounts> = BTreeMap::new();
        for (task, c) in &tasks {
            if let Some(d) = self.domain_of_task(task) {
                let e = domains.entry(d.to_string()).or_default();
                e.cards += c.cards;
                e.derived += c.derived;
                e.questions += c.questions;
            }
        }
        Counts {
            topics: self.topics().len(),
            cards,
            questions: self.questions().len(),
            multiple_response: self.questions().iter().filter(|q| *q.choose.get_ref() >= 2).count(),
            tables: self.topics().iter().map(|t| t.tables.len()).sum(),
            comparisons: self.comparisons().len(),
            sequences: self.topics().iter().map(|t| t.sequences.len()).sum(),
            strategies: self.strategies().len(),
            decks: self.decks.len(),
            items: self.item_count(),
            tasks,
            domains,
        }
    }
}

/// Written and derived card totals.
#[derive(Debug, Clone, Copy, Default, Serialize)]
pub struct CardCounts {
    pub written: usize,
    pub derived: usize,
}

/// Per-task (or per-domain) counts.
#[derive(Debug, Clone, Copy, Default, Serialize, PartialEq, Eq)]
pub struct TaskCounts {
    /// Written cards.
    pub cards: usize,
    /// Cards derived from tables and sequences.
    pub derived: usize,
    pub questions: usize,
}

/// Everything `dopdeck check --json` reports.
#[derive(Debug, Clone, Serialize)]
pub struct Counts {
    pub topics: usize,
    pub cards: CardCounts,
    pub questions: usize,
    pub multiple_response: usize,
    pub tables: usize,
    pub comparisons: usize,
    pub sequences: usize,
    pub strategies: usize,
    pub decks: usize,
    pub items: usize,
    pub tasks: BTreeMap<String, TaskCounts>,
    pub domains: BTreeMap<String, TaskCounts>,
}
