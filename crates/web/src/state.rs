//! What every handler and middleware shares: the services, the web settings, and what is
//! read once at start-up (the organisation's name, the cache of public pages).

use crate::middleware::page_cache;
use prisverdig_service::{ServiceError, Services};
use std::sync::Arc;

/// Settings the web layer needs from the configuration.
#[derive(Debug, Clone)]
pub struct WebSettings {
    /// Mark cookies `Secure` (when served over HTTPS).
    pub secure_cookies: bool,
    /// How long a sign-in lasts: without activity, and at most.
    pub sessions: prisverdig_domain::session::SessionPolicy,
    /// The organisation's address for accessibility feedback, if configured.
    pub contact_email: Option<String>,
    /// The organisation's own look: accent colour and logo.
    pub brand: crate::brand::Brand,
    /// Where people reach this installation (no trailing slash); starts links in e-mails.
    pub public_url: String,
    /// The bearer token `/metrics` asks for on the public address; `None`: it answers nobody.
    pub metrics_token: Option<String>,
    /// Reverse proxies whose `X-Forwarded-For` names the client (for the sign-in limits).
    pub trusted_proxies: crate::extract::client::TrustedProxies,
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
