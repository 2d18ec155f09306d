//! `dopdeck check`: validate the material and summarise it.
//!
//! Given a progress database (`--db` or `DOPDECK_DB`), it also lists ids that have progress but
//! are no longer in the material: renaming or deleting an id orphans its review history, and an
//! author should find out before users do.

use std::io::Write;
use std::path::Path;
use std::process::ExitCode;

use anyhow::{Context, Result};

use crate::content::{self, Counts};

/// Arguments of `dopdeck check`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// Print one JSON object (counts, or problems) instead of text.
    #[arg(long)]
    pub json: bool,
    /// Fail (exit 1) on item-writing warnings too, not only on errors. CI runs this.
    #[arg(long)]
    pub strict: bool,
}

/// Validates and prints counts (exit 0) or every problem (exit 1); with `db`, orphaned ids in
/// that database are problems too.
pub fn run(args: &Args, dir: Option<&Path>, db: Option<&Path>, out: &mut impl Write) -> Result<ExitCode> {
    let (files, unread) = super::read_files(dir)?;
    match super::validate(&files, unread) {
        Ok(catalog) => {
            let counts = catalog.counts();
            let review = content::review(&files, &catalog.exam);
            let orphans = match db {
                Some(path) => Some(orphaned_ids(&catalog, path)?),
                None => None,
            };
            if args.json {
                let mut body = serde_json::to_value(&counts)?;
                if let Some(map) = body.as_object_mut() {
                    map.insert("item_writing".into(), serde_json::to_value(&review)?);
                    if let Some(o) = &orphans {
                        map.insert("orphaned".into(), serde_json::json!(o));
                    }
                }
                serde_json::to_writer_pretty(&mut *out, &body)?;
                writeln!(out)?;
            } else {
                print_counts(&counts, &catalog, out)?;
                print_review(&review, args.strict, out)?;
                if let (Some(o), Some(path)) = (&orphans, db) {
                    if o.is_empty() {
                        writeln!(out, "\nEvery id with progress in {} is still in the material.", path.display())?;
                    } else {
                        writeln!(
                            out,
                            "\n{} id(s) with progress in {} are no longer in the material (renamed or removed; their history is orphaned):",
                            o.len(),
                            path.display()
                        )?;
                        for id in o {
                            writeln!(out, "  {id}")?;
                        }
                    }
                }
            }
            let refused = orphans.is_some_and(|o| !o.is_empty()) || (args.strict && !review.warnings.is_empty());
            Ok(if refused { ExitCode::FAILURE } else { ExitCode::SUCCESS })
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

/// Ids that have a stored state or review log in `db` but no item in the material, sorted.
fn orphaned_ids(catalog: &content::Catalog, db: &Path) -> Result<Vec<String>> {
    if !db.exists() {
        anyhow::bail!("no progress database at {}", db.display());
    }
    // An id the material renames is not orphaned: its progress moves on the next open.
    crate::study::orphaned_ids(catalog, db).with_context(|| format!("cannot open {}", db.display()))
}

/// Item-writing warnings and, per domain, how often the form alone finds the key.
fn print_review(review: &content::lint::Review, strict: bool, out: &mut impl Write) -> Result<()> {
    writeln!(out, "\nitem writing   MC  key longest   MR  set longest  warnings")?;
    for (domain, f) in &review.domains {
        writeln!(
            out,
            "D{domain:<12} {:>4} {:>5} ({:>3.0} %) {:>4} {:>5} ({:>3.0} %) {:>9}",
            f.multiple_choice,
            f.keyed_longest,
            100.0 * f.keyed_longest_share,
            f.multiple_response,
            f.correct_set_longest,
            100.0 * f.correct_set_longest_share,
            f.warnings
        )?;
    }
    if review.warnings.is_empty() {
        return Ok(());
    }
    writeln!(out)?;
    for w in &review.warnings {
        writeln!(out, "{w}")?;
    }
    let note = if strict { "refused under --strict" } else { "`check --strict` refuses them" };
    writeln!(out, "{} item-writing warning(s); {note} (see docs/CONTENT.md)", review.warnings.len())?;
    Ok(())
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
