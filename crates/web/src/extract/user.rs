//! The signed-in user, read from the session on each request.

use crate::error::WebError;
use crate::router::AppState;
use axum::extract::FromRequestParts;
use axum::http::request::Parts;
use prisverdig_store::users::User;
use tower_sessions::Session;
use uuid::Uuid;

pub const USER_KEY: &str = "user_id";

/// `Some(user)` when someone is signed in (and still active).
pub struct MaybeUser(pub Option<User>);

impl FromRequestParts<AppState> for MaybeUser {
    type Rejection = WebError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, WebError> {
        let Some(session) = parts.extensions.get::<Session>().cloned() else {
            return Ok(MaybeUser(None));
        };
        let Some(id) = session.get::<Uuid>(USER_KEY).await? else {
            return Ok(MaybeUser(None));
        };
        Ok(MaybeUser(state.services.user(id).await?))
    }
}
