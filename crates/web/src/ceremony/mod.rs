//! The award ceremony on the big screen (`/ceremony/{round}`): the show's slides and the
//! reveal of each prize's winner, which publishes its results at that moment. Run by
//! administrators and the prizes' chairs; `?rehearsal=true` runs the show without
//! publishing anything.

mod reveal;
mod show;

use crate::state::AppState;
use axum::Router;
use axum::routing::{get, post};

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/ceremony/{round}", get(show::show))
        .route("/ceremony/{round}/reveal/{category}", post(reveal::reveal))
}
