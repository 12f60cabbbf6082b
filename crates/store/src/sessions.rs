//! The session store for tower-sessions, in the database so that several servers share
//! sessions. The published sqlx store targets an older trait version, hence this one.
//! Session ids are kept only as their SHA-256: someone who reads the table (a backup, a
//! replica) cannot sign in as anyone with what they find there. Each row also names the
//! signed-in user (read from the record's [`USER_KEY`]), so that all of one user's sessions
//! can be ended at once.

use crate::{Db, on_pool, utc};
use async_trait::async_trait;
use sha2::{Digest, Sha256};
use time::OffsetDateTime;
use tower_sessions::session::{Id, Record};
use tower_sessions::session_store::{self, ExpiredDeletion, SessionStore};

/// The session key under which the signed-in user's id is kept.
pub const USER_KEY: &str = "user_id";

#[derive(Debug, Clone)]
pub struct DbSessionStore {
    db: Db,
}

impl DbSessionStore {
    pub fn new(db: Db) -> Self {
        Self { db }
    }
}

/// Session expiry is wall-clock time by nature (tower-sessions sets the expiry from the
/// system clock too), so this is the one store function that reads it.
#[allow(clippy::disallowed_methods)]
fn wall_clock() -> OffsetDateTime {
    utc(OffsetDateTime::now_utc())
}

fn backend(e: impl std::fmt::Display) -> session_store::Error {
    session_store::Error::Backend(e.to_string())
}

/// What the table holds for a session id: its SHA-256, in hex.
fn key(id: &Id) -> String {
    hex::encode(Sha256::digest(id.to_string().as_bytes()))
}

/// The signed-in user a record names, if any.
fn owner(record: &Record) -> Option<uuid::Uuid> {
    record
        .data
        .get(USER_KEY)
        .and_then(|v| serde_json::from_value(v.clone()).ok())
}

/// The record without its id (the id is the secret; the row is found by its hash).
fn encode(record: &Record) -> session_store::Result<String> {
    let stored = Record {
        id: Id(0),
        ..record.clone()
    };
    serde_json::to_string(&stored).map_err(|e| session_store::Error::Encode(e.to_string()))
}

#[async_trait]
impl SessionStore for DbSessionStore {
    async fn create(&self, record: &mut Record) -> session_store::Result<()> {
        loop {
            let data = encode(record)?;
            let (id, expiry) = (key(&record.id), utc(record.expiry_date));
            let inserted = on_pool!(&self.db, |pool| sqlx::query(
                "INSERT INTO session (id, data, expires_at, user_id) VALUES ($1, $2, $3, $4) \
                 ON CONFLICT (id) DO NOTHING"
            )
            .bind(&id)
            .bind(&data)
            .bind(expiry)
            .bind(owner(record))
            .execute(pool)
            .await
            .map(|r| r.rows_affected()))
            .map_err(backend)?;
            if inserted == 1 {
                return Ok(());
            }
            record.id = Id::default();
        }
    }

    async fn save(&self, record: &Record) -> session_store::Result<()> {
        let data = encode(record)?;
        let (id, expiry) = (key(&record.id), utc(record.expiry_date));
        on_pool!(&self.db, |pool| sqlx::query(
            "INSERT INTO session (id, data, expires_at, user_id) VALUES ($1, $2, $3, $4) \
             ON CONFLICT (id) DO UPDATE SET data = excluded.data, expires_at = excluded.expires_at, \
             user_id = excluded.user_id"
        )
        .bind(&id)
        .bind(&data)
        .bind(expiry)
        .bind(owner(record))
        .execute(pool)
        .await
        .map(|_| ()))
        .map_err(backend)?;
        Ok(())
    }

    async fn load(&self, id: &Id) -> session_store::Result<Option<Record>> {
        let now = wall_clock();
        let data: Option<String> = on_pool!(&self.db, |pool| sqlx::query_scalar(
            "SELECT data FROM session WHERE id = $1 AND expires_at > $2"
        )
        .bind(key(id))
        .bind(now)
        .fetch_optional(pool)
        .await)
        .map_err(backend)?;
        let record: Option<Record> = data
            .map(|d| serde_json::from_str(&d))
            .transpose()
            .map_err(|e| session_store::Error::Decode(e.to_string()))?;
        Ok(record.map(|r| Record { id: *id, ..r }))
    }

    async fn delete(&self, id: &Id) -> session_store::Result<()> {
        on_pool!(&self.db, |pool| sqlx::query(
            "DELETE FROM session WHERE id = $1"
        )
        .bind(key(id))
        .execute(pool)
        .await
        .map(|_| ()))
        .map_err(backend)?;
        Ok(())
    }
}

/// Ends every session of `user` («sign out everywhere», a deleted account); returns how many.
pub async fn delete_for_user(db: &Db, user: uuid::Uuid) -> crate::Result<u64> {
    Ok(on_pool!(db, |pool| sqlx::query(
        "DELETE FROM session WHERE user_id = $1"
    )
    .bind(user)
    .execute(pool)
    .await
    .map(|r| r.rows_affected()))?)
}

/// How many unexpired sessions `user` has (for their own data export).
pub async fn count_for_user(db: &Db, user: uuid::Uuid) -> crate::Result<i64> {
    let now = wall_clock();
    Ok(on_pool!(db, |pool| sqlx::query_scalar(
        "SELECT COUNT(*) FROM session WHERE user_id = $1 AND expires_at > $2"
    )
    .bind(user)
    .bind(now)
    .fetch_one(pool)
    .await)?)
}

#[async_trait]
impl ExpiredDeletion for DbSessionStore {
    async fn delete_expired(&self) -> session_store::Result<()> {
        let now = wall_clock();
        on_pool!(&self.db, |pool| sqlx::query(
            "DELETE FROM session WHERE expires_at <= $1"
        )
        .bind(now)
        .execute(pool)
        .await
        .map(|_| ()))
        .map_err(backend)?;
        Ok(())
    }
}
