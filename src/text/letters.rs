//! Option letters: the one place that turns an option's shown position into a letter and back.
//!
//! A question shows at most [`MAX_OPTIONS`] options (A–J); the material check refuses more
//! (see `content::validate`), so every shell can show every option of valid material.

#![deny(clippy::indexing_slicing)]

/// The letters options are shown with, in order.
pub const LETTERS: &str = "ABCDEFGHIJ";

/// How many options a question may have: as many as there are letters.
pub const MAX_OPTIONS: usize = LETTERS.len();

/// The letter for shown position `i` ("A" for 0), or `?` past the last letter.
pub fn letter(i: usize) -> char {
    LETTERS.as_bytes().get(i).map_or('?', |b| char::from(*b))
}

/// The letters for shown positions, in the order given: `[1, 3]` → "BD".
pub fn letters(shown: &[usize]) -> String {
    shown.iter().map(|&i| letter(i)).collect()
}

/// The letters, in alphabetical order, under which options `opts` (indices into the question's
/// options) were shown when the attempt showed them in `order`.
pub fn shown_letters(order: &[usize], opts: &[usize]) -> String {
    let mut shown: Vec<usize> = opts.iter().filter_map(|x| order.iter().position(|y| y == x)).collect();
    shown.sort_unstable();
    letters(&shown)
}

/// The shown position of letter `c` (any case), if it is one.
pub fn position(c: char) -> Option<usize> {
    LETTERS.find(c.to_ascii_uppercase())
}

/// "BD", "b d", "b,d" → shown positions; `None` if anything else is in the line or a letter is
/// past the question's `options`.
pub fn parse(s: &str, options: usize) -> Option<Vec<usize>> {
    let mut out = Vec::new();
    for c in s.chars().filter(|c| !matches!(c, ' ' | ',')) {
        let idx = position(c)?;
        if idx >= options {
            return None;
        }
        out.push(idx);
    }
    (!out.is_empty()).then_some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn letters_round_trip_and_stop_at_the_last() {
        assert_eq!(letters(&[0, 3]), "AD");
        assert_eq!(letter(9), 'J');
        assert_eq!(letter(10), '?');
        assert_eq!(position('c'), Some(2));
        assert_eq!(position('k'), None);
        assert_eq!(parse("b, d", 4), Some(vec![1, 3]));
        assert_eq!(parse("e", 4), None);
        assert_eq!(parse("", 4), None);
        assert_eq!(shown_letters(&[2, 0, 1], &[0, 2]), "AB");
    }
}
