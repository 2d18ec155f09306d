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
    t.starts_with(w)
        || t.iter().enumerate().any(|(i, &b)| b == b' ' && t.get(i + 1..).is_some_and(|r| r.starts_with(w)))
}

/// Whether some word of `text` starts with `word`.
pub(super) fn contains_word_prefix(text: &str, word: &str) -> bool {
    text.match_indices(word).any(|(i, _)| i == 0 || text.as_bytes().get(i - 1) == Some(&b' '))
}
