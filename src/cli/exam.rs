//! `dopdeck exam`: timed mocks, practice and drills in line mode; history and reports.

use std::io::Write;
use std::process::ExitCode;

use anyhow::{Result, bail};

use super::env::{self, DbArgs};
use super::exam_report;
use crate::content::Catalog;
use crate::exam::{Mode, Scope};
use crate::study::{Clock, TimeLimit};

/// Arguments of `dopdeck exam`.
#[derive(Debug, clap::Args)]
#[command(args_conflicts_with_subcommands = true)]
pub struct Args {
    #[command(subcommand)]
    pub command: Option<ExamCommand>,
    #[command(flatten)]
    pub start: StartArgs,
}

/// `history` and `report`.
#[derive(Debug, clap::Subcommand)]
pub enum ExamCommand {
    /// Every attempt with its score.
    History {
        #[arg(long)]
        json: bool,
        #[command(flatten)]
        db: DbArgs,
    },
    /// One attempt: per-domain results and every question with every option's why.
    Report {
        /// Attempt number (see `dopdeck exam history`); default: the latest.
        attempt: Option<i64>,
        #[arg(long)]
        json: bool,
        #[command(flatten)]
        db: DbArgs,
    },
}

/// Options for starting (or resuming) an attempt.
#[derive(Debug, clap::Args)]
pub struct StartArgs {
    /// Line mode: plain text on standard input and output (for screen readers, ssh, scripts).
    #[arg(long)]
    pub plain: bool,
    /// exam (timed, feedback at the end), practice (answers at once) or drill (one area).
    #[arg(long, default_value = "exam")]
    pub mode: String,
    /// Number of questions (default: 75 for exam, 20 for practice, 10 for drill).
    #[arg(long)]
    pub questions: Option<usize>,
    /// Time limit in minutes (default for exam: 180 for 75 questions, pro rata to the questions drawn).
    #[arg(long, value_parser = positive_minutes)]
    pub minutes: Option<u32>,
    /// Only this domain (1–6).
    #[arg(long, conflicts_with_all = ["task", "topic"])]
    pub domain: Option<u8>,
    /// Only this task (e.g. 1.4).
    #[arg(long, conflicts_with = "topic")]
    pub task: Option<String>,
    /// Only questions about this topic (e.g. codedeploy).
    #[arg(long)]
    pub topic: Option<String>,
    /// A drill on the weakest tasks (lowest recall and exam accuracy), unseen or missed
    /// questions first; implies --mode drill.
    #[arg(long, conflicts_with_all = ["domain", "task", "topic"])]
    pub weakest: bool,
    /// Seed for question choice and option order (default: from the clock).
    #[arg(long)]
    pub seed: Option<u64>,
    #[command(flatten)]
    pub db: DbArgs,
}

impl StartArgs {
    /// The attempt's scope, checked against the material.
    pub fn scope(&self, catalog: &Catalog) -> Result<Scope> {
        Ok(match (&self.domain, &self.task, &self.topic) {
            (Some(d), _, _) => {
                if catalog.exam.domains.iter().all(|x| x.number.get_ref() != d) {
                    bail!("there is no domain {d}: domains are 1–6");
                }
                Scope::Domain(*d)
            }
            (_, Some(t), _) => {
                if catalog.domain_of_task(t).is_none() {
                    bail!("there is no task {t}: tasks are 1.1 … 6.3");
                }
                Scope::Task(t.clone())
            }
            (_, _, Some(t)) => {
                if catalog.topic(t).is_none() {
                    bail!("there is no topic {t} (see `dopdeck search {t}`)");
                }
                Scope::Topic(t.clone())
            }
            _ => Scope::All,
        })
    }

    /// The mode named on the command line.
    pub fn mode(&self) -> Result<Mode> {
        if self.weakest {
            return Ok(Mode::Drill);
        }
        Mode::from_name(&self.mode)
            .ok_or_else(|| anyhow::anyhow!("--mode is exam, practice or drill, not {:?}", self.mode))
    }

    /// Question count asked for and time limit, with the defaults applied. An exam without
    /// `--minutes` is paced by the questions actually drawn, which the store decides.
    pub fn size(&self, catalog: &Catalog, mode: Mode) -> (usize, TimeLimit) {
        let n = self.questions.unwrap_or(match mode {
            Mode::Exam => catalog.exam.questions as usize,
            Mode::Practice => 20,
            Mode::Drill => 10,
        });
        let time = match (self.minutes, mode) {
            (Some(m), _) => TimeLimit::Minutes(m),
            (None, Mode::Exam) => TimeLimit::Paced,
            (None, _) => TimeLimit::Untimed,
        };
        (n, time)
    }
}

/// Parses `--minutes`: a whole number of at least one. Refused at parse time, before the
/// database is opened, so a refused exam leaves nothing behind.
fn positive_minutes(s: &str) -> std::result::Result<u32, String> {
    match s.trim().parse::<u32>() {
        Ok(0) => Err("the time limit must be at least one minute".into()),
        Ok(m) => Ok(m),
        Err(e) => Err(format!("{s:?} is not a number of minutes: {e}")),
    }
}

/// Runs `dopdeck exam …`.
pub fn run(args: &Args, catalog: &Catalog, clock: Clock, out: &mut impl Write) -> Result<ExitCode> {
    match &args.command {
        Some(ExamCommand::History { json, db }) => {
            let now = clock.now();
            let study = env::open(catalog, &db.path()?, now)?;
            exam_report::history(&study, *json, out)
        }
        Some(ExamCommand::Report { attempt, json, db }) => {
            let now = clock.now();
            let study = env::open(catalog, &db.path()?, now)?;
            exam_report::report(&study, *attempt, *json, out)
        }
        None if args.start.plain || args.start.weakest => {
            super::exam_plain::run(&args.start, catalog, clock, &mut std::io::stdin().lock(), out)
        }
        None => bail!("the full-screen exam arrives with the TUI; use `dopdeck exam --plain` for now"),
    }
}
