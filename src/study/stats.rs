//! Statistics for `dopdeck stats` and the Stats screen, counted in SQL where they read the log.

use chrono::{DateTime, Duration, Utc};

use super::{Study, StudyError};
use crate::content::ItemKind;
use crate::content::schema::Deck;
use crate::srs::stats::{self, ForecastDay, StateCounts, TrueRetention};
use crate::store::ItemRow;

/// Days of true retention shown.
pub const RETENTION_DAYS: u32 = 30;

/// Days of the due forecast.
pub const FORECAST_DAYS: u32 = 30;

/// Everything `dopdeck stats` prints.
#[derive(Debug, Clone, PartialEq)]
pub struct ReviewStats {
    /// Grades made today (this study day).
    pub today: u32,
    /// Consecutive study days with a grade (see [`stats::streak`]).
    pub streak: u32,
    /// Grades in the whole log.
    pub total: u64,
    /// True retention over the last [`RETENTION_DAYS`] study days.
    pub retention: TrueRetention,
    /// The deck's items by state.
    pub states: StateCounts,
    /// Items due per study day, for [`FORECAST_DAYS`] days from today.
    pub forecast: Vec<ForecastDay>,
}

impl Study<'_> {
    /// The statistics of `deck` at `now`.
    ///
    /// The review log is never loaded whole: today's count, each day of the streak and the
    /// retention are indexed SQL aggregates, so the cost does not grow with years of history.
    pub fn review_stats(&self, deck: &Deck, now: DateTime<Utc>) -> Result<ReviewStats, StudyError> {
        let cfg = self.config(Some(deck));
        let today = cfg.study_day(now);
        let start = |day: chrono::NaiveDate| cfg.day_start(day);
        let next = |day: chrono::NaiveDate| start(day + Duration::days(1));
        let mut failed = None;
        let streak = stats::streak_by(today, |day| match self.store.reviewed_between(start(day), next(day)) {
            Ok(yes) => yes,
            Err(e) => {
                failed.get_or_insert(e);
                false
            }
        });
        if let Some(e) = failed {
            return Err(e.into());
        }
        let first = today - Duration::days(i64::from(RETENTION_DAYS - 1));
        // Item rows by catalog position, read one by one (no map of ids); unanswered questions
        // are not new cards (see `Study::candidates`).
        let mut rows: Vec<Option<ItemRow>> = vec![None; self.catalog.items.len()];
        self.store.scan_items(|id, row| {
            if let Some(slot) = self.catalog.position(id).and_then(|at| rows.get_mut(at)) {
                *slot = Some(row);
            }
        })?;
        let in_deck = || {
            self.catalog
                .items
                .iter()
                .zip(&rows)
                .filter(|(item, row)| {
                    self.catalog.deck_selects(deck, item) && (item.kind != ItemKind::Question || row.is_some())
                })
                .map(|(_, row)| (row.as_ref().is_some_and(|r| r.suspended), row.as_ref().map(|r| &r.card)))
        };
        Ok(ReviewStats {
            today: self.store.reviews_between(start(today), next(today))?,
            streak,
            total: self.store.reviews_count()?,
            retention: self.store.retention_between(start(first), next(today))?,
            states: stats::count_states(in_deck()),
            forecast: stats::forecast_of(&cfg, in_deck(), now, FORECAST_DAYS),
        })
    }
}
