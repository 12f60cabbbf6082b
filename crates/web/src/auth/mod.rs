//! Signing in and out with a local account, and invitation links that set its password.

mod invitation;
mod sign_in;
mod sign_out;

use crate::state::AppState;
use axum::Router;
use axum::routing::{get, post};

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/sign-in", get(sign_in::form).post(sign_in::submit))
        .route("/sign-out", post(sign_out::submit))
        .route("/sign-out/everywhere", post(sign_out::everywhere))
        .route(
            "/invitation/{token}",
            get(invitation::form).post(invitation::submit),
        )
}
