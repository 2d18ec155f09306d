//! Cheap tests that rule a key or title out before the fuzzy matcher builds its score matrix.

/// Whether the bytes of `needle` appear in `hay` in order: a necessary condition for a fuzzy
/// match of normalized (lower-case) text, and far cheaper to test.
pub(super) fn in_order(hay: &[u8], needle: &[u8]) -> bool {
    let mut rest = hay;
    for &b in needle {
        match memchr::memchr(b, rest) {
            Some(i) => rest = rest.get(i + 1..).unwrap_or_default(),
            None => return false,
        }
    }
    true
}

/// Whether the fuzzy matcher could find `pattern` in `title`: its bytes in order, ignoring ASCII
/// case unless the pattern has a capital (the matcher's "smart case"). Titles of hits pulled up
/// behind a service often do not, and then the matcher's score matrix is not worth building.
pub(super) fn title_may_match(title: &str, pattern: &str) -> bool {
    let smart = pattern.bytes().any(|b| b.is_ascii_uppercase());
    let mut rest = title.as_bytes();
    for b in pattern.bytes() {
        let found = if smart || !b.is_ascii_lowercase() {
            memchr::memchr(b, rest)
        } else {
            memchr::memchr2(b, b.to_ascii_uppercase(), rest)
        };
        match found {
            Some(i) => rest = rest.get(i + 1..).unwrap_or_default(),
            None => return false,
        }
    }
    true
}

/// Whether some word of `text` starts with `word` (which holds no space): a byte loop, as keys
/// are short and a query tests thousands of them.
pub(super) fn word_prefix(text: &str, word: &str) -> bool {
    let (t, w) = (text.as_bytes(), word.as_bytes());
    let Some((&first, rest)) = w.split_first() else { return true };
    memchr::memchr_iter(first, t)
        .any(|i| (i == 0 || t.get(i - 1) == Some(&b' ')) && t.get(i + 1..).is_some_and(|r| r.starts_with(rest)))
}

/// Whether some word of `text` starts with `word`.
pub(super) fn contains_word_prefix(text: &str, word: &str) -> bool {
    text.match_indices(word).any(|(i, _)| i == 0 || text.as_bytes().get(i - 1) == Some(&b' '))
}

/// The bit of a body word's first byte in an entry's initials: one each for `a`–`z` and
/// `0`–`9`; no bit for any other byte (a word starting with one is scanned for instead).
fn initial_bit(b: u8) -> Option<u64> {
    let n = match b {
        b'a'..=b'z' => b - b'a',
        b'0'..=b'9' => 26 + (b - b'0'),
        _ => return None,
    };
    Some(1u64 << n)
}

/// The initials of a normalized body: the bits of the first bytes of its words.
pub(super) fn initials(body: &str) -> u64 {
    body.split(' ').filter_map(|w| w.as_bytes().first().copied().and_then(initial_bit)).fold(0, |m, b| m | b)
}

/// The bit of the initials that answers for the query word `w` exactly, if it has one: `w` is
/// a single letter or digit.
pub(super) fn word_initial(w: &str) -> Option<u64> {
    match w.as_bytes() {
        &[b] => initial_bit(b),
        _ => None,
    }
}
