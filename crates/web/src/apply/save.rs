//! Saving the application form: the buttons (Post/Redirect/Get) and autosave (JSON, from
//! `static/autosave.js`). A draft stores every field that passes its rules; whatever could
//! not be stored is kept in the session (`kept`) and shown at its field, and the browser
//! keeps its own copy until the server has it. Nothing typed is lost, whichever way a save
//! fails: invalid input, a version conflict, a sign-in that ended, the network gone.

use super::form::{Posted, parse};
use super::kept::{self, Kept, KeptProblem};
use crate::error::WebError;
use crate::extract::user::SignedIn;
use crate::layout::{FormErrors, Shell};
use crate::respond::AUTOSAVE_HEADER;
use crate::state::AppState;
use axum::Json;
use axum::body::Bytes;
use axum::extract::{Path, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Redirect, Response};
use prisverdig_domain::ValidationError;
use prisverdig_domain::application_form::{ApplicationForm, MAX_LONG_TEXT_CHARS};
use prisverdig_service::ServiceError;
use prisverdig_service::apply::{Intent, Saved};
use serde::Serialize;
use tower_sessions::Session;
use uuid::Uuid;

pub async fn save(
    State(state): State<AppState>,
    shell: Shell,
    SignedIn(user): SignedIn,
    session: Session,
    Path(id): Path<Uuid>,
    headers: HeaderMap,
    body: Bytes,
) -> Result<Response, WebError> {
    let Posted {
        version,
        submit,
        form,
    } = parse(&body);
    let intent = if submit { Intent::Submit } else { Intent::Save };
    let outcome = state
        .services
        .save_application(&user, id, version, form.clone(), intent)
        .await;
    let autosave = headers.contains_key(AUTOSAVE_HEADER) && !submit;
    let answer = Answer::of(outcome, &form)?;
    match &answer {
        Answer::Stored(saved) => kept::stored(&session, id, !autosave && !saved.submitted).await?,
        Answer::Partly(saved, problems) => {
            kept::keep(
                &session,
                id,
                &Kept::new(saved.version, &body, problems, false),
            )
            .await?
        }
        Answer::Refused(problems) => {
            kept::keep(&session, id, &Kept::new(version, &body, problems, false)).await?
        }
        Answer::Conflict => kept::keep(&session, id, &Kept::new(version, &body, &[], true)).await?,
    }
    if autosave {
        return Ok(answer.json(&shell));
    }
    let to = match answer {
        Answer::Stored(saved) if saved.submitted => format!("/applications/{id}/receipt"),
        Answer::Stored(_) => format!("/applications/{id}/edit#saved"),
        _ => format!("/applications/{id}/edit#error-summary"),
    };
    Ok(Redirect::to(&to).into_response())
}

/// How a save went, with each problem at the control it belongs to.
enum Answer {
    Stored(Saved),
    Partly(Saved, Vec<KeptProblem>),
    Refused(Vec<KeptProblem>),
    Conflict,
}

impl Answer {
    fn of(
        outcome: Result<Saved, ServiceError>,
        form: &ApplicationForm,
    ) -> Result<Answer, WebError> {
        Ok(match outcome {
            Ok(saved) if saved.problems.is_empty() => Answer::Stored(saved),
            Ok(saved) => {
                let problems = at_controls(&saved.problems, form);
                Answer::Partly(saved, problems)
            }
            Err(ServiceError::Invalid(problems)) => Answer::Refused(at_controls(&problems, form)),
            Err(ServiceError::Conflict) => Answer::Conflict,
            Err(other) => return Err(other.into()),
        })
    }

    fn json(self, shell: &Shell) -> Response {
        let (status, code, message, version, problems) = match self {
            Answer::Stored(s) => (
                StatusCode::OK,
                "saved",
                "apply-autosaved",
                s.version,
                vec![],
            ),
            Answer::Partly(s, p) => (
                StatusCode::OK,
                "partly-saved",
                "apply-autosave-partly",
                s.version,
                p,
            ),
            Answer::Refused(p) => (
                StatusCode::UNPROCESSABLE_ENTITY,
                "refused",
                "apply-autosave-refused",
                -1,
                p,
            ),
            Answer::Conflict => (
                StatusCode::CONFLICT,
                "conflict",
                "error-save-conflict-autosave",
                -1,
                vec![],
            ),
        };
        let mut errors = FormErrors::default();
        for p in &problems {
            errors.add_translated(shell.locale, &p.field, &p.message_id, p.limit);
        }
        // A refusal of the whole application (its deadline passed, it was withdrawn) says
        // so itself, rather than pointing at fields.
        let whole = problems.iter().find(|p| p.field == "application");
        let message = match whole {
            Some(p) => shell.t(&p.message_id),
            None => shell.t(message),
        };
        let body = AutosaveAnswer {
            status: code,
            message,
            version: (version >= 0).then_some(version),
            problems: errors
                .items
                .into_iter()
                .map(|(field, message)| FieldMessage { field, message })
                .collect(),
        };
        (status, Json(body)).into_response()
    }
}

#[derive(Serialize)]
struct AutosaveAnswer {
    status: &'static str,
    message: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    version: Option<i64>,
    problems: Vec<FieldMessage>,
}

#[derive(Serialize)]
struct FieldMessage {
    field: String,
    message: String,
}

/// The domain names a group («criteria») where one answer is too long; the page and the
/// script need the control itself («criterion_2»).
fn at_controls(problems: &[ValidationError], form: &ApplicationForm) -> Vec<KeptProblem> {
    let over = |t: &String| t.chars().count() > MAX_LONG_TEXT_CHARS;
    let mut out = Vec::new();
    for p in problems {
        let one = |field: String| KeptProblem {
            field,
            message_id: p.message_id.to_string(),
            limit: p.limit,
        };
        let too_long = p.limit.is_some();
        match p.field {
            "criteria" if too_long => out.extend(
                (form.answers.criteria.iter().enumerate())
                    .filter(|(_, c)| over(c))
                    .map(|(i, _)| one(format!("criterion_{i}"))),
            ),
            "questions" if too_long => out.extend(
                (form.answers.questions.iter())
                    .filter(|(_, q)| over(q))
                    .map(|(id, _)| one(format!("question_{id}"))),
            ),
            field => out.push(one(field.to_string())),
        }
    }
    out
}
