//! The snapshot cache round-trips the whole embedded catalog and refuses anything else.

use dopdeck::content::{self, snapshot, source::MATERIAL_HASH};

#[test]
fn the_embedded_catalog_round_trips_exactly() {
    let catalog = content::load_embedded().expect("embedded material is valid");
    let bytes = snapshot::to_bytes(&catalog, MATERIAL_HASH);
    assert!(bytes.len() > 1000);
    let back = snapshot::from_bytes(bytes.clone(), MATERIAL_HASH).expect("decodes");
    // The items read in place are the ones built from them, and stay the same once built.
    let in_place: Vec<String> = back.item_refs().map(|i| format!("{i:?}")).collect();
    assert!(!back.items_built());
    assert_eq!(format!("{:?}", back.counts()), format!("{:?}", catalog.counts()));
    let owned: Vec<String> = back.items().iter().map(|i| format!("{:?}", dopdeck::content::ItemRef::from(i))).collect();
    let borrowed: Vec<String> = back.item_refs().map(|i| format!("{i:?}")).collect();
    assert_eq!(in_place.len(), catalog.items().len());
    assert_eq!(in_place, owned);
    assert_eq!(owned, borrowed);
    assert_eq!(back.items().len(), catalog.items().len());
    for (a, b) in catalog.items().iter().zip(back.items()) {
        assert_eq!(a.id, b.id);
        assert_eq!(catalog.prompt(a), back.prompt(b), "{}", a.id);
    }
    // Locations survive too.
    let (qa, qb) = (&catalog.questions()[0], &back.questions()[0]);
    assert_eq!(qa.id.span(), qb.id.span());
    assert_eq!(
        catalog.decks.iter().map(|d| &d.id).collect::<Vec<_>>(),
        back.decks.iter().map(|d| &d.id).collect::<Vec<_>>()
    );
    assert_eq!(format!("{:?}", catalog.topics()), format!("{:?}", back.topics()));
}

#[test]
fn another_build_or_damage_is_refused() {
    let catalog = content::load_embedded().expect("embedded material is valid");
    let bytes = snapshot::to_bytes(&catalog, MATERIAL_HASH);
    assert!(snapshot::from_bytes(bytes.clone(), MATERIAL_HASH ^ 1).is_none(), "another build's snapshot");
    assert!(snapshot::from_bytes(bytes[..bytes.len() / 2].to_vec(), MATERIAL_HASH).is_none(), "truncated");
    assert!(snapshot::from_bytes(b"not a snapshot".to_vec(), MATERIAL_HASH).is_none(), "foreign");
    assert!(snapshot::from_bytes(Vec::new(), MATERIAL_HASH).is_none(), "empty");
}

/// What `dopdeck due` and `dopdeck grade` do never decodes a topic page or a question: those
/// stay encoded in the snapshot until something shows one. Nor do they build the owned items:
/// they read the item table in place.
#[test]
fn counting_and_grading_leave_the_bodies_encoded() {
    let catalog = content::load_embedded().expect("embedded material is valid");
    let back = snapshot::from_bytes(snapshot::to_bytes(&catalog, MATERIAL_HASH), MATERIAL_HASH).expect("decodes");
    assert!(!back.bodies_decoded(), "decoding the outline decoded a body");
    let dir = tempfile::tempdir().expect("temp dir");
    let now: chrono::DateTime<chrono::Utc> = "2026-12-02T09:00:00Z".parse().expect("time");
    let study = dopdeck::study::Study::open(&back, &dir.path().join("p.db"), now, false).expect("open");
    let deck = study.deck("daily").expect("daily deck");
    let before = study.due(deck, now).expect("due");
    let first = back.item_refs().next().expect("an item").id;
    study.grade(first, dopdeck::srs::Rating::Good, now, Some(deck), None).expect("grade");
    assert_ne!(study.due(deck, now).expect("due"), before, "the grade counts");
    assert_eq!(back.renames(), catalog.renames());
    assert!(!back.bodies_decoded(), "counting or grading decoded a body");
    assert!(!back.items_built(), "counting or grading built the owned items");
    // And a body, once asked for, is the one that was encoded.
    assert_eq!(back.prompt(&back.items()[0]), catalog.prompt(&catalog.items()[0]));
    assert!(back.bodies_decoded());
}
