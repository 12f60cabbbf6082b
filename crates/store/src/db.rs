//! Connecting to either backend, migrations, and the macros that run one body on both.

use crate::{Result, StoreError, sqlite_writes};
use sqlx::postgres::{PgConnectOptions, PgPoolOptions};
use sqlx::sqlite::{SqliteConnectOptions, SqliteJournalMode, SqlitePoolOptions, SqliteSynchronous};
use sqlx::{PgPool, Postgres, Sqlite, SqlitePool, Transaction};
use std::path::Path;
use std::str::FromStr;
use std::time::Duration;
use time::OffsetDateTime;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Backend {
    Sqlite,
    Postgres,
}

/// A pool on one of the two backends. Cheap to clone.
#[derive(Debug, Clone)]
pub enum Db {
    Sqlite(SqlitePool),
    Postgres(PgPool),
}

/// A write transaction on one of the two backends.
pub enum Tx {
    Sqlite(Transaction<'static, Sqlite>),
    Postgres(Transaction<'static, Postgres>),
}

/// Runs `$body` with `$conn` bound to the pool of whichever backend `$db` is.
#[macro_export]
macro_rules! on_pool {
    ($db:expr, |$conn:ident| $body:expr) => {
        match $db {
            $crate::Db::Sqlite($conn) => $body,
            $crate::Db::Postgres($conn) => $body,
        }
    };
}

/// Runs `$body` with `$conn` bound to the open transaction's connection.
#[macro_export]
macro_rules! on_tx {
    ($tx:expr, |$conn:ident| $body:expr) => {
        match $tx {
            $crate::Tx::Sqlite(t) => {
                let $conn = &mut **t;
                $body
            }
            $crate::Tx::Postgres(t) => {
                let $conn = &mut **t;
                $body
            }
        }
    };
}

/// Timestamps are stored in UTC at whole seconds, so that SQLite's text form sorts and
/// compares correctly and both backends hold the same value.
pub fn utc(t: OffsetDateTime) -> OffsetDateTime {
    t.to_offset(time::UtcOffset::UTC)
        .replace_nanosecond(0)
        .unwrap_or(t)
}

impl Db {
    /// Opens `url`: `postgres://…` for PostgreSQL, `sqlite://…` (or a plain path) for SQLite.
    pub async fn connect(url: &str, max_connections: u32) -> Result<Db> {
        if url.starts_with("postgres://") || url.starts_with("postgresql://") {
            let opts =
                PgConnectOptions::from_str(url).map_err(|e| StoreError::Open(e.to_string()))?;
            let pool = PgPoolOptions::new()
                .max_connections(max_connections)
                .acquire_timeout(Duration::from_secs(10))
                .connect_with(opts)
                .await
                .map_err(|e| StoreError::Open(e.to_string()))?;
            return Ok(Db::Postgres(pool));
        }
        let path = url.strip_prefix("sqlite://").unwrap_or(url);
        Self::open_sqlite(Path::new(path), max_connections).await
    }

    /// SQLite in WAL mode with `synchronous=FULL`: an acknowledged write survives a power cut.
    async fn open_sqlite(path: &Path, max_connections: u32) -> Result<Db> {
        let opts = SqliteConnectOptions::new()
            .filename(path)
            .create_if_missing(true)
            .journal_mode(SqliteJournalMode::Wal)
            .synchronous(SqliteSynchronous::Full)
            .foreign_keys(true)
            // Replaced by `sqlite_writes::retry_soon` once connected; kept for the moment before.
            .busy_timeout(sqlite_writes::WAIT)
            // Each connection keeps its own cache of pages (2 MiB by default, 20 MiB for the
            // pool); the system's file cache holds them too, shared, so 1 MiB each is enough
            // (issue 16: the server's resident memory under load).
            .pragma("cache_size", "-1024")
            // Checkpoints run in the background (`sqlite_writes::checkpoint_in_background`),
            // not in the connection whose commit filled the log: that save waited for 4 MB
            // to be copied and synced (issue 16).
            .pragma("wal_autocheckpoint", "0")
            // After a large write (an import, a seeding) the log is cut back to 64 MiB once
            // copied, instead of keeping the size of the largest transaction on disk.
            .pragma("journal_size_limit", "67108864");
        let pool = SqlitePoolOptions::new()
            .max_connections(max_connections)
            .acquire_timeout(Duration::from_secs(10))
            .after_connect(|conn, _| Box::pin(async move { sqlite_writes::retry_soon(conn).await }))
            .connect_with(opts)
            .await
            .map_err(|e| StoreError::Open(format!("{}: {e}", path.display())))?;
        tokio::spawn(sqlite_writes::checkpoint_in_background(pool.clone()));
        Ok(Db::Sqlite(pool))
    }

    pub fn backend(&self) -> Backend {
        match self {
            Db::Sqlite(_) => Backend::Sqlite,
            Db::Postgres(_) => Backend::Postgres,
        }
    }

    /// Applies every pending migration of this backend's tree, then lets SQLite's planner
    /// know the tables' sizes ([`Db::optimize`]).
    pub async fn migrate(&self) -> Result<()> {
        match self {
            Db::Sqlite(pool) => sqlx::migrate!("./migrations/sqlite").run(pool).await?,
            Db::Postgres(pool) => sqlx::migrate!("./migrations/postgres").run(pool).await?,
        }
        // Statistics only help the planner: a database busy with another process's long
        // write (an import) must not stop a start or a command.
        if let Err(e) = self.optimize().await {
            tracing::warn!(error = %e, "could not gather the planner's statistics (PRAGMA optimize)");
        }
        Ok(())
    }

    /// SQLite keeps no statistics of its own: without them its planner takes every index on
    /// an equality for a good one, and at 100 000 applications walked every submitted
    /// application to find the few that continue one (14 ms for each innovation's page at
    /// 10 000). `PRAGMA optimize` gathers statistics for the tables whose size changed much
    /// since the last time (SQLite's advice for every start), each from a sample
    /// (`analysis_limit`), so it costs milliseconds. PostgreSQL's autovacuum does this itself.
    pub async fn optimize(&self) -> Result<()> {
        if let Db::Sqlite(pool) = self {
            let mut conn = pool.acquire().await?;
            sqlx::query("PRAGMA analysis_limit = 1000")
                .execute(&mut *conn)
                .await?;
            sqlx::query("PRAGMA optimize = 0x10002")
                .execute(&mut *conn)
                .await?;
        }
        Ok(())
    }

    /// Starts a write transaction. On SQLite it takes the write lock at once
    /// (`BEGIN IMMEDIATE`), so concurrent writers queue on the busy timeout instead of
    /// failing halfway with "database is locked".
    pub async fn begin(&self) -> Result<Tx> {
        Ok(match self {
            Db::Sqlite(pool) => Tx::Sqlite(pool.begin_with("BEGIN IMMEDIATE").await?),
            Db::Postgres(pool) => Tx::Postgres(pool.begin().await?),
        })
    }

    /// Answers when the database does: used by `/healthz`.
    pub async fn ping(&self) -> Result<()> {
        on_pool!(self, |pool| sqlx::query("SELECT 1")
            .execute(pool)
            .await
            .map(|_| ()))?;
        Ok(())
    }

    /// Pool size and idle connections, for `/metrics`.
    pub fn pool_stats(&self) -> (u32, usize) {
        on_pool!(self, |pool| (pool.size(), pool.num_idle()))
    }

    pub async fn close(&self) {
        on_pool!(self, |pool| pool.close().await)
    }
}

impl Tx {
    pub async fn commit(self) -> Result<()> {
        match self {
            Tx::Sqlite(t) => t.commit().await?,
            Tx::Postgres(t) => t.commit().await?,
        }
        Ok(())
    }
}
