//! The route table: each area's routes, merged, under the middleware every request passes.

use crate::middleware::{csrf, errors, headers, metrics, page_cache, request_trace};
use crate::state::AppState;
use crate::{admin, api, apply, assets, auth, ceremony, jury, ops, public, statistics, stories};
use axum::Router;
use axum::middleware::{from_fn, from_fn_with_state};
use tower_http::catch_panic::CatchPanicLayer;
use tower_sessions::cookie::SameSite;
use tower_sessions::{Expiry, SessionManagerLayer};

pub fn router(state: AppState) -> Router {
    let sessions = SessionManagerLayer::new(state.services.session_store())
        .with_name("prisverdig_session")
        .with_secure(state.settings.secure_cookies)
        .with_http_only(true)
        .with_same_site(SameSite::Lax)
        .with_expiry(Expiry::OnInactivity(state.settings.sessions.idle));
    Router::new()
        .merge(public::routes())
        .merge(auth::routes())
        .merge(ops::routes())
        .merge(assets::routes())
        .merge(apply::routes())
        .merge(api::routes())
        .merge(admin::routes())
        .merge(stories::routes())
        .merge(jury::routes())
        .merge(ceremony::routes())
        .merge(statistics::routes())
        .fallback(errors::not_found)
        .layer(from_fn_with_state(state.clone(), page_cache::serve))
        .layer(from_fn_with_state(state.clone(), csrf::protect))
        .layer(sessions)
        .layer(CatchPanicLayer::new())
        .layer(from_fn_with_state(state.clone(), errors::render))
        .layer(from_fn_with_state(state.clone(), headers::security))
        .layer(from_fn(metrics::track))
        .layer(request_trace::propagate_id())
        .layer(request_trace::trace())
        .layer(request_trace::set_id())
        .with_state(state)
}
