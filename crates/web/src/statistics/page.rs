//! The statistics page: the public's (`/statistics`, only what the catalogue shows) and the
//! strategy unit's (`/admin/statistics`, administrators: every submitted application). One
//! template serves both. A year range the server cannot read is answered 422 with the
//! message at its field, and the figures of every year.

use super::tables::{self, Table};
use crate::error::WebError;
use crate::extract::user::Administrator;
use crate::format::grouped;
use crate::layout::{FormErrors, Shell};
use crate::middleware::page_cache::ChangesAt;
use crate::state::AppState;
use askama::Template;
use askama_web::WebTemplate;
use axum::Extension;
use axum::extract::{Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use fluent_templates::fluent_bundle::FluentValue;
use prisverdig_domain::role::Role;
use prisverdig_domain::statistics::{Audience, YearRange};
use prisverdig_service::statistics::Statistics;
use serde::Deserialize;

/// The year range as typed, kept for the form.
#[derive(Deserialize, Default, Clone)]
pub struct RangeQuery {
    #[serde(default)]
    pub from: String,
    #[serde(default)]
    pub to: String,
}

impl RangeQuery {
    /// The query string of this range (for the download links).
    pub fn query(&self) -> String {
        let mut s = form_urlencoded::Serializer::new(String::new());
        for (k, v) in [("from", &self.from), ("to", &self.to)] {
            if !v.trim().is_empty() {
                s.append_pair(k, v.trim());
            }
        }
        s.finish()
    }

    /// The range, or the fields that could not be read.
    pub fn range(&self, shell: &Shell) -> Result<YearRange, FormErrors> {
        YearRange::parse(&self.from, &self.to).map_err(|problems| {
            let mut errors = FormErrors::of(shell.locale, &problems);
            errors.label("from", &shell.t("statistics-from"));
            errors.label("to", &shell.t("statistics-to"));
            errors
        })
    }
}

/// Where each audience's page and downloads are.
pub fn base(audience: Audience) -> &'static str {
    match audience {
        Audience::Public => "/statistics",
        Audience::Internal => "/admin/statistics",
    }
}

#[derive(Template, WebTemplate)]
#[template(path = "statistics/page.html")]
pub struct StatisticsPage {
    shell: Shell,
    internal: bool,
    base: &'static str,
    typed: RangeQuery,
    errors: FormErrors,
    /// The years counted, as a sentence; empty before the first round.
    counted: String,
    /// «3 of 8 units (38 %) applied», for the whole range.
    units_sentence: String,
    /// The first and last year with figures, for the form's hints.
    first: Option<i64>,
    last: Option<i64>,
    tables: Vec<Table>,
    /// The query string of the range, for the downloads.
    query: String,
    /// The reader may see the strategy unit's figures (a link to them on the public page).
    admin: bool,
}

fn page(shell: Shell, typed: RangeQuery, errors: FormErrors, stats: &Statistics) -> StatisticsPage {
    let locale = shell.locale;
    let counted = stats.range.map_or_else(String::new, |(from, to)| {
        locale.t_args(
            "statistics-counted",
            &[
                ("from", FluentValue::from(from)),
                ("to", FluentValue::from(to)),
            ],
        )
    });
    let (applied, share) = stats.units_applied;
    let units_sentence = locale.t_args(
        "statistics-units-sentence",
        &[
            ("applied", FluentValue::from(grouped(locale, applied))),
            (
                "total",
                FluentValue::from(grouped(locale, stats.units_total)),
            ),
            ("share", FluentValue::from(share.unwrap_or(0))),
        ],
    );
    let admin = shell
        .user
        .as_ref()
        .is_some_and(|u| u.has(Role::Administrator));
    // A range that could not be read links the downloads of every year.
    let query = if errors.is_empty() {
        typed.query()
    } else {
        String::new()
    };
    StatisticsPage {
        internal: stats.audience == Audience::Internal,
        base: base(stats.audience),
        tables: if stats.range.is_some() {
            tables::all(locale, stats)
        } else {
            Vec::new()
        },
        first: stats.years.first().copied(),
        last: stats.years.last().copied(),
        counted,
        units_sentence,
        query,
        admin,
        errors,
        typed,
        shell,
    }
}

/// The page for `audience`, with the range asked or, when it cannot be read, every year.
pub async fn render(
    state: &AppState,
    shell: Shell,
    typed: RangeQuery,
    audience: Audience,
) -> Result<Response, WebError> {
    let (range, errors) = match typed.range(&shell) {
        Ok(r) => (r, FormErrors::default()),
        Err(e) => (YearRange::default(), e),
    };
    let stats = state
        .services
        .statistics(shell.user.as_ref(), audience, range)
        .await?;
    let status = if errors.is_empty() {
        StatusCode::OK
    } else {
        StatusCode::UNPROCESSABLE_ENTITY
    };
    let changes_at = Extension(ChangesAt(stats.next_year_at));
    Ok((status, changes_at, page(shell, typed, errors, &stats)).into_response())
}

pub async fn public(
    State(state): State<AppState>,
    shell: Shell,
    Query(typed): Query<RangeQuery>,
) -> Result<Response, WebError> {
    render(&state, shell, typed, Audience::Public).await
}

pub async fn internal(
    State(state): State<AppState>,
    Administrator(_): Administrator,
    shell: Shell,
    Query(typed): Query<RangeQuery>,
) -> Result<Response, WebError> {
    render(&state, shell, typed, Audience::Internal).await
}
