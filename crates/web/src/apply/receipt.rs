//! The receipt after submitting: what was received, when, and what happens next; the
//! jury of the category, so the team can point out a juror with a conflict of interest;
//! and, once the results are public, the jury's feedback («alle som søker blir sett»).

use crate::error::WebError;
use crate::extract::user::SignedIn;
use crate::format::{badge_key, date_time};
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
use prisverdig_domain::jury::conflict::Grounds;
use prisverdig_service::model::User;
use serde::Deserialize;
use uuid::Uuid;

#[derive(Template, WebTemplate)]
#[template(path = "apply/receipt.html")]
pub struct ReceiptPage {
    shell: Shell,
    id: Uuid,
    title: String,
    category: String,
    submitted: String,
    deadline: String,
    /// (juror id, name and seat)
    jurors: Vec<(Uuid, String)>,
    grounds: Vec<(&'static str, String)>,
    /// (outcome, justification, feedback) once the results are public.
    feedback: Option<(String, String, String)>,
    pointed_out: bool,
    reason: String,
    errors: FormErrors,
}

async fn page(
    state: &AppState,
    shell: Shell,
    user: &User,
    id: Uuid,
    errors: FormErrors,
) -> Result<ReceiptPage, WebError> {
    let e = state.services.editable(user, id).await?;
    let submitted_at = e.application.submitted_at.ok_or(WebError::NotFound)?;
    let jurors = state
        .services
        .jury_for_team(user, id)
        .await?
        .into_iter()
        .map(|m| {
            let name = labels::person_name(shell.locale, m.name);
            (
                m.user_id,
                format!("{name} ({})", shell.t(labels::jury_role(m.role))),
            )
        })
        .collect();
    let feedback = state.services.team_feedback(user, id).await?.map(|f| {
        (
            f.outcome.map(|o| shell.t(badge_key(o))).unwrap_or_default(),
            f.justification,
            f.feedback.map(|f| f.text).unwrap_or_default(),
        )
    });
    Ok(ReceiptPage {
        id,
        title: e.application.title,
        category: e.category.name,
        submitted: date_time(shell.locale, submitted_at),
        deadline: date_time(
            shell.locale,
            e.category.extended_deadline.unwrap_or(e.category.deadline),
        ),
        jurors,
        grounds: Grounds::ALL
            .iter()
            .map(|g| (g.as_str(), shell.t(labels::grounds(*g))))
            .collect(),
        feedback,
        pointed_out: false,
        reason: String::new(),
        errors,
        shell,
    })
}

pub async fn show(
    State(state): State<AppState>,
    shell: Shell,
    SignedIn(user): SignedIn,
    Path(id): Path<Uuid>,
    axum::extract::Query(q): axum::extract::Query<PointedQuery>,
) -> Result<ReceiptPage, WebError> {
    let mut p = page(&state, shell, &user, id, FormErrors::default()).await?;
    p.pointed_out = q.pointed_out.is_some();
    Ok(p)
}

#[derive(Deserialize, Default)]
pub struct PointedQuery {
    #[serde(default)]
    pointed_out: Option<String>,
}

#[derive(Deserialize)]
pub struct PointOutForm {
    #[serde(default)]
    juror: String,
    #[serde(default)]
    grounds: String,
    #[serde(default)]
    reason: String,
}

/// The team points out a juror's conflict of interest; an administrator decides on it.
pub async fn point_out(
    State(state): State<AppState>,
    shell: Shell,
    SignedIn(user): SignedIn,
    Path(id): Path<Uuid>,
    Form(form): Form<PointOutForm>,
) -> Result<Response, WebError> {
    let outcome = match (
        Uuid::parse_str(form.juror.trim()).ok(),
        Grounds::parse(&form.grounds),
    ) {
        (Some(juror), Some(grounds)) => {
            state
                .services
                .point_out_conflict(&user, id, juror, grounds, &form.reason)
                .await
        }
        (None, _) => {
            Err(prisverdig_domain::ValidationError::new("juror", "error-choose-one").into())
        }
        (_, None) => {
            Err(prisverdig_domain::ValidationError::new("grounds", "error-choose-one").into())
        }
    };
    match outcome {
        Ok(()) => Ok(see_other(&format!(
            "/applications/{id}/receipt?pointed_out=1#point-out"
        ))),
        Err(e) => {
            let mut errors = form_errors(shell.locale, e)?;
            errors.retarget("conflict", "juror");
            let mut p = page(&state, shell, &user, id, errors).await?;
            p.reason = form.reason;
            Ok(unprocessable(p))
        }
    }
}
