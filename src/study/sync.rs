//! Syncing through a folder as a use case: merge, replay, report; and the `sync_dir` setting.
//!
//! The scheduler replays each rebuilt item with the learner's base settings (their FSRS
//! parameters, the default 90 % retention every shipped deck uses, their fuzz choice and
//! zone), exactly as a grade computes it, so an item graded on one computer and replayed on
//! another ends in the same state.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use chrono::{DateTime, Utc};

use super::reviewing::{Study, StudyError};
use crate::srs::{self, CardState, Rating, SchedulerConfig, SrsError};
use crate::store::{Rebuilt, ReplayedRow, StoreError};
use crate::sync::folder::{self, FolderError};
use crate::sync::{self as core, Event, ReviewEvent, SYNC_DIR_KEY};

/// Why a sync failed; nothing was changed in the database then.
#[derive(Debug, thiserror::Error)]
pub enum SyncError {
    #[error(transparent)]
    Study(#[from] StudyError),
    #[error(transparent)]
    Folder(#[from] FolderError),
}

impl From<StoreError> for SyncError {
    fn from(e: StoreError) -> Self {
        SyncError::Study(e.into())
    }
}

impl From<SrsError> for SyncError {
    fn from(e: SrsError) -> Self {
        SyncError::Study(e.into())
    }
}

/// What one sync did.
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize)]
pub struct SyncReport {
    pub device: String,
    /// Journals read (this device's and conflict copies included).
    pub journals: usize,
    /// Events appended to this device's journal.
    pub published: usize,
    /// Grades from other devices taken in.
    pub merged_reviews: usize,
    /// Undos applied or recorded.
    pub undos: usize,
    /// Items whose state was rebuilt by replay.
    pub rebuilt_items: usize,
    /// Practice-exam attempts added to the history.
    pub attempts: usize,
    /// Settings changed to another device's newer value (or published from here).
    pub settings: usize,
    /// Damaged journal lines skipped, as "file:line".
    pub damaged: Vec<String>,
}

/// One device's journal, for `sync --status`.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct DeviceStatus {
    pub file: String,
    pub device: Option<String>,
    pub events: usize,
    /// Its newest event's time.
    pub last_event: Option<DateTime<Utc>>,
    pub this_device: bool,
}

/// What `sync --status` says.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct SyncStatus {
    /// This database's device id (none before its first sync).
    pub device: Option<String>,
    pub journals: Vec<DeviceStatus>,
    /// Events made here that no journal holds yet.
    pub to_publish: usize,
    /// Grades from other devices not yet merged here.
    pub to_merge: usize,
    /// Items a sync would rebuild now.
    pub to_rebuild: usize,
    pub damaged: Vec<String>,
}

/// Every journal's events, item ids moved through the material's renames, and the damaged
/// lines as "file:line".
fn journal_events(files: &[folder::JournalFile], renames: &HashMap<String, String>) -> (Vec<Event>, Vec<String>) {
    let mut events = Vec::new();
    let mut damaged = Vec::new();
    for file in files {
        damaged.extend(file.parsed.damaged.iter().map(|line| format!("{}:{line}", file.name)));
        events.extend(file.parsed.events.iter().cloned().map(|mut event| {
            if let Event::Review(r) = &mut event
                && let Some(new) = renames.get(&r.item)
            {
                r.item.clone_from(new);
            }
            event
        }));
    }
    (events, damaged)
}

/// Replays an item's live grades, in order, through the scheduler.
fn replay(cfg: &SchedulerConfig, item: &str, grades: &[ReviewEvent]) -> Result<Rebuilt, SrsError> {
    let mut card: Option<CardState> = None;
    let mut rows = Vec::with_capacity(grades.len());
    for grade in grades {
        let (Some(at), Some(rating)) = (DateTime::from_timestamp_micros(grade.at), Rating::from_u8(grade.rating))
        else {
            continue;
        };
        let before = card.clone().unwrap_or_else(|| CardState::new(at));
        let mut reviewed = srs::review(cfg, &before, rating, at, item)?;
        reviewed.log.duration_ms = grade.ms;
        rows.push(ReplayedRow { event_id: grade.id.clone(), log: reviewed.log, previous: card.take() });
        card = Some(reviewed.card);
    }
    Ok(Rebuilt { item_id: item.to_string(), rows, card })
}

impl Study<'_> {
    /// Syncs with the journals in `dir`: publishes what happened here, merges what happened
    /// elsewhere, and rebuilds the items that changed.
    ///
    /// # Errors
    ///
    /// A missing folder, a journal from a newer dopdeck, an I/O or store error; the database is
    /// unchanged then (events already appended to the journal are simply found there next time).
    pub fn sync(&self, dir: &Path, now: DateTime<Utc>) -> Result<SyncReport, SyncError> {
        let files = folder::read_all(dir)?;
        let renames: HashMap<String, String> =
            self.catalog.renames().into_iter().map(|(old, new)| (old.to_string(), new.to_string())).collect();
        let (events, damaged) = journal_events(&files, &renames);
        let cfg = self.config(None);
        let (local, plan) = self.store.sync_with(|local| -> Result<_, SyncError> {
            let plan = core::plan(local, &events, now.timestamp_micros());
            let rebuilt =
                plan.rebuild.iter().map(|(item, grades)| replay(&cfg, item, grades)).collect::<Result<Vec<_>, _>>()?;
            // Published before the database commits: a crash between the two loses nothing.
            folder::append(dir, &local.device, &plan.append)?;
            Ok((plan, rebuilt))
        })?;
        let before: std::collections::HashSet<&str> = local.tombstones.iter().map(|t| t.target.as_str()).collect();
        Ok(SyncReport {
            device: local.device.clone(),
            journals: files.len(),
            published: plan.append.len(),
            merged_reviews: plan.seen.len(),
            undos: plan.tombstones.iter().filter(|t| !before.contains(t.target.as_str())).count(),
            rebuilt_items: plan.rebuild.len(),
            attempts: plan.attempts.len(),
            settings: plan.settings.len(),
            damaged,
        })
    }

    /// What each device's journal holds and what a sync would do now, changing nothing.
    ///
    /// # Errors
    ///
    /// As for [`Study::sync`].
    pub fn sync_status(&self, dir: &Path, now: DateTime<Utc>) -> Result<SyncStatus, SyncError> {
        let files = folder::read_all(dir)?;
        let renames: HashMap<String, String> =
            self.catalog.renames().into_iter().map(|(old, new)| (old.to_string(), new.to_string())).collect();
        let (events, damaged) = journal_events(&files, &renames);
        let (local, unassigned) = self.store.sync_local()?;
        let plan = core::plan(&local, &events, now.timestamp_micros());
        let device = (!local.device.is_empty()).then(|| local.device.clone());
        let journals = files
            .iter()
            .map(|f| DeviceStatus {
                file: f.name.clone(),
                device: f.parsed.device.clone(),
                events: f.parsed.events.len(),
                last_event: f.parsed.events.iter().map(Event::at).max().and_then(DateTime::from_timestamp_micros),
                this_device: device.is_some() && f.parsed.device == device,
            })
            .collect();
        Ok(SyncStatus {
            device,
            journals,
            to_publish: plan.append.len() + usize::try_from(unassigned).unwrap_or(usize::MAX),
            to_merge: plan.seen.len(),
            to_rebuild: plan.rebuild.len(),
            damaged,
        })
    }

    /// The folder the TUI syncs with at start and quit, if one is set.
    pub fn sync_dir(&self) -> Result<Option<PathBuf>, StudyError> {
        Ok(self.store.get_setting(SYNC_DIR_KEY)?.filter(|s| !s.is_empty()).map(PathBuf::from))
    }

    /// Sets (or with `None` clears) the folder the TUI syncs with.
    pub fn set_sync_dir(&self, dir: Option<&Path>) -> Result<(), StudyError> {
        let value = dir.map(|d| d.to_string_lossy().into_owned()).unwrap_or_default();
        Ok(self.store.set_setting(SYNC_DIR_KEY, &value)?)
    }

    /// Syncs with the `sync_dir` folder if one is set: what the TUI does at start and quit.
    pub fn sync_configured(&self, now: DateTime<Utc>) -> Option<Result<SyncReport, SyncError>> {
        match self.sync_dir() {
            Ok(Some(dir)) => Some(self.sync(&dir, now)),
            Ok(None) => None,
            Err(e) => Some(Err(e.into())),
        }
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn the_fitted_parameters_travel() {
        assert!(!crate::sync::is_local_setting(super::super::reviewing::PARAMETERS_KEY));
        assert!(crate::sync::is_local_setting(crate::sync::SYNC_DIR_KEY));
        assert!(crate::sync::is_local_setting(crate::sync::DEVICE_KEY));
    }
}
