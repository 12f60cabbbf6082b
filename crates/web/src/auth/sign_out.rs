//! Signing out ends the session everywhere it is stored.

use crate::error::WebError;
use axum::response::Redirect;
use tower_sessions::Session;

pub async fn submit(session: Session) -> Result<Redirect, WebError> {
    session.flush().await?;
    Ok(Redirect::to("/"))
}
