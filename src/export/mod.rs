//! Export to Anki: the material (and optionally progress) as the rows of an Anki collection.
//!
//! Pure: it takes the catalog, plain progress data and `now`, and returns an [`AnkiPackage`] —
//! notes, cards, revlog rows and the collection's JSON — which `store::anki` writes as the
//! `collection.anki2` SQLite file of a legacy `.apkg` (schema 11), the format every Anki since
//! 2.1 imports, AnkiDroid and AnkiMobile included.
//!
//! - `fields`: what each note shows (front, back, topic, task, source) as simple HTML, and its
//!   tags.
//! - `schedule`: a dopdeck scheduling state and review log as Anki card columns and revlog rows.
//! - `collection`: the note type, the deck tree `DOP-C02::<domain>`, and the ids and GUIDs.
//!
//! Ids are derived from item ids, never drawn at random: exporting again gives the same GUIDs,
//! so Anki updates the notes it has instead of adding duplicates.

#![deny(clippy::indexing_slicing)]

mod collection;
mod fields;
mod schedule;

use std::collections::HashMap;

use chrono::{DateTime, Utc};

use crate::content::{Catalog, Item};
use crate::srs::{CardState, ReviewLog, SchedulerConfig};

pub use collection::{NOTETYPE_ID, ROOT_DECK, guid, note_id};

/// One item's stored progress, as the export needs it.
#[derive(Debug, Clone, PartialEq)]
pub struct ItemProgress {
    pub card: CardState,
    pub suspended: bool,
}

/// The learner's progress: states by item id and the review log (any order).
#[derive(Debug, Clone, Default)]
pub struct Progress {
    pub items: HashMap<String, ItemProgress>,
    pub logs: Vec<ReviewLog>,
}

/// A note: one per exported item.
#[derive(Debug, Clone, PartialEq)]
pub struct AnkiNote {
    pub id: i64,
    pub guid: String,
    /// The fields, in note-type order (see [`FIELD_NAMES`]).
    pub fields: Vec<String>,
    /// Space-separated, with a space at each end as Anki stores them.
    pub tags: String,
    /// The sort field (the front, as text). Anki recomputes it, and the duplicate checksum
    /// (written as 0), when it imports the note.
    pub sort_field: String,
}

/// A card: one per note (the note type has one template).
#[derive(Debug, Clone, PartialEq)]
pub struct AnkiCard {
    pub id: i64,
    pub note_id: i64,
    pub deck_id: i64,
    /// 0 new, 1 learning, 2 review, 3 relearning.
    pub card_type: i64,
    /// 0 new, 1 (re)learning due at a time, 2 review, -1 suspended.
    pub queue: i64,
    /// New: position; (re)learning: unix seconds; review: days since the collection's creation.
    pub due: i64,
    pub interval: i64,
    pub factor: i64,
    pub reps: i64,
    pub lapses: i64,
    pub left: i64,
    /// JSON: FSRS memory state (`s`, `d`) and the last review time (`lrt`), or `{}`.
    pub data: String,
}

/// A review-log row.
#[derive(Debug, Clone, PartialEq)]
pub struct AnkiRevlog {
    /// Milliseconds since the epoch of the review: unique within the collection.
    pub id: i64,
    pub card_id: i64,
    /// The button: 1 again, 2 hard, 3 good, 4 easy.
    pub ease: i64,
    /// Days when positive, seconds when negative.
    pub interval: i64,
    pub last_interval: i64,
    pub factor: i64,
    /// Milliseconds spent answering.
    pub time_ms: i64,
    /// 0 learning, 1 review, 2 relearning.
    pub kind: i64,
}

/// Everything written into `collection.anki2`.
#[derive(Debug, Clone)]
pub struct AnkiPackage {
    /// The collection's creation (a day start), unix seconds; review due days count from it.
    pub created: i64,
    /// Export time, milliseconds.
    pub modified_ms: i64,
    /// JSON of the `col` columns `conf`, `models`, `decks`, `dconf`.
    pub conf: String,
    pub models: String,
    pub decks: String,
    pub dconf: String,
    pub notes: Vec<AnkiNote>,
    pub cards: Vec<AnkiCard>,
    pub revlog: Vec<AnkiRevlog>,
}

/// The note type's fields, in order.
pub const FIELD_NAMES: [&str; 6] = ["Front", "Back", "Topic", "Task", "Source", "Item"];

/// Builds the package for `items` (normally a deck's items, in catalog order).
///
/// With `progress`, each card carries its scheduling state and each grade of an exported item
/// becomes a revlog row; without, every card is new. `cfg` supplies the learning steps, the
/// desired retention and the study-day calendar the states were computed with.
pub fn build(
    catalog: &Catalog,
    items: &[&Item],
    progress: Option<&Progress>,
    cfg: &SchedulerConfig,
    now: DateTime<Utc>,
) -> AnkiPackage {
    let created = cfg.day_start(cfg.study_day(now)).timestamp();
    let ids = collection::Ids::new(catalog);
    let mut notes = Vec::with_capacity(items.len());
    let mut cards = Vec::with_capacity(items.len());
    for (position, item) in items.iter().enumerate() {
        let note = fields::note(catalog, item);
        let card_id = collection::card_id(note.id);
        let state = progress.and_then(|p| p.items.get(&item.id));
        let sched = schedule::card(state, position as i64, cfg, created, now);
        cards.push(AnkiCard { id: card_id, note_id: note.id, deck_id: ids.deck_of(item), ..sched });
        notes.push(note);
    }
    let revlog = match progress {
        Some(p) => {
            let card_of: HashMap<&str, i64> =
                items.iter().map(|item| (item.id.as_str(), collection::card_id(note_id(&item.id)))).collect();
            schedule::revlog(&p.logs, &card_of)
        }
        None => Vec::new(),
    };
    let modified_ms = now.timestamp_millis();
    AnkiPackage {
        created,
        modified_ms,
        conf: collection::conf_json(),
        models: collection::models_json(),
        decks: ids.decks_json(modified_ms / 1000),
        dconf: collection::dconf_json(cfg),
        notes,
        cards,
        revlog,
    }
}
