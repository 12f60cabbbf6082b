//! The statistics of the innovation culture (issue 15): the public's page and the strategy
//! unit's, each table with its chart drawn on the server as SVG and its CSV download.

mod chart;
mod download;
mod page;
mod tables;

use crate::state::AppState;
use axum::Router;
use axum::routing::get;

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/statistics", get(page::public))
        .route("/statistics/csv/{table}", get(download::public))
        .route("/admin/statistics", get(page::internal))
        .route("/admin/statistics/csv/{table}", get(download::internal))
}
