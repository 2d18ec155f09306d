//! Exporting to Anki as a use case: which items, with or without progress, into which file.

use std::path::Path;

use chrono::{DateTime, Utc};

use super::reviewing::{Study, StudyError};
use crate::content::Item;
use crate::export::{self, ItemProgress, Progress};
use crate::store;

/// What an export wrote.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct ExportSummary {
    /// Notes (one per item, each with one card).
    pub notes: usize,
    /// Cards that carry a scheduling state (not new); 0 without progress.
    pub scheduled: usize,
    /// Review-log rows; 0 without progress.
    pub reviews: usize,
    /// The deck exported, or `None` for all the material.
    pub deck: Option<String>,
}

impl Study<'_> {
    /// Writes an Anki package of `deck`'s items (every item when `None`) to `path`.
    ///
    /// With `with_progress`, each card carries its scheduling state and the grades of the
    /// exported items go along as Anki's review log.
    ///
    /// # Errors
    ///
    /// An unknown deck, or a store error reading progress or writing the file.
    pub fn export_apkg(
        &self,
        path: &Path,
        deck: Option<&str>,
        with_progress: bool,
        now: DateTime<Utc>,
    ) -> Result<ExportSummary, StudyError> {
        let deck = deck.map(|id| self.deck(id)).transpose()?;
        let items: Vec<&Item> = match deck {
            Some(d) => self.catalog.deck_items(d).collect(),
            None => self.catalog.items().iter().collect(),
        };
        let progress = if with_progress { Some(self.progress()?) } else { None };
        let package = export::build(self.catalog, &items, progress.as_ref(), &self.config(deck), now);
        store::write_anki_package(path, &package)?;
        Ok(ExportSummary {
            notes: package.notes.len(),
            scheduled: package.cards.iter().filter(|c| c.card_type != 0).count(),
            reviews: package.revlog.len(),
            deck: deck.map(|d| d.id.clone()),
        })
    }

    /// The stored progress as plain data.
    fn progress(&self) -> Result<Progress, StudyError> {
        let items = self
            .store
            .items()?
            .into_iter()
            .map(|(id, row)| (id, ItemProgress { card: row.card, suspended: row.suspended }))
            .collect();
        Ok(Progress { items, logs: self.store.review_logs()? })
    }
}
