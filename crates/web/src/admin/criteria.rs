//! Adding and editing a criterion of a category.

use super::{form_errors, see_other, unprocessable};
use crate::error::WebError;
use crate::extract::user::Administrator;
use crate::layout::{FormErrors, Shell};
use crate::router::AppState;
use askama::Template;
use askama_web::WebTemplate;
use axum::Form;
use axum::extract::{Path, State};
use axum::response::Response;
use prisverdig_domain::setup::CriterionInput;
use serde::Deserialize;
use uuid::Uuid;

#[derive(Template, WebTemplate)]
#[template(path = "admin/criterion_form.html")]
pub struct CriterionPage {
    shell: Shell,
    category: Uuid,
    category_name: String,
    /// `None` while adding.
    id: Option<Uuid>,
    form: CriterionForm,
    errors: FormErrors,
}

#[derive(Deserialize, Default)]
pub struct CriterionForm {
    #[serde(default)]
    text: String,
    #[serde(default)]
    help: String,
    #[serde(default)]
    weight: String,
    #[serde(default)]
    shape: String,
    #[serde(default)]
    scale_min: String,
    #[serde(default)]
    scale_max: String,
}

impl CriterionForm {
    fn input(&self) -> CriterionInput<'_> {
        CriterionInput {
            text: &self.text,
            help: &self.help,
            weight: &self.weight,
            shape: &self.shape,
            scale_min: &self.scale_min,
            scale_max: &self.scale_max,
        }
    }
}

async fn page(
    state: &AppState,
    shell: Shell,
    user: &prisverdig_store::users::User,
    category: Uuid,
    id: Option<Uuid>,
    form: Option<CriterionForm>,
    errors: FormErrors,
) -> Result<CriterionPage, WebError> {
    let view = state.services.category_view(user, category).await?;
    let form = match (form, id) {
        (Some(form), _) => form,
        (None, None) => CriterionForm {
            weight: "1".into(),
            shape: "range".into(),
            scale_min: "1".into(),
            scale_max: "6".into(),
            ..CriterionForm::default()
        },
        (None, Some(id)) => {
            let c = view
                .criteria
                .iter()
                .find(|c| c.id == id)
                .ok_or(WebError::NotFound)?;
            CriterionForm {
                text: c.text.clone(),
                help: c.help.clone(),
                weight: c.weight.to_string(),
                shape: c.shape.clone(),
                scale_min: c.scale_min.to_string(),
                scale_max: c.scale_max.to_string(),
            }
        }
    };
    Ok(CriterionPage {
        shell,
        category,
        category_name: view.category.name,
        id,
        form,
        errors,
    })
}

pub async fn new_form(
    State(state): State<AppState>,
    Administrator(user): Administrator,
    shell: Shell,
    Path(category): Path<Uuid>,
) -> Result<CriterionPage, WebError> {
    page(
        &state,
        shell,
        &user,
        category,
        None,
        None,
        FormErrors::default(),
    )
    .await
}

pub async fn edit_form(
    State(state): State<AppState>,
    Administrator(user): Administrator,
    shell: Shell,
    Path((category, id)): Path<(Uuid, Uuid)>,
) -> Result<CriterionPage, WebError> {
    page(
        &state,
        shell,
        &user,
        category,
        Some(id),
        None,
        FormErrors::default(),
    )
    .await
}

pub async fn create(
    State(state): State<AppState>,
    Administrator(user): Administrator,
    shell: Shell,
    Path(category): Path<Uuid>,
    Form(form): Form<CriterionForm>,
) -> Result<Response, WebError> {
    let outcome = state
        .services
        .add_criterion(&user, category, &form.input())
        .await
        .map(|_| ());
    answer(&state, shell, &user, category, None, form, outcome).await
}

pub async fn update(
    State(state): State<AppState>,
    Administrator(user): Administrator,
    shell: Shell,
    Path((category, id)): Path<(Uuid, Uuid)>,
    Form(form): Form<CriterionForm>,
) -> Result<Response, WebError> {
    let outcome = state
        .services
        .update_criterion(&user, category, id, &form.input())
        .await;
    answer(&state, shell, &user, category, Some(id), form, outcome).await
}

async fn answer(
    state: &AppState,
    shell: Shell,
    user: &prisverdig_store::users::User,
    category: Uuid,
    id: Option<Uuid>,
    form: CriterionForm,
    outcome: Result<(), prisverdig_service::ServiceError>,
) -> Result<Response, WebError> {
    match outcome {
        Ok(()) => Ok(see_other(&format!("/admin/categories/{category}"))),
        Err(e) => {
            let errors = form_errors(shell.locale, e)?;
            Ok(unprocessable(
                page(state, shell, user, category, id, Some(form), errors).await?,
            ))
        }
    }
}
