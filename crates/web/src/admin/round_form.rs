//! Creating a round and editing its settings: one form for both.

use crate::error::WebError;
use crate::extract::user::Administrator;
use crate::forms::form_errors;
use crate::layout::{FormErrors, Shell};
use crate::respond::{see_other, unprocessable};
use crate::state::AppState;
use askama::Template;
use askama_web::WebTemplate;
use axum::Form;
use axum::extract::{Path, State};
use axum::response::Response;
use prisverdig_domain::local_time::oslo_parts;
use prisverdig_domain::setup::RoundInput;
use prisverdig_service::model::RoundRow;
use serde::Deserialize;
use uuid::Uuid;

#[derive(Template, WebTemplate)]
#[template(path = "admin/round_form.html")]
pub struct RoundFormPage {
    shell: Shell,
    /// `None` while creating.
    id: Option<Uuid>,
    form: RoundForm,
    errors: FormErrors,
}

#[derive(Deserialize, Default)]
pub struct RoundForm {
    #[serde(default)]
    year: String,
    #[serde(default)]
    title: String,
    #[serde(default)]
    description: String,
    #[serde(default)]
    ceremony_name: String,
    #[serde(default)]
    ceremony_date: String,
    #[serde(default)]
    ceremony_time: String,
    #[serde(default)]
    ceremony_place: String,
    #[serde(default)]
    visibility: String,
    /// The language of the round's diplomas and programme (`nb`, `nn`, `en`).
    #[serde(default)]
    language: String,
    #[serde(default)]
    default_prizes: Option<String>,
    /// The version the edit started from (0 when missing: refused as stale).
    #[serde(default)]
    version: i64,
}

impl RoundForm {
    fn input(&self) -> RoundInput<'_> {
        RoundInput {
            year: &self.year,
            title: &self.title,
            description: &self.description,
            ceremony_name: &self.ceremony_name,
            ceremony_date: &self.ceremony_date,
            ceremony_time: &self.ceremony_time,
            ceremony_place: &self.ceremony_place,
            visibility: &self.visibility,
            language: &self.language,
        }
    }

    fn from_round(r: RoundRow) -> RoundForm {
        let (ceremony_date, ceremony_time) = r.ceremony_at.map(oslo_parts).unwrap_or_default();
        RoundForm {
            year: r.year.to_string(),
            title: r.title,
            description: r.description,
            ceremony_name: r.ceremony_name,
            ceremony_date,
            ceremony_time,
            ceremony_place: r.ceremony_place,
            visibility: r.visibility.as_str().to_string(),
            language: r.language.as_str().to_string(),
            default_prizes: None,
            version: r.version,
        }
    }
}

pub async fn new_form(Administrator(_): Administrator, shell: Shell) -> RoundFormPage {
    let form = RoundForm {
        visibility: "on_submit".into(),
        language: shell.locale.tag().into(),
        default_prizes: Some("1".into()),
        ..RoundForm::default()
    };
    RoundFormPage {
        shell,
        id: None,
        form,
        errors: FormErrors::default(),
    }
}

pub async fn create(
    State(state): State<AppState>,
    Administrator(user): Administrator,
    shell: Shell,
    Form(form): Form<RoundForm>,
) -> Result<Response, WebError> {
    let default_prizes = form.default_prizes.is_some();
    match state
        .services
        .create_round(&user, &form.input(), default_prizes)
        .await
    {
        Ok(id) => Ok(see_other(&format!("/admin/rounds/{id}"))),
        Err(e) => {
            let errors = form_errors(shell.locale, e)?;
            Ok(unprocessable(RoundFormPage {
                shell,
                id: None,
                form,
                errors,
            }))
        }
    }
}

pub async fn edit_form(
    State(state): State<AppState>,
    Administrator(user): Administrator,
    shell: Shell,
    Path(id): Path<Uuid>,
) -> Result<RoundFormPage, WebError> {
    let view = state.services.round_view(&user, id).await?;
    Ok(RoundFormPage {
        shell,
        id: Some(id),
        form: RoundForm::from_round(view.round),
        errors: FormErrors::default(),
    })
}

pub async fn update(
    State(state): State<AppState>,
    Administrator(user): Administrator,
    shell: Shell,
    Path(id): Path<Uuid>,
    Form(form): Form<RoundForm>,
) -> Result<Response, WebError> {
    match state
        .services
        .update_round(&user, id, form.version, &form.input())
        .await
    {
        Ok(()) => Ok(see_other(&format!("/admin/rounds/{id}"))),
        Err(e) => {
            let errors = form_errors(shell.locale, e)?;
            Ok(unprocessable(RoundFormPage {
                shell,
                id: Some(id),
                form,
                errors,
            }))
        }
    }
}
