//! `POST /ceremony/{round}/reveal/{category}`: publishes the prize's results now. The show's
//! script posts it on arriving at the reveal slide; without the script it is the slide's
//! button, and the answer is the show again at that slide.

use crate::error::WebError;
use crate::extract::user::SignedIn;
use crate::respond::see_other;
use crate::state::AppState;
use axum::extract::{Path, State};
use axum::response::Response;
use uuid::Uuid;

pub async fn reveal(
    State(state): State<AppState>,
    SignedIn(user): SignedIn,
    Path((round, category)): Path<(Uuid, Uuid)>,
) -> Result<Response, WebError> {
    state.services.reveal(&user, round, category).await?;
    Ok(see_other(&format!("/ceremony/{round}#prize-{category}")))
}
