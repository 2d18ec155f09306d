//! dopdeck's scheduling state and review log in Anki's columns.
//!
//! Anki keeps a (re)learning card's due time in unix seconds and a review card's due date as a
//! day number counted from the collection's creation; its importer shifts those day numbers
//! onto the importing collection's calendar, so a card due in three days here is due in three
//! days there. The FSRS memory state travels in the card's `data` JSON (`s`, `d`), which Anki
//! uses when FSRS is on in its deck options.

use std::collections::{HashMap, HashSet};

use chrono::{DateTime, Utc};
use serde_json::json;

use super::{AnkiCard, AnkiRevlog, ItemProgress};
use crate::srs::{ReviewLog, SchedulerConfig, State};

/// Anki's default ease (permille), kept on review cards for its SM-2 fallback.
const DEFAULT_FACTOR: i64 = 2500;

/// Anki caps the answer time it records at a minute by default.
const MAX_ANSWER_MS: i64 = 60_000;

/// The scheduling columns of a card (ids are filled in by the caller).
///
/// `position` orders new cards as the deck lists them; `created` is the collection's creation
/// (unix seconds, a day start).
pub(super) fn card(
    progress: Option<&ItemProgress>,
    position: i64,
    cfg: &SchedulerConfig,
    created: i64,
    now: DateTime<Utc>,
) -> AnkiCard {
    let new = AnkiCard {
        id: 0,
        note_id: 0,
        deck_id: 0,
        card_type: 0,
        queue: 0,
        due: position + 1,
        interval: 0,
        factor: 0,
        reps: 0,
        lapses: 0,
        left: 0,
        data: "{}".into(),
    };
    let Some(p) = progress else { return new };
    let card = &p.card;
    let suspended = |queue: i64| if p.suspended { -1 } else { queue };
    if card.state == State::New || card.memory().is_none() {
        return AnkiCard { queue: suspended(0), ..new };
    }
    let mut data = serde_json::Map::new();
    if let (Some(s), Some(d)) = (card.stability, card.difficulty) {
        data.insert("s".into(), json!(round3(s)));
        data.insert("d".into(), json!(round3(d)));
        data.insert("dr".into(), json!(cfg.desired_retention));
    }
    if let Some(last) = card.last_review {
        data.insert("lrt".into(), json!(last.timestamp()));
    }
    let steps_left = |steps: usize| (steps as i64 - i64::from(card.step.unwrap_or(0))).max(1);
    let interval_days = card.last_review.map_or(0, |last| i64::from(cfg.days_between(last, card.due)).max(1));
    let (card_type, queue, due, interval, left) = match card.state {
        State::Review => {
            let created_day = cfg.study_day(DateTime::from_timestamp(created, 0).unwrap_or(now));
            let due_day = (cfg.study_day(card.due) - created_day).num_days();
            (2, 2, due_day, interval_days, 0)
        }
        State::Relearning => (3, 1, card.due.timestamp(), interval_days, steps_left(cfg.relearning_steps.len())),
        _ => (1, 1, card.due.timestamp(), 0, steps_left(cfg.learning_steps.len())),
    };
    AnkiCard {
        card_type,
        queue: suspended(queue),
        due,
        interval,
        factor: DEFAULT_FACTOR,
        reps: i64::from(card.reps),
        lapses: i64::from(card.lapses),
        left,
        data: serde_json::Value::Object(data).to_string(),
        ..new
    }
}

/// Three decimals: what Anki keeps of a memory state.
fn round3(x: f64) -> f64 {
    (x * 1000.0).round() / 1000.0
}

/// Revlog rows for the grades of exported items, oldest first.
///
/// A row's id is its time in milliseconds and must be unique: two grades in the same
/// millisecond take the next free one, so every grade becomes a row and re-exporting the same
/// log gives the same ids (Anki skips rows whose id it already has).
pub(super) fn revlog(logs: &[ReviewLog], card_of: &HashMap<&str, i64>) -> Vec<AnkiRevlog> {
    let mut logs: Vec<&ReviewLog> = logs.iter().filter(|l| card_of.contains_key(l.item_id.as_str())).collect();
    logs.sort_by(|a, b| (a.reviewed_at, &a.item_id).cmp(&(b.reviewed_at, &b.item_id)));
    let mut taken = HashSet::with_capacity(logs.len());
    logs.into_iter()
        .map(|log| {
            let mut id = log.reviewed_at.timestamp_millis();
            while !taken.insert(id) {
                id += 1;
            }
            let (kind, interval) = match log.state_before {
                State::Review => (1, i64::from(log.scheduled_days)),
                State::Relearning => (2, i64::from(log.scheduled_days)),
                State::New | State::Learning => (0, i64::from(log.scheduled_days)),
            };
            // Anki records a step as negative seconds; the step delay is not in the log, so a
            // (re)learning outcome is written as "less than a day" (-60 s), a review as days.
            let interval = if log.state_after.is_learning() { -60 } else { interval.max(1) };
            AnkiRevlog {
                id,
                card_id: card_of[log.item_id.as_str()],
                ease: i64::from(log.rating.as_u8()),
                interval,
                last_interval: i64::from(log.last_interval_days),
                factor: if kind == 0 { 0 } else { DEFAULT_FACTOR },
                time_ms: log.duration_ms.map_or(0, |ms| i64::from(ms).min(MAX_ANSWER_MS)),
                kind,
            }
        })
        .collect()
}
