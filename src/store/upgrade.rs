//! Schema upgrades: the backup taken before migrating, and the migration itself.

use std::io;
use std::path::{Path, PathBuf};

use rusqlite::{Connection, Transaction, TransactionBehavior};

use super::error::StoreError;
use super::open::{APPLICATION_ID, create_private_file, schema_version};

/// Copies an older database to `<file>.bak-v<version>` before migrating it.
///
/// `VACUUM INTO` writes a consistent, compact copy that includes anything still in the WAL.
/// The copy is created private first; an existing backup is never overwritten (a numbered
/// name is used instead).
pub(crate) fn backup(conn: &Connection, path: &Path, version: u32) -> Result<PathBuf, StoreError> {
    backup_named(conn, path, &format!("v{version}"))
}

/// Copies the database to `<file>.bak-<what>` (numbered if that exists) before a change that
/// rewrites progress, such as moving renamed ids.
pub(crate) fn backup_named(conn: &Connection, path: &Path, what: &str) -> Result<PathBuf, StoreError> {
    let base = format!("{}.bak-{what}", path.display());
    let mut target = PathBuf::from(&base);
    let mut n = 1;
    while target.exists() {
        n += 1;
        target = PathBuf::from(format!("{base}.{n}"));
    }
    create_private_file(&target)?;
    let target_str = target.to_str().ok_or_else(|| StoreError::Io {
        path: target.clone(),
        source: io::Error::new(io::ErrorKind::InvalidInput, "backup path is not UTF-8"),
    })?;
    conn.execute("VACUUM INTO ?1", [target_str])
        .map_err(|source| StoreError::Database { path: target.clone(), source })?;
    Ok(target)
}

/// Applies the migrations the database has not had yet, in one write transaction.
///
/// The version is read again inside the transaction, so two dopdecks opening an old file at
/// once migrate it exactly once.
pub(crate) fn migrate(conn: &mut Connection, path: &Path, migrations: &[&str]) -> Result<(), StoreError> {
    let latest = schema_version(migrations);
    let db_err = |source| StoreError::Database { path: path.to_path_buf(), source };
    let tx = Transaction::new(conn, TransactionBehavior::Immediate).map_err(db_err)?;
    let version: u32 = tx.query_row("PRAGMA user_version", [], |r| r.get(0)).map_err(db_err)?;
    if version > latest {
        return Err(StoreError::TooNew { path: path.to_path_buf(), found: version, supported: latest });
    }
    if version == latest {
        return Ok(());
    }
    for migration in migrations.iter().skip(version as usize) {
        tx.execute_batch(migration).map_err(db_err)?;
    }
    tx.pragma_update(None, "application_id", APPLICATION_ID).map_err(db_err)?;
    tx.pragma_update(None, "user_version", latest).map_err(db_err)?;
    tx.commit().map_err(db_err)
}
