//! The readiness model on synthetic histories: learners built by grading items through the
//! real scheduler, then projected 30 days ahead.

use std::collections::BTreeMap;

use chrono::{DateTime, Duration, TimeZone, Utc};

use super::readiness::{Evidence, ItemEvidence, Projection, Tally, memory_evidence, project};
use crate::content::Spanned;
use crate::content::schema::{Domain, Exam};
use crate::srs::{self, CardState, Rating, SchedulerConfig};

/// The DOP-C02 blueprint: six domains, 75 questions (65 scored), 750 of 100–1000 to pass.
fn blueprint() -> Exam {
    let weights = [22, 17, 15, 15, 14, 17];
    Exam {
        code: "DOP-C02".into(),
        name: "test".into(),
        questions: 75,
        scored: 65,
        minutes: 180,
        passing_score: 750,
        score_min: 100,
        score_max: 1000,
        source: String::new(),
        domains: weights
            .iter()
            .enumerate()
            .map(|(i, w)| Domain {
                number: Spanned::new(0..0, i as u8 + 1),
                slug: format!("d{}", i + 1),
                name: format!("Domain {}", i + 1),
                weight: *w,
                tasks: Vec::new(),
            })
            .collect(),
    }
}

fn start() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 1, 5, 12, 0, 0).unwrap()
}

/// An item graded `rating` each time it fell due, `times` times, from `start()`.
fn learnt(cfg: &SchedulerConfig, id: &str, rating: Rating, times: u32) -> CardState {
    let mut card = CardState::new(start());
    let mut at = start();
    for _ in 0..times {
        card = srs::review(cfg, &card, rating, at, id).unwrap().card;
        at = card.due.max(at + Duration::minutes(1));
    }
    card
}

/// A learner who graded `items_per_domain` items per domain `rating`, `times` times each, and
/// answered `answers` exam questions per domain with `right` of them right; projected to
/// 30 days after the last study.
fn learner(items_per_domain: usize, rating: Rating, times: u32, answers: usize, right: usize) -> Projection {
    let cfg = SchedulerConfig { enable_fuzz: false, ..SchedulerConfig::default() };
    let mut cards = Vec::new();
    for d in 1..=6u8 {
        for i in 0..items_per_domain {
            cards.push((d, (times > 0).then(|| learnt(&cfg, &format!("c-{d}-{i}"), rating, times))));
        }
    }
    let last = cards.iter().filter_map(|(_, c)| c.as_ref()?.last_review).max().unwrap_or(start());
    let at = last + Duration::days(30);
    let items = cards.iter().map(|(d, c)| ItemEvidence { domain: *d, task: "t", card: c.as_ref() });
    let memory = memory_evidence(&cfg, items, at, |i| i.domain);
    let exams: BTreeMap<u8, Tally> = (1..=6).map(|d| (d, Tally { correct: right, questions: answers })).collect();
    project(&blueprint(), &memory, &exams, at)
}

#[test]
fn a_learner_who_knows_everything_projects_a_pass_with_a_narrow_band() {
    let p = learner(60, Rating::Good, 8, 40, 39);
    assert!(p.scaled > 750 && p.scaled_low > 750, "{p:#?}");
    assert!(p.band_width() < 120, "band {}–{}", p.scaled_low, p.scaled_high);
    assert_eq!(p.verdict(), "likely to pass");
}

#[test]
fn a_learner_who_knows_nothing_projects_near_the_bottom() {
    // Never studied, never sat an exam: every item counts as not known.
    let p = learner(60, Rating::Good, 0, 0, 0);
    assert!(p.scaled <= 150, "{}", p.scaled);
    assert_eq!(p.scaled, 100);
    // Nothing is known about them, so the band is wide.
    assert!(p.band_width() > 300, "band {}–{}", p.scaled_low, p.scaled_high);
    // Studied and failed everything: FSRS's long-tailed forgetting curve still leaves some
    // recall after a month, so not the very bottom, but well below a pass, and surer of it.
    let failed = learner(60, Rating::Again, 4, 40, 2);
    assert!(failed.scaled < 400, "{failed:#?}");
    assert_eq!(failed.verdict(), "not yet passing");
    assert!(failed.band_width() < p.band_width());
}

#[test]
fn more_evidence_narrows_the_band() {
    let thin = learner(3, Rating::Good, 1, 2, 1);
    let some = learner(20, Rating::Good, 3, 10, 7);
    let much = learner(60, Rating::Good, 6, 40, 28);
    assert!(thin.evidence < some.evidence && some.evidence < much.evidence);
    assert!(thin.band_width() > some.band_width(), "{} vs {}", thin.band_width(), some.band_width());
    assert!(some.band_width() > much.band_width(), "{} vs {}", some.band_width(), much.band_width());
}

#[test]
fn unseen_items_count_as_not_known_and_exams_blend_by_weight() {
    let half = Evidence { items: 10, seen: 5, projected_recall: 0.45, memory_weight: 5.0, exam: Tally::default() };
    assert!((half.expected() - 0.45).abs() < 1e-12);
    let blended = Evidence { exam: Tally { correct: 5, questions: 5 }, ..half };
    assert!((blended.expected() - 0.725).abs() < 1e-12);
    assert_eq!(Evidence::default().expected(), 0.0);
    // The uniform prior's variance with no evidence at all.
    assert!((Evidence::default().variance() - 1.0 / 12.0).abs() < 1e-12);
}
