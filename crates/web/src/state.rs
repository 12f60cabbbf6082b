//! What every handler and middleware shares: the services, the web settings, the cache of
//! public pages, and the organisation's name (kept until public data changes).

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
    /// The intranet widget: who may frame it, and how many results it lists.
    pub widget: WidgetSettings,
}

/// The intranet widget's settings (`widget_origins`, `widget_results`).
#[derive(Debug, Clone)]
pub struct WidgetSettings {
    /// Origins (`https://intranett.kommune.no`, checked at start-up) that may frame `/widget`
    /// and read `/widget.html` across origins; empty: only this installation itself.
    pub origins: Vec<String>,
    /// How many of the newest published outcomes the widget lists.
    pub results: i64,
}

impl Default for WidgetSettings {
    fn default() -> Self {
        WidgetSettings {
            origins: Vec::new(),
            results: 5,
        }
    }
}

impl WidgetSettings {
    /// The CSP `frame-ancestors` sources: this installation, and the configured origins.
    pub fn frame_ancestors(&self) -> String {
        let mut sources = String::from("'self'");
        for origin in &self.origins {
            sources.push(' ');
            sources.push_str(origin);
        }
        sources
    }

    /// Whether a request's `Origin` is one the widget's fragment may be read from.
    pub fn allows(&self, origin: &str) -> bool {
        self.origins.iter().any(|o| o == origin)
    }
}

/// What every handler and middleware is given. Cloned for each of them on every request, so
/// it is one shared allocation: a clone is one counter raised, not one per part (the parts'
/// counters, raised and lowered on both cores, were a fifth of a cached page's time).
#[derive(Clone)]
pub struct AppState(Arc<Parts>);

pub struct Parts {
    pub services: Services,
    pub settings: Arc<WebSettings>,
    /// Rendered public pages for anonymous visitors.
    pub page_cache: Arc<page_cache::PageCache>,
}

impl std::ops::Deref for AppState {
    type Target = Parts;

    fn deref(&self) -> &Parts {
        &self.0
    }
}

impl AppState {
    /// Gathers what the pages need once, at start-up.
    pub async fn new(services: Services, settings: WebSettings) -> Result<AppState, ServiceError> {
        // Fails at start-up rather than on the first page when the database cannot be read.
        services.organisation_name_shown().await?;
        Ok(AppState(Arc::new(Parts {
            services,
            settings: Arc::new(settings),
            page_cache: Arc::default(),
        })))
    }

    /// Shown in the header, titles and feeds: the current name (an import or another
    /// process may have set it since start-up); the product's name if it cannot be read.
    pub async fn organisation_name(&self) -> Arc<str> {
        match self.services.organisation_name_shown().await {
            Ok(name) => name,
            Err(e) => {
                tracing::warn!(error = %e, "could not read the organisation's name");
                Arc::from("Prisverdig")
            }
        }
    }
}
