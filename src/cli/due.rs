//! `dopdeck due`: what is waiting today.

use std::io::Write;
use std::process::ExitCode;

use anyhow::Result;

use super::env;
use crate::content::Catalog;
use crate::study::{Clock, Intent, Opening};
use crate::text::time::datetime;

/// Arguments of `dopdeck due`.
pub type Args = super::env::DeckArgs;

/// Prints new / learning / review counts and the next due time.
pub fn run(
    args: &Args,
    catalog: &Catalog,
    clock: Clock,
    opening: Option<Opening>,
    out: &mut impl Write,
) -> Result<ExitCode> {
    let now = clock.now();
    let study = env::open_for(catalog, &args.db.path()?, now, Intent::Read, opening)?;
    let deck = study.deck(&args.deck)?;
    let due = study.due(deck, now)?;
    if args.json {
        let body = serde_json::json!({
            "deck": deck.id,
            "new": due.new,
            "learning": due.learning,
            "review": due.review,
            "next_due": due.next_due.map(|t| t.to_rfc3339()),
        });
        writeln!(out, "{}", serde_json::to_string_pretty(&body)?)?;
    } else {
        writeln!(out, "{}: {} new · {} learning · {} review", deck.name, due.new, due.learning, due.review)?;
        match due.next_due {
            Some(t) if due.learning + due.review == 0 => {
                writeln!(out, "next due: {}", datetime(t, study.utc_offset()))?
            }
            None if due.new + due.learning + due.review == 0 => writeln!(out, "nothing scheduled")?,
            _ => {}
        }
    }
    Ok(ExitCode::SUCCESS)
}
