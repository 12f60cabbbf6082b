//! `jury_assignment`: which juror reviews which application when a category has a fixed
//! number of reviewers per application (`category.reviewers_per_application`). In the
//! «all» mode (NULL) the rows are not read. Every change goes through the category's
//! `jury_version`, so two administrators cannot overwrite each other's split unseen.

use crate::{Db, Result, StoreError, Tx, on_pool, on_tx};
use prisverdig_domain::jury::AssignmentMode;
use uuid::Uuid;

/// The (application, juror) pairs of a category's applications.
pub async fn of_category(db: &Db, category_id: Uuid) -> Result<Vec<(Uuid, Uuid)>> {
    Ok(on_pool!(db, |pool| sqlx::query_as(
        "SELECT j.application_id, j.user_id FROM jury_assignment j \
         JOIN application a ON a.id = j.application_id WHERE a.category_id = $1 \
         ORDER BY a.submitted_at, a.id, j.user_id"
    )
    .bind(category_id)
    .fetch_all(pool)
    .await)?)
}

/// Moves the category's `jury_version` on if nobody changed it since `expected`, setting the
/// mode when one is given: the check every assignment change makes.
pub async fn claim(
    tx: &mut Tx,
    category_id: Uuid,
    expected: i64,
    mode: Option<AssignmentMode>,
) -> Result<i64> {
    let n = on_tx!(tx, |conn| sqlx::query(
        "UPDATE category SET reviewers_per_application = \
         CASE WHEN $1 THEN $2 ELSE reviewers_per_application END, \
         jury_version = jury_version + 1 WHERE id = $3 AND jury_version = $4"
    )
    .bind(mode.is_some())
    .bind(mode.and_then(AssignmentMode::column))
    .bind(category_id)
    .bind(expected)
    .execute(conn)
    .await
    .map(|r| r.rows_affected()))?;
    StoreError::checked(n, "category jury", expected)
}

/// Replaces every pair of the category's applications by `pairs`.
pub async fn replace(tx: &mut Tx, category_id: Uuid, pairs: &[(Uuid, Uuid)]) -> Result<()> {
    on_tx!(tx, |conn| sqlx::query(
        "DELETE FROM jury_assignment WHERE application_id IN \
         (SELECT id FROM application WHERE category_id = $1)"
    )
    .bind(category_id)
    .execute(conn)
    .await
    .map(|_| ()))?;
    // A few hundred rows per statement keeps within both backends' bind limits.
    for chunk in pairs.chunks(200) {
        let values: Vec<String> = (0..chunk.len())
            .map(|i| format!("(${}, ${})", i * 2 + 1, i * 2 + 2))
            .collect();
        let sql = format!(
            "INSERT INTO jury_assignment (application_id, user_id) VALUES {}",
            values.join(", ")
        );
        on_tx!(tx, |conn| {
            let mut q = sqlx::query(sqlx::AssertSqlSafe(sql.clone()));
            for (application, user) in chunk {
                q = q.bind(application).bind(user);
            }
            q.execute(conn).await.map(|_| ())
        })?;
    }
    Ok(())
}

/// Assigns one juror to one application; `false` when the pair was already there.
pub async fn add(tx: &mut Tx, application_id: Uuid, user_id: Uuid) -> Result<bool> {
    let n = on_tx!(tx, |conn| sqlx::query(
        "INSERT INTO jury_assignment (application_id, user_id) VALUES ($1, $2) \
         ON CONFLICT (application_id, user_id) DO NOTHING"
    )
    .bind(application_id)
    .bind(user_id)
    .execute(conn)
    .await
    .map(|r| r.rows_affected()))?;
    Ok(n > 0)
}

/// Takes one juror off one application; `false` when the pair was not there.
pub async fn remove(tx: &mut Tx, application_id: Uuid, user_id: Uuid) -> Result<bool> {
    let n = on_tx!(tx, |conn| sqlx::query(
        "DELETE FROM jury_assignment WHERE application_id = $1 AND user_id = $2"
    )
    .bind(application_id)
    .bind(user_id)
    .execute(conn)
    .await
    .map(|r| r.rows_affected()))?;
    Ok(n > 0)
}

/// Takes a juror off every application of a category (they left its jury).
pub async fn remove_juror(tx: &mut Tx, category_id: Uuid, user_id: Uuid) -> Result<()> {
    Ok(on_tx!(tx, |conn| sqlx::query(
        "DELETE FROM jury_assignment WHERE user_id = $1 AND application_id IN \
         (SELECT id FROM application WHERE category_id = $2)"
    )
    .bind(user_id)
    .bind(category_id)
    .execute(conn)
    .await
    .map(|_| ()))?)
}
