//! The learner's history as use cases: the review log, items' stored states, settings,
//! fitting personal FSRS parameters to the log, and the ids progress holds that the material
//! no longer has.

#![deny(clippy::indexing_slicing)]

use std::collections::{BTreeSet, HashMap, HashSet};
use std::path::Path;

use super::reviewing::{PARAMETERS_KEY, Study, StudyError};
use crate::content::Catalog;
use crate::srs::{self, Optimized, ReviewLog};
use crate::store::{ItemRow, Store};

impl Study<'_> {
    /// Every grade recorded, oldest first.
    pub fn review_logs(&self) -> Result<Vec<ReviewLog>, StudyError> {
        Ok(self.store.review_logs()?)
    }

    /// Every graded item's stored state, by id.
    pub fn items(&self) -> Result<HashMap<String, ItemRow>, StudyError> {
        Ok(self.store.items()?)
    }

    /// One item's stored state; `None` if it was never graded (or is unknown).
    pub fn item(&self, id: &str) -> Result<Option<ItemRow>, StudyError> {
        Ok(self.store.item(id)?)
    }

    /// A learner setting (fitted parameters, the sync folder, the plan …) as stored.
    pub fn setting(&self, key: &str) -> Result<Option<String>, StudyError> {
        Ok(self.store.get_setting(key)?)
    }

    /// Stores a learner setting; it syncs unless it is device-local.
    pub fn set_setting(&self, key: &str, value: &str) -> Result<(), StudyError> {
        self.wrote();
        Ok(self.store.set_setting(key, value)?)
    }

    /// How many grades `id` has had.
    pub fn reviews_of(&self, id: &str) -> Result<usize, StudyError> {
        Ok(self.store.review_logs()?.iter().filter(|l| l.item_id == id).count())
    }

    /// Fits personal FSRS parameters to the review log and keeps them for every later open.
    ///
    /// # Errors
    ///
    /// [`StudyError::Optimize`] when there are too few grades (nothing is stored then).
    pub fn optimize(&self) -> Result<Optimized, StudyError> {
        let mut training = srs::TrainingBuilder::new(&self.base);
        self.store.for_each_grade_by_item(|id, grade| training.push(id, grade))?;
        let fit = srs::optimize::fit(&self.base, training.finish())?;
        let json = serde_json::to_string(&fit.parameters).unwrap_or_else(|_| "[]".into());
        self.wrote();
        self.store.set_setting(PARAMETERS_KEY, &json)?;
        Ok(fit)
    }
}

/// Ids that have a stored state or review log in the database at `db` but no item in the
/// material, sorted. Ids the material renames are not orphaned: their progress moves on the
/// next open. Reads only: renames are not applied, nothing is written.
///
/// # Errors
///
/// The database cannot be opened or read.
pub fn orphaned_ids(catalog: &Catalog, db: &Path) -> Result<Vec<String>, StudyError> {
    let store = Store::open(db)?;
    let mut ids: BTreeSet<String> = store.items()?.into_keys().collect();
    ids.extend(store.review_logs()?.into_iter().map(|l| l.item_id));
    let renamed: HashSet<String> = catalog.renames().into_iter().map(|(old, _)| old.to_string()).collect();
    Ok(ids.into_iter().filter(|id| catalog.item(id).is_none() && !renamed.contains(id)).collect())
}
