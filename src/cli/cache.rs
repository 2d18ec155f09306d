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

use sha2::{Digest, Sha256};

use crate::content::{self, Catalog};
use crate::files;
use crate::search::Index;

/// The most bytes read from a cache file: the snapshot is about a megabyte, and a path that
/// leads to `/dev/zero` or a huge file must not be read to the end.
pub const LIMIT: u64 = 64 * 1024 * 1024;

/// Where this build's snapshot lives, unless caching is off (`DOPDECK_NO_CACHE=1`) or there is
/// no cache directory.
pub fn path() -> Option<PathBuf> {
    if crate::study::clock::no_cache() {
        return None;
    }
    let dirs = directories::ProjectDirs::from("", "", "dopdeck")?;
    Some(dirs.cache_dir().join(format!("catalog-{:016x}.bin", content::source::MATERIAL_HASH)))
}

/// Where the snapshot of the material lives and the stamp it must carry: this build's slot for
/// the embedded material (`dir` `None`), else the one for the tree at `dir` (see
/// [`path_for_dir`]); `None` when nothing is cached.
pub fn slot(dir: Option<&Path>) -> Option<(PathBuf, u64)> {
    match dir {
        None => path().map(|p| (p, content::source::MATERIAL_HASH)),
        Some(dir) => path_for_dir(dir),
    }
}

/// Where the snapshot of the material tree at `dir` (`--content DIR`) lives, and the stamp it
/// must carry: a fingerprint of every file's path, size, modification and change times and
/// inode, with this build's [`content::source::MATERIAL_HASH`].
///
/// One slot for all trees: a tree being edited changes its fingerprint at every save, so its
/// snapshot is simply not used, and a tree of 100,000 items starts from a snapshot instead of
/// 10 MB of TOML. `None` (always parse) when caching is off, or the tree holds anything but
/// plain directories and files (a symbolic link, a FIFO): those are reported by the parser.
pub fn path_for_dir(dir: &Path) -> Option<(PathBuf, u64)> {
    let cache = path()?.with_file_name("content-tree.bin");
    let root = std::fs::canonicalize(dir).ok()?;
    let mut digest = Sha256::new();
    digest.update(content::source::MATERIAL_HASH.to_le_bytes());
    digest.update(root.as_os_str().as_encoded_bytes());
    let mut tops = vec![root.join("content"), root.join("decks")];
    if root.file_name().is_some_and(|n| n == "content") {
        tops = vec![root.clone(), root.parent()?.join("decks")];
    }
    for top in &tops {
        digest.update([0xff]);
        fingerprint(top, &mut digest)?;
    }
    let sum = digest.finalize();
    let mut stamp = [0u8; 8];
    stamp.copy_from_slice(&sum[..8]);
    Some((cache, u64::from_le_bytes(stamp)))
}

/// Feeds `dir`'s entries (sorted by name, recursively) to `digest`; `None` at anything unusual.
///
/// Each entry is stat'ed relative to its open directory (`DirEntry::metadata`, which does not
/// follow symbolic links) and sorted by name: no walk of the whole path per file. Names are fed
/// with their length and directories closed with a marker, so no two trees feed the same bytes.
fn fingerprint(dir: &Path, digest: &mut Sha256) -> Option<()> {
    let mut entries: Vec<std::fs::DirEntry> = std::fs::read_dir(dir).ok()?.collect::<Result<_, _>>().ok()?;
    entries.sort_by_cached_key(std::fs::DirEntry::file_name);
    for entry in entries {
        let meta = entry.metadata().ok()?;
        let name = entry.file_name();
        digest.update((name.len() as u64).to_le_bytes());
        digest.update(name.as_encoded_bytes());
        if meta.is_dir() {
            digest.update([1]);
            fingerprint(&entry.path(), digest)?;
            digest.update([3]);
        } else if meta.is_file() {
            digest.update([2]);
            digest.update(meta.len().to_le_bytes());
            #[cfg(unix)]
            {
                use std::os::unix::fs::MetadataExt;
                for v in [meta.mtime(), meta.mtime_nsec(), meta.ctime(), meta.ctime_nsec(), meta.ino() as i64] {
                    digest.update(v.to_le_bytes());
                }
            }
            #[cfg(not(unix))]
            digest.update(format!("{:?}", meta.modified().ok()?).as_bytes());
        } else {
            return None;
        }
    }
    Some(())
}

/// Why a cache file that is there was not used.
pub(super) const UNSOUND: &str = "does not match its checksum or is not this build's";

/// Leads a cached search index, before its CRC-32 and stamp.
const INDEX_MAGIC: &[u8] = b"dopdeck-search-index-1\n";

/// The search index of `catalog` (the material at `dir`, or the embedded one): read from the
/// cache beside the snapshot when a sound one with the same stamp is there (decoding is about a
/// hundredth of a build), else built and cached. Kept out of the snapshot itself so that `due`
/// and `grade` do not read its 1.6 MB.
pub fn search_index(dir: Option<&Path>, catalog: &Catalog, verbose: bool) -> Index {
    cached_index(dir, verbose).unwrap_or_else(|| build_index(dir, catalog))
}

/// The search index cached for the material at `dir`, if a sound one is there: all that
/// `dopdeck search` needs, so it does not load the catalog at all.
pub fn cached_index(dir: Option<&Path>, verbose: bool) -> Option<Index> {
    let (snapshot, stamp) = slot(dir)?;
    load_index(&snapshot.with_extension("idx"), stamp, verbose)
}

/// Builds the search index of `catalog` and caches it (when caching is on).
pub fn build_index(dir: Option<&Path>, catalog: &Catalog) -> Index {
    let Some((snapshot, stamp)) = slot(dir) else { return Index::build(catalog) };
    let path = snapshot.with_extension("idx");
    let index = Index::build(catalog);
    let body = index.to_bytes();
    let mut bytes = Vec::with_capacity(INDEX_MAGIC.len() + 12 + body.len());
    bytes.extend_from_slice(INDEX_MAGIC);
    bytes.extend_from_slice(&crc32fast::hash(&body).to_le_bytes());
    bytes.extend_from_slice(&stamp.to_le_bytes());
    bytes.extend_from_slice(&body);
    write(&path, &bytes);
    index
}

/// The cached index at `path`, if it is sound and stamped `stamp`.
fn load_index(path: &Path, stamp: u64, verbose: bool) -> Option<Index> {
    let (file, len) = match files::open_regular_bounded(path, LIMIT) {
        Ok(opened) => opened,
        Err(e) if e.kind() == io::ErrorKind::NotFound => return None,
        Err(e) => {
            notice(verbose, path, &e.to_string());
            return None;
        }
    };
    let decoded = read_index(&file, len, stamp);
    if decoded.is_none() {
        notice(verbose, path, UNSOUND);
    }
    decoded
}

/// The index in `file` (`len` bytes), read in three parts — the lead and the index's header,
/// its text, the rest — so that the text, nine tenths of the file, becomes the index's `String`
/// without a copy (a copy was a third of `dopdeck search`: 1.4 MB and a page fault per 4 KiB).
fn read_index(file: &std::fs::File, len: u64, stamp: u64) -> Option<Index> {
    let lead = INDEX_MAGIC.len() + 12;
    let head = super::snapshot_file::read_at(file, 0..(lead + Index::HEADER_LEN) as u64)?;
    let rest = head.strip_prefix(INDEX_MAGIC)?;
    let (sum, rest) = rest.split_first_chunk::<4>()?;
    let (stamped, header) = rest.split_first_chunk::<8>()?;
    if u64::from_le_bytes(*stamped) != stamp {
        return None;
    }
    let text_start = head.len() as u64;
    let text_end = text_start.checked_add(u64::try_from(Index::text_len(header)?).ok()?)?;
    let text = super::snapshot_file::read_at(file, text_start..text_end)?;
    let tail = super::snapshot_file::read_at(file, text_end..len)?;
    let mut crc = crc32fast::Hasher::new();
    for part in [header, &text, &tail] {
        crc.update(part);
    }
    if crc.finalize() != u32::from_le_bytes(*sum) {
        return None;
    }
    Index::from_split(header, String::from_utf8(text).ok()?, &tail)
}

/// The cached catalog of the material at `dir` (`None`: the embedded one), if the file at
/// `path` is a sound snapshot stamped `stamp`: its outline is read now, each body when first
/// used (see `snapshot_file`).
pub fn load_stamped(path: &Path, stamp: u64, dir: Option<&Path>, verbose: bool) -> Option<Catalog> {
    match super::snapshot_file::open(path, stamp, dir, verbose) {
        Ok(catalog) => catalog,
        Err(why) => {
            notice(verbose, path, &why);
            None
        }
    }
}

pub(super) fn notice(verbose: bool, path: &Path, why: &str) {
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
    let kind = path.extension().map_or("bin".into(), |e| e.to_string_lossy());
    let tmp = dir.join(format!(".catalog-{}.{kind}.tmp", std::process::id()));
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
    // Only a snapshot of the embedded material replaces those of other builds; the one slot for
    // `--content` trees leaves them alone.
    let embedded = path.file_name().is_some_and(|n| {
        let n = n.to_string_lossy();
        n.starts_with("catalog-") && n.ends_with(".bin")
    });
    if let Some(entries) = std::fs::read_dir(dir).ok().filter(|_| embedded) {
        for entry in entries.flatten() {
            let name = entry.file_name();
            let name = name.to_string_lossy();
            let other = entry.path().with_extension("bin") != path;
            if name.starts_with("catalog-") && (name.ends_with(".bin") || name.ends_with(".idx")) && other {
                let _ = std::fs::remove_file(entry.path());
            }
        }
    }
}
