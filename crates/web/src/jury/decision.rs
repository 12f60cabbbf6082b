//! The decision on one application, for whoever acts as chair for it (the deputy where
//! the chair is conflicted): nominee, winner, honourable mention or none, the jury's
//! justification, and the feedback to the team written from the jurors' comments.

use crate::error::WebError;
use crate::extract::user::SignedIn;
use crate::format::badge_key;
use crate::forms::form_errors;
use crate::labels;
use crate::layout::{FormErrors, Shell};
use crate::respond::{see_other, unprocessable};
use crate::state::AppState;
use askama::Template;
use askama_web::WebTemplate;
use axum::Form;
use axum::extract::{Path, State};
use axum::response::Response;
use prisverdig_domain::outcome::Outcome;
use prisverdig_service::jury::decisions::DecisionPage;
use prisverdig_service::model::User;
use serde::Deserialize;
use uuid::Uuid;

#[derive(Template, WebTemplate)]
#[template(path = "jury/decision.html")]
pub struct DecisionView {
    shell: Shell,
    id: Uuid,
    category_id: Uuid,
    title: String,
    /// (code, name, chosen); the first is «no decision».
    kinds: Vec<(&'static str, String, bool)>,
    justification: String,
    decision_version: String,
    feedback: String,
    feedback_version: String,
    comments: Vec<(String, String, Vec<String>)>,
    results_public: bool,
    errors: FormErrors,
}

fn view(shell: Shell, p: DecisionPage, errors: FormErrors) -> DecisionView {
    let chosen = p.decision.as_ref().map(|d| d.kind);
    let mut kinds = vec![("", shell.t("jury-decision-none"), chosen.is_none())];
    kinds.extend(
        Outcome::ALL
            .iter()
            .map(|k| (k.as_str(), shell.t(badge_key(*k)), chosen == Some(*k))),
    );
    DecisionView {
        id: p.application.id,
        category_id: p.category.id,
        title: p.application.title,
        kinds,
        justification: p
            .decision
            .as_ref()
            .map(|d| d.justification.clone())
            .unwrap_or_default(),
        decision_version: p
            .decision
            .as_ref()
            .map(|d| d.version.to_string())
            .unwrap_or_default(),
        feedback: p
            .feedback
            .as_ref()
            .map(|f| f.text.clone())
            .unwrap_or_default(),
        feedback_version: p
            .feedback
            .as_ref()
            .map(|f| f.version.to_string())
            .unwrap_or_default(),
        comments: p
            .comments
            .into_iter()
            .map(|(name, c, notes)| (labels::person_name(shell.locale, name), c, notes))
            .collect(),
        results_public: p.results_public,
        errors,
        shell,
    }
}

pub async fn show(
    State(state): State<AppState>,
    SignedIn(user): SignedIn,
    shell: Shell,
    Path(id): Path<Uuid>,
) -> Result<DecisionView, WebError> {
    let p = state.services.decision_page(&user, id).await?;
    Ok(view(shell, p, FormErrors::default()))
}

#[derive(Deserialize)]
pub struct DecisionForm {
    #[serde(default)]
    version: String,
    #[serde(default)]
    kind: String,
    #[serde(default)]
    justification: String,
}

async fn refused(
    state: &AppState,
    shell: Shell,
    user: &User,
    id: Uuid,
    e: prisverdig_service::ServiceError,
    keep: impl FnOnce(&mut DecisionView),
) -> Result<Response, WebError> {
    let errors = form_errors(shell.locale, e)?;
    let p = state.services.decision_page(user, id).await?;
    let mut page = view(shell, p, errors);
    keep(&mut page);
    Ok(unprocessable(page))
}

pub async fn decide(
    State(state): State<AppState>,
    SignedIn(user): SignedIn,
    shell: Shell,
    Path(id): Path<Uuid>,
    Form(form): Form<DecisionForm>,
) -> Result<Response, WebError> {
    let kind = Outcome::parse(&form.kind);
    let version = form.version.trim().parse().ok();
    match state
        .services
        .decide_application(&user, id, version, kind, &form.justification)
        .await
    {
        Ok(()) => Ok(see_other(&format!("/jury/applications/{id}/decision"))),
        Err(e) => {
            refused(&state, shell, &user, id, e, |p| {
                p.justification = form.justification
            })
            .await
        }
    }
}

#[derive(Deserialize)]
pub struct FeedbackForm {
    #[serde(default)]
    version: String,
    #[serde(default)]
    feedback: String,
}

pub async fn feedback(
    State(state): State<AppState>,
    SignedIn(user): SignedIn,
    shell: Shell,
    Path(id): Path<Uuid>,
    Form(form): Form<FeedbackForm>,
) -> Result<Response, WebError> {
    let version = form.version.trim().parse().ok();
    match state
        .services
        .write_feedback(&user, id, version, &form.feedback)
        .await
    {
        Ok(_) => Ok(see_other(&format!("/jury/applications/{id}/decision"))),
        Err(e) => refused(&state, shell, &user, id, e, |p| p.feedback = form.feedback).await,
    }
}
