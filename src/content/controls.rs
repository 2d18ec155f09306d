//! Material text may hold no control characters but newline and tab.
//!
//! TOML already refuses them raw, but its escapes (`"\u001b]0;…\u0007"`) put them in a string;
//! shown in a terminal they would retitle or clear it. So every key and string value of a file
//! is checked once it is parsed, and each one holding such a character is a problem at its place.
//! (A carriage return before a newline, as in a file saved with Windows line endings, is fine.)

use toml::Spanned;
use toml::de::{DeTable, DeValue};

use super::problem::{FileText, Problem};
use crate::text::{escape, first_control};

/// A problem for every key or string in `table` (and the tables and arrays inside it) that
/// holds a control character other than newline and tab.
pub fn problems(table: &DeTable<'_>, file: &FileText) -> Vec<Problem> {
    let mut found = Vec::new();
    walk_table(table, file, &mut found);
    found
}

fn walk_table(table: &DeTable<'_>, file: &FileText, found: &mut Vec<Problem>) {
    for (key, value) in table {
        check(key.get_ref(), key.span(), "key", file, found);
        walk_value(value, file, found);
    }
}

fn walk_value(value: &Spanned<DeValue<'_>>, file: &FileText, found: &mut Vec<Problem>) {
    match value.get_ref() {
        DeValue::String(text) => check(text, value.span(), "text", file, found),
        DeValue::Array(items) => items.iter().for_each(|item| walk_value(item, file, found)),
        DeValue::Table(table) => walk_table(table, file, found),
        DeValue::Integer(_) | DeValue::Float(_) | DeValue::Boolean(_) | DeValue::Datetime(_) => {}
    }
}

fn check(text: &str, span: std::ops::Range<usize>, what: &str, file: &FileText, found: &mut Vec<Problem>) {
    // A file saved with Windows line endings keeps "\r\n" in multi-line strings: that is a
    // newline, not a control sequence.
    if first_control(text).is_none() {
        return;
    }
    if let Some((_, c)) = first_control(&text.replace("\r\n", "\n")) {
        found.push(file.problem(
            span,
            format!(
                "{what} holds the control character {} (U+{:04X}): only newline and tab may appear in material",
                escape(c),
                u32::from(c)
            ),
        ));
    }
}

#[cfg(test)]
mod tests {
    use crate::content::parse::parse_file;
    use crate::content::source::RawFile;

    fn control_problems(toml: &str) -> Vec<String> {
        let raw = RawFile { path: "content/topics/x.toml".into(), bytes: toml.as_bytes().to_vec() };
        parse_file(&raw)
            .problems
            .into_iter()
            .map(|p| p.to_string())
            .filter(|p| p.contains("control character"))
            .collect()
    }

    #[test]
    fn escaped_controls_are_refused_where_they_are_and_line_endings_are_not() {
        let found = control_problems("title = \"ok\"\n[[card]]\nfront = \"a\\u001b[2J\"\n\"k\\u0007\" = 1\n");
        assert_eq!(found.len(), 2, "{found:?}");
        assert!(found[0].contains("x.toml:3:9") && found[0].contains(r"\x1b"), "{found:?}");
        assert!(found[1].contains("key") && found[1].contains(r"\x07"), "{found:?}");
        assert!(
            control_problems("title = \"ok\"\r\nsummary = \"\"\"\r\ntwo\r\nlines\tand a tab\r\n\"\"\"\r\n").is_empty()
        );
    }
}
