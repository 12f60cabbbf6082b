//! The organisation chart as a nested list, with the form that adds a unit, and below it
//! the archived and merged units (where each went, and when).

use super::unit_archived::ArchivedView;
use crate::error::WebError;
use crate::extract::user::Administrator;
use crate::forms::{UnitOption, form_errors, unit_options};
use crate::labels::UNIT_KINDS;
use crate::layout::{FormErrors, Shell};
use crate::respond::{see_other, unprocessable};
use crate::state::AppState;
use askama::Template;
use askama_web::WebTemplate;
use axum::Form;
use axum::extract::State;
use axum::response::Response;
use prisverdig_service::model::User;
use serde::Deserialize;

/// One unit in the nested list, with the markup needed to close and open levels around it.
pub struct TreeItem {
    pub unit: UnitOption,
    pub name: String,
    /// `</li>` before this item (a sibling or a shallower unit came before).
    pub close_item: bool,
    /// Levels to close before this item.
    pub close_levels: usize,
    /// Opens a nested list (the first child of the previous unit).
    pub open_level: bool,
}

#[derive(Template, WebTemplate)]
#[template(path = "admin/units.html")]
pub struct UnitsPage {
    shell: Shell,
    tree: Vec<TreeItem>,
    trailing_levels: usize,
    parents: Vec<UnitOption>,
    kinds: [(&'static str, &'static str); 3],
    form: UnitForm,
    errors: FormErrors,
    archived: Vec<ArchivedView>,
}

#[derive(Deserialize, Default)]
pub struct UnitForm {
    #[serde(default)]
    name: String,
    #[serde(default)]
    kind: String,
    #[serde(default)]
    parent: String,
}

fn tree(options: Vec<UnitOption>, names: &[(String, String)]) -> (Vec<TreeItem>, usize) {
    let mut items = Vec::new();
    let mut previous: Option<usize> = None;
    for unit in options {
        let d = unit.depth;
        let name = names
            .iter()
            .find(|(id, _)| *id == unit.id)
            .map(|(_, n)| n.clone())
            .unwrap_or_default();
        let (close_item, close_levels, open_level) = match previous {
            None => (false, 0, false),
            Some(p) if d > p => (false, 0, true),
            Some(p) => (true, p - d, false),
        };
        previous = Some(d);
        items.push(TreeItem {
            unit,
            name,
            close_item,
            close_levels,
            open_level,
        });
    }
    (items, previous.unwrap_or(0))
}

async fn page(
    state: &AppState,
    (shell, user): (Shell, &User),
    form: UnitForm,
    errors: FormErrors,
) -> Result<UnitsPage, WebError> {
    let units = state.services.units().await?;
    let archived = state
        .services
        .archived_units(user)
        .await?
        .into_iter()
        .map(|a| ArchivedView::of(shell.locale, a))
        .collect();
    let names: Vec<_> = units
        .iter()
        .map(|u| (u.id.to_string(), u.name.clone()))
        .collect();
    let (tree, trailing_levels) = tree(unit_options(&units, None), &names);
    let parents = unit_options(&units, Some(&form.parent));
    Ok(UnitsPage {
        shell,
        tree,
        trailing_levels,
        parents,
        kinds: UNIT_KINDS,
        form,
        errors,
        archived,
    })
}

pub async fn show(
    State(state): State<AppState>,
    Administrator(user): Administrator,
    shell: Shell,
) -> Result<UnitsPage, WebError> {
    let form = UnitForm {
        kind: "unit".into(),
        ..UnitForm::default()
    };
    page(&state, (shell, &user), form, FormErrors::default()).await
}

pub async fn create(
    State(state): State<AppState>,
    Administrator(user): Administrator,
    shell: Shell,
    Form(form): Form<UnitForm>,
) -> Result<Response, WebError> {
    let parent = match form.parent.as_str() {
        "" => None,
        raw => Some(uuid::Uuid::parse_str(raw).map_err(|_| WebError::NotFound)?),
    };
    match state
        .services
        .create_unit(&user, &form.name, &form.kind, parent)
        .await
    {
        Ok(_) => Ok(see_other("/admin/units")),
        Err(e) => {
            let errors = form_errors(shell.locale, e)?;
            Ok(unprocessable(
                page(&state, (shell, &user), form, errors).await?,
            ))
        }
    }
}
