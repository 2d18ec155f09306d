//! `dopdeck check`: validate the material and summarise it.

use std::io::Write;
use std::path::Path;
use std::process::ExitCode;

use anyhow::Result;

use crate::content::{self, Counts};

/// Arguments of `dopdeck check`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// Print one JSON object (counts, or problems) instead of text.
    #[arg(long)]
    pub json: bool,
}

/// Validates and prints counts (exit 0) or every problem (exit 1).
pub fn run(args: &Args, dir: Option<&Path>, out: &mut impl Write) -> Result<ExitCode> {
    let files = super::read_files(dir)?;
    match content::load(&files) {
        Ok(catalog) => {
            let counts = catalog.counts();
            if args.json {
                serde_json::to_writer_pretty(&mut *out, &counts)?;
                writeln!(out)?;
            } else {
                print_counts(&counts, &catalog, out)?;
            }
            Ok(ExitCode::SUCCESS)
        }
        Err(problems) => {
            if args.json {
                let body = serde_json::json!({ "ok": false, "problems": problems });
                serde_json::to_writer_pretty(&mut *out, &body)?;
                writeln!(out)?;
            } else {
                for p in &problems {
                    writeln!(out, "{p}")?;
                }
                let files: std::collections::BTreeSet<&str> = problems.iter().map(|p| p.file.as_str()).collect();
                writeln!(out, "{} problem(s) in {} file(s)", problems.len(), files.len())?;
            }
            Ok(ExitCode::FAILURE)
        }
    }
}

fn print_counts(c: &Counts, catalog: &content::Catalog, out: &mut impl Write) -> Result<()> {
    writeln!(out, "ok: the material is valid")?;
    writeln!(
        out,
        "{} topics · {} written cards + {} derived · {} questions ({} multiple response)",
        c.topics, c.cards.written, c.cards.derived, c.questions, c.multiple_response
    )?;
    writeln!(
        out,
        "{} tables · {} comparisons · {} sequences · {} strategies · {} decks",
        c.tables, c.comparisons, c.sequences, c.strategies, c.decks
    )?;
    writeln!(out, "\n{:<6} {:>7} {:>8} {:>10}", "task", "cards", "derived", "questions")?;
    for domain in &catalog.exam.domains {
        for task in &domain.tasks {
            let t = c.tasks.get(task.id.get_ref()).copied().unwrap_or_default();
            writeln!(out, "{:<6} {:>7} {:>8} {:>10}", task.id.get_ref(), t.cards, t.derived, t.questions)?;
        }
        let d = c.domains.get(&domain.number.get_ref().to_string()).copied().unwrap_or_default();
        writeln!(
            out,
            "{:<6} {:>7} {:>8} {:>10}  {} ({} %)",
            format!("D{}", domain.number.get_ref()),
            d.cards,
            d.derived,
            d.questions,
            domain.name,
            domain.weight
        )?;
    }
    Ok(())
}
