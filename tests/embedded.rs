//! The material compiled into the binary is exactly `content/` + `decks/` on disk: a stale
//! build never silently serves old material.

use dopdeck::content::source;

#[test]
fn embedded_tree_equals_the_tree_on_disk() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let disk = source::directory(root).expect("content/ is readable");
    let embedded = source::embedded();
    let names = |v: &[source::RawFile]| v.iter().map(|f| f.path.clone()).collect::<Vec<_>>();
    assert_eq!(names(&embedded), names(&disk), "the same files");
    for (e, d) in embedded.iter().zip(&disk) {
        assert!(e.bytes == d.bytes, "{} differs between the binary and the disk", e.path);
    }
    assert!(embedded.iter().any(|f| f.path == "content/exam.toml"));
}
