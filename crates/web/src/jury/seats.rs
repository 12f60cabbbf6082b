//! «Juryarbeid»: every jury seat of the signed-in person with the applications in it and
//! how far they have come with each.

use crate::error::WebError;
use crate::extract::user::SignedIn;
use crate::format::date_time;
use crate::labels;
use crate::layout::Shell;
use crate::state::AppState;
use askama::Template;
use askama_web::WebTemplate;
use axum::extract::State;
use uuid::Uuid;

pub struct SeatView {
    pub category_id: Uuid,
    pub heading: String,
    pub role: String,
    pub open: bool,
    pub leads: bool,
    pub deadline: String,
    /// (id, title, progress text, done)
    pub applications: Vec<(Uuid, String, String, bool)>,
    pub done: usize,
}

#[derive(Template, WebTemplate)]
#[template(path = "jury/seats.html")]
pub struct SeatsPage {
    shell: Shell,
    seats: Vec<SeatView>,
}

pub async fn show(
    State(state): State<AppState>,
    SignedIn(user): SignedIn,
    shell: Shell,
) -> Result<SeatsPage, WebError> {
    let seats = state
        .services
        .jury_seats(&user)
        .await?
        .into_iter()
        .map(|s| {
            let applications: Vec<_> = s
                .applications
                .into_iter()
                .map(|(a, p)| {
                    let done = !p.is_missing();
                    (a.id, a.title, shell.t(labels::progress(p)), done)
                })
                .collect();
            SeatView {
                category_id: s.seat.category_id,
                heading: format!("{} – {}", s.seat.category_name, s.seat.round_title),
                role: shell.t(labels::jury_role(s.seat.role)),
                open: s.open,
                leads: s.leads,
                deadline: date_time(shell.locale, s.deadline),
                done: applications.iter().filter(|a| a.3).count(),
                applications,
            }
        })
        .collect();
    Ok(SeatsPage { shell, seats })
}
