//! Exam reports and history, as text and JSON.

#![deny(clippy::indexing_slicing)]

use std::io::Write;
use std::process::ExitCode;

use anyhow::{Result, anyhow};

use super::text::terminal_width;
use crate::exam::{Mode, Scope};
use crate::exam::{Score, Session};
use crate::study::{AttemptMeta, Study};
use crate::text::layout::wrap;
use crate::text::letters::{letter, shown_letters};
use crate::text::time::datetime;

fn scope_label(scope: &Scope) -> String {
    match scope {
        Scope::All => "all domains".into(),
        Scope::Domain(d) => format!("domain {d}"),
        Scope::Task(t) => format!("task {t}"),
        Scope::Topic(t) => format!("topic {t}"),
        Scope::Weakest(tasks) => format!("weakest tasks {}", tasks.join(", ")),
    }
}

/// `dopdeck exam history`.
pub fn history(study: &Study<'_>, json: bool, out: &mut impl Write) -> Result<ExitCode> {
    let attempts = study.exam_history()?;
    if json {
        writeln!(out, "{}", serde_json::to_string_pretty(&attempts)?)?;
        return Ok(ExitCode::SUCCESS);
    }
    if attempts.is_empty() {
        writeln!(out, "No attempts yet: `dopdeck exam --plain` starts one.")?;
        return Ok(ExitCode::SUCCESS);
    }
    writeln!(
        out,
        "{:>4}  {:<16} {:<9} {:<14} {:>9} {:>7}  scaled (estimate)",
        "#", "started", "mode", "scope", "score", "%"
    )?;
    for a in &attempts {
        let started = datetime(a.started_at, study.utc_offset());
        let (score, pct, scaled) = match (a.correct, a.scaled_estimate) {
            (Some(c), Some(s)) => {
                let pct = if a.questions == 0 { 0.0 } else { 100.0 * c as f64 / a.questions as f64 };
                (format!("{c}/{}", a.questions), format!("{pct:.1}"), s.to_string())
            }
            // Closed unscored: it could not be resumed.
            _ if a.submitted_at.is_some() => ("closed".into(), String::new(), String::new()),
            _ => ("open".into(), String::new(), String::new()),
        };
        writeln!(
            out,
            "{:>4}  {started:<16} {:<9} {:<14} {score:>9} {pct:>7}  {scaled}",
            a.id,
            a.mode.name(),
            scope_label(&a.scope)
        )?;
    }
    Ok(ExitCode::SUCCESS)
}

/// `dopdeck exam report [ATTEMPT]`.
pub fn report(study: &Study<'_>, attempt: Option<i64>, json: bool, out: &mut impl Write) -> Result<ExitCode> {
    let attempts = study.exam_history()?;
    let id = match attempt {
        Some(id) => id,
        None => attempts.last().map(|a| a.id).ok_or_else(|| anyhow!("no attempts yet"))?,
    };
    if json {
        let (meta, session, score) = attempt_of(study, id)?;
        let domains: serde_json::Map<String, serde_json::Value> = score
            .domains
            .iter()
            .map(|(d, s)| (d.to_string(), serde_json::json!({ "questions": s.questions, "correct": s.correct })))
            .collect();
        let body = serde_json::json!({
            "attempt": id,
            "mode": meta.mode.name(),
            "scope": meta.scope,
            "submitted": meta.submitted_at.is_some(),
            "started_at": meta.started_at.to_rfc3339(),
            "submitted_at": meta.submitted_at.map(|t| t.to_rfc3339()),
            "questions": score.questions,
            "correct": score.correct,
            "percent": score.percent,
            "scaled_estimate": score.scaled_estimate,
            "scaled_is_estimate": true,
            "passed": score.passed,
            "domains": domains,
            // Time per question and domain, accuracy by quarter, answer changes, time left.
            "pacing": study.exam_pacing(id)?,
            "outcomes": score.outcomes.iter().map(|o| {
                let order = session.questions.get(o.number - 1).map_or(&[][..], |q| &q.order[..]);
                let letters = |opts: &[usize]| shown_letters(order, opts);
                serde_json::json!({
                    "number": o.number, "question_id": o.question_id, "domain": o.domain, "task": o.task,
                    "given": letters(&o.given), "correct_answer": letters(&o.correct_options),
                    "correct": o.correct, "flagged": o.flagged,
                })
            }).collect::<Vec<_>>(),
        });
        writeln!(out, "{}", serde_json::to_string_pretty(&body)?)?;
        return Ok(ExitCode::SUCCESS);
    }
    print(study, id, out)?;
    Ok(ExitCode::SUCCESS)
}

/// Prints the full report of attempt `id`.
pub fn print(study: &Study<'_>, id: i64, out: &mut impl Write) -> Result<()> {
    let catalog = study.catalog();
    let (meta, session, score) = attempt_of(study, id)?;
    if meta.submitted_at.is_some() && meta.correct.is_none() {
        writeln!(out, "Attempt {id} was closed without a score: it could not be resumed.")?;
        return Ok(());
    }
    let width = terminal_width().min(100);
    writeln!(out, "\n══ Attempt {id} · {} · {} ══", meta.mode.name(), scope_label(&meta.scope))?;
    writeln!(
        out,
        "{}/{} correct ({:.1} %) · scaled score estimate {} of {} (pass {}) · {}",
        score.correct,
        score.questions,
        score.percent,
        score.scaled_estimate,
        catalog.exam.score_max,
        catalog.exam.passing_score,
        if score.passed { "PASS (estimate)" } else { "FAIL (estimate)" }
    )?;
    writeln!(out, "The scaled score is an estimate: AWS does not publish its raw-to-scaled conversion.")?;
    let earlier: Vec<_> = study
        .exam_history()?
        .into_iter()
        .filter(|a| a.id < id && a.mode == Mode::Exam && a.correct.is_some() && a.questions > 0)
        .collect();
    if let Some(prev) = earlier.last() {
        let p = 100.0 * prev.correct.unwrap_or(0) as f64 / prev.questions as f64;
        writeln!(out, "Previous exam-mode attempt ({}): {p:.1} % → now {:.1} %", prev.id, score.percent)?;
    }
    writeln!(out, "\n{:<42} {:>9} {:>7}", "Domain", "correct", "%")?;
    for d in &catalog.exam.domains {
        let n = *d.number.get_ref();
        if let Some(s) = score.domains.get(&n) {
            let pct = if s.questions == 0 { 0.0 } else { 100.0 * s.correct as f64 / s.questions as f64 };
            let bar = "█".repeat((pct / 10.0).round() as usize);
            writeln!(
                out,
                "{:<42} {:>9} {pct:>6.0}  {bar}",
                format!("{n} {}", d.name),
                format!("{}/{}", s.correct, s.questions)
            )?;
        }
    }
    super::exam_pacing::print(study.exam_pacing(id)?.as_ref(), out)?;
    for o in &score.outcomes {
        let Some(q) = catalog.question(&o.question_id) else { continue };
        let order = session.questions.get(o.number - 1).map_or(&[][..], |q| &q.order[..]);
        let shown = |opts: &[usize]| -> String {
            let v = shown_letters(order, opts);
            if v.is_empty() { "—".into() } else { v }
        };
        writeln!(
            out,
            "\n{} Q{} ({}, task {}){} — yours {} · correct {}",
            if o.correct { "✓" } else { "✗" },
            o.number,
            o.question_id,
            o.task,
            if o.flagged { " · flagged" } else { "" },
            shown(&o.given),
            shown(&o.correct_options)
        )?;
        for l in wrap(q.stem.trim(), width) {
            writeln!(out, "  {l}")?;
        }
        for (p, &opt) in order.iter().enumerate() {
            // An option removed from the material since the attempt is skipped, not indexed.
            let Some(opt_ref) = q.options.get(opt).map(|o| o.get_ref()) else { continue };
            let mark = if opt_ref.correct { "✓" } else { " " };
            for (k, l) in wrap(&opt_ref.text, width - 8).into_iter().enumerate() {
                if k == 0 {
                    writeln!(out, "  {mark} {}. {l}", letter(p))?;
                } else {
                    writeln!(out, "       {l}")?;
                }
            }
            for l in wrap(opt_ref.why.as_deref().unwrap_or_default(), width - 8) {
                writeln!(out, "        {l}")?;
            }
        }
        for l in wrap(q.explanation.trim(), width - 2) {
            writeln!(out, "  {l}")?;
        }
        if let Some(r) = q.refs.first() {
            writeln!(out, "  Ref: {r}")?;
        }
    }
    Ok(())
}

/// Attempt `id` with its score, or an error naming it.
fn attempt_of(study: &Study<'_>, id: i64) -> Result<(AttemptMeta, Session, Score)> {
    study.exam_attempt(id)?.ok_or_else(|| anyhow!("no attempt {id}"))
}
