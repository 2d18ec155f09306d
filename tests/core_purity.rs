//! Guard: the core stays pure — no database, terminal, file system, environment or wall clock in
//! `content`, `srs`, `exam`, `search` or `walkthrough`. Only the shells (`store`, `study`, `cli`,
//! `tui`) touch the outside world. The one exception is `content/source.rs`, whose job is to read
//! a material directory (and the embedded copy).

use std::fs;
use std::path::{Path, PathBuf};

const CORE: &[&str] = &["content", "srs", "exam", "search", "walkthrough", "plan"];

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

/// Words a shell file may not contain, per shell: the TUI does not import the CLI, and neither
/// shell names the store — progress goes through `study`.
const SHELL_RULES: &[(&str, &[&str])] =
    &[("tui", &["crate::cli", "store::", ".store."]), ("cli", &["crate::tui::data", "store::", ".store."])];

#[test]
fn the_shells_stand_on_study_and_not_on_each_other() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut offences = Vec::new();
    for (shell, words) in SHELL_RULES {
        let mut files = Vec::new();
        rust_files(&root.join("src").join(shell), &mut files);
        assert!(!files.is_empty(), "the guard found src/{shell}");
        for path in files {
            let rel = path.strip_prefix(root).unwrap_or(&path).to_string_lossy().replace('\\', "/");
            let text = fs::read_to_string(&path).expect("read source");
            for (number, line) in text.lines().enumerate() {
                if line.trim_start().starts_with("//") {
                    continue;
                }
                for word in *words {
                    if line.contains(word) {
                        offences.push(format!("{rel}:{}: {word}", number + 1));
                    }
                }
            }
        }
    }
    assert!(offences.is_empty(), "a shell reaches past study or into the other shell:\n{}", offences.join("\n"));
}

#[test]
fn study_has_no_public_fields() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let text = fs::read_to_string(root.join("src/study/reviewing.rs")).expect("read source");
    let start = text.find("pub struct Study<'c> {").expect("Study is defined in reviewing.rs");
    let body = &text[start..start + text[start..].find("\n}").expect("the struct ends")];
    let public: Vec<&str> = body.lines().skip(1).map(str::trim).filter(|l| l.starts_with("pub ")).collect();
    assert!(public.is_empty(), "Study's fields are private (the shells use its methods): {public:?}");
}
