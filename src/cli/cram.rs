//! `dopdeck review --cram`: the day before the exam, go through items whatever their due date.
//!
//! Shows the items of a deck, topic or domain, weakest memory first, then those never studied.
//! Enter shows the answer, Enter again moves on, `q` stops. Each item shown is recorded as
//! crammed, and nothing else changes: no grade is given, so FSRS state, due dates and
//! statistics stay exactly as they were (grading on cram day would teach the scheduler
//! intervals the learner does not have).

use std::io::{BufRead, Write};
use std::process::ExitCode;

use anyhow::{Result, bail};

use super::env;
use super::review::Args;
use crate::content::Catalog;
use crate::study::Clock;
use crate::study::cram::CramScope;

/// Runs a cram session over `input`.
pub fn run(
    args: &Args,
    catalog: &Catalog,
    clock: Clock,
    input: &mut impl BufRead,
    out: &mut impl Write,
) -> Result<ExitCode> {
    let now = clock.now();
    let study = env::open(catalog, &args.db.path()?, now)?;
    let scope = match (&args.topic, args.domain) {
        (Some(t), _) => {
            if catalog.topic(t).is_none() {
                bail!("there is no topic {t} (see `dopdeck search {t}`)");
            }
            CramScope::Topic(t.clone())
        }
        (None, Some(d)) => {
            if catalog.exam.domains.iter().all(|x| *x.number.get_ref() != d) {
                bail!("there is no domain {d}: domains are 1–6");
            }
            CramScope::Domain(d)
        }
        (None, None) => CramScope::Deck(study.deck(&args.deck)?),
    };
    let items = study.cram_items(&scope, now)?;
    writeln!(out, "Cram: {} item(s), weakest first. Nothing is rescheduled. (Enter: answer · q: quit)", items.len())?;
    let mut seen = 0usize;
    let mut line = String::new();
    for (i, id) in items.iter().enumerate() {
        let Some(item) = catalog.item(id) else { continue };
        let prompt = catalog.prompt(item);
        writeln!(out, "\n[{}/{}] {} · task {}\n{}", i + 1, items.len(), item.kind.name(), item.task, prompt.front)?;
        out.flush()?;
        line.clear();
        if input.read_line(&mut line)? == 0 || line.trim() == "q" {
            break;
        }
        writeln!(out, "—\n{}", prompt.back)?;
        study.record_cram(id, clock.now())?;
        seen += 1;
        writeln!(out, "(Enter: next · q: quit)")?;
        out.flush()?;
        line.clear();
        if input.read_line(&mut line)? == 0 || line.trim() == "q" {
            break;
        }
    }
    writeln!(out, "\nCrammed {seen} item(s); their schedules are unchanged.")?;
    Ok(ExitCode::SUCCESS)
}
