//! Signing in and out with a local account (with its second factor) or through an OpenID
//! Connect provider (single sign-on), invitation links that set a local account's password, and
//! the person's own data: its download and the account's deletion.

mod invitation;
mod privacy;
mod second_factor;
mod sign_in;
mod sign_out;
mod sso;
mod sso_profile;

use crate::state::AppState;
use axum::Router;
use axum::routing::{get, post};

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/sign-in", get(sign_in::form).post(sign_in::submit))
        .route(
            "/sign-in/code",
            get(second_factor::code_form).post(second_factor::code_submit),
        )
        .route(
            "/account/second-factor",
            get(second_factor::enrol_form).post(second_factor::enrol_submit),
        )
        .route(
            "/account/recovery-codes",
            get(second_factor::recovery_codes).post(second_factor::renew_recovery_codes),
        )
        .route("/account/security", get(second_factor::security))
        .route("/account/data.json", get(privacy::download))
        .route(
            "/account/delete",
            get(privacy::confirm).post(privacy::delete),
        )
        .route("/sign-out", post(sign_out::submit))
        .route("/sign-out/everywhere", post(sign_out::everywhere))
        .route("/sign-in/sso/{provider}", post(sso::start))
        .route("/sign-in/sso/{provider}/callback", get(sso::callback))
        .route(
            "/sign-in/sso/complete",
            get(sso_profile::form).post(sso_profile::submit),
        )
        .route(
            "/invitation/{token}",
            get(invitation::form).post(invitation::submit),
        )
}
