//! The first search keystroke's latency distribution on the shipped material (issue 19 asks
//! for p99 ≤ 2 ms), in two cases. The TUI reads the cached index on a background thread at
//! start, so a keystroke typed after that only queries ("index ready", over every first
//! letter a person might type). A keystroke typed before the thread is done waits for it: the
//! worst case is reading the cached index from its file and answering a one-letter query (the
//! last line; the cache directory is the user's, as for `dopdeck`), or, in memory alone,
//! decoding it from bytes, which also copies its text ("decode + query"). Criterion gives
//! medians (`cargo bench --bench content -- search`); this prints the tail.
//!
//! `cargo run --release --example search_first_key [ROUNDS]`

use std::hint::black_box;
use std::time::Instant;

use dopdeck::search::Index;

fn main() {
    let rounds: usize = std::env::args().nth(1).and_then(|n| n.parse().ok()).unwrap_or(300);
    let catalog = dopdeck::content::load_embedded().expect("the embedded material is valid");
    let bytes = Index::build(&catalog).to_bytes();
    let ready = Index::from_bytes(&bytes).expect("decodes");
    let letters: Vec<String> = ('a'..='z').map(String::from).collect();
    let mut micros: Vec<f64> = (0..rounds)
        .flat_map(|_| letters.iter())
        .map(|letter| {
            let started = Instant::now();
            black_box(ready.search(black_box(letter), 100));
            started.elapsed().as_secs_f64() * 1e6
        })
        .collect();
    report("index ready, query a..z", &mut micros);
    let mut micros: Vec<f64> = (0..rounds)
        .map(|_| {
            let started = Instant::now();
            let index = Index::from_bytes(black_box(&bytes)).expect("decodes");
            black_box(index.search(black_box("c"), 100));
            started.elapsed().as_secs_f64() * 1e6
        })
        .collect();
    report("decode + query \"c\"", &mut micros);
    // What the TUI's thread does at start: read the cached index from its file (written here
    // first if the cache has none), three reads and no copy of the text.
    black_box(dopdeck::cli::cache::search_index(None, &catalog, false));
    let mut micros: Vec<f64> = (0..rounds)
        .map(|_| {
            let started = Instant::now();
            let index = dopdeck::cli::cache::cached_index(None, false).expect("the index was just cached");
            black_box(index.search(black_box("c"), 100));
            started.elapsed().as_secs_f64() * 1e6
        })
        .collect();
    report("read the cached index file + query \"c\"", &mut micros);
}

/// Prints the distribution of `micros` (sorted in place).
fn report(what: &str, micros: &mut [f64]) {
    micros.sort_by(f64::total_cmp);
    let at = |q: f64| micros.get(((micros.len() - 1) as f64 * q).round() as usize).copied().unwrap_or(f64::NAN);
    println!(
        "first keystroke ({what}), {} samples: min {:.0} µs · median {:.0} µs · p99 {:.0} µs · max {:.0} µs",
        micros.len(),
        at(0.0),
        at(0.5),
        at(0.99),
        at(1.0)
    );
}
