//! Errors of the storage layer.

#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("database error: {0}")]
    Database(#[from] sqlx::Error),
    #[error("migration failed: {0}")]
    Migration(#[from] sqlx::migrate::MigrateError),
    #[error("{entity} was changed by someone else (expected version {expected})")]
    VersionConflict { entity: &'static str, expected: i64 },
    #[error("{0} already exists")]
    Duplicate(&'static str),
    #[error("could not open the database: {0}")]
    Open(String),
    /// Asked of the other backend than the one that can do it.
    #[error("{0} is not possible")]
    Unsupported(&'static str),
    /// A stored state, kind or similar that the code does not know: never read as a default.
    #[error("{table} row {id} has an unknown {column} {value:?}")]
    Unknown {
        table: &'static str,
        id: uuid::Uuid,
        column: &'static str,
        value: String,
    },
}

impl StoreError {
    /// Maps a unique-constraint violation to [`StoreError::Duplicate`].
    pub fn unique_as(err: sqlx::Error, what: &'static str) -> StoreError {
        match &err {
            sqlx::Error::Database(db) if db.is_unique_violation() => StoreError::Duplicate(what),
            _ => StoreError::Database(err),
        }
    }

    /// The version after a version-checked write that changed `rows` rows: `expected + 1`,
    /// or [`StoreError::VersionConflict`] when it changed none.
    pub fn checked(rows: u64, entity: &'static str, expected: i64) -> Result<i64, StoreError> {
        if rows == 0 {
            Err(StoreError::VersionConflict { entity, expected })
        } else {
            Ok(expected + 1)
        }
    }
}
