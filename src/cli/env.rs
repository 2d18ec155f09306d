//! What every progress command needs: the database path, the clock built at the edge, and
//! opening the study.

use std::path::{Path, PathBuf};

use anyhow::{Context, Result, anyhow};
use chrono::{DateTime, Utc};

use crate::content::Catalog;
use crate::study::{Clock, Intent, Opening, Study, default_db_path};

/// Options shared by the commands that read or write progress.
#[derive(Debug, Clone, clap::Args)]
pub struct DbArgs {
    /// The progress database (default: progress.db in your data directory).
    #[arg(long, global = true, env = "DOPDECK_DB", value_name = "PATH")]
    pub db: Option<PathBuf>,
}

impl DbArgs {
    /// The database path: `--db`, `DOPDECK_DB`, or the data directory.
    pub fn path(&self) -> Result<PathBuf> {
        match &self.db {
            Some(p) => Ok(p.clone()),
            None => default_db_path().ok_or_else(|| anyhow!("no home directory: pass --db PATH or set DOPDECK_DB")),
        }
    }
}

/// A deck, JSON output and the database: what `due` and `stats` take.
#[derive(Debug, Clone, clap::Args)]
pub struct DeckArgs {
    /// The deck (default: daily).
    #[arg(long, default_value = "daily")]
    pub deck: String,
    /// Print JSON.
    #[arg(long)]
    pub json: bool,
    #[command(flatten)]
    pub db: DbArgs,
}

/// The clock [`super::run`] built once from `DOPDECK_NOW`, or the error that variable gave
/// (reported only by the commands that need the time).
pub fn clock(built: &std::result::Result<Clock, String>) -> Result<Clock> {
    built.clone().map_err(|e| anyhow!(e))
}

/// Opens the study context for `catalog` and the database.
pub fn open<'c>(catalog: &'c Catalog, db: &Path, now: DateTime<Utc>) -> Result<Study<'c>> {
    open_for(catalog, db, now, Intent::Write, None)
}

/// [`open`] for a command that only reports (see [`Intent::Read`]).
pub fn open_to_read<'c>(catalog: &'c Catalog, db: &Path, now: DateTime<Utc>) -> Result<Study<'c>> {
    open_for(catalog, db, now, Intent::Read, None)
}

/// Opens the study of `catalog` over `db` for `intent`, taking over `opening` when it is the
/// [`preopen`]ing of that very database.
pub fn open_for<'c>(
    catalog: &'c Catalog,
    db: &Path,
    now: DateTime<Utc>,
    intent: Intent,
    opening: Option<Opening>,
) -> Result<Study<'c>> {
    let fuzz = crate::study::clock::fuzz();
    let study = match opening.filter(|o| o.is_for(db, intent)) {
        Some(opening) => Study::finish_opening(catalog, opening, now, fuzz),
        None => Study::open_for(catalog, db, now, fuzz, intent),
    }
    .with_context(|| format!("cannot open the progress database {}", db.display()))?;
    let moved = study.renamed();
    if moved.moved > 0 {
        let backup = moved.backup.as_ref().map(|b| format!(" (backup: {})", b.display())).unwrap_or_default();
        eprintln!("Moved the progress of {} renamed item(s) to their new ids{backup}.", moved.moved);
    }
    Ok(study)
}

/// Opens the existing database `db` for `intent` while the material loads on another thread
/// (see [`Opening`]); the command hands it to [`open_for`]. A database that does not exist yet
/// is created by the command itself, in order.
pub fn preopen(db: Option<PathBuf>, intent: Intent) -> Option<Opening> {
    db.filter(|p| p.is_file()).map(|db| Opening::open(db, intent))
}
