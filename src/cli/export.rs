//! `dopdeck export apkg FILE [--deck D] [--progress]`: the material as an Anki package.

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::{Context, Result};

use super::env::{self, DbArgs};
use crate::content::Catalog;

/// Arguments of `dopdeck export`.
#[derive(Debug, clap::Args)]
pub struct Args {
    #[command(subcommand)]
    pub format: Format,
}

/// What to export to.
#[derive(Debug, clap::Subcommand)]
pub enum Format {
    /// An Anki package (.apkg) for Anki, AnkiDroid and AnkiMobile. Import it with "Import any
    /// learning progress" ticked to keep the schedule of `--progress`.
    Apkg(ApkgArgs),
}

/// Arguments of `dopdeck export apkg`.
#[derive(Debug, clap::Args)]
pub struct ApkgArgs {
    /// The file to write (replaced if it exists).
    pub file: PathBuf,
    /// Only this deck's items (default: all the material).
    #[arg(long)]
    pub deck: Option<String>,
    /// Include each card's schedule and your review history.
    #[arg(long)]
    pub progress: bool,
    /// Print JSON.
    #[arg(long)]
    pub json: bool,
    #[command(flatten)]
    pub db: DbArgs,
}

/// Writes the package and says what it holds.
pub fn run(args: &Args, catalog: &Catalog, clock: crate::study::Clock, out: &mut impl Write) -> Result<ExitCode> {
    let Format::Apkg(a) = &args.format;
    let now = clock.now();
    let study = env::open_to_read(catalog, &a.db.path()?, now)?;
    let summary = study
        .export_apkg(&a.file, a.deck.as_deref(), a.progress, now)
        .with_context(|| format!("cannot export to {}", a.file.display()))?;
    if a.json {
        writeln!(out, "{}", serde_json::to_string_pretty(&summary)?)?;
        return Ok(ExitCode::SUCCESS);
    }
    let what = summary.deck.as_deref().map_or_else(|| "all the material".to_string(), |d| format!("deck {d}"));
    write!(out, "Wrote {} notes ({what}) to {}", summary.notes, a.file.display())?;
    if a.progress {
        writeln!(out, ", {} with a schedule, {} reviews.", summary.scheduled, summary.reviews)?;
        writeln!(out, "In Anki: File > Import, tick \"Import any learning progress\" to keep the schedule.")?;
    } else {
        writeln!(out, ".")?;
    }
    Ok(ExitCode::SUCCESS)
}
