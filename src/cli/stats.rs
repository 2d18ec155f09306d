//! `dopdeck stats`: reviews today, streak, true retention, items by state, the due forecast.

use std::io::Write;
use std::process::ExitCode;

use anyhow::Result;

use super::env;
use crate::content::Catalog;
use crate::srs::stats;

/// Arguments of `dopdeck stats`.
pub type Args = super::env::DeckArgs;

/// Prints the statistics.
pub fn run(args: &Args, catalog: &Catalog, out: &mut impl Write) -> Result<ExitCode> {
    let now = env::now()?;
    let study = env::open(catalog, &args.db.path()?, now)?;
    let deck = study.deck(&args.deck)?;
    let cfg = study.config(Some(deck));
    let logs = study.store.review_logs()?;
    let candidates = study.candidates(deck, &study.store.items()?);
    let today = stats::reviews_today(&cfg, &logs, now);
    let streak = stats::streak(&cfg, &logs, now);
    let retention = stats::true_retention(&cfg, &logs, now, 30);
    let states = stats::items_by_state(&candidates);
    let forecast = stats::due_forecast(&cfg, &candidates, now, 30);
    if args.json {
        let body = serde_json::json!({
            "reviews_today": today,
            "streak_days": streak,
            "reviews_total": logs.len(),
            "true_retention_30d": {
                "young": retention.young, "mature": retention.mature, "total": retention.total,
                "rate": retention.total.rate(),
            },
            "items": states,
            "forecast": forecast,
        });
        writeln!(out, "{}", serde_json::to_string_pretty(&body)?)?;
        return Ok(ExitCode::SUCCESS);
    }
    writeln!(out, "Reviews today {today} · streak {streak} day(s) · {} reviews in all", logs.len())?;
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
