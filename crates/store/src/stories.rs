//! Stories («Tanketanken»), the applications each is about, and their images. A story is
//! public when `published_at <= now`; lists for everyone filter on that here in SQL.

use crate::{Db, Result, StoreError, Tx, on_pool, on_tx, utc};
use time::OffsetDateTime;
use uuid::Uuid;

#[derive(Debug, Clone, sqlx::FromRow)]
pub struct StoryRow {
    pub id: Uuid,
    pub title: String,
    pub lead: String,
    pub body: String,
    pub author_id: Uuid,
    pub author_name: String,
    pub published_at: Option<OffsetDateTime>,
    pub created_at: OffsetDateTime,
    pub updated_at: Option<OffsetDateTime>,
    pub version: i64,
}

macro_rules! select_story {
    ($rest:literal) => {
        concat!(
            "SELECT s.id, s.title, s.lead, s.body, s.author_id, u.name AS author_name, s.published_at, \
             s.created_at, s.updated_at, s.version FROM story s JOIN users u ON u.id = s.author_id ",
            $rest
        )
    };
}

pub struct StoryContent<'a> {
    pub title: &'a str,
    pub lead: &'a str,
    pub body: &'a str,
}

pub async fn insert(
    tx: &mut Tx,
    now: OffsetDateTime,
    author: Uuid,
    c: StoryContent<'_>,
) -> Result<Uuid> {
    let id = Uuid::now_v7();
    on_tx!(tx, |conn| sqlx::query(
        "INSERT INTO story (id, title, lead, body, author_id, created_at, updated_at, version) \
         VALUES ($1, $2, $3, $4, $5, $6, $6, 1)"
    )
    .bind(id)
    .bind(c.title)
    .bind(c.lead)
    .bind(c.body)
    .bind(author)
    .bind(utc(now))
    .execute(conn)
    .await
    .map(|_| ()))?;
    Ok(id)
}

fn checked(updated: u64, expected: i64) -> Result<i64> {
    if updated == 0 {
        return Err(StoreError::VersionConflict {
            entity: "story",
            expected,
        });
    }
    Ok(expected + 1)
}

/// Saves the text if nobody saved since `expected`; returns the new version.
pub async fn update(
    tx: &mut Tx,
    now: OffsetDateTime,
    id: Uuid,
    expected: i64,
    c: StoryContent<'_>,
) -> Result<i64> {
    let updated = on_tx!(tx, |conn| {
        sqlx::query(
        "UPDATE story SET title = $1, lead = $2, body = $3, updated_at = $4, version = version + 1 \
         WHERE id = $5 AND version = $6"
    )
    .bind(c.title)
    .bind(c.lead)
    .bind(c.body)
    .bind(utc(now))
    .bind(id)
    .bind(expected)
    .execute(conn)
    .await
    .map(|r| r.rows_affected())
    })?;
    checked(updated, expected)
}

/// Publishes from `at` (now or later), or unpublishes with `None`, if nobody saved since
/// `expected`; returns the new version.
pub async fn set_published(
    tx: &mut Tx,
    now: OffsetDateTime,
    id: Uuid,
    expected: i64,
    at: Option<OffsetDateTime>,
) -> Result<i64> {
    let updated = on_tx!(tx, |conn| sqlx::query(
        "UPDATE story SET published_at = $1, updated_at = $2, version = version + 1 \
         WHERE id = $3 AND version = $4"
    )
    .bind(at.map(utc))
    .bind(utc(now))
    .bind(id)
    .bind(expected)
    .execute(conn)
    .await
    .map(|r| r.rows_affected()))?;
    checked(updated, expected)
}

/// Raises the version when something beside the text changed (an image).
pub async fn touch(tx: &mut Tx, now: OffsetDateTime, id: Uuid) -> Result<()> {
    on_tx!(tx, |conn| sqlx::query(
        "UPDATE story SET updated_at = $1, version = version + 1 WHERE id = $2"
    )
    .bind(utc(now))
    .bind(id)
    .execute(conn)
    .await
    .map(|_| ()))?;
    Ok(())
}

pub async fn find(db: &Db, id: Uuid) -> Result<Option<StoryRow>> {
    Ok(on_pool!(db, |pool| sqlx::query_as(select_story!(
        "WHERE s.id = $1"
    ))
    .bind(id)
    .fetch_optional(pool)
    .await)?)
}

/// Every story, for the editors: unpublished first, then the newest.
pub async fn all(db: &Db) -> Result<Vec<StoryRow>> {
    Ok(on_pool!(db, |pool| sqlx::query_as(select_story!(
        "ORDER BY (s.published_at IS NULL) DESC, COALESCE(s.published_at, s.created_at) DESC, s.id"
    ))
    .fetch_all(pool)
    .await)?)
}

/// Stories public at `now`, newest first, and how many there are.
pub async fn published(
    db: &Db,
    now: OffsetDateTime,
    offset: i64,
    limit: i64,
) -> Result<(Vec<StoryRow>, i64)> {
    let rows = on_pool!(db, |pool| sqlx::query_as(select_story!(
        "WHERE s.published_at <= $1 ORDER BY s.published_at DESC, s.id DESC LIMIT $2 OFFSET $3"
    ))
    .bind(utc(now))
    .bind(limit)
    .bind(offset)
    .fetch_all(pool)
    .await)?;
    let total = on_pool!(db, |pool| sqlx::query_scalar(
        "SELECT COUNT(*) FROM story WHERE published_at <= $1"
    )
    .bind(utc(now))
    .fetch_one(pool)
    .await)?;
    Ok((rows, total))
}

/// Stories public at `now` that are about `application`, newest first.
pub async fn published_about(
    db: &Db,
    now: OffsetDateTime,
    application: Uuid,
) -> Result<Vec<StoryRow>> {
    Ok(on_pool!(db, |pool| sqlx::query_as(select_story!(
        "JOIN story_application l ON l.story_id = s.id \
         WHERE l.application_id = $1 AND s.published_at <= $2 \
         ORDER BY s.published_at DESC, s.id DESC"
    ))
    .bind(application)
    .bind(utc(now))
    .fetch_all(pool)
    .await)?)
}

/// The applications a story is about, in the order the editor gave.
pub async fn links(db: &Db, story: Uuid) -> Result<Vec<Uuid>> {
    Ok(on_pool!(db, |pool| {
        sqlx::query_scalar(
        "SELECT application_id FROM story_application WHERE story_id = $1 ORDER BY position, application_id"
    )
    .bind(story)
    .fetch_all(pool)
    .await
    })?)
}

/// Replaces the story's links.
pub async fn set_links(tx: &mut Tx, story: Uuid, applications: &[Uuid]) -> Result<()> {
    on_tx!(tx, |conn| sqlx::query(
        "DELETE FROM story_application WHERE story_id = $1"
    )
    .bind(story)
    .execute(conn)
    .await
    .map(|_| ()))?;
    for (position, application) in applications.iter().enumerate() {
        on_tx!(tx, |conn| sqlx::query(
            "INSERT INTO story_application (story_id, application_id, position) VALUES ($1, $2, $3)"
        )
        .bind(story)
        .bind(application)
        .bind(position as i64)
        .execute(conn)
        .await
        .map(|_| ()))?;
    }
    Ok(())
}

/// Which of `ids` name submitted applications (a story may be about no other kind).
pub async fn submitted_among(db: &Db, ids: &[Uuid]) -> Result<Vec<Uuid>> {
    let mut found = Vec::new();
    for id in ids {
        let exists: bool = on_pool!(db, |pool| sqlx::query_scalar(
            "SELECT EXISTS (SELECT 1 FROM application WHERE id = $1 AND state = 'submitted')"
        )
        .bind(id)
        .fetch_one(pool)
        .await)?;
        if exists {
            found.push(*id);
        }
    }
    Ok(found)
}

#[derive(Debug, Clone, sqlx::FromRow)]
pub struct StoryImage {
    pub id: Uuid,
    pub story_id: Uuid,
    pub file_name: String,
    pub content_type: String,
    pub size_bytes: i64,
    pub alt_text: String,
    pub storage_key: String,
    pub thumbnail_key: String,
}

pub struct NewStoryImage<'a> {
    pub id: Uuid,
    pub story_id: Uuid,
    pub file_name: &'a str,
    pub content_type: &'a str,
    pub size_bytes: i64,
    pub alt_text: &'a str,
    pub storage_key: &'a str,
    pub thumbnail_key: &'a str,
}

pub async fn insert_image(tx: &mut Tx, now: OffsetDateTime, i: NewStoryImage<'_>) -> Result<()> {
    on_tx!(tx, |conn| sqlx::query(
        "INSERT INTO story_image (id, story_id, file_name, content_type, size_bytes, alt_text, \
         storage_key, thumbnail_key, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)"
    )
    .bind(i.id)
    .bind(i.story_id)
    .bind(i.file_name)
    .bind(i.content_type)
    .bind(i.size_bytes)
    .bind(i.alt_text)
    .bind(i.storage_key)
    .bind(i.thumbnail_key)
    .bind(utc(now))
    .execute(conn)
    .await
    .map(|_| ()))?;
    Ok(())
}

macro_rules! select_image {
    ($where:literal) => {
        concat!(
            "SELECT id, story_id, file_name, content_type, size_bytes, alt_text, storage_key, \
             thumbnail_key FROM story_image ",
            $where
        )
    };
}

pub async fn images(db: &Db, story: Uuid) -> Result<Vec<StoryImage>> {
    Ok(on_pool!(db, |pool| sqlx::query_as(select_image!(
        "WHERE story_id = $1 ORDER BY created_at, id"
    ))
    .bind(story)
    .fetch_all(pool)
    .await)?)
}

pub async fn find_image(db: &Db, id: Uuid) -> Result<Option<StoryImage>> {
    Ok(on_pool!(db, |pool| sqlx::query_as(select_image!(
        "WHERE id = $1"
    ))
    .bind(id)
    .fetch_optional(pool)
    .await)?)
}

pub async fn delete_image(tx: &mut Tx, id: Uuid, story: Uuid) -> Result<bool> {
    let removed = on_tx!(tx, |conn| sqlx::query(
        "DELETE FROM story_image WHERE id = $1 AND story_id = $2"
    )
    .bind(id)
    .bind(story)
    .execute(conn)
    .await
    .map(|r| r.rows_affected()))?;
    Ok(removed > 0)
}
