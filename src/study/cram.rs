//! Cramming as a use case: the day before the exam, every item of a deck, topic or domain
//! whatever its due date, weakest memory first; each one seen is recorded and nothing is
//! rescheduled (no grade is given, so FSRS state, due dates and statistics stay as they were).

use chrono::{DateTime, Utc};

use super::reviewing::{Study, StudyError};
use crate::content::schema::Deck;
use crate::content::{Item, ItemKind};
use crate::srs::State;

/// Which items a cram session shows.
#[derive(Debug, Clone)]
pub enum CramScope<'a> {
    Deck(&'a Deck),
    Topic(String),
    Domain(u8),
}

impl Study<'_> {
    /// The items a cram session shows, weakest memory first, then those never studied.
    /// Suspended items and questions never answered stay out, as in review.
    pub fn cram_items(&self, scope: &CramScope<'_>, now: DateTime<Utc>) -> Result<Vec<String>, StudyError> {
        let rows = self.store.items()?;
        let admits = |item: &Item| match scope {
            CramScope::Deck(deck) => self.catalog.deck_selects(deck, item),
            CramScope::Topic(t) => item.has_topic(t),
            CramScope::Domain(d) => item.domain == *d,
        };
        let cfg = self.config(match scope {
            CramScope::Deck(d) => Some(d),
            _ => None,
        });
        let mut items: Vec<(f64, &str)> = Vec::new();
        for item in self.catalog.items().iter().filter(|i| admits(i)) {
            let row = rows.get(&item.id);
            if row.is_some_and(|r| r.suspended) || (item.kind == ItemKind::Question && row.is_none()) {
                continue;
            }
            let recall = match row.filter(|r| r.card.state != State::New) {
                Some(r) => crate::srs::retrievability(&cfg, &r.card, now),
                None => 2.0, // never studied: after every studied item
            };
            items.push((recall, &item.id));
        }
        items.sort_by(|a, b| a.0.total_cmp(&b.0).then_with(|| a.1.cmp(b.1)));
        Ok(items.into_iter().map(|(_, id)| id.to_string()).collect())
    }

    /// Records that `id` was seen while cramming; its FSRS state and due date are untouched.
    pub fn record_cram(&self, id: &str, now: DateTime<Utc>) -> Result<(), StudyError> {
        if self.catalog.item(id).is_none() {
            return Err(StudyError::UnknownItem(id.to_string()));
        }
        Ok(self.store.record_cram(id, now)?)
    }
}
