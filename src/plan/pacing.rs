//! Exam pacing: where the time of an attempt went, whether accuracy faded as it went on, how
//! changed answers turned out, and — during a timed attempt — whether the candidate is ahead
//! of or behind the pace the time limit implies.
//!
//! Real exams are lost to pacing and fatigue as much as to knowledge; this makes both visible.
//! Pure: the shell passes what the store recorded per question.

use std::collections::BTreeMap;

use chrono::{DateTime, Duration, Utc};
use serde::Serialize;

/// What was recorded for one question of an attempt, in attempt order.
#[derive(Debug, Clone, PartialEq)]
pub struct QuestionRecord {
    pub domain: u8,
    /// Time spent on it, all visits summed, in milliseconds.
    pub time_ms: u64,
    /// Whether the final answer is right (an unanswered question is wrong).
    pub correct: bool,
    /// Whether it was answered at all.
    pub answered: bool,
    /// Whether each answer given, in order, was right: `[false, true]` is a change from wrong
    /// to right.
    pub history: Vec<bool>,
}

/// Time on one question.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct QuestionTime {
    pub number: usize,
    pub domain: u8,
    pub seconds: f64,
    pub correct: bool,
}

/// Time and accuracy in one domain.
#[derive(Debug, Clone, Copy, Default, PartialEq, Serialize)]
pub struct DomainTime {
    pub questions: usize,
    pub correct: usize,
    pub seconds: f64,
    pub seconds_per_question: f64,
}

/// Accuracy in one quarter of the attempt (by question position).
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Quarter {
    /// 1–4.
    pub quarter: u8,
    pub questions: usize,
    pub correct: usize,
    /// `None` for an empty quarter (an attempt of fewer than four questions).
    pub accuracy: Option<f64>,
}

/// How changed answers turned out.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct Changes {
    pub wrong_to_right: u32,
    pub right_to_wrong: u32,
    pub wrong_to_wrong: u32,
}

/// Whether the candidate is ahead of or behind the pace a time limit implies.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Pace {
    /// Questions answered minus questions the even pace asks for by now: positive is ahead.
    pub questions_ahead: f64,
    /// Seconds a question the limit allows.
    pub allowed_seconds_per_question: f64,
}

impl Pace {
    /// "ahead by 3 questions", "behind by 2 questions", "on pace" (within half a question).
    pub fn label(&self) -> String {
        let n = self.questions_ahead.abs().round();
        if self.questions_ahead.abs() < 0.5 {
            "on pace".to_string()
        } else if self.questions_ahead > 0.0 {
            format!("ahead by {n} question(s)")
        } else {
            format!("behind by {n} question(s)")
        }
    }
}

/// The pacing report of an attempt.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Pacing {
    pub questions: Vec<QuestionTime>,
    pub domains: BTreeMap<u8, DomainTime>,
    pub quarters: Vec<Quarter>,
    pub changes: Changes,
    /// Seconds left at submission; `None` when untimed.
    pub time_left_seconds: Option<i64>,
    /// Seconds used in all (submission minus start).
    pub elapsed_seconds: i64,
    /// The pace at submission: answered questions against the limit's even pace.
    pub pace: Option<Pace>,
}

/// The pace at `now` of an attempt with `total` questions, `answered` of them answered,
/// started at `started` with a `deadline`. `None` when untimed or the limit is empty.
pub fn pace(
    total: usize,
    answered: usize,
    started: DateTime<Utc>,
    deadline: Option<DateTime<Utc>>,
    now: DateTime<Utc>,
) -> Option<Pace> {
    let limit = (deadline? - started).num_milliseconds();
    if limit <= 0 || total == 0 {
        return None;
    }
    let used = (now - started).num_milliseconds().clamp(0, limit);
    let expected = total as f64 * used as f64 / limit as f64;
    Some(Pace {
        questions_ahead: answered as f64 - expected,
        allowed_seconds_per_question: limit as f64 / 1000.0 / total as f64,
    })
}

/// Builds the pacing report from the records of an attempt, in attempt order.
pub fn analyse(
    records: &[QuestionRecord],
    started: DateTime<Utc>,
    deadline: Option<DateTime<Utc>>,
    submitted: DateTime<Utc>,
) -> Pacing {
    let questions: Vec<QuestionTime> = records
        .iter()
        .enumerate()
        .map(|(i, r)| QuestionTime {
            number: i + 1,
            domain: r.domain,
            seconds: r.time_ms as f64 / 1000.0,
            correct: r.correct,
        })
        .collect();
    let mut domains: BTreeMap<u8, DomainTime> = BTreeMap::new();
    for q in &questions {
        let d = domains.entry(q.domain).or_default();
        d.questions += 1;
        d.correct += usize::from(q.correct);
        d.seconds += q.seconds;
    }
    for d in domains.values_mut() {
        d.seconds_per_question = d.seconds / d.questions.max(1) as f64;
    }
    let n = records.len();
    let quarters = (0..4u8)
        .map(|k| {
            // Positions [n·k/4, n·(k+1)/4): quarters differ in size by at most one.
            let range = n * usize::from(k) / 4..n * usize::from(k + 1) / 4;
            let slice = records.get(range).unwrap_or_default();
            let correct = slice.iter().filter(|r| r.correct).count();
            Quarter {
                quarter: k + 1,
                questions: slice.len(),
                correct,
                accuracy: (!slice.is_empty()).then(|| correct as f64 / slice.len() as f64),
            }
        })
        .collect();
    let mut changes = Changes::default();
    for pair in records.iter().flat_map(|r| r.history.windows(2)) {
        match pair {
            [false, true] => changes.wrong_to_right += 1,
            [true, false] => changes.right_to_wrong += 1,
            [false, false] => changes.wrong_to_wrong += 1,
            _ => {}
        }
    }
    let answered = records.iter().filter(|r| r.answered).count();
    Pacing {
        questions,
        domains,
        quarters,
        changes,
        time_left_seconds: deadline.map(|d| (d - submitted).max(Duration::zero()).num_seconds()),
        elapsed_seconds: (submitted - started).num_seconds().max(0),
        pace: pace(n, answered, started, deadline, submitted),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    fn record(domain: u8, secs: u64, history: &[bool]) -> QuestionRecord {
        QuestionRecord {
            domain,
            time_ms: secs * 1000,
            correct: history.last().copied().unwrap_or(false),
            answered: !history.is_empty(),
            history: history.to_vec(),
        }
    }

    #[test]
    fn report_sums_time_quarters_and_changes() {
        let t0 = Utc.with_ymd_and_hms(2026, 3, 1, 9, 0, 0).unwrap();
        let records = vec![
            record(1, 60, &[true]),
            record(1, 120, &[false, true]),
            record(2, 90, &[true, false]),
            record(2, 30, &[false]),
            record(3, 200, &[]),
            record(3, 100, &[false, false, true]),
            record(1, 40, &[true]),
            record(2, 50, &[false]),
        ];
        let p = analyse(&records, t0, Some(t0 + Duration::minutes(20)), t0 + Duration::minutes(15));
        assert_eq!(p.questions[1].seconds, 120.0);
        assert_eq!(p.domains[&1].questions, 3);
        assert_eq!(p.domains[&1].seconds, 220.0);
        assert_eq!(p.domains[&2].correct, 0);
        let acc: Vec<Option<f64>> = p.quarters.iter().map(|q| q.accuracy).collect();
        assert_eq!(acc, [Some(1.0), Some(0.0), Some(0.5), Some(0.5)]);
        assert_eq!(p.changes, Changes { wrong_to_right: 2, right_to_wrong: 1, wrong_to_wrong: 1 });
        assert_eq!(p.time_left_seconds, Some(300));
        assert_eq!(p.elapsed_seconds, 900);
        // 7 answered of 8 at 15 of 20 minutes: the even pace asks for 6.
        let pace = p.pace.unwrap();
        assert!((pace.questions_ahead - 1.0).abs() < 1e-9);
        assert_eq!(pace.allowed_seconds_per_question, 150.0);
        assert_eq!(pace.label(), "ahead by 1 question(s)");
    }

    #[test]
    fn untimed_and_tiny_attempts_do_not_divide_by_zero() {
        let t0 = Utc.with_ymd_and_hms(2026, 3, 1, 9, 0, 0).unwrap();
        let p = analyse(&[record(1, 5, &[true])], t0, None, t0);
        assert_eq!(p.time_left_seconds, None);
        assert_eq!(p.pace, None);
        assert_eq!(p.quarters.iter().filter(|q| q.accuracy.is_some()).count(), 1);
        assert!(analyse(&[], t0, Some(t0), t0).quarters.iter().all(|q| q.questions == 0));
        let behind = pace(10, 2, t0, Some(t0 + Duration::minutes(10)), t0 + Duration::minutes(5)).unwrap();
        assert_eq!(behind.label(), "behind by 3 question(s)");
        assert_eq!(pace(10, 0, t0, Some(t0), t0), None);
    }
}
