//! Progress as plain data: the numbers the dashboard, the stats screen, the header and
//! `dopdeck stats` show, and the readiness estimate.
//!
//! Everything here is computed from one [`Loaded`] read of the items table and the review log
//! (plus the recent exam attempts), so a key press that changes progress costs one read, not
//! one per deck. The TUI keeps a [`Snapshot`] and renders from it: rendering never touches the
//! database.

#![deny(clippy::indexing_slicing)]

use std::collections::{BTreeMap, HashMap};

use chrono::{DateTime, NaiveDate, Utc};

use super::reviewing::{Study, StudyError};
use crate::content::Catalog;
use crate::content::schema::Deck;
use crate::exam;
use crate::srs::stats::{self, ForecastDay, StateCounts, TrueRetention};
use crate::srs::{DueCounts, ReviewLog, SchedulerConfig, State, retrievability};
use crate::store::{AttemptMeta, ItemRow};

/// One read of progress: every item's stored state and the whole review log, as of one
/// moment. Queues, due counts and the [`Snapshot`] are computed from it without reading again.
///
/// It goes stale as soon as this [`Study`] writes (see [`Study::is_current`]); a shell keeps
/// one for the length of a key press at most, since another dopdeck may write meanwhile.
#[derive(Debug, Clone)]
pub struct Loaded {
    pub(in crate::study) rows: HashMap<String, ItemRow>,
    pub(in crate::study) logs: Vec<ReviewLog>,
    pub(in crate::study) generation: u64,
}

impl Loaded {
    /// Today's grades (from the study day's start), oldest first.
    pub fn logs(&self) -> &[ReviewLog] {
        &self.logs
    }
}

/// Today's counts for one deck.
#[derive(Debug, Clone, PartialEq)]
pub struct DeckDue {
    pub id: String,
    pub name: String,
    pub counts: DueCounts,
}

impl DeckDue {
    /// Everything available now: new, learning and review.
    pub fn total(&self) -> u32 {
        self.counts.new + self.counts.learning + self.counts.review
    }
}

/// How one exam domain is going.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct DomainStat {
    pub number: u8,
    pub name: String,
    /// Percent of the exam.
    pub weight: u32,
    /// Reviewable items in the domain, and how many have been graded at least once.
    pub items: usize,
    pub reviewed: usize,
    /// Mean probability of recall now over the graded items (FSRS retrievability).
    pub recall: Option<f64>,
    /// Right answers and questions in the domain over the last [`EXAM_WINDOW`] submitted
    /// attempts.
    pub exam: Option<(usize, usize)>,
}

impl DomainStat {
    /// The share of the domain's items graded at least once.
    pub fn coverage(&self) -> f64 {
        if self.items == 0 { 0.0 } else { self.reviewed as f64 / self.items as f64 }
    }

    /// The chance of answering one of the domain's questions right, as the readiness estimate
    /// models it: recent exam results where there are at least three answers, recall × coverage
    /// where there are graded cards, the mean of the two when both exist.
    pub fn expected(&self) -> Option<f64> {
        let exam = self.exam.filter(|(_, n)| *n >= 3).map(|(c, n)| c as f64 / n as f64);
        let memory = self.recall.map(|r| r * self.coverage());
        match (exam, memory) {
            (Some(e), Some(m)) => Some((e + m) / 2.0),
            (e, m) => e.or(m),
        }
    }
}

/// How many recent submitted attempts the per-domain exam results cover.
pub const EXAM_WINDOW: usize = 5;

/// A projection of the scaled score. An estimate on an estimate: label it so wherever shown.
#[derive(Debug, Clone, Copy, PartialEq, serde::Serialize)]
pub struct Readiness {
    /// Expected share right, weighted by domain.
    pub fraction: f64,
    /// [`exam::scaled_estimate`] of that share.
    pub scaled: u32,
}

/// Periods of the true-retention table, in study days.
pub const RETENTION_PERIODS: [(&str, u32); 4] =
    [("Today", 1), ("Last 7 days", 7), ("Last 30 days", 30), ("Last year", 365)];

/// Everything the statistics panels show.
#[derive(Debug, Clone, PartialEq)]
pub struct Snapshot {
    pub today: NaiveDate,
    pub decks: Vec<DeckDue>,
    /// The deck the dashboard and stats follow (index into `decks`).
    pub deck: usize,
    /// Grades per study day.
    pub per_day: BTreeMap<NaiveDate, u32>,
    pub reviews_today: u32,
    pub streak: u32,
    pub total_reviews: usize,
    pub retention: Vec<(&'static str, TrueRetention)>,
    /// Items of the chosen deck by state.
    pub states: StateCounts,
    /// Items of the chosen deck due per day, 30 days from today.
    pub forecast: Vec<ForecastDay>,
    pub domains: Vec<DomainStat>,
    pub readiness: Option<Readiness>,
    /// Every exam attempt, oldest first.
    pub attempts: Vec<AttemptMeta>,
    /// The exam-date plan, readiness on exam day and the weakest tasks (see `study::plan`).
    pub outlook: super::plan::Outlook,
}

/// Where deck `id` is in [`deck_order`].
pub fn deck_position(catalog: &Catalog, id: &str) -> Option<usize> {
    deck_order(catalog).iter().position(|d| d.id == id)
}

/// The decks in the order the dashboard lists them: `daily` first, then by name (which puts
/// the domain decks in domain order).
pub fn deck_order(catalog: &Catalog) -> Vec<&Deck> {
    let mut decks: Vec<&Deck> = catalog.decks.iter().collect();
    decks.sort_by(|a, b| (a.id != "daily", &a.name).cmp(&(b.id != "daily", &b.name)));
    decks
}

impl Snapshot {
    /// Reads everything for deck number `deck` (in [`deck_order`], clamped) at `now`.
    pub fn load(study: &Study<'_>, deck: usize, now: DateTime<Utc>) -> Result<Snapshot, StudyError> {
        Snapshot::build(study, &study.load(now)?, deck, now)
    }

    /// The snapshot for deck number `deck` (in [`deck_order`], clamped) at `now`, from
    /// `loaded` (the exam attempts are read here).
    pub fn build(study: &Study<'_>, loaded: &Loaded, deck: usize, now: DateTime<Utc>) -> Result<Snapshot, StudyError> {
        let catalog = study.catalog;
        let order = deck_order(catalog);
        let deck = deck.min(order.len().saturating_sub(1));
        let mut decks = Vec::with_capacity(order.len());
        for d in &order {
            decks.push(DeckDue { id: d.id.clone(), name: d.name.clone(), counts: study.due_in(loaded, d, now) });
        }
        let chosen = order.get(deck).copied();
        let cfg = study.config(chosen);
        let rows = &loaded.rows;
        let (states, forecast) = match chosen {
            Some(d) => {
                let candidates = study.candidates(d, rows);
                (stats::items_by_state(&candidates), stats::due_forecast(&cfg, &candidates, now, 30))
            }
            None => (StateCounts::default(), Vec::new()),
        };
        let panels = study.log_panels(&cfg, now)?;
        let attempts = study.exam_history()?;
        let domains = study.domain_stats(&cfg, rows, &attempts, now)?;
        Ok(Snapshot {
            today: cfg.study_day(now),
            decks,
            deck,
            reviews_today: panels.reviews_today,
            streak: panels.streak,
            total_reviews: panels.total_reviews,
            retention: panels.retention,
            per_day: panels.per_day,
            states,
            forecast,
            readiness: readiness(&domains, &catalog.exam),
            domains,
            attempts,
            outlook: study.outlook_in(rows, now)?,
        })
    }

    /// The chosen deck's counts, if there is a deck.
    pub fn deck_due(&self) -> Option<&DeckDue> {
        self.decks.get(self.deck)
    }

    /// The last scored attempt (closed, unscored attempts do not count).
    pub fn last_attempt(&self) -> Option<&AttemptMeta> {
        self.attempts.iter().rev().find(|a| a.submitted_at.is_some() && a.correct.is_some())
    }
}

impl Study<'_> {
    /// How each exam domain is going, from the items' states in `rows` and the last
    /// [`EXAM_WINDOW`] scored `attempts`.
    fn domain_stats(
        &self,
        cfg: &SchedulerConfig,
        rows: &HashMap<String, ItemRow>,
        attempts: &[AttemptMeta],
        now: DateTime<Utc>,
    ) -> Result<Vec<DomainStat>, StudyError> {
        let mut domain_exam: BTreeMap<u8, (usize, usize)> = BTreeMap::new();
        for a in attempts.iter().rev().filter(|a| a.submitted_at.is_some() && a.correct.is_some()).take(EXAM_WINDOW) {
            if let Some((_, session)) = self.store.load_exam(a.id)? {
                for (d, s) in exam::score(self.catalog, &session).domains {
                    let e = domain_exam.entry(d).or_default();
                    e.0 += s.correct;
                    e.1 += s.questions;
                }
            }
        }
        let mut domains = Vec::new();
        for d in &self.catalog.exam.domains {
            let number = *d.number.get_ref();
            let (mut items, mut reviewed, mut recall_sum) = (0usize, 0usize, 0.0f64);
            for item in self.catalog.items().iter().filter(|i| i.domain == number) {
                items += 1;
                if let Some(row) = rows.get(&item.id).filter(|r| r.card.state != State::New) {
                    reviewed += 1;
                    recall_sum += retrievability(cfg, &row.card, now);
                }
            }
            domains.push(DomainStat {
                number,
                name: d.name.clone(),
                weight: d.weight,
                items,
                reviewed,
                recall: (reviewed > 0).then(|| recall_sum / reviewed as f64),
                exam: domain_exam.get(&number).copied(),
            });
        }
        Ok(domains)
    }

    /// The readiness estimate the dashboard shows, and the domains it is made of (reads the
    /// items and the recent attempts; not the review log).
    pub fn readiness_estimate(&self, now: DateTime<Utc>) -> Result<(Vec<DomainStat>, Option<Readiness>), StudyError> {
        let domains = self.domain_stats(&self.config(None), &self.store.items()?, &self.exam_history()?, now)?;
        let estimate = readiness(&domains, &self.catalog.exam);
        Ok((domains, estimate))
    }
}

/// The weighted projection, or `None` before any grade or exam answer.
fn readiness(domains: &[DomainStat], blueprint: &crate::content::schema::Exam) -> Option<Readiness> {
    if domains.iter().all(|d| d.expected().is_none()) {
        return None;
    }
    let weights: u32 = domains.iter().map(|d| d.weight.max(1)).sum();
    let sum: f64 = domains.iter().map(|d| f64::from(d.weight.max(1)) * d.expected().unwrap_or(0.0)).sum();
    let fraction = sum / f64::from(weights.max(1));
    Some(Readiness { fraction, scaled: exam::scaled_estimate(fraction, blueprint) })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn domain(recall: Option<f64>, reviewed: usize, exam: Option<(usize, usize)>) -> DomainStat {
        DomainStat { number: 1, name: "d".into(), weight: 20, items: 10, reviewed, recall, exam }
    }

    #[test]
    fn expected_blends_exam_results_and_memory() {
        assert_eq!(domain(None, 0, None).expected(), None);
        assert_eq!(domain(Some(0.9), 5, None).expected(), Some(0.45));
        // Two answers are too few to count.
        assert_eq!(domain(None, 0, Some((2, 2))).expected(), None);
        assert_eq!(domain(None, 0, Some((3, 4))).expected(), Some(0.75));
        assert_eq!(domain(Some(1.0), 10, Some((1, 4))).expected(), Some(0.625));
    }
}
