//! Guard: the core stays pure — no database, terminal, file system, environment or wall clock in
//! `content`, `srs`, `exam`, `search` or `walkthrough`. Only the shells (`store`, `study`, `cli`,
//! `tui`) touch the outside world. The one exception is `content/source.rs`, whose job is to read
//! a material directory (and the embedded copy).

use std::fs;
use std::path::{Path, PathBuf};

const CORE: &[&str] = &["content", "srs", "exam", "search", "walkthrough"];

const FORBIDDEN: &[&str] = &[
    "rusqlite",
    "ratatui",
    "crossterm",
    "Utc::now",
    "Local::now",
    "SystemTime",
    "Instant::now",
    "std::fs",
    "std::env",
    "std::process",
    "crate::store",
    "crate::study",
    "crate::cli",
    "crate::tui",
];

/// Files allowed to read the disk, and why.
const EXCEPTIONS: &[&str] = &["src/content/source.rs"];

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in fs::read_dir(dir).expect("list a source directory") {
        let path = entry.expect("entry").path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

#[test]
fn core_modules_import_no_shell_code_and_read_no_clock() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut files = Vec::new();
    for module in CORE {
        rust_files(&root.join("src").join(module), &mut files);
    }
    assert!(files.len() > 20, "the guard found the core's files");
    let mut offences = Vec::new();
    for path in files {
        let rel = path.strip_prefix(root).unwrap_or(&path).to_string_lossy().replace('\\', "/");
        if EXCEPTIONS.contains(&rel.as_str()) {
            continue;
        }
        let text = fs::read_to_string(&path).expect("read source");
        for (number, line) in text.lines().enumerate() {
            if line.trim_start().starts_with("//") {
                continue;
            }
            for word in FORBIDDEN {
                if line.contains(word) {
                    offences.push(format!("{rel}:{}: {word}", number + 1));
                }
            }
        }
    }
    assert!(offences.is_empty(), "impure code in the core:\n{}", offences.join("\n"));
}
