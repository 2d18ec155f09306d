//! `dopdeck show TOPIC`: a topic page as readable text.

use std::io::Write;
use std::process::ExitCode;

use anyhow::Result;

use super::text::terminal_width;
use crate::content::Catalog;
use crate::content::schema::{Status, TableKind, Topic};
use crate::search::{HitKind, Index};
use crate::text::layout::{table, wrap};

/// Arguments of `dopdeck show`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// Topic id or anything search finds ("cfn", "appspec").
    pub topic: String,
    /// Lay out for this many columns (default: the terminal's width).
    #[arg(long)]
    pub width: Option<usize>,
}

/// Prints the page; an unknown topic prints the closest matches and exits 1.
pub fn run(args: &Args, catalog: &Catalog, out: &mut impl Write) -> Result<ExitCode> {
    let width = args.width.unwrap_or_else(terminal_width).max(20);
    let topic = catalog.topic(&args.topic).or_else(|| {
        // An exact alias or name ("cfn", "AWS CodeDeploy") is as good as the id.
        let hits = Index::build(catalog).search(&args.topic, 1);
        hits.first().filter(|h| h.kind == HitKind::Topic && h.score >= 10_000).and_then(|h| catalog.topic(&h.id))
    });
    let Some(topic) = topic else {
        // An error, so on standard error: a script's output stays empty.
        let mut err = crate::text::VisibleWriter::new(std::io::stderr().lock());
        let hits = Index::build(catalog).search(&args.topic, 50);
        let topics: Vec<_> = hits.iter().filter(|h| h.kind == HitKind::Topic).take(5).collect();
        writeln!(err, "no topic \"{}\".", args.topic)?;
        if !topics.is_empty() {
            writeln!(err, "Did you mean:")?;
            for h in topics {
                writeln!(err, "  {:<28} {}", h.id, h.title)?;
            }
        }
        return Ok(ExitCode::FAILURE);
    };
    for line in page(topic, catalog, width) {
        writeln!(out, "{line}")?;
    }
    Ok(ExitCode::SUCCESS)
}

/// The lines of a topic page laid out for `width` columns.
pub fn page(topic: &Topic, catalog: &Catalog, width: usize) -> Vec<String> {
    let mut out = Vec::new();
    let status = if topic.status == Status::Legacy { "  [legacy]" } else { "" };
    out.extend(wrap(&format!("{}{status}", topic.name), width));
    out.push("═".repeat(topic.name.chars().count().min(width)));
    let tasks: Vec<&str> = topic.tasks.iter().map(|t| t.get_ref().as_str()).collect();
    out.extend(wrap(&format!("{} · tasks {}", topic.category, tasks.join(", ")), width));
    if !topic.aliases.is_empty() {
        out.extend(wrap(&format!("Also: {}", topic.aliases.join(", ")), width));
    }
    out.push(String::new());
    out.extend(wrap(&topic.summary, width));
    for section in &topic.sections {
        out.push(String::new());
        out.extend(wrap(&section.title, width));
        out.push("─".repeat(section.title.chars().count().min(width)));
        for point in &section.points {
            bullet(&mut out, "• ", point, width);
        }
    }
    for t in &topic.tables {
        out.push(String::new());
        let kind = if t.kind == TableKind::Limits { "limits" } else { "reference" };
        let asof = t.as_of.as_deref().map(|a| format!(" · as of {a}")).unwrap_or_default();
        out.extend(wrap(&format!("{} ({kind}{asof})", t.title), width));
        let rows: Vec<Vec<String>> = t.rows.iter().map(|r| r.get_ref().clone()).collect();
        out.extend(table(&t.columns, &rows, width));
        for note in &t.notes {
            bullet(&mut out, "  * ", note, width);
        }
        if let Some(src) = &t.source {
            out.push(format!("  Source: {src}"));
        }
    }
    for s in &topic.sequences {
        out.push(String::new());
        out.extend(wrap(&s.title, width));
        for (i, step) in s.steps.iter().enumerate() {
            bullet(&mut out, &format!("{:>3}. ", i + 1), step, width);
        }
    }
    let comparisons: Vec<_> =
        catalog.comparisons().iter().filter(|c| c.topics.iter().any(|t| t.get_ref() == &topic.id)).collect();
    if !comparisons.is_empty() {
        out.push(String::new());
        out.push("Comparisons".into());
        for c in comparisons {
            bullet(&mut out, "  ", &format!("{} — {}", c.id, c.title), width);
        }
    }
    let cards = catalog.items().iter().filter(|i| i.has_topic(&topic.id)).count();
    out.push(String::new());
    if !topic.related.is_empty() {
        let related: Vec<String> = topic
            .related
            .iter()
            .map(|r| catalog.topic(r.get_ref()).map_or(r.get_ref().clone(), |t| format!("{} ({})", t.name, t.id)))
            .collect();
        out.extend(wrap(&format!("Related: {}", related.join(" · ")), width));
    }
    out.extend(wrap(&format!("{cards} cards and questions on this topic."), width));
    for doc in &topic.docs {
        out.push(format!("Docs: {doc}"));
    }
    out
}

fn bullet(out: &mut Vec<String>, marker: &str, text: &str, width: usize) {
    let indent = unicode_width::UnicodeWidthStr::width(marker);
    for (i, line) in wrap(text, width.saturating_sub(indent).max(10)).into_iter().enumerate() {
        if i == 0 {
            out.push(format!("{marker}{line}"));
        } else {
            out.push(format!("{}{line}", " ".repeat(indent)));
        }
    }
}
