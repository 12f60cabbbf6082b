//! The chair's decisions: nominees, winners and honourable mentions with the jury's
//! justification, the feedback to every application, locking the scores, and publishing
//! the nominees and the results at their minute or at once. Until its minute nothing of a
//! decision is public: the public readers see it only through the store's `outcome_at!`.

use super::require_lead;
use crate::admin::record;
use crate::{Result, ServiceError, Services};
use prisverdig_domain::ValidationError;
use prisverdig_domain::jury::review::{MAX_FEEDBACK_CHARS, MAX_JUSTIFICATION_CHARS, check_text};
use prisverdig_domain::outcome::Outcome;
use prisverdig_store::applications;
use prisverdig_store::decisions::{self, FeedbackRow};
use prisverdig_store::jury::{self, JuryChange, JuryState};
use prisverdig_store::users::User;
use time::OffsetDateTime;
use uuid::Uuid;

/// The jury's word to a team, once the results are public.
pub struct TeamFeedback {
    pub feedback: Option<FeedbackRow>,
    pub outcome: Option<Outcome>,
    pub justification: String,
}

/// When the chair publishes: the nominees' minute and the results' minute (`None`: not
/// scheduled), and the reason when the category ends without a winner.
pub struct Publication<'a> {
    pub nominees_at: Option<OffsetDateTime>,
    pub results_at: Option<OffsetDateTime>,
    pub no_winner_reason: &'a str,
}

/// Only whoever acts as chair for the application decides on it, once the jury may
/// work: to anyone off the jury the application does not exist.
fn acting(panel: &super::Panel, now: OffsetDateTime, application: Uuid, user: &User) -> Result<()> {
    panel.application(application)?;
    if panel.role_of(user.id).is_none() || !panel.is_open(now) {
        Err(ServiceError::NotFound)
    } else if panel.acting_chair(application) != Some(user.id) {
        Err(ServiceError::Forbidden)
    } else {
        Ok(())
    }
}

/// What the acting chair sees when deciding on one application.
pub struct DecisionPage {
    pub application: prisverdig_store::jury::JuryApplication,
    pub category: prisverdig_store::categories::CategoryContext,
    pub decision: Option<prisverdig_store::decisions::DecisionRow>,
    pub feedback: Option<FeedbackRow>,
    /// The jurors' comments from the reviews that count: (name, overall comment, the
    /// comments per criterion).
    pub comments: Vec<(String, String, Vec<String>)>,
    pub results_public: bool,
}

impl Services {
    /// The decision page: only for whoever acts as chair for the application.
    #[tracing::instrument(skip_all)]
    pub async fn decision_page(&self, user: &User, application: Uuid) -> Result<DecisionPage> {
        let now = self.clock.now();
        let panel = self.panel_of(application).await?;
        let app = panel.application(application)?.clone();
        acting(&panel, now, application, user)?;
        let decision = decisions::of_category(&self.db, panel.category.id)
            .await?
            .into_iter()
            .find(|d| d.application_id == application);
        let comments = prisverdig_store::reviews::of_application(&self.db, application)
            .await?
            .into_iter()
            .filter(|r| r.state == prisverdig_domain::jury::ReviewState::Submitted)
            .filter(|r| panel.counts(application, r.juror_id))
            .filter_map(|r| {
                let name = panel
                    .members
                    .iter()
                    .find(|m| m.user_id == r.juror_id)?
                    .name
                    .clone();
                let notes = r
                    .scores
                    .iter()
                    .map(|s| s.comment.clone())
                    .filter(|c| !c.is_empty())
                    .collect();
                Some((name, r.comment, notes))
            })
            .collect();
        Ok(DecisionPage {
            feedback: decisions::feedback(&self.db, application).await?,
            results_public: panel.results_public(now),
            category: panel.category,
            application: app,
            decision,
            comments,
        })
    }

    /// The acting chair for the application (the deputy where the chair is conflicted)
    /// sets, changes or removes (`kind: None`) its decision.
    #[tracing::instrument(skip_all)]
    pub async fn decide_application(
        &self,
        user: &User,
        application: Uuid,
        version: Option<i64>,
        kind: Option<Outcome>,
        justification: &str,
    ) -> Result<()> {
        let now = self.clock.now();
        let panel = self.panel_of(application).await?;
        acting(&panel, now, application, user)?;
        if panel.results_public(now) {
            return Err(ValidationError::new("decision", "error-results-published").into());
        }
        let justification = check_text("justification", justification, MAX_JUSTIFICATION_CHARS)?;
        let mut tx = self.db.begin().await?;
        match (kind, version) {
            (Some(kind), expected) => {
                decisions::set(
                    &mut tx,
                    now,
                    application,
                    expected,
                    kind,
                    &justification,
                    user.id,
                )
                .await?;
            }
            (None, Some(expected)) => decisions::remove(&mut tx, application, expected).await?,
            (None, None) => return Ok(()),
        }
        if let Some(at) = panel.state.results_at {
            decisions::schedule_category(&mut tx, panel.category.id, Some(at)).await?;
        }
        let detail = serde_json::json!({
            "kind": kind.map(Outcome::as_str), "justification": justification,
        });
        record(
            &mut tx,
            now,
            user,
            "decision.set",
            ("application", application),
            detail,
        )
        .await?;
        // A nominee minute already passed shows a new nominee at once.
        self.commit_public(tx).await
    }

    /// The acting chair writes the feedback to an application's team.
    #[tracing::instrument(skip_all)]
    pub async fn write_feedback(
        &self,
        user: &User,
        application: Uuid,
        version: Option<i64>,
        text: &str,
    ) -> Result<i64> {
        let now = self.clock.now();
        let panel = self.panel_of(application).await?;
        acting(&panel, now, application, user)?;
        let text = check_text("feedback", text, MAX_FEEDBACK_CHARS)?;
        let mut tx = self.db.begin().await?;
        let v = decisions::set_feedback(&mut tx, now, application, version, &text, user.id).await?;
        let detail = serde_json::json!({ "length": text.chars().count() });
        record(
            &mut tx,
            now,
            user,
            "feedback.written",
            ("application", application),
            detail,
        )
        .await?;
        tx.commit().await?;
        Ok(v)
    }

    /// The chair or deputy locks the category's scores (no review changes after) or
    /// unlocks them while the results are not public.
    #[tracing::instrument(skip_all)]
    pub async fn lock_scores(
        &self,
        user: &User,
        category: Uuid,
        version: i64,
        lock: bool,
    ) -> Result<()> {
        let now = self.clock.now();
        let panel = self.panel(category, Some(Uuid::nil())).await?;
        require_lead(&panel, user)?;
        if panel.results_public(now) {
            return Err(ValidationError::new("lock", "error-results-published").into());
        }
        let state = &panel.state;
        let change = JuryChange {
            scores_locked_at: lock.then_some(now),
            nominees_at: state.nominees_at,
            results_at: if lock { state.results_at } else { None },
            no_winner_reason: &state.no_winner_reason,
        };
        let mut tx = self.db.begin().await?;
        jury::set_state(&mut tx, category, version, change).await?;
        if !lock {
            decisions::schedule_category(&mut tx, category, None).await?;
        }
        let action = if lock {
            "jury.scores_locked"
        } else {
            "jury.scores_unlocked"
        };
        record(
            &mut tx,
            now,
            user,
            action,
            ("category", category),
            serde_json::json!({}),
        )
        .await?;
        tx.commit().await?;
        Ok(())
    }

    /// The chair or deputy schedules the nominees and the results (a minute in the past
    /// publishes at once). Results need locked scores, and a winner or the reason why
    /// there is none; once public they stay public.
    #[tracing::instrument(skip_all)]
    pub async fn schedule_publication(
        &self,
        user: &User,
        category: Uuid,
        version: i64,
        publication: Publication<'_>,
    ) -> Result<()> {
        let now = self.clock.now();
        let panel = self.panel(category, Some(Uuid::nil())).await?;
        require_lead(&panel, user)?;
        let state = &panel.state;
        if panel.results_public(now) {
            return Err(ValidationError::new("results_at", "error-results-published").into());
        }
        if state.nominees_at.is_some_and(|at| at <= now)
            && publication.nominees_at != state.nominees_at
        {
            return Err(ValidationError::new("nominees_at", "error-nominees-published").into());
        }
        let reason = check_text(
            "no_winner_reason",
            publication.no_winner_reason,
            MAX_JUSTIFICATION_CHARS,
        )?;
        if let Some(results_at) = publication.results_at {
            if publication.nominees_at.is_some_and(|n| n > results_at) {
                return Err(
                    ValidationError::new("nominees_at", "error-nominees-after-results").into(),
                );
            }
            self.results_ready(state, category, &reason).await?;
        }
        let change = JuryChange {
            scores_locked_at: state.scores_locked_at,
            nominees_at: publication.nominees_at,
            results_at: publication.results_at,
            no_winner_reason: &reason,
        };
        let mut tx = self.db.begin().await?;
        jury::set_state(&mut tx, category, version, change).await?;
        decisions::schedule_category(&mut tx, category, publication.results_at).await?;
        let detail = serde_json::json!({
            "nominees_at": publication.nominees_at.map(|t| t.unix_timestamp()),
            "results_at": publication.results_at.map(|t| t.unix_timestamp()),
            "no_winner_reason": reason,
        });
        record(
            &mut tx,
            now,
            user,
            "jury.publication",
            ("category", category),
            detail,
        )
        .await?;
        self.commit_public(tx).await
    }

    /// Results may be published (scheduled, or revealed at the ceremony) once the scores are
    /// locked and there is a winner or the reason why there is none.
    pub(crate) async fn results_ready(
        &self,
        state: &JuryState,
        category: Uuid,
        no_winner_reason: &str,
    ) -> Result<()> {
        if state.scores_locked_at.is_none() {
            return Err(ValidationError::new("results_at", "error-results-need-lock").into());
        }
        let chosen = decisions::of_category(&self.db, category).await?;
        if !chosen.iter().any(|d| d.kind == Outcome::Winner) && no_winner_reason.trim().is_empty() {
            return Err(ValidationError::new("no_winner_reason", "error-no-winner-reason").into());
        }
        Ok(())
    }

    /// What the team of an application hears from the jury: nothing until the results
    /// are public, then the feedback and the decision with its justification.
    #[tracing::instrument(skip_all)]
    pub async fn team_feedback(
        &self,
        user: &User,
        application: Uuid,
    ) -> Result<Option<TeamFeedback>> {
        if !applications::is_on_team(&self.db, application, user.id, &user.email).await? {
            return Err(ServiceError::Forbidden);
        }
        let panel = self.panel_of(application).await?;
        if !panel.results_public(self.clock.now()) {
            return Ok(None);
        }
        let decision = decisions::of_category(&self.db, panel.category.id)
            .await?
            .into_iter()
            .find(|d| d.application_id == application);
        Ok(Some(TeamFeedback {
            feedback: decisions::feedback(&self.db, application).await?,
            outcome: decision.as_ref().map(|d| d.kind),
            justification: decision.map(|d| d.justification).unwrap_or_default(),
        }))
    }
}
