//! The chair's overview of a category: applications × jurors with each one's progress,
//! the raw and calibrated totals with the rank shift, spread and disagreement, the
//! decisions and the feedback still missing; the lock and the publication.

use crate::error::WebError;
use crate::extract::user::SignedIn;
use crate::format::{badge_key, date_time};
use crate::forms::form_errors;
use crate::labels;
use crate::layout::{FormErrors, Shell};
use crate::respond::{see_other, unprocessable};
use crate::state::AppState;
use askama::Template;
use askama_web::WebTemplate;
use axum::Form;
use axum::extract::{Path, Query, State};
use axum::response::Response;
use fluent_templates::fluent_bundle::FluentValue;
use prisverdig_domain::jury::{AssignmentMode, Progress};
use prisverdig_domain::local_time::{oslo_parts, parse_oslo};
use prisverdig_service::jury::decisions::Publication;
use prisverdig_service::jury::overview::{Overview, OverviewSort};
use prisverdig_service::model::User;
use serde::Deserialize;
use uuid::Uuid;

pub struct RowView {
    pub id: Uuid,
    pub title: String,
    pub cells: Vec<String>,
    pub conflicted: bool,
    /// raw, calibrated, rank shift, spread — formatted; empty when hidden.
    pub totals: Option<(String, String, String, String)>,
    pub disagreement: bool,
    pub uncalibrated: bool,
    pub decision: String,
    pub has_feedback: bool,
    pub acts: bool,
    /// The viewer may open its review page.
    pub reviews: bool,
    /// Reviewers it lacks (fixed number per application).
    pub lacking: usize,
}

#[derive(Template, WebTemplate)]
#[template(path = "jury/overview.html")]
pub struct OverviewPage {
    shell: Shell,
    id: Uuid,
    /// The round, for the link to its ceremony.
    round_id: Uuid,
    heading: String,
    members: Vec<(String, String)>,
    rows: Vec<RowView>,
    /// (name, scored, mean, too few)
    calibration: Vec<(String, usize, String, bool)>,
    full: String,
    missing_feedback: usize,
    missing_reviews: usize,
    /// «N reviewers per application», or empty in the «all» mode.
    assignment: String,
    short_applications: usize,
    open: bool,
    locked: Option<String>,
    results_public: bool,
    version: i64,
    nominees_date: String,
    nominees_time: String,
    results_date: String,
    results_time: String,
    no_winner_reason: String,
    sorts: Vec<(&'static str, String, bool)>,
    errors: FormErrors,
}

fn sort_key(sort: OverviewSort) -> &'static str {
    match sort {
        OverviewSort::Received => "jury-sort-received",
        OverviewSort::Raw => "jury-sort-raw",
        OverviewSort::Calibrated => "jury-sort-calibrated",
        OverviewSort::Spread => "jury-sort-spread",
        OverviewSort::Title => "jury-sort-title",
    }
}

fn number(shell: &Shell, value: f64) -> String {
    let text = format!("{value:.1}");
    if shell.locale.tag() == "en" {
        text
    } else {
        text.replace('.', ",")
    }
}

fn page(shell: Shell, o: Overview, errors: FormErrors) -> OverviewPage {
    let show = |f: f64| number(&shell, o.scale.show(f));
    // Four names for 300 × 12 cells: translated once each.
    let progress: std::collections::HashMap<Progress, String> = Progress::ALL
        .iter()
        .map(|p| (*p, shell.t(labels::progress(*p))))
        .collect();
    let rows = o
        .rows
        .iter()
        .map(|r| RowView {
            id: r.application.id,
            title: r.application.title.clone(),
            cells: r.cells.iter().map(|p| progress[p].clone()).collect(),
            conflicted: r.viewer_conflicted,
            totals: r.total.as_ref().map(|t| {
                (
                    t.raw.map(show).unwrap_or_default(),
                    t.calibrated.map(show).unwrap_or_default(),
                    t.rank_shift().map(|s| format!("{s:+}")).unwrap_or_default(),
                    t.spread.map(show).unwrap_or_default(),
                )
            }),
            disagreement: r.total.as_ref().is_some_and(|t| t.disagreement),
            uncalibrated: r.total.as_ref().is_some_and(|t| t.uncalibrated_juror),
            decision: r
                .decision
                .as_ref()
                .map(|d| shell.t(badge_key(d.kind)))
                .unwrap_or_default(),
            has_feedback: r.feedback.as_ref().is_some_and(|f| !f.text.is_empty()),
            acts: r.viewer_acts,
            reviews: r.viewer_reviews,
            lacking: r.lacking,
        })
        .collect();
    let name_of = |id: Uuid| {
        o.members
            .iter()
            .find(|m| m.user_id == id)
            .map(|m| labels::person_name(shell.locale, m.name.clone()))
            .unwrap_or_default()
    };
    let calibration = o
        .calibration
        .iter()
        .map(|j| (name_of(j.juror), j.scored, show(j.mean), j.too_few))
        .collect();
    let (nominees_date, nominees_time) = o.state.nominees_at.map(oslo_parts).unwrap_or_default();
    let (results_date, results_time) = o.state.results_at.map(oslo_parts).unwrap_or_default();
    OverviewPage {
        id: o.category.id,
        round_id: o.category.round_id,
        heading: format!("{} – {}", o.category.name, o.category.round_title),
        members: o
            .members
            .iter()
            .map(|m| {
                (
                    labels::person_name(shell.locale, m.name.clone()),
                    shell.t(labels::jury_role(m.role)),
                )
            })
            .collect(),
        rows,
        calibration,
        full: number(&shell, o.scale.full),
        missing_feedback: o.missing_feedback,
        missing_reviews: o.missing_reviews,
        assignment: match o.state.mode {
            AssignmentMode::All => String::new(),
            AssignmentMode::PerApplication { reviewers } => shell.locale.t_args(
                "admin-assignment-now-fixed",
                &[("count", FluentValue::from(reviewers))],
            ),
        },
        short_applications: o.short_applications,
        open: o.open,
        locked: o
            .state
            .scores_locked_at
            .map(|at| date_time(shell.locale, at)),
        results_public: o.results_public,
        version: o.state.jury_version,
        nominees_date,
        nominees_time,
        results_date,
        results_time,
        no_winner_reason: o.state.no_winner_reason.clone(),
        sorts: OverviewSort::ALL
            .iter()
            .map(|s| (s.as_str(), shell.t(sort_key(*s)), *s == o.sort))
            .collect(),
        errors,
        shell,
    }
}

#[derive(Deserialize, Default)]
pub struct SortQuery {
    #[serde(default)]
    sort: String,
}

async fn render(
    state: &AppState,
    shell: Shell,
    user: &User,
    id: Uuid,
    sort: OverviewSort,
    errors: FormErrors,
) -> Result<OverviewPage, WebError> {
    let o = state.services.jury_overview(user, id, sort).await?;
    Ok(page(shell, o, errors))
}

pub async fn show(
    State(state): State<AppState>,
    SignedIn(user): SignedIn,
    shell: Shell,
    Path(id): Path<Uuid>,
    Query(q): Query<SortQuery>,
) -> Result<OverviewPage, WebError> {
    let sort = OverviewSort::parse(&q.sort).unwrap_or_default();
    render(&state, shell, &user, id, sort, FormErrors::default()).await
}

#[derive(Deserialize)]
pub struct LockForm {
    #[serde(default)]
    version: i64,
    #[serde(default)]
    lock: String,
}

pub async fn lock(
    State(state): State<AppState>,
    SignedIn(user): SignedIn,
    shell: Shell,
    Path(id): Path<Uuid>,
    Form(form): Form<LockForm>,
) -> Result<Response, WebError> {
    match state
        .services
        .lock_scores(&user, id, form.version, form.lock == "1")
        .await
    {
        Ok(()) => Ok(see_other(&format!("/jury/categories/{id}"))),
        Err(e) => {
            let errors = form_errors(shell.locale, e)?;
            Ok(unprocessable(
                render(&state, shell, &user, id, OverviewSort::default(), errors).await?,
            ))
        }
    }
}

#[derive(Deserialize)]
pub struct PublicationForm {
    #[serde(default)]
    version: i64,
    #[serde(default)]
    nominees_date: String,
    #[serde(default)]
    nominees_time: String,
    #[serde(default)]
    results_date: String,
    #[serde(default)]
    results_time: String,
    #[serde(default)]
    no_winner_reason: String,
    /// «Publish the results now».
    #[serde(default)]
    now: String,
}

/// An optional minute: empty is none, anything else must read as a date and time.
fn minute(
    field: &'static str,
    date: &str,
    time: &str,
    errors: &mut Vec<prisverdig_domain::ValidationError>,
) -> Option<time::OffsetDateTime> {
    if date.trim().is_empty() {
        return None;
    }
    let time = if time.trim().is_empty() {
        "00:00"
    } else {
        time
    };
    let at = parse_oslo(date, time);
    if at.is_none() {
        errors.push(prisverdig_domain::ValidationError::new(
            field,
            "error-date-time-invalid",
        ));
    }
    at
}

pub async fn publication(
    State(state): State<AppState>,
    SignedIn(user): SignedIn,
    shell: Shell,
    Path(id): Path<Uuid>,
    Form(form): Form<PublicationForm>,
) -> Result<Response, WebError> {
    let mut problems = Vec::new();
    let nominees_at = minute(
        "nominees_date",
        &form.nominees_date,
        &form.nominees_time,
        &mut problems,
    );
    let mut results_at = minute(
        "results_date",
        &form.results_date,
        &form.results_time,
        &mut problems,
    );
    if form.now == "1" {
        results_at = Some(state.services.clock.now());
    }
    let outcome = if problems.is_empty() {
        let publication = Publication {
            nominees_at,
            results_at,
            no_winner_reason: &form.no_winner_reason,
        };
        state
            .services
            .schedule_publication(&user, id, form.version, publication)
            .await
    } else {
        Err(prisverdig_service::ServiceError::Invalid(problems))
    };
    match outcome {
        Ok(()) => Ok(see_other(&format!("/jury/categories/{id}"))),
        Err(e) => {
            let mut errors = form_errors(shell.locale, e)?;
            errors.retarget("nominees_at", "nominees_date");
            errors.retarget("results_at", "results_date");
            let mut page =
                render(&state, shell, &user, id, OverviewSort::default(), errors).await?;
            (page.nominees_date, page.nominees_time) = (form.nominees_date, form.nominees_time);
            (page.results_date, page.results_time) = (form.results_date, form.results_time);
            page.no_winner_reason = form.no_winner_reason;
            Ok(unprocessable(page))
        }
    }
}
