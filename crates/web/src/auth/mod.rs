//! Signing in and out with a local account or through an OpenID Connect provider (single
//! sign-on), and invitation links that set a local account's password.

mod invitation;
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
