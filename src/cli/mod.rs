//! Command-line subcommands: one file per subcommand, each with its clap `Args` and a `run`.
//!
//! `main.rs` parses [`Cli`] and calls [`run`]; everything a subcommand prints goes to the writer
//! it is given, so integration tests and the TUI can reuse the same code paths.

pub mod cache;
pub mod check;
pub mod cram;
pub mod due;
pub mod env;
pub mod errors;
pub mod exam;
pub mod exam_pacing;
pub mod exam_plain;
pub mod exam_report;
pub mod export;
pub mod grade;
pub mod item;
pub mod optimize;
pub mod plan;
pub mod review;
pub mod search;
pub mod show;
mod snapshot_file;
pub mod stats;
pub mod sync;
pub mod text;
pub mod walkthrough;

use std::io::IsTerminal;
use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::{Context, Result};
use clap::{Parser, Subcommand};

use crate::content::{self, Catalog};

/// dopdeck — study for the AWS Certified DevOps Engineer – Professional (DOP-C02) exam in the
/// terminal: spaced-repetition flashcards, timed practice exams and topic search.
#[derive(Debug, Parser)]
#[command(name = "dopdeck", version, about, long_about = None)]
pub struct Cli {
    /// Load material from this directory (holding content/ and decks/) instead of the embedded copy.
    #[arg(long, global = true, env = "DOPDECK_CONTENT", value_name = "DIR")]
    pub content: Option<PathBuf>,

    /// Colours of the full-screen interface: dark (default) or light. NO_COLOR turns colour off.
    #[arg(long, global = true, env = "DOPDECK_THEME", value_name = "NAME")]
    pub theme: Option<String>,

    /// Say more: for now, why a start-up cache file was ignored and rebuilt.
    #[arg(short, long, global = true)]
    pub verbose: bool,

    #[command(flatten)]
    pub db: env::DbArgs,

    #[command(subcommand)]
    pub command: Option<Command>,
}

/// The subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Validate the material and print what it holds (exit 1 and every problem if it is broken).
    Check(check::Args),
    /// Find topics, cards, questions, tables, comparisons and strategies.
    Search(search::Args),
    /// Print a topic page: sections, tables, sequences and related topics.
    Show(show::Args),
    /// New, learning and review counts for a deck, and when the next item is due.
    Due(due::Args),
    /// Review today's cards (`--plain`: line mode on standard input and output).
    Review(review::Args),
    /// Grade one item: again, hard, good or easy.
    Grade(grade::GradeArgs),
    /// Show one item's content and scheduling state.
    Item(item::Args),
    /// Take back the last grade.
    Undo(grade::UndoArgs),
    /// Keep an item out of every queue.
    Suspend(grade::ItemArgs),
    /// Put a suspended item back.
    Unsuspend(grade::ItemArgs),
    /// Reviews today, streak, true retention, items by state, 30-day forecast.
    Stats(stats::Args),
    /// Plan for the exam date: new cards a day, reviews a day, on track or behind, readiness.
    Plan(plan::Args),
    /// Fit personal FSRS parameters to your review history.
    Optimize(optimize::Args),
    /// Timed practice exams, practice and drills; `exam history`, `exam report N`.
    Exam(exam::Args),
    /// Step through a deployment strategy: fleet, capacity, traffic and rollback (`--plain`: as text).
    Walkthrough(walkthrough::Args),
    /// Export the material (and your progress) for Anki: `export apkg FILE [--deck D] [--progress]`.
    Export(export::Args),
    /// Share progress between computers through a synced folder: `sync DIR`, `sync --status`.
    Sync(sync::Args),
}

/// Runs the parsed command line.
pub fn run(cli: Cli) -> Result<ExitCode> {
    // Whatever a command prints, control characters reach the terminal escaped (see `text`).
    let mut out = crate::text::VisibleWriter::new(std::io::stdout().lock());
    let command = match cli.command {
        Some(Command::Check(args)) => return check::run(&args, cli.content.as_deref(), cli.db.db.as_deref(), &mut out),
        // A cached search index is all a search needs: the catalog is loaded only to build one.
        Some(Command::Search(args)) => match cache::cached_index(cli.content.as_deref(), cli.verbose) {
            Some(index) => return search::run(&args, &index, &mut out),
            None => Some(Command::Search(args)),
        },
        other => other,
    };
    // The quick commands open their database here while the material loads on a second thread
    // (see `study::Opening`).
    let quick = match &command {
        Some(Command::Due(a) | Command::Stats(a)) => Some((a.db.path().ok(), crate::study::Intent::Read)),
        Some(Command::Grade(a)) => Some((a.db.path().ok(), crate::study::Intent::Write)),
        _ => None,
    };
    let loading = quick.as_ref().and_then(|_| {
        let (dir, verbose) = (cli.content.clone(), cli.verbose);
        std::thread::Builder::new()
            .name("dopdeck-material".into())
            .spawn(move || load_catalog(dir.as_deref(), verbose))
            .ok()
    });
    let opening = quick.and_then(|(db, intent)| env::preopen(db, intent));
    // A thread that could not start or did not finish only means loading here.
    let loaded = match loading.map(std::thread::JoinHandle::join) {
        Some(Ok(loaded)) => loaded,
        _ => load_catalog(cli.content.as_deref(), cli.verbose),
    };
    // Kept until the process ends: freeing tens of thousands of strings only to exit costs a
    // tenth of a short command at scale.
    let catalog: &'static Catalog = Box::leak(Box::new(loaded?));
    // The one clock, built here at the edge and handed down; an invalid `DOPDECK_NOW` is an
    // error only for the commands that need the time.
    let built = crate::study::Clock::from_env();
    let clock = || env::clock(&built);
    match command {
        // A terminal gets the full-screen interface; a pipe or a file gets the overview.
        None if std::io::stdout().is_terminal() => tui_run(
            catalog,
            &cli.db,
            cli.theme.as_deref(),
            clock()?,
            crate::tui::Start::Dashboard,
            None,
            search_in_background(cli.content.as_deref(), cli.verbose, catalog),
        ),
        None => overview(catalog, &mut out),
        Some(Command::Review(a)) if a.cram => cram::run(&a, catalog, clock()?, &mut std::io::stdin().lock(), &mut out),
        Some(Command::Review(a)) if !a.plain => {
            let start = crate::tui::Start::Review { deck: a.deck.clone() };
            tui_run(
                catalog,
                &a.db,
                cli.theme.as_deref(),
                clock()?,
                start,
                None,
                search_in_background(cli.content.as_deref(), cli.verbose, catalog),
            )
        }
        Some(Command::Exam(a)) if a.command.is_none() && !a.start.plain && !a.start.weakest => {
            let form = exam_form(&a.start, catalog)?;
            tui_run(
                catalog,
                &a.start.db,
                cli.theme.as_deref(),
                clock()?,
                crate::tui::Start::Exam,
                Some(form),
                search_in_background(cli.content.as_deref(), cli.verbose, catalog),
            )
        }
        Some(Command::Check(args)) => check::run(&args, cli.content.as_deref(), cli.db.db.as_deref(), &mut out),
        Some(Command::Search(a)) => search::run(&a, &cache::build_index(cli.content.as_deref(), catalog), &mut out),
        Some(Command::Show(a)) => show::run(&a, catalog, &mut out),
        Some(Command::Due(a)) => due::run(&a, catalog, clock()?, opening, &mut out),
        Some(Command::Review(a)) => review::run_plain(&a, catalog, clock()?, &mut std::io::stdin().lock(), &mut out),
        Some(Command::Grade(a)) => grade::grade(&a, catalog, clock()?, opening, &mut out),
        Some(Command::Item(a)) => item::run(&a, catalog, clock()?, &mut out),
        Some(Command::Undo(a)) => grade::undo(&a, catalog, clock()?, &mut out),
        Some(Command::Suspend(a)) => grade::suspend(&a, catalog, true, clock()?, &mut out),
        Some(Command::Unsuspend(a)) => grade::suspend(&a, catalog, false, clock()?, &mut out),
        Some(Command::Stats(a)) => stats::run(&a, catalog, clock()?, opening, &mut out),
        Some(Command::Plan(a)) => plan::run(&a, catalog, clock()?, &mut out),
        Some(Command::Optimize(a)) => optimize::run(&a, catalog, clock()?, &mut out),
        Some(Command::Exam(a)) => exam::run(&a, catalog, clock()?, &mut out),
        // Without a terminal the plain command explains --plain (exit 2).
        Some(Command::Walkthrough(a)) if !a.plain && !a.list && std::io::stdout().is_terminal() => {
            match walkthrough_start(&a, catalog) {
                Some(Ok(start)) => tui_run(
                    catalog,
                    &cli.db,
                    cli.theme.as_deref(),
                    clock()?,
                    start,
                    None,
                    search_in_background(cli.content.as_deref(), cli.verbose, catalog),
                ),
                Some(Err(e)) => {
                    eprintln!("dopdeck: {e}");
                    Ok(ExitCode::from(2))
                }
                // Unknown strategy: the plain command lists the closest ones.
                None => walkthrough::run(&a, catalog, &mut out),
            }
        }
        Some(Command::Walkthrough(a)) => walkthrough::run(&a, catalog, &mut out),
        Some(Command::Export(a)) => export::run(&a, catalog, clock()?, &mut out),
        Some(Command::Sync(a)) => sync::run(&a, catalog, clock()?, &mut out),
    }
}

/// Opens the TUI on `start` (the terminal is restored however it ends).
fn tui_run(
    catalog: &'static Catalog,
    db: &env::DbArgs,
    theme: Option<&str>,
    clock: crate::study::Clock,
    start: crate::tui::Start,
    exam_form: Option<crate::tui::Form>,
    search: crate::tui::SearchIndex,
) -> Result<ExitCode> {
    if !std::io::stdout().is_terminal() {
        anyhow::bail!("the full-screen interface needs a terminal: add --plain for line mode");
    }
    let theme = crate::tui::theme_from(theme.map(str::to_string).or_else(crate::study::clock::theme))?;
    let study = env::open(catalog, &db.path()?, clock.now())?;
    let options = crate::tui::Options { theme, start, exam_form };
    crate::tui::run(study, clock, options, search)
}

/// The TUI's search index, read from the cache (or built and cached) on a background thread
/// from start-up, so the first keystroke finds it ready.
fn search_in_background(
    dir: Option<&std::path::Path>,
    verbose: bool,
    catalog: &'static Catalog,
) -> crate::tui::SearchIndex {
    let index = crate::tui::SearchIndex::default();
    let (cell, dir) = (std::sync::Arc::clone(&index), dir.map(std::path::Path::to_path_buf));
    // A thread that cannot start only means the TUI builds the index itself.
    let _ = std::thread::Builder::new().name("search-index-cache".into()).spawn(move || {
        cell.get_or_init(|| cache::search_index(dir.as_deref(), catalog, verbose));
    });
    index
}

/// The TUI's opening for `dopdeck walkthrough STRATEGY …`: `None` for an unknown strategy, an
/// error for parameters it cannot take.
fn walkthrough_start(
    args: &walkthrough::Args,
    catalog: &Catalog,
) -> Option<std::result::Result<crate::tui::Start, crate::walkthrough::ParamError>> {
    let query = args.strategy.as_deref()?;
    let id = match catalog.strategy(query) {
        Some(s) => s.id.clone(),
        None => {
            crate::search::Index::build(catalog)
                .search(query, 50)
                .into_iter()
                .find(|h| h.kind == crate::search::HitKind::Strategy)?
                .id
        }
    };
    let strategy = catalog.strategy(&id)?;
    let overrides = crate::walkthrough::StrategyParams {
        fleet: args.fleet,
        batch: args.batch,
        percent: args.percent,
        bake_minutes: args.bake,
        interval_minutes: args.interval,
        min_healthy: args.min_healthy,
    };
    let routing = args.routing.map(crate::walkthrough::Routing::from);
    Some(
        crate::walkthrough::walkthrough_routed(strategy, &overrides, routing, args.fail_at)
            .map(|_| crate::tui::Start::Strategy { id, overrides, routing, fail_at: args.fail_at }),
    )
}

/// The TUI's new-attempt form, filled from `dopdeck exam` flags.
fn exam_form(args: &exam::StartArgs, catalog: &Catalog) -> Result<crate::tui::Form> {
    let mode = args.mode()?;
    let (questions, _) = args.size(catalog, mode);
    Ok(crate::tui::Form { mode, questions, minutes: args.minutes, scope: args.scope(catalog)?, seed: args.seed })
}

/// Reads raw files from `dir`, or the embedded copy, with a problem for each file of `dir` that
/// could not be read (see [`content::source::read_directory`]).
pub fn read_files(dir: Option<&std::path::Path>) -> Result<(Vec<content::RawFile>, Vec<content::Problem>)> {
    match dir {
        Some(dir) => {
            content::source::read_directory(dir).with_context(|| format!("cannot read material from {}", dir.display()))
        }
        None => Ok((content::source::embedded(), Vec::new())),
    }
}

/// Validates `files`; the problems met reading the tree (`unread`) make the material invalid
/// too, and are listed with the others in file order.
pub fn validate(
    files: &[content::RawFile],
    unread: Vec<content::Problem>,
) -> std::result::Result<Catalog, Vec<content::Problem>> {
    let mut problems = match content::load(files) {
        Ok(catalog) if unread.is_empty() => return Ok(catalog),
        Ok(_) => Vec::new(),
        Err(problems) => problems,
    };
    problems.extend(unread);
    problems.sort_by(|a, b| (&a.file, a.line, a.column).cmp(&(&b.file, b.line, b.column)));
    Err(problems)
}

/// Loads and validates the material; broken material is an error listing every problem.
///
/// The embedded material is read from a snapshot in the cache directory when a sound one
/// written by this very build exists (see [`cache`]): it saves most of start-up time. A
/// missing, stale, tampered or unreadable snapshot is rebuilt (`verbose` says why);
/// `DOPDECK_NO_CACHE=1` bypasses it. Material from `--content` is cached the same way, under
/// a fingerprint of its files (see [`cache::path_for_dir`]), so any edit makes it parsed again.
pub fn load_catalog(dir: Option<&std::path::Path>, verbose: bool) -> Result<Catalog> {
    let cache = cache::slot(dir);
    if let Some(catalog) = cache.as_ref().and_then(|(path, stamp)| cache::load_stamped(path, *stamp, dir, verbose)) {
        return Ok(catalog);
    }
    parse_and_cache(dir, cache.as_ref().map(|(path, stamp)| (path.as_path(), *stamp)))
}

/// Parses and validates the material at `dir` (the embedded copy for `None`) and writes its
/// snapshot to `cache` (path, stamp); broken material is an error listing every problem.
pub(crate) fn parse_and_cache(
    dir: Option<&std::path::Path>,
    cache: Option<(&std::path::Path, u64)>,
) -> Result<Catalog> {
    let (files, unread) = read_files(dir)?;
    let catalog = validate(&files, unread).map_err(|problems| {
        let mut msg = format!("the material has {} problem(s); run `dopdeck check` for the list:", problems.len());
        for p in problems.iter().take(10) {
            msg.push_str(&format!("\n  {p}"));
        }
        anyhow::anyhow!(msg)
    })?;
    if let Some((path, stamp)) = cache {
        cache::write(path, &content::snapshot::to_bytes(&catalog, stamp));
    }
    Ok(catalog)
}

fn overview(catalog: &Catalog, out: &mut impl std::io::Write) -> Result<ExitCode> {
    let c = catalog.counts();
    writeln!(out, "dopdeck — {} ({})", catalog.exam.name, catalog.exam.code)?;
    writeln!(
        out,
        "{} topics, {} cards ({} written, {} from tables and sequences), {} questions, {} strategies.",
        c.topics,
        c.cards.written + c.cards.derived,
        c.cards.written,
        c.cards.derived,
        c.questions,
        c.strategies
    )?;
    writeln!(out, "\nTry:  dopdeck search appspec   ·   dopdeck show codedeploy   ·   dopdeck --help")?;
    Ok(ExitCode::SUCCESS)
}
