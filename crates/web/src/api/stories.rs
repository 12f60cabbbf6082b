//! `GET /api/v1/stories` and `GET /api/v1/stories/{id}`: «Tanketanken» as the public sees it,
//! from each story's publication time; drafts and scheduled stories are not there.

use super::applications::{ApplicationItem, PAGE_EXPECTED, item};
use super::error::{ApiError, ApiErrorBody};
use crate::state::AppState;
use axum::Json;
use axum::extract::rejection::{PathRejection, QueryRejection};
use axum::extract::{Path, Query, State};
use prisverdig_service::model::StoryRow;
use serde::{Deserialize, Serialize};
use time::format_description::well_known::Rfc3339;
use utoipa::{IntoParams, ToSchema};
use uuid::Uuid;

/// Stories a page of the list holds.
pub const STORIES_PER_PAGE: i64 = 20;

#[derive(Deserialize, IntoParams, Default)]
#[into_params(parameter_in = Query)]
pub struct StoriesQuery {
    /// From 1; a page beyond the last is empty.
    #[param(minimum = 1)]
    page: Option<i64>,
}

#[derive(Serialize, ToSchema)]
pub struct StoryItem {
    pub id: Uuid,
    pub title: String,
    pub lead: String,
    /// The editor who wrote it.
    pub author: String,
    /// RFC 3339.
    pub published_at: String,
    /// The story's page.
    pub url: String,
}

#[derive(Serialize, ToSchema)]
pub struct StoryList {
    pub items: Vec<StoryItem>,
    pub total: i64,
    pub page: i64,
    pub per_page: i64,
}

#[derive(Serialize, ToSchema)]
pub struct StoryImageView {
    /// The image in full size.
    pub url: String,
    /// The image's text alternative.
    pub alt: String,
}

#[derive(Serialize, ToSchema)]
pub struct StoryDetail {
    pub id: Uuid,
    pub title: String,
    pub lead: String,
    /// The story's text as Markdown.
    pub body: String,
    pub author: String,
    /// RFC 3339.
    pub published_at: String,
    pub images: Vec<StoryImageView>,
    /// The applications the story is about that are public themselves, in the editor's
    /// order.
    pub applications: Vec<ApplicationItem>,
    pub url: String,
}

fn published_at(s: &StoryRow) -> String {
    s.published_at
        .and_then(|t| t.format(&Rfc3339).ok())
        .unwrap_or_default()
}

/// The published stories, newest first.
#[utoipa::path(get, path = "/api/v1/stories", params(StoriesQuery),
    responses((status = 200, body = StoryList), (status = 400, body = ApiErrorBody),
        (status = 405, body = ApiErrorBody)))]
pub async fn list(
    State(state): State<AppState>,
    query: Result<Query<StoriesQuery>, QueryRejection>,
) -> Result<Json<StoryList>, ApiError> {
    let Query(q) = query.map_err(|_| ApiError::bad("page", PAGE_EXPECTED))?;
    let page = q.page.unwrap_or(1);
    if page < 1 {
        return Err(ApiError::bad("page", PAGE_EXPECTED));
    }
    let page = page.min(100_000);
    let found = state
        .services
        .public_stories(page, STORIES_PER_PAGE)
        .await?;
    let items = found
        .stories
        .iter()
        .map(|s| StoryItem {
            id: s.id,
            title: s.title.clone(),
            lead: s.lead.clone(),
            author: s.author_name.clone(),
            published_at: published_at(s),
            url: format!("/stories/{}", s.id),
        })
        .collect();
    Ok(Json(StoryList {
        items,
        total: found.total,
        page,
        per_page: STORIES_PER_PAGE,
    }))
}

/// One published story with its images and the public applications it is about.
#[utoipa::path(get, path = "/api/v1/stories/{id}",
    params(("id" = Uuid, Path, description = "The story's id")),
    responses((status = 200, body = StoryDetail), (status = 400, body = ApiErrorBody),
        (status = 404, body = ApiErrorBody), (status = 405, body = ApiErrorBody)))]
pub async fn one(
    State(state): State<AppState>,
    path: Result<Path<Uuid>, PathRejection>,
) -> Result<Json<StoryDetail>, ApiError> {
    let Path(id) = path.map_err(|_| ApiError::bad("id", "a UUID"))?;
    // As an anonymous visitor sees it: the API shows no previews.
    let p = state.services.story_page(None, id).await?;
    Ok(Json(StoryDetail {
        id,
        title: p.story.title.clone(),
        lead: p.story.lead.clone(),
        body: p.story.body.clone(),
        author: p.story.author_name.clone(),
        published_at: published_at(&p.story),
        images: p
            .images
            .iter()
            .map(|i| StoryImageView {
                url: format!("/story-images/{}", i.id),
                alt: i.alt_text.clone(),
            })
            .collect(),
        applications: p.applications.into_iter().map(item).collect(),
        url: format!("/stories/{id}"),
    }))
}
