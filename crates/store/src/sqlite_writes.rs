//! How SQLite's writers share the one write lock and the write-ahead log.
//!
//! **Waiting for the lock.** SQLite allows one writer at a time. A connection that finds the
//! lock taken calls its busy handler and tries again when it returns. SQLite's own handler
//! (`sqlite3_busy_timeout`) sleeps 1, 2, 5, 10, 15, 20, 25, 25, 25, 50, 50 and then 100 ms
//! between tries, however soon the lock is free: a save that meets two others waits 8 ms for
//! a lock held 1 ms, one that meets four waits 33 ms. With 50 people autosaving that was the
//! p99 of a save (30–36 ms at 100 000 applications, issue 16). [`on_busy`] tries again every
//! 0.1 ms for the first 5 ms and every millisecond after that, and gives up after [`WAIT`]
//! as before.
//!
//! **Checkpoints.** A commit appends to the log; a checkpoint copies the log back into the
//! database file. SQLite runs it in the connection whose commit passes 1 000 pages, so about
//! one save in a hundred also copied and synced 4 MB before it answered. Here automatic
//! checkpoints are off and [`checkpoint_in_background`] runs one every second on its own
//! connection (`PASSIVE`: it never waits for or blocks a writer). SQLite still checkpoints when
//! the last connection closes, and a killed process's log is replayed when it next opens.

use std::ffi::{c_int, c_void};
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::Duration;

/// Waits for the write lock begun in this process, and of them those given up (`/metrics`).
static WAITS: AtomicU64 = AtomicU64::new(0);
static GIVEN_UP: AtomicU64 = AtomicU64::new(0);

/// (waits for SQLite's write lock since the process started, of them given up after [`WAIT`]).
pub fn lock_waits() -> (u64, u64) {
    (
        WAITS.load(Ordering::Relaxed),
        GIVEN_UP.load(Ordering::Relaxed),
    )
}

/// How long a writer waits for the lock before its statement fails with "database is locked".
pub(crate) const WAIT: Duration = Duration::from_secs(10);

/// Tries at the short pause, then at the long one.
const SHORT: Duration = Duration::from_micros(100);
const SHORT_TRIES: u64 = 50;
const LONG: Duration = Duration::from_millis(1);

/// The number of tries within [`WAIT`]: the short ones, then the long ones for the rest.
fn most_tries() -> u64 {
    let rest = WAIT.saturating_sub(SHORT * SHORT_TRIES as u32);
    SHORT_TRIES + (rest.as_micros() / LONG.as_micros()) as u64
}

/// The pause before try `tries + 1`, or `None` to give up.
fn pause(tries: u64) -> Option<Duration> {
    if tries >= most_tries() {
        None
    } else if tries < SHORT_TRIES {
        Some(SHORT)
    } else {
        Some(LONG)
    }
}

/// SQLite calls this on the connection's own thread (sqlx gives each SQLite connection a
/// thread of its own), inside the statement, with the number of times it was called for
/// this lock: sleeping there blocks no runtime thread.
extern "C" fn on_busy(_: *mut c_void, tries: c_int) -> c_int {
    let tries = u64::try_from(tries).unwrap_or(0);
    if tries == 0 {
        WAITS.fetch_add(1, Ordering::Relaxed);
    }
    match pause(tries) {
        Some(pause) => {
            #[allow(clippy::disallowed_methods)]
            std::thread::sleep(pause);
            1
        }
        None => {
            GIVEN_UP.fetch_add(1, Ordering::Relaxed);
            0
        }
    }
}

/// Installs [`on_busy`] on a new connection (the pool's `after_connect`).
pub(crate) async fn retry_soon(conn: &mut sqlx::SqliteConnection) -> Result<(), sqlx::Error> {
    let mut handle = conn.lock_handle().await?;
    let db = handle.as_raw_handle().as_ptr();
    // SAFETY: `db` is this connection's open handle, held locked for us by `handle` for the
    // call; the handler is a plain function that keeps no pointer.
    let code =
        unsafe { libsqlite3_sys::sqlite3_busy_handler(db, Some(on_busy), std::ptr::null_mut()) };
    if code == libsqlite3_sys::SQLITE_OK {
        Ok(())
    } else {
        Err(sqlx::Error::Configuration(
            format!("sqlite3_busy_handler failed with {code}").into(),
        ))
    }
}

/// How often the log is copied back into the database.
const CHECKPOINT_EVERY: Duration = Duration::from_secs(1);

/// Copies the log into the database every [`CHECKPOINT_EVERY`] until the pool closes.
pub(crate) async fn checkpoint_in_background(pool: sqlx::SqlitePool) {
    let mut every = tokio::time::interval(CHECKPOINT_EVERY);
    every.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
    loop {
        every.tick().await;
        if pool.is_closed() {
            return;
        }
        match sqlx::query("PRAGMA wal_checkpoint(PASSIVE)")
            .execute(&pool)
            .await
        {
            Ok(_) => {}
            Err(sqlx::Error::PoolClosed) => return,
            Err(e) => tracing::warn!(error = %e, "checkpoint of SQLite's log failed; tried again"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn short_pauses_first_then_long_ones_then_it_gives_up() {
        assert_eq!(pause(0), Some(SHORT));
        assert_eq!(pause(SHORT_TRIES - 1), Some(SHORT));
        assert_eq!(pause(SHORT_TRIES), Some(LONG));
        let last = most_tries() - 1;
        assert_eq!(pause(last), Some(LONG));
        assert_eq!(pause(most_tries()), None);
        // The pauses of all tries add up to the whole wait.
        let total: Duration = (0..most_tries()).filter_map(pause).sum();
        assert_eq!(total, WAIT);
    }

    fn sqlite(db: &crate::Db) -> &sqlx::SqlitePool {
        match db {
            crate::Db::Sqlite(pool) => pool,
            crate::Db::Postgres(_) => unreachable!("opened as SQLite"),
        }
    }

    async fn insert(tx: &mut crate::Tx, sql: &'static str) -> Result<(), sqlx::Error> {
        let crate::Tx::Sqlite(t) = tx else {
            unreachable!("opened as SQLite")
        };
        sqlx::query(sql).execute(&mut **t).await.map(|_| ())
    }

    /// A second writer waits for the first one's lock through this handler (SQLite's own
    /// would not count), and gets it once the first commits.
    #[tokio::test]
    async fn a_second_writer_waits_here_and_then_writes() {
        let (db, path) = open("busy").await;
        sqlx::query("CREATE TABLE t (n INTEGER)")
            .execute(sqlite(&db))
            .await
            .unwrap();
        let (waits_before, _) = lock_waits();
        let first = db.begin().await.unwrap();
        let second = tokio::spawn({
            let db = db.clone();
            async move {
                let mut tx = db.begin().await?;
                insert(&mut tx, "INSERT INTO t VALUES (2)").await?;
                tx.commit().await
            }
        });
        // The second is waiting in the handler while the first holds the lock.
        wait_until("no wait in this handler", || lock_waits().0 > waits_before).await;
        assert!(!second.is_finished());
        first.commit().await.unwrap();
        second.await.unwrap().unwrap();
        let rows: i64 = sqlx::query_scalar("SELECT count(*) FROM t")
            .fetch_one(sqlite(&db))
            .await
            .unwrap();
        assert_eq!(rows, 1);
        db.close().await;
        remove(&path);
    }

    /// A new database file of its own in the temporary directory.
    async fn open(name: &str) -> (crate::Db, std::path::PathBuf) {
        let path = std::env::temp_dir().join(format!("{name}-{}.db", uuid::Uuid::now_v7()));
        let db = crate::Db::connect(&format!("sqlite://{}", path.display()), 2)
            .await
            .unwrap();
        (db, path)
    }

    /// Waits up to 10 s for `done`, else fails saying `what`.
    async fn wait_until(what: &str, mut done: impl FnMut() -> bool) {
        let step = Duration::from_millis(5);
        let mut waited = Duration::ZERO;
        while !done() {
            assert!(waited < Duration::from_secs(10), "{what}");
            tokio::time::sleep(step).await;
            waited += step;
        }
    }

    fn remove(path: &std::path::Path) {
        for suffix in ["", "-wal", "-shm"] {
            let _ = std::fs::remove_file(format!("{}{suffix}", path.display()));
        }
    }

    /// A commit of 2 000 pages is copied back into the database file by the background,
    /// since no connection checkpoints on commit.
    #[tokio::test]
    async fn the_log_is_copied_back_in_the_background_not_on_commit() {
        let (db, path) = open("checkpoint").await;
        let size = || std::fs::metadata(&path).map(|m| m.len()).unwrap_or(0);
        let mut tx = db.begin().await.unwrap();
        insert(&mut tx, "CREATE TABLE t (b BLOB)").await.unwrap();
        insert(&mut tx, "INSERT INTO t VALUES (zeroblob(8000000))")
            .await
            .unwrap();
        tx.commit().await.unwrap();
        // Not on commit: no connection checkpoints by itself.
        let automatic: i64 = sqlx::query_scalar("PRAGMA wal_autocheckpoint")
            .fetch_one(sqlite(&db))
            .await
            .unwrap();
        assert_eq!(automatic, 0);
        wait_until("never copied back", || size() >= 8_000_000).await;
        db.close().await;
        remove(&path);
    }
}
