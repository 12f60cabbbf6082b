//! One unit: rename it, move it elsewhere in the chart, or merge it into another unit.

use crate::error::WebError;
use crate::extract::user::Administrator;
use crate::forms::{UnitOption, form_errors, unit_options};
use crate::layout::{FormErrors, Shell};
use crate::respond::{see_other, unprocessable};
use crate::state::AppState;
use askama::Template;
use askama_web::WebTemplate;
use axum::Form;
use axum::extract::{Path, State};
use axum::response::Response;
use prisverdig_domain::ValidationError;
use prisverdig_service::ServiceError;
use serde::Deserialize;
use uuid::Uuid;

#[derive(Template, WebTemplate)]
#[template(path = "admin/unit_edit.html")]
pub struct UnitEditPage {
    shell: Shell,
    id: Uuid,
    name: String,
    /// The version the page was read at; each form sends it back.
    version: i64,
    parents: Vec<UnitOption>,
    targets: Vec<UnitOption>,
    errors: FormErrors,
}

#[derive(Deserialize, Default)]
pub struct UnitEditForm {
    #[serde(default)]
    name: String,
    #[serde(default)]
    parent: String,
    #[serde(default)]
    into: String,
    /// The version the edit started from (0 when missing: refused as stale).
    #[serde(default)]
    version: i64,
}

async fn page(
    state: &AppState,
    shell: Shell,
    id: Uuid,
    name: Option<String>,
    errors: FormErrors,
) -> Result<UnitEditPage, WebError> {
    let units = state.services.units().await?;
    let unit = units
        .iter()
        .find(|u| u.id == id)
        .ok_or(WebError::NotFound)?;
    let parent = unit.parent_id.map(|p| p.to_string());
    let mut parents = unit_options(&units, parent.as_deref());
    parents.retain(|o| o.id != id.to_string());
    let mut targets = unit_options(&units, None);
    targets.retain(|o| o.id != id.to_string());
    let name = name.unwrap_or_else(|| unit.name.clone());
    Ok(UnitEditPage {
        shell,
        id,
        name,
        version: unit.version,
        parents,
        targets,
        errors,
    })
}

pub async fn show(
    State(state): State<AppState>,
    Administrator(_): Administrator,
    shell: Shell,
    Path(id): Path<Uuid>,
) -> Result<UnitEditPage, WebError> {
    page(&state, shell, id, None, FormErrors::default()).await
}

fn optional_id(raw: &str) -> Result<Option<Uuid>, WebError> {
    match raw {
        "" => Ok(None),
        raw => Uuid::parse_str(raw)
            .map(Some)
            .map_err(|_| WebError::NotFound),
    }
}

/// Back to the chart, or this page again with the messages.
async fn answer(
    state: &AppState,
    shell: Shell,
    id: Uuid,
    form: UnitEditForm,
    outcome: Result<(), ServiceError>,
) -> Result<Response, WebError> {
    match outcome {
        Ok(()) => Ok(see_other("/admin/units")),
        Err(e) => {
            let errors = form_errors(shell.locale, e)?;
            Ok(unprocessable(
                page(
                    state,
                    shell,
                    id,
                    Some(form.name).filter(|n| !n.is_empty()),
                    errors,
                )
                .await?,
            ))
        }
    }
}

/// The three forms of the page: `rename`, `move` or `merge`.
pub async fn change(
    State(state): State<AppState>,
    Administrator(user): Administrator,
    shell: Shell,
    Path((id, action)): Path<(Uuid, String)>,
    Form(form): Form<UnitEditForm>,
) -> Result<Response, WebError> {
    let services = &state.services;
    let outcome = match action.as_str() {
        "rename" => {
            services
                .rename_unit(&user, id, form.version, &form.name)
                .await
        }
        "move" => {
            services
                .move_unit(&user, id, form.version, optional_id(&form.parent)?)
                .await
        }
        "merge" => match optional_id(&form.into)? {
            Some(into) => services.merge_unit(&user, id, form.version, into).await,
            None => Err(ValidationError::new("into", "error-choose-one").into()),
        },
        _ => return Err(WebError::NotFound),
    };
    answer(&state, shell, id, form, outcome).await
}
