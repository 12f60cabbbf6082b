//! One round: its settings, its categories, the buttons for its next states, copying it
//! to next year, and deleting it while it is a draft (after a confirmation page).

use crate::error::WebError;
use crate::extract::user::Administrator;
use crate::format::{date_time, kroner};
use crate::forms::form_errors;
use crate::i18n::Locale;
use crate::labels::{category_kind, round_action, round_state};
use crate::layout::{FormErrors, Shell};
use crate::respond::{see_other, unprocessable};
use crate::state::AppState;
use askama::Template;
use askama_web::WebTemplate;
use axum::Form;
use axum::extract::{Path, Query, State};
use axum::response::Response;
use prisverdig_domain::round::Visibility;
use prisverdig_service::model::RoundRow;
use prisverdig_service::model::User;
use serde::Deserialize;
use uuid::Uuid;

pub struct CategoryLine {
    pub id: Uuid,
    pub name: String,
    pub kind: &'static str,
    pub prize: String,
    pub deadline: String,
    pub extended: Option<String>,
    /// Its deadline has passed.
    pub past: bool,
}

#[derive(Template, WebTemplate)]
#[template(path = "admin/round_show.html")]
pub struct RoundPage {
    shell: Shell,
    round: RoundRow,
    state: &'static str,
    ceremony: Option<String>,
    /// (state code, button text key).
    next: Vec<(&'static str, &'static str)>,
    categories: Vec<CategoryLine>,
    /// «A, B og C»: the categories whose deadline has passed, while the round is a draft or
    /// open (when it matters).
    past_deadlines: Option<String>,
    deletable: bool,
    /// The call was just sent: how many new messages.
    called: Option<i64>,
    errors: FormErrors,
}

/// Names joined as a list in the visitor's language: «A, B og C».
fn names_list(locale: Locale, names: &[String]) -> String {
    match names {
        [] => String::new(),
        [one] => format!("«{one}»"),
        [rest @ .., last] => {
            let rest: Vec<_> = rest.iter().map(|n| format!("«{n}»")).collect();
            format!(
                "{} {} «{last}»",
                rest.join(", "),
                locale.t("admin-list-and")
            )
        }
    }
}

async fn page(
    state: &AppState,
    shell: Shell,
    user: &User,
    id: Uuid,
    errors: FormErrors,
) -> Result<RoundPage, WebError> {
    let view = state.services.round_view(user, id).await?;
    let locale = shell.locale;
    let mut errors = errors;
    let names = names_list(locale, &view.past_deadlines);
    // The refusal to open names the categories whose deadline has passed.
    for (field, message) in &mut errors.items {
        if field == "state" && *message == locale.t("error-open-deadlines-past") {
            *message = locale.t_args(
                "error-open-deadlines-past-named",
                &[("categories", names.clone().into())],
            );
        }
    }
    let warn = matches!(view.state.as_str(), "draft" | "open") && !names.is_empty();
    let categories = view
        .categories
        .into_iter()
        .map(|c| CategoryLine {
            id: c.id,
            kind: category_kind(c.kind),
            prize: kroner(locale, c.prize_sum_kr),
            deadline: date_time(locale, c.deadline),
            extended: c.extended_deadline.map(|e| date_time(locale, e)),
            past: view.past_deadlines.contains(&c.name),
            name: c.name,
        })
        .collect();
    Ok(RoundPage {
        ceremony: view.round.ceremony_at.map(|at| date_time(locale, at)),
        state: round_state(view.state),
        next: view
            .next_states
            .iter()
            .map(|s| (s.as_str(), round_action(*s)))
            .collect(),
        round: view.round,
        categories,
        past_deadlines: warn.then_some(names),
        deletable: view.deletable,
        called: None,
        shell,
        errors,
    })
}

#[derive(Deserialize, Default)]
pub struct ShowQuery {
    #[serde(default)]
    called: Option<String>,
}

pub async fn show(
    State(state): State<AppState>,
    Administrator(user): Administrator,
    shell: Shell,
    Path(id): Path<Uuid>,
    Query(q): Query<ShowQuery>,
) -> Result<RoundPage, WebError> {
    let mut page = page(&state, shell, &user, id, FormErrors::default()).await?;
    page.called = q.called.and_then(|n| n.parse().ok());
    Ok(page)
}

/// Sends the call for applications by e-mail (to those who did not get it yet).
pub async fn call(
    State(state): State<AppState>,
    Administrator(user): Administrator,
    shell: Shell,
    Path(id): Path<Uuid>,
) -> Result<Response, WebError> {
    match state.services.send_call(&user, id).await {
        Ok(n) => Ok(see_other(&format!("/admin/rounds/{id}?called={n}"))),
        Err(e) => {
            let errors = form_errors(shell.locale, e)?;
            Ok(unprocessable(page(&state, shell, &user, id, errors).await?))
        }
    }
}

#[derive(Deserialize)]
pub struct TransitionForm {
    #[serde(default)]
    to: String,
}

pub async fn transition(
    State(state): State<AppState>,
    Administrator(user): Administrator,
    shell: Shell,
    Path(id): Path<Uuid>,
    Form(form): Form<TransitionForm>,
) -> Result<Response, WebError> {
    match state.services.transition_round(&user, id, &form.to).await {
        Ok(_) => Ok(see_other(&format!("/admin/rounds/{id}"))),
        Err(e) => {
            let errors = form_errors(shell.locale, e)?;
            Ok(unprocessable(page(&state, shell, &user, id, errors).await?))
        }
    }
}

pub async fn copy(
    State(state): State<AppState>,
    Administrator(user): Administrator,
    shell: Shell,
    Path(id): Path<Uuid>,
) -> Result<Response, WebError> {
    match state.services.copy_round(&user, id).await {
        Ok(new_id) => Ok(see_other(&format!("/admin/rounds/{new_id}"))),
        Err(e) => {
            let errors = form_errors(shell.locale, e)?;
            Ok(unprocessable(page(&state, shell, &user, id, errors).await?))
        }
    }
}

#[derive(Template, WebTemplate)]
#[template(path = "admin/round_delete.html")]
pub struct DeletePage {
    shell: Shell,
    round: RoundRow,
    categories: Vec<String>,
}

/// The confirmation step: what goes with the round, and the button that deletes it.
pub async fn confirm_delete(
    State(state): State<AppState>,
    Administrator(user): Administrator,
    shell: Shell,
    Path(id): Path<Uuid>,
) -> Result<Response, WebError> {
    let view = state.services.round_view(&user, id).await?;
    if !view.deletable {
        // Not a draft, or it has applications: the round's page says why.
        let mut errors = FormErrors::default();
        let key = if view.state == prisverdig_domain::round::RoundState::Draft {
            "error-round-delete-has-applications"
        } else {
            "error-round-delete-not-draft"
        };
        errors.add(shell.locale, "delete", key);
        return Ok(unprocessable(page(&state, shell, &user, id, errors).await?));
    }
    let categories = view.categories.into_iter().map(|c| c.name).collect();
    Ok(axum::response::IntoResponse::into_response(DeletePage {
        shell,
        round: view.round,
        categories,
    }))
}

pub async fn delete(
    State(state): State<AppState>,
    Administrator(user): Administrator,
    shell: Shell,
    Path(id): Path<Uuid>,
) -> Result<Response, WebError> {
    match state.services.delete_round(&user, id).await {
        Ok(()) => Ok(see_other("/admin/rounds?deleted=1")),
        Err(e) => {
            let errors = form_errors(shell.locale, e)?;
            Ok(unprocessable(page(&state, shell, &user, id, errors).await?))
        }
    }
}
