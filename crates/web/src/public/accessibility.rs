//! «Tilgjengelighetserklæring»: the accessibility statement in the shape Norwegian public
//! bodies publish — conformance, known gaps, how to give feedback, and the date.

use crate::layout::Shell;
use crate::state::AppState;
use askama::Template;
use askama_web::WebTemplate;
use axum::extract::State;

/// When the statement was last reviewed against the browser suite (e2e/).
const REVIEWED: (i32, u8, u8) = (2026, 11, 27);

#[derive(Template, WebTemplate)]
#[template(path = "public/accessibility.html")]
pub struct AccessibilityPage {
    shell: Shell,
    /// The configured address, or `None` for the placeholder.
    contact_email: Option<String>,
    reviewed: String,
}

pub async fn show(State(state): State<AppState>, shell: Shell) -> AccessibilityPage {
    let (year, month, day) = REVIEWED;
    let reviewed = shell.locale.t_args(
        "format-date",
        &[
            ("day", day.to_string().into()),
            ("month", shell.t(&format!("month-{month}")).into()),
            ("year", year.to_string().into()),
        ],
    );
    AccessibilityPage {
        contact_email: state.settings.contact_email.clone(),
        reviewed,
        shell,
    }
}
