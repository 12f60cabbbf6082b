//! The schedule for administrators: the jobs to come (closings, reminders, announcements, the
//! follow-up, the daily clean-up) with their minute, and the last runs with their outcome.

use crate::error::WebError;
use crate::extract::user::Administrator;
use crate::format::date_time;
use crate::labels::{job_kind, job_outcome};
use crate::layout::Shell;
use crate::state::AppState;
use askama::Template;
use askama_web::WebTemplate;
use axum::extract::State;
use prisverdig_service::model::Job;

/// A job as a row: what it is, its minute (or when it ran), how it went.
pub struct Row {
    what: String,
    at: String,
    outcome: String,
    job: Job,
}

#[derive(Template, WebTemplate)]
#[template(path = "admin/jobs.html")]
pub struct JobsPage {
    shell: Shell,
    upcoming: Vec<Row>,
    recent: Vec<Row>,
}

pub async fn list(
    State(state): State<AppState>,
    Administrator(user): Administrator,
    shell: Shell,
) -> Result<JobsPage, WebError> {
    let view = state.services.jobs_view(&user).await?;
    let row = |job: Job, at| Row {
        what: job_kind(&shell, job.kind),
        at: date_time(shell.locale, at),
        outcome: job_outcome(&shell, job.outcome.as_deref().unwrap_or_default()),
        job,
    };
    let upcoming = view
        .upcoming
        .into_iter()
        .map(|j| {
            let at = j.run_at;
            row(j, at)
        })
        .collect();
    let recent = view
        .recent
        .into_iter()
        .map(|j| {
            let at = j.done_at.unwrap_or(j.run_at);
            row(j, at)
        })
        .collect();
    Ok(JobsPage {
        shell,
        upcoming,
        recent,
    })
}
