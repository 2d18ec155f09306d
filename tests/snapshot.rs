//! The snapshot cache round-trips the whole embedded catalog and refuses anything else.

use dopdeck::content::{self, snapshot, source::MATERIAL_HASH};

#[test]
fn the_embedded_catalog_round_trips_exactly() {
    let catalog = content::load_embedded().expect("embedded material is valid");
    let bytes = snapshot::to_bytes(&catalog, MATERIAL_HASH);
    assert!(bytes.len() > 1000);
    let back = snapshot::from_bytes(&bytes, MATERIAL_HASH).expect("decodes");
    assert_eq!(format!("{:?}", back.counts()), format!("{:?}", catalog.counts()));
    assert_eq!(back.items.len(), catalog.items.len());
    for (a, b) in catalog.items.iter().zip(&back.items) {
        assert_eq!(a.id, b.id);
        assert_eq!(catalog.prompt(a), back.prompt(b), "{}", a.id);
    }
    // Locations survive too.
    let (qa, qb) = (&catalog.questions[0], &back.questions[0]);
    assert_eq!(qa.id.span(), qb.id.span());
    assert_eq!(
        catalog.decks.iter().map(|d| &d.id).collect::<Vec<_>>(),
        back.decks.iter().map(|d| &d.id).collect::<Vec<_>>()
    );
    assert_eq!(format!("{:?}", catalog.topics), format!("{:?}", back.topics));
}

#[test]
fn another_build_or_damage_is_refused() {
    let catalog = content::load_embedded().expect("embedded material is valid");
    let bytes = snapshot::to_bytes(&catalog, MATERIAL_HASH);
    assert!(snapshot::from_bytes(&bytes, MATERIAL_HASH ^ 1).is_none(), "another build's snapshot");
    assert!(snapshot::from_bytes(&bytes[..bytes.len() / 2], MATERIAL_HASH).is_none(), "truncated");
    assert!(snapshot::from_bytes(b"not a snapshot", MATERIAL_HASH).is_none(), "foreign");
    assert!(snapshot::from_bytes(&[], MATERIAL_HASH).is_none(), "empty");
}
