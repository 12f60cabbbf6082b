//! The application form: show it, save a draft, submit. A save that loses a race is
//! refused with both versions shown; nothing is overwritten silently.

use super::fields::{Builder, Field};
use super::form::{Posted, parse};
use crate::error::WebError;
use crate::extract::user::SignedIn;
use crate::format::date_time;
use crate::layout::{FormErrors, Shell};
use crate::router::AppState;
use askama::Template;
use askama_web::WebTemplate;
use axum::body::Bytes;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use prisverdig_domain::application_form::ApplicationForm;
use prisverdig_domain::category::CategoryKind;
use prisverdig_service::ServiceError;
use prisverdig_service::apply::{Editable, Intent};
use prisverdig_store::applications::{Pickable, TeamMember};
use prisverdig_store::attachments::Attachment;
use serde::Deserialize;
use uuid::Uuid;

#[derive(Template, WebTemplate)]
#[template(path = "apply/edit.html")]
pub struct EditPage {
    shell: Shell,
    id: Uuid,
    version: i64,
    state: String,
    kind: String,
    category_name: String,
    round_title: String,
    deadline: String,
    extended: bool,
    locked: Option<String>,
    saved: bool,
    errors: FormErrors,
    standard: Vec<Field>,
    origin: String,
    origin_from: Field,
    sources: Vec<Pickable>,
    source: Option<Uuid>,
    external: Vec<Field>,
    mistake: Vec<Field>,
    decision: String,
    criteria: Vec<Field>,
    questions: Vec<Field>,
    continues: Vec<Uuid>,
    team: Vec<TeamMember>,
    attachments: Vec<Attachment>,
    is_owner: bool,
    /// When a save lost a race: the version someone else saved, field by field.
    theirs: Option<Vec<(String, String)>>,
    /// «Stjel før du bygger»: existing innovations like this one.
    similar: Vec<prisverdig_store::catalogue_query::Card>,
}

impl EditPage {
    pub fn is_steal(&self) -> bool {
        self.kind == CategoryKind::Steal.as_str()
    }

    pub fn is_mistake(&self) -> bool {
        self.kind == CategoryKind::Mistake.as_str()
    }

    pub fn is_draft(&self) -> bool {
        self.state == "draft"
    }

    pub fn is_source(&self, id: &Uuid) -> bool {
        self.source.as_ref() == Some(id)
    }

    pub fn continues_contains(&self, id: &Uuid) -> bool {
        self.continues.contains(id)
    }
}

fn page(shell: Shell, e: Editable, form: &ApplicationForm, errors: FormErrors) -> EditPage {
    let kind = CategoryKind::parse(&e.category.kind).unwrap_or(CategoryKind::Custom);
    let b = Builder {
        shell: &shell,
        errors: &errors,
    };
    let deadline = e.category.extended_deadline.unwrap_or(e.category.deadline);
    let (criteria, questions) = (
        b.criteria(form, &e.criteria),
        b.questions(form, &e.questions),
    );
    let mut errors = errors;
    // The summary links to the first unanswered field, not to the section heading.
    for (group, fields) in [("criteria", &criteria), ("questions", &questions)] {
        if let Some(first) = fields.iter().find(|f| f.error.is_some()) {
            errors.retarget(group, &first.name);
        }
    }
    let b = Builder {
        shell: &shell,
        errors: &errors,
    };
    EditPage {
        standard: b.standard(form),
        origin_from: b.origin_from(form),
        external: b.external_source(form),
        mistake: b.mistake(form, kind),
        criteria,
        questions,
        deadline: date_time(shell.locale, deadline),
        locked: e.locked.map(|v| shell.t(v.message_id)),
        id: e.application.id,
        version: e.application.version,
        state: e.application.state.clone(),
        kind: e.category.kind.clone(),
        category_name: e.category.name.clone(),
        round_title: e.category.round_title.clone(),
        extended: e.category.extended_deadline.is_some(),
        saved: false,
        origin: form.idea_origin.map_or("", |o| o.as_str()).to_string(),
        sources: e.pickable,
        source: form.source_application,
        decision: form
            .answers
            .mistake
            .as_ref()
            .and_then(|m| m.decision)
            .map_or("", |d| d.as_str())
            .to_string(),
        continues: form.continues.clone(),
        team: e.team,
        attachments: e.attachments,
        is_owner: e.is_owner,
        theirs: None,
        similar: Vec::new(),
        errors,
        shell,
    }
}

/// `?saved` after a plain save's redirect: the edit page says it was saved.
#[derive(Deserialize)]
pub struct EditQuery {
    #[serde(default)]
    pub(crate) saved: Option<String>,
}

pub async fn show(
    State(state): State<AppState>,
    shell: Shell,
    SignedIn(user): SignedIn,
    Path(id): Path<Uuid>,
    Query(query): Query<EditQuery>,
) -> Result<EditPage, WebError> {
    let e = state.services.editable(&user, id).await?;
    let form = e.form.clone();
    let about = format!("{} {}", form.title, form.summary);
    let mut page = page(shell, e, &form, FormErrors::default());
    page.saved = query.saved.is_some();
    page.similar = state.services.similar(id, &about, 5).await?;
    Ok(page)
}

/// The stored version's text, field by field, for the conflict notice.
fn as_fields(shell: &Shell, form: &ApplicationForm) -> Vec<(String, String)> {
    let a = &form.answers;
    let mut rows = vec![
        (shell.t("apply-title"), form.title.clone()),
        (shell.t("apply-summary"), form.summary.clone()),
        (shell.t("apply-what-we-did"), a.what_we_did.clone()),
        (shell.t("apply-three-years-ago"), a.three_years_ago.clone()),
        (shell.t("apply-effect"), a.effect.clone()),
        (shell.t("apply-partners"), a.partners.clone()),
        (shell.t("apply-contact"), a.contact.clone()),
    ];
    rows.extend(a.criteria.iter().enumerate().map(|(i, c)| {
        (
            format!("{} {}", shell.t("apply-criterion"), i + 1),
            c.clone(),
        )
    }));
    rows.retain(|(_, v)| !v.is_empty());
    rows
}

/// Autosave (htmx, JavaScript only): the result as a live status message and the new
/// version for the next save, swapped into the page out of band.
#[derive(Template)]
#[template(path = "apply/autosave.html")]
struct AutosaveFragment {
    message: String,
    ok: bool,
    version: i64,
}

fn autosave(
    shell: &Shell,
    outcome: Result<i64, ServiceError>,
    version: i64,
) -> Result<Response, WebError> {
    let (message_key, ok, version) = match outcome {
        Ok(new_version) => ("apply-autosaved", true, new_version),
        Err(ServiceError::Conflict) => ("error-save-conflict-autosave", false, version),
        Err(ServiceError::Invalid(problems)) => (
            problems.first().map_or("error-400-text", |p| p.message_id),
            false,
            version,
        ),
        Err(other) => return Err(other.into()),
    };
    let fragment = AutosaveFragment {
        message: shell.t(message_key),
        ok,
        version,
    };
    Ok(axum::response::Html(fragment.render()?).into_response())
}

pub async fn save(
    State(state): State<AppState>,
    shell: Shell,
    SignedIn(user): SignedIn,
    Path(id): Path<Uuid>,
    headers: axum::http::HeaderMap,
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
    if headers.contains_key("hx-request") && !submit {
        return autosave(&shell, outcome, version);
    }
    let problem = match outcome {
        Ok(_) if submit => {
            return Ok(Redirect::to(&format!("/applications/{id}/receipt")).into_response());
        }
        Ok(_) => {
            return Ok(
                Redirect::to(&format!("/applications/{id}/edit?saved=1#saved")).into_response(),
            );
        }
        Err(e @ (ServiceError::Invalid(_) | ServiceError::Conflict)) => e,
        Err(other) => return Err(other.into()),
    };
    // Only a refused save needs the page again, with what was typed.
    let current = state.services.editable(&user, id).await?;
    let kind = CategoryKind::parse(&current.category.kind).unwrap_or(CategoryKind::Custom);
    let mut form = form;
    form.fit_to(kind, current.criteria.len());
    let mut errors = FormErrors::default();
    if let ServiceError::Invalid(problems) = &problem {
        problems
            .iter()
            .for_each(|p| errors.add(shell.locale, p.field, p.message_id));
        let mut page = page(shell, current, &form, errors);
        page.version = version;
        return Ok((StatusCode::UNPROCESSABLE_ENTITY, page).into_response());
    }
    let theirs = as_fields(&shell, &current.form);
    errors.add(shell.locale, "conflict", "error-save-conflict");
    let mut page = page(shell, current, &form, errors);
    page.theirs = Some(theirs);
    Ok((StatusCode::CONFLICT, page).into_response())
}

/// The edit page as stored, with `errors` from another form on it (the team form).
pub async fn with_errors(
    state: &AppState,
    shell: Shell,
    user: &prisverdig_store::users::User,
    id: Uuid,
    errors: FormErrors,
) -> Result<EditPage, WebError> {
    let e = state.services.editable(user, id).await?;
    let form = e.form.clone();
    Ok(page(shell, e, &form, errors))
}
