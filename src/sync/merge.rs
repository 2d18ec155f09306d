//! Merging: the local database's events and the journals' events, into a plan.
//!
//! The merged history is the union of all events by id. A grade is live unless an undo names
//! it. An item whose live grades differ from the grades the database holds for it is rebuilt
//! from its live grades; every other item is left exactly as it is. Because the plan depends
//! only on the set of events, not on which device synced first, two devices that have read the
//! same journals end with the same grades, the same attempts and the same settings.

use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};

use super::{AttemptEvent, Event, ReviewEvent, SettingEvent, UndoEvent};

/// What the database holds, as events.
#[derive(Debug, Clone, Default)]
pub struct Local {
    /// This device's id: the prefix of the event ids it creates.
    pub device: String,
    /// Every grade in the review log, with its event id.
    pub reviews: Vec<ReviewEvent>,
    /// Every grade this database has ever held (so one missing now was undone here).
    pub seen: HashSet<String>,
    /// Grades known to be taken back.
    pub tombstones: Vec<UndoEvent>,
    /// Finished attempts, with their event ids.
    pub attempts: Vec<AttemptEvent>,
    /// The synced settings' current values.
    pub settings: BTreeMap<String, String>,
    /// For each synced setting, the change that set its current value, as last synced.
    pub stamps: BTreeMap<String, SettingEvent>,
}

/// What a sync does.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Plan {
    /// Events to append to this device's journal (not yet in any journal).
    pub append: Vec<Event>,
    /// Undos to remember locally (made here since the last sync, or read from journals).
    pub tombstones: Vec<UndoEvent>,
    /// Items to rebuild, each with its live grades in replay order (possibly none: the item
    /// becomes new again).
    pub rebuild: BTreeMap<String, Vec<ReviewEvent>>,
    /// Grades to remember as held (merged from other devices).
    pub seen: Vec<String>,
    /// Attempts from other devices to add to the history.
    pub attempts: Vec<AttemptEvent>,
    /// Settings to set, each with the change that wins.
    pub settings: Vec<SettingEvent>,
}

impl Plan {
    /// Whether the database needs no change.
    pub fn changes_nothing_locally(&self) -> bool {
        self.tombstones.is_empty()
            && self.rebuild.is_empty()
            && self.seen.is_empty()
            && self.attempts.is_empty()
            && self.settings.is_empty()
    }
}

/// The replay order of grades: by time, then by id (which orders one device's grades of the
/// same instant as they were made, and any two devices' grades the same way everywhere).
pub fn replay_order(a: &ReviewEvent, b: &ReviewEvent) -> std::cmp::Ordering {
    (a.at, &a.id).cmp(&(b.at, &b.id))
}

/// Plans a sync of `local` with the events read from the journals; `now` (unix microseconds)
/// stamps undos and setting changes made here since the last sync.
pub fn plan(local: &Local, journals: &[Event], now: i64) -> Plan {
    let in_journals: HashSet<&str> = journals.iter().map(Event::id).collect();
    let mut plan = Plan::default();

    // Undos: the journals', the remembered ones, and grades missing here since they were held.
    let held: HashSet<&str> = local.reviews.iter().map(|r| r.id.as_str()).collect();
    let known_dead: HashSet<&str> = local.tombstones.iter().map(|t| t.target.as_str()).collect();
    let mut dead: HashSet<String> = known_dead.iter().map(|s| s.to_string()).collect();
    let mut undone_here: Vec<&String> =
        local.seen.iter().filter(|id| !held.contains(id.as_str()) && !known_dead.contains(id.as_str())).collect();
    undone_here.sort();
    for target in undone_here {
        let undo = UndoEvent::of(target, now);
        dead.insert(undo.target.clone());
        plan.tombstones.push(undo);
    }
    for event in journals {
        if let Event::Undo(u) = event
            && dead.insert(u.target.clone())
        {
            plan.tombstones.push(u.clone());
        }
    }

    // Grades: the union by id (the local copy of an id wins), less the undone.
    let mut all: HashMap<&str, &ReviewEvent> = HashMap::new();
    for event in journals {
        if let Event::Review(r) = event {
            all.entry(r.id.as_str()).or_insert(r);
        }
    }
    for r in &local.reviews {
        all.insert(r.id.as_str(), r);
    }
    let mut live: BTreeMap<&str, Vec<&ReviewEvent>> = BTreeMap::new();
    for r in all.values().filter(|r| !dead.contains(&r.id)) {
        live.entry(r.item.as_str()).or_default().push(r);
    }
    let mut held_by_item: BTreeMap<&str, BTreeSet<&str>> = BTreeMap::new();
    for r in &local.reviews {
        held_by_item.entry(r.item.as_str()).or_default().insert(r.id.as_str());
    }
    let items: BTreeSet<&str> = live.keys().chain(held_by_item.keys()).copied().collect();
    for item in items {
        let mut grades: Vec<ReviewEvent> =
            live.get(item).map_or_else(Vec::new, |v| v.iter().map(|r| (*r).clone()).collect());
        let live_ids: BTreeSet<&str> = grades.iter().map(|r| r.id.as_str()).collect();
        if held_by_item.get(item).is_some_and(|h| *h == live_ids)
            || (live_ids.is_empty() && !held_by_item.contains_key(item))
        {
            continue;
        }
        grades.sort_by(replay_order);
        plan.seen.extend(grades.iter().filter(|r| !local.seen.contains(&r.id)).map(|r| r.id.clone()));
        plan.rebuild.insert(item.to_string(), grades);
    }

    // Attempts: add those this database lacks.
    let have: HashSet<&str> = local.attempts.iter().map(|a| a.id.as_str()).collect();
    let mut added = HashSet::new();
    for event in journals {
        if let Event::Attempt(a) = event
            && !have.contains(a.id.as_str())
            && added.insert(a.id.as_str())
        {
            plan.attempts.push(a.clone());
        }
    }

    let local_changes = settings(local, journals, now, &mut plan);

    // What this device publishes: its own grades and attempts, every undo it knows, and its
    // setting changes — whatever no journal holds yet.
    let mine = |id: &str| id.strip_prefix(local.device.as_str()).is_some_and(|rest| rest.starts_with('-'));
    let mut append: Vec<Event> = Vec::new();
    let mut own_reviews: Vec<&ReviewEvent> =
        local.reviews.iter().filter(|r| mine(&r.id) && !dead.contains(&r.id)).collect();
    own_reviews.sort_by(|a, b| replay_order(a, b));
    append.extend(own_reviews.into_iter().map(|r| Event::Review(r.clone())));
    append.extend(local.attempts.iter().filter(|a| mine(&a.id)).map(|a| Event::Attempt(a.clone())));
    append.extend(local.tombstones.iter().chain(&plan.tombstones).map(|u| Event::Undo(u.clone())));
    append.extend(local_changes.into_iter().map(Event::Setting));
    append.extend(local.stamps.values().filter(|s| mine(&s.id)).cloned().map(Event::Setting));
    let mut appended = HashSet::new();
    plan.append =
        append.into_iter().filter(|e| !in_journals.contains(e.id()) && appended.insert(e.id().to_string())).collect();
    plan
}

/// Last writer wins per key. Returns the changes made here since the last sync (to publish);
/// puts the winners that differ from what is stored into `plan.settings`.
fn settings(local: &Local, journals: &[Event], now: i64, plan: &mut Plan) -> Vec<SettingEvent> {
    let mut winners: BTreeMap<String, SettingEvent> = BTreeMap::new();
    let mut offer = |e: &SettingEvent| match winners.get(&e.key) {
        Some(w) if !e.beats(w) => {}
        _ => {
            winners.insert(e.key.clone(), e.clone());
        }
    };
    let mut changed_here = Vec::new();
    for (key, value) in &local.settings {
        match local.stamps.get(key) {
            Some(stamp) if &stamp.value == value => offer(stamp),
            _ => {
                let at = local.stamps.get(key).map_or(now, |s| now.max(s.at + 1));
                let change = SettingEvent {
                    id: format!("{}-s{at}-{key}", local.device),
                    key: key.clone(),
                    value: value.clone(),
                    at,
                };
                offer(&change);
                changed_here.push(change);
            }
        }
    }
    for stamp in local.stamps.values().filter(|s| local.settings.contains_key(&s.key)) {
        offer(stamp);
    }
    for event in journals {
        if let Event::Setting(s) = event {
            offer(s);
        }
    }
    for (key, winner) in winners {
        let stored = local.settings.get(&key) == Some(&winner.value);
        let stamped = local.stamps.get(&key) == Some(&winner);
        if !(stored && stamped) {
            plan.settings.push(winner);
        }
    }
    changed_here
}

#[cfg(test)]
mod tests {
    use super::*;

    fn review(id: &str, item: &str, at: i64) -> ReviewEvent {
        ReviewEvent { id: id.into(), item: item.into(), at, rating: 3, ms: None }
    }

    fn local() -> Local {
        let reviews = vec![review("me-r1-10", "x", 10), review("me-r2-20", "y", 20)];
        let seen = ["me-r1-10", "me-r2-20", "me-r0-5"].iter().map(|s| s.to_string()).collect();
        Local { device: "me".into(), reviews, seen, ..Local::default() }
    }

    #[test]
    fn journal_order_does_not_matter_and_an_undo_here_is_published() {
        let journals = vec![
            Event::Review(review("you-r1-15", "x", 15)),
            Event::Review(review("you-r2-30", "z", 30)),
            Event::Undo(UndoEvent::of("you-r2-30", 40)),
            Event::Review(review("me-r0-5", "x", 5)),
        ];
        let forward = plan(&local(), &journals, 100);
        let mut reversed = journals.clone();
        reversed.reverse();
        let backward = plan(&local(), &reversed, 100);
        assert_eq!(forward.rebuild, backward.rebuild);
        let ids: Vec<&str> = forward.rebuild["x"].iter().map(|r| r.id.as_str()).collect();
        assert_eq!(ids, ["me-r1-10", "you-r1-15"], "x: the grade undone here (me-r0-5) is out, time order");
        assert!(!forward.rebuild.contains_key("z"), "z's only grade was undone before it arrived");
        assert!(!forward.rebuild.contains_key("y"), "y is unchanged");
        let published: Vec<&str> = forward.append.iter().map(Event::id).collect();
        assert_eq!(published, ["me-r1-10", "me-r2-20", "undo:me-r0-5"]);
    }

    #[test]
    fn settings_go_to_the_latest_change_everywhere() {
        let mut mine = local();
        mine.settings.insert("fsrs.parameters".into(), "[1]".into());
        let theirs = SettingEvent {
            id: "you-s50-fsrs.parameters".into(),
            key: "fsrs.parameters".into(),
            value: "[2]".into(),
            at: 50,
        };
        let p = plan(&mine, &[Event::Setting(theirs.clone())], 100);
        assert_eq!(p.settings[0].value, "[1]", "the change made here at 100 is newer");
        let p = plan(&mine, &[Event::Setting(SettingEvent { at: 200, ..theirs })], 100);
        assert_eq!(p.settings[0].value, "[2]");
    }
}
