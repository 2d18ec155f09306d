//! Key/value settings, such as the fitted FSRS parameters (stored as JSON by the caller).

use rusqlite::OptionalExtension;

use super::{Store, StoreError};

impl Store {
    /// The value stored under `key`, if any.
    ///
    /// # Errors
    ///
    /// A SQLite error naming the file.
    pub fn get_setting(&self, key: &str) -> Result<Option<String>, StoreError> {
        self.conn
            .prepare_cached("SELECT value FROM settings WHERE key = ?1")
            .and_then(|mut stmt| stmt.query_row([key], |row| row.get(0)).optional())
            .map_err(|e| self.db_err(e))
    }

    /// Stores `value` under `key`, replacing any previous value.
    ///
    /// # Errors
    ///
    /// A SQLite error naming the file.
    pub fn set_setting(&self, key: &str, value: &str) -> Result<(), StoreError> {
        let tx = self.write()?;
        tx.execute(
            "INSERT INTO settings (key, value) VALUES (?1, ?2)
             ON CONFLICT (key) DO UPDATE SET value = excluded.value",
            [key, value],
        )
        .map_err(|e| self.db_err(e))?;
        tx.commit().map_err(|e| self.db_err(e))
    }
}
