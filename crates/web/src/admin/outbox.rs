//! The outbox for administrators: how many messages wait, were sent or were given up; each
//! message with its recipient, subject, attempts and error; the message as an `.eml` file;
//! «send again». A page at a time, newest first.

use crate::error::WebError;
use crate::extract::user::Administrator;
use crate::format::date_time;
use crate::layout::Shell;
use crate::respond::see_other;
use crate::state::AppState;
use askama::Template;
use askama_web::WebTemplate;
use axum::extract::{Path, Query, State};
use axum::http::header::{CACHE_CONTROL, CONTENT_DISPOSITION, CONTENT_TYPE};
use axum::response::{IntoResponse, Response};
use prisverdig_service::mail::admin::PAGE_SIZE;
use prisverdig_service::model::{OutboxMessage, OutboxState};
use serde::Deserialize;
use uuid::Uuid;

#[derive(Deserialize, Default)]
pub struct OutboxQuery {
    #[serde(default)]
    state: String,
    #[serde(default)]
    page: String,
}

/// One tab of the page: its code in the address, its label and how many it holds.
pub struct Tab {
    code: &'static str,
    label: String,
    count: i64,
    current: bool,
}

/// A message as a row: the message and its times in the reader's language.
pub struct Row {
    message: OutboxMessage,
    created: String,
    sent: Option<String>,
    next: String,
}

#[derive(Template, WebTemplate)]
#[template(path = "admin/outbox.html")]
pub struct OutboxPage {
    shell: Shell,
    tabs: Vec<Tab>,
    rows: Vec<Row>,
    page: i64,
    pages: i64,
    previous: Option<String>,
    next: Option<String>,
    /// The mail goes to a folder (no SMTP server set): each message is a file there.
    folder: bool,
}

const STATES: [(&str, OutboxState, &str); 3] = [
    ("pending", OutboxState::Pending, "admin-outbox-pending"),
    ("sent", OutboxState::Sent, "admin-outbox-sent"),
    ("failed", OutboxState::Failed, "admin-outbox-failed"),
];

pub async fn list(
    State(state): State<AppState>,
    Administrator(user): Administrator,
    shell: Shell,
    Query(q): Query<OutboxQuery>,
) -> Result<OutboxPage, WebError> {
    let (code, which, _) = STATES
        .into_iter()
        .find(|(c, _, _)| *c == q.state)
        .unwrap_or(STATES[0]);
    let page = q.page.parse::<i64>().unwrap_or(1).clamp(1, 100_000);
    let outbox = state.services.outbox(&user, which, page).await?;
    let count = STATES
        .iter()
        .zip(outbox.counts)
        .find(|((c, _, _), _)| *c == code)
        .map_or(0, |(_, n)| n);
    let pages = ((count + PAGE_SIZE - 1) / PAGE_SIZE).max(1);
    let at = |p: i64| format!("/admin/outbox?state={code}&page={p}");
    let tabs = STATES
        .iter()
        .zip(outbox.counts)
        .map(|((c, _, label), count)| Tab {
            code: c,
            label: shell.t(label),
            count,
            current: *c == code,
        })
        .collect();
    let rows = outbox
        .messages
        .into_iter()
        .map(|m| Row {
            created: date_time(shell.locale, m.created_at),
            sent: m.sent_at.map(|at| date_time(shell.locale, at)),
            next: date_time(shell.locale, m.next_attempt_at),
            message: m,
        })
        .collect();
    Ok(OutboxPage {
        folder: state.services.mail_to_folder(),
        shell,
        tabs,

        rows,
        page,
        pages,
        previous: (page > 1).then(|| at(page - 1)),
        next: outbox.has_more.then(|| at(page + 1)),
    })
}

/// The message as the file it is sent as, for reading in a mail program.
pub async fn eml(
    State(state): State<AppState>,
    Administrator(user): Administrator,
    Path(id): Path<Uuid>,
) -> Result<Response, WebError> {
    let bytes = state.services.outbox_eml(&user, id).await?;
    Ok((
        [
            (CONTENT_TYPE, "message/rfc822".to_string()),
            (
                CONTENT_DISPOSITION,
                format!("attachment; filename=\"{id}.eml\""),
            ),
            (CACHE_CONTROL, "no-store".to_string()),
        ],
        bytes,
    )
        .into_response())
}

pub async fn resend(
    State(state): State<AppState>,
    Administrator(user): Administrator,
    Path(id): Path<Uuid>,
) -> Result<Response, WebError> {
    state.services.resend_mail(&user, id).await?;
    Ok(see_other("/admin/outbox?state=pending"))
}
