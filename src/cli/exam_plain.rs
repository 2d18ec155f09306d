//! The line-mode exam: reads commands from standard input, prints questions and results.
//!
//! Commands: `A` or `BD` answers (letters, any case, spaces allowed), `flag`, `next`, `prev`,
//! `goto N`, `review` (unanswered and flagged), `clear`, `submit`, `quit` (the attempt stays open
//! and resumes next time). End of input is like `quit`.

#![deny(clippy::indexing_slicing)]

use std::io::{BufRead, Write};
use std::process::ExitCode;

use anyhow::Result;
use chrono::{DateTime, Utc};

use super::env;
use super::exam::StartArgs;
use super::exam_report;
use super::text::terminal_width;
use crate::content::Catalog;
use crate::exam::Session;
use crate::study::{Attempt, Clock, StartOptions, Study, StudyError, exams::check_choice};
use crate::text::layout::wrap;
use crate::text::letters::{self, letter};
use crate::text::time::clock as exam_clock;

/// Starts or resumes an attempt and runs it over `input`.
///
/// With no database yet (so nothing to resume), the choice is checked against the material
/// before the database is created: a refused exam leaves no file behind.
pub fn run(
    args: &StartArgs,
    catalog: &Catalog,
    clock: Clock,
    input: &mut impl BufRead,
    out: &mut impl Write,
) -> Result<ExitCode> {
    let now = clock.now();
    let db = args.db.path()?;
    if !db.exists() {
        let opts = start_options(args, catalog, now)?;
        if let Err(e) = check_choice(catalog, &opts) {
            eprintln!("{e}");
            return Ok(ExitCode::FAILURE);
        }
    }
    let study = env::open(catalog, &db, now)?;
    let resume = study.resume_exam(now)?;
    for closed in &resume.closed {
        writeln!(out, "{closed}")?;
    }
    let mut attempt = match resume.attempt {
        Some(a) if a.session.submitted_at.is_some() => {
            writeln!(out, "Attempt {} ran out of time while dopdeck was closed and has been submitted.", a.id)?;
            exam_report::print(&study, a.id, out)?;
            return Ok(ExitCode::SUCCESS);
        }
        Some(a) => {
            let answered = a.session.questions.len() - a.session.unanswered().len();
            write!(
                out,
                "Resuming attempt {} ({} mode): {answered} of {} answered.",
                a.id,
                a.session.mode.name(),
                a.session.questions.len()
            )?;
            if let Some(left) = a.session.time_left(now) {
                write!(
                    out,
                    " {} left — the clock kept running while you were away, as in a test centre.",
                    exam_clock(left)
                )?;
            }
            writeln!(out)?;
            a
        }
        None => {
            let opts = start_options(args, catalog, now)?;
            let (mode, seed) = (opts.mode, opts.seed);
            let started = if args.weakest {
                study.start_weakest_drill(opts.questions, seed, now)
            } else {
                study.start_exam(&opts, now)
            };
            let a = match started {
                Ok(a) => a,
                // Refused before anything was stored: say so on standard error.
                Err(e @ (StudyError::NoQuestions | StudyError::ZeroMinutes)) => {
                    eprintln!("{e}");
                    return Ok(ExitCode::FAILURE);
                }
                Err(e) => return Err(e.into()),
            };
            write!(out, "Attempt {} — {} mode, {} questions", a.id, mode.name(), a.session.questions.len())?;
            match a.session.deadline {
                Some(d) => writeln!(out, ", {} minutes. Seed {seed}.", (d - a.session.started_at).num_minutes())?,
                None => writeln!(out, ", untimed. Seed {seed}.")?,
            }
            writeln!(
                out,
                "Answer with letters (A, or BD for two). Commands: flag next prev goto N review clear submit quit"
            )?;
            a
        }
    };
    let width = terminal_width().min(100);
    show(catalog, &attempt.session, clock.now(), width, out)?;
    let mut line = String::new();
    // Time on the question on screen, for pacing: every wait for a line counts to it.
    let mut shown = std::time::Instant::now();
    loop {
        write!(out, "> ")?;
        out.flush()?;
        line.clear();
        let read = input.read_line(&mut line)?;
        let spent = u64::try_from(shown.elapsed().as_millis()).unwrap_or(u64::MAX);
        study.spend_exam_time(&attempt, attempt.session.current, spent)?;
        shown = std::time::Instant::now();
        if read == 0 {
            writeln!(out, "\nPaused: attempt {} stays open; run the same command to resume.", attempt.id)?;
            return Ok(ExitCode::SUCCESS);
        }
        let now = clock.now();
        let cmd = line.trim().to_ascii_lowercase();
        let i = attempt.session.current;
        if !attempt.session.is_open(now) {
            writeln!(out, "Time is up: the attempt was submitted at the deadline.")?;
            return finish(&study, &mut attempt, now, out);
        }
        match cmd.as_str() {
            "" => continue,
            "quit" | "q" => {
                writeln!(out, "Paused: attempt {} stays open; run the same command to resume.", attempt.id)?;
                return Ok(ExitCode::SUCCESS);
            }
            "submit" => {
                let unanswered = attempt.session.unanswered();
                let flagged = attempt.session.flagged_indices();
                if !unanswered.is_empty() || !flagged.is_empty() {
                    writeln!(out, "Unanswered: {}", numbers(&unanswered))?;
                    writeln!(out, "Flagged: {}", numbers(&flagged))?;
                    write!(out, "Submit now? Unanswered questions count as wrong. [y/N] ")?;
                    out.flush()?;
                    line.clear();
                    input.read_line(&mut line)?;
                    if !matches!(line.trim().to_ascii_lowercase().as_str(), "y" | "yes") {
                        writeln!(out, "Not submitted.")?;
                        continue;
                    }
                }
                return finish(&study, &mut attempt, clock.now(), out);
            }
            "flag" | "f" => {
                match study.flag_exam(&mut attempt, i, now) {
                    Ok(on) => writeln!(out, "Question {} {}.", i + 1, if on { "flagged" } else { "unflagged" })?,
                    Err(StudyError::Session(_)) => {}
                    Err(e) => return Err(e.into()),
                }
                continue;
            }
            "next" | "n" => {
                let next = (i + 1).min(attempt.session.questions.len() - 1);
                study.goto_exam(&mut attempt, next)?;
            }
            "prev" | "p" => {
                study.goto_exam(&mut attempt, i.saturating_sub(1))?;
            }
            "review" | "r" => {
                writeln!(out, "Unanswered: {}", numbers(&attempt.session.unanswered()))?;
                writeln!(out, "Flagged: {}", numbers(&attempt.session.flagged_indices()))?;
                if let Some(left) = attempt.session.time_left(now) {
                    writeln!(out, "{} left.", exam_clock(left))?;
                }
                continue;
            }
            "clear" => {
                study.clear_exam(&mut attempt, i, now)?;
                writeln!(out, "Answer to question {} cleared.", i + 1)?;
                continue;
            }
            other if other.starts_with("goto") => {
                let n = other.trim_start_matches("goto").trim().parse::<usize>().ok();
                match n.filter(|&n| n >= 1) {
                    Some(n) if n <= attempt.session.questions.len() => study.goto_exam(&mut attempt, n - 1)?,
                    _ => {
                        writeln!(out, "goto takes a question number from 1 to {}", attempt.session.questions.len())?;
                        continue;
                    }
                }
            }
            other => match letters::parse(other, attempt.session.questions.get(i).map_or(0, |q| q.order.len())) {
                Some(shown) if shown.len() > choose(catalog, &attempt.session, i) => {
                    let want = choose(catalog, &attempt.session, i);
                    writeln!(
                        out,
                        "This question asks for {want} answer{}; you gave {}.",
                        if want == 1 { "" } else { "s" },
                        shown.len()
                    )?;
                    continue;
                }
                Some(shown) => {
                    let want = choose(catalog, &attempt.session, i);
                    match study.answer_exam(&mut attempt, i, &shown, now) {
                        Ok(right) => {
                            // Persist the move before acknowledging anything, so a kill after
                            // the acknowledgement resumes exactly here.
                            let last = i + 1 >= attempt.session.questions.len();
                            if !last {
                                study.goto_exam(&mut attempt, i + 1)?;
                            }
                            if shown.len() < want {
                                writeln!(out, "Note: this question asks for {want}; you chose {}.", shown.len())?;
                            }
                            if attempt.session.mode.instant_feedback() {
                                feedback(catalog, &attempt.session, i, right, width, out)?;
                            } else {
                                writeln!(out, "Saved: {}.", letters::letters(&shown))?;
                            }
                            if last {
                                writeln!(
                                    out,
                                    "That was the last question: `review` lists what is left, `submit` ends the attempt."
                                )?;
                                continue;
                            }
                        }
                        Err(StudyError::Session(e)) => {
                            writeln!(out, "{e}")?;
                            continue;
                        }
                        Err(e) => return Err(e.into()),
                    }
                }
                None => {
                    writeln!(
                        out,
                        "Answer with letters (A, or BD), or: flag next prev goto N review clear submit quit"
                    )?;
                    continue;
                }
            },
        }
        show(catalog, &attempt.session, clock.now(), width, out)?;
    }
}

fn finish(study: &Study<'_>, attempt: &mut Attempt, now: DateTime<Utc>, out: &mut impl Write) -> Result<ExitCode> {
    study.finish_exam(attempt, now)?;
    exam_report::print(study, attempt.id, out)?;
    Ok(ExitCode::SUCCESS)
}

/// Prints the current question.
fn show(catalog: &Catalog, s: &Session, now: DateTime<Utc>, width: usize, out: &mut impl Write) -> Result<()> {
    let i = s.current;
    let Some(aq) = s.questions.get(i) else { return Ok(()) };
    let Some(q) = catalog.question(&aq.question_id) else { return Ok(()) };
    let mut head = format!("\nQuestion {} of {}", i + 1, s.questions.len());
    let n = *q.choose.get_ref();
    if n > 1 {
        head.push_str(&format!(" · choose {n}"));
    }
    if s.flagged.get(i).copied().unwrap_or(false) {
        head.push_str(" · flagged");
    }
    if let Some(left) = s.time_left(now) {
        head.push_str(&format!(" · {} left", exam_clock(left)));
    }
    writeln!(out, "{head}")?;
    for l in wrap(q.stem.trim(), width) {
        writeln!(out, "{l}")?;
    }
    let chosen = s.shown_answer(i);
    for (shown, &opt) in aq.order.iter().enumerate() {
        let mark = if chosen.contains(&shown) { "*" } else { " " };
        let Some(text) = q.options.get(opt).map(|o| &o.get_ref().text) else { continue };
        for (k, l) in wrap(text, width.saturating_sub(5)).into_iter().enumerate() {
            if k == 0 {
                writeln!(out, "{mark}{}. {l}", letter(shown))?;
            } else {
                writeln!(out, "    {l}")?;
            }
        }
    }
    Ok(())
}

/// Prints right/wrong and every option's why (practice and drill).
fn feedback(catalog: &Catalog, s: &Session, i: usize, right: bool, width: usize, out: &mut impl Write) -> Result<()> {
    let Some(aq) = s.questions.get(i) else { return Ok(()) };
    let Some(q) = catalog.question(&aq.question_id) else { return Ok(()) };
    writeln!(out, "{}", if right { "✓ Right." } else { "✗ Wrong." })?;
    for (shown, &opt) in aq.order.iter().enumerate() {
        let Some(o) = q.options.get(opt).map(|o| o.get_ref()) else { continue };
        let tag = if o.correct { "correct" } else { "wrong" };
        let why = o.why.as_deref().unwrap_or_default();
        for (k, l) in wrap(&format!("{}. ({tag}) {why}", letter(shown)), width).into_iter().enumerate() {
            writeln!(out, "{}{l}", if k == 0 { "" } else { "   " })?;
        }
    }
    for l in wrap(q.explanation.trim(), width) {
        writeln!(out, "{l}")?;
    }
    Ok(())
}

fn choose(catalog: &Catalog, s: &Session, i: usize) -> usize {
    let question = s.questions.get(i).and_then(|aq| catalog.question(&aq.question_id));
    question.map_or(1, |q| *q.choose.get_ref() as usize)
}

fn numbers(v: &[usize]) -> String {
    if v.is_empty() { "none".into() } else { v.iter().map(|i| (i + 1).to_string()).collect::<Vec<_>>().join(", ") }
}

/// The new attempt the flags ask for, checked against the material (mode, scope).
fn start_options(args: &StartArgs, catalog: &Catalog, now: DateTime<Utc>) -> Result<StartOptions> {
    let mode = args.mode()?;
    let scope = args.scope(catalog)?;
    let (questions, time) = args.size(catalog, mode);
    let seed = args.seed.unwrap_or_else(|| now.timestamp_micros() as u64);
    Ok(StartOptions { mode, questions, time, scope, seed })
}
