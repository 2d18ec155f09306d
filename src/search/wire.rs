//! The index's binary form, so it can be built once (when the material is packed) and read back
//! when a search runs, for far less than building it.
//!
//! Layout, all integers little-endian `u32`:
//!
//! ```text
//! "DDSI" version  bodies.start bodies.end  text_len entry_count key_count topic_count
//! text (UTF-8)  entries (50 bytes each)  keys (8 bytes each)  topics (4 bytes each)
//! ```
//!
//! An entry is its kind's code and its number of names (one byte each), then the start and end
//! of its id, title, body, keys and topics, then its initials (a `u64`). Reading it back is
//! four allocations — the text, the entries, the keys, the topics — and a pass that checks every span, so a damaged or foreign
//! blob is refused (`None`) rather than trusted: the search never indexes out of bounds. A
//! reader from a file takes the text (nine tenths of it) into its own buffer
//! ([`Index::text_len`], [`Index::from_split`]), so the 1.4 MB are read once and never copied.
//! The framing is written by hand rather than with postcard: every section is a run of
//! fixed-size records, which decode straight from the bytes without a per-field visitor.

use super::hit::HitKind;
use super::index::{Entry, Index, Span};

/// The first bytes of every encoded index.
const MAGIC: &[u8; 4] = b"DDSI";
/// Bumped whenever the layout changes, so an old blob is refused instead of misread.
const VERSION: u32 = 2;
/// Bytes in the fixed header.
const HEADER: usize = 4 + 4 * 7;
/// Bytes per entry record: kind, names, five spans and the initials.
const ENTRY: usize = 2 + 5 * 8 + 8;

impl Index {
    /// Bytes in the fixed header, for a reader that splits a stored index (see
    /// [`Index::text_len`]).
    pub const HEADER_LEN: usize = HEADER;

    /// The index in its compact binary form (see [`Index::from_bytes`]).
    pub fn to_bytes(&self) -> Vec<u8> {
        let (text, entries, keys, topics, bodies) = (&self.text, &self.entries, &self.keys, &self.topics, self.bodies);
        let mut out =
            Vec::with_capacity(HEADER + text.len() + entries.len() * ENTRY + keys.len() * 8 + topics.len() * 4);
        out.extend_from_slice(MAGIC);
        for n in
            [VERSION, bodies.start, bodies.end, len(text.len()), len(entries.len()), len(keys.len()), len(topics.len())]
        {
            out.extend_from_slice(&n.to_le_bytes());
        }
        out.extend_from_slice(text.as_bytes());
        for e in entries {
            out.push(e.kind.code());
            out.push(e.names);
            for s in [e.id, e.title, e.body, e.keys, e.topics] {
                put_span(&mut out, s);
            }
            out.extend_from_slice(&e.initials.to_le_bytes());
        }
        for &k in keys {
            put_span(&mut out, k);
        }
        for &t in topics {
            out.extend_from_slice(&t.to_le_bytes());
        }
        out
    }

    /// The index `bytes` hold, as [`Index::to_bytes`] wrote it; `None` for anything else
    /// (truncated, damaged, another version), never a panic.
    pub fn from_bytes(bytes: &[u8]) -> Option<Index> {
        let head = bytes.get(..HEADER)?;
        let text_end = HEADER.checked_add(Index::text_len(head)?)?;
        let text = std::str::from_utf8(bytes.get(HEADER..text_end)?).ok()?;
        Index::from_split(head, text.to_string(), bytes.get(text_end..)?)
    }

    /// How long the text is, from the first [`Index::HEADER_LEN`] bytes of a stored index: a reader
    /// can then read the text, most of the index, into a buffer of its own and hand it to
    /// [`Index::from_split`] as a `String` without copying it.
    pub fn text_len(head: &[u8]) -> Option<usize> {
        let mut r = Reader { bytes: head.get(..HEADER)? };
        if r.take(4)? != MAGIC || r.u32()? != VERSION {
            return None;
        }
        r.take(8)?;
        r.u32().map(|n| n as usize)
    }

    /// The index stored as its first [`Index::HEADER_LEN`] bytes, its text and the rest (entries, keys,
    /// topics); `None` for anything but what [`Index::to_bytes`] wrote.
    pub fn from_split(head: &[u8], text: String, rest: &[u8]) -> Option<Index> {
        let mut r = Reader { bytes: head };
        if r.take(4)? != MAGIC || r.u32()? != VERSION {
            return None;
        }
        let bodies = Span { start: r.u32()?, end: r.u32()? };
        let [text_len, entry_count, key_count, topic_count] =
            [r.u32()?, r.u32()?, r.u32()?, r.u32()?].map(|n| n as usize);
        if !r.bytes.is_empty() || text.len() != text_len {
            return None;
        }
        let mut r = Reader { bytes: rest };
        let entry_bytes = r.take(entry_count.checked_mul(ENTRY)?)?;
        let key_bytes = r.take(key_count.checked_mul(8)?)?;
        let topic_bytes = r.take(topic_count.checked_mul(4)?)?;
        if !r.bytes.is_empty() || !text_span(&text, bodies) {
            return None;
        }
        let keys: Vec<Span> = key_bytes.chunks_exact(8).map(span).collect();
        if !keys.iter().all(|&k| text_span(&text, k)) {
            return None;
        }
        let topics: Vec<u32> = topic_bytes.chunks_exact(4).map(u32_at).collect();
        if topics.iter().any(|&t| t as usize >= entry_count) {
            return None;
        }
        let mut entries = Vec::with_capacity(entry_count);
        // Bodies lie inside the bodies' run, one after another in entry order: the search finds
        // a word in all of them at once and walks the entries alongside.
        let mut body_floor = bodies.start;
        for rec in entry_bytes.chunks_exact(ENTRY) {
            let [kind, names, ..] = *rec else { return None };
            let spans = rec.get(2..)?;
            let at = |n: usize| spans.get(n * 8..n * 8 + 8).map(span);
            let e = Entry {
                kind: HitKind::from_code(kind)?,
                names,
                id: at(0)?,
                title: at(1)?,
                body: at(2)?,
                keys: at(3)?,
                topics: at(4)?,
                initials: u64_at(spans.get(40..48)?),
            };
            let ordered = e.body.start >= body_floor && e.body.end <= bodies.end;
            let lists = list_span(e.keys, keys.len()) && list_span(e.topics, topics.len());
            if !(ordered && lists && text_span(&text, e.id) && text_span(&text, e.title) && text_span(&text, e.body)) {
                return None;
            }
            body_floor = e.body.end;
            entries.push(e);
        }
        Some(Index::from_parts(text, entries, keys, topics, bodies))
    }
}

/// A count as stored; see `index::off`.
fn len(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

fn put_span(out: &mut Vec<u8>, s: Span) {
    out.extend_from_slice(&s.start.to_le_bytes());
    out.extend_from_slice(&s.end.to_le_bytes());
}

/// The first `N` bytes of `b` (callers pass at least `N`; missing bytes read as zero).
fn bytes_at<const N: usize>(b: &[u8]) -> [u8; N] {
    let mut n = [0u8; N];
    for (d, s) in n.iter_mut().zip(b) {
        *d = *s;
    }
    n
}

/// The `u32` in the first four bytes of `b`.
fn u32_at(b: &[u8]) -> u32 {
    u32::from_le_bytes(bytes_at(b))
}

/// The `u64` in the first eight bytes of `b`.
fn u64_at(b: &[u8]) -> u64 {
    u64::from_le_bytes(bytes_at(b))
}

/// The span in the first eight bytes of `b` (callers pass at least eight).
fn span(b: &[u8]) -> Span {
    Span { start: u32_at(b), end: u32_at(b.get(4..).unwrap_or_default()) }
}

/// Whether `s` is a range of `text` that starts and ends on character boundaries.
fn text_span(text: &str, s: Span) -> bool {
    s.start <= s.end && text.get(s.range()).is_some()
}

/// Whether `s` is a range of a list of `len` things.
fn list_span(s: Span, len: usize) -> bool {
    s.start <= s.end && s.end as usize <= len
}

/// Reads the blob front to back.
struct Reader<'b> {
    bytes: &'b [u8],
}

impl<'b> Reader<'b> {
    fn take(&mut self, n: usize) -> Option<&'b [u8]> {
        if n > self.bytes.len() {
            return None;
        }
        let (head, rest) = self.bytes.split_at(n);
        self.bytes = rest;
        Some(head)
    }

    fn u32(&mut self) -> Option<u32> {
        self.take(4).map(u32_at)
    }
}
