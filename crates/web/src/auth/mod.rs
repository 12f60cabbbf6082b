//! Signing in and out with a local account (with its second factor), and invitation links
//! that set its password.

mod invitation;
mod second_factor;
mod sign_in;
mod sign_out;

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
        .route("/sign-out", post(sign_out::submit))
        .route(
            "/invitation/{token}",
            get(invitation::form).post(invitation::submit),
        )
}
