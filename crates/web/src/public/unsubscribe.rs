//! The unsubscribe link of the optional e-mails (reminders, announcements, the call): the
//! page asks before it turns them off, so that a mail scanner that follows links changes
//! nothing; the same page turns them on again. The link's token is the key: no sign-in.

use crate::error::WebError;
use crate::layout::Shell;
use crate::respond::see_other;
use crate::state::AppState;
use askama::Template;
use askama_web::WebTemplate;
use axum::Form;
use axum::extract::{Path, State};
use axum::response::Response;
use serde::Deserialize;

#[derive(Template, WebTemplate)]
#[template(path = "mail_links/unsubscribe.html")]
pub struct UnsubscribePage {
    shell: Shell,
    token: String,
    email: String,
    opted_out: bool,
}

pub async fn show(
    State(state): State<AppState>,
    shell: Shell,
    Path(token): Path<String>,
) -> Result<UnsubscribePage, WebError> {
    let subscription = state.services.subscription(&token).await?;
    Ok(UnsubscribePage {
        shell,
        token,
        email: subscription.email,
        opted_out: subscription.opted_out,
    })
}

#[derive(Deserialize)]
pub struct Choice {
    #[serde(default)]
    off: String,
}

pub async fn choose(
    State(state): State<AppState>,
    Path(token): Path<String>,
    Form(choice): Form<Choice>,
) -> Result<Response, WebError> {
    state
        .services
        .set_opted_out(&token, choice.off == "1")
        .await?;
    Ok(see_other(&format!("/unsubscribe/{token}")))
}
