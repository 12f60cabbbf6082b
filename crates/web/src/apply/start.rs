//! Starting an application: choose an open category and the unit it is on behalf of.

use crate::error::WebError;
use crate::extract::user::SignedIn;
use crate::format::date_time;
use crate::layout::{FormErrors, Shell};
use crate::state::AppState;
use askama::Template;
use askama_web::WebTemplate;
use axum::Form;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use prisverdig_service::ServiceError;
use serde::Deserialize;
use uuid::Uuid;

pub struct Choice {
    pub id: Uuid,
    pub label: String,
    pub detail: String,
}

#[derive(Template, WebTemplate)]
#[template(path = "apply/start.html")]
pub struct StartPage {
    shell: Shell,
    categories: Vec<Choice>,
    units: Vec<Choice>,
    chosen_category: Option<Uuid>,
    chosen_unit: Option<Uuid>,
    errors: FormErrors,
}

async fn page(
    state: &AppState,
    shell: Shell,
    user_unit: Option<Uuid>,
) -> Result<StartPage, WebError> {
    let categories = state
        .services
        .open_categories()
        .await?
        .into_iter()
        .map(|c| Choice {
            id: c.id,
            detail: format!(
                "{} · {}",
                c.round_title,
                date_time(shell.locale, c.extended_deadline.unwrap_or(c.deadline))
            ),
            label: c.name,
        })
        .collect();
    let units = state
        .services
        .units_with_paths()
        .await
        .map_err(WebError::from)?
        .into_iter()
        .map(|(id, path)| Choice {
            id,
            label: path.join(" › "),
            detail: String::new(),
        })
        .collect();
    Ok(StartPage {
        shell,
        categories,
        units,
        chosen_category: None,
        chosen_unit: user_unit,
        errors: FormErrors::default(),
    })
}

pub async fn form(
    State(state): State<AppState>,
    shell: Shell,
    SignedIn(user): SignedIn,
) -> Result<StartPage, WebError> {
    page(&state, shell, user.unit_id).await
}

#[derive(Deserialize)]
pub struct StartForm {
    #[serde(default)]
    category: String,
    #[serde(default)]
    unit: String,
}

pub async fn submit(
    State(state): State<AppState>,
    shell: Shell,
    SignedIn(user): SignedIn,
    Form(input): Form<StartForm>,
) -> Result<Response, WebError> {
    let category = Uuid::parse_str(&input.category).ok();
    let unit = Uuid::parse_str(&input.unit).ok();
    let mut errors = FormErrors::default();
    if let (Some(category), Some(unit)) = (category, unit) {
        match state
            .services
            .start_application(&user, category, unit)
            .await
        {
            Ok(id) => return Ok(Redirect::to(&format!("/applications/{id}/edit")).into_response()),
            Err(ServiceError::Invalid(problems)) => {
                for p in problems {
                    errors.add(
                        shell.locale,
                        if p.field == "unit" {
                            "unit"
                        } else {
                            "category"
                        },
                        p.message_id,
                    );
                }
            }
            Err(ServiceError::NotFound) => errors.add(shell.locale, "category", "error-choose-one"),
            Err(other) => return Err(other.into()),
        }
    }
    if category.is_none() {
        errors.add(shell.locale, "category", "error-choose-one");
    }
    if unit.is_none() {
        errors.add(shell.locale, "unit", "error-choose-one");
    }
    let mut page = page(&state, shell, unit).await?;
    page.chosen_category = category;
    page.errors = errors;
    Ok((StatusCode::UNPROCESSABLE_ENTITY, page).into_response())
}
