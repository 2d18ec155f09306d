//! Item rows: scheduling state, suspension and burying.
//!
//! An item has a row once it has been graded, suspended or buried. Items without a row are
//! new. A row created by suspending or burying a never-graded item holds
//! `CardState::new(UNIX_EPOCH)`: its due time means nothing, the queue treats it as new.

use std::collections::HashMap;

use chrono::{DateTime, NaiveDate};
use rusqlite::{Connection, OptionalExtension, Row, params};

use super::codec;
use super::{Store, StoreError};
use crate::srs::CardState;

/// One item's stored progress.
#[derive(Debug, Clone, PartialEq)]
pub struct ItemRow {
    /// Scheduling state.
    pub card: CardState,
    /// Whether the item is kept out of all queues.
    pub suspended: bool,
    /// The item is hidden from queues through this study day.
    pub buried_until: Option<NaiveDate>,
}

pub(super) const COLUMNS: &str = "id, state, step, stability, difficulty, due, last_review, reps, lapses, \
                       suspended, buried_until";

impl Store {
    /// The stored progress of `id`, or `None` for an item never graded, suspended or buried.
    ///
    /// # Errors
    ///
    /// A SQLite or decoding error naming the file.
    pub fn item(&self, id: &str) -> Result<Option<ItemRow>, StoreError> {
        read_item(&self.conn, id).map_err(|e| self.db_err(e))?.transpose().map_err(|detail| self.decode_err(detail))
    }

    /// Every stored item, by id.
    ///
    /// # Errors
    ///
    /// A SQLite or decoding error naming the file.
    pub fn items(&self) -> Result<HashMap<String, ItemRow>, StoreError> {
        // Sized up front: rehashing a 100k-entry map as it grows is a noticeable share of
        // `dopdeck due` on a large deck.
        let count: i64 =
            self.conn.query_row("SELECT count(*) FROM items", [], |r| r.get(0)).map_err(|e| self.db_err(e))?;
        let mut items = HashMap::with_capacity(usize::try_from(count).unwrap_or(0));
        self.scan_items(|id, row| {
            items.insert(id.to_string(), row);
        })?;
        Ok(items)
    }

    /// Every item row, one at a time, with its id borrowed: no map of 100,000 ids is built
    /// for a caller that only counts.
    ///
    /// # Errors
    ///
    /// A SQLite or decoding error naming the file.
    pub fn scan_items(&self, mut visit: impl FnMut(&str, ItemRow)) -> Result<(), StoreError> {
        let mut stmt = self.conn.prepare_cached(&format!("SELECT {COLUMNS} FROM items")).map_err(|e| self.db_err(e))?;
        let mut rows = stmt.query([]).map_err(|e| self.db_err(e))?;
        while let Some(row) = rows.next().map_err(|e| self.db_err(e))? {
            let item = item_from_row(row).map_err(|e| self.db_err(e))?;
            let id = row.get_ref(0).map_err(|e| self.db_err(e))?;
            let id = id.as_str().map_err(|e| self.decode_err(format!("item id: {e}")))?;
            visit(id, item.map_err(|e| self.decode_err(format!("item {id}: {e}")))?);
        }
        Ok(())
    }

    /// Keeps `id` out of every queue until [`Store::unsuspend`].
    ///
    /// # Errors
    ///
    /// A SQLite error naming the file.
    pub fn suspend(&self, id: &str) -> Result<(), StoreError> {
        self.set_flags(id, "suspended = 1", params![id])
    }

    /// Lets a suspended item back into the queues.
    ///
    /// # Errors
    ///
    /// A SQLite error naming the file.
    pub fn unsuspend(&self, id: &str) -> Result<(), StoreError> {
        let tx = self.write()?;
        tx.execute("UPDATE items SET suspended = 0 WHERE id = ?1", [id]).map_err(|e| self.db_err(e))?;
        tx.commit().map_err(|e| self.db_err(e))
    }

    /// Hides `id` from the queues through study day `until` (pass today to bury for the day).
    ///
    /// # Errors
    ///
    /// A SQLite error naming the file.
    pub fn bury(&self, id: &str, until: NaiveDate) -> Result<(), StoreError> {
        self.set_flags(id, "buried_until = ?2", params![id, codec::day_to_sql(until)])
    }

    /// Sets a flag column, creating a new-item row if the item has none.
    fn set_flags(&self, id: &str, assignment: &str, params: &[&dyn rusqlite::ToSql]) -> Result<(), StoreError> {
        let tx = self.write()?;
        insert_placeholder(&tx, id).map_err(|e| self.db_err(e))?;
        tx.execute(&format!("UPDATE items SET {assignment} WHERE id = ?1"), params).map_err(|e| self.db_err(e))?;
        tx.commit().map_err(|e| self.db_err(e))
    }
}

/// Inserts a new-item row for `id` unless it has one.
pub(crate) fn insert_placeholder(conn: &Connection, id: &str) -> rusqlite::Result<()> {
    let card = CardState::new(DateTime::UNIX_EPOCH);
    conn.prepare_cached(
        "INSERT INTO items (id, state, due, reps, lapses) VALUES (?1, ?2, ?3, 0, 0)
         ON CONFLICT (id) DO NOTHING",
    )?
    .execute(params![id, card.state.as_str(), codec::time_to_sql(card.due)])?;
    Ok(())
}

/// Writes `card` as the state of `id`, keeping its suspension and burial.
pub(crate) fn write_card(conn: &Connection, id: &str, card: &CardState) -> rusqlite::Result<()> {
    let [state, step, stability, difficulty, due, last_review, reps, lapses] = codec::card_values(card);
    conn.prepare_cached(
        "INSERT INTO items (id, state, step, stability, difficulty, due, last_review, reps, lapses)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)
         ON CONFLICT (id) DO UPDATE SET
             state = excluded.state, step = excluded.step, stability = excluded.stability,
             difficulty = excluded.difficulty, due = excluded.due,
             last_review = excluded.last_review, reps = excluded.reps, lapses = excluded.lapses",
    )?
    .execute(params![id, state, step, stability, difficulty, due, last_review, reps, lapses])?;
    Ok(())
}

/// Reads one item row; the inner `Result` carries decoding problems.
pub(crate) fn read_item(conn: &Connection, id: &str) -> rusqlite::Result<Option<Result<ItemRow, String>>> {
    let row = conn
        .prepare_cached(&format!("SELECT {COLUMNS} FROM items WHERE id = ?1"))?
        .query_row([id], item_from_row)
        .optional()?;
    Ok(row.map(|decoded| decoded.map_err(|e| format!("item {id}: {e}"))))
}

/// Decodes an item row's columns after the id; the inner `Result` carries decoding problems.
pub(super) fn item_from_row(row: &Row<'_>) -> rusqlite::Result<Result<ItemRow, String>> {
    let card = codec::card_from_row(row, 1)?;
    let suspended: bool = row.get(9)?;
    let buried_until = match row.get_ref(10)?.as_str_or_null() {
        Ok(day) => day.map(codec::day_from_sql).transpose(),
        Err(e) => Err(format!("buried_until: {e}")),
    };
    Ok(card.and_then(|card| Ok(ItemRow { card, suspended, buried_until: buried_until? })))
}
