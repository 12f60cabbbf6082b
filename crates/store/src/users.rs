//! Users and their roles.

use crate::like::contains_pattern;
use crate::{Db, Result, StoreError, Tx, on_pool, on_tx, utc};
use prisverdig_domain::email::Email;
use prisverdig_domain::role::Role;
use time::OffsetDateTime;
use uuid::Uuid;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct User {
    pub id: Uuid,
    pub email: String,
    pub name: String,
    pub unit_id: Option<Uuid>,
    pub locale: Option<String>,
    pub roles: Vec<Role>,
}

impl User {
    pub fn has(&self, role: Role) -> bool {
        self.roles.contains(&role)
    }
}

#[derive(sqlx::FromRow)]
struct UserRow {
    id: Uuid,
    email: String,
    name: String,
    unit_id: Option<Uuid>,
    locale: Option<String>,
    password_hash: Option<String>,
    active: bool,
}

pub struct NewUser<'a> {
    pub email: &'a Email,
    pub name: &'a str,
    pub password_hash: Option<&'a str>,
    pub unit_id: Option<Uuid>,
    pub roles: &'a [Role],
}

pub async fn insert(tx: &mut Tx, now: OffsetDateTime, user: NewUser<'_>) -> Result<Uuid> {
    let id = Uuid::now_v7();
    on_tx!(tx, |conn| sqlx::query(
        "INSERT INTO users (id, email, name, password_hash, unit_id, created_at) \
         VALUES ($1, $2, $3, $4, $5, $6)"
    )
    .bind(id)
    .bind(user.email.as_str())
    .bind(user.name)
    .bind(user.password_hash)
    .bind(user.unit_id)
    .bind(utc(now))
    .execute(&mut *conn)
    .await
    .map(|_| ()))
    .map_err(|e| StoreError::unique_as(e, "user"))?;
    insert_roles(tx, id, user.roles).await?;
    Ok(id)
}

/// Gives `id` each of `roles` (the caller has removed the old ones where it replaces them).
async fn insert_roles(tx: &mut Tx, id: Uuid, roles: &[Role]) -> Result<()> {
    for role in roles {
        on_tx!(tx, |conn| sqlx::query(
            "INSERT INTO user_role (user_id, role) VALUES ($1, $2)"
        )
        .bind(id)
        .bind(role.as_str())
        .execute(conn)
        .await
        .map(|_| ()))?;
    }
    Ok(())
}

/// The columns of [`UserRow`], followed by a `WHERE` clause.
macro_rules! select_user {
    ($where:literal) => {
        concat!(
            "SELECT id, email, name, unit_id, locale, password_hash, active FROM users ",
            $where
        )
    };
}

async fn roles_of(db: &Db, id: Uuid) -> Result<Vec<Role>> {
    let names: Vec<String> = on_pool!(db, |pool| sqlx::query_scalar(
        "SELECT role FROM user_role WHERE user_id = $1 ORDER BY role"
    )
    .bind(id)
    .fetch_all(pool)
    .await)?;
    Ok(names.iter().filter_map(|n| Role::parse(n)).collect())
}

async fn complete(db: &Db, row: UserRow) -> Result<(User, Option<String>)> {
    let roles = roles_of(db, row.id).await?;
    let user = User {
        id: row.id,
        email: row.email,
        name: row.name,
        unit_id: row.unit_id,
        locale: row.locale,
        roles,
    };
    Ok((user, row.password_hash))
}

/// An active user and their password hash, by e-mail.
pub async fn find_for_sign_in(db: &Db, email: &Email) -> Result<Option<(User, Option<String>)>> {
    let row: Option<UserRow> =
        on_pool!(db, |pool| sqlx::query_as(select_user!("WHERE email = $1"))
            .bind(email.as_str())
            .fetch_optional(pool)
            .await)?;
    match row {
        Some(row) if row.active => Ok(Some(complete(db, row).await?)),
        _ => Ok(None),
    }
}

/// An active user by id (the session holds the id).
pub async fn find(db: &Db, id: Uuid) -> Result<Option<User>> {
    let row: Option<UserRow> = on_pool!(db, |pool| sqlx::query_as(select_user!("WHERE id = $1"))
        .bind(id)
        .fetch_optional(pool)
        .await)?;
    match row {
        Some(row) if row.active => Ok(Some(complete(db, row).await?.0)),
        _ => Ok(None),
    }
}

pub async fn id_by_email(tx: &mut Tx, email: &str) -> Result<Option<Uuid>> {
    Ok(on_tx!(tx, |conn| sqlx::query_scalar(
        "SELECT id FROM users WHERE email = $1"
    )
    .bind(email)
    .fetch_optional(conn)
    .await)?)
}

pub async fn count(db: &Db) -> Result<i64> {
    Ok(on_pool!(db, |pool| sqlx::query_scalar(
        "SELECT COUNT(*) FROM users"
    )
    .fetch_one(pool)
    .await)?)
}

/// Remembers the user's chosen language.
pub async fn set_locale(db: &Db, id: Uuid, locale: &str) -> Result<()> {
    on_pool!(db, |pool| sqlx::query(
        "UPDATE users SET locale = $1 WHERE id = $2"
    )
    .bind(locale)
    .bind(id)
    .execute(pool)
    .await
    .map(|_| ()))?;
    Ok(())
}

/// Whether `users` row `u` has never got in: no password set and no single sign-on identity.
/// (An invited account is such a row until its owner uses the link or signs in.)
macro_rules! pending_sql {
    ($u:literal) => {
        concat!(
            "(",
            $u,
            ".password_hash IS NULL AND NOT EXISTS (SELECT 1 FROM external_identity e WHERE e.user_id = ",
            $u,
            ".id))"
        )
    };
}
pub(crate) use pending_sql;

/// A user as the administrator's pages show them, active or not.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Account {
    pub id: Uuid,
    pub email: String,
    pub name: String,
    pub roles: Vec<Role>,
    pub active: bool,
    /// Invited but never signed in.
    pub pending: bool,
    pub version: i64,
    /// The unit the person belongs to, if any.
    pub unit_id: Option<Uuid>,
}

#[derive(sqlx::FromRow)]
struct AccountRow {
    id: Uuid,
    email: String,
    name: String,
    unit_id: Option<Uuid>,
    active: bool,
    pending: bool,
    version: i64,
}

macro_rules! select_account {
    ($rest:literal) => {
        concat!(
            "SELECT u.id, u.email, u.name, u.unit_id, u.active, ",
            pending_sql!("u"),
            " AS pending, u.version FROM users u ",
            $rest
        )
    };
}

async fn account_of(db: &Db, row: AccountRow) -> Result<Account> {
    Ok(Account {
        roles: roles_of(db, row.id).await?,
        id: row.id,
        email: row.email,
        name: row.name,
        active: row.active,
        pending: row.pending,
        version: row.version,
        unit_id: row.unit_id,
    })
}

/// How many users' name or e-mail contains `search` (any case).
pub async fn count_matching(db: &Db, search: &str) -> Result<i64> {
    let pattern = contains_pattern(search);
    Ok(on_pool!(db, |pool| sqlx::query_scalar(
        "SELECT COUNT(*) FROM users u \
         WHERE LOWER(u.name) LIKE $1 ESCAPE '\\' OR LOWER(u.email) LIKE $1 ESCAPE '\\'"
    )
    .bind(&pattern)
    .fetch_one(pool)
    .await)?)
}

/// One page of the users [`count_matching`] counts, by name.
pub async fn page(db: &Db, search: &str, offset: i64, limit: i64) -> Result<Vec<Account>> {
    let pattern = contains_pattern(search);
    let rows: Vec<AccountRow> = on_pool!(db, |pool| sqlx::query_as(select_account!(
        "WHERE LOWER(u.name) LIKE $1 ESCAPE '\\' OR LOWER(u.email) LIKE $1 ESCAPE '\\' \
         ORDER BY LOWER(u.name), u.email LIMIT $2 OFFSET $3"
    ))
    .bind(&pattern)
    .bind(limit)
    .bind(offset)
    .fetch_all(pool)
    .await)?;
    let mut accounts = Vec::with_capacity(rows.len());
    for row in rows {
        accounts.push(account_of(db, row).await?);
    }
    Ok(accounts)
}

/// Any user by id, active or not.
pub async fn account(db: &Db, id: Uuid) -> Result<Option<Account>> {
    let row: Option<AccountRow> = on_pool!(db, |pool| sqlx::query_as(select_account!(
        "WHERE u.id = $1"
    ))
    .bind(id)
    .fetch_optional(pool)
    .await)?;
    match row {
        Some(row) => Ok(Some(account_of(db, row).await?)),
        None => Ok(None),
    }
}

/// Any user by e-mail, active or not (a team invitation looks the address up).
pub async fn account_by_email(tx: &mut Tx, email: &str) -> Result<Option<(Uuid, bool)>> {
    let row: Option<(Uuid, bool)> = on_tx!(tx, |conn| sqlx::query_as(concat!(
        "SELECT u.id, ",
        pending_sql!("u"),
        " FROM users u WHERE u.email = $1"
    ))
    .bind(email)
    .fetch_optional(conn)
    .await)?;
    Ok(row)
}

/// Bumps the row's version if nobody changed it since `expected`; the caller's change
/// follows in the same transaction.
async fn claim(tx: &mut Tx, id: Uuid, expected: i64) -> Result<i64> {
    let updated = on_tx!(tx, |conn| sqlx::query(
        "UPDATE users SET version = version + 1 WHERE id = $1 AND version = $2"
    )
    .bind(id)
    .bind(expected)
    .execute(conn)
    .await
    .map(|r| r.rows_affected()))?;
    if updated == 0 {
        return Err(StoreError::VersionConflict {
            entity: "user",
            expected,
        });
    }
    Ok(expected + 1)
}

/// Replaces the user's roles if nobody changed the user since `expected`.
pub async fn set_roles(tx: &mut Tx, id: Uuid, expected: i64, roles: &[Role]) -> Result<i64> {
    let version = claim(tx, id, expected).await?;
    on_tx!(tx, |conn| sqlx::query(
        "DELETE FROM user_role WHERE user_id = $1"
    )
    .bind(id)
    .execute(conn)
    .await
    .map(|_| ()))?;
    insert_roles(tx, id, roles).await?;
    Ok(version)
}

/// Puts the user in `unit` (or in none) if nobody changed them since `expected`.
pub async fn set_unit(tx: &mut Tx, id: Uuid, expected: i64, unit: Option<Uuid>) -> Result<i64> {
    let version = claim(tx, id, expected).await?;
    on_tx!(tx, |conn| sqlx::query(
        "UPDATE users SET unit_id = $1 WHERE id = $2"
    )
    .bind(unit)
    .bind(id)
    .execute(conn)
    .await
    .map(|_| ()))?;
    Ok(version)
}

/// Deactivates or reactivates the user if nobody changed them since `expected`.
pub async fn set_active(tx: &mut Tx, id: Uuid, expected: i64, active: bool) -> Result<i64> {
    let version = claim(tx, id, expected).await?;
    on_tx!(tx, |conn| sqlx::query(
        "UPDATE users SET active = $1 WHERE id = $2"
    )
    .bind(active)
    .bind(id)
    .execute(conn)
    .await
    .map(|_| ()))?;
    Ok(version)
}

/// Sets the password (through an invitation link) and, when given, the user's name.
pub async fn set_password(tx: &mut Tx, id: Uuid, hash: &str, name: &str) -> Result<()> {
    on_tx!(tx, |conn| sqlx::query(
        "UPDATE users SET password_hash = $1, name = $2, version = version + 1 WHERE id = $3"
    )
    .bind(hash)
    .bind(name)
    .bind(id)
    .execute(conn)
    .await
    .map(|_| ()))?;
    Ok(())
}

/// Gives an account that never got in the name and unit its owner arrives with through
/// single sign-on (the account then has an identity, so it is no longer pending).
pub async fn complete_pending(
    tx: &mut Tx,
    id: Uuid,
    name: &str,
    unit_id: Option<Uuid>,
) -> Result<()> {
    on_tx!(tx, |conn| sqlx::query(
        "UPDATE users SET name = $2, unit_id = COALESCE($3, unit_id), version = version + 1 \
         WHERE id = $1"
    )
    .bind(id)
    .bind(name)
    .bind(unit_id)
    .execute(conn)
    .await
    .map(|_| ()))?;
    Ok(())
}

/// Team invitations sent to this address before its account existed now name the account.
pub async fn claim_team_invitations(tx: &mut Tx, id: Uuid, email: &str) -> Result<u64> {
    Ok(on_tx!(tx, |conn| sqlx::query(
        "UPDATE team_member SET user_id = $1 WHERE email = $2 AND user_id IS NULL"
    )
    .bind(id)
    .bind(email)
    .execute(conn)
    .await
    .map(|r| r.rows_affected()))?)
}

#[cfg(test)]
mod tests {
    use super::contains_pattern;

    #[test]
    fn search_patterns_match_literally() {
        assert_eq!(contains_pattern(" Kari "), "%kari%");
        assert_eq!(contains_pattern("50%_a\\"), "%50\\%\\_a\\\\%");
    }
}
