//! `dopdeck stats`: reviews today, streak, true retention, items by state, the due forecast.

#![deny(clippy::indexing_slicing)]

use std::io::Write;
use std::process::ExitCode;

use anyhow::Result;

use super::env;
use crate::content::Catalog;
use crate::study::stats;
use crate::study::{Clock, Intent, Opening};

/// Arguments of `dopdeck stats`.
pub type Args = super::env::DeckArgs;

/// Prints the statistics.
pub fn run(
    args: &Args,
    catalog: &Catalog,
    clock: Clock,
    opening: Option<Opening>,
    out: &mut impl Write,
) -> Result<ExitCode> {
    let now = clock.now();
    let study = env::open_for(catalog, &args.db.path()?, now, Intent::Read, opening)?;
    let deck = study.deck(&args.deck)?;
    let stats::ReviewStats { today, streak, total, retention, states, forecast } = study.review_stats(deck, now)?;
    if args.json {
        let (domains, _) = study.readiness_estimate(now)?;
        // Readiness on the exam date when a plan sets one, else today (see docs/READINESS.md).
        let projection = study.readiness(now)?;
        let body = serde_json::json!({
            "reviews_today": today,
            "streak_days": streak,
            "reviews_total": total,
            "true_retention_30d": {
                "young": retention.young, "mature": retention.mature, "total": retention.total,
                "rate": retention.total.rate(),
            },
            "items": states,
            "forecast": forecast,
            // The dashboard's estimate, labelled as one: AWS publishes no raw-to-scaled conversion.
            "readiness": {
                "is_estimate": true,
                "at": projection.at,
                "expected_share": projection.fraction,
                "scaled_estimate": projection.scaled,
                "band": { "low": projection.scaled_low, "high": projection.scaled_high },
                "verdict": projection.verdict(),
                "domains": projection.domains,
            },
            "domains": domains.iter().map(|d| serde_json::json!({
                "number": d.number, "name": d.name, "weight": d.weight, "items": d.items,
                "reviewed": d.reviewed, "recall": d.recall, "exam": d.exam, "expected": d.expected(),
            })).collect::<Vec<_>>(),
        });
        writeln!(out, "{}", serde_json::to_string_pretty(&body)?)?;
        return Ok(ExitCode::SUCCESS);
    }
    writeln!(out, "Reviews today {today} · streak {streak} day(s) · {total} reviews in all")?;
    writeln!(
        out,
        "Items in {}: {} new · {} learning · {} review · {} relearning · {} suspended",
        deck.name, states.new, states.learning, states.review, states.relearning, states.suspended
    )?;
    writeln!(out, "\nTrue retention, last 30 days (reviews of review-state items; Again = fail)")?;
    for (name, pf) in [("young (<21 d)", retention.young), ("mature", retention.mature), ("total", retention.total)] {
        let rate = pf.rate().map_or("—".to_string(), |r| format!("{:.1} %", r * 100.0));
        writeln!(out, "  {name:<14} {:>5} passed {:>5} failed   {rate}", pf.passed, pf.failed)?;
    }
    writeln!(out, "\nDue in the next 30 days")?;
    let max = forecast.iter().map(|d| d.due).max().unwrap_or(0).max(1);
    for day in &forecast {
        let bar = "█".repeat((day.due * 40).div_ceil(max) as usize);
        writeln!(out, "  {} {:>4} {bar}", day.day.format("%a %d %b"), day.due)?;
    }
    Ok(ExitCode::SUCCESS)
}
