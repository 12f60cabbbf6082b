//! The application form's page. It shows the stored application, or, after a save that
//! could not store everything (`kept`), what was typed with each problem at its field; a
//! save that lost a race shows both versions. Saving is in `save.rs`.

use super::fields::Builder;
use super::form::parse;
use super::kept;
use crate::error::WebError;
use crate::extract::user::SignedIn;
use crate::format::date_time;
use crate::forms::Field;
use crate::layout::{FormErrors, Shell};
use crate::state::AppState;
use askama::Template;
use askama_web::WebTemplate;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use prisverdig_domain::application::ApplicationState;
use prisverdig_domain::application_form::ApplicationForm;
use prisverdig_domain::category::CategoryKind;
use prisverdig_service::apply::Editable;
use prisverdig_service::model::Attachment;
use prisverdig_service::model::{Pickable, TeamMember};
use tower_sessions::Session;
use uuid::Uuid;

#[derive(Template, WebTemplate)]
#[template(path = "apply/edit.html")]
pub struct EditPage {
    shell: Shell,
    id: Uuid,
    version: i64,
    state: ApplicationState,
    kind: CategoryKind,
    category_name: String,
    round_title: String,
    deadline: String,
    extended: bool,
    locked: Option<String>,
    saved: bool,
    /// The fields show text that was typed but is not stored yet.
    unsaved: bool,
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
    similar: Vec<prisverdig_service::model::Card>,
}

impl EditPage {
    pub fn is_steal(&self) -> bool {
        self.kind == CategoryKind::Steal
    }

    pub fn is_mistake(&self) -> bool {
        self.kind == CategoryKind::Mistake
    }

    pub fn is_draft(&self) -> bool {
        self.state == ApplicationState::Draft
    }

    pub fn is_source(&self, id: &Uuid) -> bool {
        self.source.as_ref() == Some(id)
    }

    /// The earlier applications chosen, then a few of the newest to choose from; the
    /// search (`continues.rs`) finds the rest.
    pub fn continues_options(&self) -> Vec<(Pickable, bool)> {
        super::continues::options(&self.sources, &self.continues, &[])
    }
}

pub(super) fn page(
    shell: Shell,
    e: Editable,
    form: &ApplicationForm,
    errors: FormErrors,
) -> EditPage {
    let kind = e.category.kind;
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
    let (standard, origin_from) = (b.standard(form), b.origin_from(form));
    let (external, mistake) = (b.external_source(form), b.mistake(form, kind));
    for f in standard
        .iter()
        .chain([&origin_from])
        .chain(&external)
        .chain(&mistake)
    {
        errors.label(&f.name, &f.label);
    }
    for (i, f) in criteria.iter().enumerate() {
        errors.label(
            &f.name,
            &format!("{} {}", shell.t("apply-criterion"), i + 1),
        );
    }
    for f in &questions {
        errors.label(&f.name, &f.label);
    }
    for (field, key) in [
        ("idea_origin", "apply-idea-origin"),
        ("mistake_decision", "apply-mistake-decision"),
        ("source", "apply-section-source"),
        ("continues", "apply-continues"),
    ] {
        errors.label(field, &shell.t(key));
    }
    EditPage {
        standard,
        origin_from,
        external,
        mistake,
        criteria,
        questions,
        deadline: date_time(shell.locale, deadline),
        locked: e.locked.map(|v| shell.t(v.message_id)),
        id: e.application.id,
        version: e.application.version,
        state: e.application.state,
        kind: e.category.kind,
        category_name: e.category.name.clone(),
        round_title: e.category.round_title.clone(),
        extended: e.category.extended_deadline.is_some(),
        saved: false,
        unsaved: false,
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

pub async fn show(
    State(state): State<AppState>,
    shell: Shell,
    SignedIn(user): SignedIn,
    session: Session,
    Path(id): Path<Uuid>,
) -> Result<Response, WebError> {
    let e = state.services.editable(&user, id).await?;
    let about = format!("{} {}", e.form.title, e.form.summary);
    let similar = state.services.similar(id, &about, 5).await?;
    let saved = kept::take_saved(&session, id).await?;
    let Some(k) = kept::kept(&session, id).await? else {
        let form = e.form.clone();
        let mut page = page(shell, e, &form, FormErrors::default());
        page.saved = saved;
        page.similar = similar;
        return Ok(page.into_response());
    };
    // What was typed, over what is stored; both shown when someone saved in between.
    let kind = e.category.kind;
    let mut form = parse(k.body.as_bytes()).form;
    form.fit_to(kind, e.criteria.len());
    let conflict = k.conflict || e.application.version != k.version;
    let mut errors = k.errors(shell.locale);
    let theirs = conflict.then(|| as_fields(&shell, &e.form));
    if conflict {
        errors.add(shell.locale, "conflict", "error-save-conflict");
    }
    let mut page = page(shell, e, &form, errors);
    page.unsaved = true;
    page.theirs = theirs;
    page.similar = similar;
    let status = match conflict {
        true => StatusCode::CONFLICT,
        false => StatusCode::UNPROCESSABLE_ENTITY,
    };
    Ok((status, page).into_response())
}

/// The stored version's text, field by field, for the conflict notice.
pub(super) fn as_fields(shell: &Shell, form: &ApplicationForm) -> Vec<(String, String)> {
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

/// The edit page as stored, with `errors` from another form on it (the team form).
pub async fn with_errors(
    state: &AppState,
    shell: Shell,
    user: &prisverdig_service::model::User,
    id: Uuid,
    errors: FormErrors,
) -> Result<EditPage, WebError> {
    let e = state.services.editable(user, id).await?;
    let form = e.form.clone();
    Ok(page(shell, e, &form, errors))
}
