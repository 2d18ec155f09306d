//! Moving progress from renamed ids to their new ids.
//!
//! The material declares renames with `replaces` (see `content::renames`). When a database is
//! opened with material whose rename list it has not seen, the progress recorded under each old
//! id — the item's state, its review log and its exam answers — moves to the new id, all in one
//! transaction, after a backup copy of the file. A fingerprint of the list is stored, so the
//! next open with the same material costs one settings read.

use std::path::PathBuf;

use rusqlite::{OptionalExtension, Transaction, params};

use super::upgrade::backup_named;
use super::{Store, StoreError};

/// Settings key holding the fingerprint of the last rename list applied.
const APPLIED_KEY: &str = "renames.applied";

/// What [`Store::apply_renames`] did.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct RenameReport {
    /// Old ids whose progress moved (state, log or exam answers).
    pub moved: usize,
    /// The copy taken before moving anything; `None` when nothing moved or the store is in memory.
    pub backup: Option<PathBuf>,
}

impl Store {
    /// Moves progress recorded under each `old` id to its `new` id, once per rename list.
    ///
    /// If both ids have a stored state, the one reviewed last is kept. Review-log rows and exam
    /// answers are always moved. Safe to call from several processes at once: the work and the
    /// fingerprint are written in one write transaction, and a process that finds the
    /// fingerprint already stored does nothing.
    ///
    /// # Errors
    ///
    /// A SQLite error naming the file, or an I/O error writing the backup; nothing is moved then.
    pub fn apply_renames(&self, renames: &[(&str, &str)]) -> Result<RenameReport, StoreError> {
        if renames.is_empty() {
            return Ok(RenameReport::default());
        }
        let print = fingerprint(renames);
        if self.get_setting(APPLIED_KEY)?.as_deref() == Some(print.as_str()) {
            return Ok(RenameReport::default());
        }
        let pending = self.pending(renames)?;
        let backup = if pending.is_empty() || self.path.as_os_str() == ":memory:" {
            None
        } else {
            Some(backup_named(&self.conn, &self.path, "renames")?)
        };
        let tx = self.write()?;
        let mut moved = 0;
        for &(old, new) in &pending {
            moved += usize::from(move_one(&tx, old, new).map_err(|e| self.db_err(e))?);
        }
        tx.execute(
            "INSERT INTO settings (key, value) VALUES (?1, ?2)
             ON CONFLICT (key) DO UPDATE SET value = excluded.value",
            params![APPLIED_KEY, print],
        )
        .map_err(|e| self.db_err(e))?;
        tx.commit().map_err(|e| self.db_err(e))?;
        Ok(RenameReport { moved, backup: if moved > 0 { backup } else { None } })
    }

    /// The renames whose old id has any progress in this database.
    fn pending<'r>(&self, renames: &[(&'r str, &'r str)]) -> Result<Vec<(&'r str, &'r str)>, StoreError> {
        let mut out = Vec::new();
        let mut stmt = self
            .conn
            .prepare_cached(
                "SELECT EXISTS (SELECT 1 FROM items WHERE id = ?1)
                     OR EXISTS (SELECT 1 FROM revlog WHERE item_id = ?1)
                     OR EXISTS (SELECT 1 FROM exam_answers WHERE question_id = ?1)",
            )
            .map_err(|e| self.db_err(e))?;
        for &(old, new) in renames {
            let used: bool = stmt.query_row([old], |r| r.get(0)).map_err(|e| self.db_err(e))?;
            if used {
                out.push((old, new));
            }
        }
        Ok(out)
    }
}

/// Moves one id's progress inside `tx`; true if anything moved.
fn move_one(tx: &Transaction<'_>, old: &str, new: &str) -> rusqlite::Result<bool> {
    let last = |id: &str| -> rusqlite::Result<Option<Option<i64>>> {
        tx.query_row("SELECT last_review FROM items WHERE id = ?1", [id], |r| r.get(0)).optional()
    };
    let mut changed = 0;
    match (last(old)?, last(new)?) {
        (Some(_), None) => changed += tx.execute("UPDATE items SET id = ?2 WHERE id = ?1", [old, new])?,
        (Some(o), Some(n)) => {
            if o.unwrap_or(i64::MIN) > n.unwrap_or(i64::MIN) {
                tx.execute("DELETE FROM items WHERE id = ?1", [new])?;
                changed += tx.execute("UPDATE items SET id = ?2 WHERE id = ?1", [old, new])?;
            } else {
                changed += tx.execute("DELETE FROM items WHERE id = ?1", [old])?;
            }
        }
        _ => {}
    }
    changed += tx.execute("UPDATE revlog SET item_id = ?2 WHERE item_id = ?1", [old, new])?;
    changed += tx.execute("UPDATE exam_answers SET question_id = ?2 WHERE question_id = ?1", [old, new])?;
    Ok(changed > 0)
}

/// A stable fingerprint of a rename list (FNV-1a, 64 bits, over `old\tnew\n` lines).
fn fingerprint(renames: &[(&str, &str)]) -> String {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for (old, new) in renames {
        for b in old.bytes().chain([b'\t']).chain(new.bytes()).chain([b'\n']) {
            h ^= u64::from(b);
            h = h.wrapping_mul(0x0100_0000_01b3);
        }
    }
    format!("{h:016x}-{}", renames.len())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fingerprint_depends_on_every_pair() {
        let a = vec![("a", "b")];
        let b = vec![("a", "c")];
        assert_ne!(fingerprint(&a), fingerprint(&b));
        assert_eq!(fingerprint(&a), fingerprint(&a.clone()));
    }
}
