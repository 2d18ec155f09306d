//! Care for the files dopdeck keeps outside the material: the progress database and the
//! start-up cache.
//!
//! Two rules, whatever the umask: the directories dopdeck creates are private (0700) and the
//! files it creates in them are private (0600) — progress and study history are personal. And a
//! path is looked at before it is opened: opening a FIFO blocks until a writer comes, and reading
//! a device (`/dev/zero`) never ends, so anything that is not a regular file is refused at once,
//! by its kind.

#![deny(clippy::indexing_slicing)]

use std::fs;
use std::io::{self, Read};
use std::path::Path;

/// Mode of the directories dopdeck creates.
const PRIVATE_DIR: u32 = 0o700;
/// Mode of the files dopdeck creates.
const PRIVATE_FILE: u32 = 0o600;

/// What a file type is, in words, if it is a special file (FIFO, device, socket).
pub fn special_kind(file_type: &fs::FileType) -> Option<&'static str> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        if file_type.is_fifo() {
            return Some("a FIFO (named pipe)");
        }
        if file_type.is_char_device() {
            return Some("a character device");
        }
        if file_type.is_block_device() {
            return Some("a block device");
        }
        if file_type.is_socket() {
            return Some("a socket");
        }
    }
    (!file_type.is_file() && !file_type.is_dir() && !file_type.is_symlink()).then_some("not a regular file")
}

/// What is at `path` (symlinks followed), if it is anything but a regular file or nothing:
/// "a FIFO (named pipe)", "a directory", …. Looks without opening.
pub fn not_a_regular_file(path: &Path) -> Option<&'static str> {
    match fs::metadata(path) {
        Ok(m) if m.is_file() => None,
        Ok(m) if m.is_dir() => Some("a directory"),
        Ok(m) => Some(special_kind(&m.file_type()).unwrap_or("not a regular file")),
        Err(_) => None,
    }
}

/// Creates `dir` and any missing parents with mode 0700, whatever the umask. Directories that
/// already exist are left as they are: they may be shared (`~/.local/share`).
pub fn create_private_dir_all(dir: &Path) -> io::Result<()> {
    if dir.as_os_str().is_empty() || dir.is_dir() {
        return Ok(());
    }
    if let Some(parent) = dir.parent() {
        create_private_dir_all(parent)?;
    }
    let mut builder = fs::DirBuilder::new();
    #[cfg(unix)]
    std::os::unix::fs::DirBuilderExt::mode(&mut builder, PRIVATE_DIR);
    match builder.create(dir) {
        // The umask may have taken bits away (or, at 0, left none to take): set them exactly.
        Ok(()) => set_mode(dir, PRIVATE_DIR),
        // Another dopdeck created it a moment ago.
        Err(e) if e.kind() == io::ErrorKind::AlreadyExists && dir.is_dir() => Ok(()),
        Err(e) => Err(e),
    }
}

/// Sets a directory dopdeck owns to 0700.
pub fn make_private_dir(dir: &Path) -> io::Result<()> {
    set_mode(dir, PRIVATE_DIR)
}

/// Sets a file dopdeck owns to 0600.
pub fn make_private(path: &Path) -> io::Result<()> {
    set_mode(path, PRIVATE_FILE)
}

/// Options to create a new file with mode 0600 (then [`make_private`] to undo the umask).
pub fn private_options() -> fs::OpenOptions {
    let mut options = fs::OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut options, PRIVATE_FILE);
    options
}

#[cfg(unix)]
fn set_mode(path: &Path, mode: u32) -> io::Result<()> {
    use std::os::unix::fs::PermissionsExt;
    fs::set_permissions(path, fs::Permissions::from_mode(mode))
}

#[cfg(not(unix))]
fn set_mode(_path: &Path, _mode: u32) -> io::Result<()> {
    Ok(())
}

/// Reads `path` if it is a regular file (not a symlink, FIFO or device) of at most `limit`
/// bytes; otherwise an error saying what it is.
///
/// The file is opened without following a final symlink and without blocking, and checked on
/// the open descriptor, so nothing swapped in between a look and the open can hang or flood
/// the reader.
pub fn read_regular_bounded(path: &Path, limit: u64) -> io::Result<Vec<u8>> {
    let (file, len) = open_regular_bounded(path, limit)?;
    let mut bytes = Vec::with_capacity(usize::try_from(len).unwrap_or(0));
    file.take(limit + 1).read_to_end(&mut bytes)?;
    if bytes.len() as u64 > limit {
        return Err(io::Error::new(io::ErrorKind::InvalidData, format!("is larger than {limit} bytes")));
    }
    Ok(bytes)
}

/// Opens `path` for reading if it is a regular file (not a symlink, FIFO or device) of at most
/// `limit` bytes, with its length; otherwise an error saying what it is. Checked as
/// [`read_regular_bounded`] does, for a caller that reads only parts of the file.
pub fn open_regular_bounded(path: &Path, limit: u64) -> io::Result<(fs::File, u64)> {
    let refuse = |what: &str| io::Error::new(io::ErrorKind::InvalidData, what.to_string());
    let meta = fs::symlink_metadata(path)?;
    if meta.file_type().is_symlink() {
        return Err(refuse("is a symbolic link"));
    }
    if let Some(kind) = special_kind(&meta.file_type()).or(meta.is_dir().then_some("a directory")) {
        return Err(refuse(&format!("is {kind}")));
    }
    let mut options = fs::OpenOptions::new();
    options.read(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::custom_flags(&mut options, libc::O_NOFOLLOW | libc::O_NONBLOCK);
    let file = options.open(path)?;
    let meta = file.metadata()?;
    if !meta.is_file() {
        return Err(refuse("is not a regular file"));
    }
    if meta.len() > limit {
        return Err(refuse(&format!("is larger than {limit} bytes")));
    }
    Ok((file, meta.len()))
}
