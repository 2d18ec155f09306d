//! dopdeck: a terminal study and quiz application for the AWS Certified DevOps Engineer –
//! Professional exam (DOP-C02).
//!
//! The crate is a functional core with an imperative shell:
//!
//! - [`content`] loads and validates the study material (embedded or from a directory) into a
//!   [`content::Catalog`]. Pure.
//! - [`search`] ranks topics, cards, questions, tables, comparisons and strategies for a query. Pure.
//! - [`srs`] schedules reviews with FSRS-6 (the `fsrs` crate), learning steps and fuzz. Pure: the
//!   clock is passed in.
//! - [`exam`] assembles practice exams by domain weight, runs an attempt, and scores it. Pure.
//! - [`export`] turns the material and progress into an Anki collection's rows. Pure.
//! - [`store`] is the only module that speaks SQL: progress lives in one SQLite file.
//! - [`study`] joins catalog, store and scheduler for the shells (CLI and TUI).
//! - [`sync`] merges progress from several computers through journals in a synced folder.
//! - [`text`] shows control characters escaped at every output edge (both shells use it).
//! - [`tui`] is the full-screen terminal UI over the same use cases.
//! - [`cli`] holds the subcommands; `main.rs` only parses arguments and dispatches.
//! - [`plan`] studies to a date: the exam-day plan, readiness projection, weakest-task drills and
//!   exam pacing. Pure.
//! - [`files`] keeps dopdeck's own files private and refuses special files before opening them.

#![cfg_attr(not(test), deny(clippy::unwrap_used))]

pub mod cli;
pub mod content;
pub mod exam;
pub mod export;
pub mod files;
pub mod plan;
pub mod search;
pub mod srs;
pub mod store;
pub mod study;
pub mod sync;
pub mod text;
pub mod tui;
pub mod walkthrough;
