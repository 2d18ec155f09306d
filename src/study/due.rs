//! `dopdeck due`'s counts without reading every item row (see `Store::live_rows`).

use std::borrow::Cow;

use chrono::{DateTime, Utc};

use super::{Study, StudyError};
use crate::content::{ItemKind, ItemRef, schema::Deck};
use crate::srs::{self, DueCounts, QueueCandidate};
use crate::store::{DueRow, ItemRow};

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
        let catalog = self.catalog;
        // Per item: no row, a quiet row, or an index into `live`.
        let mut rows = vec![Row::None; catalog.item_count()];
        let mut live: Vec<ItemRow> = Vec::new();
        let mut next_quiet: Option<DateTime<Utc>> = None;
        self.store.live_rows(today, today_start, tomorrow_start, |id, row| {
            // A row of an item the material no longer has is in no queue.
            let Some(at) = catalog.position(id) else { return };
            let Some(slot) = rows.get_mut(at) else { return };
            match row {
                DueRow::Live(row) => {
                    *slot = Row::Live(live.len());
                    live.push(row);
                }
                DueRow::Quiet(row) => {
                    *slot = Row::Quiet;
                    if !row.suspended
                        && catalog.item_at(at).is_some_and(|item| catalog.deck_selects(deck, item))
                        && next_quiet.is_none_or(|t| row.due < t)
                    {
                        next_quiet = Some(row.due);
                    }
                }
            }
        })?;
        // Items with a live row become candidates; an item never graded is only counted, by its
        // sibling group (see `srs::due_counts_with_fresh`).
        let mut candidates: Vec<QueueCandidate> = Vec::with_capacity(live.len());
        let mut fresh: Vec<Option<&str>> = Vec::new();
        for (item, row) in catalog.item_refs().zip(&rows) {
            match *row {
                Row::Quiet => {}
                Row::None => {
                    if queued(item, false) && catalog.deck_selects(deck, item) {
                        fresh.push(item.sibling);
                    }
                }
                Row::Live(i) => {
                    if catalog.deck_selects(deck, item)
                        && let Some(c) = candidate(item, live.get(i))
                    {
                        candidates.push(c);
                    }
                }
            }
        }
        let logs = self.todays_logs(deck, now)?;
        let weights = self.weights();
        let params = self.params(deck, &logs, &weights, now);
        let mut counts = srs::due_counts_with_fresh(&candidates, &fresh, &params, &cfg);
        // A quiet review falls due at the start of its study day, as `build_queue` counts it.
        if let Some(due) = next_quiet.map(|t| cfg.day_start(cfg.study_day(t))) {
            counts.next_due = Some(counts.next_due.map_or(due, |n| n.min(due)));
        }
        Ok(counts)
    }
}

/// What the progress database holds for an item, as `Study::due` sorts it.
#[derive(Debug, Clone, Copy)]
enum Row {
    /// Nothing: never graded.
    None,
    /// A row that cannot be in today's counts (see `Store::live_rows`).
    Quiet,
    /// A row read whole, at this index of the live rows.
    Live(usize),
}

/// An item as a queue candidate, given its stored row. Questions join only once answered
/// (they come from exams and drills, not as new cards).
pub(super) fn candidate<'a>(item: impl Into<ItemRef<'a>>, row: Option<&ItemRow>) -> Option<QueueCandidate<'a>> {
    let item = item.into();
    if !queued(item, row.is_some()) {
        return None;
    }
    Some(QueueCandidate {
        id: Cow::Borrowed(item.id),
        domain: item.domain,
        sibling_group: item.sibling.map(Cow::Borrowed),
        topic: item.topics.first().map(Cow::Borrowed),
        card: row.map(|r| r.card.clone()),
        suspended: row.is_some_and(|r| r.suspended),
        buried_until: row.and_then(|r| r.buried_until),
    })
}

/// Whether `item` takes part in the queue (and its counts): every card does; a question only
/// once it has a row, i.e. was answered.
pub(super) fn queued<'a>(item: impl Into<ItemRef<'a>>, has_row: bool) -> bool {
    item.into().kind != ItemKind::Question || has_row
}
