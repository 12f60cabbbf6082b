//! Blind mode's redacted copy, for the administrator: the category's submitted applications
//! with whether a copy is written, and the page that writes one — each free-text answer as
//! the team wrote it beside the text the blind jury reads.

use crate::error::WebError;
use crate::extract::user::Administrator;
use crate::format::date_time;
use crate::layout::{FormErrors, Shell};
use crate::respond::{see_other, unprocessable};
use crate::state::AppState;
use askama::Template;
use askama_web::WebTemplate;
use axum::Form;
use axum::extract::{Path, State};
use axum::response::Response;
use prisverdig_domain::jury::redaction::TextField;
use prisverdig_service::jury::redaction::RedactionPage;
use uuid::Uuid;

#[derive(Template, WebTemplate)]
#[template(path = "admin/redactions.html")]
pub struct ListPage {
    shell: Shell,
    id: Uuid,
    heading: String,
    blind: bool,
    /// (application, title as written, when its copy was last written)
    rows: Vec<(Uuid, String, Option<String>)>,
}

pub async fn list(
    State(state): State<AppState>,
    Administrator(user): Administrator,
    shell: Shell,
    Path(id): Path<Uuid>,
) -> Result<ListPage, WebError> {
    let list = state.services.redactions(&user, id).await?;
    Ok(ListPage {
        id,
        heading: format!("{} – {}", list.category.name, list.category.round_title),
        blind: list.blind,
        rows: list
            .applications
            .into_iter()
            .map(|(a, at)| (a.id, a.title, at.map(|t| date_time(shell.locale, t))))
            .collect(),
        shell,
    })
}

/// One field on the page: its key, label, the text as written and as the jury reads it.
pub struct FieldView {
    pub key: String,
    pub label: String,
    pub original: String,
    pub text: String,
    pub rows: usize,
}

#[derive(Template, WebTemplate)]
#[template(path = "admin/redaction.html")]
pub struct EditPage {
    shell: Shell,
    id: Uuid,
    category_id: Uuid,
    title: String,
    blind: bool,
    fields: Vec<FieldView>,
    version: String,
    errors: FormErrors,
    saved: bool,
    suggested: bool,
}

fn label(shell: &Shell, page: &RedactionPage, field: TextField) -> String {
    let key = match field {
        TextField::Title => "apply-title",
        TextField::Summary => "apply-summary",
        TextField::WhatWeDid => "apply-what-we-did",
        TextField::ThreeYearsAgo => "apply-three-years-ago",
        TextField::Effect => "apply-effect",
        TextField::Partners => "apply-partners",
        TextField::OriginFrom => "apply-origin-from",
        TextField::MistakeTried => "apply-mistake-tried",
        TextField::MistakeWentWrong => "apply-mistake-went-wrong",
        TextField::MistakeLearned => "apply-mistake-learned",
        TextField::Criterion(i) => {
            return page
                .criteria
                .get(i)
                .map(|c| c.text.clone())
                .unwrap_or_default();
        }
        TextField::Question(id) => {
            let q = page.questions.iter().find(|q| q.id == id);
            return q.map(|q| q.text.clone()).unwrap_or_default();
        }
    };
    shell.t(key)
}

fn view(
    shell: Shell,
    page: RedactionPage,
    typed: Option<&[(String, String)]>,
    errors: FormErrors,
    saved: bool,
) -> EditPage {
    let fields = page
        .fields
        .iter()
        .map(|(field, original, shown)| {
            let key = field.key();
            let text = typed
                .and_then(|t| t.iter().find(|(k, _)| *k == key))
                .map_or_else(|| shown.clone(), |(_, v)| v.clone());
            FieldView {
                label: label(&shell, &page, *field),
                rows: if matches!(field, TextField::Title) {
                    1
                } else {
                    4
                },
                original: original.clone(),
                text,
                key,
            }
        })
        .collect();
    EditPage {
        id: page.application_id,
        category_id: page.category.id,
        title: page.title.clone(),
        blind: page.blind,
        fields,
        version: page.version.map(|v| v.to_string()).unwrap_or_default(),
        suggested: page.suggested,
        errors,
        saved,
        shell,
    }
}

pub async fn show(
    State(state): State<AppState>,
    Administrator(user): Administrator,
    shell: Shell,
    Path(id): Path<Uuid>,
    axum::extract::Query(q): axum::extract::Query<crate::forms::SavedQuery>,
) -> Result<EditPage, WebError> {
    let page = state.services.redaction_page(&user, id).await?;
    Ok(view(
        shell,
        page,
        None,
        FormErrors::default(),
        q.saved.is_some(),
    ))
}

pub async fn save(
    State(state): State<AppState>,
    Administrator(user): Administrator,
    shell: Shell,
    Path(id): Path<Uuid>,
    Form(body): Form<Vec<(String, String)>>,
) -> Result<Response, WebError> {
    let version = body
        .iter()
        .find(|(k, _)| k == "version")
        .and_then(|(_, v)| v.trim().parse().ok());
    let typed: Vec<(String, String)> = body
        .into_iter()
        .filter(|(k, _)| TextField::parse(k).is_some())
        .collect();
    match state
        .services
        .save_redaction(&user, id, version, &typed)
        .await?
    {
        Ok(_) => Ok(see_other(&format!(
            "/admin/applications/{id}/redaction?saved=1"
        ))),
        Err(problems) => {
            let mut errors = FormErrors::default();
            for (key, p) in &problems {
                errors.add_translated(shell.locale, key, p.message_id, p.limit);
            }
            let page = state.services.redaction_page(&user, id).await?;
            let mut edit = view(shell, page, Some(&typed), errors, false);
            for f in &edit.fields {
                edit.errors.label(&f.key, &f.label);
            }
            Ok(unprocessable(edit))
        }
    }
}
