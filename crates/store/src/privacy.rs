//! What is stored about one person, read whole for their download, and the pseudonymisation
//! that replaces an account when its owner asks for deletion (issue 11). Submitted
//! applications stay with their unit (a municipality's case records outrank erasure); the
//! person's name, address, sign-in means and roles go, and their unsubmitted drafts with them.

use crate::{Db, Result, Tx, on_pool, on_tx};
use time::OffsetDateTime;
use uuid::Uuid;

#[derive(Debug, Clone, sqlx::FromRow)]
pub struct ProfileRow {
    pub email: String,
    pub name: String,
    pub unit_name: Option<String>,
    pub locale: Option<String>,
    pub active: bool,
    pub created_at: OffsetDateTime,
    pub has_password: bool,
    pub has_second_factor: bool,
}

#[derive(Debug, Clone, sqlx::FromRow)]
pub struct OwnApplicationRow {
    pub id: Uuid,
    pub title: String,
    pub summary: String,
    pub state: String,
    pub category: String,
    pub year: i64,
    pub owner: bool,
    pub answers: sqlx::types::Json<serde_json::Value>,
    pub created_at: OffsetDateTime,
    pub updated_at: OffsetDateTime,
    pub submitted_at: Option<OffsetDateTime>,
    pub withdrawn_at: Option<OffsetDateTime>,
}

/// A dated act of the person's on something (a cheer, an endorsement, a tip, a story…).
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct ActRow {
    pub id: Option<Uuid>,
    pub text: String,
    pub at: OffsetDateTime,
}

#[derive(Debug, Clone, sqlx::FromRow)]
pub struct AuditActRow {
    pub at: OffsetDateTime,
    pub action: String,
    pub entity: String,
    pub entity_id: Option<Uuid>,
}

/// Everything stored about one person, table by table.
pub struct AboutRows {
    pub profile: ProfileRow,
    pub roles: Vec<String>,
    /// (issuer, subject, since)
    pub identities: Vec<(String, String, OffsetDateTime)>,
    pub applications: Vec<OwnApplicationRow>,
    pub endorsements: Vec<ActRow>,
    pub cheers: Vec<ActRow>,
    pub adoptions: Vec<ActRow>,
    pub tips: Vec<ActRow>,
    pub stories: Vec<ActRow>,
    pub sessions: i64,
    pub audit: Vec<AuditActRow>,
}

/// Everything stored about `user`, or `None` when there is no such account.
pub async fn about(db: &Db, user: Uuid) -> Result<Option<AboutRows>> {
    let profile: Option<ProfileRow> = on_pool!(db, |pool| sqlx::query_as(
        "SELECT u.email, u.name, n.name AS unit_name, u.locale, u.active, u.created_at, \
         (u.password_hash IS NOT NULL) AS has_password, \
         (u.totp_secret IS NOT NULL) AS has_second_factor \
         FROM users u LEFT JOIN unit n ON n.id = u.unit_id WHERE u.id = $1"
    )
    .bind(user)
    .fetch_optional(pool)
    .await)?;
    let Some(profile) = profile else {
        return Ok(None);
    };
    let roles = on_pool!(db, |pool| sqlx::query_scalar(
        "SELECT role FROM user_role WHERE user_id = $1 ORDER BY role"
    )
    .bind(user)
    .fetch_all(pool)
    .await)?;
    let identities = on_pool!(db, |pool| sqlx::query_as(
        "SELECT issuer, subject, created_at FROM external_identity WHERE user_id = $1 \
         ORDER BY created_at"
    )
    .bind(user)
    .fetch_all(pool)
    .await)?;
    let applications = on_pool!(db, |pool| sqlx::query_as(
        "SELECT a.id, a.title, a.summary, a.state, c.name AS category, r.year, \
         (a.owner_id = $1) AS owner, a.answers, a.created_at, a.updated_at, a.submitted_at, \
         a.withdrawn_at FROM application a JOIN category c ON c.id = a.category_id \
         JOIN round r ON r.id = c.round_id \
         WHERE a.owner_id = $1 OR EXISTS (SELECT 1 FROM team_member t \
           WHERE t.application_id = a.id AND t.user_id = $1) \
         ORDER BY a.created_at, a.id"
    )
    .bind(user)
    .fetch_all(pool)
    .await)?;
    let acts = |sql: &'static str| async move {
        Ok::<Vec<ActRow>, crate::StoreError>(on_pool!(db, |pool| sqlx::query_as(sql)
            .bind(user)
            .fetch_all(pool)
            .await)?)
    };
    let endorsements = acts(
        "SELECT application_id AS id, note AS text, created_at AS at FROM endorsement \
         WHERE user_id = $1 ORDER BY created_at",
    )
    .await?;
    let cheers = acts(
        "SELECT application_id AS id, '' AS text, created_at AS at FROM cheer \
         WHERE user_id = $1 ORDER BY created_at",
    )
    .await?;
    let adoptions = acts(
        "SELECT source_application_id AS id, note AS text, created_at AS at FROM adoption \
         WHERE created_by = $1 ORDER BY created_at",
    )
    .await?;
    let tips = acts(
        "SELECT id, innovation || ': ' || reason AS text, created_at AS at FROM tip \
         WHERE tipped_by = $1 ORDER BY created_at",
    )
    .await?;
    let stories = acts(
        "SELECT id, title AS text, created_at AS at FROM story WHERE author_id = $1 \
         ORDER BY created_at",
    )
    .await?;
    let sessions = on_pool!(db, |pool| sqlx::query_scalar(
        "SELECT COUNT(*) FROM session WHERE user_id = $1"
    )
    .bind(user)
    .fetch_one(pool)
    .await)?;
    let audit = on_pool!(db, |pool| sqlx::query_as(
        "SELECT at, action, entity, entity_id FROM audit_log WHERE actor_id = $1 \
         ORDER BY at, id"
    )
    .bind(user)
    .fetch_all(pool)
    .await)?;
    Ok(Some(AboutRows {
        profile,
        roles,
        identities,
        applications,
        endorsements,
        cheers,
        adoptions,
        tips,
        stories,
        sessions,
        audit,
    }))
}

/// How many other active accounts hold the administrator role.
pub async fn other_administrators(tx: &mut Tx, user: Uuid) -> Result<i64> {
    Ok(on_tx!(tx, |conn| sqlx::query_scalar(
        "SELECT COUNT(*) FROM users u JOIN user_role r ON r.user_id = u.id \
         WHERE r.role = 'administrator' AND u.active AND u.id <> $1"
    )
    .bind(user)
    .fetch_one(conn)
    .await)?)
}

/// The address a pseudonymised account gets: unique, and no one's.
pub fn pseudonym_email(user: Uuid) -> String {
    format!("deleted-{}@deleted.invalid", user.simple())
}

/// What a deletion did, for its audit row.
#[derive(Debug, Default)]
pub struct Erased {
    /// Drafts deleted with the account (it was their only member with an account).
    pub drafts_deleted: u64,
    /// Drafts handed on to another team member.
    pub drafts_handed_on: u64,
    /// Storage keys of the deleted drafts' files, to remove once the transaction commits.
    pub files: Vec<String>,
}

/// Unsubmitted drafts owned by `owner` whose team has no other member with an account.
async fn lonely_drafts(tx: &mut Tx, owner: Uuid) -> Result<Vec<Uuid>> {
    Ok(on_tx!(tx, |conn| sqlx::query_scalar(
        "SELECT a.id FROM application a WHERE a.owner_id = $1 AND a.state = 'draft' \
         AND NOT EXISTS (SELECT 1 FROM team_member t WHERE t.application_id = a.id \
           AND t.user_id IS NOT NULL AND t.user_id <> $1)"
    )
    .bind(owner)
    .fetch_all(conn)
    .await)?)
}

/// Deletes unsubmitted drafts and what hangs on them; returns their files' storage keys.
pub async fn delete_drafts(tx: &mut Tx, ids: &[Uuid]) -> Result<Vec<String>> {
    let mut keys = Vec::new();
    for id in ids {
        let files: Vec<(String, Option<String>)> = on_tx!(tx, |conn| sqlx::query_as(
            "SELECT storage_key, thumbnail_key FROM attachment WHERE application_id = $1"
        )
        .bind(id)
        .fetch_all(conn)
        .await)?;
        let deleted = on_tx!(tx, |conn| sqlx::query(
            "DELETE FROM application WHERE id = $1 AND state = 'draft'"
        )
        .bind(id)
        .execute(conn)
        .await
        .map(|r| r.rows_affected()))?;
        // Submitted in the meantime: it stays, and so do its files.
        if deleted == 1 {
            for (key, thumbnail) in files {
                keys.push(key);
                keys.extend(thumbnail);
            }
        }
    }
    Ok(keys)
}

/// Replaces the account by a pseudonym in one transaction: name and address, password,
/// second factor, sign-in identities, roles, sessions and invitations go; drafts only the
/// person could finish are deleted, drafts shared with a colleague are handed to them; the
/// person's team memberships keep only the pseudonym. The row itself stays, so submitted
/// applications, reviews and the audit log keep pointing at someone.
pub async fn pseudonymise(tx: &mut Tx, user: Uuid, email: &str) -> Result<Erased> {
    let mut erased = Erased::default();
    let lonely = lonely_drafts(tx, user).await?;
    erased.files = delete_drafts(tx, &lonely).await?;
    erased.drafts_deleted = lonely.len() as u64;
    erased.drafts_handed_on = on_tx!(tx, |conn| sqlx::query(
        "UPDATE application SET owner_id = (SELECT t.user_id FROM team_member t \
           WHERE t.application_id = application.id AND t.user_id IS NOT NULL \
           AND t.user_id <> $1 ORDER BY t.invited_at, t.email LIMIT 1) \
         WHERE owner_id = $1 AND state = 'draft'"
    )
    .bind(user)
    .execute(conn)
    .await
    .map(|r| r.rows_affected()))?;
    let pseudonym = pseudonym_email(user);
    // Out of the teams of drafts (someone else finishes them); a pseudonym on the others.
    on_tx!(tx, |conn| sqlx::query(
        "DELETE FROM team_member WHERE (user_id = $1 OR email = $2) AND application_id IN \
         (SELECT id FROM application WHERE state = 'draft')"
    )
    .bind(user)
    .bind(email)
    .execute(conn)
    .await
    .map(|_| ()))?;
    on_tx!(tx, |conn| sqlx::query(
        "UPDATE team_member SET email = $3, user_id = $1 WHERE user_id = $1 OR email = $2"
    )
    .bind(user)
    .bind(email)
    .bind(&pseudonym)
    .execute(conn)
    .await
    .map(|_| ()))?;
    for sql in [
        "DELETE FROM user_role WHERE user_id = $1",
        "DELETE FROM external_identity WHERE user_id = $1",
        "DELETE FROM session WHERE user_id = $1",
        "DELETE FROM invitation WHERE user_id = $1",
        "DELETE FROM recovery_code WHERE user_id = $1",
        "DELETE FROM jury_member WHERE user_id = $1",
        "DELETE FROM jury_assignment WHERE user_id = $1",
    ] {
        on_tx!(tx, |conn| sqlx::query(sql)
            .bind(user)
            .execute(conn)
            .await
            .map(|_| ()))?;
    }
    on_tx!(tx, |conn| sqlx::query(
        "UPDATE users SET email = $2, name = '', password_hash = NULL, unit_id = NULL, \
         locale = NULL, active = FALSE, totp_secret = NULL, totp_last_step = NULL, \
         version = version + 1 WHERE id = $1"
    )
    .bind(user)
    .bind(&pseudonym)
    .execute(conn)
    .await
    .map(|_| ()))?;
    Ok(erased)
}

/// Unsubmitted drafts in categories whose (extended) deadline was before `closed_before`.
pub async fn drafts_closed_before(db: &Db, closed_before: OffsetDateTime) -> Result<Vec<Uuid>> {
    Ok(on_pool!(db, |pool| sqlx::query_scalar(
        "SELECT a.id FROM application a JOIN category c ON c.id = a.category_id \
         WHERE a.state = 'draft' AND COALESCE(c.extended_deadline, c.deadline) < $1 \
         ORDER BY a.id"
    )
    .bind(crate::utc(closed_before))
    .fetch_all(pool)
    .await)?)
}
