//! Scoring as the real exam does, and the report.
//!
//! Multiple response is all-or-nothing: the chosen set must equal the correct set. An unanswered
//! question is wrong; there is no penalty for guessing.
//!
//! **The scaled score is an estimate.** AWS reports 100–1,000 with 750 to pass, but converts raw
//! results with a statistical equating that it does not publish, and 10 of the 75 questions are
//! unscored. dopdeck maps the raw percentage piecewise-linearly through three points: 0 % → 100,
//! 72 % → 750 and 100 % → 1,000. The 72 % knee is an assumption (a common community reading of
//! where the cut lies), not an AWS figure; every screen that shows the number calls it an estimate.

use std::collections::BTreeMap;

use serde::Serialize;

use super::session::Session;
use crate::content::Catalog;
use crate::content::schema::Exam;

/// The raw share assumed to correspond to the passing scaled score.
pub const ASSUMED_PASS_RAW: f64 = 0.72;

/// One question's result.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Outcome {
    pub number: usize,
    pub question_id: String,
    pub domain: u8,
    pub task: String,
    /// Chosen options, as indices into the material's options.
    pub given: Vec<usize>,
    pub correct_options: Vec<usize>,
    pub correct: bool,
    pub flagged: bool,
}

/// Right answers per domain.
#[derive(Debug, Clone, Copy, Default, PartialEq, Serialize)]
pub struct DomainScore {
    pub questions: usize,
    pub correct: usize,
}

/// The result of an attempt.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Score {
    pub questions: usize,
    pub correct: usize,
    pub percent: f64,
    pub scaled_estimate: u32,
    pub passed: bool,
    pub domains: BTreeMap<u8, DomainScore>,
    pub outcomes: Vec<Outcome>,
}

/// Scores a session against the material.
pub fn score(catalog: &Catalog, session: &Session) -> Score {
    let mut domains: BTreeMap<u8, DomainScore> = BTreeMap::new();
    let mut outcomes = Vec::with_capacity(session.questions.len());
    for (i, aq) in session.questions.iter().enumerate() {
        let Some(q) = catalog.question(&aq.question_id) else { continue };
        let correct_options = q.correct_options();
        let given = session.answers.get(i).cloned().unwrap_or_default();
        let correct = given == correct_options;
        let domain = catalog.domain_of_task(q.task.get_ref()).unwrap_or(0);
        let d = domains.entry(domain).or_default();
        d.questions += 1;
        d.correct += usize::from(correct);
        outcomes.push(Outcome {
            number: i + 1,
            question_id: aq.question_id.clone(),
            domain,
            task: q.task.get_ref().clone(),
            given,
            correct_options,
            correct,
            flagged: session.is_flagged(i),
        });
    }
    let questions = outcomes.len();
    let correct = outcomes.iter().filter(|o| o.correct).count();
    let fraction = if questions == 0 { 0.0 } else { correct as f64 / questions as f64 };
    let scaled = scaled_estimate(fraction, &catalog.exam);
    Score {
        questions,
        correct,
        percent: (fraction * 1000.0).round() / 10.0,
        scaled_estimate: scaled,
        passed: scaled >= catalog.exam.passing_score,
        domains,
        outcomes,
    }
}

/// The estimated scaled score for a raw fraction correct (0.0–1.0); see the module docs.
pub fn scaled_estimate(fraction: f64, exam: &Exam) -> u32 {
    let f = fraction.clamp(0.0, 1.0);
    let (min, pass, max) = (f64::from(exam.score_min), f64::from(exam.passing_score), f64::from(exam.score_max));
    let scaled = if f <= ASSUMED_PASS_RAW {
        min + (pass - min) * f / ASSUMED_PASS_RAW
    } else {
        pass + (max - pass) * (f - ASSUMED_PASS_RAW) / (1.0 - ASSUMED_PASS_RAW)
    };
    scaled.round() as u32
}
