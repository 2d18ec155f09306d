//! Study material: the schema, loading (embedded or from a directory), validation, and the
//! [`Catalog`] the engines read.
//!
//! Pure apart from [`source::directory`], which reads files: parsing and validation take bytes
//! and return data or problems. Loading never panics, whatever the input, and reports every
//! problem it finds as `FILE:LINE:COLUMN: message`; to keep it so, no index or slice here may
//! panic (`clippy::indexing_slicing` is denied).

#![deny(clippy::indexing_slicing)]

pub mod catalog;
pub mod controls;
mod counts;
pub mod derive;
mod id_table;
pub mod ids;
mod item_table;
mod items;
mod lazy;
pub mod lint;
pub mod locate;
pub mod parse;
pub mod problem;
pub mod renames;
pub mod schema;
pub mod snapshot;
pub mod source;
pub mod spanned;
pub mod validate;

pub use catalog::{Catalog, Item, ItemKind, ItemRefs, ItemSource, Name, Prompt};
pub use counts::{CardCounts, Counts, TaskCounts};
pub use ids::TableId;
pub use item_table::{ItemRef, Names, NamesIter};
pub use lazy::Backing;
pub use problem::Problem;
pub use source::RawFile;
pub use spanned::Spanned;

/// Parses and validates raw files into a catalog, or returns every problem found.
pub fn load(files: &[RawFile]) -> Result<Catalog, Vec<Problem>> {
    validate::validate(parse_all(files))
}

/// Parses every file, spread over the available cores: parsing is most of start-up time, and
/// files are independent. Results keep the input order.
fn parse_all(files: &[RawFile]) -> Vec<parse::ParsedFile> {
    let threads = std::thread::available_parallelism().map_or(1, |n| n.get()).min(8);
    if threads < 2 || files.len() < 16 {
        return files.iter().map(parse::parse_file).collect();
    }
    // Round-robin, so the large question files spread over the threads.
    let mut slots: Vec<Option<parse::ParsedFile>> = std::thread::scope(|scope| {
        let handles: Vec<_> = (0..threads)
            .map(|t| {
                scope.spawn(move || {
                    files
                        .iter()
                        .enumerate()
                        .skip(t)
                        .step_by(threads)
                        .map(|(i, f)| (i, parse::parse_file(f)))
                        .collect::<Vec<_>>()
                })
            })
            .collect();
        let mut slots: Vec<Option<parse::ParsedFile>> = (0..files.len()).map(|_| None).collect();
        for handle in handles {
            // Parsing never panics (property-tested); should it, the panic is the caller's.
            let parsed = handle.join().unwrap_or_else(|panic| std::panic::resume_unwind(panic));
            for (i, p) in parsed {
                if let Some(slot) = slots.get_mut(i) {
                    *slot = Some(p);
                }
            }
        }
        slots
    });
    slots.iter_mut().filter_map(Option::take).collect()
}

/// Reviews the item writing of the question files among `files` (see [`lint`]). Parses again:
/// only `dopdeck check` asks, and keeping warnings out of the catalog keeps start-up lean.
pub fn review(files: &[RawFile], exam: &schema::Exam) -> lint::Review {
    lint::review(&parse_all(files), exam)
}

/// The material embedded in this binary.
pub fn load_embedded() -> Result<Catalog, Vec<Problem>> {
    load(&source::embedded())
}
