//! Guard: the scheduling core stays pure — no database, terminal, file system or wall clock.

use std::fs;
use std::path::Path;

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
];

#[test]
fn srs_imports_no_shell_crate_and_reads_no_clock() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("src/srs");
    let mut offences = Vec::new();
    for entry in fs::read_dir(&dir).expect("list src/srs") {
        let path = entry.expect("entry").path();
        let text = fs::read_to_string(&path).expect("read source");
        for (number, line) in text.lines().enumerate() {
            if line.trim_start().starts_with("//") {
                continue;
            }
            for word in FORBIDDEN {
                if line.contains(word) {
                    offences.push(format!("{}:{}: {word}", path.display(), number + 1));
                }
            }
        }
    }
    assert!(offences.is_empty(), "impure code in src/srs:\n{}", offences.join("\n"));
}
