//! The synced folder on disk: the one part of `sync` that does file I/O.
//!
//! Journals are the files named `dopdeck-*.jsonl*`: this device's `dopdeck-<device>.jsonl`
//! and whatever else a sync client left there — other devices' journals, and conflict copies
//! such as `dopdeck-<device> (conflicted copy).jsonl` or Syncthing's
//! `dopdeck-<device>.sync-conflict-….jsonl`, which are read like any journal (events merge by
//! id, so reading one twice is harmless).

use std::fs::{self, OpenOptions};
use std::io::{self, Read, Seek, SeekFrom, Write};
use std::path::{Path, PathBuf};

use super::Event;
use super::journal::{self, JournalError, Parsed};

/// Why the folder could not be used.
#[derive(Debug, thiserror::Error)]
pub enum FolderError {
    #[error("the sync folder {0} does not exist (is the synced drive there?); create it to start syncing")]
    Missing(PathBuf),
    #[error("{0} is not a folder: give the folder your computers share")]
    NotAFolder(PathBuf),
    #[error("{path}: {source}")]
    Io { path: PathBuf, source: io::Error },
    #[error(transparent)]
    TooNew(#[from] JournalError),
}

fn io_err(path: &Path) -> impl FnOnce(io::Error) -> FolderError + '_ {
    move |source| FolderError::Io { path: path.to_path_buf(), source }
}

/// One journal read from the folder.
#[derive(Debug, Clone)]
pub struct JournalFile {
    /// The file name.
    pub name: String,
    pub parsed: Parsed,
}

/// This device's journal in `dir`.
pub fn own_journal(dir: &Path, device: &str) -> PathBuf {
    dir.join(format!("dopdeck-{device}.jsonl"))
}

/// Whether a file name is a journal (or a sync client's copy of one).
pub fn is_journal(name: &str) -> bool {
    name.starts_with("dopdeck-") && name.contains(".jsonl")
}

/// Reads every journal in `dir`, in name order.
///
/// # Errors
///
/// [`FolderError::Missing`] or [`FolderError::NotAFolder`] when `dir` is not a directory; a journal from a newer dopdeck; an
/// I/O error naming the file.
pub fn read_all(dir: &Path) -> Result<Vec<JournalFile>, FolderError> {
    if dir.exists() && !dir.is_dir() {
        return Err(FolderError::NotAFolder(dir.to_path_buf()));
    }
    if !dir.is_dir() {
        return Err(FolderError::Missing(dir.to_path_buf()));
    }
    let mut names: Vec<String> = fs::read_dir(dir)
        .map_err(io_err(dir))?
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_ok_and(|t| t.is_file()))
        .filter_map(|e| e.file_name().into_string().ok())
        .filter(|name| is_journal(name))
        .collect();
    names.sort();
    let mut files = Vec::with_capacity(names.len());
    for name in names {
        let path = dir.join(&name);
        let mut bytes = Vec::new();
        match fs::File::open(&path).and_then(|mut f| f.read_to_end(&mut bytes)) {
            Ok(_) => {}
            // Removed by the sync client between listing and reading: nothing to read.
            Err(e) if e.kind() == io::ErrorKind::NotFound => continue,
            Err(e) => return Err(io_err(&path)(e)),
        }
        let parsed = journal::parse(&name, &bytes)?;
        files.push(JournalFile { name, parsed });
    }
    Ok(files)
}

/// Appends `events` to this device's journal and flushes it to the disk before returning.
///
/// A new journal starts with its header. If the file ends in the middle of a line (a write
/// cut short), a newline first closes that line, so the damage stays in that one skipped line.
///
/// # Errors
///
/// An I/O error naming the journal.
pub fn append(dir: &Path, device: &str, events: &[Event]) -> Result<(), FolderError> {
    if events.is_empty() {
        return Ok(());
    }
    let path = own_journal(dir, device);
    let mut file = OpenOptions::new().create(true).read(true).append(true).open(&path).map_err(io_err(&path))?;
    let len = file.metadata().map_err(io_err(&path))?.len();
    let mut text = String::new();
    if len == 0 {
        text.push_str(&journal::header_line(device));
    } else {
        let mut last = [0u8; 1];
        file.seek(SeekFrom::End(-1)).and_then(|_| file.read_exact(&mut last)).map_err(io_err(&path))?;
        if last[0] != b'\n' {
            text.push('\n');
        }
    }
    for event in events {
        text.push_str(&journal::event_line(event));
    }
    file.write_all(text.as_bytes()).map_err(io_err(&path))?;
    file.sync_all().map_err(io_err(&path))
}
