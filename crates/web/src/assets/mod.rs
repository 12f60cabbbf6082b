//! What the pages load besides themselves: the static files compiled into the binary
//! (`crate::static_files`, whose version the layout puts in their addresses) and the
//! organisation's brand stylesheet and logo.

mod brand;

use crate::state::AppState;
use crate::static_files;
use axum::Router;
use axum::routing::get;

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/static/{*path}", get(static_files::serve))
        .route("/favicon.ico", get(static_files::favicon))
        .route("/brand.css", get(brand::stylesheet))
        .route("/brand/logo", get(brand::logo))
}
