//! Loading never panics, whatever the bytes: random input and random edits of valid files.

use dopdeck::content::{self, RawFile, source};
use proptest::prelude::*;

fn fixture() -> Vec<RawFile> {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/tree");
    source::directory(&root).expect("fixture tree is readable")
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    #[test]
    fn random_bytes_in_any_kind_of_file(bytes in proptest::collection::vec(any::<u8>(), 0..400), which in 0usize..6) {
        let paths = ["content/exam.toml", "content/topics/x.toml", "content/comparisons/x.toml",
                     "content/questions/sdlc/x.toml", "content/strategies/x.toml", "decks/x.toml"];
        let mut files = fixture();
        files.retain(|f| f.path != paths[which]);
        files.push(RawFile { path: paths[which].into(), bytes });
        let _ = content::load(&files);
    }

    #[test]
    fn truncated_or_spliced_valid_files(file in 0usize..8, cut in 0usize..2000, insert in "[\\[\\]=\"a-z0-9 \\n.#{}]{0,20}") {
        let mut files = fixture();
        let n = files.len();
        let f = &mut files[file % n];
        let at = cut.min(f.bytes.len());
        let mut bytes = f.bytes[..at].to_vec();
        bytes.extend_from_slice(insert.as_bytes());
        bytes.extend_from_slice(&f.bytes[at..]);
        f.bytes = bytes;
        if let Err(problems) = content::load(&files) {
            for p in problems {
                prop_assert!(p.line >= 1 && p.column >= 1);
                prop_assert!(!p.message.is_empty());
            }
        }
    }
}
