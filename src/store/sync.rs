//! What a sync reads from and writes to the progress database (see [`crate::sync`]).
//!
//! A sync is one write transaction: event ids are given to grades and finished attempts that
//! have none, the local events are read, the caller plans the merge (reading and appending the
//! journals meanwhile), and the plan is applied — all or nothing. Holding the write lock
//! throughout means a grade made in another window waits for the sync instead of being
//! overwritten by a rebuild computed without it.
//!
//! Event ids are `<device>-r<row id, 12 digits>-<time>` for grades and `<device>-a…` for
//! attempts: unique across devices (the device id is 64 random bits), stable for a row (so an
//! interrupted sync that assigned them, then rolled back, assigns the same ones again).

use std::collections::HashMap;

use chrono::DateTime;
use rusqlite::{Connection, params};

use super::items::write_card;
use super::reviews;
use super::{Store, StoreError};
use crate::srs::{CardState, ReviewLog};
use crate::sync::{
    AnswerRecord, AttemptEvent, AttemptRecord, DEVICE_KEY, Local, Plan, ReviewEvent, SettingEvent, UndoEvent,
    is_local_setting,
};

/// One grade of a rebuilt item, as replayed through the scheduler.
#[derive(Debug, Clone, PartialEq)]
pub struct ReplayedRow {
    pub event_id: String,
    pub log: ReviewLog,
    /// The item's state before this grade (`None` for its first), kept for undo.
    pub previous: Option<CardState>,
}

/// An item's replayed history and resulting state (`None`: no grade survives, it is new).
#[derive(Debug, Clone, PartialEq)]
pub struct Rebuilt {
    pub item_id: String,
    pub rows: Vec<ReplayedRow>,
    pub card: Option<CardState>,
}

impl Store {
    /// Runs one sync in a single write transaction.
    ///
    /// `merge` gets the local events and returns the plan and the rebuilt items; an error from
    /// it changes nothing. The plan is applied and committed before this returns.
    ///
    /// # Errors
    ///
    /// `merge`'s error, or a SQLite or decoding error naming the file.
    pub fn sync_with<E: From<StoreError>>(
        &self,
        merge: impl FnOnce(&Local) -> Result<(Plan, Vec<Rebuilt>), E>,
    ) -> Result<(Local, Plan), E> {
        // The device id is committed on its own first: event ids derive from it, so a sync
        // killed after publishing events must find the same id when it runs again.
        let tx = self.write()?;
        ensure_device(&tx).map_err(|e| self.db_err(e))?;
        tx.commit().map_err(|e| self.db_err(e))?;
        let tx = self.write()?;
        let device = assign_ids(&tx).map_err(|e| self.db_err(e))?;
        let local = read_local(&tx, device).map_err(|e| self.db_err(e))?.map_err(|d| self.decode_err(d))?;
        let (plan, rebuilt) = merge(&local)?;
        apply(&tx, &plan, &rebuilt).map_err(|e| self.db_err(e))?;
        tx.commit().map_err(|e| self.db_err(e))?;
        Ok((local, plan))
    }

    /// The local events without changing anything, for `sync --status`: grades not yet given
    /// an event id are left out and counted (they are pending by definition).
    ///
    /// # Errors
    ///
    /// A SQLite or decoding error naming the file.
    pub fn sync_local(&self) -> Result<(Local, u64), StoreError> {
        let device: Option<String> = self.get_setting(DEVICE_KEY)?;
        let pending: i64 = self
            .conn
            .query_row("SELECT count(*) FROM revlog WHERE event_id IS NULL", [], |r| r.get(0))
            .map_err(|e| self.db_err(e))?;
        let local = read_local(&self.conn, device.unwrap_or_default())
            .map_err(|e| self.db_err(e))?
            .map_err(|d| self.decode_err(d))?;
        Ok((local, u64::try_from(pending).unwrap_or(0)))
    }
}

/// Gives this database a device id (64 random bits) unless it has one.
fn ensure_device(conn: &Connection) -> rusqlite::Result<()> {
    conn.execute(
        "INSERT INTO settings (key, value) VALUES (?1, lower(hex(randomblob(8)))) ON CONFLICT (key) DO NOTHING",
        [DEVICE_KEY],
    )?;
    Ok(())
}

/// Gives every grade and finished attempt without one an event id; returns the device id.
fn assign_ids(conn: &Connection) -> rusqlite::Result<String> {
    ensure_device(conn)?;
    let device: String = conn.query_row("SELECT value FROM settings WHERE key = ?1", [DEVICE_KEY], |r| r.get(0))?;
    const REVIEW_ID: &str = "printf('%s-r%012d-%d', ?1, id, reviewed_at)";
    conn.execute(
        &format!("INSERT OR IGNORE INTO sync_seen (event_id) SELECT {REVIEW_ID} FROM revlog WHERE event_id IS NULL"),
        [&device],
    )?;
    conn.execute(&format!("UPDATE revlog SET event_id = {REVIEW_ID} WHERE event_id IS NULL"), [&device])?;
    conn.execute(
        "UPDATE exam_attempts SET event_id = printf('%s-a%012d-%d', ?1, id, started_at)
         WHERE event_id IS NULL AND submitted_at IS NOT NULL",
        [&device],
    )?;
    Ok(device)
}

fn read_local(conn: &Connection, device: String) -> rusqlite::Result<Result<Local, String>> {
    let mut local = Local { device, ..Local::default() };
    let mut stmt = conn
        .prepare("SELECT event_id, item_id, reviewed_at, rating, duration_ms FROM revlog WHERE event_id IS NOT NULL")?;
    let mut rows = stmt.query([])?;
    while let Some(r) = rows.next()? {
        let rating: i64 = r.get(3)?;
        local.reviews.push(ReviewEvent {
            id: r.get(0)?,
            item: r.get(1)?,
            at: r.get(2)?,
            rating: u8::try_from(rating).unwrap_or(0),
            ms: r.get(4)?,
        });
    }
    let mut stmt = conn.prepare("SELECT event_id FROM sync_seen")?;
    local.seen = stmt.query_map([], |r| r.get(0))?.collect::<rusqlite::Result<_>>()?;
    let mut stmt = conn.prepare("SELECT event_id, at FROM sync_tombstones ORDER BY event_id")?;
    local.tombstones = stmt
        .query_map([], |r| Ok(UndoEvent::of(&r.get::<_, String>(0)?, r.get(1)?)))?
        .collect::<rusqlite::Result<_>>()?;
    local.attempts = read_attempts(conn)?;
    let mut stmt = conn.prepare("SELECT key, value FROM settings")?;
    for row in stmt.query_map([], |r| Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?)))? {
        let (key, value) = row?;
        if !is_local_setting(&key) {
            local.settings.insert(key, value);
        }
    }
    let mut stmt = conn.prepare("SELECT key, value, at, event_id FROM sync_settings")?;
    for row in
        stmt.query_map([], |r| Ok(SettingEvent { key: r.get(0)?, value: r.get(1)?, at: r.get(2)?, id: r.get(3)? }))?
    {
        let stamp = row?;
        local.stamps.insert(stamp.key.clone(), stamp);
    }
    if let Some(bad) = local.reviews.iter().find(|r| !(1..=4).contains(&r.rating)) {
        return Ok(Err(format!("review {} has rating {}", bad.id, bad.rating)));
    }
    Ok(Ok(local))
}

fn read_attempts(conn: &Connection) -> rusqlite::Result<Vec<AttemptEvent>> {
    let mut answers: HashMap<i64, Vec<AnswerRecord>> = HashMap::new();
    let mut stmt = conn.prepare(
        "SELECT a.attempt, a.question_id, a.option_order, a.answer, a.flagged, a.answered_at
         FROM exam_answers a JOIN exam_attempts t ON t.id = a.attempt
         WHERE t.event_id IS NOT NULL ORDER BY a.attempt, a.position",
    )?;
    let mut rows = stmt.query([])?;
    while let Some(r) = rows.next()? {
        answers.entry(r.get(0)?).or_default().push(AnswerRecord {
            question: r.get(1)?,
            order: r.get(2)?,
            answer: r.get(3)?,
            flagged: r.get(4)?,
            answered_at: r.get(5)?,
        });
    }
    let mut stmt = conn.prepare(
        "SELECT id, event_id, mode, scope, seed, started_at, deadline, submitted_at, current, questions,
                correct, scaled
         FROM exam_attempts WHERE event_id IS NOT NULL AND submitted_at IS NOT NULL ORDER BY id",
    )?;
    let attempts = stmt
        .query_map([], |r| {
            let id: i64 = r.get(0)?;
            Ok(AttemptEvent {
                id: r.get(1)?,
                attempt: AttemptRecord {
                    mode: r.get(2)?,
                    scope: r.get(3)?,
                    seed: r.get(4)?,
                    started_at: r.get(5)?,
                    deadline: r.get(6)?,
                    submitted_at: r.get(7)?,
                    current: r.get(8)?,
                    questions: r.get(9)?,
                    correct: r.get(10)?,
                    scaled: r.get(11)?,
                    answers: answers.remove(&id).unwrap_or_default(),
                },
            })
        })?
        .collect::<rusqlite::Result<_>>()?;
    Ok(attempts)
}

fn apply(conn: &Connection, plan: &Plan, rebuilt: &[Rebuilt]) -> rusqlite::Result<()> {
    for undo in &plan.tombstones {
        conn.prepare_cached("INSERT OR IGNORE INTO sync_tombstones (event_id, at) VALUES (?1, ?2)")?
            .execute(params![undo.target, undo.at])?;
    }
    for item in rebuilt {
        conn.prepare_cached("DELETE FROM revlog WHERE item_id = ?1")?.execute([&item.item_id])?;
        for row in &item.rows {
            insert_row(conn, row)?;
        }
        match &item.card {
            Some(card) => write_card(conn, &item.item_id, card)?,
            None => make_new(conn, &item.item_id)?,
        }
    }
    for id in &plan.seen {
        conn.prepare_cached("INSERT OR IGNORE INTO sync_seen (event_id) VALUES (?1)")?.execute([id])?;
    }
    for attempt in &plan.attempts {
        insert_attempt(conn, attempt)?;
    }
    for s in &plan.settings {
        conn.prepare_cached(
            "INSERT INTO settings (key, value) VALUES (?1, ?2) ON CONFLICT (key) DO UPDATE SET value = excluded.value",
        )?
        .execute([&s.key, &s.value])?;
        conn.prepare_cached(
            "INSERT INTO sync_settings (key, value, at, event_id) VALUES (?1, ?2, ?3, ?4)
             ON CONFLICT (key) DO UPDATE SET value = excluded.value, at = excluded.at, event_id = excluded.event_id",
        )?
        .execute(params![s.key, s.value, s.at, s.id])?;
    }
    Ok(())
}

/// An item none of whose grades survive: its row goes, unless suspended or buried (flags set
/// independently of grades), which keeps a new-item row.
fn make_new(conn: &Connection, id: &str) -> rusqlite::Result<()> {
    conn.execute("DELETE FROM items WHERE id = ?1 AND suspended = 0 AND buried_until IS NULL", [id])?;
    if conn.changes() == 0 {
        write_card(conn, id, &CardState::new(DateTime::UNIX_EPOCH))?;
    }
    Ok(())
}

fn insert_row(conn: &Connection, row: &ReplayedRow) -> rusqlite::Result<()> {
    reviews::insert_log_with_event(conn, &row.log, row.previous.as_ref(), Some(row.event_id.as_str()))
}

fn insert_attempt(conn: &Connection, event: &AttemptEvent) -> rusqlite::Result<()> {
    let a = &event.attempt;
    let inserted = conn.execute(
        "INSERT OR IGNORE INTO exam_attempts (mode, scope, seed, started_at, deadline, submitted_at, current,
             questions, correct, scaled, event_id)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)",
        params![
            a.mode,
            a.scope,
            a.seed,
            a.started_at,
            a.deadline,
            a.submitted_at,
            a.current,
            a.questions,
            a.correct,
            a.scaled,
            event.id
        ],
    )?;
    if inserted == 0 {
        return Ok(());
    }
    let attempt = conn.last_insert_rowid();
    for (position, answer) in a.answers.iter().enumerate() {
        conn.execute(
            "INSERT INTO exam_answers (attempt, position, question_id, option_order, answer, flagged, answered_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
            params![
                attempt,
                position as i64,
                answer.question,
                answer.order,
                answer.answer,
                answer.flagged,
                answer.answered_at
            ],
        )?;
    }
    Ok(())
}
