//! The schema, as an append-only list of migrations.
//!
//! `MIGRATIONS[i]` takes the database from schema version `i` to `i + 1`; `PRAGMA
//! user_version` records the version reached. Never edit a migration that has shipped: add a
//! new one (the exam issue adds its tables as migration 2).

/// The schema migrations, oldest first.
pub const MIGRATIONS: &[&str] = &[
    // 1: items, review log, settings.
    "
    CREATE TABLE items (
        id           TEXT PRIMARY KEY NOT NULL,
        state        TEXT NOT NULL CHECK (state IN ('new', 'learning', 'review', 'relearning')),
        step         INTEGER,
        stability    REAL,
        difficulty   REAL,
        due          INTEGER NOT NULL,   -- unix microseconds
        last_review  INTEGER,            -- unix microseconds
        reps         INTEGER NOT NULL DEFAULT 0,
        lapses       INTEGER NOT NULL DEFAULT 0,
        suspended    INTEGER NOT NULL DEFAULT 0,
        buried_until TEXT                -- YYYY-MM-DD, hidden through this study day
    );
    CREATE TABLE revlog (
        id                 INTEGER PRIMARY KEY AUTOINCREMENT,
        item_id            TEXT NOT NULL,
        reviewed_at        INTEGER NOT NULL,   -- unix microseconds
        rating             INTEGER NOT NULL CHECK (rating BETWEEN 1 AND 4),
        state_before       TEXT NOT NULL,
        state_after        TEXT NOT NULL,
        stability          REAL NOT NULL,
        difficulty         REAL NOT NULL,
        elapsed_days       INTEGER NOT NULL,
        scheduled_days     INTEGER NOT NULL,
        last_interval_days INTEGER NOT NULL,
        duration_ms        INTEGER,
        previous_card      TEXT               -- JSON CardState before the grade; NULL: no row
    );
    CREATE INDEX revlog_reviewed_at ON revlog (reviewed_at);
    CREATE INDEX revlog_item ON revlog (item_id, reviewed_at);
    CREATE TABLE settings (
        key   TEXT PRIMARY KEY NOT NULL,
        value TEXT NOT NULL
    );
    ",
];

/// The schema version this build creates and understands.
pub const SCHEMA_VERSION: u32 = MIGRATIONS.len() as u32;
