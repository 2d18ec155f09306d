//! `dopdeck plan`: set the exam date, and see what it takes to be ready by then.
//!
//! `dopdeck plan --exam-date 2026-03-31 [--buffer 7]` stores the date; `dopdeck plan` prints
//! days left, items by state, the new cards a day that introduce everything a buffer before
//! the exam, the reviews a day that implies, the verdict (on track, behind, ahead), the
//! readiness projection for the exam day and the three weakest tasks. `--clear` removes the
//! plan; `--new-per-day N` sets a limit of your own that wins over the plan's pace.

use std::io::Write;
use std::process::ExitCode;

use anyhow::{Result, bail};
use chrono::NaiveDate;

use super::env::{self, DbArgs};
use crate::content::Catalog;
use crate::plan::{DEFAULT_BUFFER_DAYS, Projection, TaskStrength};
use crate::study::Clock;
use crate::study::plan::PlanReport;

/// Arguments of `dopdeck plan`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// The exam date, YYYY-MM-DD (today or later).
    #[arg(long, value_name = "YYYY-MM-DD", value_parser = parse_date, conflicts_with = "clear")]
    pub exam_date: Option<NaiveDate>,
    /// Days before the exam by which every item should have been introduced (default 7).
    #[arg(long, value_name = "DAYS", value_parser = clap::value_parser!(u32).range(0..=365))]
    pub buffer: Option<u32>,
    /// A daily new-card limit of your own, which wins over the plan's pace; `auto` follows
    /// the plan again.
    #[arg(long, value_name = "N|auto", value_parser = parse_limit, conflicts_with = "clear")]
    pub new_per_day: Option<Limit>,
    /// Remove the plan: the deck's own new-card limit applies again.
    #[arg(long, conflicts_with = "buffer")]
    pub clear: bool,
    /// Print JSON.
    #[arg(long)]
    pub json: bool,
    #[command(flatten)]
    pub db: DbArgs,
}

/// `--new-per-day`: a number or `auto`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Limit {
    Auto,
    Fixed(u32),
}

fn parse_date(s: &str) -> std::result::Result<NaiveDate, String> {
    NaiveDate::parse_from_str(s.trim(), "%Y-%m-%d").map_err(|e| format!("{s:?} is not a date like 2026-03-31: {e}"))
}

fn parse_limit(s: &str) -> std::result::Result<Limit, String> {
    match s.trim() {
        "auto" => Ok(Limit::Auto),
        n => n.parse::<u32>().map(Limit::Fixed).map_err(|e| format!("{s:?} is not a number of cards or `auto`: {e}")),
    }
}

/// Runs `dopdeck plan`.
pub fn run(args: &Args, catalog: &Catalog, clock: Clock, out: &mut impl Write) -> Result<ExitCode> {
    let now = clock.now();
    let study = env::open(catalog, &args.db.path()?, now)?;
    if args.clear {
        study.clear_plan()?;
        writeln!(out, "Plan removed: the deck's own new-card limit applies again.")?;
        return Ok(ExitCode::SUCCESS);
    }
    let existing = study.plan()?;
    let date = args.exam_date.or(existing.as_ref().map(|p| p.exam_date));
    if args.exam_date.is_some() || args.buffer.is_some() {
        let Some(date) = date else { bail!("there is no exam date yet: add --exam-date YYYY-MM-DD") };
        let today = study.study_day(now);
        if date < today {
            bail!("the exam date {date} is before today ({today})");
        }
        let buffer = args.buffer.or(existing.as_ref().map(|p| p.buffer_days)).unwrap_or(DEFAULT_BUFFER_DAYS);
        study.set_plan(date, buffer, now)?;
    }
    match args.new_per_day {
        Some(_) if date.is_none() => bail!("there is no exam date yet: add --exam-date YYYY-MM-DD"),
        Some(Limit::Auto) => study.set_plan_limit(None)?,
        Some(Limit::Fixed(n)) => study.set_plan_limit(Some(n))?,
        None => {}
    }
    let report = study.plan_report(now)?;
    let readiness = match &report {
        Some(r) => r.readiness.clone(),
        None => study.readiness(now)?,
    };
    if args.json {
        let body = serde_json::json!({ "plan": report, "readiness": readiness });
        writeln!(out, "{}", serde_json::to_string_pretty(&body)?)?;
        return Ok(ExitCode::SUCCESS);
    }
    match &report {
        Some(r) => print_plan(r, out)?,
        None => writeln!(out, "No exam date set: `dopdeck plan --exam-date YYYY-MM-DD` plans for one.\n")?,
    }
    print_readiness(&readiness, report.is_some(), out)?;
    if let Some(r) = &report {
        writeln!(out, "\nWeakest tasks: {}", weakest_line(&r.weakest))?;
        writeln!(out, "Drill them: dopdeck exam --plain --mode drill --weakest")?;
    }
    Ok(ExitCode::SUCCESS)
}

fn print_plan(r: &PlanReport, out: &mut impl Write) -> Result<()> {
    writeln!(
        out,
        "Exam on {} — {} day(s) left (today {}).",
        r.exam_date.format("%a %d %b %Y"),
        r.days_left,
        r.today.format("%a %d %b %Y")
    )?;
    let s = &r.items;
    writeln!(
        out,
        "Items in {}: {} new · {} learning · {} review · {} relearning · {} suspended",
        r.deck, s.new, s.learning, s.review, s.relearning, s.suspended
    )?;
    writeln!(
        out,
        "Plan: {} new card(s) a day introduces every item {} day(s) before the exam.",
        r.new_per_day, r.buffer_days
    )?;
    let w = &r.workload;
    writeln!(
        out,
        "That means about {:.0} review(s) a day (busiest day {}), about {:.0} min a day (FSRS simulation over {} day(s)).",
        w.reviews_per_day, w.peak_reviews, w.minutes_per_day, w.days
    )?;
    writeln!(out, "Status: {}.\n", r.verdict)?;
    Ok(())
}

/// The readiness block: projected score, band, verdict, and one line per domain.
pub fn print_readiness(p: &Projection, exam_day: bool, out: &mut impl Write) -> Result<()> {
    let when = if exam_day { "on exam day" } else { "today" };
    writeln!(out, "Readiness {when} — an estimate, if you stopped studying now (see docs/READINESS.md):")?;
    writeln!(
        out,
        "  projected score {} (likely {}–{}; {} to pass) — {}",
        p.scaled,
        p.scaled_low,
        p.scaled_high,
        p.passing,
        p.verdict()
    )?;
    writeln!(out, "  {:<44} {:>6} {:>6} {:>6} {:>7} {:>8}", "domain", "weight", "items", "seen", "recall", "exams")?;
    for d in &p.domains {
        let name = format!("{} {}", d.number, d.name);
        let name: String = name.chars().take(44).collect();
        let exams = match d.evidence.exam.questions {
            0 => "—".to_string(),
            n => format!("{}/{n}", d.evidence.exam.correct),
        };
        writeln!(
            out,
            "  {name:<44} {:>5}% {:>6} {:>6} {:>6.0}% {exams:>8}",
            d.weight,
            d.evidence.items,
            d.evidence.seen,
            d.evidence.projected_recall * 100.0
        )?;
    }
    Ok(())
}

/// "1.4 (12 %), 3.2 (15 %), 5.1 (20 %)".
pub fn weakest_line(tasks: &[TaskStrength]) -> String {
    if tasks.is_empty() {
        return "—".into();
    }
    tasks.iter().map(|t| format!("{} ({:.0} %)", t.task, t.expected * 100.0)).collect::<Vec<_>>().join(", ")
}
