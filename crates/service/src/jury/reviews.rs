//! A juror's work: the list of what they review, the review page (the application, their
//! scores, and the others' once their own is submitted), saving, submitting and reopening.

use super::{Panel, visible_to};
use crate::admin::record;
use crate::{Result, ServiceError, Services};
use prisverdig_domain::ValidationError;
use prisverdig_domain::jury::conflict::{Grounds, Source, Status};
use prisverdig_domain::jury::review::{self, Entry, Problem};
use prisverdig_domain::jury::{Access, JuryRole, Progress, ReviewState, sees_others};
use prisverdig_store::applications::{self, ApplicationRow};
use prisverdig_store::categories::CategoryContext;
use prisverdig_store::criteria::{self, CriterionRow};
use prisverdig_store::jury::{self, JuryApplication, Seat};
use prisverdig_store::questions::{self, QuestionRow};
use prisverdig_store::reviews::{self, ReviewContent, ReviewRow, ScoreRow};
use prisverdig_store::users::User;
use uuid::Uuid;

/// One seat of the juror with what they review in it.
pub struct JurySeat {
    pub seat: Seat,
    /// The category's (extended) deadline has passed: the jury may work.
    pub open: bool,
    /// Chair or deputy: the overview is theirs.
    pub leads: bool,
    pub deadline: time::OffsetDateTime,
    pub applications: Vec<(JuryApplication, Progress)>,
}

/// A juror's own conflict on an application, as their page tells it.
pub struct OwnConflict {
    pub grounds: Grounds,
    /// `None` for one the rules found.
    pub source: Option<Source>,
    pub status: Status,
    pub binds: bool,
}

/// The review page.
pub struct ReviewPage {
    pub application: ApplicationRow,
    /// Its answers, as the form holds them.
    pub form: prisverdig_domain::application_form::ApplicationForm,
    pub category: CategoryContext,
    pub criteria: Vec<CriterionRow>,
    pub questions: Vec<QuestionRow>,
    pub team: Vec<String>,
    pub role: JuryRole,
    pub access: Access,
    pub own: Option<ReviewRow>,
    /// The others' submitted reviews with their names, once one's own is submitted.
    pub others: Option<Vec<(String, ReviewRow)>>,
    pub locked: bool,
    pub conflict: Option<OwnConflict>,
    /// «Anonym vurdering»: `team` is empty and the unit left out.
    pub blind: bool,
    /// The jury's discussion of the application, oldest first, when the juror takes part
    /// in it (`discussion`); `None` for a conflicted juror.
    pub discussion: Option<Vec<prisverdig_store::jury_posts::PostRow>>,
}

/// What the juror asks for with a save.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ReviewIntent {
    Save,
    Submit,
    Reopen,
}

/// A stored review.
#[derive(Debug, Clone, Copy)]
pub struct ReviewSaved {
    pub version: i64,
    pub state: ReviewState,
}

/// What a juror sent: a value and a comment per criterion, and the overall comment.
pub struct ReviewInput<'a> {
    pub version: Option<i64>,
    pub entries: &'a [(Uuid, Entry)],
    pub overall: &'a str,
    pub intent: ReviewIntent,
}

fn own_conflict(panel: &Panel, application: Uuid, user: Uuid) -> Option<OwnConflict> {
    if let Some(grounds) = panel.automatic.get(&(application, user)) {
        return Some(OwnConflict {
            grounds: *grounds,
            source: None,
            status: Status::Confirmed,
            binds: true,
        });
    }
    panel
        .conflicts
        .iter()
        .find(|c| c.application_id == application && c.user_id == user)
        .map(|c| OwnConflict {
            grounds: c.grounds,
            source: Some(c.source),
            status: c.status,
            binds: c.status.binds(c.source),
        })
}

impl Services {
    /// Every jury seat of the user with the applications they may see in it.
    #[tracing::instrument(skip_all)]
    pub async fn jury_seats(&self, user: &User) -> Result<Vec<JurySeat>> {
        let now = self.clock.now();
        let mut out = Vec::new();
        for seat in jury::seats_of(&self.db, user.id).await? {
            let panel = self.panel(seat.category_id, None).await?;
            let reviews = reviews::summaries_of_category(&self.db, seat.category_id).await?;
            let visible = visible_to(&panel, now, user.id);
            let applications = panel
                .applications
                .iter()
                .filter(|a| visible.contains(&a.id))
                .map(|a| {
                    let own = reviews
                        .iter()
                        .find(|r| r.application_id == a.id && r.juror_id == user.id)
                        .map(|r| r.state);
                    let conflicted = panel.binds(a.id, user.id);
                    (a.clone(), Progress::of(own, conflicted, true))
                })
                .collect();
            out.push(JurySeat {
                open: panel.is_open(now),
                leads: panel.leads(user.id),
                deadline: prisverdig_domain::category::effective_deadline(
                    panel.category.deadline,
                    panel.category.extended_deadline,
                ),
                seat,
                applications,
            });
        }
        Ok(out)
    }

    /// The review page of one application for a juror who may see it; anyone else gets
    /// «not found», so the page does not tell that the application exists.
    #[tracing::instrument(skip_all)]
    pub async fn review_page(&self, user: &User, application: Uuid) -> Result<ReviewPage> {
        let now = self.clock.now();
        let panel = self.panel_of(application).await?;
        let access = panel.access(now, application, user.id);
        let role = panel.role_of(user.id).ok_or(ServiceError::NotFound)?;
        if access == Access::None {
            return Err(ServiceError::NotFound);
        }
        let row = applications::find(&self.db, application)
            .await?
            .ok_or(ServiceError::NotFound)?;
        let conflict = own_conflict(&panel, application, user.id);
        let continues = applications::continues(&self.db, application).await?;
        let mut page = ReviewPage {
            form: crate::apply::form_of(&row, continues),
            criteria: criteria::of_category(&self.db, panel.category.id).await?,
            questions: questions::of_category(&self.db, panel.category.id).await?,
            team: self.team_names(&row).await?,
            application: row,
            role,
            access,
            own: None,
            others: None,
            locked: panel.locked(),
            conflict,
            blind: panel.state.blind,
            discussion: self.discussion_on_page(&panel, application, user).await?,
            category: panel.category.clone(),
        };
        if page.blind {
            page.team.clear();
            page.application.unit_snapshot.0.clear();
            page.form =
                super::redaction::redact_form(self, &panel, application, &page.form).await?;
            page.application.title.clone_from(&page.form.title);
            page.application.summary.clone_from(&page.form.summary);
        }
        if access == Access::Conflicted {
            return Ok(page);
        }
        let all = reviews::of_application(&self.db, application).await?;
        page.own = all.iter().find(|r| r.juror_id == user.id).cloned();
        if sees_others(access, page.own.as_ref().map(|r| r.state)) {
            let others = all
                .into_iter()
                .filter(|r| {
                    r.juror_id != user.id
                        && r.state == ReviewState::Submitted
                        && panel.counts(application, r.juror_id)
                })
                .map(|r| {
                    let name = panel
                        .members
                        .iter()
                        .find(|m| m.user_id == r.juror_id)
                        .map(|m| m.name.clone())
                        .unwrap_or_default();
                    (name, r)
                })
                .collect();
            page.others = Some(others);
        }
        Ok(page)
    }

    /// Saves, submits or reopens the juror's review. Problems with what was typed come back
    /// at their criterion (`Ok(Err(..))`), and nothing is stored then.
    #[tracing::instrument(skip_all)]
    pub async fn save_review(
        &self,
        user: &User,
        application: Uuid,
        input: ReviewInput<'_>,
    ) -> Result<std::result::Result<ReviewSaved, Vec<Problem>>> {
        let now = self.clock.now();
        let panel = self.panel_of(application).await?;
        match panel.access(now, application, user.id) {
            Access::None => return Err(ServiceError::NotFound),
            Access::Conflicted => return Err(ServiceError::Forbidden),
            Access::Review => {}
        }
        if panel.locked() {
            return Err(ValidationError::new("review", "error-review-locked").into());
        }
        let own = reviews::of_application(&self.db, application)
            .await?
            .into_iter()
            .find(|r| r.juror_id == user.id);
        // Read before the write transaction: on SQLite a pool read while this holds the
        // write lock can wait behind writers queued on the same pool.
        let criteria = criteria::of_category(&self.db, panel.category.id).await?;
        let mut tx = self.db.begin().await?;
        let saved = match input.intent {
            ReviewIntent::Reopen => {
                let own = own.ok_or(ServiceError::Conflict)?;
                let expected = input.version.ok_or(ServiceError::Conflict)?;
                if own.state != ReviewState::Submitted {
                    return Err(ServiceError::Conflict);
                }
                let version =
                    reviews::set_state(&mut tx, now, own.id, expected, ReviewState::Draft).await?;
                let detail = serde_json::json!({ "application": application });
                record(
                    &mut tx,
                    now,
                    user,
                    "review.reopened",
                    ("review", own.id),
                    detail,
                )
                .await?;
                ReviewSaved {
                    version,
                    state: ReviewState::Draft,
                }
            }
            ReviewIntent::Save | ReviewIntent::Submit => {
                if own
                    .as_ref()
                    .is_some_and(|r| r.state == ReviewState::Submitted)
                {
                    return Err(ValidationError::new("review", "error-review-submitted").into());
                }
                let scales: Vec<_> = criteria.iter().map(|c| (c.id, c.scale)).collect();
                let (checked, overall) = match review::check(&scales, input.entries, input.overall)
                {
                    Ok(ok) => ok,
                    Err(problems) => return Ok(Err(problems)),
                };
                let scores: Vec<ScoreRow> = checked
                    .into_iter()
                    .filter(|c| c.value.is_some() || !c.comment.is_empty())
                    .map(|c| ScoreRow {
                        criterion_id: c.criterion,
                        value: c.value,
                        comment: c.comment,
                    })
                    .collect();
                let values: std::collections::HashMap<Uuid, i64> = scores
                    .iter()
                    .filter_map(|s| Some((s.criterion_id, s.value?)))
                    .collect();
                let content = ReviewContent {
                    comment: &overall,
                    scores: &scores,
                    fraction: prisverdig_domain::scoring::review_fraction(
                        &super::overview::scoring_criteria(&criteria),
                        &values,
                    ),
                };
                let (id, mut version) =
                    reviews::save(&mut tx, now, application, user.id, input.version, content)
                        .await?;
                let mut state = ReviewState::Draft;
                if input.intent == ReviewIntent::Submit {
                    version = reviews::set_state(&mut tx, now, id, version, ReviewState::Submitted)
                        .await?;
                    state = ReviewState::Submitted;
                    let values: serde_json::Map<String, serde_json::Value> = scores
                        .iter()
                        .map(|s| (s.criterion_id.to_string(), serde_json::json!(s.value)))
                        .collect();
                    let detail =
                        serde_json::json!({ "application": application, "scores": values });
                    record(
                        &mut tx,
                        now,
                        user,
                        "review.submitted",
                        ("review", id),
                        detail,
                    )
                    .await?;
                }
                ReviewSaved { version, state }
            }
        };
        tx.commit().await?;
        Ok(Ok(saved))
    }
}
