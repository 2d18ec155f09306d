//! `dopdeck search QUERY`: ranked hits as text or JSON.

use std::io::Write;
use std::process::ExitCode;

use anyhow::Result;

use crate::search::Index;

/// Arguments of `dopdeck search`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// What to look for: a service, an abbreviation ("cfn", "asg"), a term ("appspec").
    #[arg(required = true)]
    pub query: Vec<String>,
    /// Print a JSON array of hits (kind, id, title, score), best first.
    #[arg(long)]
    pub json: bool,
    /// At most this many hits.
    #[arg(long, default_value_t = 20)]
    pub limit: usize,
}

/// Searches `index` (the catalog's, usually from the cache: see [`super::cache::search_index`])
/// and prints the hits; exit 1 when nothing matches.
pub fn run(args: &Args, index: &Index, out: &mut impl Write) -> Result<ExitCode> {
    let query = args.query.join(" ");
    let hits = index.search(&query, args.limit);
    if args.json {
        serde_json::to_writer_pretty(&mut *out, &hits)?;
        writeln!(out)?;
    } else if hits.is_empty() {
        writeln!(out, "nothing matches \"{query}\"")?;
    } else {
        for hit in &hits {
            writeln!(out, "{:<10} {:<48} {}", hit.kind.label(), hit.id, hit.title)?;
        }
    }
    Ok(if hits.is_empty() { ExitCode::FAILURE } else { ExitCode::SUCCESS })
}
