//! The review page: the application as submitted, the juror's scores and comments (saved
//! as a draft, autosaved by `static/autosave.js`, then submitted; reopened until the chair
//! locks the scores), the others' reviews once one's own is submitted, the jury's
//! discussion (`discussion.rs`), and declaring a conflict of interest.

use crate::error::WebError;
use crate::extract::user::SignedIn;
use crate::forms::form_errors;
use crate::labels;
use crate::layout::{FormErrors, Shell};
use crate::respond::{AUTOSAVE_HEADER, see_other, unprocessable};
use crate::state::AppState;
use askama::Template;
use askama_web::WebTemplate;
use axum::Form;
use axum::extract::{Path, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Json, Response};
use prisverdig_domain::category::Scale;
use prisverdig_domain::jury::conflict::Grounds;
use prisverdig_domain::jury::review::{Entry, Problem};
use prisverdig_domain::jury::{Access, ReviewState};
use prisverdig_service::ServiceError;
use prisverdig_service::jury::reviews::{ReviewInput, ReviewIntent, ReviewPage};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

/// One criterion on the page: its choices and what the juror wrote.
pub struct CriterionView {
    pub id: Uuid,
    pub text: String,
    pub help: String,
    /// (value, label, checked)
    pub choices: Vec<(String, String, bool)>,
    pub comment: String,
}

/// Another juror's submitted review as shown: name, each criterion's value and comment,
/// the overall comment.
pub struct OtherView {
    pub name: String,
    pub scores: Vec<(String, String, String)>,
    pub comment: String,
}

#[derive(Template, WebTemplate)]
#[template(path = "jury/review.html")]
pub struct ReviewView {
    shell: Shell,
    id: Uuid,
    title: String,
    summary: String,
    category: String,
    unit: String,
    team: String,
    sections: Vec<(String, String)>,
    answers: Vec<(String, String)>,
    conflicted: bool,
    /// grounds, source, status of the juror's own conflict
    conflict: Option<(String, String, String)>,
    criteria: Vec<CriterionView>,
    comment: String,
    version: String,
    submitted: bool,
    locked: bool,
    others: Option<Vec<OtherView>>,
    grounds: Vec<(&'static str, String)>,
    errors: FormErrors,
    saved: bool,
    /// The reason typed for a declaration that was refused.
    declare_reason: String,
    blind: bool,
    /// The jury's discussion, when the juror takes part in it.
    discussion: Option<super::discussion::DiscussionView>,
    /// A post that was refused, to show again.
    post_text: String,
}

fn value_label(shell: &Shell, scale: Scale, value: i64) -> String {
    match scale {
        Scale::YesNo if value == 1 => shell.t("jury-yes"),
        Scale::YesNo => shell.t("jury-no"),
        Scale::Range { .. } => value.to_string(),
    }
}

/// What the juror typed, to show again after a refusal.
struct Typed {
    entries: Vec<(Uuid, Entry)>,
    overall: String,
}

fn view(
    shell: Shell,
    mut page: ReviewPage,
    typed: Option<Typed>,
    errors: FormErrors,
    saved: bool,
) -> ReviewView {
    let discussion = page
        .discussion
        .take()
        .map(|posts| super::discussion::view(shell.locale, page.application.id, posts, None));
    let own = page.own.as_ref();
    let criteria = page
        .criteria
        .iter()
        .map(|c| {
            let (current, comment) = match &typed {
                Some(t) => t
                    .entries
                    .iter()
                    .find(|(id, _)| *id == c.id)
                    .map(|(_, e)| (e.value.trim().to_string(), e.comment.clone()))
                    .unwrap_or_default(),
                None => own
                    .and_then(|r| r.score(c.id))
                    .map(|s| {
                        (
                            s.value.map(|v| v.to_string()).unwrap_or_default(),
                            s.comment.clone(),
                        )
                    })
                    .unwrap_or_default(),
            };
            let (min, max) = c.scale.bounds();
            let mut choices: Vec<(String, String, bool)> = (min..=max)
                .map(|v| {
                    let value = v.to_string();
                    let checked = value == current;
                    (value, value_label(&shell, c.scale, v), checked)
                })
                .collect();
            choices.push((
                String::new(),
                shell.t("jury-not-scored"),
                current.is_empty(),
            ));
            CriterionView {
                id: c.id,
                text: c.text.clone(),
                help: c.help.clone(),
                choices,
                comment,
            }
        })
        .collect();
    let others = page.others.as_ref().map(|list| {
        list.iter()
            .map(|(name, r)| OtherView {
                name: labels::person_name(shell.locale, name.clone()),
                scores: page
                    .criteria
                    .iter()
                    .map(|c| {
                        let s = r.score(c.id);
                        let value = s
                            .and_then(|s| s.value)
                            .map(|v| value_label(&shell, c.scale, v))
                            .unwrap_or_else(|| shell.t("jury-not-scored"));
                        (
                            c.text.clone(),
                            value,
                            s.map(|s| s.comment.clone()).unwrap_or_default(),
                        )
                    })
                    .collect(),
                comment: r.comment.clone(),
            })
            .collect()
    });
    let conflict = page.conflict.as_ref().map(|c| {
        (
            shell.t(labels::grounds(c.grounds)),
            shell.t(labels::conflict_source(c.source)),
            shell.t(labels::conflict_status(c.status)),
        )
    });
    // The jury reads the form as the applicants wrote it (or its redacted copy); the note
    // kept with imported history is not part of it.
    let answers = crate::answers::public(&page.form, "", &page.criteria, &page.questions);
    ReviewView {
        id: page.application.id,
        title: page.application.title.clone(),
        summary: page.application.summary.clone(),
        category: format!("{} – {}", page.category.name, page.category.round_title),
        unit: page.application.unit_snapshot.0.join(" › "),
        team: page.team.join(", "),
        sections: crate::answers::sections(shell.locale, &page.form, &answers, &page.questions),
        answers: crate::answers::criteria(&answers, &page.criteria),
        conflicted: page.access == Access::Conflicted,
        conflict,
        criteria,
        comment: match &typed {
            Some(t) => t.overall.clone(),
            None => own.map(|r| r.comment.clone()).unwrap_or_default(),
        },
        version: own.map(|r| r.version.to_string()).unwrap_or_default(),
        submitted: own.is_some_and(|r| r.state == ReviewState::Submitted),
        locked: page.locked,
        others,
        grounds: Grounds::ALL
            .iter()
            .map(|g| (g.as_str(), shell.t(labels::grounds(*g))))
            .collect(),
        errors,
        saved,
        declare_reason: String::new(),
        blind: page.blind,
        discussion,
        post_text: String::new(),
        shell,
    }
}

/// The page again after a post to the discussion was refused, with what was typed.
pub(super) fn with_refused_post(
    shell: Shell,
    page: ReviewPage,
    errors: FormErrors,
    post_text: String,
) -> ReviewView {
    let mut view = view(shell, page, None, errors, false);
    view.post_text = post_text;
    view
}

pub async fn show(
    State(state): State<AppState>,
    SignedIn(user): SignedIn,
    shell: Shell,
    Path(id): Path<Uuid>,
    axum::extract::Query(q): axum::extract::Query<crate::forms::SavedQuery>,
) -> Result<ReviewView, WebError> {
    let page = state.services.review_page(&user, id).await?;
    Ok(view(
        shell,
        page,
        None,
        FormErrors::default(),
        q.saved.is_some(),
    ))
}

/// The form's fields: `version`, `action`, `comment`, and `score-<criterion>` /
/// `note-<criterion>` for each criterion.
fn read(body: &[(String, String)]) -> (Option<i64>, ReviewIntent, Typed) {
    let mut version = None;
    let mut intent = ReviewIntent::Save;
    let mut overall = String::new();
    let mut entries: Vec<(Uuid, Entry)> = Vec::new();
    let mut values = Vec::new();
    let mut notes = Vec::new();
    for (name, value) in body {
        match name.as_str() {
            "version" => version = value.trim().parse().ok(),
            "action" if value == "submit" => intent = ReviewIntent::Submit,
            "action" if value == "reopen" => intent = ReviewIntent::Reopen,
            "comment" => overall = value.clone(),
            other => {
                if let Some(id) = other
                    .strip_prefix("score-")
                    .and_then(|i| Uuid::parse_str(i).ok())
                {
                    values.push((id, value.clone()));
                } else if let Some(id) = other
                    .strip_prefix("note-")
                    .and_then(|i| Uuid::parse_str(i).ok())
                {
                    notes.push((id, value.clone()));
                }
            }
        }
    }
    for (id, v) in values {
        entry(&mut entries, id).value = v;
    }
    for (id, n) in notes {
        entry(&mut entries, id).comment = n;
    }
    (version, intent, Typed { entries, overall })
}

/// The entry of criterion `id`, added when it is not there yet.
fn entry(entries: &mut Vec<(Uuid, Entry)>, id: Uuid) -> &mut Entry {
    let i = match entries.iter().position(|(c, _)| *c == id) {
        Some(i) => i,
        None => {
            entries.push((id, Entry::default()));
            entries.len() - 1
        }
    };
    &mut entries[i].1
}

/// The control a problem belongs to.
fn control(p: &Problem) -> String {
    match p.criterion {
        Some(id) => format!("{}-{id}", p.error.field),
        None => p.error.field.to_string(),
    }
}

#[derive(Serialize)]
struct AutosaveAnswer {
    status: &'static str,
    message: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    version: Option<i64>,
    problems: Vec<FieldMessage>,
}

#[derive(Serialize)]
struct FieldMessage {
    field: String,
    message: String,
}

fn json(
    status: StatusCode,
    code: &'static str,
    message: String,
    version: Option<i64>,
    errors: FormErrors,
) -> Response {
    let problems = errors
        .items
        .into_iter()
        .map(|(field, message)| FieldMessage { field, message })
        .collect();
    (
        status,
        Json(AutosaveAnswer {
            status: code,
            message,
            version,
            problems,
        }),
    )
        .into_response()
}

pub async fn save(
    State(state): State<AppState>,
    SignedIn(user): SignedIn,
    shell: Shell,
    headers: HeaderMap,
    Path(id): Path<Uuid>,
    Form(body): Form<Vec<(String, String)>>,
) -> Result<Response, WebError> {
    let autosave = headers.contains_key(AUTOSAVE_HEADER);
    let (version, intent, typed) = read(&body);
    let input = ReviewInput {
        version,
        entries: &typed.entries,
        overall: &typed.overall,
        intent,
    };
    let outcome = state.services.save_review(&user, id, input).await;
    let errors = match outcome {
        Ok(Ok(saved)) if autosave => {
            return Ok(json(
                StatusCode::OK,
                "saved",
                shell.t("apply-autosaved"),
                Some(saved.version),
                FormErrors::default(),
            ));
        }
        Ok(Ok(_)) => return Ok(see_other(&format!("/jury/applications/{id}?saved=1#saved"))),
        Ok(Err(problems)) => {
            let mut errors = FormErrors::default();
            for p in &problems {
                errors.add_translated(shell.locale, &control(p), p.error.message_id, p.error.limit);
            }
            errors
        }
        Err(ServiceError::Conflict) if autosave => {
            return Ok(json(
                StatusCode::CONFLICT,
                "conflict",
                shell.t("error-save-conflict-autosave"),
                None,
                FormErrors::default(),
            ));
        }
        Err(e @ ServiceError::Invalid(_)) => form_errors(shell.locale, e)?,
        Err(e) => return Err(e.into()),
    };
    if autosave {
        let message = shell.t("apply-autosave-refused");
        return Ok(json(
            StatusCode::UNPROCESSABLE_ENTITY,
            "refused",
            message,
            None,
            errors,
        ));
    }
    let page = state.services.review_page(&user, id).await?;
    Ok(unprocessable(view(shell, page, Some(typed), errors, false)))
}

#[derive(Deserialize)]
pub struct DeclareForm {
    #[serde(default)]
    grounds: String,
    #[serde(default)]
    reason: String,
}

pub async fn declare(
    State(state): State<AppState>,
    SignedIn(user): SignedIn,
    shell: Shell,
    Path(id): Path<Uuid>,
    Form(form): Form<DeclareForm>,
) -> Result<Response, WebError> {
    let outcome = match Grounds::parse(&form.grounds) {
        Some(grounds) => {
            state
                .services
                .declare_conflict(&user, id, grounds, &form.reason)
                .await
        }
        None => Err(prisverdig_domain::ValidationError::new("grounds", "error-choose-one").into()),
    };
    match outcome {
        Ok(()) => Ok(see_other(&format!("/jury/applications/{id}"))),
        Err(e) => {
            let mut errors = form_errors(shell.locale, e)?;
            errors.retarget("conflict", "grounds");
            let page = state.services.review_page(&user, id).await?;
            let mut page = view(shell, page, None, errors, false);
            page.declare_reason = form.reason;
            Ok(unprocessable(page))
        }
    }
}
