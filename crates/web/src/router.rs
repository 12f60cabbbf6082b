//! The application state and the route table: every page and action is listed here.

use crate::middleware::{csrf, errors, headers, metrics, page_cache};
use crate::{auth, ops, public, static_files};
use axum::Router;
use axum::middleware::{from_fn, from_fn_with_state};
use axum::routing::{get, post};
use prisverdig_service::{ServiceError, Services};
use prisverdig_store::sessions::DbSessionStore;
use std::sync::Arc;
use tower_http::catch_panic::CatchPanicLayer;
use tower_sessions::cookie::SameSite;
use tower_sessions::{Expiry, SessionManagerLayer};

/// Settings the web layer needs from the configuration.
#[derive(Debug, Clone)]
pub struct WebSettings {
    /// Mark cookies `Secure` (when served over HTTPS).
    pub secure_cookies: bool,
    /// Sign-in lasts this long without activity.
    pub session_idle: time::Duration,
    /// The organisation's address for accessibility feedback, if configured.
    pub contact_email: Option<String>,
    /// The organisation's own look: accent colour and logo.
    pub brand: crate::brand::Brand,
    /// Where people reach this installation (no trailing slash); starts links in e-mails.
    pub public_url: String,
}

#[derive(Clone)]
pub struct AppState {
    pub services: Services,
    pub settings: Arc<WebSettings>,
    /// Shown in the header and titles; read once at start-up.
    pub organisation_name: Arc<str>,
    /// Rendered public pages for anonymous visitors.
    pub page_cache: Arc<page_cache::PageCache>,
}

impl AppState {
    /// Gathers what the pages need once, at start-up.
    pub async fn new(services: Services, settings: WebSettings) -> Result<AppState, ServiceError> {
        let organisation_name = services.organisation_name().await?;
        Ok(AppState {
            services,
            settings: Arc::new(settings),
            organisation_name: organisation_name.into(),
            page_cache: Arc::default(),
        })
    }
}

pub fn router(state: AppState) -> Router {
    crate::ops::metrics::handle();
    let sessions = SessionManagerLayer::new(DbSessionStore::new(state.services.db.clone()))
        .with_name("prisverdig_session")
        .with_secure(state.settings.secure_cookies)
        .with_http_only(true)
        .with_same_site(SameSite::Lax)
        .with_expiry(Expiry::OnInactivity(state.settings.session_idle));
    Router::new()
        .route("/", get(public::home::show))
        .route("/language", post(public::language::switch))
        .route("/catalogue", get(public::catalogue::show))
        .route("/hall-of-fame", get(public::hall_of_fame::show))
        .route("/feeds/applications.atom", get(public::feeds::applications))
        .route("/feeds/results.atom", get(public::feeds::results))
        .route("/feeds/stories.atom", get(public::feeds::stories))
        .route("/accessibility", get(public::accessibility::show))
        .route("/applications/{id}", get(public::application::show))
        .route("/applications/{id}/family", get(public::family::show))
        .route("/applications/{id}/cheer", post(public::reactions::cheer))
        .route("/applications/{id}/adopt", post(public::reactions::adopt))
        .route(
            "/sign-in",
            get(auth::sign_in::form).post(auth::sign_in::submit),
        )
        .route("/sign-out", post(auth::sign_out::submit))
        .route(
            "/invitation/{token}",
            get(auth::invitation::form).post(auth::invitation::submit),
        )
        .route("/healthz", get(ops::health::check))
        .route("/metrics", get(ops::metrics::render))
        .route("/static/{*path}", get(static_files::serve))
        .route("/favicon.ico", get(static_files::favicon))
        .route("/brand.css", get(crate::brand::stylesheet))
        .route("/brand/logo", get(crate::brand::logo))
        .merge(crate::apply::routes())
        .merge(crate::api::routes())
        .merge(crate::admin::routes())
        .merge(crate::stories::routes())
        .fallback(errors::not_found)
        .layer(from_fn_with_state(state.clone(), page_cache::serve))
        .layer(from_fn_with_state(state.clone(), csrf::protect))
        .layer(sessions)
        .layer(CatchPanicLayer::new())
        .layer(from_fn_with_state(state.clone(), errors::render))
        .layer(from_fn(headers::security))
        .layer(from_fn(metrics::track))
        .with_state(state)
}
