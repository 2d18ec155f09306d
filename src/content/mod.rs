//! Study material: the schema, loading (embedded or from a directory), validation, and the
//! [`Catalog`] the engines read.
//!
//! Pure apart from [`source::directory`], which reads files: parsing and validation take bytes
//! and return data or problems. Loading never panics, whatever the input, and reports every
//! problem it finds as `FILE:LINE:COLUMN: message`.

pub mod catalog;
pub mod derive;
pub mod parse;
pub mod problem;
pub mod schema;
pub mod source;
pub mod validate;

pub use catalog::{Catalog, Counts, Item, ItemKind, ItemSource, Prompt};
pub use problem::Problem;
pub use source::RawFile;

/// Parses and validates raw files into a catalog, or returns every problem found.
pub fn load(files: &[RawFile]) -> Result<Catalog, Vec<Problem>> {
    let parsed = files.iter().map(parse::parse_file).collect();
    validate::validate(parsed)
}

/// The material embedded in this binary.
pub fn load_embedded() -> Result<Catalog, Vec<Problem>> {
    load(&source::embedded())
}
