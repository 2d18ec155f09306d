//! Readiness on exam day: how likely each domain's questions are to be answered right on the
//! exam date, and one projected scaled score with an uncertainty band.
//!
//! **An estimate, not a prediction.** It joins two kinds of evidence per domain:
//!
//! - *memory*: the FSRS retrievability of every item of the domain at the exam date (the
//!   scheduler's [`crate::srs::retrievability`], not a re-derivation), with an item never graded
//!   counting as not known. This is "if you stopped studying today": reviews between now and the
//!   exam only raise it.
//! - *exams*: the share answered right in the domain over recent scored attempts.
//!
//! The domain's expected share right is the two blended by how much evidence each carries (an
//! exam answer counts as one observation; a flashcard graded `r` times counts as
//! `min(r, 4) / 4` of one, since recalling a fact is indirect evidence for a scenario question
//! and one grade leaves stability unsettled). The band treats each domain as a Beta
//! posterior over that evidence (uniform prior, so it is wide when evidence is thin), adds the
//! domains' spreads as if correlated, and adds the sampling noise of one sitting of the exam's
//! scored questions; it is the mean ± 1.645
//! standard deviations (about 90 %), mapped through [`crate::exam::scaled_estimate`], whose own
//! assumption (72 % raw ≈ 750) carries over. See docs/READINESS.md.

use std::collections::BTreeMap;

use chrono::{DateTime, Utc};
use serde::Serialize;

use crate::content::schema::Exam;
use crate::exam::scaled_estimate;
use crate::srs::{CardState, SchedulerConfig, State, retrievability};

/// How much one flashcard grade counts against one exam answer, and how many grades of an item
/// count at most: an item graded [`GRADES_FOR_FULL_WEIGHT`] times is worth one exam answer.
pub const GRADES_FOR_FULL_WEIGHT: u32 = 4;

/// The z value of the band: mean ± 1.645 σ covers about 90 % of a normal distribution.
pub const BAND_Z: f64 = 1.645;

/// One reviewable item, as the model sees it.
#[derive(Debug, Clone, Copy)]
pub struct ItemEvidence<'a> {
    /// Exam domain number.
    pub domain: u8,
    /// Task statement id such as `1.4`.
    pub task: &'a str,
    /// Its scheduling state; `None` (or a `New` state) when never graded.
    pub card: Option<&'a CardState>,
}

/// Right answers and questions answered (in recent attempts).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct Tally {
    pub correct: usize,
    pub questions: usize,
}

impl Tally {
    /// Adds one answer.
    pub fn add(&mut self, right: bool) {
        self.correct += usize::from(right);
        self.questions += 1;
    }

    /// The share right, or `None` with no answers.
    pub fn rate(&self) -> Option<f64> {
        (self.questions > 0).then(|| self.correct as f64 / self.questions as f64)
    }
}

/// Memory and exam evidence for one group of items (a domain or a task).
#[derive(Debug, Clone, Copy, Default, PartialEq, Serialize)]
pub struct Evidence {
    /// Items in the group.
    pub items: usize,
    /// Items graded at least once.
    pub seen: usize,
    /// Mean retrievability at the projection date over *all* items (never graded = 0).
    pub projected_recall: f64,
    /// Flashcard evidence in exam-answer equivalents (see the module docs).
    pub memory_weight: f64,
    /// Recent exam answers in the group.
    pub exam: Tally,
}

impl Evidence {
    /// The expected share of the group's questions answered right: memory and exam accuracy
    /// weighted by their evidence; memory alone (which is 0 when nothing was graded) otherwise.
    pub fn expected(&self) -> f64 {
        let exam_weight = self.exam.questions as f64;
        let total = self.memory_weight + exam_weight;
        if total <= 0.0 {
            return self.projected_recall;
        }
        (self.memory_weight * self.projected_recall + exam_weight * self.exam.rate().unwrap_or(0.0)) / total
    }

    /// All the evidence, in exam-answer equivalents.
    pub fn weight(&self) -> f64 {
        self.memory_weight + self.exam.questions as f64
    }

    /// The variance of the expected share: a Beta(1 + k, 1 + n − k) posterior's, where n is
    /// [`Evidence::weight`] and k the share of it that was right.
    pub fn variance(&self) -> f64 {
        let n = self.weight();
        let a = 1.0 + self.expected() * n;
        let b = 1.0 + (1.0 - self.expected()) * n;
        a * b / ((a + b).powi(2) * (a + b + 1.0))
    }
}

/// Sums the memory evidence of `items` that `pick` keys, at `at`.
pub fn memory_evidence<'a, K: Ord>(
    cfg: &SchedulerConfig,
    items: impl IntoIterator<Item = ItemEvidence<'a>>,
    at: DateTime<Utc>,
    key: impl Fn(&ItemEvidence<'a>) -> K,
) -> BTreeMap<K, Evidence> {
    let mut out: BTreeMap<K, Evidence> = BTreeMap::new();
    let mut recall_sums: BTreeMap<K, f64> = BTreeMap::new();
    for item in items {
        let k = key(&item);
        let e = out.entry(key(&item)).or_default();
        e.items += 1;
        if let Some(card) = item.card.filter(|c| c.state != State::New && c.reps > 0) {
            e.seen += 1;
            e.memory_weight += f64::from(card.reps.min(GRADES_FOR_FULL_WEIGHT)) / f64::from(GRADES_FOR_FULL_WEIGHT);
            *recall_sums.entry(k).or_default() += retrievability(cfg, card, at);
        }
    }
    for (k, sum) in recall_sums {
        if let Some(e) = out.get_mut(&k) {
            e.projected_recall = if e.items == 0 { 0.0 } else { sum / e.items as f64 };
        }
    }
    out
}

/// One domain's projection.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct DomainReadiness {
    pub number: u8,
    pub name: String,
    /// Percent of the exam.
    pub weight: u32,
    #[serde(flatten)]
    pub evidence: Evidence,
    /// The expected share right on exam day ([`Evidence::expected`]).
    pub expected: f64,
}

/// The projection for the whole exam.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Projection {
    /// The moment projected to.
    pub at: DateTime<Utc>,
    pub domains: Vec<DomainReadiness>,
    /// Expected share right, weighted by domain.
    pub fraction: f64,
    /// The band around it (about 90 %), clamped to 0–1.
    pub fraction_low: f64,
    pub fraction_high: f64,
    /// The same three on the 100–1000 scale (an estimate: see [`mod@crate::exam::score`]).
    pub scaled: u32,
    pub scaled_low: u32,
    pub scaled_high: u32,
    /// The passing scaled score, for the verdict.
    pub passing: u32,
    /// All evidence, in exam-answer equivalents.
    pub evidence: f64,
}

/// Projects the exam score from per-domain evidence.
///
/// `memory` and `exams` are keyed by domain number; domains missing from them have no
/// evidence. Nothing here fails: an empty blueprint gives a zero projection.
pub fn project(
    blueprint: &Exam,
    memory: &BTreeMap<u8, Evidence>,
    exams: &BTreeMap<u8, Tally>,
    at: DateTime<Utc>,
) -> Projection {
    let domains: Vec<DomainReadiness> = blueprint
        .domains
        .iter()
        .map(|d| {
            let number = *d.number.get_ref();
            let mut evidence = memory.get(&number).copied().unwrap_or_default();
            evidence.exam = exams.get(&number).copied().unwrap_or_default();
            DomainReadiness { number, name: d.name.clone(), weight: d.weight, expected: evidence.expected(), evidence }
        })
        .collect();
    let total_weight: f64 = domains.iter().map(|d| f64::from(d.weight.max(1))).sum::<f64>().max(1.0);
    let share = |d: &DomainReadiness| f64::from(d.weight.max(1)) / total_weight;
    let fraction: f64 = domains.iter().map(|d| share(d) * d.expected).sum();
    // What a learner knows in one domain says something about the others, so the domains'
    // uncertainties are added as if fully correlated (the sum of standard deviations), the
    // cautious choice: averaging six unknowns as independent would make no evidence look sure.
    let posterior_sd: f64 = domains.iter().map(|d| share(d) * d.evidence.variance().sqrt()).sum();
    // A sitting draws only the scored questions, so even a certain share comes out noisy.
    let sitting = fraction * (1.0 - fraction) / f64::from(blueprint.scored.max(1));
    let half = BAND_Z * (posterior_sd.powi(2) + sitting).sqrt();
    let (low, high) = ((fraction - half).clamp(0.0, 1.0), (fraction + half).clamp(0.0, 1.0));
    Projection {
        at,
        fraction,
        fraction_low: low,
        fraction_high: high,
        scaled: scaled_estimate(fraction, blueprint),
        scaled_low: scaled_estimate(low, blueprint),
        scaled_high: scaled_estimate(high, blueprint),
        passing: blueprint.passing_score,
        evidence: domains.iter().map(|d| d.evidence.weight()).sum(),
        domains,
    }
}

impl Projection {
    /// The band's width on the 100–1000 scale.
    pub fn band_width(&self) -> u32 {
        self.scaled_high.saturating_sub(self.scaled_low)
    }

    /// "likely pass", "likely fail" or "too close to call", from where the band lies.
    pub fn verdict(&self) -> &'static str {
        if self.scaled_low >= self.passing {
            "likely to pass"
        } else if self.scaled_high < self.passing {
            "not yet passing"
        } else {
            "too close to call"
        }
    }
}
