//! Where material comes from: the tree embedded at build time, or a directory on disk.
//!
//! Both yield the same list of `(relative path, bytes)` pairs, sorted by path, so the loader and
//! validator never know which one they are reading. Paths always use `/` and start with
//! `content/` or `decks/`, which is how problems name files.

use std::fs;
use std::path::{Path, PathBuf};

use super::problem::Problem;

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

/// Reads every `.toml` file under `root/content` and `root/decks`; the first file that cannot
/// be read is an error naming it (see [`read_directory`] for all of them as problems).
///
/// `root` may also be the `content` directory itself (the common mistake of pointing
/// `--content` at `content/`): then its sibling `decks/` is used.
pub fn directory(root: &Path) -> std::io::Result<Vec<RawFile>> {
    let (files, problems) = read_directory(root)?;
    match problems.first() {
        Some(p) => Err(std::io::Error::new(std::io::ErrorKind::InvalidData, p.to_string())),
        None => Ok(files),
    }
}

/// Reads every `.toml` file under `root/content` and `root/decks`, and reports each one that
/// cannot be read as a [`Problem`] naming it: a missing `decks/` directory, a directory named
/// `*.toml`, a symlink loop, a dangling symlink, a FIFO or device (skipped unopened, so nothing
/// blocks), an unreadable file.
///
/// Only a `root` that is not a material tree at all is an error.
pub fn read_directory(root: &Path) -> std::io::Result<(Vec<RawFile>, Vec<Problem>)> {
    let root = resolve_root(root)?;
    let mut walk = Walk { root: root.clone(), paths: Vec::new(), problems: Vec::new(), seen: Vec::new() };
    for top in ["content", "decks"] {
        let dir = root.join(top);
        if dir.is_dir() {
            walk.collect(&dir);
        } else {
            walk.problems.push(file_problem(format!("{top}/"), format!("the {top}/ directory is missing")));
        }
    }
    let Walk { mut paths, mut problems, .. } = walk;
    paths.sort();
    let mut files = Vec::with_capacity(paths.len());
    for path in paths {
        let rel = relative(&root, &path);
        match fs::read(&path) {
            Ok(bytes) => files.push(RawFile { path: rel, bytes }),
            Err(e) => problems.push(file_problem(rel, format!("cannot read this file: {e}"))),
        }
    }
    Ok((files, problems))
}

/// A walk over the material directories.
struct Walk {
    root: PathBuf,
    paths: Vec<PathBuf>,
    problems: Vec<Problem>,
    /// Directories entered (canonical), so a symlinked directory loop is walked once.
    seen: Vec<PathBuf>,
}

impl Walk {
    fn problem(&mut self, path: &Path, message: String) {
        self.problems.push(file_problem(relative(&self.root, path), message));
    }

    fn collect(&mut self, dir: &Path) {
        if let Ok(canonical) = fs::canonicalize(dir) {
            if self.seen.contains(&canonical) {
                return;
            }
            self.seen.push(canonical);
        }
        let entries = match fs::read_dir(dir) {
            Ok(entries) => entries,
            Err(e) => return self.problem(dir, format!("cannot read this directory: {e}")),
        };
        for entry in entries {
            let path = match entry {
                Ok(entry) => entry.path(),
                Err(e) => return self.problem(dir, format!("cannot read this directory: {e}")),
            };
            let toml = path.extension().is_some_and(|e| e == "toml");
            let meta = match fs::metadata(&path) {
                Ok(meta) => meta,
                // Only material files matter: a broken link named otherwise is not ours.
                Err(e) if toml => {
                    let message = match fs::read_link(&path) {
                        Ok(target) if e.kind() == std::io::ErrorKind::NotFound => {
                            format!("dangling symbolic link: {} does not exist", target.display())
                        }
                        Ok(_) if e.raw_os_error() == Some(ELOOP) => {
                            "symbolic link loop: it never reaches a file".into()
                        }
                        _ => format!("cannot read this file: {e}"),
                    };
                    self.problem(&path, message);
                    continue;
                }
                Err(_) => continue,
            };
            if meta.is_dir() {
                if toml {
                    self.problem(&path, "a directory named *.toml: material files must be files".into());
                }
                self.collect(&path);
            } else if toml {
                match crate::files::special_kind(&meta.file_type()) {
                    Some(kind) => self.problem(&path, format!("{kind}, not a material file: skipped unread")),
                    None => self.paths.push(path),
                }
            }
        }
    }
}

/// `ELOOP`: too many levels of symbolic links.
#[cfg(unix)]
const ELOOP: i32 = libc::ELOOP;
#[cfg(not(unix))]
const ELOOP: i32 = -1;

/// `path` relative to the tree's root, with `/` separators.
fn relative(root: &Path, path: &Path) -> String {
    path.strip_prefix(root).unwrap_or(path).to_string_lossy().replace('\\', "/")
}

/// A problem about a whole file, located at its start.
fn file_problem(file: String, message: String) -> Problem {
    Problem { file, line: 1, column: 1, message }
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
