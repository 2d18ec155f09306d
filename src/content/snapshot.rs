//! A compact binary snapshot of a validated catalog, so start-up need not parse 1.4 MB of TOML.
//!
//! Parsing and validating the embedded material takes most of a command's start-up time
//! (about 14 ms of a 20 ms `dopdeck due`). The shell keeps a snapshot in the user's cache
//! directory, named by [`super::source::MATERIAL_HASH`] — a build-time hash of the material, the
//! schema and the crate version — so a snapshot is only ever read by the build that wrote it.
//! Pure: bytes in, bytes out. A snapshot that does not decode is simply not used; the caller
//! then parses the material and writes a fresh one.
//!
//! The cache file is outside the binary, so it is not trusted: the SHA-256 of the encoded
//! catalog is stored after the magic and checked before anything is decoded. A changed title or
//! a flipped byte (which once left a question with no correct answer) makes the snapshot
//! unusable instead of changing what dopdeck shows.

use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use super::catalog::Catalog;
use super::schema::{Comparison, Deck, Exam, Question, Strategy, Topic};

/// Leads every snapshot; a file that does not start with it is not ours.
const MAGIC: &[u8] = b"dopdeck-catalog-snapshot-2\n";

/// Length of the SHA-256 digest that follows the magic.
const DIGEST_LEN: usize = 32;

#[derive(Serialize)]
struct SnapshotRef<'a> {
    hash: u64,
    exam: &'a Exam,
    topics: Vec<(&'a str, &'a Topic)>,
    comparisons: Vec<(&'a str, &'a Comparison)>,
    questions: &'a [Question],
    strategies: Vec<(&'a str, &'a Strategy)>,
    decks: Vec<(&'a str, &'a Deck)>,
}

#[derive(Deserialize)]
struct Snapshot {
    hash: u64,
    exam: Exam,
    topics: Vec<(String, Topic)>,
    comparisons: Vec<(String, Comparison)>,
    questions: Vec<Question>,
    strategies: Vec<(String, Strategy)>,
    decks: Vec<(String, Deck)>,
}

/// Encodes a validated catalog, stamped with `hash`.
pub fn to_bytes(catalog: &Catalog, hash: u64) -> Vec<u8> {
    let snap = SnapshotRef {
        hash,
        exam: &catalog.exam,
        topics: catalog.topics.iter().map(|t| (t.id.as_str(), t)).collect(),
        comparisons: catalog.comparisons.iter().map(|c| (c.id.as_str(), c)).collect(),
        questions: &catalog.questions,
        strategies: catalog.strategies.iter().map(|s| (s.id.as_str(), s)).collect(),
        decks: catalog.decks.iter().map(|d| (d.id.as_str(), d)).collect(),
    };
    // Serializing plain data into a Vec cannot fail; an empty snapshot is never read back.
    let Ok(payload) = postcard::to_stdvec(&snap) else { return Vec::new() };
    let mut out = Vec::with_capacity(MAGIC.len() + DIGEST_LEN + payload.len());
    out.extend_from_slice(MAGIC);
    out.extend_from_slice(&Sha256::digest(&payload));
    out.extend_from_slice(&payload);
    out
}

/// Decodes a snapshot written by [`to_bytes`] with the same `hash`; `None` for anything else,
/// including a snapshot whose checksum does not match its content.
pub fn from_bytes(bytes: &[u8], hash: u64) -> Option<Catalog> {
    let rest = bytes.strip_prefix(MAGIC)?;
    let (digest, payload) = rest.split_at_checked(DIGEST_LEN)?;
    if Sha256::digest(payload).as_slice() != digest {
        return None;
    }
    let snap: Snapshot = postcard::from_bytes(payload).ok()?;
    if snap.hash != hash {
        return None;
    }
    let topics = with_ids(snap.topics, |t, id| t.id = id);
    let comparisons = with_ids(snap.comparisons, |c, id| c.id = id);
    let strategies = with_ids(snap.strategies, |s, id| s.id = id);
    let decks = with_ids(snap.decks, |d, id| d.id = id);
    let mut catalog = Catalog::build(snap.exam, topics, comparisons, snap.questions, strategies, Vec::new());
    catalog.set_decks(decks);
    Some(catalog)
}

/// Puts back the ids that the schema does not serialize (they are file stems, not keys).
fn with_ids<T>(items: Vec<(String, T)>, set: impl Fn(&mut T, String)) -> Vec<T> {
    items
        .into_iter()
        .map(|(id, mut item)| {
            set(&mut item, id);
            item
        })
        .collect()
}
