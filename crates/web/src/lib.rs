//! The web layer (axum): one folder per area, one file per page or action. A handler
//! extracts → calls a service → renders or redirects (303). No SQL here.

mod admin;
mod answers;
mod api;
mod apply;
mod assets;
mod auth;
pub mod brand;
mod ceremony;
mod error;
mod extract;
mod format;
mod forms;
pub mod i18n;
mod jury;
mod labels;
mod layout;
mod middleware;
mod ops;
mod pdf;
mod public;
mod respond;
mod router;
mod state;
mod static_files;
mod statistics;
mod stories;
mod story_teaser;
mod uploads;

pub use error::WebError;
pub use extract::client::TrustedProxies;
pub use ops::metrics_router;
pub use router::router;
pub use state::{AppState, WebSettings, WidgetSettings};

/// Entry points for the fuzz targets (`fuzz/`): the decoders that read what a browser posts.
/// Not an interface for anything else.
#[doc(hidden)]
pub mod fuzzing {
    /// The application form as `POST /applications/{id}/save` decodes it.
    pub fn application_form(body: &[u8]) -> prisverdig_domain::application_form::ApplicationForm {
        crate::apply::form::parse(body).form
    }
}
