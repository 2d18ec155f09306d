//! Weak-area drills: rank the task statements by how well they are known, and draw a drill's
//! questions from the weakest, unseen or missed questions first.
//!
//! A task's strength is the same blend of projected recall and exam accuracy the readiness
//! model uses per domain ([`super::readiness::Evidence::expected`]), so the dashboard's "three
//! weakest tasks" and the exam-day projection never disagree about what is weak.

use std::collections::{BTreeMap, HashMap};

use chrono::{DateTime, Utc};
use serde::Serialize;

use super::readiness::{Evidence, Tally};
use crate::exam::AttemptQuestion;
use crate::exam::rng::Rng;

/// How well one task statement is known.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TaskStrength {
    pub task: String,
    pub domain: u8,
    #[serde(flatten)]
    pub evidence: Evidence,
    /// Expected share right ([`Evidence::expected`]).
    pub expected: f64,
}

/// The tasks, weakest first.
///
/// `memory` holds every task's item evidence (keyed by task id, with its domain); `exams` the
/// recent exam answers per task. Ties go to the task with less evidence (less is known about
/// it), then to the lower task id, so the order is stable.
pub fn rank_tasks(memory: &BTreeMap<(u8, String), Evidence>, exams: &HashMap<String, Tally>) -> Vec<TaskStrength> {
    let mut ranked: Vec<TaskStrength> = memory
        .iter()
        .map(|((domain, task), e)| {
            let mut evidence = *e;
            evidence.exam = exams.get(task).copied().unwrap_or_default();
            TaskStrength { task: task.clone(), domain: *domain, expected: evidence.expected(), evidence }
        })
        .collect();
    ranked.sort_by(|a, b| {
        a.expected
            .total_cmp(&b.expected)
            .then(a.evidence.weight().total_cmp(&b.evidence.weight()))
            .then_with(|| a.task.cmp(&b.task))
    });
    ranked
}

/// One question a drill may draw.
#[derive(Debug, Clone, Copy)]
pub struct Candidate<'a> {
    pub id: &'a str,
    pub task: &'a str,
    /// How many options it has (to shuffle them).
    pub options: usize,
}

/// How a question went before.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum History {
    Unseen,
    Missed,
    Right,
}

/// Draws up to `n` questions from the weakest tasks of `ranked`, in that order.
///
/// Within a task, questions never answered come first, then those answered wrong the last
/// time, then the rest, oldest answer first; ties are broken by the seeded generator, which
/// also shuffles each question's options. `last_seen` and `last_right` hold each question's
/// most recent answer time and whether it was right.
pub fn drill_questions(
    ranked: &[TaskStrength],
    questions: &[Candidate<'_>],
    n: usize,
    last_seen: &HashMap<String, DateTime<Utc>>,
    last_right: &HashMap<String, bool>,
    seed: u64,
) -> Vec<AttemptQuestion> {
    let mut rng = Rng::new(seed);
    let mut picked: Vec<&Candidate<'_>> = Vec::new();
    for task in ranked {
        if picked.len() >= n {
            break;
        }
        let mut pool: Vec<&Candidate<'_>> = questions.iter().filter(|q| q.task == task.task).collect();
        rng.shuffle(&mut pool);
        pool.sort_by_key(|q| {
            let history = match last_right.get(q.id) {
                None => History::Unseen,
                Some(false) => History::Missed,
                Some(true) => History::Right,
            };
            (history, last_seen.get(q.id).copied())
        });
        picked.extend(pool.into_iter().take(n - picked.len()));
    }
    picked
        .into_iter()
        .map(|q| {
            let mut order: Vec<usize> = (0..q.options).collect();
            rng.shuffle(&mut order);
            AttemptQuestion { question_id: q.id.to_string(), order }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn evidence(recall: f64, weight: f64) -> Evidence {
        Evidence { items: 10, seen: 10, projected_recall: recall, memory_weight: weight, exam: Tally::default() }
    }

    #[test]
    fn tasks_rank_by_recall_and_exam_accuracy() {
        let memory = BTreeMap::from([
            ((1, "1.1".to_string()), evidence(0.9, 10.0)),
            ((1, "1.2".to_string()), evidence(0.5, 10.0)),
            ((2, "2.1".to_string()), evidence(0.9, 10.0)),
        ]);
        // 2.1 remembers well but misses every exam question.
        let exams = HashMap::from([("2.1".to_string(), Tally { correct: 0, questions: 30 })]);
        let ranked = rank_tasks(&memory, &exams);
        let order: Vec<&str> = ranked.iter().map(|t| t.task.as_str()).collect();
        assert_eq!(order, ["2.1", "1.2", "1.1"]);
        assert!((ranked[0].expected - 0.225).abs() < 1e-9);
    }

    #[test]
    fn drills_take_the_weakest_task_unseen_then_missed_first() {
        let memory = BTreeMap::from([
            ((1, "1.1".to_string()), evidence(0.9, 10.0)),
            ((1, "1.2".to_string()), evidence(0.1, 10.0)),
        ]);
        let ranked = rank_tasks(&memory, &HashMap::new());
        let qs = [
            Candidate { id: "a-right", task: "1.2", options: 4 },
            Candidate { id: "b-missed", task: "1.2", options: 4 },
            Candidate { id: "c-unseen", task: "1.2", options: 5 },
            Candidate { id: "d-strong", task: "1.1", options: 4 },
        ];
        let t = DateTime::<Utc>::MIN_UTC;
        let seen = HashMap::from([("a-right".to_string(), t), ("b-missed".to_string(), t)]);
        let right = HashMap::from([("a-right".to_string(), true), ("b-missed".to_string(), false)]);
        let ids = |n| -> Vec<String> {
            drill_questions(&ranked, &qs, n, &seen, &right, 7).into_iter().map(|q| q.question_id).collect()
        };
        assert_eq!(ids(2), ["c-unseen", "b-missed"]);
        assert_eq!(ids(4), ["c-unseen", "b-missed", "a-right", "d-strong"]);
        assert_eq!(ids(10).len(), 4);
        assert!(ids(0).is_empty());
        let drawn = drill_questions(&ranked, &qs, 1, &seen, &right, 7);
        let mut order = drawn[0].order.clone();
        order.sort_unstable();
        assert_eq!(order, [0, 1, 2, 3, 4]);
    }
}
