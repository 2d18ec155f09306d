//! The start-up cache: a snapshot of the embedded catalog in the user's cache directory.
//!
//! Parsing the embedded material is most of a command's start-up time, so a validated catalog
//! is kept as a snapshot (see [`content::snapshot`]). The file is outside the binary and is
//! not trusted: it is read only if it is a regular file (not a symlink, FIFO or device), no
//! larger than [`LIMIT`], and its checksum matches. Anything else is ignored — with a notice
//! under `-v` — and replaced by a fresh snapshot of the embedded material. `dopdeck check` never
//! reads it: it validates the material itself.

use std::io;
use std::path::{Path, PathBuf};

use crate::content::{self, Catalog};
use crate::files;

/// The most bytes read from a cache file: the snapshot is about a megabyte, and a path that
/// leads to `/dev/zero` or a huge file must not be read to the end.
pub const LIMIT: u64 = 64 * 1024 * 1024;

/// Where this build's snapshot lives, unless caching is off (`DOPDECK_NO_CACHE=1`) or there is
/// no cache directory.
pub fn path() -> Option<PathBuf> {
    if std::env::var("DOPDECK_NO_CACHE").is_ok_and(|v| !v.is_empty() && v != "0") {
        return None;
    }
    let dirs = directories::ProjectDirs::from("", "", "dopdeck")?;
    Some(dirs.cache_dir().join(format!("catalog-{:016x}.bin", content::source::MATERIAL_HASH)))
}

/// The cached catalog, if the file at `path` is a sound snapshot written by this build.
pub fn load(path: &Path, verbose: bool) -> Option<Catalog> {
    let bytes = match files::read_regular_bounded(path, LIMIT) {
        Ok(bytes) => bytes,
        Err(e) if e.kind() == io::ErrorKind::NotFound => return None,
        Err(e) => {
            notice(verbose, path, &e.to_string());
            return None;
        }
    };
    let catalog = content::snapshot::from_bytes(&bytes, content::source::MATERIAL_HASH);
    if catalog.is_none() {
        notice(verbose, path, "does not match its checksum or is not this build's");
    }
    catalog
}

fn notice(verbose: bool, path: &Path, why: &str) {
    if verbose {
        eprintln!(
            "dopdeck: ignoring the cache file {} (it {why}); rebuilding it from the embedded material",
            path.display()
        );
    }
}

/// Writes the snapshot atomically (private temporary file, then rename, which also replaces a
/// symlink or FIFO left at `path`) and removes snapshots of other builds. Best effort: a cache
/// that cannot be written only costs speed.
pub fn write(path: &Path, bytes: &[u8]) {
    let Some(dir) = path.parent() else { return };
    if bytes.is_empty() || files::create_private_dir_all(dir).is_err() {
        return;
    }
    // The directory is dopdeck's own: one created 0755 by an older dopdeck is made private.
    let _ = files::make_private_dir(dir);
    let tmp = dir.join(format!(".catalog-{}.tmp", std::process::id()));
    // A temporary file left by a killed process with the same id is stale.
    let _ = std::fs::remove_file(&tmp);
    let written = files::private_options().open(&tmp).and_then(|mut f| {
        files::make_private(&tmp)?;
        io::Write::write_all(&mut f, bytes)
    });
    if written.is_err() || std::fs::rename(&tmp, path).is_err() {
        let _ = std::fs::remove_file(&tmp);
        return;
    }
    if let Ok(entries) = std::fs::read_dir(dir) {
        for entry in entries.flatten() {
            let name = entry.file_name();
            let name = name.to_string_lossy();
            if name.starts_with("catalog-") && name.ends_with(".bin") && entry.path() != path {
                let _ = std::fs::remove_file(entry.path());
            }
        }
    }
}
