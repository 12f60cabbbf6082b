//! The audit log: who did what to which entity, written in the same transaction as the change.

use crate::like::contains_pattern;
use crate::{Db, Result, Tx, on_pool, on_tx, utc};
use time::OffsetDateTime;
use uuid::Uuid;

pub struct AuditEntry<'a> {
    pub actor: Option<Uuid>,
    pub action: &'a str,
    pub entity: &'a str,
    pub entity_id: Option<Uuid>,
    pub detail: serde_json::Value,
}

pub async fn record(tx: &mut Tx, at: OffsetDateTime, entry: AuditEntry<'_>) -> Result<()> {
    on_tx!(tx, |conn| sqlx::query(
        "INSERT INTO audit_log (id, at, actor_id, action, entity, entity_id, detail) \
         VALUES ($1, $2, $3, $4, $5, $6, $7)"
    )
    .bind(Uuid::now_v7())
    .bind(utc(at))
    .bind(entry.actor)
    .bind(entry.action)
    .bind(entry.entity)
    .bind(entry.entity_id)
    .bind(sqlx::types::Json(&entry.detail))
    .execute(conn)
    .await
    .map(|_| ()))?;
    Ok(())
}

/// Which entries the administrators' audit page shows; every part is optional.
#[derive(Debug, Clone, Default)]
pub struct AuditFilter {
    /// Exactly this action, e.g. `round.update`.
    pub action: Option<String>,
    /// Entries about this entity.
    pub entity_id: Option<Uuid>,
    /// Entries whose actor's name or e-mail contains this text (any case).
    pub actor: Option<String>,
    /// From this time on.
    pub from: Option<OffsetDateTime>,
    /// Before this time.
    pub until: Option<OffsetDateTime>,
}

/// One entry with its actor's name and e-mail as they are now.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct AuditRow {
    pub id: Uuid,
    pub at: OffsetDateTime,
    pub actor_id: Option<Uuid>,
    pub actor_name: Option<String>,
    pub actor_email: Option<String>,
    pub action: String,
    pub entity: String,
    pub entity_id: Option<Uuid>,
    pub detail: sqlx::types::Json<serde_json::Value>,
}

/// `WHERE` for [`AuditFilter`]: a part whose parameter is NULL matches everything, so one
/// text serves every combination ($1 action, $2 entity, $3 actor pattern, $4 from, $5 until).
macro_rules! audit_where {
    () => {
        "FROM audit_log a LEFT JOIN users u ON u.id = a.actor_id \
         WHERE ($1 IS NULL OR a.action = $1) AND ($2 IS NULL OR a.entity_id = $2) \
         AND ($3 IS NULL OR LOWER(u.name) LIKE $3 ESCAPE '\\' OR LOWER(u.email) LIKE $3 ESCAPE '\\') \
         AND ($4 IS NULL OR a.at >= $4) AND ($5 IS NULL OR a.at < $5)"
    };
}

/// The filter's parameters in the order of [`audit_where!`].
struct Parameters<'a> {
    action: Option<&'a str>,
    entity: Option<Uuid>,
    actor: Option<String>,
    from: Option<OffsetDateTime>,
    until: Option<OffsetDateTime>,
}

fn parameters(f: &AuditFilter) -> Parameters<'_> {
    Parameters {
        action: f.action.as_deref(),
        entity: f.entity_id,
        actor: f.actor.as_deref().map(contains_pattern),
        from: f.from.map(utc),
        until: f.until.map(utc),
    }
}

/// How many entries match.
pub async fn count(db: &Db, filter: &AuditFilter) -> Result<i64> {
    let Parameters {
        action,
        entity,
        actor,
        from,
        until,
    } = parameters(filter);
    Ok(on_pool!(db, |pool| sqlx::query_scalar(concat!(
        "SELECT COUNT(*) ",
        audit_where!()
    ))
    .bind(action)
    .bind(entity)
    .bind(&actor)
    .bind(from)
    .bind(until)
    .fetch_one(pool)
    .await)?)
}

/// Matching entries, newest first.
pub async fn page(db: &Db, filter: &AuditFilter, offset: i64, limit: i64) -> Result<Vec<AuditRow>> {
    let Parameters {
        action,
        entity,
        actor,
        from,
        until,
    } = parameters(filter);
    Ok(on_pool!(db, |pool| sqlx::query_as(concat!(
        "SELECT a.id, a.at, a.actor_id, u.name AS actor_name, u.email AS actor_email, a.action, \
         a.entity, a.entity_id, a.detail ",
        audit_where!(),
        " ORDER BY a.at DESC, a.id DESC LIMIT $6 OFFSET $7"
    ))
    .bind(action)
    .bind(entity)
    .bind(&actor)
    .bind(from)
    .bind(until)
    .bind(limit)
    .bind(offset)
    .fetch_all(pool)
    .await)?)
}

/// Every action that occurs in the log, for the filter's choices.
pub async fn actions(db: &Db) -> Result<Vec<String>> {
    Ok(on_pool!(db, |pool| sqlx::query_scalar(
        "SELECT DISTINCT action FROM audit_log ORDER BY action"
    )
    .fetch_all(pool)
    .await)?)
}
