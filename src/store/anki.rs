//! Writing an Anki package (`.apkg`): the one place that speaks Anki's SQL.
//!
//! A legacy package is a zip holding `collection.anki2` — an SQLite database in Anki's schema
//! 11 (tables `col`, `notes`, `cards`, `revlog`, `graves`; note types, decks and deck options
//! as JSON in `col`) — and `media`, a JSON map of media files (`{}`: there are none). Anki
//! 2.1 and later, AnkiDroid and AnkiMobile all import it.
//!
//! The package is built beside the target under a temporary name and renamed over it only
//! once complete, so an interrupted export never leaves a half-written `.apkg` behind.

use std::fs::{self, File};
use std::io::{self, Write};
use std::path::{Path, PathBuf};

use rusqlite::{Connection, params};

use super::StoreError;
use crate::export::AnkiPackage;

/// Anki's schema 11, as Anki 26.x writes it into a legacy package.
const SCHEMA: &str = "
CREATE TABLE col (id integer PRIMARY KEY, crt integer NOT NULL, mod integer NOT NULL,
    scm integer NOT NULL, ver integer NOT NULL, dty integer NOT NULL, usn integer NOT NULL,
    ls integer NOT NULL, conf text NOT NULL, models text NOT NULL, decks text NOT NULL,
    dconf text NOT NULL, tags text NOT NULL);
CREATE TABLE notes (id integer PRIMARY KEY, guid text NOT NULL, mid integer NOT NULL,
    mod integer NOT NULL, usn integer NOT NULL, tags text NOT NULL, flds text NOT NULL,
    sfld integer NOT NULL, csum integer NOT NULL, flags integer NOT NULL, data text NOT NULL);
CREATE TABLE cards (id integer PRIMARY KEY, nid integer NOT NULL, did integer NOT NULL,
    ord integer NOT NULL, mod integer NOT NULL, usn integer NOT NULL, type integer NOT NULL,
    queue integer NOT NULL, due integer NOT NULL, ivl integer NOT NULL, factor integer NOT NULL,
    reps integer NOT NULL, lapses integer NOT NULL, left integer NOT NULL, odue integer NOT NULL,
    odid integer NOT NULL, flags integer NOT NULL, data text NOT NULL);
CREATE TABLE revlog (id integer PRIMARY KEY, cid integer NOT NULL, usn integer NOT NULL,
    ease integer NOT NULL, ivl integer NOT NULL, lastIvl integer NOT NULL,
    factor integer NOT NULL, time integer NOT NULL, type integer NOT NULL);
CREATE TABLE graves (usn integer NOT NULL, oid integer NOT NULL, type integer NOT NULL);
CREATE INDEX ix_notes_usn ON notes (usn);
CREATE INDEX ix_cards_usn ON cards (usn);
CREATE INDEX ix_revlog_usn ON revlog (usn);
CREATE INDEX ix_cards_nid ON cards (nid);
CREATE INDEX ix_cards_sched ON cards (did, queue, due);
CREATE INDEX ix_revlog_cid ON revlog (cid);
CREATE INDEX ix_notes_csum ON notes (csum);
";

/// Anki's separator between a note's fields.
const FIELD_SEPARATOR: &str = "\u{1f}";

/// Writes `package` as an `.apkg` at `path`, replacing any file there.
///
/// # Errors
///
/// [`StoreError::Io`] or [`StoreError::Database`] naming the file that could not be written;
/// nothing is left at `path` then (a previous file there is kept).
pub fn write_anki_package(path: &Path, package: &AnkiPackage) -> Result<(), StoreError> {
    if let Some(kind) = crate::files::not_a_regular_file(path) {
        return Err(StoreError::NotAFile { path: path.to_path_buf(), kind });
    }
    let parent = path.parent().filter(|p| !p.as_os_str().is_empty()).unwrap_or(Path::new("."));
    if !parent.is_dir() {
        let source = io::Error::new(io::ErrorKind::NotFound, "no such directory");
        return Err(StoreError::Io { path: parent.to_path_buf(), source });
    }
    let collection = sibling(path, ".collection.tmp");
    let partial = sibling(path, ".partial");
    let result = write_collection(&collection, package).and_then(|()| zip_package(&collection, &partial, path));
    let _ = fs::remove_file(&collection);
    if result.is_err() {
        let _ = fs::remove_file(&partial);
    }
    result
}

/// `path` with `suffix` appended to its file name.
fn sibling(path: &Path, suffix: &str) -> PathBuf {
    let mut name = path.file_name().map(|n| n.to_os_string()).unwrap_or_default();
    name.push(suffix);
    path.with_file_name(name)
}

fn write_collection(file: &Path, package: &AnkiPackage) -> Result<(), StoreError> {
    let io_err = |source| StoreError::Io { path: file.to_path_buf(), source };
    match fs::remove_file(file) {
        Err(e) if e.kind() != io::ErrorKind::NotFound => return Err(io_err(e)),
        _ => {}
    }
    let db_err = |source| StoreError::Database { path: file.to_path_buf(), source };
    let mut conn = Connection::open(file).map_err(db_err)?;
    // A scratch file: journaling would only slow the bulk insert down.
    conn.execute_batch("PRAGMA journal_mode = OFF; PRAGMA synchronous = OFF;").map_err(db_err)?;
    conn.execute_batch(SCHEMA).map_err(db_err)?;
    let tx = conn.transaction().map_err(db_err)?;
    insert_rows(&tx, package).map_err(db_err)?;
    tx.commit().map_err(db_err)?;
    conn.close().map_err(|(_, e)| db_err(e))
}

fn insert_rows(tx: &rusqlite::Transaction<'_>, p: &AnkiPackage) -> rusqlite::Result<()> {
    let modified = p.modified_ms / 1000;
    tx.execute(
        "INSERT INTO col VALUES (1, ?1, ?2, ?2, 11, 0, 0, 0, ?3, ?4, ?5, ?6, '{}')",
        params![p.created, p.modified_ms, p.conf, p.models, p.decks, p.dconf],
    )?;
    let mut note = tx.prepare("INSERT INTO notes VALUES (?1, ?2, ?3, ?4, -1, ?5, ?6, ?7, 0, 0, '')")?;
    for n in &p.notes {
        let fields = n.fields.join(FIELD_SEPARATOR);
        note.execute(params![n.id, n.guid, crate::export::NOTETYPE_ID, modified, n.tags, fields, n.sort_field])?;
    }
    let mut card = tx
        .prepare("INSERT INTO cards VALUES (?1, ?2, ?3, 0, ?4, -1, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, 0, 0, 0, ?13)")?;
    for c in &p.cards {
        card.execute(params![
            c.id,
            c.note_id,
            c.deck_id,
            modified,
            c.card_type,
            c.queue,
            c.due,
            c.interval,
            c.factor,
            c.reps,
            c.lapses,
            c.left,
            c.data
        ])?;
    }
    let mut rev = tx.prepare("INSERT INTO revlog VALUES (?1, ?2, -1, ?3, ?4, ?5, ?6, ?7, ?8)")?;
    for r in &p.revlog {
        rev.execute(params![r.id, r.card_id, r.ease, r.interval, r.last_interval, r.factor, r.time_ms, r.kind])?;
    }
    Ok(())
}

/// Zips the collection and an empty media map into `partial`, then renames it to `path`.
fn zip_package(collection: &Path, partial: &Path, path: &Path) -> Result<(), StoreError> {
    let io_err = |file: &Path| {
        let file = file.to_path_buf();
        move |source| StoreError::Io { path: file, source }
    };
    let zip_err =
        |e: zip::result::ZipError| StoreError::Io { path: partial.to_path_buf(), source: io::Error::other(e) };
    let bytes = fs::read(collection).map_err(io_err(collection))?;
    let file = File::create(partial).map_err(io_err(partial))?;
    let mut zip = zip::ZipWriter::new(file);
    let options = zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Deflated);
    zip.start_file("collection.anki2", options).map_err(zip_err)?;
    zip.write_all(&bytes).map_err(io_err(partial))?;
    zip.start_file("media", options).map_err(zip_err)?;
    zip.write_all(b"{}").map_err(io_err(partial))?;
    let file = zip.finish().map_err(zip_err)?;
    file.sync_all().map_err(io_err(partial))?;
    drop(file);
    fs::rename(partial, path).map_err(io_err(path))
}
