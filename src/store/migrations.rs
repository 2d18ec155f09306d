//! The schema, as an append-only list of migrations.
//!
//! `MIGRATIONS[i]` takes the database from schema version `i` to `i + 1`; `PRAGMA
//! user_version` records the version reached. Never edit a migration that has shipped: add a
//! new one.

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
        -- The item's state before the grade, column for column, so undo restores it exactly;
        -- previous_state NULL: the item had no row (it was new).
        previous_state       TEXT,
        previous_step        INTEGER,
        previous_stability   REAL,
        previous_difficulty  REAL,
        previous_due         INTEGER,
        previous_last_review INTEGER,
        previous_reps        INTEGER,
        previous_lapses      INTEGER
    );
    CREATE INDEX revlog_reviewed_at ON revlog (reviewed_at);
    CREATE INDEX revlog_item ON revlog (item_id, reviewed_at);
    CREATE TABLE settings (
        key   TEXT PRIMARY KEY NOT NULL,
        value TEXT NOT NULL
    );
    ",
    // 2: practice-exam attempts and their answers.
    "
    CREATE TABLE exam_attempts (
        id           INTEGER PRIMARY KEY AUTOINCREMENT,
        mode         TEXT NOT NULL CHECK (mode IN ('exam', 'practice', 'drill')),
        scope        TEXT NOT NULL,      -- JSON exam::Scope
        seed         INTEGER NOT NULL,
        started_at   INTEGER NOT NULL,   -- unix microseconds
        deadline     INTEGER,            -- unix microseconds; NULL: untimed
        submitted_at INTEGER,            -- NULL while the attempt is open
        current      INTEGER NOT NULL DEFAULT 0,
        questions    INTEGER NOT NULL,
        correct      INTEGER,
        scaled       INTEGER
    );
    CREATE TABLE exam_answers (
        attempt      INTEGER NOT NULL REFERENCES exam_attempts (id),
        position     INTEGER NOT NULL,
        question_id  TEXT NOT NULL,
        option_order TEXT NOT NULL,      -- material option indices in shown order, comma-separated
        answer       TEXT NOT NULL DEFAULT '',  -- chosen material option indices
        flagged      INTEGER NOT NULL DEFAULT 0,
        answered_at  INTEGER,
        PRIMARY KEY (attempt, position)
    );
    CREATE INDEX exam_answers_question ON exam_answers (question_id, answered_at);
    ",
    // 3: sync through a shared folder (see `store::sync`): every grade and submitted attempt
    // gets a globally unique event id once it is journaled; what was merged or taken back is
    // remembered, and each synced setting keeps the stamp of the change that set it.
    "
    ALTER TABLE revlog ADD COLUMN event_id TEXT;
    CREATE UNIQUE INDEX revlog_event ON revlog (event_id);
    ALTER TABLE exam_attempts ADD COLUMN event_id TEXT;
    CREATE UNIQUE INDEX exam_attempts_event ON exam_attempts (event_id);
    CREATE TABLE sync_seen (
        event_id TEXT PRIMARY KEY NOT NULL   -- a grade this database has held
    ) WITHOUT ROWID;
    CREATE TABLE sync_tombstones (
        event_id TEXT PRIMARY KEY NOT NULL,  -- a grade taken back (undo), here or elsewhere
        at       INTEGER NOT NULL            -- unix microseconds
    ) WITHOUT ROWID;
    CREATE TABLE sync_settings (
        key      TEXT PRIMARY KEY NOT NULL,
        value    TEXT NOT NULL,
        at       INTEGER NOT NULL,           -- unix microseconds of the change
        event_id TEXT NOT NULL
    );
    ",
    // 4: studying to a date (see `store::pacing`, `store::cram`): the time spent on each exam
    // question, every answer given in order (for answer changes), and the items seen while
    // cramming, which leaves their scheduling untouched. The exam date lives in `settings`.
    "
    ALTER TABLE exam_answers ADD COLUMN time_ms INTEGER NOT NULL DEFAULT 0;
    CREATE TABLE exam_answer_log (
        attempt  INTEGER NOT NULL REFERENCES exam_attempts (id),
        position INTEGER NOT NULL,
        at       INTEGER NOT NULL,       -- unix microseconds
        answer   TEXT NOT NULL           -- chosen material option indices, comma-separated
    );
    CREATE INDEX exam_answer_log_attempt ON exam_answer_log (attempt, position, at);
    CREATE TABLE cram_log (
        id      INTEGER PRIMARY KEY AUTOINCREMENT,
        item_id TEXT NOT NULL,
        seen_at INTEGER NOT NULL         -- unix microseconds
    );
    CREATE INDEX cram_log_item ON cram_log (item_id, seen_at);
    ",
];

/// The schema version this build creates and understands.
pub const SCHEMA_VERSION: u32 = MIGRATIONS.len() as u32;
