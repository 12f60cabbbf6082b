//! Publishing a story now or from a set time (Oslo time), and taking it back to a draft.
//! Both carry the story's version: acting on a story someone changed meanwhile is refused.

use super::edit::{conflict, context, page};
use crate::error::WebError;
use crate::extract::user::StoryWriter;
use crate::layout::{FormErrors, Shell};
use crate::state::AppState;
use axum::Form;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use prisverdig_domain::local_time::parse_oslo;
use prisverdig_service::ServiceError;
use prisverdig_service::model::User;
use serde::Deserialize;
use uuid::Uuid;

/// The publishing form as posted (and shown again when refused).
#[derive(Deserialize, Default, Clone)]
pub struct PublishForm {
    #[serde(default)]
    pub version: i64,
    /// `now` or `later`.
    #[serde(default)]
    pub when: String,
    #[serde(default)]
    pub publish_date: String,
    #[serde(default)]
    pub publish_time: String,
}

impl PublishForm {
    pub fn later(&self) -> bool {
        self.when == "later"
    }
}

/// The edit page again after a refused publish: 422 with the error at its field, or 409.
async fn refused(
    state: &AppState,
    shell: Shell,
    user: &User,
    id: Uuid,
    form: PublishForm,
    problem: ServiceError,
) -> Result<Response, WebError> {
    let (ctx, stored) = context(state, &shell, user, Some(id)).await?;
    let stored = stored.unwrap_or_default();
    match problem {
        ServiceError::Conflict => {
            Ok(conflict(shell, ctx, &stored.clone(), stored, form).into_response())
        }
        ServiceError::Invalid(problems) => {
            let errors = FormErrors::of(shell.locale, &problems);
            let page = page(shell, ctx, &stored, errors, form);
            Ok((StatusCode::UNPROCESSABLE_ENTITY, page).into_response())
        }
        other => Err(other.into()),
    }
}

pub async fn publish(
    State(state): State<AppState>,
    shell: Shell,
    StoryWriter(user): StoryWriter,
    Path(id): Path<Uuid>,
    Form(form): Form<PublishForm>,
) -> Result<Response, WebError> {
    let at = if form.later() {
        match parse_oslo(&form.publish_date, &form.publish_time) {
            Some(at) => Some(at),
            None => {
                let problem = prisverdig_domain::ValidationError::new(
                    "publish_date",
                    "error-date-time-invalid",
                );
                return refused(&state, shell, &user, id, form, problem.into()).await;
            }
        }
    } else {
        None
    };
    match state
        .services
        .publish_story(&user, id, form.version, at)
        .await
    {
        Ok(()) => Ok(Redirect::to(&format!("/stories/{id}/edit?saved=1#saved")).into_response()),
        Err(e) => refused(&state, shell, &user, id, form, e).await,
    }
}

pub async fn unpublish(
    State(state): State<AppState>,
    shell: Shell,
    StoryWriter(user): StoryWriter,
    Path(id): Path<Uuid>,
    Form(form): Form<PublishForm>,
) -> Result<Response, WebError> {
    match state
        .services
        .unpublish_story(&user, id, form.version)
        .await
    {
        Ok(()) => Ok(Redirect::to(&format!("/stories/{id}/edit?saved=1#saved")).into_response()),
        Err(e) => refused(&state, shell, &user, id, form, e).await,
    }
}
