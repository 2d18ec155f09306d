//! The cached snapshot read in place: the header and the outline at open, a body section only
//! when something first shows it.
//!
//! `dopdeck due` needs the outline, a fourteenth of the snapshot; reading the whole 2.9 MB file
//! into memory was a fifth of its time (the copy and a page fault per 4 KiB). The open file is
//! kept for the bodies; the cache is only ever replaced by a rename, so the descriptor goes on
//! reading the very snapshot that was opened. Should its bytes fail their checksum all the same
//! (changed in place by something else), the material is parsed afresh for them (see
//! `content::lazy`), with a notice under `-v`.

use std::fs::File;
use std::ops::Range;
use std::path::{Path, PathBuf};
use std::sync::{Arc, OnceLock};

use crate::content::{self, Backing, Catalog};
use crate::files;

/// An open snapshot file and what to parse should a body in it turn out damaged.
struct SnapshotFile {
    file: File,
    path: PathBuf,
    /// The material the snapshot was made from: `--content DIR`, or the embedded copy.
    dir: Option<PathBuf>,
    stamp: u64,
    verbose: bool,
    reparsed: OnceLock<Option<Catalog>>,
}

impl Backing for SnapshotFile {
    fn read(&self, range: Range<u64>) -> Option<Vec<u8>> {
        read_at(&self.file, range)
    }

    fn reparsed(&self) -> Option<&Catalog> {
        self.reparsed
            .get_or_init(|| {
                super::cache::notice(self.verbose, &self.path, "has a section that does not match its checksum");
                // Cached again, so the next command finds a sound snapshot; this one's
                // descriptor still reads the replaced file.
                super::parse_and_cache(self.dir.as_deref(), Some((&self.path, self.stamp))).ok()
            })
            .as_ref()
    }
}

/// The catalog of the snapshot at `path` stamped `stamp`, its outline read now and its bodies
/// when first used; `Err` with the reason for anything but a sound snapshot of this build
/// (`Ok(None)`: there is none).
pub(super) fn open(path: &Path, stamp: u64, dir: Option<&Path>, verbose: bool) -> Result<Option<Catalog>, String> {
    let (file, len) = match files::open_regular_bounded(path, super::cache::LIMIT) {
        Ok(opened) => opened,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
        Err(e) => return Err(e.to_string()),
    };
    let unsound = || super::cache::UNSOUND.to_string();
    let header = read_at(&file, 0..content::snapshot::HEADER_LEN as u64).ok_or_else(unsound)?;
    let layout = content::snapshot::layout(&header, stamp).ok_or_else(unsound)?;
    if layout.file_len() != len {
        return Err(unsound());
    }
    let [outline, strings, records] = layout.head().map(|range| read_at(&file, range));
    let head = [outline.ok_or_else(unsound)?, strings.ok_or_else(unsound)?, records.ok_or_else(unsound)?];
    let backing = SnapshotFile {
        file,
        path: path.to_path_buf(),
        dir: dir.map(Path::to_path_buf),
        stamp,
        verbose,
        reparsed: OnceLock::new(),
    };
    content::snapshot::open(&layout, head, Arc::new(backing)).map(Some).ok_or_else(unsound)
}

/// The bytes at `range` of `file`, read whole or not at all.
#[cfg(unix)]
pub(super) fn read_at(file: &File, range: Range<u64>) -> Option<Vec<u8>> {
    use std::os::unix::fs::FileExt;
    let mut bytes = vec![0; usize::try_from(range.end.checked_sub(range.start)?).ok()?];
    file.read_exact_at(&mut bytes, range.start).ok()?;
    Some(bytes)
}

/// The bytes at `range` of `file`, read whole or not at all.
#[cfg(windows)]
pub(super) fn read_at(file: &File, range: Range<u64>) -> Option<Vec<u8>> {
    use std::os::windows::fs::FileExt;
    let mut bytes = vec![0; usize::try_from(range.end.checked_sub(range.start)?).ok()?];
    let mut done = 0;
    while done < bytes.len() {
        let n = file.seek_read(bytes.get_mut(done..)?, range.start + done as u64).ok()?;
        if n == 0 {
            return None;
        }
        done += n;
    }
    Some(bytes)
}
