//! Images and files attached to applications (the bytes live in the file store).

use crate::{Db, Result, Tx, on_pool, on_tx, utc};
use time::OffsetDateTime;
use uuid::Uuid;

#[derive(Debug, Clone, sqlx::FromRow)]
pub struct Attachment {
    pub id: Uuid,
    pub application_id: Uuid,
    pub file_name: String,
    pub content_type: String,
    pub size_bytes: i64,
    pub alt_text: String,
    pub storage_key: String,
    pub thumbnail_key: Option<String>,
}

pub struct NewAttachment<'a> {
    pub id: Uuid,
    pub application_id: Uuid,
    pub file_name: &'a str,
    pub content_type: &'a str,
    pub size_bytes: i64,
    pub alt_text: &'a str,
    pub storage_key: &'a str,
    pub thumbnail_key: Option<&'a str>,
}

pub async fn insert(tx: &mut Tx, now: OffsetDateTime, a: NewAttachment<'_>) -> Result<()> {
    on_tx!(tx, |conn| {
        sqlx::query(
        "INSERT INTO attachment (id, application_id, file_name, content_type, size_bytes, alt_text, \
         storage_key, thumbnail_key, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)"
    )
    .bind(a.id)
    .bind(a.application_id)
    .bind(a.file_name)
    .bind(a.content_type)
    .bind(a.size_bytes)
    .bind(a.alt_text)
    .bind(a.storage_key)
    .bind(a.thumbnail_key)
    .bind(utc(now))
    .execute(conn)
    .await
    .map(|_| ())
    })?;
    Ok(())
}

macro_rules! select_attachment {
    ($where:literal) => {
        concat!(
            "SELECT id, application_id, file_name, content_type, size_bytes, alt_text, storage_key, \
             thumbnail_key FROM attachment ",
            $where
        )
    };
}

pub async fn for_application(db: &Db, application_id: Uuid) -> Result<Vec<Attachment>> {
    Ok(on_pool!(db, |pool| sqlx::query_as(select_attachment!(
        "WHERE application_id = $1 ORDER BY created_at, id"
    ))
    .bind(application_id)
    .fetch_all(pool)
    .await)?)
}

pub async fn find(db: &Db, id: Uuid) -> Result<Option<Attachment>> {
    Ok(on_pool!(db, |pool| sqlx::query_as(select_attachment!(
        "WHERE id = $1"
    ))
    .bind(id)
    .fetch_optional(pool)
    .await)?)
}

pub async fn delete(tx: &mut Tx, id: Uuid, application_id: Uuid) -> Result<bool> {
    let removed = on_tx!(tx, |conn| sqlx::query(
        "DELETE FROM attachment WHERE id = $1 AND application_id = $2"
    )
    .bind(id)
    .bind(application_id)
    .execute(conn)
    .await
    .map(|r| r.rows_affected()))?;
    Ok(removed > 0)
}
