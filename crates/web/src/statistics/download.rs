//! One table of the statistics as CSV (`/statistics/csv/{table}`, and the strategy unit's
//! under `/admin/statistics/csv/{table}`), for the same year range as the page: the
//! headers in the reader's language, numbers plain, names as stored. A range that cannot be
//! read gets the page with the message at its field (422).

use super::page::{RangeQuery, render};
use super::tables::{self, Table};
use crate::error::WebError;
use crate::extract::user::Administrator;
use crate::format::csv_cell;
use crate::layout::Shell;
use crate::state::AppState;
use axum::extract::{Path, Query, State};
use axum::http::header::{CACHE_CONTROL, CONTENT_DISPOSITION, CONTENT_TYPE};
use axum::response::{IntoResponse, Response};
use prisverdig_domain::statistics::{Audience, YearRange};
use prisverdig_service::ServiceError;

fn csv_of(table: &Table) -> csv::Result<Vec<u8>> {
    let mut out = csv::Writer::from_writer(Vec::new());
    out.write_record(table.headers.iter().map(|h| csv_cell(h)))?;
    for row in &table.rows {
        out.write_record(row.iter().map(|c| csv_cell(&c.raw)))?;
    }
    out.into_inner().map_err(|e| e.into_error().into())
}

async fn download(
    state: AppState,
    shell: Shell,
    slug: String,
    typed: RangeQuery,
    audience: Audience,
) -> Result<Response, WebError> {
    if !tables::SLUGS.contains(&slug.as_str()) {
        return Err(WebError::NotFound);
    }
    let range: YearRange = match typed.range(&shell) {
        Ok(r) => r,
        Err(_) => return render(&state, shell, typed, audience).await,
    };
    let stats = state
        .services
        .statistics(shell.user.as_ref(), audience, range)
        .await?;
    let table = tables::table(shell.locale, &stats, &slug).ok_or(WebError::NotFound)?;
    let body =
        csv_of(&table).map_err(|e| ServiceError::internal("writing statistics as CSV", e))?;
    let years = stats
        .range
        .map_or_else(String::new, |(from, to)| format!("-{from}-{to}"));
    let audience = match audience {
        Audience::Public => "public",
        Audience::Internal => "internal",
    };
    let disposition = format!("attachment; filename=\"statistics-{audience}-{slug}{years}.csv\"");
    Ok((
        [
            (CONTENT_TYPE, "text/csv; charset=utf-8".to_string()),
            (CONTENT_DISPOSITION, disposition),
            (CACHE_CONTROL, "no-store".to_string()),
        ],
        body,
    )
        .into_response())
}

pub async fn public(
    State(state): State<AppState>,
    shell: Shell,
    Path(slug): Path<String>,
    Query(typed): Query<RangeQuery>,
) -> Result<Response, WebError> {
    download(state, shell, slug, typed, Audience::Public).await
}

pub async fn internal(
    State(state): State<AppState>,
    Administrator(_): Administrator,
    shell: Shell,
    Path(slug): Path<String>,
    Query(typed): Query<RangeQuery>,
) -> Result<Response, WebError> {
    download(state, shell, slug, typed, Audience::Internal).await
}
