//! Reviewing: today's queue for a deck, grading, undo, bury, suspend.

#![deny(clippy::indexing_slicing)]

use std::cell::Cell;
use std::collections::HashMap;
use std::path::Path;

use chrono::{DateTime, FixedOffset, NaiveDate, Utc};

use super::progress::Loaded;
use crate::content::{Catalog, schema::Deck};
use crate::exam::SessionError;
use crate::srs::{
    self, CardState, DailyLimits, DueCounts, QueueCandidate, QueueEntry, QueueParams, Rating, Reviewed, SchedulerConfig,
};
use crate::store::{
    Durability, IntegrityCheck, ItemRow, OpenOptions, RenameReport, Store, StoreError, UndoneReview, Watch,
};

/// Why a study action failed.
#[derive(Debug, thiserror::Error)]
pub enum StudyError {
    #[error(transparent)]
    Store(#[from] StoreError),
    #[error(transparent)]
    Srs(#[from] srs::SrsError),
    /// The study refused the action (an exam attempt's change, an undo with nothing to take
    /// back); nothing was stored. The shells show it as a message, not as a failure.
    #[error(transparent)]
    Session(#[from] Refusal),
    #[error(transparent)]
    Optimize(#[from] srs::OptimizeError),
    #[error("no item `{0}` in the material (see `dopdeck search`)")]
    UnknownItem(String),
    #[error("no deck `{0}`; decks: {1}")]
    UnknownDeck(String, String),
    /// A new attempt would have no questions; nothing was stored.
    #[error("No questions match that choice.")]
    NoQuestions,
    /// A time limit of zero minutes; nothing was stored.
    #[error("the time limit must be at least one minute")]
    ZeroMinutes,
}

/// Why the study refused an action, in [`StudyError::Session`]: one error for every refusal,
/// rather than `Ok(None)` or `Ok(false)` meaning "refused" for some use cases.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum Refusal {
    /// The attempt refused a change (submitted, no such question or option, nothing chosen).
    #[error(transparent)]
    Exam(#[from] SessionError),
    /// [`Study::undo`] with no grade left to take back.
    #[error("nothing to undo")]
    NothingToUndo,
}

/// An exam attempt's refusal is the study's: `?` on a [`crate::exam::Session`] change works in
/// a use case.
impl From<SessionError> for StudyError {
    fn from(e: SessionError) -> Self {
        StudyError::Session(Refusal::Exam(e))
    }
}

/// Settings key under which fitted FSRS parameters are kept (JSON array of numbers).
pub const PARAMETERS_KEY: &str = "fsrs.parameters";

/// What a shell opens progress for: it decides when the background damage check starts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Intent {
    /// Grading, exams, the TUI: the check starts at once, beside the command's other work.
    Write,
    /// A report (`due`, `stats`, `item`, `export`): the check starts only if it writes.
    Read,
}

/// How the shells open progress for `intent`: the full damage check at most once a day,
/// every grade flushed to the device.
pub(super) fn open_options(intent: Intent) -> OpenOptions {
    OpenOptions {
        integrity_check: IntegrityCheck::Periodic { max_age: std::time::Duration::from_secs(24 * 3600) },
        durability: Durability::Full,
        watch: match intent {
            Intent::Write => Watch::FromOpen,
            Intent::Read => Watch::FromFirstWrite,
        },
    }
}

/// An open progress database with the material it is about: the one door to progress.
///
/// Its fields are private: both shells reach progress only through its methods, so a key press
/// and a command run the same steps.
pub struct Study<'c> {
    pub(in crate::study) catalog: &'c Catalog,
    pub(in crate::study) store: Store,
    /// Scheduler settings with the learner's parameters, offset and fuzz choice.
    pub(in crate::study) base: SchedulerConfig,
    /// Progress moved from renamed ids when this database was opened (see [`Store::apply_renames`]).
    renamed: RenameReport,
    /// Bumped by every write through this study, so a [`Loaded`] read knows it is stale.
    writes: Cell<u64>,
}

impl<'c> Study<'c> {
    /// Opens the store at `db` and reads the learner's settings. `fuzz` is false when
    /// `DOPDECK_FUZZ=0`.
    ///
    /// The full integrity check runs at most once a day (and before any migration): on every
    /// open it would cost 0.8 s on a large history, and start-up speed is a feature. Every open
    /// still checks the header, the application id and the schema version, and every commit is
    /// flushed to disk.
    pub fn open(catalog: &'c Catalog, db: &Path, now: DateTime<Utc>, fuzz: bool) -> Result<Self, StudyError> {
        Self::open_for(catalog, db, now, fuzz, Intent::Write)
    }

    /// [`Study::open`] for a use that will (or normally will not) write: a reading command
    /// (`due`, `stats`) starts the background damage check only if it does write after all,
    /// instead of reading the whole file beside its own work for a verdict it would not use.
    pub fn open_for(
        catalog: &'c Catalog,
        db: &Path,
        now: DateTime<Utc>,
        fuzz: bool,
        intent: Intent,
    ) -> Result<Self, StudyError> {
        let options = open_options(intent);
        let store = Store::open_with(db, &options)?;
        Self::with_store(catalog, store, now, fuzz)
    }

    /// Like [`Study::open`] with an already open store.
    ///
    /// Progress recorded under ids the material has renamed (`replaces`) moves to the new ids
    /// first, so nothing a learner did is orphaned by a rename.
    pub fn with_store(catalog: &'c Catalog, store: Store, now: DateTime<Utc>, fuzz: bool) -> Result<Self, StudyError> {
        let renamed = store.apply_renames(&catalog.renames())?;
        let mut base = SchedulerConfig::with_utc_offset(super::local_offset(now));
        base.enable_fuzz = fuzz;
        if let Some(params) = store.get_setting(PARAMETERS_KEY)?
            && let Ok(p) = serde_json::from_str::<Vec<f32>>(&params)
        {
            base.parameters = p;
        }
        Ok(Study { catalog, store, base, renamed, writes: Cell::new(0) })
    }

    /// The material this progress is about.
    pub fn catalog(&self) -> &'c Catalog {
        self.catalog
    }

    /// The scheduler settings every deck starts from (the learner's parameters, offset, fuzz).
    pub fn scheduler(&self) -> &SchedulerConfig {
        &self.base
    }

    /// The UTC offset that places the study day's rollover and every clock time shown.
    pub fn utc_offset(&self) -> FixedOffset {
        self.base.utc_offset
    }

    /// Pins the UTC offset (tests and benchmarks run in UTC whatever the machine's zone).
    pub fn set_utc_offset(&mut self, offset: FixedOffset) {
        self.base.utc_offset = offset;
    }

    /// The study day `now` falls in (days roll over at 04:00 in the learner's offset).
    pub fn study_day(&self, now: DateTime<Utc>) -> NaiveDate {
        self.base.study_day(now)
    }

    /// Notes that progress changed, so earlier [`Loaded`] reads are stale.
    pub(in crate::study) fn wrote(&self) {
        self.writes.set(self.writes.get() + 1);
    }

    /// Reads every item's state and today's grades once (what the queue and the due counts
    /// need; the log panels count the rest in SQL, see [`Study::log_panels`]).
    pub fn load(&self, now: DateTime<Utc>) -> Result<Loaded, StudyError> {
        let since = self.base.day_start(self.base.study_day(now));
        Ok(Loaded {
            rows: self.store.items()?,
            logs: self.store.review_logs_since(since)?,
            generation: self.writes.get(),
        })
    }

    /// Whether `loaded` still shows what this study has written (another dopdeck may have
    /// written meanwhile: keep a read for one key press at most).
    pub fn is_current(&self, loaded: &Loaded) -> bool {
        loaded.generation == self.writes.get()
    }

    /// What opening moved from renamed ids (nothing, on most opens).
    pub fn renamed(&self) -> &RenameReport {
        &self.renamed
    }

    /// A deck by id, or the error listing the decks there are.
    pub fn deck(&self, id: &str) -> Result<&'c Deck, StudyError> {
        self.catalog.deck(id).ok_or_else(|| {
            let ids: Vec<&str> = self.catalog.decks.iter().map(|d| d.id.as_str()).collect();
            StudyError::UnknownDeck(id.to_string(), ids.join(", "))
        })
    }

    /// The scheduler settings for `deck` (its desired retention).
    pub fn config(&self, deck: Option<&Deck>) -> SchedulerConfig {
        let mut cfg = self.base.clone();
        if let Some(d) = deck {
            cfg.desired_retention = *d.desired_retention.get_ref();
        }
        cfg
    }

    /// The deck's items as queue candidates. Questions join only once answered (they come
    /// from exams and drills, not as new cards).
    pub fn candidates<'a>(&'a self, deck: &'a Deck, rows: &HashMap<String, ItemRow>) -> Vec<QueueCandidate<'a>> {
        self.catalog.deck_items(deck).filter_map(|item| super::due::candidate(item, rows.get(&item.id))).collect()
    }

    pub(super) fn params<'a>(
        &self,
        deck: &Deck,
        logs: &[srs::ReviewLog],
        weights: &'a [(u8, u32)],
        now: DateTime<Utc>,
    ) -> QueueParams<'a> {
        let cfg = self.config(Some(deck));
        QueueParams {
            // A plan for the exam date sets the new-card pace (see `plan::new_limit`).
            limits: DailyLimits { new_per_day: self.new_limit(deck, logs, now), reviews_per_day: deck.reviews_per_day },
            done: srs::stats::done_today(&cfg, logs, now),
            domain_weights: weights,
            now,
        }
    }

    /// Today's grades, from the day's start: the daily limits count them.
    pub(super) fn todays_logs(&self, deck: &Deck, now: DateTime<Utc>) -> Result<Vec<srs::ReviewLog>, StudyError> {
        let cfg = self.config(Some(deck));
        Ok(self.store.review_logs_since(cfg.day_start(cfg.study_day(now)))?)
    }

    pub(super) fn weights(&self) -> Vec<(u8, u32)> {
        self.catalog.exam.domains.iter().map(|d| (*d.number.get_ref(), d.weight)).collect()
    }

    /// Today's queue for `deck`.
    pub fn queue(&self, deck: &Deck, now: DateTime<Utc>) -> Result<Vec<QueueEntry>, StudyError> {
        let (rows, logs) = (self.store.items()?, self.todays_logs(deck, now)?);
        let weights = self.weights();
        Ok(srs::build_queue(
            &self.candidates(deck, &rows),
            &self.params(deck, &logs, &weights, now),
            &self.config(Some(deck)),
        ))
    }

    /// Today's queue for `deck`, from an earlier read.
    pub fn queue_in(&self, loaded: &Loaded, deck: &Deck, now: DateTime<Utc>) -> Vec<QueueEntry> {
        let weights = self.weights();
        let params = self.params(deck, &loaded.logs, &weights, now);
        srs::build_queue(&self.candidates(deck, &loaded.rows), &params, &self.config(Some(deck)))
    }

    /// New / learning / review counts for `deck`, from an earlier read.
    pub fn due_in(&self, loaded: &Loaded, deck: &Deck, now: DateTime<Utc>) -> DueCounts {
        let weights = self.weights();
        let params = self.params(deck, &loaded.logs, &weights, now);
        srs::due_counts(&self.candidates(deck, &loaded.rows), &params, &self.config(Some(deck)))
    }

    /// The item's stored state, or a new state if it was never graded.
    pub fn state(&self, id: &str, now: DateTime<Utc>) -> Result<(CardState, Option<ItemRow>), StudyError> {
        if self.catalog.item(id).is_none() {
            return Err(StudyError::UnknownItem(id.to_string()));
        }
        let row = self.store.item(id)?;
        Ok((row.as_ref().map_or_else(|| CardState::new(now), |r| r.card.clone()), row))
    }

    /// Grades `id` at `now` and commits it before returning.
    ///
    /// The grade is computed from the item's state read inside the write transaction, not from
    /// the state shown: if another dopdeck graded the same item meanwhile, this grade applies on
    /// top of that one, as if the two had come one after the other.
    pub fn grade(
        &self,
        id: &str,
        rating: Rating,
        now: DateTime<Utc>,
        deck: Option<&Deck>,
        duration_ms: Option<u32>,
    ) -> Result<Reviewed, StudyError> {
        self.known(id)?;
        let cfg = self.config(deck);
        self.wrote();
        self.store.record_review_with(id, |stored| {
            let card = stored.cloned().unwrap_or_else(|| CardState::new(now));
            let mut reviewed = srs::review(&cfg, &card, rating, now, id)?;
            reviewed.log.duration_ms = duration_ms;
            Ok(reviewed)
        })
    }

    /// Takes back the last grade (of any item).
    ///
    /// # Errors
    ///
    /// [`StudyError::Session`] with [`Refusal::NothingToUndo`] when no grade is left to take
    /// back (nothing was changed).
    pub fn undo(&self) -> Result<UndoneReview, StudyError> {
        self.wrote();
        self.store.undo_last()?.ok_or(StudyError::Session(Refusal::NothingToUndo))
    }

    /// Keeps `id` out of every queue until it is unsuspended.
    pub fn suspend(&self, id: &str) -> Result<(), StudyError> {
        self.known(id)?;
        self.wrote();
        Ok(self.store.suspend(id)?)
    }

    /// Puts a suspended `id` back.
    pub fn unsuspend(&self, id: &str) -> Result<(), StudyError> {
        self.known(id)?;
        self.wrote();
        Ok(self.store.unsuspend(id)?)
    }

    /// Buries `id` and its siblings (same table or sequence) until the end of today's study
    /// day; returns how many siblings were buried.
    pub fn bury(&self, id: &str, now: DateTime<Utc>) -> Result<usize, StudyError> {
        self.known(id)?;
        let n = self.bury_siblings(id, now)?;
        self.store.bury(id, self.base.study_day(now))?;
        Ok(n)
    }

    fn known(&self, id: &str) -> Result<(), StudyError> {
        match self.catalog.position(id) {
            Some(_) => Ok(()),
            None => Err(StudyError::UnknownItem(id.to_string())),
        }
    }

    /// The intervals each button would give `id` now, for the button labels.
    pub fn preview(&self, id: &str, now: DateTime<Utc>, deck: Option<&Deck>) -> Result<[CardState; 4], StudyError> {
        let (card, _) = self.state(id, now)?;
        Ok(srs::preview(&self.config(deck), &card, now, id)?)
    }

    /// Buries the siblings of `id` (same table or sequence) until the end of today's study day.
    pub fn bury_siblings(&self, id: &str, now: DateTime<Utc>) -> Result<usize, StudyError> {
        let Some(group) = self.catalog.item(id).and_then(|i| i.sibling.clone()) else { return Ok(0) };
        let today = self.base.study_day(now);
        self.wrote();
        let mut n = 0;
        for sibling in self.catalog.items().iter().filter(|i| i.sibling.as_ref() == Some(&group) && i.id != id) {
            self.store.bury(&sibling.id, today)?;
            n += 1;
        }
        Ok(n)
    }
}
