//! What a note shows: its fields as simple HTML, and its tags.
//!
//! The material is plain text, so every field is escaped and line breaks become `<br>`: a phone
//! shows exactly what the terminal shows, and nothing in the material can inject markup or
//! script into Anki's web view.

use crate::content::{Catalog, Item, ItemSource, schema::Question};

use super::AnkiNote;
use super::collection::{guid, note_id};

/// The note for `item`.
pub(super) fn note(catalog: &Catalog, item: &Item) -> AnkiNote {
    let question = match item.source {
        ItemSource::Question { question } => catalog.questions().get(question),
        _ => None,
    };
    let (front, back) = match question {
        Some(q) => question_sides(q),
        None => {
            let prompt = catalog.prompt(item);
            (html(&prompt.front), html(&prompt.back))
        }
    };
    let topics: Vec<&str> = item.topics.iter().map(|id| catalog.topic(id).map_or(&**id, |t| t.name.as_str())).collect();
    let fields = vec![
        front,
        back,
        html(&topics.join(", ")),
        html(&task_title(catalog, &item.task)),
        sources(catalog, item).iter().map(|s| link(s)).collect::<Vec<_>>().join("<br>"),
        html(&item.id),
    ];
    let sort_field = catalog.prompt(item).front.lines().next().unwrap_or_default().to_string();
    AnkiNote { id: note_id(&item.id), guid: guid(&item.id), fields, tags: tags(item), sort_field }
}

/// Escapes text for HTML and keeps its line breaks.
pub(super) fn html(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 16);
    for c in text.trim().chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\n' => out.push_str("<br>"),
            c if c.is_control() && c != '\t' => {}
            c => out.push(c),
        }
    }
    out
}

/// A reference: a link when it is a web address, escaped text otherwise.
fn link(source: &str) -> String {
    let text = html(source);
    if source.starts_with("https://") || source.starts_with("http://") {
        format!("<a href=\"{text}\">{text}</a>")
    } else {
        text
    }
}

const LETTERS: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZ";

fn letter(i: usize) -> char {
    LETTERS.get(i).map_or('?', |&b| char::from(b))
}

/// A question: the stem and lettered options in front; the key, why each option is right or
/// wrong, and the explanation behind.
fn question_sides(q: &Question) -> (String, String) {
    let mut front = html(&q.stem);
    front.push_str("<br><br>");
    for (i, o) in q.options.iter().enumerate() {
        front.push_str(&format!("<b>{})</b> {}<br>", letter(i), html(&o.get_ref().text)));
    }
    if *q.choose.get_ref() > 1 {
        front.push_str(&format!("<i>(choose {})</i>", q.choose.get_ref()));
    }
    let key: Vec<String> =
        q.options.iter().enumerate().filter(|(_, o)| o.get_ref().correct).map(|(i, _)| letter(i).to_string()).collect();
    let mut back = format!("<b>Answer: {}</b><br><br>", key.join(", "));
    for (i, o) in q.options.iter().enumerate() {
        let o = o.get_ref();
        let mark = if o.correct { "✔" } else { "✘" };
        let why = o.why.as_deref().map(|w| format!(" — {}", html(w))).unwrap_or_default();
        back.push_str(&format!("{mark} <b>{})</b> {}{why}<br>", letter(i), html(&o.text)));
    }
    back.push_str("<br>");
    back.push_str(&html(&q.explanation));
    (front, back)
}

/// "1.2 Implement deployment strategies…" for a task id.
fn task_title(catalog: &Catalog, task: &str) -> String {
    let title = catalog.exam.domains.iter().flat_map(|d| &d.tasks).find(|t| t.id.get_ref() == task);
    title.map_or_else(|| task.to_string(), |t| format!("{task} {}", t.title))
}

/// Where an item's facts come from: its own source, else its topic's documentation.
fn sources(catalog: &Catalog, item: &Item) -> Vec<String> {
    let topic = |i: usize| catalog.topics().get(i);
    let own: Option<Vec<String>> = match item.source {
        ItemSource::Card { topic: t, card } => {
            topic(t).and_then(|t| t.cards.get(card)).map(|c| c.source.iter().cloned().collect())
        }
        ItemSource::TableRow { topic: t, table, .. } => {
            topic(t).and_then(|t| t.tables.get(table)).map(|tb| tb.source.iter().cloned().collect())
        }
        ItemSource::Sequence { topic: t, sequence } => {
            topic(t).and_then(|t| t.sequences.get(sequence)).map(|s| s.source.iter().cloned().collect())
        }
        ItemSource::ComparisonRow { comparison, .. } => {
            catalog.comparisons().get(comparison).map(|c| c.source.iter().chain(&c.sources).cloned().collect())
        }
        ItemSource::Question { question } => catalog.questions().get(question).map(|q| q.refs.clone()),
    };
    let own = own.unwrap_or_default();
    if !own.is_empty() {
        return own;
    }
    item.topics
        .first()
        .and_then(|t| catalog.topic(t))
        .map(|t| t.docs.iter().take(1).cloned().collect())
        .unwrap_or_default()
}

/// Tags: `dopdeck::domain-N`, `dopdeck::task-N.M`, `dopdeck::topic::ID`, `dopdeck::KIND`.
///
/// Anki splits tags on spaces, so any whitespace inside a tag becomes `_`.
fn tags(item: &Item) -> String {
    let clean = |s: &str| s.chars().map(|c| if c.is_whitespace() { '_' } else { c }).collect::<String>();
    let mut tags = vec![
        format!("dopdeck::domain-{}", item.domain),
        format!("dopdeck::task-{}", clean(&item.task)),
        format!("dopdeck::{}", item.kind.name()),
    ];
    tags.extend(item.topics.iter().map(|t| format!("dopdeck::topic::{}", clean(t))));
    format!(" {} ", tags.join(" "))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn html_escapes_markup_and_keeps_lines() {
        assert_eq!(html("a <b> & \"c\"\nd"), "a &lt;b&gt; &amp; &quot;c&quot;<br>d");
        assert_eq!(html("x\u{1b}[31m"), "x[31m");
    }
}
