//! The jury of a category.

use crate::{Result, Tx, on_tx};
use uuid::Uuid;

pub async fn add_juror(tx: &mut Tx, category_id: Uuid, user_id: Uuid, chair: bool) -> Result<()> {
    on_tx!(tx, |conn| sqlx::query(
        "INSERT INTO jury_member (category_id, user_id, chair) VALUES ($1, $2, $3)"
    )
    .bind(category_id)
    .bind(user_id)
    .bind(chair)
    .execute(conn)
    .await
    .map(|_| ()))?;
    Ok(())
}
