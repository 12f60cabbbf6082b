//! Adding and editing a question of a category's application form.

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
use prisverdig_domain::setup::QuestionInput;
use prisverdig_service::ServiceError;
use prisverdig_store::users::User;
use serde::Deserialize;
use uuid::Uuid;

#[derive(Template, WebTemplate)]
#[template(path = "admin/question_form.html")]
pub struct QuestionPage {
    shell: Shell,
    category: Uuid,
    category_name: String,
    id: Option<Uuid>,
    form: QuestionForm,
    errors: FormErrors,
}

#[derive(Deserialize, Default)]
pub struct QuestionForm {
    #[serde(default)]
    text: String,
    #[serde(default)]
    help: String,
    #[serde(default)]
    required: Option<String>,
}

impl QuestionForm {
    fn input(&self) -> QuestionInput<'_> {
        QuestionInput {
            text: &self.text,
            help: &self.help,
            required: self.required.is_some(),
        }
    }
}

async fn page(
    state: &AppState,
    shell: Shell,
    user: &User,
    category: Uuid,
    id: Option<Uuid>,
    form: Option<QuestionForm>,
    errors: FormErrors,
) -> Result<QuestionPage, WebError> {
    let view = state.services.category_view(user, category).await?;
    let form = match (form, id) {
        (Some(form), _) => form,
        (None, None) => QuestionForm {
            required: Some("1".into()),
            ..QuestionForm::default()
        },
        (None, Some(id)) => {
            let q = view
                .questions
                .iter()
                .find(|q| q.id == id)
                .ok_or(WebError::NotFound)?;
            QuestionForm {
                text: q.text.clone(),
                help: q.help.clone(),
                required: q.required.then(|| "1".into()),
            }
        }
    };
    Ok(QuestionPage {
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
) -> Result<QuestionPage, WebError> {
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
) -> Result<QuestionPage, WebError> {
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
    Form(form): Form<QuestionForm>,
) -> Result<Response, WebError> {
    let outcome = state
        .services
        .add_question(&user, category, &form.input())
        .await
        .map(|_| ());
    answer(&state, shell, &user, (category, None), form, outcome).await
}

pub async fn update(
    State(state): State<AppState>,
    Administrator(user): Administrator,
    shell: Shell,
    Path((category, id)): Path<(Uuid, Uuid)>,
    Form(form): Form<QuestionForm>,
) -> Result<Response, WebError> {
    let outcome = state
        .services
        .update_question(&user, category, id, &form.input())
        .await;
    answer(&state, shell, &user, (category, Some(id)), form, outcome).await
}

async fn answer(
    state: &AppState,
    shell: Shell,
    user: &User,
    (category, id): (Uuid, Option<Uuid>),
    form: QuestionForm,
    outcome: Result<(), ServiceError>,
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
