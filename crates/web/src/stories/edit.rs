//! Writing a story: a new one, and editing one (text, lead, Markdown body, the applications
//! it is about). A save that loses a race is refused with the stored version shown;
//! nothing is overwritten silently.

use super::publish::PublishForm;
use crate::error::WebError;
use crate::extract::user::StoryWriter;
use crate::format::date_time;
use crate::forms::{Field, posted, posted_ids, posted_pairs};
use crate::layout::{FormErrors, Shell};
use crate::state::AppState;
use askama::Template;
use askama_web::WebTemplate;
use axum::body::Bytes;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use prisverdig_domain::story::{
    MAX_ALT_CHARS, MAX_BODY_CHARS, MAX_IMAGES, MAX_LEAD_CHARS, MAX_LINKS, MAX_TITLE_CHARS,
    StoryStatus, StoryText,
};
use prisverdig_service::ServiceError;
use prisverdig_service::model::Pickable;
use prisverdig_service::model::StoryImage;
use prisverdig_service::model::User;
use prisverdig_service::stories::EditableStory;
use serde::Deserialize;
use uuid::Uuid;

pub fn status_key(status: StoryStatus) -> &'static str {
    match status {
        StoryStatus::Draft => "stories-status-draft",
        StoryStatus::Scheduled => "stories-status-scheduled",
        StoryStatus::Published => "stories-status-published",
    }
}

/// The story as stored, for the editor to see where it stands.
pub struct Stored {
    pub id: Uuid,
    pub status_key: &'static str,
    pub published: String,
    pub is_draft: bool,
    pub is_public: bool,
    pub images: Vec<StoryImage>,
}

#[derive(Template, WebTemplate)]
#[template(path = "stories/edit.html")]
pub struct EditPage {
    shell: Shell,
    /// `None` while the story is being written for the first time.
    stored: Option<Stored>,
    version: i64,
    fields: Vec<Field>,
    links: Vec<Pickable>,
    /// Checked candidates (only the search fragment has these).
    chosen: Vec<Pickable>,
    candidates: Vec<Pickable>,
    errors: FormErrors,
    saved: bool,
    publish: PublishForm,
    /// When a save lost a race: the version someone else saved (title, lead, body).
    theirs: Option<Vec<(String, String)>>,
    max_links: usize,
    max_images: usize,
    max_alt: usize,
}

impl EditPage {
    pub fn action(&self) -> String {
        match &self.stored {
            Some(s) => format!("/stories/{}/edit", s.id),
            None => "/stories/new".to_string(),
        }
    }
}

/// The label and hint keys of each text field.
fn keys(name: &str) -> (&'static str, &'static str) {
    match name {
        "title" => ("stories-field-title", "stories-hint-title"),
        "lead" => ("stories-field-lead", "stories-hint-lead"),
        _ => ("stories-field-body", "stories-hint-body"),
    }
}

fn field(shell: &Shell, errors: &FormErrors, name: &str, value: &str, max: usize) -> Field {
    let multiline = name != "title";
    let (label, hint) = keys(name);
    Field {
        name: name.to_string(),
        label: shell.t(label),
        hint: shell.t(hint),
        value: value.to_string(),
        error: errors.at(name).map(str::to_string),
        multiline,
        max,
        required: true,
    }
}

/// What the page needs besides the form: the stored story (if any) and the picker's lists.
pub struct Context {
    pub stored: Option<Stored>,
    pub version: i64,
    pub links: Vec<Pickable>,
    pub candidates: Vec<Pickable>,
}

pub fn page(
    shell: Shell,
    ctx: Context,
    text: &StoryText,
    errors: FormErrors,
    publish: PublishForm,
) -> EditPage {
    let links = ctx.links;
    let candidates = ctx
        .candidates
        .into_iter()
        .filter(|p| !links.iter().any(|l| l.id == p.id))
        .collect();
    EditPage {
        fields: vec![
            field(&shell, &errors, "title", &text.title, MAX_TITLE_CHARS),
            field(&shell, &errors, "lead", &text.lead, MAX_LEAD_CHARS),
            field(&shell, &errors, "body", &text.body, MAX_BODY_CHARS),
        ],
        stored: ctx.stored,
        version: ctx.version,
        links,
        chosen: Vec::new(),
        candidates,
        errors,
        saved: false,
        publish,
        theirs: None,
        max_links: MAX_LINKS,
        max_images: MAX_IMAGES,
        max_alt: MAX_ALT_CHARS,
        shell,
    }
}

fn text_of(e: &EditableStory) -> StoryText {
    StoryText {
        title: e.story.title.clone(),
        lead: e.story.lead.clone(),
        body: e.story.body.clone(),
        links: e.links.iter().map(|p| p.id).collect(),
    }
}

/// The stored story (if any) with its links, and the picker's first candidates.
pub async fn context(
    state: &AppState,
    shell: &Shell,
    user: &User,
    id: Option<Uuid>,
) -> Result<(Context, Option<StoryText>), WebError> {
    let candidates = state.services.story_link_candidates(user, "").await?;
    let Some(id) = id else {
        let ctx = Context {
            stored: None,
            version: 0,
            links: Vec::new(),
            candidates,
        };
        return Ok((ctx, None));
    };
    let e = state.services.editable_story(user, id).await?;
    let text = text_of(&e);
    let links = e.links.clone();
    let ctx = Context {
        stored: Some(Stored {
            id,
            status_key: status_key(e.status),
            published: e
                .story
                .published_at
                .map(|at| date_time(shell.locale, at))
                .unwrap_or_default(),
            is_draft: e.status == StoryStatus::Draft,
            is_public: e.status == StoryStatus::Published,
            images: e.images,
        }),
        version: e.story.version,
        links,
        candidates,
    };
    Ok((ctx, Some(text)))
}

pub async fn new(
    State(state): State<AppState>,
    shell: Shell,
    StoryWriter(user): StoryWriter,
) -> Result<EditPage, WebError> {
    let (ctx, _) = context(&state, &shell, &user, None).await?;
    let publish = PublishForm::default();
    Ok(page(
        shell,
        ctx,
        &StoryText::default(),
        FormErrors::default(),
        publish,
    ))
}

/// `?saved` after a plain save's redirect: the story edit page says it was saved.
#[derive(Deserialize)]
pub struct EditQuery {
    #[serde(default)]
    pub(crate) saved: Option<String>,
}

pub async fn show(
    State(state): State<AppState>,
    shell: Shell,
    StoryWriter(user): StoryWriter,
    Path(id): Path<Uuid>,
    Query(query): Query<EditQuery>,
) -> Result<EditPage, WebError> {
    let (ctx, text) = context(&state, &shell, &user, Some(id)).await?;
    let text = text.unwrap_or_default();
    let publish = PublishForm::default();
    let mut page = page(shell, ctx, &text, FormErrors::default(), publish);
    page.saved = query.saved.is_some();
    Ok(page)
}

/// The posted story form: `version` and the text with its links.
fn parse(body: &[u8]) -> (i64, StoryText) {
    let pairs = posted_pairs(body);
    let text = |key: &str| posted(&pairs, key).replace("\r\n", "\n");
    let version = text("version").trim().parse().unwrap_or(0);
    let links = posted_ids(&pairs, "application").collect();
    let story = StoryText {
        title: text("title"),
        lead: text("lead"),
        body: text("body"),
        links,
    };
    (version, story)
}

pub async fn create(
    State(state): State<AppState>,
    shell: Shell,
    StoryWriter(user): StoryWriter,
    body: Bytes,
) -> Result<Response, WebError> {
    let (_, text) = parse(&body);
    match state.services.create_story(&user, text.clone()).await {
        Ok(id) => Ok(Redirect::to(&format!("/stories/{id}/edit?saved=1#saved")).into_response()),
        Err(ServiceError::Invalid(problems)) => {
            let errors = FormErrors::of(shell.locale, &problems);
            let (mut ctx, _) = context(&state, &shell, &user, None).await?;
            ctx.links = state.services.story_links_named(&user, &text.links).await?;
            let page = page(shell, ctx, &text, errors, PublishForm::default());
            Ok((StatusCode::UNPROCESSABLE_ENTITY, page).into_response())
        }
        Err(other) => Err(other.into()),
    }
}

pub async fn save(
    State(state): State<AppState>,
    shell: Shell,
    StoryWriter(user): StoryWriter,
    Path(id): Path<Uuid>,
    body: Bytes,
) -> Result<Response, WebError> {
    let (version, text) = parse(&body);
    let problem = match state
        .services
        .update_story(&user, id, version, text.clone())
        .await
    {
        Ok(_) => {
            return Ok(Redirect::to(&format!("/stories/{id}/edit?saved=1#saved")).into_response());
        }
        Err(e @ (ServiceError::Invalid(_) | ServiceError::Conflict)) => e,
        Err(other) => return Err(other.into()),
    };
    let (mut ctx, stored) = context(&state, &shell, &user, Some(id)).await?;
    ctx.links = state.services.story_links_named(&user, &text.links).await?;
    if let ServiceError::Invalid(problems) = &problem {
        let errors = FormErrors::of(shell.locale, problems);
        let mut page = page(shell, ctx, &text, errors, PublishForm::default());
        page.version = version;
        return Ok((StatusCode::UNPROCESSABLE_ENTITY, page).into_response());
    }
    Ok(conflict(
        shell,
        ctx,
        &text,
        stored.unwrap_or_default(),
        PublishForm::default(),
    )
    .into_response())
}

/// The page after losing a race: what was typed, the stored version beside it, and the
/// stored version number, so saving again overwrites knowingly.
pub fn conflict(
    shell: Shell,
    ctx: Context,
    typed: &StoryText,
    stored: StoryText,
    publish: PublishForm,
) -> (StatusCode, EditPage) {
    let mut errors = FormErrors::default();
    errors.add(shell.locale, "conflict", "error-story-conflict");
    let theirs = vec![
        (shell.t("stories-field-title"), stored.title),
        (shell.t("stories-field-lead"), stored.lead),
        (shell.t("stories-field-body"), stored.body),
    ];
    let mut page = page(shell, ctx, typed, errors, publish);
    page.theirs = Some(theirs);
    (StatusCode::CONFLICT, page)
}
