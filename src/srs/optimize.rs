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

use std::collections::HashMap;

use fsrs::{ComputeParametersInput, FSRSItem, FSRSReview};

use super::config::SchedulerConfig;
use super::types::{ReviewLog, State};

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
    let mut by_item: HashMap<&str, Vec<&ReviewLog>> = HashMap::new();
    for log in logs {
        by_item.entry(log.item_id.as_str()).or_default().push(log);
    }
    let mut item_ids: Vec<&str> = by_item.keys().copied().collect();
    item_ids.sort_unstable();

    let mut set = TrainingSet::default();
    for (card_id, item_id) in item_ids.into_iter().enumerate() {
        let mut history = by_item.remove(item_id).unwrap_or_default();
        history.sort_by_key(|log| log.reviewed_at);
        // Start from the last first-grade, as Anki does after a reset.
        if let Some(start) = history.iter().rposition(|log| log.state_before == State::New) {
            history.drain(..start);
        }
        set.reviews += history.len();
        let mut reviews: Vec<FSRSReview> = Vec::with_capacity(history.len());
        let mut previous = None;
        for log in history {
            let delta_t = previous.map_or(0, |p| cfg.days_between(p, log.reviewed_at));
            previous = Some(log.reviewed_at);
            reviews.push(FSRSReview { rating: u32::from(log.rating.as_u8()), delta_t });
            if reviews.len() > 1 && delta_t > 0 {
                set.items.push(FSRSItem { reviews: reviews.clone() });
                set.card_ids.push(card_id as i64);
            }
        }
    }
    set
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
    let set = training_set(cfg, logs);
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
