//! `dopdeck sync [DIR]`, `sync --status`, `sync --forget`: progress on two computers through a
//! synced folder (Dropbox, Syncthing, iCloud Drive, a git checkout …).

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::{Context, Result, bail};

use super::env::{self, DbArgs};
use crate::content::Catalog;
use crate::study::sync::{SyncReport, SyncStatus};

/// Arguments of `dopdeck sync`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// The synced folder (default: the one remembered from the last `dopdeck sync DIR`).
    pub dir: Option<PathBuf>,
    /// Say what each device last wrote and what is pending; change nothing.
    #[arg(long, conflicts_with = "forget")]
    pub status: bool,
    /// Forget the remembered folder: the full-screen interface stops syncing at start and quit.
    #[arg(long)]
    pub forget: bool,
    /// Print JSON.
    #[arg(long)]
    pub json: bool,
    #[command(flatten)]
    pub db: DbArgs,
}

/// Runs the sync, the status or the forgetting.
pub fn run(args: &Args, catalog: &Catalog, clock: crate::study::Clock, out: &mut impl Write) -> Result<ExitCode> {
    let now = clock.now();
    let study = env::open(catalog, &args.db.path()?, now)?;
    if args.forget {
        study.set_sync_dir(None)?;
        writeln!(out, "Forgot the sync folder; the full-screen interface no longer syncs.")?;
        return Ok(ExitCode::SUCCESS);
    }
    let remembered = study.sync_dir()?;
    let Some(dir) = args.dir.clone().or_else(|| remembered.clone()) else {
        bail!("no sync folder: run `dopdeck sync DIR` once with the folder your computers share");
    };
    let dir = std::path::absolute(&dir).unwrap_or(dir);
    if args.status {
        let status = study.sync_status(&dir, now).with_context(|| format!("cannot read {}", dir.display()))?;
        if args.json {
            writeln!(out, "{}", serde_json::to_string_pretty(&status)?)?;
        } else {
            print_status(&status, &dir, out)?;
        }
        return Ok(ExitCode::SUCCESS);
    }
    let report = study.sync(&dir, now).with_context(|| format!("cannot sync with {}", dir.display()))?;
    let newly_remembered = remembered.as_deref() != Some(dir.as_path());
    if newly_remembered {
        study.set_sync_dir(Some(&dir))?;
    }
    if args.json {
        writeln!(out, "{}", serde_json::to_string_pretty(&report)?)?;
    } else {
        print_report(&report, &dir, out)?;
        if newly_remembered {
            writeln!(
                out,
                "Remembered {}: the full-screen interface syncs with it at start and quit (`dopdeck sync --forget` to stop).",
                dir.display()
            )?;
        }
    }
    Ok(ExitCode::SUCCESS)
}

fn print_report(r: &SyncReport, dir: &Path, out: &mut impl Write) -> Result<()> {
    writeln!(out, "Synced with {} ({} journal(s)) as device {}.", dir.display(), r.journals, r.device)?;
    writeln!(
        out,
        "Published {} event(s); merged {} grade(s), {} undo(s), {} attempt(s), {} setting(s); rebuilt {} item(s).",
        r.published, r.merged_reviews, r.undos, r.attempts, r.settings, r.rebuilt_items
    )?;
    print_damaged(&r.damaged, out)
}

fn print_status(s: &SyncStatus, dir: &Path, out: &mut impl Write) -> Result<()> {
    let me = s.device.as_deref().unwrap_or("(none yet: assigned at the first sync)");
    writeln!(out, "Folder {} · this device {me}", dir.display())?;
    if s.journals.is_empty() {
        writeln!(out, "No journals yet.")?;
    }
    for j in &s.journals {
        let last =
            j.last_event.map_or_else(|| "nothing yet".to_string(), |t| t.format("%Y-%m-%d %H:%M UTC").to_string());
        let mark = if j.this_device { " (this device)" } else { "" };
        let who = j.device.as_deref().unwrap_or("unknown device");
        writeln!(out, "  {}: {who}{mark}, {} event(s), last {last}", j.file, j.events)?;
    }
    writeln!(
        out,
        "Pending: {} event(s) to publish; {} grade(s) to merge; {} item(s) to rebuild.",
        s.to_publish, s.to_merge, s.to_rebuild
    )?;
    print_damaged(&s.damaged, out)
}

fn print_damaged(damaged: &[String], out: &mut impl Write) -> Result<()> {
    if !damaged.is_empty() {
        let shown: Vec<&str> = damaged.iter().take(5).map(String::as_str).collect();
        writeln!(
            out,
            "Skipped {} damaged line(s) ({}); a device rewrites its own at its next sync.",
            damaged.len(),
            shown.join(", ")
        )?;
    }
    Ok(())
}
