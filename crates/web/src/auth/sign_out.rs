//! Signing out ends the session everywhere it is stored; «sign out everywhere» ends every
//! session of the user, on every device.

use crate::error::WebError;
use crate::extract::user::SignedIn;
use crate::state::AppState;
use axum::extract::State;
use axum::response::Redirect;
use tower_sessions::Session;

pub async fn submit(session: Session) -> Result<Redirect, WebError> {
    session.flush().await?;
    Ok(Redirect::to("/"))
}

pub async fn everywhere(
    State(state): State<AppState>,
    SignedIn(user): SignedIn,
    session: Session,
) -> Result<Redirect, WebError> {
    state.services.sign_out_everywhere(&user).await?;
    session.flush().await?;
    Ok(Redirect::to("/"))
}
