//! «Tips oss om en kandidat»: anyone signed in points the prize team to an innovation.

use crate::error::WebError;
use crate::extract::user::SignedIn;
use crate::forms::{UnitOption, form_errors, unit_options};
use crate::layout::{FormErrors, Shell};
use crate::respond::{see_other, unprocessable};
use crate::state::AppState;
use askama::Template;
use askama_web::WebTemplate;
use axum::Form;
use axum::extract::{Query, State};
use axum::response::Response;
use prisverdig_service::admin::tips::TipInput;
use serde::Deserialize;

#[derive(Template, WebTemplate)]
#[template(path = "tips/new.html")]
pub struct TipPage {
    shell: Shell,
    units: Vec<UnitOption>,
    form: TipForm,
    sent: bool,
    errors: FormErrors,
}

#[derive(Deserialize, Default)]
pub struct TipForm {
    #[serde(default)]
    unit: String,
    #[serde(default)]
    unit_text: String,
    #[serde(default)]
    innovation: String,
    #[serde(default)]
    reason: String,
}

#[derive(Deserialize, Default)]
pub struct SentQuery {
    #[serde(default)]
    sent: Option<String>,
}

async fn page(
    state: &AppState,
    shell: Shell,
    form: TipForm,
    sent: bool,
    errors: FormErrors,
) -> Result<TipPage, WebError> {
    let units = unit_options(&state.services.units().await?, Some(&form.unit));
    Ok(TipPage {
        shell,
        units,
        form,
        sent,
        errors,
    })
}

pub async fn form(
    State(state): State<AppState>,
    SignedIn(_): SignedIn,
    shell: Shell,
    Query(q): Query<SentQuery>,
) -> Result<TipPage, WebError> {
    page(
        &state,
        shell,
        TipForm::default(),
        q.sent.is_some(),
        FormErrors::default(),
    )
    .await
}

pub async fn submit(
    State(state): State<AppState>,
    SignedIn(user): SignedIn,
    shell: Shell,
    Form(form): Form<TipForm>,
) -> Result<Response, WebError> {
    let input = TipInput {
        unit: &form.unit,
        unit_text: &form.unit_text,
        innovation: &form.innovation,
        reason: &form.reason,
    };
    match state.services.submit_tip(&user, &input).await {
        Ok(_) => Ok(see_other("/tips/new?sent=1")),
        Err(e) => {
            let errors = form_errors(shell.locale, e)?;
            Ok(unprocessable(
                page(&state, shell, form, false, errors).await?,
            ))
        }
    }
}
