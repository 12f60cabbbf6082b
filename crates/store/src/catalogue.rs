//! Reads for the public catalogue. Visibility is decided here in SQL for lists and counts
//! (mirroring `domain::application::rules::is_public`, which the single page uses).

use crate::{Db, Result, StoreError, Tx, decode, on_pool, on_tx, utc};
use prisverdig_domain::category::CategoryKind;
use prisverdig_domain::outcome::Outcome;
use sqlx::types::Json;
use time::OffsetDateTime;
use uuid::Uuid;

#[derive(Debug, Clone, sqlx::FromRow)]
pub struct CatalogueEntry {
    pub id: Uuid,
    pub title: String,
    pub summary: String,
    pub unit_snapshot: Json<Vec<String>>,
    pub category_name: String,
    pub year: i64,
}

/// Visible applications, newest first.
pub async fn visible(db: &Db, now: OffsetDateTime, limit: i64) -> Result<Vec<CatalogueEntry>> {
    Ok(on_pool!(db, |pool| {
        sqlx::query_as(concat!(
        "SELECT a.id, a.title, a.summary, a.unit_snapshot, c.name AS category_name, r.year \
         FROM application a JOIN category c ON c.id = a.category_id JOIN round r ON r.id = c.round_id \
         WHERE ", public_at!("a.state", "c", "r", "$1"), " \
         ORDER BY a.submitted_at DESC, a.id LIMIT $2")
    )
    .bind(utc(now))
    .bind(limit)
    .fetch_all(pool)
    .await
    })?)
}

pub async fn cheer_count(db: &Db, id: Uuid) -> Result<i64> {
    Ok(on_pool!(db, |pool| sqlx::query_scalar(
        "SELECT COUNT(*) FROM cheer WHERE application_id = $1"
    )
    .bind(id)
    .fetch_one(pool)
    .await)?)
}

pub async fn has_cheered(db: &Db, id: Uuid, user: Uuid) -> Result<bool> {
    Ok(on_pool!(db, |pool| sqlx::query_scalar(
        "SELECT EXISTS (SELECT 1 FROM cheer WHERE application_id = $1 AND user_id = $2)"
    )
    .bind(id)
    .bind(user)
    .fetch_one(pool)
    .await)?)
}

/// Adds the user's cheer once; a second cheer changes nothing. Returns whether it was new.
pub async fn add_cheer(tx: &mut Tx, now: OffsetDateTime, id: Uuid, user: Uuid) -> Result<bool> {
    let added = on_tx!(tx, |conn| sqlx::query(
        "INSERT INTO cheer (application_id, user_id, created_at) VALUES ($1, $2, $3) \
         ON CONFLICT (application_id, user_id) DO NOTHING"
    )
    .bind(id)
    .bind(user)
    .bind(utc(now))
    .execute(conn)
    .await
    .map(|r| r.rows_affected()))?;
    Ok(added == 1)
}

pub async fn remove_cheer(tx: &mut Tx, id: Uuid, user: Uuid) -> Result<bool> {
    let removed = on_tx!(tx, |conn| sqlx::query(
        "DELETE FROM cheer WHERE application_id = $1 AND user_id = $2"
    )
    .bind(id)
    .bind(user)
    .execute(conn)
    .await
    .map(|r| r.rows_affected()))?;
    Ok(removed == 1)
}

/// Who adopted an idea («stjålet av»), newest first.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct AdoptionView {
    pub unit_name: Option<String>,
    pub note: String,
    pub adopting_application_id: Option<Uuid>,
    pub adopting_title: Option<String>,
    pub created_at: OffsetDateTime,
}

/// Who stole `source`, newest first; an adoption recorded by an application that is not
/// public at `now` is left out altogether (its unit and note would give it away).
pub async fn adoptions_of(db: &Db, now: OffsetDateTime, source: Uuid) -> Result<Vec<AdoptionView>> {
    Ok(on_pool!(db, |pool| {
        // The adopting application looked up by its id, not joined against the list of
        // every public application (which SQLite built for each page: 270 ms at 100 000).
        sqlx::query_as(concat!(
        "SELECT u.name AS unit_name, d.note, d.adopting_application_id, a.title AS adopting_title, d.created_at \
         FROM adoption d LEFT JOIN unit u ON u.id = d.adopting_unit_id \
         LEFT JOIN application a ON a.id = d.adopting_application_id \
         LEFT JOIN category c ON c.id = a.category_id LEFT JOIN round r ON r.id = c.round_id \
         WHERE d.source_application_id = $1 AND (d.adopting_application_id IS NULL OR ",
        public_at!("a.state", "c", "r", "$2"),
        ") ORDER BY d.created_at DESC, d.id"
    ))
    .bind(source)
    .bind(utc(now))
    .fetch_all(pool)
    .await
    })?)
}

/// Whether this unit already recorded adopting this idea.
pub async fn has_adopted(db: &Db, source: Uuid, unit: Uuid) -> Result<bool> {
    Ok(on_pool!(db, |pool| {
        sqlx::query_scalar(
        "SELECT EXISTS (SELECT 1 FROM adoption WHERE source_application_id = $1 AND adopting_unit_id = $2)"
    )
    .bind(source)
    .bind(unit)
    .fetch_one(pool)
    .await
    })?)
}

pub struct NewAdoption<'a> {
    pub source: Uuid,
    pub unit: Uuid,
    pub note: &'a str,
    pub by: Uuid,
}

pub async fn add_adoption(tx: &mut Tx, now: OffsetDateTime, a: NewAdoption<'_>) -> Result<Uuid> {
    let id = Uuid::now_v7();
    on_tx!(tx, |conn| {
        sqlx::query(
        "INSERT INTO adoption (id, source_application_id, adopting_unit_id, note, created_by, created_at) \
         VALUES ($1, $2, $3, $4, $5, $6)"
    )
    .bind(id)
    .bind(a.source)
    .bind(a.unit)
    .bind(a.note)
    .bind(a.by)
    .bind(utc(now))
    .execute(conn)
    .await
    .map(|_| ())
    })
    .map_err(|e| StoreError::unique_as(e, "adoption"))?;
    Ok(id)
}

/// A linked application (a thread or a source), only when it is itself submitted.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct Linked {
    pub id: Uuid,
    pub title: String,
    pub year: i64,
}

/// Applications this one continues, and those that continue it: those public at `now`.
pub async fn thread(db: &Db, now: OffsetDateTime, id: Uuid) -> Result<(Vec<Linked>, Vec<Linked>)> {
    let earlier = on_pool!(db, |pool| {
        sqlx::query_as(concat!(
            "SELECT a.id, a.title, r.year FROM application_link l CROSS JOIN application a \
         JOIN category c ON c.id = a.category_id JOIN round r ON r.id = c.round_id \
         WHERE a.id = l.continues_id AND l.application_id = $1 AND ",
            public_at!("a.state", "c", "r", "$2"),
            " ORDER BY r.year, a.title"
        ))
        .bind(id)
        .bind(utc(now))
        .fetch_all(pool)
        .await
    })?;
    let later = on_pool!(db, |pool| {
        sqlx::query_as(concat!(
            // From the links (`CROSS JOIN` keeps SQLite from starting at the applications).
            "SELECT a.id, a.title, r.year FROM application_link l CROSS JOIN application a \
         JOIN category c ON c.id = a.category_id JOIN round r ON r.id = c.round_id \
         WHERE a.id = l.application_id AND l.continues_id = $1 AND ",
            public_at!("a.state", "c", "r", "$2"),
            " ORDER BY r.year, a.title"
        ))
        .bind(id)
        .bind(utc(now))
        .fetch_all(pool)
        .await
    })?;
    Ok((earlier, later))
}

/// One application by id, when it is public at `now`.
pub async fn linked(db: &Db, now: OffsetDateTime, id: Uuid) -> Result<Option<Linked>> {
    Ok(on_pool!(db, |pool| sqlx::query_as(concat!(
        "SELECT a.id, a.title, r.year FROM application a JOIN category c ON c.id = a.category_id \
         JOIN round r ON r.id = c.round_id WHERE a.id = $1 AND ",
        public_at!("a.state", "c", "r", "$2")
    ))
    .bind(id)
    .bind(utc(now))
    .fetch_optional(pool)
    .await)?)
}

/// What the search index needs of a submitted application.
#[derive(Debug, Clone)]
pub struct Indexable {
    pub id: Uuid,
    pub category_id: Uuid,
    pub title: String,
    pub summary: String,
    pub answers: Json<serde_json::Value>,
    /// Shown on the public page with the answers, so searchable with them.
    pub origin_note: String,
    /// Partners outside the organisation by name, shown on the public page.
    pub outside_partners: Json<Vec<String>>,
    pub unit_snapshot: Json<Vec<String>>,
    pub sector: String,
    pub category_kind: CategoryKind,
    pub category_name: String,
    pub year: i64,
    pub submitted_at: Option<OffsetDateTime>,
    pub visible_from: Option<OffsetDateTime>,
    /// The jury's justification and the minute it is published (`select_published` shows
    /// it from then on): the index keeps both and searches the text only from that minute.
    pub justification: Option<String>,
    pub justified_from: Option<OffsetDateTime>,
}

#[derive(sqlx::FromRow)]
struct StoredIndexable {
    id: Uuid,
    category_id: Uuid,
    title: String,
    summary: String,
    answers: Json<serde_json::Value>,
    origin_note: String,
    outside_partners: Json<Vec<String>>,
    unit_snapshot: Json<Vec<String>>,
    sector: String,
    category_kind: String,
    category_name: String,
    year: i64,
    submitted_at: Option<OffsetDateTime>,
    visible_from: Option<OffsetDateTime>,
    justification: Option<String>,
    justified_from: Option<OffsetDateTime>,
}

impl TryFrom<StoredIndexable> for Indexable {
    type Error = StoreError;

    fn try_from(r: StoredIndexable) -> Result<Indexable> {
        Ok(Indexable {
            category_kind: decode::code(
                CategoryKind::parse,
                "application",
                r.id,
                "category.kind",
                r.category_kind,
            )?,
            id: r.id,
            category_id: r.category_id,
            title: r.title,
            summary: r.summary,
            origin_note: r.origin_note,
            outside_partners: r.outside_partners,
            answers: r.answers,
            unit_snapshot: r.unit_snapshot,
            sector: r.sector,
            category_name: r.category_name,
            year: r.year,
            submitted_at: r.submitted_at,
            visible_from: r.visible_from,
            justification: r.justification,
            justified_from: r.justified_from,
        })
    }
}

macro_rules! select_indexable {
    ($where:literal) => {
        concat!(
            "SELECT a.id, a.category_id, a.title, a.summary, a.answers, a.origin_note, \
             a.outside_partners, a.unit_snapshot, \
             a.sector, c.kind AS category_kind, \
             c.name AS category_name, r.year, a.submitted_at, \
             CASE WHEN r.state = 'draft' THEN NULL WHEN r.visibility = 'on_submit' THEN a.submitted_at \
             ELSE COALESCE(c.extended_deadline, c.deadline) END AS visible_from, \
             d.justification, d.published_at AS justified_from FROM application a \
             JOIN category c ON c.id = a.category_id JOIN round r ON r.id = c.round_id \
             LEFT JOIN decision d ON d.application_id = a.id ",
            $where
        )
    };
}

/// Submitted applications in id order after `after`, `limit` at a time, so that a rebuild
/// never holds the whole catalogue in memory.
///
/// Each batch seeks the primary key from `after` (the nil id, below every other, for the
/// first). `|| ''` keeps SQLite from choosing the index on `state` instead: it then sorted
/// every submitted application for each batch, and a rebuild at 100 000 took 100 s, not 10.
pub async fn indexable_batch(db: &Db, after: Option<Uuid>, limit: i64) -> Result<Vec<Indexable>> {
    decode::all::<StoredIndexable, _>(on_pool!(db, |pool| sqlx::query_as(select_indexable!(
        "WHERE a.id > $1 AND a.state || '' = 'submitted' ORDER BY a.id LIMIT $2"
    ))
    .bind(after.unwrap_or(Uuid::nil()))
    .bind(limit)
    .fetch_all(pool)
    .await)?)
}

/// How many applications the search indexes (the submitted ones), for a rebuild's progress.
pub async fn indexable_count(db: &Db) -> Result<i64> {
    Ok(on_pool!(db, |pool| sqlx::query_scalar(
        "SELECT COUNT(*) FROM application WHERE state = 'submitted'"
    )
    .fetch_one(pool)
    .await)?)
}

pub async fn indexable(db: &Db, id: Uuid) -> Result<Option<Indexable>> {
    decode::optional::<StoredIndexable, _>(on_pool!(db, |pool| sqlx::query_as(select_indexable!(
        "WHERE a.id = $1 AND a.state = 'submitted'"
    ))
    .bind(id)
    .fetch_optional(pool)
    .await)?)
}

/// The submitted applications of a round, to reindex after its settings change.
pub async fn submitted_in_round(db: &Db, round: Uuid) -> Result<Vec<Uuid>> {
    Ok(on_pool!(db, |pool| sqlx::query_scalar(
        "SELECT a.id FROM application a JOIN category c ON c.id = a.category_id \
         WHERE c.round_id = $1 AND a.state = 'submitted'"
    )
    .bind(round)
    .fetch_all(pool)
    .await)?)
}

/// The search change counter as committed: every application written so far carries a
/// `change_seq` no higher (migration 0023 raises it on every insert and update).
pub async fn search_change(db: &Db) -> Result<i64> {
    Ok(on_pool!(db, |pool| sqlx::query_scalar(
        "SELECT seq FROM search_change WHERE id = 1"
    )
    .fetch_one(pool)
    .await)?)
}

/// Applications written after change `after`, in the order of their changes, `limit` at a
/// time: what an index that has caught up to `after` must read again.
pub async fn changed_after(db: &Db, after: i64, limit: i64) -> Result<Vec<(Uuid, i64)>> {
    Ok(on_pool!(db, |pool| sqlx::query_as(
        "SELECT id, change_seq FROM application WHERE change_seq > $1 \
         ORDER BY change_seq LIMIT $2"
    )
    .bind(after)
    .bind(limit)
    .fetch_all(pool)
    .await)?)
}

/// A published outcome, for the results feed and the hall of fame.
#[derive(Debug, Clone)]
pub struct Published {
    pub application_id: Uuid,
    pub title: String,
    pub kind: Outcome,
    pub justification: String,
    pub published_at: OffsetDateTime,
    pub category_id: Uuid,
    pub category_name: String,
    /// The category's place in its round: prizes are listed in this order.
    pub category_position: i64,
    pub year: i64,
}

#[derive(sqlx::FromRow)]
struct StoredPublished {
    application_id: Uuid,
    title: String,
    kind: String,
    justification: String,
    published_at: OffsetDateTime,
    category_id: Uuid,
    category_name: String,
    category_position: i64,
    year: i64,
}

impl TryFrom<StoredPublished> for Published {
    type Error = StoreError;

    fn try_from(r: StoredPublished) -> Result<Published> {
        Ok(Published {
            kind: decode::code(
                Outcome::parse,
                "application",
                r.application_id,
                "decision.kind",
                r.kind,
            )?,
            application_id: r.application_id,
            title: r.title,
            justification: r.justification,
            published_at: r.published_at,
            category_id: r.category_id,
            category_name: r.category_name,
            category_position: r.category_position,
            year: r.year,
        })
    }
}

/// The public outcomes at `$1` (now) of the public applications, through `outcome_at!`
/// only: a justification and a publication time from the decision's publication minute, the
/// nominee minute for a nomination before that. `$where` narrows the rows.
macro_rules! select_published {
    ($where:literal) => {
        concat!(
            "SELECT a.id AS application_id, a.title, ", outcome_at!("d", "c", "$1"), " AS kind, \
             CASE WHEN d.published_at <= $1 THEN d.justification ELSE '' END AS justification, \
             CASE WHEN d.published_at <= $1 THEN d.published_at ELSE c.nominees_at END AS published_at, \
             c.id AS category_id, c.name AS category_name, c.position AS category_position, \
             r.year FROM decision d JOIN application a ON a.id = d.application_id \
             JOIN category c ON c.id = a.category_id JOIN round r ON r.id = c.round_id \
             WHERE ", outcome_at!("d", "c", "$1"), " IS NOT NULL AND ", public_at!("a.state", "c", "r", "$1"), " ",
            $where
        )
    };
}

/// Outcomes published by `now`, newest first.
pub async fn published(db: &Db, now: OffsetDateTime, limit: i64) -> Result<Vec<Published>> {
    decode::all::<StoredPublished, _>(on_pool!(db, |pool| {
        sqlx::query_as(select_published!("ORDER BY 5 DESC, a.id LIMIT $2"))
            .bind(utc(now))
            .bind(limit)
            .fetch_all(pool)
            .await
    })?)
}

/// The outcomes public at `now` in one round, by prize (in the round's order) and rank.
pub async fn published_in_round(
    db: &Db,
    now: OffsetDateTime,
    round: Uuid,
) -> Result<Vec<Published>> {
    decode::all::<StoredPublished, _>(on_pool!(db, |pool| {
        sqlx::query_as(select_published!(
            "AND r.id = $2 ORDER BY c.position, c.name, a.title, a.id"
        ))
        .bind(utc(now))
        .bind(round)
        .fetch_all(pool)
        .await
    })?)
}

/// The outcome of one application the public may see at `now`, if any.
pub async fn outcome_of(db: &Db, now: OffsetDateTime, id: Uuid) -> Result<Option<Published>> {
    decode::optional::<StoredPublished, _>(on_pool!(db, |pool| {
        sqlx::query_as(select_published!("AND a.id = $2"))
            .bind(utc(now))
            .bind(id)
            .fetch_optional(pool)
            .await
    })?)
}

/// Every link between applications public at `now`: (from, to, kind) where kind is
/// `stolen` (from adopted to's idea) or `continues`.
pub async fn idea_links(db: &Db, now: OffsetDateTime) -> Result<Vec<(Uuid, Uuid, String)>> {
    Ok(on_pool!(db, |pool| sqlx::query_as(concat!(
        "SELECT a.id, a.source_application_id, 'stolen' FROM application a \
         JOIN ",
        public_applications!("$1"),
        " pa ON pa.id = a.id \
         JOIN ",
        public_applications!("$1"),
        " ps ON ps.id = a.source_application_id \
         UNION ALL \
         SELECT l.application_id, l.continues_id, 'continues' FROM application_link l \
         JOIN ",
        public_applications!("$1"),
        " pa ON pa.id = l.application_id \
         JOIN ",
        public_applications!("$1"),
        " pe ON pe.id = l.continues_id"
    ))
    .bind(utc(now))
    .fetch_all(pool)
    .await)?)
}
