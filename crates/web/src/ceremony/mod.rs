//! The award ceremony on the big screen (`/ceremony/{round}`): the show's slides and the
//! reveal of each prize's winner, which publishes its results at that moment. Run by
//! administrators and the prizes' chairs; `?rehearsal=true` runs the show without
//! publishing anything. Its printed matter (diplomas, programme, nominee pages) is in
//! `print.rs`, as pages to print and as PDFs.

mod print;
mod reveal;
mod show;

use crate::state::AppState;
use axum::Router;
use axum::routing::{get, post};

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/ceremony/{round}", get(show::show))
        .route("/ceremony/{round}/reveal/{category}", post(reveal::reveal))
        .route("/ceremony/{round}/diplomas", get(print::diplomas_page))
        .route("/ceremony/{round}/diplomas.pdf", get(print::diplomas_pdf))
        .route("/ceremony/{round}/programme", get(print::programme_page))
        .route("/ceremony/{round}/programme.pdf", get(print::programme_pdf))
        .route("/ceremony/{round}/nominees", get(print::nominees_page))
        .route("/ceremony/{round}/nominees.pdf", get(print::nominees_pdf))
}
