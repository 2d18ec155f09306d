//! The search index's binary form: what `from_bytes(to_bytes(index))` finds is what the index
//! finds, for the shipped material and any query; and anything that is not an encoded index —
//! truncated, damaged, random — is refused with `None`, never a panic.

use std::path::Path;
use std::sync::LazyLock;

use dopdeck::content::{self, Catalog, source};
use dopdeck::search::Index;
use proptest::prelude::*;

/// The shipped material's index, built and round-tripped once for every test here.
static SHIPPED: LazyLock<(Index, Index)> = LazyLock::new(|| {
    let catalog = content::load_embedded().expect("embedded material is valid");
    let built = Index::build(&catalog);
    let decoded = Index::from_bytes(&built.to_bytes()).expect("an encoded index decodes");
    (built, decoded)
});

fn fixture() -> Catalog {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/tree");
    content::load(&source::directory(&root).expect("fixture tree is readable")).expect("fixture tree is valid")
}

/// Queries a learner types: services, abbreviations, aliases, phrases, prefixes of each, typos,
/// punctuation, non-ASCII and nonsense.
const QUERIES: &[&str] = &[
    "c",
    "cf",
    "cfn",
    "cloudfrm",
    "CloudFormation",
    "appspec",
    "blue green",
    "Blue/Green",
    "lifecycle hook timeout",
    "asg",
    "codedeploy quotas",
    "canary",
    "ssm parameter store",
    "x",
    "zzzz",
    "  ",
    "é",
    "s3 → sqs",
    "a b c d e f",
    "stack set drift detection",
];

#[test]
fn the_decoded_index_finds_what_the_built_one_finds() {
    let (built, decoded) = &*SHIPPED;
    assert_eq!(built.len(), decoded.len());
    for q in QUERIES {
        assert_eq!(built.search(q, 100), decoded.search(q, 100), "query {q:?}");
    }
    assert!(!decoded.search("cfn", 20).is_empty(), "the round trip keeps the material searchable");
}

#[test]
fn encoding_the_decoded_index_gives_the_same_bytes() {
    let (built, decoded) = &*SHIPPED;
    assert_eq!(built.to_bytes(), decoded.to_bytes());
}

#[test]
fn every_truncation_is_refused() {
    let bytes = Index::build(&fixture()).to_bytes();
    for n in 0..bytes.len() {
        assert!(Index::from_bytes(&bytes[..n]).is_none(), "{n} of {} bytes", bytes.len());
    }
    let mut longer = bytes.clone();
    longer.push(0);
    assert!(Index::from_bytes(&longer).is_none(), "trailing bytes");
    assert!(Index::from_bytes(&bytes).is_some());
}

#[test]
fn another_version_or_no_magic_is_refused() {
    let bytes = Index::build(&fixture()).to_bytes();
    let mut version = bytes.clone();
    version[4] ^= 0x01;
    assert!(Index::from_bytes(&version).is_none());
    let mut magic = bytes;
    magic[0] = b'X';
    assert!(Index::from_bytes(&magic).is_none());
}

static FIXTURE_BYTES: LazyLock<Vec<u8>> = LazyLock::new(|| Index::build(&fixture()).to_bytes());

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    /// Any query, including ones with Unicode, punctuation and many words.
    #[test]
    fn any_query_finds_the_same_after_a_round_trip(q in "[a-z0-9 ./:_-]{0,12}|\\PC{0,8}") {
        let (built, decoded) = &*SHIPPED;
        prop_assert_eq!(built.search(&q, 50), decoded.search(&q, 50));
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    /// A damaged blob decodes to nothing or to an index that searches without panicking.
    #[test]
    fn damaged_bytes_never_panic(flips in prop::collection::vec((any::<prop::sample::Index>(), 1u8..=255), 1..4)) {
        let mut bytes = FIXTURE_BYTES.clone();
        for (at, x) in flips {
            let i = at.index(bytes.len());
            bytes[i] ^= x;
        }
        if let Some(index) = Index::from_bytes(&bytes) {
            for q in ["a", "alpha", "widgets per account", "speed", "zz"] {
                let _ = index.search(q, 20);
            }
        }
    }

    /// Random bytes are not an index.
    #[test]
    fn random_bytes_are_refused(bytes in prop::collection::vec(any::<u8>(), 0..256)) {
        prop_assert!(Index::from_bytes(&bytes).is_none());
    }
}
