//! One unit: rename it, move it elsewhere in the chart, or merge it into another unit. An
//! archived unit's page is read-only (`unit_archived.rs`), with the form that undoes its merge.

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
use axum::response::{IntoResponse, Response};
use prisverdig_domain::ValidationError;
use prisverdig_service::ServiceError;
use prisverdig_service::model::User;
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

/// The unit's page: the forms for a unit in the chart, the read-only page for an archived one.
async fn either(
    state: &AppState,
    shell: Shell,
    user: &User,
    id: Uuid,
    name: Option<String>,
    errors: FormErrors,
) -> Result<Response, WebError> {
    if state.services.units().await?.iter().any(|u| u.id == id) {
        return Ok(page(state, shell, id, name, errors).await?.into_response());
    }
    let archived = super::unit_archived::page(state, shell, user, id, errors).await?;
    Ok(archived.into_response())
}

pub async fn show(
    State(state): State<AppState>,
    Administrator(user): Administrator,
    shell: Shell,
    Path(id): Path<Uuid>,
) -> Result<Response, WebError> {
    either(&state, shell, &user, id, None, FormErrors::default()).await
}

fn optional_id(raw: &str) -> Result<Option<Uuid>, WebError> {
    match raw {
        "" => Ok(None),
        raw => Uuid::parse_str(raw)
            .map(Some)
            .map_err(|_| WebError::NotFound),
    }
}

/// Back to `done`, or this page again with the messages.
async fn answer(
    (state, shell, user): (&AppState, Shell, &User),
    id: Uuid,
    form: UnitEditForm,
    outcome: Result<(), ServiceError>,
    done: &str,
) -> Result<Response, WebError> {
    match outcome {
        Ok(()) => Ok(see_other(done)),
        Err(e) => {
            let errors = form_errors(shell.locale, e)?;
            let name = Some(form.name).filter(|n| !n.is_empty());
            Ok(unprocessable(
                either(state, shell, user, id, name, errors).await?,
            ))
        }
    }
}

/// The forms of the page: `rename`, `move` or `merge`, and on an archived unit's page
/// `unmerge` (back to the unit's own page, now in the chart again).
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
        "unmerge" => {
            let outcome = services.unmerge_unit(&user, id, form.version).await;
            let done = format!("/admin/units/{id}");
            return answer((&state, shell, &user), id, form, outcome, &done).await;
        }
        _ => return Err(WebError::NotFound),
    };
    answer((&state, shell, &user), id, form, outcome, "/admin/units").await
}
