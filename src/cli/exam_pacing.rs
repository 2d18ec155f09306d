//! The pacing part of `dopdeck exam report`: where the time went, accuracy by quarter (a fading
//! last quarter suggests fatigue), how changed answers turned out, and the time left.

use std::io::Write;

use anyhow::Result;

use crate::plan::Pacing;

fn minutes(seconds: f64) -> String {
    let s = seconds.max(0.0).round() as i64;
    format!("{}:{:02}", s / 60, s % 60)
}

/// Prints the pacing block; nothing for an attempt without one (open or unknown).
pub fn print(pacing: Option<&Pacing>, out: &mut impl Write) -> Result<()> {
    let Some(p) = pacing else { return Ok(()) };
    writeln!(out, "\nPacing")?;
    let answered_time: f64 = p.questions.iter().map(|q| q.seconds).sum();
    let per = answered_time / p.questions.len().max(1) as f64;
    write!(out, "  {} used, {} a question on average", minutes(p.elapsed_seconds as f64), minutes(per))?;
    match (p.time_left_seconds, p.pace) {
        (Some(left), Some(pace)) => writeln!(
            out,
            " (the limit allows {}); {} left at submission; {} at submission.",
            minutes(pace.allowed_seconds_per_question),
            minutes(left as f64),
            pace.label()
        )?,
        _ => writeln!(out, " (untimed).")?,
    }
    for (d, t) in &p.domains {
        writeln!(
            out,
            "  domain {d}: {} question(s), {} right, {} each on average",
            t.questions,
            t.correct,
            minutes(t.seconds_per_question)
        )?;
    }
    let quarters: Vec<String> = p
        .quarters
        .iter()
        .map(|q| match q.accuracy {
            Some(a) => format!("Q{} {:.0} %", q.quarter, a * 100.0),
            None => format!("Q{} —", q.quarter),
        })
        .collect();
    writeln!(out, "  accuracy by quarter: {}", quarters.join(" · "))?;
    let c = p.changes;
    writeln!(
        out,
        "  changed answers: {} wrong→right · {} right→wrong · {} wrong→wrong",
        c.wrong_to_right, c.right_to_wrong, c.wrong_to_wrong
    )?;
    if let Some(slowest) = p.questions.iter().max_by(|a, b| a.seconds.total_cmp(&b.seconds)) {
        writeln!(out, "  slowest: Q{} ({})", slowest.number, minutes(slowest.seconds))?;
    }
    Ok(())
}
