//! The SQLite progress store (see issue 3): the only module that speaks SQL.
