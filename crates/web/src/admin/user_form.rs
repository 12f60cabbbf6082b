//! Adding a user: name, e-mail and roles. The account gets no password but an invitation
//! link, e-mailed (through the outbox) and shown once on the user's page that follows.

use super::users::{NEW_LINK, posted_roles, role_choices};
use crate::error::WebError;
use crate::extract::user::Administrator;
use crate::forms::form_errors;
use crate::forms::posted;
use crate::layout::{FormErrors, Shell};
use crate::respond::{see_other, unprocessable};
use crate::state::AppState;
use askama::Template;
use askama_web::WebTemplate;
use axum::Form;
use axum::extract::State;
use axum::response::Response;
use prisverdig_domain::role::Role;
use prisverdig_service::admin::users::NewAccount;
use tower_sessions::Session;

#[derive(Template, WebTemplate)]
#[template(path = "admin/user_new.html")]
pub struct UserNewPage {
    shell: Shell,
    /// The fields as typed (not `name`: the field macro's own parameter is called so).
    typed_name: String,
    typed_email: String,
    roles: Vec<(&'static str, &'static str, bool)>,
    errors: FormErrors,
}

pub async fn form(Administrator(_): Administrator, shell: Shell) -> UserNewPage {
    UserNewPage {
        shell,
        typed_name: String::new(),
        typed_email: String::new(),
        roles: role_choices(&[Role::Applicant]),
        errors: FormErrors::default(),
    }
}

pub async fn create(
    State(state): State<AppState>,
    Administrator(user): Administrator,
    shell: Shell,
    session: Session,
    Form(pairs): Form<Vec<(String, String)>>,
) -> Result<Response, WebError> {
    let roles = posted_roles(&pairs);
    let (name, email) = (posted(&pairs, "name"), posted(&pairs, "email"));
    let input = NewAccount {
        email,
        name,
        roles: &roles,
    };
    let public_url = &state.settings.public_url;
    let language = shell.locale.mail_language();
    match state.services.invite_user(&user, input, language).await {
        Ok(invited) => {
            let link = format!("{public_url}{}", invited.invitation.path);
            session.insert(NEW_LINK, (invited.id, link)).await?;
            Ok(see_other(&format!("/admin/users/{}#new-link", invited.id)))
        }
        Err(e) => {
            let errors = form_errors(shell.locale, e)?;
            Ok(unprocessable(UserNewPage {
                shell,
                typed_name: name.to_string(),
                typed_email: email.to_string(),
                roles: role_choices(&roles),
                errors,
            }))
        }
    }
}
