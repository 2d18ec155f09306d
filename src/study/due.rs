//! `dopdeck due`'s counts without reading every item row (see `Store::live_rows`).

use std::borrow::Cow;

use chrono::{DateTime, NaiveDate, Utc};

use super::reviewing::{Intent, open_options};
use super::{Study, StudyError};
use crate::content::{Catalog, ItemKind, ItemRef, schema::Deck};
use crate::srs::{self, DueCounts, QueueCandidate};
use crate::store::{DueRow, ItemRow, Store};

/// From this many item rows on, `Study::due` reads the table in two halves at once. The read
/// is four fifths of `dopdeck due` at 100,000 rows; a second connection and thread cost about a
/// millisecond, which a small table does not repay (`cargo bench --bench scale -- scale/due`:
/// 11.3 ms with one reader, 8.8 ms with two at 10,000 rows).
const TWO_READERS_FROM: i64 = 5_000;

impl Study<'_> {
    /// New / learning / review counts for `deck` and when the next item is due.
    ///
    /// Reads whole only the rows today's counts depend on (see `Store::live_rows`): the
    /// counts equal [`Study::due_in`]'s on a full read, which a property test checks.
    pub fn due(&self, deck: &Deck, now: DateTime<Utc>) -> Result<DueCounts, StudyError> {
        let end = self.store.row_end()?;
        self.count_due(deck, now, end, end > TWO_READERS_FROM)
    }

    /// [`Study::due`] with the item rows read in two halves at once whatever the table's size
    /// (one connection for a store in memory). Public for the test and the bench that compare
    /// it with one reader.
    #[doc(hidden)]
    pub fn due_in_halves(&self, deck: &Deck, now: DateTime<Utc>) -> Result<DueCounts, StudyError> {
        self.count_due(deck, now, self.store.row_end()?, true)
    }

    /// The counts, from item rows numbered below `end`, read in two halves at once if `halves`.
    fn count_due(&self, deck: &Deck, now: DateTime<Utc>, end: i64, halves: bool) -> Result<DueCounts, StudyError> {
        let cfg = self.config(Some(deck));
        let today = cfg.study_day(now);
        let day = Day {
            today,
            today_start: cfg.day_start(today),
            tomorrow_start: cfg.day_start(today.succ_opt().unwrap_or(today)),
        };
        let catalog = self.catalog;
        // A database in memory has no file for a second connection to open.
        let parts = if let Some(db) = self.store.file().filter(|_| halves) {
            let middle = end / 2;
            std::thread::scope(|scope| {
                // The second half on a connection of its own; if it cannot start, read it here.
                let second = std::thread::Builder::new().name("dopdeck-rows".into()).spawn_scoped(scope, || {
                    let store = Store::open_with(db, &open_options(Intent::Read))?;
                    Part::read(&store, catalog, deck, day, middle..end)
                });
                let first = Part::read(&self.store, catalog, deck, day, 1..middle);
                let second = match second.map(std::thread::ScopedJoinHandle::join) {
                    Ok(Ok(part)) => part,
                    _ => Part::read(&self.store, catalog, deck, day, middle..end),
                };
                Ok::<_, StudyError>(vec![first?, second?])
            })?
        } else {
            vec![Part::read(&self.store, catalog, deck, day, 1..end)?]
        };
        // Per item: no row, a quiet row, or an index into `live`.
        let mut rows = vec![Row::None; catalog.item_count()];
        let mut live: Vec<ItemRow> = Vec::new();
        let mut next_quiet: Option<DateTime<Utc>> = None;
        for part in parts {
            for (at, row) in part.rows {
                if let Some(slot) = rows.get_mut(at as usize) {
                    *slot = match row {
                        Row::Live(i) => Row::Live(live.len() + i),
                        other => other,
                    };
                }
            }
            live.extend(part.live);
            next_quiet = next_quiet.into_iter().chain(part.next_quiet).min();
        }
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

/// The study day `Study::due` counts for.
#[derive(Debug, Clone, Copy)]
struct Day {
    today: NaiveDate,
    today_start: DateTime<Utc>,
    tomorrow_start: DateTime<Utc>,
}

/// What one reader found in its part of the item rows.
struct Part {
    /// Catalog positions of the items with a row, and the row (`Live` indexes `live`).
    rows: Vec<(u32, Row)>,
    live: Vec<ItemRow>,
    /// When the first quiet, unsuspended item of the deck falls due.
    next_quiet: Option<DateTime<Utc>>,
}

impl Part {
    /// Reads the rows numbered in `range` from `store`.
    fn read(
        store: &Store,
        catalog: &Catalog,
        deck: &Deck,
        day: Day,
        range: std::ops::Range<i64>,
    ) -> Result<Part, StudyError> {
        let mut part = Part { rows: Vec::new(), live: Vec::new(), next_quiet: None };
        store.live_rows(day.today, day.today_start, day.tomorrow_start, range, |id, row| {
            // A row of an item the material no longer has is in no queue.
            let Some(at) = catalog.position(id).and_then(|at| u32::try_from(at).ok()) else { return };
            match row {
                DueRow::Live(row) => {
                    part.rows.push((at, Row::Live(part.live.len())));
                    part.live.push(row);
                }
                DueRow::Quiet(row) => {
                    part.rows.push((at, Row::Quiet));
                    if !row.suspended
                        && catalog.item_at(at as usize).is_some_and(|item| catalog.deck_selects(deck, item))
                        && part.next_quiet.is_none_or(|t| row.due < t)
                    {
                        part.next_quiet = Some(row.due);
                    }
                }
            }
        })?;
        Ok(part)
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
