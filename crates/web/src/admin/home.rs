//! The administrator's landing page: what needs attention now (rounds under way, deadlines,
//! categories nobody has applied to, tips, the outbox), then links to everything they set up.

use crate::error::WebError;
use crate::extract::user::Administrator;
use crate::format::{date_time, time_left};
use crate::labels::round_state;
use crate::layout::Shell;
use crate::state::AppState;
use askama::Template;
use askama_web::WebTemplate;
use axum::extract::State;
use prisverdig_domain::category::effective_deadline;
use uuid::Uuid;

/// One category of a round under way, in words.
pub struct Line {
    pub round_id: Uuid,
    pub round: String,
    pub state: String,
    pub category_id: Uuid,
    pub category: String,
    pub deadline: String,
    /// «12 dager igjen», or empty once the deadline has passed.
    pub left: String,
    pub extended: bool,
    pub submitted: i64,
    pub drafts: i64,
    pub alert: Option<String>,
}

#[derive(Template, WebTemplate)]
#[template(path = "admin/home.html")]
pub struct AdminHome {
    shell: Shell,
    lines: Vec<Line>,
    open_tips: i64,
    outbox_waiting: i64,
    outbox_failed: i64,
    /// The intranet widget's address, and the iframe code to paste on the intranet.
    widget_url: String,
    widget_code: String,
}

impl AdminHome {
    pub fn alerts(&self) -> Vec<&Line> {
        self.lines.iter().filter(|l| l.alert.is_some()).collect()
    }
}

pub async fn show(
    State(state): State<AppState>,
    Administrator(user): Administrator,
    shell: Shell,
) -> Result<AdminHome, WebError> {
    let a = state.services.attention(&user).await?;
    let lines = a
        .categories
        .into_iter()
        .map(|(c, alert)| {
            let due = effective_deadline(c.deadline, c.extended_deadline);
            Line {
                round_id: c.round_id,
                round: c.round_title,
                state: shell.t(round_state(c.round_state)),
                category_id: c.category_id,
                category: c.category_name,
                deadline: date_time(shell.locale, due),
                left: match due > a.now {
                    true => time_left(shell.locale, due - a.now),
                    false => String::new(),
                },
                extended: c.extended_deadline.is_some(),
                submitted: c.submitted,
                drafts: c.drafts,
                alert: alert.map(|x| shell.t(x.message_id())),
            }
        })
        .collect();
    let widget_url = format!("{}/widget", state.settings.public_url.trim_end_matches('/'));
    let widget_code = format!(
        "<iframe src=\"{widget_url}?lang={}\" title=\"{}\" width=\"100%\" height=\"480\" style=\"border:0\"></iframe>",
        shell.lang(),
        shell.t("widget-frame-title")
    );
    Ok(AdminHome {
        widget_url,
        widget_code,
        shell,
        lines,
        open_tips: a.open_tips,
        outbox_waiting: a.outbox.0,
        outbox_failed: a.outbox.1,
    })
}
