//! Places in the material the parsed schema does not keep: where a plain key is written, which
//! files a folder holds. For problems that must still name a file, line and column.

use std::ops::Range;

use super::problem::FileText;

/// Where `key = …` first appears in `text` (as a key, inline or on its own line), for values
/// the schema does not keep spans of; the file's start if it cannot be found.
pub fn key_span(text: &str, key: &str) -> Range<usize> {
    for (at, _) in text.match_indices(key) {
        let before = text.get(..at).and_then(|s| s.chars().next_back());
        let after = text.get(at + key.len()..).unwrap_or_default().trim_start_matches([' ', '\t']);
        if before.is_none_or(|c| !(c.is_alphanumeric() || c == '_' || c == '-')) && after.starts_with('=') {
            return at..at + key.len();
        }
    }
    0..0
}

/// The ids (file stems) of the `.toml` files directly in `folder`.
pub fn stems(files: &[FileText], folder: &str) -> Vec<String> {
    files
        .iter()
        .filter_map(|f| f.path.strip_prefix(folder)?.strip_suffix(".toml"))
        .filter(|stem| !stem.contains('/'))
        .map(String::from)
        .collect()
}
