//! Loading a whole history at once, for the scale fixture and benches.
//!
//! Recording grades one by one costs a transaction each; a fixture of two million reviews needs
//! them written in one transaction with prepared statements. The rows go through the same
//! column writers as a real grade, so the result is a database in the real schema.

use super::items::write_card;
use super::reviews::insert_log;
use super::{Store, StoreError};
use crate::srs::{CardState, ReviewLog};

impl Store {
    /// Writes every item state of `items` and appends every log of `logs`, in one transaction.
    ///
    /// Meant for building large test and benchmark histories: the logs are stored as given
    /// (without a previous state, so they cannot be undone), and nothing checks that they agree
    /// with the item states.
    ///
    /// # Errors
    ///
    /// A SQLite error naming the file; nothing is written then.
    pub fn bulk_load<'a>(
        &self,
        items: impl IntoIterator<Item = (&'a str, &'a CardState)>,
        logs: impl IntoIterator<Item = ReviewLog>,
    ) -> Result<(), StoreError> {
        let tx = self.write()?;
        for (id, card) in items {
            write_card(&tx, id, card).map_err(|e| self.db_err(e))?;
        }
        for log in logs {
            insert_log(&tx, &log, None).map_err(|e| self.db_err(e))?;
        }
        tx.commit().map_err(|e| self.db_err(e))
    }
}
