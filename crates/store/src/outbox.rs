//! The outbox: e-mails written in the same transaction as the change that causes them, and
//! sent later by a job, so that a crash never loses nor duplicates a message.

use crate::{Result, Tx, on_tx, utc};
use time::OffsetDateTime;
use uuid::Uuid;

pub struct NewMessage<'a> {
    pub recipient: &'a str,
    pub subject: &'a str,
    pub body: &'a str,
}

pub async fn enqueue(tx: &mut Tx, now: OffsetDateTime, msg: NewMessage<'_>) -> Result<Uuid> {
    let id = Uuid::now_v7();
    on_tx!(tx, |conn| sqlx::query(
        "INSERT INTO outbox (id, created_at, recipient, subject, body, next_attempt_at) \
         VALUES ($1, $2, $3, $4, $5, $2)"
    )
    .bind(id)
    .bind(utc(now))
    .bind(msg.recipient)
    .bind(msg.subject)
    .bind(msg.body)
    .execute(conn)
    .await
    .map(|_| ()))?;
    Ok(id)
}
