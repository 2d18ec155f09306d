//! `dopdeck item ITEM`: one item's content and scheduling state.

use std::io::Write;
use std::process::ExitCode;

use anyhow::Result;
use chrono::{DateTime, Utc};

use super::env::{self, DbArgs};
use crate::content::Catalog;
use crate::srs::{self, State};
use crate::study::{Clock, Study};

/// Arguments of `dopdeck item`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// Item id.
    pub item: String,
    /// Print JSON.
    #[arg(long)]
    pub json: bool,
    #[command(flatten)]
    pub db: DbArgs,
}

/// The state of an item as the JSON `dopdeck item --json` prints.
pub fn state_json(study: &Study<'_>, id: &str, now: DateTime<Utc>) -> Result<serde_json::Value> {
    let (card, row) = study.state(id, now)?;
    let reviews = study.reviews_of(id)?;
    let retrievability =
        if card.state == State::New { None } else { Some(srs::retrievability(study.scheduler(), &card, now)) };
    Ok(serde_json::json!({
        "id": id,
        "state": card.state.as_str(),
        "step": card.step,
        "stability": card.stability,
        "difficulty": card.difficulty,
        "retrievability": retrievability,
        "due": card.due.to_rfc3339(),
        "last_review": card.last_review.map(|t| t.to_rfc3339()),
        "reps": card.reps,
        "lapses": card.lapses,
        "reviews": reviews,
        "suspended": row.as_ref().is_some_and(|r| r.suspended),
    }))
}

/// Prints the item.
pub fn run(args: &Args, catalog: &Catalog, clock: Clock, out: &mut impl Write) -> Result<ExitCode> {
    let now = clock.now();
    let study = env::open_to_read(catalog, &args.db.path()?, now)?;
    let json = state_json(&study, &args.item, now)?;
    if args.json {
        writeln!(out, "{}", serde_json::to_string_pretty(&json)?)?;
        return Ok(ExitCode::SUCCESS);
    }
    if let Some(item) = catalog.item(&args.item) {
        let prompt = catalog.prompt(item);
        writeln!(
            out,
            "{} ({}, task {})\n\nQ: {}\nA: {}\n",
            item.id,
            item.kind.name(),
            item.task,
            prompt.front,
            prompt.back
        )?;
    }
    writeln!(out, "state {} · reviews {} · due {}", json["state"], json["reviews"], json["due"])?;
    if let (Some(s), Some(d)) = (json["stability"].as_f64(), json["difficulty"].as_f64()) {
        let r = json["retrievability"].as_f64().unwrap_or(0.0);
        writeln!(out, "stability {s:.2} d · difficulty {d:.2} · retrievability {:.0} %", r * 100.0)?;
    }
    Ok(ExitCode::SUCCESS)
}
