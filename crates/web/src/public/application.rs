//! An application's public page: everything public about the innovation.

use crate::error::WebError;
use crate::format::date_time;
use crate::layout::{FormErrors, Shell};
use crate::state::AppState;
use crate::story_teaser::StoryTeaser;
use askama::Template;
use askama_web::WebTemplate;
use axum::extract::{Path, State};
use prisverdig_domain::follow_up::InUse;
use prisverdig_domain::outcome::Outcome;
use prisverdig_service::catalogue::Surroundings;
use prisverdig_service::model::{Attachment, Endorsement};
use prisverdig_service::peoples_choice::PeoplesChoice;
use uuid::Uuid;

/// «I bruk etter ett år»: the team's answer to the follow-up, with its date.
pub struct Lasting {
    status: &'static str,
    answered: String,
    spread: String,
    changed: String,
}

#[derive(Template, WebTemplate)]
#[template(path = "public/application.html")]
pub struct ApplicationPage {
    shell: Shell,
    lasting: Option<Lasting>,
    title: String,
    summary: String,
    unit: String,
    category: String,
    year: i64,
    /// (heading, sanitised HTML) in the order of the form.
    sections: Vec<(String, String)>,
    /// (criterion, sanitised HTML answer)
    criteria: Vec<(String, String)>,
    images: Vec<Attachment>,
    documents: Vec<Attachment>,
    id: Uuid,
    around: Surroundings,
    /// Units to adopt on behalf of, when someone is signed in.
    units: Option<Vec<(Uuid, String)>>,
    errors: FormErrors,
    note: String,
    /// «Omtalt i Tanketanken»: public stories about this application.
    stories: Vec<StoryTeaser>,
    /// The names of the people behind it.
    team: Vec<String>,
    /// Further units of the organisation behind it.
    other_units: Vec<String>,
    /// Partners outside the organisation.
    outside_partners: Vec<String>,
    /// «Forankret i linjen»: the leaders who stand behind it.
    endorsements: Vec<Endorsement>,
    /// The visitor leads the application's unit (or one above it).
    may_endorse: bool,
    endorsed_by_me: bool,
    /// The endorsement note as last written (kept when it was refused).
    pub(super) endorsement_note: String,
    /// «Folkets favoritt», when the category has it.
    peoples_choice: Option<PeoplesChoice>,
    /// «12 stemmer», once the results are public.
    votes_text: Option<String>,
    /// The visitor's vote is on this application.
    voted_here: bool,
}

impl ApplicationPage {
    pub fn outcome_key(&self, kind: &Outcome) -> &'static str {
        crate::format::badge_key(*kind)
    }

    pub fn has_links(&self) -> bool {
        self.around.source.is_some()
            || !self.around.continues.is_empty()
            || !self.around.continued_by.is_empty()
    }
}

pub async fn show(
    State(state): State<AppState>,
    shell: Shell,
    Path(id): Path<Uuid>,
) -> Result<ApplicationPage, WebError> {
    page(&state, shell, id, FormErrors::default(), String::new()).await
}

/// The page, with the adoption form's errors and note when it was refused.
pub async fn page(
    state: &AppState,
    shell: Shell,
    id: Uuid,
    errors: FormErrors,
    note: String,
) -> Result<ApplicationPage, WebError> {
    let p = state.services.public_application(id).await?;
    let around = state.services.surroundings(id, shell.user.as_ref()).await?;
    let units = match &shell.user {
        Some(_) => Some(
            state
                .services
                .units_with_paths()
                .await?
                .into_iter()
                .map(|(u, path)| (u, path.join(" › ")))
                .collect(),
        ),
        None => None,
    };
    let public = crate::answers::public(
        &p.form,
        &p.application.origin_note,
        &p.criteria,
        &p.questions,
    );
    let sections = crate::answers::sections(shell.locale, &p.form, &public, &p.questions);
    let criteria = crate::answers::criteria(&public, &p.criteria);
    let (images, documents) = state
        .services
        .attachments(id)
        .await?
        .into_iter()
        .partition(|f| f.thumbnail_key.is_some());
    let stories = StoryTeaser::all(shell.locale, state.services.stories_about(id).await?);
    let endorsements = state.services.endorsements(id).await?;
    let (may_endorse, mine) = match &shell.user {
        Some(user) => (
            state.services.may_endorse(user, id).await?,
            endorsements.iter().find(|e| e.user_id == user.id),
        ),
        None => (false, None),
    };
    let peoples_choice = state
        .services
        .peoples_choice(shell.user.as_ref(), id)
        .await?;
    let votes_text = peoples_choice
        .as_ref()
        .and_then(|pc| pc.count)
        .map(|n| shell.locale.t_args("vote-count", &[("count", n.into())]));
    let voted_here = peoples_choice
        .as_ref()
        .and_then(|pc| pc.mine.as_ref())
        .is_some_and(|m| m.id == id);
    let (endorsed_by_me, endorsement_note) = (
        mine.is_some(),
        mine.map(|e| e.note.clone()).unwrap_or_default(),
    );
    let lasting = state.services.lasting(id).await?.and_then(|f| {
        let answer = f.answer?;
        Some(Lasting {
            status: match answer.in_use {
                InUse::Yes => "lasting-yes",
                InUse::Partly => "lasting-partly",
                InUse::No => "lasting-no",
            },
            answered: shell.locale.t_args(
                "lasting-answered",
                &[("date", date_time(shell.locale, f.answered_at?).into())],
            ),
            spread: answer.spread,
            changed: answer.changed,
        })
    });
    Ok(ApplicationPage {
        lasting,
        peoples_choice,
        votes_text,
        voted_here,
        stories,
        endorsements,
        may_endorse,
        endorsed_by_me,
        endorsement_note,
        team: p.team.clone(),
        other_units: p.collaborators.units.clone(),
        outside_partners: p.collaborators.outside_partners.clone(),
        title: p.form.title.clone(),
        summary: p.form.summary.clone(),
        unit: p.application.unit_snapshot.0.join(" › "),
        category: p.category.name.clone(),
        year: p.category.round_year,
        sections,
        criteria,
        images,
        documents,
        id,
        around,
        units,
        errors,
        note,
        shell,
    })
}
