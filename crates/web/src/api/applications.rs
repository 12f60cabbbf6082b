//! `GET /api/v1/applications` and `GET /api/v1/applications/{id}`.

use super::error::{ApiError, ApiErrorBody};
use crate::state::AppState;
use axum::Json;
use axum::extract::rejection::{PathRejection, QueryRejection};
use axum::extract::{Path, Query, State};
use prisverdig_domain::category::CategoryKind;
use prisverdig_domain::outcome::Outcome;
use prisverdig_domain::public_answers::Part;
use prisverdig_service::catalogue::PER_PAGE;
use prisverdig_service::model::{Card, Filter, Published};
use serde::{Deserialize, Serialize};
use time::format_description::well_known::Rfc3339;
use utoipa::{IntoParams, ToSchema};
use uuid::Uuid;

/// The list's query. Every parameter is checked: a value the API cannot use is refused
/// with 400 at its name rather than ignored.
#[derive(Deserialize, IntoParams, Default)]
#[into_params(parameter_in = Query)]
pub struct ListQuery {
    /// Free text, searched in Norwegian (inflections, compounds, æøå, one typo in longer
    /// words).
    #[param(max_length = 200)]
    q: Option<String>,
    /// The year of the round.
    #[param(minimum = 1900, maximum = 2200)]
    year: Option<i64>,
    /// The kind of prize.
    #[param(inline, value_type = Option<KindParam>)]
    category: Option<String>,
    /// A published outcome.
    #[param(inline, value_type = Option<StatusParam>)]
    status: Option<String>,
    /// From 1; a page beyond the last is the last page.
    #[param(minimum = 1)]
    page: Option<i64>,
}

/// The kinds of prize (`innovation`: «Innovasjonsprisen», `steal`: «Stjæl med stil»,
/// `mistake`: «Beste feil», `custom`: a prize of the organisation's own).
#[derive(ToSchema)]
#[schema(rename_all = "snake_case")]
#[allow(dead_code)] // Only its schema is used: the value is read by `CategoryKind::parse`.
pub enum KindParam {
    Innovation,
    Steal,
    Mistake,
    Custom,
}

/// The published outcomes.
#[derive(ToSchema)]
#[schema(rename_all = "snake_case")]
#[allow(dead_code)] // Only its schema is used: the value is read by `Outcome::parse`.
pub enum StatusParam {
    Winner,
    Nominee,
    HonourableMention,
}

/// The most characters of free text the list searches for.
pub const MAX_QUERY_CHARS: usize = 200;

/// What a page parameter accepts (here and in the stories' list).
pub(super) const PAGE_EXPECTED: &str = "a page number from 1";

/// What each parameter of the list accepts, as a refusal says it.
const EXPECTED: [(&str, &str); 5] = [
    ("year", "a year from 1900 to 2200"),
    ("page", PAGE_EXPECTED),
    ("category", "one of innovation, steal, mistake, custom"),
    ("status", "one of winner, nominee, honourable_mention"),
    ("q", "at most 200 characters"),
];

/// The refusal of parameter `field` of the list.
fn refused(field: &'static str) -> ApiError {
    let message = EXPECTED
        .iter()
        .find(|(f, _)| *f == field)
        .map_or("a value as the OpenAPI document describes it", |(_, m)| *m);
    ApiError::bad(field, message)
}

impl ListQuery {
    /// The filter and search text, or the first parameter that cannot be used.
    fn read(self) -> Result<(Filter, String, i64), ApiError> {
        let q = self.q.unwrap_or_default();
        if q.chars().count() > MAX_QUERY_CHARS {
            return Err(refused("q"));
        }
        if self.year.is_some_and(|y| !(1900..=2200).contains(&y)) {
            return Err(refused("year"));
        }
        let kind = match self.category.as_deref() {
            None => None,
            Some(k) => Some(CategoryKind::parse(k).ok_or_else(|| refused("category"))?),
        };
        let status = match self.status.as_deref() {
            None => None,
            Some(s) => Some(Outcome::parse(s).ok_or_else(|| refused("status"))?),
        };
        let page = self.page.unwrap_or(1);
        if page < 1 {
            return Err(refused("page"));
        }
        // Beyond the last page is the last page; the bound only keeps the offset in range.
        let page = page.min(100_000);
        let filter = Filter {
            year: self.year,
            kind,
            status,
            ..Filter::default()
        };
        Ok((filter, q, page))
    }
}

/// What axum could not read of a query, at the parameter it names when it names one.
pub fn query_problem(rejection: &QueryRejection) -> ApiError {
    let text = rejection.body_text();
    match EXPECTED
        .iter()
        .find(|(f, _)| text.contains(&format!("{f}:")))
    {
        Some((field, message)) => ApiError::bad(field, message),
        None => ApiError::bad(
            "query",
            "parameters as the API's OpenAPI document describes them",
        ),
    }
}

#[derive(Serialize, ToSchema)]
pub struct ApplicationItem {
    pub id: Uuid,
    pub title: String,
    pub summary: String,
    /// The unit's names from the top, as they were when it was submitted.
    pub unit: Vec<String>,
    pub category: String,
    pub year: i64,
    pub cheers: i64,
    pub adoptions: i64,
    /// `winner`, `nominee` or `honourable_mention` once published.
    pub status: Option<String>,
    /// The application's page.
    pub url: String,
}

#[derive(Serialize, ToSchema)]
pub struct ApplicationList {
    pub items: Vec<ApplicationItem>,
    pub total: i64,
    /// The page shown: the one asked for, or the last when it lay beyond.
    pub page: i64,
    pub per_page: i64,
}

/// One public answer: the same list the application's page shows and the search index
/// holds (the contact person is never in it).
#[derive(Serialize, ToSchema)]
pub struct Answer {
    /// Which part of the form: `what_we_did`, `three_years_ago`, `effect`, `partners`,
    /// `origin_from`, `origin_note`, `mistake_tried`, `mistake_went_wrong`,
    /// `mistake_learned`, `external_source`, `question` (the category's own question) or
    /// `criterion`.
    pub part: String,
    /// The question: the part's name, or the text of the category's question or criterion.
    pub question: String,
    pub answer: String,
}

#[derive(Serialize, ToSchema)]
pub struct ApplicationDetail {
    pub id: Uuid,
    pub title: String,
    pub summary: String,
    pub unit: Vec<String>,
    /// Further units of the organisation behind it (their names now).
    pub other_units: Vec<String>,
    /// Partners outside the organisation, by name.
    pub outside_partners: Vec<String>,
    pub category: String,
    pub year: i64,
    /// `original`, `adapted` or `adopted`; absent when not given.
    pub idea_origin: Option<String>,
    /// The application whose idea this one adopted («stjålet fra»).
    pub stolen_from: Option<Uuid>,
    /// Earlier applications this one continues.
    pub continues: Vec<Uuid>,
    /// Every public answer that says something, in the form's order (Markdown text).
    pub answers: Vec<Answer>,
    pub cheers: i64,
    pub adoptions: i64,
    /// The jury's outcome once it is public; `null` before its publication minute.
    pub outcome: Option<OutcomeView>,
}

/// A public outcome of the jury's decision.
#[derive(Serialize, ToSchema)]
pub struct OutcomeView {
    /// `winner`, `nominee` or `honourable_mention`.
    pub kind: String,
    /// The jury's justification, once published (a nomination has none).
    pub justification: Option<String>,
    /// When it became public (RFC 3339): the publication minute, or for a nomination the
    /// category's nominee minute.
    pub published_at: String,
}

fn outcome(p: &Published) -> OutcomeView {
    OutcomeView {
        kind: p.kind.as_str().to_string(),
        justification: (!p.justification.is_empty()).then(|| p.justification.clone()),
        published_at: p.published_at.format(&Rfc3339).unwrap_or_default(),
    }
}

pub(super) fn item(c: Card) -> ApplicationItem {
    ApplicationItem {
        url: format!("/applications/{}", c.id),
        id: c.id,
        title: c.title,
        summary: c.summary,
        unit: c.unit_snapshot.0,
        category: c.category_name,
        year: c.year,
        cheers: c.cheers,
        adoptions: c.adoptions,
        status: c.badge.map(|b| b.as_str().to_string()),
    }
}

/// The visible applications, newest first (best match first when searching).
#[utoipa::path(get, path = "/api/v1/applications", params(ListQuery),
    responses((status = 200, body = ApplicationList), (status = 400, body = ApiErrorBody),
        (status = 405, body = ApiErrorBody)))]
pub async fn list(
    State(state): State<AppState>,
    query: Result<Query<ListQuery>, QueryRejection>,
) -> Result<Json<ApplicationList>, ApiError> {
    let Query(q) = query.map_err(|r| query_problem(&r))?;
    let (filter, text, page) = q.read()?;
    let result = state.services.catalogue_cards(filter, &text, page).await?;
    let items = result.cards.into_iter().map(item).collect();
    Ok(Json(ApplicationList {
        items,
        total: result.total,
        // A page beyond the last answers as the last page.
        page: result.page,
        per_page: PER_PAGE,
    }))
}

/// One visible application with all its answers.
#[utoipa::path(get, path = "/api/v1/applications/{id}",
    params(("id" = Uuid, Path, description = "The application's id")),
    responses((status = 200, body = ApplicationDetail), (status = 400, body = ApiErrorBody),
        (status = 404, body = ApiErrorBody), (status = 405, body = ApiErrorBody)))]
pub async fn one(
    State(state): State<AppState>,
    path: Result<Path<Uuid>, PathRejection>,
) -> Result<Json<ApplicationDetail>, ApiError> {
    let Path(id) = path.map_err(|_| ApiError::bad("id", "a UUID"))?;
    let p = state.services.public_application(id).await?;
    let around = state.services.surroundings(id, None).await?;
    let public = crate::answers::public(
        &p.form,
        &p.application.origin_note,
        &p.criteria,
        &p.questions,
    );
    let answers = public
        .into_iter()
        .map(|a| Answer {
            part: a.part.key().to_string(),
            question: match a.part {
                Part::Question(id) => p
                    .questions
                    .iter()
                    .find(|q| q.id == id)
                    .map(|q| q.text.clone()),
                Part::Criterion(i) => p.criteria.get(i).map(|c| c.text.clone()),
                part => Some(part.key().to_string()),
            }
            .unwrap_or_default(),
            answer: a.text,
        })
        .collect();
    Ok(Json(ApplicationDetail {
        id,
        title: p.form.title.clone(),
        summary: p.form.summary.clone(),
        unit: p.application.unit_snapshot.0.clone(),
        other_units: p.collaborators.units.clone(),
        outside_partners: p.collaborators.outside_partners.clone(),
        category: p.category.name.clone(),
        year: p.category.round_year,
        idea_origin: p.form.idea_origin.map(|o| o.as_str().to_string()),
        // Only what is public itself: the lists above are filtered by the same rule.
        stolen_from: around.source.as_ref().map(|s| s.id),
        continues: around.continues.iter().map(|l| l.id).collect(),
        answers,
        cheers: around.cheers,
        adoptions: around.adopted_by.len() as i64,
        outcome: around.outcome.as_ref().map(outcome),
    }))
}
