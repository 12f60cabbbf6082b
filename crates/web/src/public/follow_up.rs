//! «Ble det varig?»: the page a team reaches from the follow-up e-mail a year after the
//! ceremony. Its token is the key (no sign-in); a later answer replaces the earlier one.

use crate::error::WebError;
use crate::forms::{SavedQuery, form_errors};
use crate::layout::{FormErrors, Shell};
use crate::respond::{see_other, unprocessable};
use crate::state::AppState;
use askama::Template;
use askama_web::WebTemplate;
use axum::Form;
use axum::extract::{Path, Query, State};
use axum::response::Response;
use prisverdig_domain::follow_up::InUse;
use serde::Deserialize;
use uuid::Uuid;

#[derive(Deserialize, Default)]
pub struct AnswerForm {
    #[serde(default)]
    in_use: String,
    #[serde(default)]
    spread: String,
    #[serde(default)]
    changed: String,
    #[serde(default)]
    version: i64,
}

#[derive(Template, WebTemplate)]
#[template(path = "mail_links/follow_up.html")]
pub struct FollowUpPage {
    shell: Shell,
    token: String,
    title: String,
    application_id: Uuid,
    form: AnswerForm,
    saved: bool,
    errors: FormErrors,
}

impl FollowUpPage {
    fn choices(&self) -> [(&'static str, &'static str); 3] {
        InUse::ALL.map(|c| match c {
            InUse::Yes => ("yes", "follow-up-in-use-yes"),
            InUse::Partly => ("partly", "follow-up-in-use-partly"),
            InUse::No => ("no", "follow-up-in-use-no"),
        })
    }
}

async fn page(
    state: &AppState,
    shell: Shell,
    token: String,
    typed: Option<AnswerForm>,
    (saved, errors): (bool, FormErrors),
) -> Result<FollowUpPage, WebError> {
    let view = state.services.follow_up(&token).await?;
    let stored = AnswerForm {
        in_use: view
            .follow_up
            .answer
            .as_ref()
            .map(|a| a.in_use.code().to_string())
            .unwrap_or_default(),
        spread: view
            .follow_up
            .answer
            .as_ref()
            .map(|a| a.spread.clone())
            .unwrap_or_default(),
        changed: view
            .follow_up
            .answer
            .as_ref()
            .map(|a| a.changed.clone())
            .unwrap_or_default(),
        version: view.follow_up.version,
    };
    Ok(FollowUpPage {
        shell,
        token,
        title: view.title,
        application_id: view.application_id,
        form: typed.unwrap_or(stored),
        saved,
        errors,
    })
}

pub async fn show(
    State(state): State<AppState>,
    shell: Shell,
    Path(token): Path<String>,
    Query(q): Query<SavedQuery>,
) -> Result<FollowUpPage, WebError> {
    let saved = q.saved.is_some();
    page(&state, shell, token, None, (saved, FormErrors::default())).await
}

pub async fn answer(
    State(state): State<AppState>,
    shell: Shell,
    Path(token): Path<String>,
    Form(form): Form<AnswerForm>,
) -> Result<Response, WebError> {
    let typed = (
        form.in_use.as_str(),
        form.spread.as_str(),
        form.changed.as_str(),
    );
    match state
        .services
        .answer_follow_up(&token, form.version, typed, None)
        .await
    {
        Ok(_) => Ok(see_other(&format!("/follow-up/{token}?saved=1"))),
        Err(e) => {
            let errors = form_errors(shell.locale, e)?;
            let page = page(&state, shell, token, Some(form), (false, errors)).await?;
            Ok(unprocessable(page))
        }
    }
}
