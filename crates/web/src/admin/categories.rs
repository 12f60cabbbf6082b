//! A category of a round: its settings form, and (when editing) its criteria and questions.

use crate::error::WebError;
use crate::extract::user::Administrator;
use crate::forms::form_errors;
use crate::labels::CATEGORY_KINDS;
use crate::layout::{FormErrors, Shell};
use crate::respond::{see_other, unprocessable};
use crate::state::AppState;
use askama::Template;
use askama_web::WebTemplate;
use axum::Form;
use axum::extract::{Path, Query, State};
use axum::response::Response;
use prisverdig_domain::category::Scale;
use prisverdig_domain::local_time::oslo_parts;
use prisverdig_domain::setup::CategoryInput;
use prisverdig_service::admin::categories::CategoryView;
use prisverdig_service::model::CategoryRow;
use prisverdig_service::model::CriterionRow;
use prisverdig_service::model::QuestionRow;
use prisverdig_service::model::User;
use serde::Deserialize;
use uuid::Uuid;

#[derive(Template, WebTemplate)]
#[template(path = "admin/category_form.html")]
pub struct CategoryPage {
    shell: Shell,
    round_id: Uuid,
    round_title: String,
    /// `None` while creating.
    id: Option<Uuid>,
    form: CategoryForm,
    kinds: [(&'static str, &'static str); 4],
    criteria: Vec<CriterionRow>,
    questions: Vec<QuestionRow>,
    editable: bool,
    /// Its deadline has passed while the round is a draft or open: a warning, not a refusal.
    deadline_past: bool,
    /// Arrived here from saving the form.
    saved: bool,
    errors: FormErrors,
}

#[derive(Deserialize, Default)]
pub struct CategoryForm {
    #[serde(default)]
    kind: String,
    #[serde(default)]
    name: String,
    #[serde(default)]
    description: String,
    #[serde(default)]
    prize_sum_kr: String,
    #[serde(default)]
    deadline_date: String,
    #[serde(default)]
    deadline_time: String,
    #[serde(default)]
    extended_date: String,
    #[serde(default)]
    extended_time: String,
    #[serde(default)]
    blind: Option<String>,
    #[serde(default)]
    peoples_choice: Option<String>,
    /// The version the edit started from (0 when missing: refused as stale).
    #[serde(default)]
    version: i64,
}

impl CategoryForm {
    fn input(&self) -> CategoryInput<'_> {
        CategoryInput {
            kind: &self.kind,
            name: &self.name,
            description: &self.description,
            prize_sum_kr: &self.prize_sum_kr,
            deadline_date: &self.deadline_date,
            deadline_time: &self.deadline_time,
            extended_date: &self.extended_date,
            extended_time: &self.extended_time,
            blind: self.blind.is_some(),
            peoples_choice: self.peoples_choice.is_some(),
        }
    }

    fn from_category(c: &CategoryRow) -> CategoryForm {
        let (deadline_date, deadline_time) = oslo_parts(c.deadline);
        let (extended_date, extended_time) =
            c.extended_deadline.map(oslo_parts).unwrap_or_default();
        CategoryForm {
            kind: c.kind.as_str().to_string(),
            name: c.name.clone(),
            description: c.description.clone(),
            prize_sum_kr: c.prize_sum_kr.to_string(),
            deadline_date,
            deadline_time,
            extended_date,
            extended_time,
            blind: c.blind.then(|| "1".to_string()),
            peoples_choice: c.peoples_choice.then(|| "1".to_string()),
            version: c.version,
        }
    }
}

fn editing(
    shell: Shell,
    view: CategoryView,
    form: Option<CategoryForm>,
    errors: FormErrors,
) -> CategoryPage {
    CategoryPage {
        form: form.unwrap_or_else(|| CategoryForm::from_category(&view.category)),
        round_id: view.round.id,
        round_title: view.round.title,
        id: Some(view.category.id),
        kinds: CATEGORY_KINDS,
        criteria: view.criteria,
        questions: view.questions,
        editable: view.editable,
        deadline_past: view.deadline_past,
        saved: false,
        shell,
        errors,
    }
}

async fn creating(
    state: &AppState,
    shell: Shell,
    user: &User,
    round_id: Uuid,
    form: CategoryForm,
    errors: FormErrors,
) -> Result<CategoryPage, WebError> {
    let round = state.services.round_view(user, round_id).await?.round;
    Ok(CategoryPage {
        round_id,
        round_title: round.title,
        id: None,
        form,
        kinds: CATEGORY_KINDS,
        criteria: Vec::new(),
        questions: Vec::new(),
        editable: true,
        deadline_past: false,
        saved: false,
        shell,
        errors,
    })
}

pub async fn new_form(
    State(state): State<AppState>,
    Administrator(user): Administrator,
    shell: Shell,
    Path(round_id): Path<Uuid>,
) -> Result<CategoryPage, WebError> {
    // No type chosen: the server takes the shipped prize the name names, else «Egen pris».
    let form = CategoryForm {
        kind: String::new(),
        prize_sum_kr: "0".into(),
        deadline_time: "23:59".into(),
        ..CategoryForm::default()
    };
    creating(&state, shell, &user, round_id, form, FormErrors::default()).await
}

pub async fn create(
    State(state): State<AppState>,
    Administrator(user): Administrator,
    shell: Shell,
    Path(round_id): Path<Uuid>,
    Form(form): Form<CategoryForm>,
) -> Result<Response, WebError> {
    match state
        .services
        .create_category(&user, round_id, &form.input())
        .await
    {
        Ok(id) => Ok(see_other(&format!("/admin/categories/{id}?saved=1"))),
        Err(e) => {
            let errors = form_errors(shell.locale, e)?;
            Ok(unprocessable(
                creating(&state, shell, &user, round_id, form, errors).await?,
            ))
        }
    }
}

pub async fn edit_form(
    State(state): State<AppState>,
    Administrator(user): Administrator,
    shell: Shell,
    Path(id): Path<Uuid>,
    Query(query): Query<crate::forms::SavedQuery>,
) -> Result<CategoryPage, WebError> {
    let view = state.services.category_view(&user, id).await?;
    let mut page = editing(shell, view, None, FormErrors::default());
    page.saved = query.saved.is_some();
    Ok(page)
}

pub async fn update(
    State(state): State<AppState>,
    Administrator(user): Administrator,
    shell: Shell,
    Path(id): Path<Uuid>,
    Form(form): Form<CategoryForm>,
) -> Result<Response, WebError> {
    match state
        .services
        .update_category(&user, id, form.version, &form.input())
        .await
    {
        Ok(()) => Ok(see_other(&format!("/admin/categories/{id}?saved=1"))),
        Err(e) => {
            let errors = form_errors(shell.locale, e)?;
            let view = state.services.category_view(&user, id).await?;
            Ok(unprocessable(editing(shell, view, Some(form), errors)))
        }
    }
}

/// The category page again with a refusal (criteria locked), for the list actions.
pub(crate) async fn refused(
    state: &AppState,
    shell: Shell,
    user: &User,
    id: Uuid,
    errors: FormErrors,
) -> Result<Response, WebError> {
    let view = state.services.category_view(user, id).await?;
    Ok(unprocessable(editing(shell, view, None, errors)))
}
