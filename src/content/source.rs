//! Where material comes from: the tree embedded at build time, or a directory on disk.
//!
//! Both yield the same list of `(relative path, bytes)` pairs, sorted by path, so the loader and
//! validator never know which one they are reading. Paths always use `/` and start with
//! `content/` or `decks/`, which is how problems name files.

use std::fs;
use std::path::{Path, PathBuf};

mod embedded {
    include!(concat!(env!("OUT_DIR"), "/embedded.rs"));
}

/// Build-time hash of the embedded material and of the code that lays out a snapshot; names
/// the snapshot cache (see [`super::snapshot`]).
pub const MATERIAL_HASH: u64 = embedded::MATERIAL_HASH;

/// One raw material file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RawFile {
    /// Path relative to the tree's root, with `/` separators.
    pub path: String,
    /// The bytes as read; UTF-8 is checked by the loader so it can report the file.
    pub bytes: Vec<u8>,
}

/// The material compiled into this binary.
pub fn embedded() -> Vec<RawFile> {
    embedded::FILES.iter().map(|(path, bytes)| RawFile { path: (*path).to_string(), bytes: bytes.to_vec() }).collect()
}

/// Reads every `.toml` file under `root/content` and `root/decks`.
///
/// `root` may also be the `content` directory itself (the common mistake of pointing
/// `--content` at `content/`): then its sibling `decks/` is used.
pub fn directory(root: &Path) -> std::io::Result<Vec<RawFile>> {
    let root = resolve_root(root)?;
    let mut paths = Vec::new();
    for top in ["content", "decks"] {
        collect(&root.join(top), &mut paths)?;
    }
    paths.sort();
    let mut files = Vec::with_capacity(paths.len());
    for path in paths {
        let bytes = fs::read(&path)?;
        let rel = path.strip_prefix(&root).unwrap_or(&path);
        files.push(RawFile { path: rel.to_string_lossy().replace('\\', "/"), bytes });
    }
    Ok(files)
}

fn resolve_root(root: &Path) -> std::io::Result<PathBuf> {
    if !root.is_dir() {
        return Err(std::io::Error::new(
            std::io::ErrorKind::NotFound,
            format!("{} is not a directory", root.display()),
        ));
    }
    if root.join("content").is_dir() {
        return Ok(root.to_path_buf());
    }
    if root.join("exam.toml").is_file()
        && let Some(parent) = root.parent()
    {
        return Ok(parent.to_path_buf());
    }
    Err(std::io::Error::new(
        std::io::ErrorKind::NotFound,
        format!("{} has no content/ directory (expected content/exam.toml and decks/)", root.display()),
    ))
}

fn collect(dir: &Path, out: &mut Vec<PathBuf>) -> std::io::Result<()> {
    if !dir.is_dir() {
        return Ok(());
    }
    for entry in fs::read_dir(dir)? {
        let path = entry?.path();
        if path.is_dir() {
            collect(&path, out)?;
        } else if path.extension().is_some_and(|e| e == "toml") {
            out.push(path);
        }
    }
    Ok(())
}
