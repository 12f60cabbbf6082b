//! A category's jury, for the administrator: who sits on it in which seat; and the
//! conflicts of interest declared by jurors or pointed out by applicants, each confirmed
//! or dismissed with a reason.

use crate::error::WebError;
use crate::extract::user::Administrator;
use crate::format::date_time;
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
use prisverdig_domain::jury::JuryRole;
use prisverdig_domain::jury::conflict::Status;
use prisverdig_service::model::User;
use serde::Deserialize;
use uuid::Uuid;

#[derive(Template, WebTemplate)]
#[template(path = "admin/jury.html")]
pub struct JuryPage {
    shell: Shell,
    id: Uuid,
    heading: String,
    /// (user id, name, e-mail, role code, role name)
    members: Vec<(Uuid, String, String, &'static str, String)>,
    candidates: Vec<(Uuid, String, String)>,
    roles: Vec<(&'static str, String)>,
    /// Who reviews what, in words.
    assignment: String,
    errors: FormErrors,
    /// «3 plasser lagt til …» after sharing the jury with the round.
    shared: Option<String>,
}

async fn page(
    state: &AppState,
    shell: Shell,
    user: &User,
    id: Uuid,
    errors: FormErrors,
) -> Result<JuryPage, WebError> {
    let j = state.services.jury_members(user, id).await?;
    Ok(JuryPage {
        assignment: super::assignment::mode_text(&shell, j.mode),
        id,
        heading: format!("{} – {}", j.category.name, j.category.round_title),
        members: j
            .members
            .into_iter()
            .map(|m| {
                let name = labels::person_name(shell.locale, m.name);
                (
                    m.user_id,
                    name,
                    m.email,
                    m.role.as_str(),
                    shell.t(labels::jury_role(m.role)),
                )
            })
            .collect(),
        candidates: j.candidates,
        roles: JuryRole::ALL
            .iter()
            .map(|r| (r.as_str(), shell.t(labels::jury_role(*r))))
            .collect(),
        errors,
        shared: None,
        shell,
    })
}

pub async fn show(
    State(state): State<AppState>,
    Administrator(user): Administrator,
    shell: Shell,
    Path(id): Path<Uuid>,
    axum::extract::Query(q): axum::extract::Query<SharedQuery>,
) -> Result<JuryPage, WebError> {
    let shared = q.shared.map(|n| {
        shell
            .locale
            .t_args("admin-jury-shared", &[("count", n.into())])
    });
    let mut page = page(&state, shell, &user, id, FormErrors::default()).await?;
    page.shared = shared;
    Ok(page)
}

#[derive(Deserialize, Default)]
pub struct SharedQuery {
    #[serde(default)]
    shared: Option<i64>,
}

#[derive(Deserialize)]
pub struct MemberForm {
    #[serde(default)]
    member: String,
    #[serde(default)]
    role: String,
}

pub async fn add(
    State(state): State<AppState>,
    Administrator(user): Administrator,
    shell: Shell,
    Path(id): Path<Uuid>,
    Form(form): Form<MemberForm>,
) -> Result<Response, WebError> {
    let outcome = match (
        Uuid::parse_str(form.member.trim()).ok(),
        JuryRole::parse(&form.role),
    ) {
        (Some(member), Some(role)) => state.services.add_juror(&user, id, member, role).await,
        (None, _) => {
            Err(prisverdig_domain::ValidationError::new("member", "error-choose-one").into())
        }
        (_, None) => {
            Err(prisverdig_domain::ValidationError::new("role", "error-choose-one").into())
        }
    };
    match outcome {
        Ok(()) => Ok(see_other(&format!("/admin/categories/{id}/jury"))),
        Err(e) => {
            let errors = form_errors(shell.locale, e)?;
            Ok(unprocessable(page(&state, shell, &user, id, errors).await?))
        }
    }
}

#[derive(Deserialize)]
pub struct SeatForm {
    /// A role code, or `remove`.
    #[serde(default)]
    role: String,
}

pub async fn change(
    State(state): State<AppState>,
    Administrator(user): Administrator,
    shell: Shell,
    Path((id, member)): Path<(Uuid, Uuid)>,
    Form(form): Form<SeatForm>,
) -> Result<Response, WebError> {
    let role = match form.role.as_str() {
        "remove" => None,
        code => Some(JuryRole::parse(code).ok_or(WebError::NotFound)?),
    };
    match state.services.set_juror_role(&user, id, member, role).await {
        Ok(()) => Ok(see_other(&format!("/admin/categories/{id}/jury"))),
        Err(e) => {
            let mut errors = form_errors(shell.locale, e)?;
            errors.retarget("role", &format!("role-{member}"));
            Ok(unprocessable(page(&state, shell, &user, id, errors).await?))
        }
    }
}

/// Seats this jury in the round's other categories too.
pub async fn share(
    State(state): State<AppState>,
    Administrator(user): Administrator,
    Path(id): Path<Uuid>,
) -> Result<Response, WebError> {
    let added = state.services.share_jury_with_round(&user, id).await?;
    Ok(see_other(&format!(
        "/admin/categories/{id}/jury?shared={added}"
    )))
}

pub struct ConflictView {
    pub id: Uuid,
    pub version: i64,
    pub application: String,
    pub juror: String,
    pub grounds: String,
    pub source: String,
    pub status: String,
    pub pending: bool,
    pub reason: String,
    pub raised: String,
    pub decision_reason: String,
}

#[derive(Template, WebTemplate)]
#[template(path = "admin/conflicts.html")]
pub struct ConflictsPage {
    shell: Shell,
    conflicts: Vec<ConflictView>,
    errors: FormErrors,
}

async fn conflicts_page(
    state: &AppState,
    shell: Shell,
    user: &User,
    errors: FormErrors,
) -> Result<ConflictsPage, WebError> {
    let conflicts = state
        .services
        .conflicts(user)
        .await?
        .into_iter()
        .map(|c| ConflictView {
            id: c.id,
            version: c.version,
            application: c.application_title,
            juror: labels::person_name(shell.locale, c.juror_name),
            grounds: shell.t(labels::grounds(c.grounds)),
            source: shell.t(labels::conflict_source(Some(c.source))),
            status: shell.t(labels::conflict_status(c.status)),
            pending: c.status == Status::Pending,
            reason: c.reason,
            raised: date_time(shell.locale, c.raised_at),
            decision_reason: c.decision_reason,
        })
        .collect();
    Ok(ConflictsPage {
        shell,
        conflicts,
        errors,
    })
}

pub async fn conflicts(
    State(state): State<AppState>,
    Administrator(user): Administrator,
    shell: Shell,
) -> Result<ConflictsPage, WebError> {
    conflicts_page(&state, shell, &user, FormErrors::default()).await
}

#[derive(Deserialize)]
pub struct DecideForm {
    version: i64,
    #[serde(default)]
    decision: String,
    #[serde(default)]
    reason: String,
}

pub async fn decide(
    State(state): State<AppState>,
    Administrator(user): Administrator,
    shell: Shell,
    Path(id): Path<Uuid>,
    Form(form): Form<DecideForm>,
) -> Result<Response, WebError> {
    let confirm = form.decision == "confirm";
    match state
        .services
        .decide_conflict(&user, id, form.version, confirm, &form.reason)
        .await
    {
        Ok(()) => Ok(see_other("/admin/conflicts")),
        Err(e) => {
            let mut errors = form_errors(shell.locale, e)?;
            errors.retarget("reason", &format!("reason-{id}"));
            Ok(unprocessable(
                conflicts_page(&state, shell, &user, errors).await?,
            ))
        }
    }
}
