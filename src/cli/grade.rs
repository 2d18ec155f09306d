//! `dopdeck grade`, `undo`, `suspend`, `unsuspend`: one change to one item, committed before
//! the command returns.

#![deny(clippy::indexing_slicing)]

use std::io::Write;
use std::process::ExitCode;

use anyhow::{Context, Result, bail};
use chrono::{DateTime, Utc};

use super::env::{self, DbArgs};
use crate::content::Catalog;
use crate::srs::Rating;
use crate::study::{Clock, Intent, Opening, Refusal, StudyError};
use crate::text::time::datetime;

/// Arguments of `dopdeck grade`.
#[derive(Debug, clap::Args)]
pub struct GradeArgs {
    /// Item id (a card, table row, sequence or question).
    pub item: String,
    /// again, hard, good or easy (or 1–4).
    pub rating: String,
    /// Grade at this time (RFC 3339) instead of now.
    #[arg(long)]
    pub at: Option<String>,
    /// Print the new state as JSON.
    #[arg(long)]
    pub json: bool,
    #[command(flatten)]
    pub db: DbArgs,
}

/// Arguments of `dopdeck undo`.
#[derive(Debug, clap::Args)]
pub struct UndoArgs {
    #[command(flatten)]
    pub db: DbArgs,
}

/// Arguments of `dopdeck suspend` and `unsuspend`.
#[derive(Debug, clap::Args)]
pub struct ItemArgs {
    /// Item id.
    pub item: String,
    #[command(flatten)]
    pub db: DbArgs,
}

/// Parses a rating word or digit.
pub fn parse_rating(s: &str) -> Result<Rating> {
    let r = match s.trim().to_ascii_lowercase().as_str() {
        "again" | "1" => Rating::Again,
        "hard" | "2" => Rating::Hard,
        "good" | "3" => Rating::Good,
        "easy" | "4" => Rating::Easy,
        other => bail!("`{other}` is not a rating: use again, hard, good or easy (or 1–4)"),
    };
    Ok(r)
}

fn at_or_now(at: Option<&str>, clock: Clock) -> Result<DateTime<Utc>> {
    match at {
        Some(s) => Ok(DateTime::parse_from_rfc3339(s)
            .with_context(|| format!("--at {s:?} is not an RFC 3339 time (e.g. 2026-11-21T12:00:00Z)"))?
            .with_timezone(&Utc)),
        None => Ok(clock.now()),
    }
}

/// Grades one item.
pub fn grade(
    args: &GradeArgs,
    catalog: &Catalog,
    clock: Clock,
    opening: Option<Opening>,
    out: &mut impl Write,
) -> Result<ExitCode> {
    let rating = parse_rating(&args.rating)?;
    let now = at_or_now(args.at.as_deref(), clock)?;
    let study = env::open_for(catalog, &args.db.path()?, now, Intent::Write, opening)?;
    // A grade back-dated before the item's last review would rewrite history out of order
    // (negative elapsed time for the scheduler): refused, nothing written.
    if args.at.is_some()
        && let Some(last) = study.state(&args.item, now)?.0.last_review
        && now < last
    {
        anyhow::bail!(
            "--at {} is earlier than the last review of {} ({}): grades can only be added after it",
            now.to_rfc3339(),
            args.item,
            last.to_rfc3339()
        );
    }
    let reviewed = study.grade(&args.item, rating, now, None, None)?;
    if args.json {
        writeln!(out, "{}", serde_json::to_string_pretty(&super::item::state_json(&study, &args.item, now)?)?)?;
    } else {
        let c = &reviewed.card;
        writeln!(
            out,
            "{}: {} → {} (due {})",
            args.item,
            rating.as_str(),
            c.state.as_str(),
            datetime(c.due, study.utc_offset())
        )?;
    }
    Ok(ExitCode::SUCCESS)
}

/// Takes back the last grade.
pub fn undo(args: &UndoArgs, catalog: &Catalog, clock: Clock, out: &mut impl Write) -> Result<ExitCode> {
    let now = clock.now();
    let study = env::open(catalog, &args.db.path()?, now)?;
    match study.undo() {
        Ok(u) => {
            let state = u.restored.as_ref().map_or("new", |c| c.state.as_str());
            writeln!(out, "undid {} of {}; it is {} again", u.log.rating.as_str(), u.log.item_id, state)?;
            Ok(ExitCode::SUCCESS)
        }
        Err(StudyError::Session(Refusal::NothingToUndo)) => {
            writeln!(out, "nothing to undo")?;
            Ok(ExitCode::FAILURE)
        }
        Err(e) => Err(e.into()),
    }
}

/// Suspends or unsuspends an item.
pub fn suspend(args: &ItemArgs, catalog: &Catalog, on: bool, clock: Clock, out: &mut impl Write) -> Result<ExitCode> {
    let now = clock.now();
    let study = env::open(catalog, &args.db.path()?, now)?;
    if on {
        study.suspend(&args.item)?;
        writeln!(out, "suspended {}", args.item)?;
    } else {
        study.unsuspend(&args.item)?;
        writeln!(out, "unsuspended {}", args.item)?;
    }
    Ok(ExitCode::SUCCESS)
}
