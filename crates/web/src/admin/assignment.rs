//! Who reviews what in a category, for the administrator: «every juror reviews every
//! application» or a fixed number of reviewers per application. «Preview» shows the
//! balanced split without storing it, «save» stores it (303), a single pair can be added
//! or removed by hand. A stale form answers 409 with the split as stored now and the
//! administrator's choice kept in the form.

use crate::error::WebError;
use crate::extract::user::Administrator;
use crate::forms::form_errors;
use crate::labels;
use crate::layout::{FormErrors, Shell};
use crate::respond::see_other;
use crate::state::AppState;
use askama::Template;
use askama_web::WebTemplate;
use axum::Form;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use fluent_templates::fluent_bundle::FluentValue;
use prisverdig_domain::jury::AssignmentMode;
use prisverdig_service::ServiceError;
use prisverdig_service::jury::assignment::{AssignmentChoice, AssignmentPage, Plan};
use prisverdig_service::model::User;
use serde::Deserialize;
use uuid::Uuid;

/// One application's row of a split: title, reviewers' names, how many it lacks.
pub struct PlanRow {
    pub title: String,
    pub reviewers: String,
    pub lacking: usize,
}

#[derive(Template, WebTemplate)]
#[template(path = "admin/assignment.html")]
pub struct AssignmentView {
    shell: Shell,
    id: Uuid,
    heading: String,
    version: i64,
    /// What is stored now, in words.
    current: String,
    /// The stored mode is fixed: single pairs may be changed by hand.
    fixed: bool,
    /// The form's values.
    mode: String,
    reviewers: String,
    jurors_count: usize,
    /// The split shown is a preview, not stored.
    preview: bool,
    /// (juror's name, applications)
    loads: Vec<(String, usize)>,
    rows: Vec<PlanRow>,
    any_short: bool,
    short_text: String,
    applications: Vec<(Uuid, String)>,
    jurors: Vec<(Uuid, String)>,
    pair_application: String,
    pair_juror: String,
    /// The by-hand form was posted (and refused): it is shown with its message.
    pair_posted: bool,
    errors: FormErrors,
}

#[derive(Deserialize, Default)]
pub struct ChoiceForm {
    #[serde(default)]
    version: i64,
    #[serde(default)]
    mode: String,
    #[serde(default)]
    reviewers: String,
    #[serde(default)]
    action: String,
}

#[derive(Deserialize, Default)]
pub struct PairForm {
    #[serde(default)]
    version: i64,
    #[serde(default)]
    application: String,
    #[serde(default)]
    juror: String,
    #[serde(default)]
    action: String,
}

pub(super) fn mode_text(shell: &Shell, mode: AssignmentMode) -> String {
    match mode {
        AssignmentMode::All => shell.t("admin-assignment-now-all"),
        AssignmentMode::PerApplication { reviewers } => shell.locale.t_args(
            "admin-assignment-now-fixed",
            &[("count", FluentValue::from(reviewers))],
        ),
    }
}

/// The page for `page` as stored, showing `plan` (a preview) instead of the stored split
/// when given; the forms hold `choice` and `pair` when given.
fn view(
    shell: Shell,
    page: AssignmentPage,
    plan: Option<Plan>,
    choice: Option<&ChoiceForm>,
    pair: Option<&PairForm>,
    errors: FormErrors,
) -> AssignmentView {
    let name = |id: Uuid| {
        page.members
            .iter()
            .find(|m| m.user_id == id)
            .map(|m| labels::person_name(shell.locale, m.name.clone()))
            .unwrap_or_default()
    };
    let title = |id: Uuid| {
        page.applications
            .iter()
            .find(|a| a.id == id)
            .map(|a| a.title.clone())
            .unwrap_or_default()
    };
    let preview = plan.is_some();
    let shown = plan.unwrap_or_else(|| page.current.clone());
    let rows = shown
        .per_application
        .iter()
        .map(|(app, jurors)| PlanRow {
            title: title(*app),
            reviewers: jurors
                .iter()
                .map(|j| name(*j))
                .collect::<Vec<_>>()
                .join(", "),
            lacking: shown
                .short
                .iter()
                .find(|(a, _)| a == app)
                .map_or(0, |s| s.1),
        })
        .collect();
    let stored = page.current.mode;
    let (mode, reviewers) = match (choice, stored) {
        (Some(c), _) => (c.mode.clone(), c.reviewers.clone()),
        (None, AssignmentMode::All) => ("all".to_string(), String::new()),
        (None, AssignmentMode::PerApplication { reviewers }) => {
            ("fixed".to_string(), reviewers.to_string())
        }
    };
    AssignmentView {
        id: page.category.id,
        heading: format!("{} – {}", page.category.name, page.category.round_title),
        version: page.version,
        current: mode_text(&shell, stored),
        fixed: stored != AssignmentMode::All,
        mode,
        reviewers,
        jurors_count: page.members.len(),
        preview,
        loads: shown.loads.iter().map(|(j, n)| (name(*j), *n)).collect(),
        rows,
        any_short: !shown.short.is_empty(),
        short_text: shell.locale.t_args(
            "admin-assignment-short",
            &[("count", FluentValue::from(shown.short.len()))],
        ),
        applications: page
            .applications
            .iter()
            .map(|a| (a.id, a.title.clone()))
            .collect(),
        jurors: page
            .members
            .iter()
            .map(|m| (m.user_id, name(m.user_id)))
            .collect(),
        pair_application: pair.map(|p| p.application.clone()).unwrap_or_default(),
        pair_juror: pair.map(|p| p.juror.clone()).unwrap_or_default(),
        pair_posted: pair.is_some(),
        errors,
        shell,
    }
}

pub async fn show(
    State(state): State<AppState>,
    Administrator(user): Administrator,
    shell: Shell,
    Path(id): Path<Uuid>,
) -> Result<AssignmentView, WebError> {
    let page = state.services.jury_assignment(&user, id).await?;
    Ok(view(shell, page, None, None, None, FormErrors::default()))
}

/// A refused change: the page as stored now, the form as posted, the message at `field`
/// (409 for a stale version, 422 for a problem with what was typed).
async fn refused(
    state: &AppState,
    (shell, user, id): (Shell, &User, Uuid),
    err: ServiceError,
    field: &'static str,
    (choice, pair): (Option<&ChoiceForm>, Option<&PairForm>),
) -> Result<Response, WebError> {
    let (status, errors) = match err {
        ServiceError::Conflict => {
            let mut errors = FormErrors::default();
            errors.add(shell.locale, field, "error-assignment-stale");
            (StatusCode::CONFLICT, errors)
        }
        other => (
            StatusCode::UNPROCESSABLE_ENTITY,
            form_errors(shell.locale, other)?,
        ),
    };
    let page = state.services.jury_assignment(user, id).await?;
    let body = view(shell, page, None, choice, pair, errors);
    Ok((status, body).into_response())
}

pub async fn choose(
    State(state): State<AppState>,
    Administrator(user): Administrator,
    shell: Shell,
    Path(id): Path<Uuid>,
    Form(form): Form<ChoiceForm>,
) -> Result<Response, WebError> {
    let choice = AssignmentChoice {
        mode: &form.mode,
        reviewers: &form.reviewers,
    };
    let services = &state.services;
    let outcome = if form.action == "save" {
        services
            .save_assignment(&user, id, form.version, choice)
            .await
            .map(|_| None)
    } else {
        services
            .preview_assignment(&user, id, choice)
            .await
            .map(Some)
    };
    match outcome {
        Ok(None) => Ok(see_other(&format!(
            "/admin/categories/{id}/jury/assignment"
        ))),
        Ok(Some(plan)) => {
            let page = services.jury_assignment(&user, id).await?;
            let body = view(
                shell,
                page,
                Some(plan),
                Some(&form),
                None,
                FormErrors::default(),
            );
            Ok(body.into_response())
        }
        Err(e) => {
            let ctx = (shell, &user, id);
            refused(&state, ctx, e, "mode", (Some(&form), None)).await
        }
    }
}

pub async fn pair(
    State(state): State<AppState>,
    Administrator(user): Administrator,
    shell: Shell,
    Path(id): Path<Uuid>,
    Form(form): Form<PairForm>,
) -> Result<Response, WebError> {
    let outcome = match (
        Uuid::parse_str(form.application.trim()).ok(),
        Uuid::parse_str(form.juror.trim()).ok(),
    ) {
        (Some(application), Some(juror)) => {
            let assign = form.action != "remove";
            state
                .services
                .set_assignment(&user, id, form.version, (application, juror), assign)
                .await
        }
        (None, _) => {
            Err(prisverdig_domain::ValidationError::new("application", "error-choose-one").into())
        }
        (_, None) => {
            Err(prisverdig_domain::ValidationError::new("juror", "error-choose-one").into())
        }
    };
    match outcome {
        Ok(()) => Ok(see_other(&format!(
            "/admin/categories/{id}/jury/assignment"
        ))),
        Err(e) => {
            let ctx = (shell, &user, id);
            refused(&state, ctx, e, "application", (None, Some(&form))).await
        }
    }
}
