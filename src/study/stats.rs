//! Statistics for `dopdeck stats` and the Stats screen, counted in SQL where they read the log.

use std::collections::BTreeMap;

use chrono::{DateTime, Duration, NaiveDate, Utc};

use super::{Study, StudyError};
use crate::content::schema::Deck;
use crate::srs::SchedulerConfig;
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
        let streak = self.streak(&cfg, today)?;
        let first = today - Duration::days(i64::from(RETENTION_DAYS - 1));
        // Item rows by catalog position, read one by one (no map of ids); unanswered questions
        // are not new cards (see `due::queued`).
        let mut rows: Vec<Option<ItemRow>> = vec![None; self.catalog.item_count()];
        self.store.scan_items(|id, row| {
            if let Some(slot) = self.catalog.position(id).and_then(|at| rows.get_mut(at)) {
                *slot = Some(row);
            }
        })?;
        let in_deck = || {
            self.catalog
                .item_refs()
                .zip(&rows)
                .filter(|(item, row)| {
                    self.catalog.deck_selects(deck, *item) && super::due::queued(*item, row.is_some())
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

/// What the statistics panels read from the review log, counted in SQL.
#[derive(Debug, Clone, PartialEq)]
pub struct LogPanels {
    /// Grades per study day over the heatmap's [`HEATMAP_DAYS`].
    pub per_day: BTreeMap<NaiveDate, u32>,
    pub reviews_today: u32,
    pub streak: u32,
    pub total_reviews: usize,
    pub retention: Vec<(&'static str, TrueRetention)>,
}

/// Study days of grades the heatmap can show (53 weeks).
pub const HEATMAP_DAYS: i64 = 53 * 7;

impl Study<'_> {
    /// The log-based panels at `now`: one indexed query each, never the whole log (the TUI
    /// refreshes them after every grade).
    pub fn log_panels(&self, cfg: &SchedulerConfig, now: DateTime<Utc>) -> Result<LogPanels, StudyError> {
        let today = cfg.study_day(now);
        let start = |day: NaiveDate| cfg.day_start(day);
        let next = |day: NaiveDate| start(day + Duration::days(1));
        let streak = self.streak(cfg, today)?;
        // A study day begins at the rollover hour, local time: shifting unix seconds by the UTC
        // offset less the rollover hour makes whole days of 86,400 seconds study days.
        let shift = i64::from(cfg.utc_offset.local_minus_utc()) - i64::from(cfg.day_rollover_hour) * 3600;
        let epoch = NaiveDate::from_ymd_opt(1970, 1, 1).unwrap_or_default();
        let per_day = self
            .store
            .grades_per_day(start(today - Duration::days(HEATMAP_DAYS)), next(today), shift)?
            .into_iter()
            .map(|(day, n)| (epoch + Duration::days(day), n))
            .collect();
        let mut retention = Vec::with_capacity(super::progress::RETENTION_PERIODS.len());
        for (name, days) in super::progress::RETENTION_PERIODS {
            let first = today - Duration::days(i64::from(days) - 1);
            retention.push((name, self.store.retention_between(start(first), next(today))?));
        }
        Ok(LogPanels {
            per_day,
            reviews_today: self.store.reviews_between(start(today), next(today))?,
            streak,
            total_reviews: usize::try_from(self.store.reviews_count()?).unwrap_or(usize::MAX),
            retention,
        })
    }

    /// Consecutive study days with a grade up to `today`: one index probe per day.
    fn streak(&self, cfg: &SchedulerConfig, today: NaiveDate) -> Result<u32, StudyError> {
        let mut failed = None;
        let streak = stats::streak_by(today, |day| {
            match self.store.reviewed_between(cfg.day_start(day), cfg.day_start(day + Duration::days(1))) {
                Ok(yes) => yes,
                Err(e) => {
                    failed.get_or_insert(e);
                    false
                }
            }
        });
        failed.map_or(Ok(streak), |e| Err(e.into()))
    }
}
