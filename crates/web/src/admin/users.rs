//! User management (issue 9): the list with a search box, one user's page with their roles
//! and whether they are active, and a fresh invitation link for someone who has not got in.
//! A new link is shown once, on the user's page right after it was made (kept in the session
//! until then).

use crate::error::WebError;
use crate::extract::user::Administrator;
use crate::forms::{UnitOption, form_errors, posted, unit_options};
use crate::layout::{FormErrors, Shell};
use crate::respond::see_other;
use crate::state::AppState;
use askama::Template;
use askama_web::WebTemplate;
use axum::Form;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use prisverdig_domain::ValidationError;
use prisverdig_domain::role::Role;
use prisverdig_service::ServiceError;
use prisverdig_service::model::{Account, User};
use serde::Deserialize;
use tower_sessions::Session;
use uuid::Uuid;

/// The session key of a link shown once: (the user's id, the link).
pub(crate) const NEW_LINK: &str = "admin_invitation_link";

/// The key of a role's name.
pub(crate) fn role_key(role: Role) -> &'static str {
    match role {
        Role::Applicant => "admin-role-applicant",
        Role::Leader => "admin-role-leader",
        Role::Juror => "admin-role-juror",
        Role::JuryChair => "admin-role-jury-chair",
        Role::Administrator => "admin-role-administrator",
        Role::Editor => "admin-role-editor",
    }
}

/// The key of an account's state in the list and on its page.
fn status_key(a: &Account) -> &'static str {
    if !a.active {
        "admin-user-inactive"
    } else if a.pending {
        "admin-user-pending"
    } else {
        "admin-user-active"
    }
}

/// Every role as a checkbox: (code, label key, checked).
pub(crate) fn role_choices(checked: &[Role]) -> Vec<(&'static str, &'static str, bool)> {
    Role::ALL
        .iter()
        .map(|r| (r.as_str(), role_key(*r), checked.contains(r)))
        .collect()
}

/// The roles ticked in a posted form (`role` repeated); unknown codes are dropped.
pub(crate) fn posted_roles(pairs: &[(String, String)]) -> Vec<Role> {
    let mut roles: Vec<Role> = pairs
        .iter()
        .filter(|(k, _)| k == "role")
        .filter_map(|(_, v)| Role::parse(v))
        .collect();
    roles.sort();
    roles.dedup();
    roles
}

/// One line of the list.
pub struct UserLine {
    id: Uuid,
    name: String,
    email: String,
    roles: String,
    status_key: &'static str,
}

#[derive(Template, WebTemplate)]
#[template(path = "admin/users.html")]
pub struct UsersPage {
    shell: Shell,
    search: String,
    lines: Vec<UserLine>,
    total: i64,
    page: i64,
    pages: i64,
    previous: Option<String>,
    next: Option<String>,
}

#[derive(Deserialize, Default)]
pub struct ListQuery {
    #[serde(default)]
    q: String,
    #[serde(default)]
    page: Option<i64>,
}

fn page_url(search: &str, page: i64) -> String {
    let query = form_urlencoded::Serializer::new(String::new())
        .append_pair("q", search)
        .append_pair("page", &page.to_string())
        .finish();
    format!("/admin/users?{query}")
}

pub async fn list(
    State(state): State<AppState>,
    Administrator(user): Administrator,
    shell: Shell,
    Query(query): Query<ListQuery>,
) -> Result<UsersPage, WebError> {
    let found = state
        .services
        .user_page(&user, &query.q, query.page.unwrap_or(1))
        .await?;
    let lines = found
        .accounts
        .iter()
        .map(|a| UserLine {
            id: a.id,
            name: a.name.clone(),
            email: a.email.clone(),
            roles: a
                .roles
                .iter()
                .map(|r| shell.t(role_key(*r)))
                .collect::<Vec<_>>()
                .join(", "),
            status_key: status_key(a),
        })
        .collect();
    let search = query.q.trim().to_string();
    Ok(UsersPage {
        previous: (found.page > 1).then(|| page_url(&search, found.page - 1)),
        next: (found.page < found.pages).then(|| page_url(&search, found.page + 1)),
        shell,
        lines,
        total: found.total,
        page: found.page,
        pages: found.pages,
        search,
    })
}

#[derive(Template, WebTemplate)]
#[template(path = "admin/user_show.html")]
pub struct UserPage {
    shell: Shell,
    account: Account,
    status_key: &'static str,
    roles: Vec<(&'static str, &'static str, bool)>,
    is_self: bool,
    /// A link made just now, shown this once.
    new_link: Option<String>,
    /// The chart, with the person's unit chosen.
    units: Vec<UnitOption>,
    errors: FormErrors,
}

async fn user_page(
    state: &AppState,
    shell: Shell,
    actor: &User,
    account: Account,
    errors: FormErrors,
) -> Result<UserPage, WebError> {
    let chosen = account.unit_id.map(|u| u.to_string());
    Ok(UserPage {
        status_key: status_key(&account),
        roles: role_choices(&account.roles),
        is_self: actor.id == account.id,
        new_link: None,
        units: unit_options(&state.services.units().await?, chosen.as_deref()),
        errors,
        shell,
        account,
    })
}

pub async fn show(
    State(state): State<AppState>,
    Administrator(user): Administrator,
    shell: Shell,
    session: Session,
    Path(id): Path<Uuid>,
) -> Result<UserPage, WebError> {
    let account = state.services.account(&user, id).await?;
    let mut page = user_page(&state, shell, &user, account, FormErrors::default()).await?;
    if let Some((for_id, link)) = session.get::<(Uuid, String)>(NEW_LINK).await?
        && for_id == id
    {
        session.remove::<(Uuid, String)>(NEW_LINK).await?;
        page.new_link = Some(link);
    }
    Ok(page)
}

/// After a change: the user's page; when refused, the page as stored now with the message
/// (422), or with the conflict explained (409).
async fn answer(
    state: &AppState,
    shell: Shell,
    actor: &User,
    id: Uuid,
    outcome: Result<(), ServiceError>,
    field: &'static str,
) -> Result<Response, WebError> {
    let (status, errors) = match outcome {
        Ok(()) => return Ok(see_other(&format!("/admin/users/{id}"))),
        Err(ServiceError::Conflict) => {
            let mut errors = FormErrors::default();
            errors.add(shell.locale, field, "error-user-conflict");
            (StatusCode::CONFLICT, errors)
        }
        Err(e) => (
            StatusCode::UNPROCESSABLE_ENTITY,
            form_errors(shell.locale, e)?,
        ),
    };
    let account = state.services.account(actor, id).await?;
    Ok((
        status,
        user_page(state, shell, actor, account, errors).await?,
    )
        .into_response())
}

fn version(pairs: &[(String, String)]) -> i64 {
    posted(pairs, "version").parse().unwrap_or(-1)
}

pub async fn roles(
    State(state): State<AppState>,
    Administrator(user): Administrator,
    shell: Shell,
    Path(id): Path<Uuid>,
    Form(pairs): Form<Vec<(String, String)>>,
) -> Result<Response, WebError> {
    let roles = posted_roles(&pairs);
    let outcome = state
        .services
        .set_user_roles(&user, id, version(&pairs), &roles)
        .await;
    answer(&state, shell, &user, id, outcome, "role").await
}

pub async fn active(
    State(state): State<AppState>,
    Administrator(user): Administrator,
    shell: Shell,
    Path(id): Path<Uuid>,
    Form(pairs): Form<Vec<(String, String)>>,
) -> Result<Response, WebError> {
    let active = posted(&pairs, "active") == "1";
    let outcome = state
        .services
        .set_user_active(&user, id, version(&pairs), active)
        .await;
    answer(&state, shell, &user, id, outcome, "active").await
}

pub async fn unit(
    State(state): State<AppState>,
    Administrator(user): Administrator,
    shell: Shell,
    Path(id): Path<Uuid>,
    Form(pairs): Form<Vec<(String, String)>>,
) -> Result<Response, WebError> {
    let unit = match posted(&pairs, "unit") {
        "" => None,
        text => match Uuid::parse_str(text) {
            Ok(u) => Some(u),
            Err(_) => {
                let refused = Err(ValidationError::new("unit", "error-choose-one").into());
                return answer(&state, shell, &user, id, refused, "unit").await;
            }
        },
    };
    let outcome = state
        .services
        .set_user_unit(&user, id, version(&pairs), unit)
        .await;
    answer(&state, shell, &user, id, outcome, "unit").await
}

pub async fn renew(
    State(state): State<AppState>,
    Administrator(user): Administrator,
    shell: Shell,
    session: Session,
    Path(id): Path<Uuid>,
) -> Result<Response, WebError> {
    let public_url = &state.settings.public_url;
    let language = shell.locale.mail_language();
    match state.services.renew_invitation(&user, id, language).await {
        Ok(invitation) => {
            let link = format!("{public_url}{}", invitation.path);
            session.insert(NEW_LINK, (id, link)).await?;
            Ok(see_other(&format!("/admin/users/{id}#new-link")))
        }
        Err(e) => answer(&state, shell, &user, id, Err(e), "invitation").await,
    }
}
