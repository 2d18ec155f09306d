//! `dopdeck due`'s counts without reading every item row (see `Store::live_rows`).

use chrono::{DateTime, Utc};

use super::{Study, StudyError};
use crate::content::{Item, ItemKind, schema::Deck};
use crate::srs::{self, DueCounts, QueueCandidate};
use crate::store::ItemRow;

impl Study<'_> {
    /// New / learning / review counts for `deck` and when the next item is due.
    ///
    /// Reads whole only the rows today's counts depend on (see `Store::live_rows`): the
    /// counts equal [`Study::due_in`]'s on a full read, which a property test checks.
    pub fn due(&self, deck: &Deck, now: DateTime<Utc>) -> Result<DueCounts, StudyError> {
        let cfg = self.config(Some(deck));
        let today = cfg.study_day(now);
        let today_start = cfg.day_start(today);
        let tomorrow_start = cfg.day_start(today.succ_opt().unwrap_or(today));
        let items = &self.catalog.items;
        let mut quiet = vec![false; items.len()];
        let mut next_quiet: Option<DateTime<Utc>> = None;
        let live = self.store.live_rows(today, today_start, tomorrow_start, |id, row| {
            let Some(at) = self.catalog.position(id) else { return };
            if let Some(flag) = quiet.get_mut(at) {
                *flag = true;
            }
            if !row.suspended
                && items.get(at).is_some_and(|item| self.catalog.deck_selects(deck, item))
                && next_quiet.is_none_or(|t| row.due < t)
            {
                next_quiet = Some(row.due);
            }
        })?;
        let candidates: Vec<QueueCandidate> = items
            .iter()
            .zip(&quiet)
            .filter(|(item, quiet)| !**quiet && self.catalog.deck_selects(deck, item))
            .filter_map(|(item, _)| candidate(item, live.get(&item.id)))
            .collect();
        let logs = self.todays_logs(deck, now)?;
        let weights = self.weights();
        let mut counts = srs::due_counts(&candidates, &self.params(deck, &logs, &weights, now), &cfg);
        // A quiet review falls due at the start of its study day, as `build_queue` counts it.
        if let Some(due) = next_quiet.map(|t| cfg.day_start(cfg.study_day(t))) {
            counts.next_due = Some(counts.next_due.map_or(due, |n| n.min(due)));
        }
        Ok(counts)
    }
}

/// An item as a queue candidate, given its stored row. Questions join only once answered
/// (they come from exams and drills, not as new cards).
pub(super) fn candidate(item: &Item, row: Option<&ItemRow>) -> Option<QueueCandidate> {
    if !queued(item, row.is_some()) {
        return None;
    }
    Some(QueueCandidate {
        id: item.id.clone(),
        domain: item.domain,
        sibling_group: item.sibling.as_deref().map(str::to_string),
        topic: item.topics.first().map(|t| t.to_string()),
        card: row.map(|r| r.card.clone()),
        suspended: row.is_some_and(|r| r.suspended),
        buried_until: row.and_then(|r| r.buried_until),
    })
}

/// Whether `item` takes part in the queue (and its counts): every card does; a question only
/// once it has a row, i.e. was answered.
pub(super) fn queued(item: &Item, has_row: bool) -> bool {
    item.kind != ItemKind::Question || has_row
}
