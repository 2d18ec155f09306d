//! The collection around the notes: note type, decks, deck options, and stable ids.
//!
//! The JSON shapes follow what Anki 26.x itself writes into a legacy (schema 11) package; Anki
//! fills in any key it misses with its default, so only what matters here is spelled out.

use std::collections::BTreeMap;

use serde_json::json;
use sha2::{Digest, Sha256};

use crate::content::{Catalog, Item};
use crate::srs::SchedulerConfig;

/// The note type's id. Fixed, so every export names the same note type and Anki reuses it.
pub const NOTETYPE_ID: i64 = 1_733_000_000_001;

/// When the note type last changed (unix seconds); raise it whenever the template or CSS
/// changes, so Anki takes the new version on import.
const NOTETYPE_MODIFIED: i64 = 1_796_000_000;

/// The top of the deck tree; each domain is a child deck.
pub const ROOT_DECK: &str = "DOP-C02";

/// Anki's GUID alphabet (base 91).
const BASE91: &[u8] = b"abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789!#$%&()*+,-./:;<=>?@[]^_`{|}~";

fn digest(domain: &str, id: &str) -> [u8; 32] {
    Sha256::digest(format!("dopdeck {domain}\0{id}").as_bytes()).into()
}

fn u64_at(bytes: &[u8; 32], at: usize) -> u64 {
    let eight = bytes.get(at..at + 8).and_then(|s| <[u8; 8]>::try_from(s).ok());
    eight.map_or(0, u64::from_be_bytes)
}

/// The note GUID of an item: ten base-91 characters from a hash of its id, like Anki's own.
///
/// The same id always gives the same GUID, which is what makes a second import update
/// rather than duplicate.
pub fn guid(item_id: &str) -> String {
    let mut n = u64_at(&digest("guid", item_id), 0);
    let mut out: Vec<u8> = Vec::with_capacity(10);
    while n > 0 {
        out.extend(BASE91.get((n % 91) as usize));
        n /= 91;
    }
    out.into_iter().map(char::from).collect()
}

/// A positive id with 13 digits (Anki's ids are millisecond timestamps), stable per input.
fn id_from(domain: &str, key: &str) -> i64 {
    const BASE: u64 = 1_000_000_000_000;
    (BASE + u64_at(&digest(domain, key), 0) % (9 * BASE)) as i64
}

/// The note id of an item, derived from its id (Anki reassigns it should it clash).
pub fn note_id(item_id: &str) -> i64 {
    id_from("note", item_id)
}

/// The card id of a note's only card: the note's id, as Anki's own exports do.
pub fn card_id(note_id: i64) -> i64 {
    note_id
}

/// Deck ids and names: the root and one child per exam domain.
pub(super) struct Ids {
    /// Deck id by domain number; domain 0 (unknown) files under the root.
    by_domain: BTreeMap<u8, (i64, String)>,
    root: i64,
}

impl Ids {
    pub(super) fn new(catalog: &Catalog) -> Ids {
        let by_domain = catalog
            .exam
            .domains
            .iter()
            .map(|d| {
                let number = *d.number.get_ref();
                let name = format!("{ROOT_DECK}::Domain {number} — {}", d.name);
                (number, (id_from("deck", &name), name))
            })
            .collect();
        Ids { by_domain, root: id_from("deck", ROOT_DECK) }
    }

    pub(super) fn deck_of(&self, item: &Item) -> i64 {
        self.by_domain.get(&item.domain).map_or(self.root, |(id, _)| *id)
    }

    /// The `decks` column: Default (Anki requires deck 1), the root and the domain decks.
    pub(super) fn decks_json(&self, modified: i64) -> String {
        let deck = |id: i64, name: &str, desc: &str| {
            json!({
                "id": id, "mod": modified, "name": name, "usn": -1, "desc": desc, "dyn": 0, "conf": 1,
                "collapsed": false, "browserCollapsed": false, "extendNew": 0, "extendRev": 0,
                "lrnToday": [0, 0], "revToday": [0, 0], "newToday": [0, 0], "timeToday": [0, 0],
            })
        };
        let mut decks = serde_json::Map::new();
        decks.insert("1".into(), deck(1, "Default", ""));
        let about = "AWS Certified DevOps Engineer – Professional (DOP-C02), exported by dopdeck.";
        decks.insert(self.root.to_string(), deck(self.root, ROOT_DECK, about));
        for (id, name) in self.by_domain.values() {
            decks.insert(id.to_string(), deck(*id, name, ""));
        }
        serde_json::Value::Object(decks).to_string()
    }
}

/// Phone-friendly styling: system font, readable size, left-aligned text, no scripts.
const CSS: &str = ".card { font-family: -apple-system, 'Segoe UI', Roboto, sans-serif; font-size: 18px; \
line-height: 1.45; text-align: left; color: #1d1d1f; background: #fff; padding: 0 4px; }
.nightMode .card, .card.nightMode { color: #eee; background: #1e1e1e; }
.meta { margin-top: 1em; font-size: 0.8em; opacity: 0.7; }
.source { margin-top: 0.4em; font-size: 0.75em; opacity: 0.7; word-break: break-all; }
ol, ul { padding-left: 1.3em; }
hr#answer { margin: 0.8em 0; }
";

const FRONT: &str = "<div class=front>{{Front}}</div>";

const BACK: &str = "{{FrontSide}}\n<hr id=answer>\n<div class=back>{{Back}}</div>\n\
<div class=meta>{{Topic}}{{#Task}} · {{Task}}{{/Task}}</div>\n\
{{#Source}}<div class=source>{{Source}}</div>{{/Source}}";

/// The `models` column: one note type, "dopdeck (DOP-C02)", with one card template.
pub(super) fn models_json() -> String {
    let fields: Vec<_> = super::FIELD_NAMES
        .iter()
        .enumerate()
        .map(|(ord, name)| {
            json!({"name": name, "ord": ord, "sticky": false, "rtl": false, "font": "Arial", "size": 20,
                   "description": "", "plainText": false, "collapsed": false, "excludeFromSearch": false})
        })
        .collect();
    let model = json!({
        "id": NOTETYPE_ID, "name": "dopdeck (DOP-C02)", "type": 0, "mod": NOTETYPE_MODIFIED, "usn": -1,
        "sortf": 0, "did": null,
        "tmpls": [{"name": "Card", "ord": 0, "qfmt": FRONT, "afmt": BACK, "bqfmt": "", "bafmt": "",
                   "did": null, "bfont": "", "bsize": 0}],
        "flds": fields, "css": CSS, "latexPre": "", "latexPost": "", "latexsvg": false,
        "req": [[0, "any", [0]]],
    });
    json!({ NOTETYPE_ID.to_string(): model }).to_string()
}

/// The `dconf` column: Anki's default deck options with dopdeck's steps and retention.
pub(super) fn dconf_json(cfg: &SchedulerConfig) -> String {
    let minutes =
        |steps: &[chrono::Duration]| steps.iter().map(|s| s.num_seconds() as f64 / 60.0).collect::<Vec<f64>>();
    json!({"1": {
        "id": 1, "mod": 0, "name": "Default", "usn": 0, "maxTaken": 60, "autoplay": true, "timer": 0,
        "replayq": true, "dyn": false,
        "new": {"bury": false, "delays": minutes(&cfg.learning_steps), "initialFactor": 2500,
                "ints": [1, 4, 0], "order": 1, "perDay": 20},
        "rev": {"bury": false, "ease4": 1.3, "ivlFct": 1.0, "maxIvl": cfg.maximum_interval_days,
                "perDay": 200, "hardFactor": 1.2},
        "lapse": {"delays": minutes(&cfg.relearning_steps), "leechAction": 1, "leechFails": 8,
                  "minInt": 1, "mult": 0.0},
        "desiredRetention": cfg.desired_retention,
    }})
    .to_string()
}

/// The `conf` column: the v3 scheduler, as current Anki writes.
pub(super) fn conf_json() -> String {
    json!({"nextPos": 1, "schedVer": 2, "sched2021": true, "estTimes": true, "dueCounts": true,
           "curDeck": 1, "activeDecks": [1], "newSpread": 0, "collapseTime": 1200, "timeLim": 0,
           "sortType": "noteFld", "sortBackwards": false, "addToCur": true, "dayLearnFirst": false,
           "creationOffset": 0})
    .to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_are_stable_and_distinct() {
        assert_eq!(guid("a/b"), guid("a/b"));
        assert_ne!(guid("a/b"), guid("a/c"));
        assert!(guid("x").chars().all(|c| BASE91.contains(&(c as u8))));
        let id = note_id("codedeploy/appspec");
        assert_eq!(id, note_id("codedeploy/appspec"));
        assert!((1_000_000_000_000..10_000_000_000_000).contains(&id));
    }
}
