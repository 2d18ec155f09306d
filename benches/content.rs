//! Start-up cost of the material: load + validate the whole embedded tree; build the search
//! index, encode it, decode it back (what a search pays once the snapshot carries it) and run
//! queries over it, including the first query a fresh index answers.

use criterion::{BatchSize, Criterion, criterion_group, criterion_main};
use dopdeck::content;
use dopdeck::search::Index;
use std::hint::black_box;

fn load_and_validate(c: &mut Criterion) {
    let files = content::source::embedded();
    c.bench_function("content/load+validate (embedded tree)", |b| {
        b.iter(|| black_box(content::load(black_box(&files)).expect("embedded material is valid")))
    });
}

fn search(c: &mut Criterion) {
    let catalog = content::load_embedded().expect("embedded material is valid");
    c.bench_function("search/build index", |b| b.iter(|| black_box(Index::build(&catalog))));
    let index = Index::build(&catalog);
    let bytes = index.to_bytes();
    eprintln!("search index: {} entries, {} bytes encoded", index.len(), bytes.len());
    c.bench_function("search/encode index", |b| b.iter(|| black_box(index.to_bytes())));
    c.bench_function("search/decode shipped index", |b| {
        b.iter(|| black_box(Index::from_bytes(black_box(&bytes)).expect("decodes")))
    });
    // The first keystroke of a session: a fresh index (decoded outside the timing), its first
    // query at the popup's limit.
    c.bench_function("search/first query after decode (\"c\", 100 hits)", |b| {
        b.iter_batched_ref(
            || Index::from_bytes(&bytes).expect("decodes"),
            |fresh| black_box(fresh.search(black_box("c"), 100)),
            BatchSize::PerIteration,
        )
    });
    // What `dopdeck search cfn` pays in-process once the bytes are in memory.
    c.bench_function("search/decode + query \"cfn\"", |b| {
        b.iter(|| black_box(Index::from_bytes(black_box(&bytes)).expect("decodes").search(black_box("cfn"), 20)))
    });
    for q in ["c", "cfn", "appspec", "blue green", "lifecycle hook timeout"] {
        c.bench_function(&format!("search/query {q:?}"), |b| b.iter(|| black_box(index.search(black_box(q), 20))));
    }
}

criterion_group!(benches, load_and_validate, search);
criterion_main!(benches);
