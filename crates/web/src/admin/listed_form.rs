//! The pages that add or edit one criterion or question of a category. Both lists share
//! these handlers; [`ItemForm`] says what differs: the fields, the template and the use case.

use crate::error::WebError;
use crate::extract::user::Administrator;
use crate::forms::form_errors;
use crate::layout::{FormErrors, Shell};
use crate::respond::{see_other, unprocessable};
use crate::state::AppState;
use axum::Form;
use axum::extract::{Path, State};
use axum::response::Response;
use prisverdig_service::admin::categories::CategoryView;
use prisverdig_service::model::User;
use prisverdig_service::{ServiceError, Services};
use serde::de::DeserializeOwned;
use uuid::Uuid;

/// Everything the add/edit page of one item shows.
pub struct ItemPage<F> {
    pub shell: Shell,
    pub category: Uuid,
    pub category_name: String,
    /// `None` while adding.
    pub id: Option<Uuid>,
    pub form: F,
    pub errors: FormErrors,
}

pub trait ItemForm: DeserializeOwned + Send + Sync + Sized + 'static {
    /// The form for a new item, with sensible defaults.
    fn fresh() -> Self;
    /// The form filled from the stored item `id`, if the category has it.
    fn stored(view: &CategoryView, id: Uuid) -> Option<Self>;
    /// Adds (`id` is `None`) or updates the item.
    fn save(
        &self,
        services: &Services,
        user: &User,
        category: Uuid,
        id: Option<Uuid>,
    ) -> impl Future<Output = Result<(), ServiceError>> + Send;
    fn render(page: ItemPage<Self>) -> Response;
}

async fn page<F: ItemForm>(
    state: &AppState,
    (shell, user): (Shell, &User),
    (category, id): (Uuid, Option<Uuid>),
    form: Option<F>,
    errors: FormErrors,
) -> Result<Response, WebError> {
    let view = state.services.category_view(user, category).await?;
    let form = match (form, id) {
        (Some(form), _) => form,
        (None, None) => F::fresh(),
        (None, Some(id)) => F::stored(&view, id).ok_or(WebError::NotFound)?,
    };
    let category_name = view.category.name;
    let page = ItemPage {
        shell,
        category,
        category_name,
        id,
        form,
        errors,
    };
    Ok(F::render(page))
}

pub async fn new_form<F: ItemForm>(
    State(state): State<AppState>,
    Administrator(user): Administrator,
    shell: Shell,
    Path(category): Path<Uuid>,
) -> Result<Response, WebError> {
    page::<F>(
        &state,
        (shell, &user),
        (category, None),
        None,
        FormErrors::default(),
    )
    .await
}

pub async fn edit_form<F: ItemForm>(
    State(state): State<AppState>,
    Administrator(user): Administrator,
    shell: Shell,
    Path((category, id)): Path<(Uuid, Uuid)>,
) -> Result<Response, WebError> {
    let at = (category, Some(id));
    page::<F>(&state, (shell, &user), at, None, FormErrors::default()).await
}

pub async fn create<F: ItemForm>(
    State(state): State<AppState>,
    Administrator(user): Administrator,
    shell: Shell,
    Path(category): Path<Uuid>,
    Form(form): Form<F>,
) -> Result<Response, WebError> {
    save(&state, (shell, &user), (category, None), form).await
}

pub async fn update<F: ItemForm>(
    State(state): State<AppState>,
    Administrator(user): Administrator,
    shell: Shell,
    Path((category, id)): Path<(Uuid, Uuid)>,
    Form(form): Form<F>,
) -> Result<Response, WebError> {
    save(&state, (shell, &user), (category, Some(id)), form).await
}

/// Back to the category, or the form again with its messages.
async fn save<F: ItemForm>(
    state: &AppState,
    (shell, user): (Shell, &User),
    (category, id): (Uuid, Option<Uuid>),
    form: F,
) -> Result<Response, WebError> {
    match form.save(&state.services, user, category, id).await {
        Ok(()) => Ok(see_other(&format!("/admin/categories/{category}"))),
        Err(e) => {
            let errors = form_errors(shell.locale, e)?;
            let page = page(state, (shell, user), (category, id), Some(form), errors).await?;
            Ok(unprocessable(page))
        }
    }
}
