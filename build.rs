// Cargo hands a build script its settings in the environment: reading it is the point here.
#![allow(clippy::disallowed_methods)]

//! Embeds `content/` and `decks/` in the binary.
//!
//! The list of files is written out explicitly (rather than with a directory-embedding macro) so
//! that adding, removing or editing any material file re-runs this script and rebuilds the
//! binary: `cargo:rerun-if-changed` on a directory makes Cargo scan it recursively. Files are
//! embedded as bytes, not strings, so a file that is not UTF-8 still builds and is then reported
//! by the validator with its name, like any other problem.

use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};

fn collect(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            collect(&path, out);
        } else if path.extension().is_some_and(|e| e == "toml") {
            out.push(path);
        }
    }
}

fn main() {
    let manifest = PathBuf::from(std::env::var("CARGO_MANIFEST_DIR").expect("cargo sets CARGO_MANIFEST_DIR"));
    let mut files = Vec::new();
    for top in ["content", "decks"] {
        let dir = manifest.join(top);
        println!("cargo:rerun-if-changed={}", dir.display());
        collect(&dir, &mut files);
    }
    files.sort();
    // The snapshot cache is named by this hash: the material, the code that defines the
    // snapshot's layout (src/content) and the cached search index (src/search), and the crate version. A cache is only ever read back by
    // a build that would write the same bytes.
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    let mut feed = |bytes: &[u8]| {
        for b in bytes {
            hash = (hash ^ u64::from(*b)).wrapping_mul(0x0000_0100_0000_01B3);
        }
    };
    feed(std::env::var("CARGO_PKG_VERSION").unwrap_or_default().as_bytes());
    // src/search too: the search index cached beside the snapshot is built by that code.
    let mut sources: Vec<PathBuf> = Vec::new();
    for dir in ["src/content", "src/search"] {
        let dir = manifest.join(dir);
        println!("cargo:rerun-if-changed={}", dir.display());
        sources.extend(fs::read_dir(&dir).into_iter().flatten().flatten().map(|e| e.path()));
    }
    sources.sort();
    for path in sources.iter().chain(files.iter()) {
        feed(path.strip_prefix(&manifest).unwrap_or(path).to_string_lossy().as_bytes());
        feed(&fs::read(path).unwrap_or_default());
    }
    let out = PathBuf::from(std::env::var("OUT_DIR").expect("cargo sets OUT_DIR")).join("embedded.rs");
    let mut f = fs::File::create(&out).expect("OUT_DIR is writable");
    writeln!(f, "/// Every material file, as (path relative to the repository root, bytes).").unwrap();
    writeln!(f, "pub static FILES: &[(&str, &[u8])] = &[").unwrap();
    for path in &files {
        let rel = path.strip_prefix(&manifest).expect("collected under the manifest dir");
        let rel = rel.to_string_lossy().replace('\\', "/");
        writeln!(f, "    ({rel:?}, include_bytes!({:?})),", path.display().to_string()).unwrap();
    }
    writeln!(f, "];").unwrap();
    writeln!(f, "/// Hash of the material, the snapshot-defining code and the crate version.").unwrap();
    writeln!(f, "pub const MATERIAL_HASH: u64 = {hash:#x};").unwrap();
}
