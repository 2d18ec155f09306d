//! Personal FSRS parameters from the review log, fitted by the `fsrs` crate's optimizer.
//!
//! The log is turned into the crate's training items the way Anki does it: per item, the grades
//! since its last first-grade, with the study days between consecutive grades as `delta_t`; one
//! training item per grade that came at least one day after the previous one, holding the whole
//! history up to that grade.
//!
//! How much data is enough is the crate's decision, made after it drops outliers: below
//! [`MIN_TRAINING_ITEMS`] (8) training items it fits nothing and hands back the default
//! parameters; from 8 it fits the four initial stabilities; from [`MIN_ITEMS_FOR_FULL_FIT`]
//! (64) it trains all 21 parameters. This module reports the first case as
//! [`OptimizeError::NotEnoughData`] and says which of the other two happened.

use chrono::{DateTime, Utc};
use fsrs::{ComputeParametersInput, FSRSItem, FSRSReview};

use super::config::SchedulerConfig;
use super::types::{Rating, ReviewLog, State};

/// Training items (after the crate's outlier filter) below which the crate fits nothing.
pub const MIN_TRAINING_ITEMS: usize = 8;

/// Training items (after the crate's outlier filter) from which the crate fits every parameter.
pub const MIN_ITEMS_FOR_FULL_FIT: usize = 64;

/// The crate's training items built from a review log.
#[derive(Debug, Clone, Default)]
pub struct TrainingSet {
    /// One item per grade made at least a day after the previous grade of the same item.
    pub items: Vec<FSRSItem>,
    /// For each training item, a number identifying the study item it came from.
    pub card_ids: Vec<i64>,
    /// How many grades the items were built from.
    pub reviews: usize,
}

/// Which parameters the optimizer fitted.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Fit {
    /// Only the initial stabilities (w0–w3); fewer than 64 training items survived.
    InitialStabilityOnly,
    /// All parameters.
    Full,
}

/// Fitted parameters and what they were fitted from.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct Optimized {
    /// The 21 FSRS-6 parameters, ready for [`SchedulerConfig::parameters`].
    pub parameters: Vec<f32>,
    /// What was fitted.
    pub fit: Fit,
    /// Training items offered to the optimizer (before its outlier filter).
    pub training_items: usize,
    /// Grades they were built from.
    pub reviews: usize,
}

/// Why no parameters were fitted.
#[derive(Debug, thiserror::Error)]
pub enum OptimizeError {
    /// Too few usable grades; the current parameters stay.
    #[error(
        "not enough review history to optimize: {training_items} usable grades \
         (grades at least a day after the previous grade of the same item); the optimizer \
         needs at least {minimum} after removing outliers, and fits all parameters from {full}"
    )]
    NotEnoughData {
        /// Training items available before the outlier filter.
        training_items: usize,
        /// The crate's minimum after its outlier filter.
        minimum: usize,
        /// Items needed for a full fit.
        full: usize,
    },
    /// The crate failed (invalid input, non-finite result).
    #[error("FSRS optimizer failed: {0:?}")]
    Fsrs(fsrs::FSRSError),
}

/// Builds training items from the log (any order; it is sorted here).
pub fn training_set(cfg: &SchedulerConfig, logs: &[ReviewLog]) -> TrainingSet {
    let mut sorted: Vec<&ReviewLog> = logs.iter().collect();
    // By item, then time; equal times keep their log order (the sort is stable).
    sorted.sort_by(|a, b| a.item_id.cmp(&b.item_id).then(a.reviewed_at.cmp(&b.reviewed_at)));
    let mut builder = TrainingBuilder::new(cfg);
    for log in sorted {
        builder.push(&log.item_id, Grade { at: log.reviewed_at, rating: log.rating, state_before: log.state_before });
    }
    builder.finish()
}

/// One grade, as training needs it.
#[derive(Debug, Clone, Copy)]
pub struct Grade {
    /// When it was given.
    pub at: DateTime<Utc>,
    /// The button.
    pub rating: Rating,
    /// The state it was given in (`New` starts a history again).
    pub state_before: State,
}

/// Builds the training set from grades fed in item order, then time order, one at a time: the
/// log of a long history (2,000,000 grades) is never held in memory beside the training set.
#[derive(Debug)]
pub struct TrainingBuilder<'c> {
    cfg: &'c SchedulerConfig,
    set: TrainingSet,
    item: Option<String>,
    card_id: i64,
    history: Vec<Grade>,
}

impl<'c> TrainingBuilder<'c> {
    /// An empty set.
    pub fn new(cfg: &'c SchedulerConfig) -> Self {
        TrainingBuilder { cfg, set: TrainingSet::default(), item: None, card_id: -1, history: Vec::new() }
    }

    /// The next grade; grades must come grouped by item, each item's in time order.
    pub fn push(&mut self, item_id: &str, grade: Grade) {
        if self.item.as_deref() != Some(item_id) {
            self.flush();
            self.item = Some(item_id.to_string());
            self.card_id += 1;
        }
        self.history.push(grade);
    }

    /// The training set of everything pushed.
    pub fn finish(mut self) -> TrainingSet {
        self.flush();
        self.set
    }

    /// Turns the current item's grades into training items.
    fn flush(&mut self) {
        let mut history = std::mem::take(&mut self.history);
        // Start from the last first-grade, as Anki does after a reset.
        if let Some(start) = history.iter().rposition(|g| g.state_before == State::New) {
            history.drain(..start);
        }
        self.set.reviews += history.len();
        let mut reviews: Vec<FSRSReview> = Vec::with_capacity(history.len());
        let mut previous = None;
        for grade in &history {
            let delta_t = previous.map_or(0, |p| self.cfg.days_between(p, grade.at));
            previous = Some(grade.at);
            reviews.push(FSRSReview { rating: u32::from(grade.rating.as_u8()), delta_t });
            if reviews.len() > 1 && delta_t > 0 {
                self.set.items.push(FSRSItem { reviews: reviews.clone() });
                self.set.card_ids.push(self.card_id);
            }
        }
        history.clear();
        self.history = history;
    }
}

/// Fits parameters to the log with the `fsrs` crate's optimizer.
///
/// This trains a model and can take seconds on a large log.
///
/// # Errors
///
/// [`OptimizeError::NotEnoughData`] when the crate would fit nothing, [`OptimizeError::Fsrs`]
/// when it fails.
pub fn optimize(cfg: &SchedulerConfig, logs: &[ReviewLog]) -> Result<Optimized, OptimizeError> {
    fit(cfg, training_set(cfg, logs))
}

/// Fits parameters to a training set built with [`TrainingBuilder`] (see [`optimize`]).
///
/// # Errors
///
/// As for [`optimize`].
pub fn fit(cfg: &SchedulerConfig, set: TrainingSet) -> Result<Optimized, OptimizeError> {
    let not_enough = OptimizeError::NotEnoughData {
        training_items: set.items.len(),
        minimum: MIN_TRAINING_ITEMS,
        full: MIN_ITEMS_FOR_FULL_FIT,
    };
    if set.items.len() < MIN_TRAINING_ITEMS {
        return Err(not_enough);
    }
    let training_items = set.items.len();
    let input = ComputeParametersInput {
        train_set: set.items,
        card_ids: Some(set.card_ids),
        enable_short_term: true,
        num_relearning_steps: Some(cfg.relearning_steps.len()),
        ..ComputeParametersInput::default()
    };
    let parameters = fsrs::compute_parameters(input).map_err(OptimizeError::Fsrs)?;
    // The crate signals "fewer than 8 items survived the outlier filter" by returning the
    // defaults unchanged, and "fewer than 64" by changing only w0–w3.
    if parameters == fsrs::DEFAULT_PARAMETERS {
        return Err(not_enough);
    }
    let fit =
        if parameters.get(4..) == fsrs::DEFAULT_PARAMETERS.get(4..) { Fit::InitialStabilityOnly } else { Fit::Full };
    Ok(Optimized { parameters, fit, training_items, reviews: set.reviews })
}
