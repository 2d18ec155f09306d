//! `Study::due` reads whole only the rows today's counts depend on (`Store::live_rows`); it
//! must count exactly what a full read counts (`Study::due_in` on `Study::load`), whatever the
//! mix of learning, overdue, future, graded-today, suspended and buried items, and whether
//! the rows are read by one connection or by two at once.

use std::sync::OnceLock;

use chrono::{DateTime, Duration, Utc};
use dopdeck::content::Catalog;
use dopdeck::srs::Rating;
use dopdeck::study::Study;
use proptest::prelude::*;

fn catalog() -> &'static Catalog {
    static CATALOG: OnceLock<Catalog> = OnceLock::new();
    CATALOG.get_or_init(|| dopdeck::cli::load_catalog(None, false).expect("the embedded material loads"))
}

/// One thing a learner did: grade item `item` (an index into the catalog) with `rating`
/// `minutes_ago` before now, or suspend or bury it.
#[derive(Debug, Clone)]
enum Act {
    Grade { item: usize, rating: u8, minutes_ago: i64 },
    Suspend(usize),
    Bury(usize),
}

fn act() -> impl Strategy<Value = Act> {
    // Few distinct items, so they are graded several times and siblings meet.
    let item = 0usize..120;
    prop_oneof![
        6 => (item.clone(), 1u8..=4, 0i64..(60 * 24 * 90)).prop_map(|(item, rating, minutes_ago)| Act::Grade { item, rating, minutes_ago }),
        1 => item.clone().prop_map(Act::Suspend),
        1 => item.prop_map(Act::Bury),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(48))]

    #[test]
    fn split_read_counts_what_a_full_read_counts(mut acts in prop::collection::vec(act(), 1..60), later in 0i64..(60 * 24 * 40)) {
        let catalog = catalog();
        let dir = tempfile::tempdir().expect("temp dir");
        let start: DateTime<Utc> = "2026-09-01T08:00:00Z".parse().expect("time");
        let study = Study::open(catalog, &dir.path().join("p.db"), start, false).expect("open");
        // Grades in time order, as a learner makes them; the item index spreads over the catalog.
        acts.sort_by_key(|a| match a { Act::Grade { minutes_ago, .. } => -minutes_ago, _ => 0 });
        let stride = catalog.items().len() / 120;
        let id = |i: usize| catalog.items()[(i * stride) % catalog.items().len()].id.clone();
        let at = start + Duration::days(90);
        for a in &acts {
            match a {
                Act::Grade { item, rating, minutes_ago } => {
                    let rating = Rating::from_u8(*rating).expect("1-4");
                    study.grade(&id(*item), rating, at - Duration::minutes(*minutes_ago), None, None).expect("grade");
                }
                Act::Suspend(item) => study.suspend(&id(*item)).expect("suspend"),
                Act::Bury(item) => {
                    study.bury(&id(*item), at).expect("bury");
                }
            }
        }
        let now = at + Duration::minutes(later);
        let loaded = study.load(now).expect("load");
        for deck in &catalog.decks {
            let full = study.due_in(&loaded, deck, now);
            let split = study.due(deck, now).expect("due");
            prop_assert_eq!(&split, &full, "deck {}", deck.id);
            // Read in two halves on two connections, as a large table is.
            let halves = study.due_in_halves(deck, now).expect("due in halves");
            prop_assert_eq!(&halves, &full, "deck {} in halves", deck.id);
        }
    }
}

/// A database in memory has no file a second connection could open: it is read by one.
#[test]
fn a_database_in_memory_is_counted_whole_when_halves_are_asked_for() {
    let catalog = catalog();
    let now: DateTime<Utc> = "2026-09-01T08:00:00Z".parse().expect("time");
    let store = dopdeck::store::Store::open_in_memory().expect("store");
    let study = Study::with_store(catalog, store, now, false).expect("study");
    for item in catalog.items().iter().filter(|i| i.kind != dopdeck::content::ItemKind::Question).take(30) {
        study.grade(&item.id, Rating::Again, now - Duration::days(3), None, None).expect("grade");
    }
    let loaded = study.load(now).expect("load");
    for deck in &catalog.decks {
        let full = study.due_in(&loaded, deck, now);
        assert_eq!(study.due_in_halves(deck, now).expect("due"), full, "deck {}", deck.id);
    }
    let daily = study.deck("daily").expect("daily deck");
    assert!(study.due(daily, now).expect("due").learning > 0, "the graded items are counted");
}
