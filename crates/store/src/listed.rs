//! The two ordered lists of a category's form, criteria and questions: removing and
//! moving an item.

use crate::{Result, Tx, on_tx};
use uuid::Uuid;

/// The two ordered lists of a category's form: criteria and questions.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Listed {
    Criterion,
    Question,
}

/// Removes one criterion or question.
pub async fn delete(tx: &mut Tx, listed: Listed, id: Uuid) -> Result<()> {
    let sql = match listed {
        Listed::Criterion => "DELETE FROM criterion WHERE id = $1",
        Listed::Question => "DELETE FROM question WHERE id = $1",
    };
    on_tx!(tx, |conn| sqlx::query(sql)
        .bind(id)
        .execute(conn)
        .await
        .map(|_| ()))?;
    Ok(())
}

/// Puts one criterion or question at `position`.
pub async fn set_position(tx: &mut Tx, listed: Listed, id: Uuid, position: i64) -> Result<()> {
    let sql = match listed {
        Listed::Criterion => "UPDATE criterion SET position = $2 WHERE id = $1",
        Listed::Question => "UPDATE question SET position = $2 WHERE id = $1",
    };
    on_tx!(tx, |conn| sqlx::query(sql)
        .bind(id)
        .bind(position)
        .execute(conn)
        .await
        .map(|_| ()))?;
    Ok(())
}
