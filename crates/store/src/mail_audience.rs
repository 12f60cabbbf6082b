//! Who a message goes to: an application's team (its owner and every member, with their saved
//! language), a category's teams in a state, people by id, administrators, units' leaders.
//! Deactivated and deleted accounts get nothing.

use crate::{Db, Result, Tx, on_pool, on_tx};
use uuid::Uuid;

/// One addressee on a team.
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct TeamAddress {
    pub application_id: Uuid,
    pub title: String,
    pub user_id: Option<Uuid>,
    pub email: String,
    pub locale: Option<String>,
}

/// A person with an account.
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct Person {
    pub id: Uuid,
    pub email: String,
    pub locale: Option<String>,
}

/// The owner and the members of the applications chosen by `which` (a condition on `a`),
/// each address once per application. A member without an account is reached at the address
/// they were invited with.
macro_rules! teams_sql {
    ($which:literal) => {
        concat!(
            "SELECT a.id AS application_id, a.title, u.id AS user_id, u.email, u.locale \
             FROM application a JOIN users u ON u.id = a.owner_id \
             WHERE ",
            $which,
            " AND u.active AND u.email NOT LIKE '%@deleted.invalid' \
             UNION \
             SELECT a.id AS application_id, a.title, u.id AS user_id, \
             COALESCE(u.email, t.email) AS email, u.locale \
             FROM application a JOIN team_member t ON t.application_id = a.id \
             LEFT JOIN users u ON u.id = t.user_id \
             WHERE ",
            $which,
            " AND (u.id IS NULL OR (u.active AND u.email NOT LIKE '%@deleted.invalid')) \
             ORDER BY application_id, email"
        )
    };
}

/// The teams of a category's applications in `state` (`draft`, `submitted`).
pub async fn teams(db: &Db, category_id: Uuid, state: &str) -> Result<Vec<TeamAddress>> {
    Ok(on_pool!(db, |pool| sqlx::query_as(teams_sql!(
        "a.category_id = $1 AND a.state = $2"
    ))
    .bind(category_id)
    .bind(state)
    .fetch_all(pool)
    .await)?)
}

/// One application's team, read outside a transaction.
pub async fn teams_of(db: &Db, application_id: Uuid) -> Result<Vec<TeamAddress>> {
    Ok(on_pool!(db, |pool| sqlx::query_as(teams_sql!(
        "a.id = $1"
    ))
    .bind(application_id)
    .fetch_all(pool)
    .await)?)
}

/// One application's team.
pub async fn team(tx: &mut Tx, application_id: Uuid) -> Result<Vec<TeamAddress>> {
    Ok(on_tx!(tx, |conn| sqlx::query_as(teams_sql!("a.id = $1"))
        .bind(application_id)
        .fetch_all(conn)
        .await)?)
}

/// Active people by id (those not found or not active are left out).
pub async fn people(db: &Db, ids: &[Uuid]) -> Result<Vec<Person>> {
    let mut found = Vec::with_capacity(ids.len());
    for id in ids {
        let person: Option<Person> = on_pool!(db, |pool| sqlx::query_as(
            "SELECT id, email, locale FROM users WHERE id = $1 AND active \
             AND email NOT LIKE '%@deleted.invalid'"
        )
        .bind(id)
        .fetch_optional(pool)
        .await)?;
        found.extend(person);
    }
    Ok(found)
}

/// The active administrators.
pub async fn administrators(tx: &mut Tx) -> Result<Vec<Person>> {
    Ok(on_tx!(tx, |conn| sqlx::query_as(
        "SELECT u.id, u.email, u.locale FROM users u JOIN user_role r ON r.user_id = u.id \
         WHERE r.role = 'administrator' AND u.active ORDER BY u.email"
    )
    .fetch_all(conn)
    .await)?)
}

/// Whom to invite for a unit: its leaders, or everyone in it when it has none.
pub async fn unit_invitees(tx: &mut Tx, unit: Uuid) -> Result<Vec<Person>> {
    let leaders: Vec<Person> = on_tx!(tx, |conn| sqlx::query_as(
        "SELECT u.id, u.email, u.locale FROM users u JOIN user_role r ON r.user_id = u.id \
         WHERE r.role = 'leader' AND u.unit_id = $1 AND u.active ORDER BY u.email"
    )
    .bind(unit)
    .fetch_all(&mut *conn)
    .await)?;
    if !leaders.is_empty() {
        return Ok(leaders);
    }
    Ok(on_tx!(tx, |conn| sqlx::query_as(
        "SELECT id, email, locale FROM users WHERE unit_id = $1 AND active ORDER BY email"
    )
    .bind(unit)
    .fetch_all(conn)
    .await)?)
}

/// Every active unit leader: who the call for applications goes to.
pub async fn leaders(tx: &mut Tx) -> Result<Vec<Person>> {
    Ok(on_tx!(tx, |conn| sqlx::query_as(
        "SELECT DISTINCT u.id, u.email, u.locale FROM users u \
         JOIN user_role r ON r.user_id = u.id \
         WHERE r.role = 'leader' AND u.active ORDER BY u.email"
    )
    .fetch_all(conn)
    .await)?)
}
