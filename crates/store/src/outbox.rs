//! The outbox: e-mails written in the same transaction as the change that causes them, and
//! sent later by a sender that claims a few rows at a time for a while (a lease), so that a
//! crash never loses a message and two processes never send the same one.
//!
//! A claim on PostgreSQL skips rows another process holds (`FOR UPDATE SKIP LOCKED`); SQLite
//! has one writer at a time, so its claim (one `UPDATE … RETURNING`) is atomic by itself.

use crate::{Db, Result, Tx, decode, on_pool, on_tx, utc};
use prisverdig_domain::mail::MailKind;
use time::OffsetDateTime;
use uuid::Uuid;

/// A rendered message to queue, with what the sender and the administrator need to know.
pub struct Outgoing<'a> {
    pub kind: MailKind,
    pub language: &'a str,
    pub recipient: &'a str,
    pub user_id: Option<Uuid>,
    pub subject: &'a str,
    pub text: &'a str,
    pub html: Option<&'a str>,
    /// Set for a message a job writes: a second run writes nothing.
    pub dedupe_key: Option<String>,
    /// For a message one may turn off: the link (also sent as `List-Unsubscribe`).
    pub unsubscribe_url: Option<&'a str>,
}

/// Queues one message; with a dedupe key already used, nothing (`None`).
pub async fn queue(tx: &mut Tx, now: OffsetDateTime, msg: &Outgoing<'_>) -> Result<Option<Uuid>> {
    let id = Uuid::now_v7();
    let inserted = on_tx!(tx, |conn| sqlx::query(
        "INSERT INTO outbox (id, created_at, recipient, subject, body, next_attempt_at, \
         html_body, kind, language, user_id, dedupe_key, unsubscribe_url) \
         VALUES ($1, $2, $3, $4, $5, $2, $6, $7, $8, $9, $10, $11) \
         ON CONFLICT (dedupe_key) DO NOTHING"
    )
    .bind(id)
    .bind(utc(now))
    .bind(msg.recipient)
    .bind(msg.subject)
    .bind(msg.text)
    .bind(msg.html)
    .bind(msg.kind.code())
    .bind(msg.language)
    .bind(msg.user_id)
    .bind(msg.dedupe_key.as_deref())
    .bind(msg.unsubscribe_url)
    .execute(conn)
    .await
    .map(|r| r.rows_affected()))?;
    Ok((inserted == 1).then_some(id))
}

/// A message as stored.
#[derive(Debug, Clone)]
pub struct Message {
    pub id: Uuid,
    pub kind: MailKind,
    pub created_at: OffsetDateTime,
    pub recipient: String,
    pub subject: String,
    pub text: String,
    pub html: Option<String>,
    pub language: String,
    pub attempts: i64,
    pub next_attempt_at: OffsetDateTime,
    pub sent_at: Option<OffsetDateTime>,
    pub failed_at: Option<OffsetDateTime>,
    pub last_error: Option<String>,
    pub unsubscribe_url: Option<String>,
}

#[derive(sqlx::FromRow)]
struct Row {
    id: Uuid,
    kind: String,
    created_at: OffsetDateTime,
    recipient: String,
    subject: String,
    body: String,
    html_body: Option<String>,
    language: String,
    attempts: i64,
    next_attempt_at: OffsetDateTime,
    sent_at: Option<OffsetDateTime>,
    failed_at: Option<OffsetDateTime>,
    last_error: Option<String>,
    unsubscribe_url: Option<String>,
}

impl TryFrom<Row> for Message {
    type Error = crate::StoreError;
    fn try_from(r: Row) -> Result<Message> {
        Ok(Message {
            kind: decode::code(MailKind::parse, "outbox", r.id, "kind", r.kind)?,
            id: r.id,
            created_at: r.created_at,
            recipient: r.recipient,
            subject: r.subject,
            text: r.body,
            html: r.html_body,
            language: r.language,
            attempts: r.attempts,
            next_attempt_at: r.next_attempt_at,
            sent_at: r.sent_at,
            failed_at: r.failed_at,
            last_error: r.last_error,
            unsubscribe_url: r.unsubscribe_url,
        })
    }
}

const COLUMNS: &str = "id, kind, created_at, recipient, subject, body, html_body, language, \
     attempts, next_attempt_at, sent_at, failed_at, last_error, unsubscribe_url";

/// Claims up to `limit` messages that are due and not held, until `lease_until`; each claim
/// counts as an attempt. Another process's claim is skipped until its lease runs out.
pub async fn claim(
    db: &Db,
    now: OffsetDateTime,
    lease_until: OffsetDateTime,
    limit: i64,
) -> Result<Vec<Message>> {
    let due = "SELECT id FROM outbox WHERE sent_at IS NULL AND failed_at IS NULL \
               AND next_attempt_at <= $1 AND (locked_until IS NULL OR locked_until <= $1) \
               ORDER BY next_attempt_at, id LIMIT $3";
    let lock = match db {
        Db::Sqlite(_) => "",
        Db::Postgres(_) => " FOR UPDATE SKIP LOCKED",
    };
    let sql = format!(
        "UPDATE outbox SET locked_until = $2, attempts = attempts + 1 \
         WHERE id IN ({due}{lock}) RETURNING {COLUMNS}"
    );
    let rows: Vec<Row> = on_pool!(db, |pool| sqlx::query_as(sqlx::AssertSqlSafe(sql.clone()))
        .bind(utc(now))
        .bind(utc(lease_until))
        .bind(limit)
        .fetch_all(pool)
        .await)?;
    decode::all(rows)
}

/// Records a delivery, with the Message-ID it went out with.
pub async fn mark_sent(db: &Db, id: Uuid, now: OffsetDateTime, message_id: &str) -> Result<()> {
    on_pool!(db, |pool| sqlx::query(
        "UPDATE outbox SET sent_at = $2, locked_until = NULL, last_error = NULL, message_id = $3 \
         WHERE id = $1"
    )
    .bind(id)
    .bind(utc(now))
    .bind(message_id)
    .execute(pool)
    .await
    .map(|_| ()))?;
    Ok(())
}

/// Records a failed attempt: tried again at `retry_at`, or given up (`None`).
pub async fn mark_failed(
    db: &Db,
    id: Uuid,
    now: OffsetDateTime,
    error: &str,
    retry_at: Option<OffsetDateTime>,
) -> Result<()> {
    let (next, failed) = match retry_at {
        Some(at) => (Some(utc(at)), None),
        None => (None, Some(utc(now))),
    };
    on_pool!(db, |pool| sqlx::query(
        "UPDATE outbox SET locked_until = NULL, last_error = $2, \
         next_attempt_at = COALESCE($3, next_attempt_at), failed_at = $4 WHERE id = $1"
    )
    .bind(id)
    .bind(error)
    .bind(next)
    .bind(failed)
    .execute(pool)
    .await
    .map(|_| ()))?;
    Ok(())
}

/// Puts a message back in the queue (the administrator's «send again»), counting anew.
pub async fn resend(tx: &mut Tx, id: Uuid, now: OffsetDateTime) -> Result<bool> {
    let n = on_tx!(tx, |conn| {
        sqlx::query(
        "UPDATE outbox SET sent_at = NULL, failed_at = NULL, locked_until = NULL, attempts = 0, \
         created_at = $2, next_attempt_at = $2 WHERE id = $1"
    )
    .bind(id)
    .bind(utc(now))
    .execute(conn)
    .await
    .map(|r| r.rows_affected())
    })?;
    Ok(n == 1)
}

/// Which messages a list shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum State {
    Pending,
    Sent,
    Failed,
}

impl State {
    fn condition(self) -> &'static str {
        match self {
            State::Pending => "sent_at IS NULL AND failed_at IS NULL",
            State::Sent => "sent_at IS NOT NULL",
            State::Failed => "failed_at IS NOT NULL",
        }
    }
}

/// One page of messages in a state, newest first.
pub async fn list(db: &Db, state: State, offset: i64, limit: i64) -> Result<Vec<Message>> {
    let sql = format!(
        "SELECT {COLUMNS} FROM outbox WHERE {} ORDER BY created_at DESC, id DESC \
         LIMIT $1 OFFSET $2",
        state.condition()
    );
    let rows: Vec<Row> = on_pool!(db, |pool| sqlx::query_as(sqlx::AssertSqlSafe(sql.clone()))
        .bind(limit)
        .bind(offset)
        .fetch_all(pool)
        .await)?;
    decode::all(rows)
}

/// How many messages are pending, sent and failed.
pub async fn counts(db: &Db) -> Result<[i64; 3]> {
    let (pending, sent, failed): (i64, i64, i64) = on_pool!(db, |pool| sqlx::query_as(
        "SELECT \
         COALESCE(SUM(CASE WHEN sent_at IS NULL AND failed_at IS NULL THEN 1 ELSE 0 END), 0), \
         COALESCE(SUM(CASE WHEN sent_at IS NOT NULL THEN 1 ELSE 0 END), 0), \
         COALESCE(SUM(CASE WHEN failed_at IS NOT NULL THEN 1 ELSE 0 END), 0) FROM outbox"
    )
    .fetch_one(pool)
    .await)?;
    Ok([pending, sent, failed])
}

/// One message.
pub async fn find(db: &Db, id: Uuid) -> Result<Option<Message>> {
    let sql = format!("SELECT {COLUMNS} FROM outbox WHERE id = $1");
    let row: Option<Row> = on_pool!(db, |pool| sqlx::query_as(sqlx::AssertSqlSafe(sql.clone()))
        .bind(id)
        .fetch_optional(pool)
        .await)?;
    decode::optional(row)
}
