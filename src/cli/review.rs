//! `dopdeck review --plain`: line-mode review for screen readers, ssh and scripts.
//!
//! Prints the front; Enter shows the back and the four buttons with the interval each would
//! give; `1`–`4` (or again/hard/good/easy) grades, and the grade is committed before the next
//! card appears; `u` undoes the last grade, `s` suspends, `b` buries the card's siblings for
//! today, `q` quits. Reads standard input line by line, so it can be scripted.

#![deny(clippy::indexing_slicing)]

use std::io::{BufRead, Write};
use std::process::ExitCode;
use std::time::Instant;

use anyhow::Result;

use super::env::{self, DbArgs};
use super::grade::parse_rating;
use crate::content::Catalog;
use crate::srs::Rating;
use crate::study::{Clock, Refusal, StudyError};
use crate::text::time::{datetime, short_interval};

/// Arguments of `dopdeck review`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// The deck (default: daily).
    #[arg(long, default_value = "daily")]
    pub deck: String,
    /// Line mode: plain text on standard input and output.
    #[arg(long)]
    pub plain: bool,
    /// Cram: every item of the deck (or `--topic`, `--domain`) whatever its due date, weakest
    /// first; seen items are recorded and nothing is rescheduled. Line mode.
    #[arg(long)]
    pub cram: bool,
    /// With --cram: the items of this topic.
    #[arg(long, requires = "cram", conflicts_with = "domain")]
    pub topic: Option<String>,
    /// With --cram: the items of this domain (1–6).
    #[arg(long, requires = "cram")]
    pub domain: Option<u8>,
    #[command(flatten)]
    pub db: DbArgs,
}

/// Runs a plain review session over `input`.
pub fn run_plain(
    args: &Args,
    catalog: &Catalog,
    clock: Clock,
    input: &mut impl BufRead,
    out: &mut impl Write,
) -> Result<ExitCode> {
    let now = clock.now();
    let study = env::open(catalog, &args.db.path()?, now)?;
    let deck = study.deck(&args.deck)?;
    let mut reviewed = 0u32;
    let mut line = String::new();
    loop {
        let now = clock.now();
        let queue = study.queue(deck, now)?;
        let Some(entry) = queue.first() else {
            let due = study.due(deck, now)?;
            write!(out, "\nDone for now: {reviewed} reviewed.")?;
            if let Some(next) = due.next_due {
                write!(out, " Next due {}.", datetime(next, study.utc_offset()))?;
            }
            writeln!(out)?;
            return Ok(ExitCode::SUCCESS);
        };
        let Some(item) = catalog.item(&entry.id) else { continue };
        let prompt = catalog.prompt(item);
        let counts = study.due(deck, now)?;
        writeln!(
            out,
            "\n[{} new · {} learning · {} review]  {} · task {}",
            counts.new,
            counts.learning,
            counts.review,
            item.kind.name(),
            item.task
        )?;
        writeln!(out, "{}", prompt.front)?;
        writeln!(out, "(Enter: show answer · q: quit)")?;
        out.flush()?;
        let shown = Instant::now();
        line.clear();
        if input.read_line(&mut line)? == 0 || line.trim() == "q" {
            writeln!(out, "Stopped: {reviewed} reviewed.")?;
            return Ok(ExitCode::SUCCESS);
        }
        writeln!(out, "—\n{}", prompt.back)?;
        let now = clock.now();
        let preview = study.preview(&item.id, now, Some(deck))?;
        let labels: Vec<String> = [Rating::Again, Rating::Hard, Rating::Good, Rating::Easy]
            .iter()
            .zip(&preview)
            .enumerate()
            .map(|(i, (r, c))| format!("{} {} ({})", i + 1, r.as_str(), short_interval(now, c.due)))
            .collect();
        loop {
            writeln!(out, "{}   u undo · s suspend · b bury · q quit", labels.join(" · "))?;
            out.flush()?;
            line.clear();
            if input.read_line(&mut line)? == 0 {
                writeln!(out, "Stopped: {reviewed} reviewed.")?;
                return Ok(ExitCode::SUCCESS);
            }
            let answer = line.trim();
            let now = clock.now();
            match answer {
                "q" => {
                    writeln!(out, "Stopped: {reviewed} reviewed.")?;
                    return Ok(ExitCode::SUCCESS);
                }
                "u" => {
                    match study.undo() {
                        Ok(u) => writeln!(out, "undid {} of {}", u.log.rating.as_str(), u.log.item_id)?,
                        Err(StudyError::Session(Refusal::NothingToUndo)) => writeln!(out, "nothing to undo")?,
                        Err(e) => return Err(e.into()),
                    }
                    reviewed = reviewed.saturating_sub(1);
                    break;
                }
                "s" => {
                    study.suspend(&item.id)?;
                    writeln!(out, "suspended {}", item.id)?;
                    break;
                }
                "b" => {
                    let n = study.bury(&item.id, now)?;
                    writeln!(out, "buried {} and {n} sibling(s) until tomorrow", item.id)?;
                    break;
                }
                other => match parse_rating(other) {
                    Ok(rating) => {
                        let ms = u32::try_from(shown.elapsed().as_millis()).unwrap_or(u32::MAX);
                        let r = study.grade(&item.id, rating, now, Some(deck), Some(ms))?;
                        reviewed += 1;
                        writeln!(
                            out,
                            "graded {} {} → next {}",
                            item.id,
                            rating.as_str(),
                            short_interval(now, r.card.due)
                        )?;
                        break;
                    }
                    Err(e) => writeln!(out, "{e}")?,
                },
            }
        }
    }
}
