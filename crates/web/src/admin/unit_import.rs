//! Importing the organisation chart from CSV pasted or uploaded as text.

use crate::error::WebError;
use crate::extract::user::Administrator;
use crate::layout::Shell;
use crate::state::AppState;
use askama::Template;
use askama_web::WebTemplate;
use axum::Form;
use axum::extract::{Query, State};
use axum::response::{IntoResponse, Response};
use fluent_templates::fluent_bundle::FluentValue;
use prisverdig_service::admin::unit_import::ImportOutcome;
use serde::Deserialize;

#[derive(Template, WebTemplate)]
#[template(path = "admin/unit_import.html")]
pub struct ImportPage {
    shell: Shell,
    text: String,
    has_header: bool,
    /// Each bad line, translated: «Linje 3: …».
    line_errors: Vec<String>,
    done: Option<String>,
}

#[derive(Deserialize, Default)]
pub struct ImportQuery {
    #[serde(default)]
    created: Option<usize>,
}

pub async fn form(
    Administrator(_): Administrator,
    shell: Shell,
    Query(q): Query<ImportQuery>,
) -> ImportPage {
    let done = q.created.map(|n| {
        shell
            .locale
            .t_args("admin-import-done", &[("count", FluentValue::from(n))])
    });
    ImportPage {
        shell,
        text: String::new(),
        has_header: false,
        line_errors: Vec::new(),
        done,
    }
}

#[derive(Deserialize)]
pub struct ImportForm {
    #[serde(default)]
    csv: String,
    #[serde(default)]
    has_header: Option<String>,
}

pub async fn submit(
    State(state): State<AppState>,
    Administrator(user): Administrator,
    shell: Shell,
    Form(form): Form<ImportForm>,
) -> Result<Response, WebError> {
    let has_header = form.has_header.is_some();
    match state
        .services
        .import_units(&user, &form.csv, has_header)
        .await?
    {
        ImportOutcome::Imported { created, .. } => Ok(crate::respond::see_other(&format!(
            "/admin/units/import?created={created}"
        ))),
        ImportOutcome::Rejected(errors) => {
            let line_errors = errors
                .iter()
                .map(|e| {
                    let reason = shell.t(e.message_id);
                    let args = [
                        ("line", FluentValue::from(e.line)),
                        ("reason", FluentValue::from(reason)),
                    ];
                    shell.locale.t_args("admin-import-line-error", &args)
                })
                .collect();
            let page = ImportPage {
                shell,
                text: form.csv,
                has_header,
                line_errors,
                done: None,
            };
            Ok(crate::respond::unprocessable(page.into_response()))
        }
    }
}
