//! Start-up cost of the material: load + validate the whole embedded tree, and build the search
//! index and run a query over it.

use criterion::{Criterion, criterion_group, criterion_main};
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
    for q in ["cfn", "appspec", "blue green", "lifecycle hook timeout"] {
        c.bench_function(&format!("search/query {q:?}"), |b| b.iter(|| black_box(index.search(black_box(q), 20))));
    }
}

criterion_group!(benches, load_and_validate, search);
criterion_main!(benches);
