//! Users and their roles.

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
    for role in user.roles {
        on_tx!(tx, |conn| sqlx::query(
            "INSERT INTO user_role (user_id, role) VALUES ($1, $2)"
        )
        .bind(id)
        .bind(role.as_str())
        .execute(conn)
        .await
        .map(|_| ()))?;
    }
    Ok(id)
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
