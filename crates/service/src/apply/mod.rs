//! The applicant's journey: start an application, save drafts, submit, withdraw, and the
//! team that writes it. Every change checks access (owner or team member) and the
//! category's deadline on the server, whatever the client sends.

mod attachments;
mod convert;
mod team;

pub(crate) use attachments::checked_upload;
pub use attachments::{MAX_ATTACHMENTS, Upload};

pub use convert::{form_of, units_with_paths};

use crate::{Result, ServiceError, Services};
use prisverdig_domain::ValidationError;
use prisverdig_domain::application::ApplicationState;
use prisverdig_domain::application::rules::{Timing, may_change};
use prisverdig_domain::application_form::{ApplicationForm, FormRules};
use prisverdig_domain::category::{CategoryKind, is_accepting};
use prisverdig_store::applications::{
    self, ApplicationRow, Content, NewApplication, Pickable, TeamMember,
};
use prisverdig_store::audit;
use prisverdig_store::categories::{self, CategoryContext};
use prisverdig_store::criteria::{self, CriterionRow};
use prisverdig_store::questions::{self, QuestionRow};
use prisverdig_store::users::User;
use uuid::Uuid;

/// What the edit page shows.
pub struct Editable {
    pub application: ApplicationRow,
    pub attachments: Vec<prisverdig_store::attachments::Attachment>,
    pub form: ApplicationForm,
    pub category: CategoryContext,
    pub criteria: Vec<CriterionRow>,
    pub questions: Vec<QuestionRow>,
    pub team: Vec<TeamMember>,
    pub is_owner: bool,
    /// Why changes are refused now, if they are.
    pub locked: Option<ValidationError>,
    pub pickable: Vec<Pickable>,
}

/// What a save stored: the new version, and the fields it could not store.
#[derive(Debug)]
pub struct Saved {
    pub version: i64,
    /// Problems of fields whose earlier value was kept; empty when everything was stored
    /// (and, for a submit, when the application was complete).
    pub problems: Vec<ValidationError>,
    /// Whether this save submitted the application.
    pub submitted: bool,
}

/// Save the draft as it is, or submit it (which checks everything).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Intent {
    Save,
    Submit,
}

pub fn timing(now: time::OffsetDateTime, c: &CategoryContext) -> Timing {
    Timing {
        now,
        round_state: c.round_state,
        deadline: c.deadline,
        extended: c.extended_deadline,
    }
}

impl Services {
    /// Categories that accept applications now.
    #[tracing::instrument(skip_all)]
    pub async fn open_categories(&self) -> Result<Vec<CategoryContext>> {
        let now = self.clock.now();
        let all = categories::open(&self.db).await?;
        Ok(all
            .into_iter()
            .filter(|c| is_accepting(now, c.deadline, c.extended_deadline))
            .collect())
    }

    /// Starts a draft in an open category on behalf of a unit.
    #[tracing::instrument(skip_all)]
    pub async fn start_application(
        &self,
        user: &User,
        category_id: Uuid,
        unit_id: Uuid,
    ) -> Result<Uuid> {
        let category = categories::context(&self.db, category_id)
            .await?
            .ok_or(ServiceError::NotFound)?;
        let now = self.clock.now();
        may_change(ApplicationState::Draft, timing(now, &category))?;
        let units = units_with_paths(&self.db).await?;
        let (_, path) = units
            .into_iter()
            .find(|(id, _)| *id == unit_id)
            .ok_or(ValidationError::new("unit", "error-choose-one"))?;
        let answers = serde_json::to_value(prisverdig_domain::application_form::Answers::default())
            .map_err(|e| ServiceError::internal("encoding empty answers", e))?;
        let mut tx = self.db.begin().await?;
        let new = NewApplication {
            category_id,
            unit_id,
            owner_id: user.id,
            state: ApplicationState::Draft,
            title: "",
            summary: "",
            answers: &answers,
            unit_snapshot: &path,
            idea_origin: None,
            origin_note: "",
            submitted_at: None,
            withdrawn_at: None,
        };
        let id = applications::insert(&mut tx, now, new).await?;
        let detail = serde_json::json!({ "category": category_id, "unit": unit_id });
        audit::record(
            &mut tx,
            now,
            audit::AuditEntry {
                actor: Some(user.id),
                action: "application.start",
                entity: "application",
                entity_id: Some(id),
                detail,
            },
        )
        .await?;
        tx.commit().await?;
        Ok(id)
    }

    /// Loads an application for its team; anyone else gets `Forbidden`.
    pub(crate) async fn for_team(
        &self,
        user: &User,
        id: Uuid,
    ) -> Result<(ApplicationRow, CategoryContext)> {
        let row = applications::find(&self.db, id)
            .await?
            .ok_or(ServiceError::NotFound)?;
        if !applications::is_on_team(&self.db, id, user.id, &user.email).await? {
            return Err(ServiceError::Forbidden);
        }
        let category = categories::context(&self.db, row.category_id)
            .await?
            .ok_or(ServiceError::NotFound)?;
        Ok((row, category))
    }

    #[tracing::instrument(skip_all)]
    pub async fn editable(&self, user: &User, id: Uuid) -> Result<Editable> {
        let (application, category) = self.for_team(user, id).await?;
        let continues = applications::continues(&self.db, id).await?;
        let form = form_of(&application, continues);
        let locked = may_change(application.state, timing(self.clock.now(), &category)).err();
        Ok(Editable {
            criteria: criteria::of_category(&self.db, category.id).await?,
            questions: questions::of_category(&self.db, category.id).await?,
            team: applications::team(&self.db, id).await?,
            attachments: prisverdig_store::attachments::for_application(&self.db, id).await?,
            is_owner: application.owner_id == user.id,
            pickable: applications::pickable(&self.db, self.clock.now(), id).await?,
            locked,
            form,
            application,
            category,
        })
    }

    /// Saves (and with [`Intent::Submit`] submits) the form, if nobody saved since
    /// `version`. A draft stores every field that passes its rules and keeps the earlier
    /// value of each that does not ([`Saved::problems`] says which); a submit that is not
    /// complete still stores the draft. A submitted application must stay complete, so
    /// a save of it is stored whole or not at all.
    #[tracing::instrument(skip_all)]
    pub async fn save_application(
        &self,
        user: &User,
        id: Uuid,
        version: i64,
        form: ApplicationForm,
        intent: Intent,
    ) -> Result<Saved> {
        let (row, category) = self.for_team(user, id).await?;
        let now = self.clock.now();
        let state = row.state;
        may_change(state, timing(now, &category))?;
        let kind = category.kind;
        let criteria_count = criteria::of_category(&self.db, category.id).await?.len();
        let questions = questions::of_category(&self.db, category.id).await?;
        let mut form = form;
        form.fit_to(kind, criteria_count);
        // Answers only to this category's own questions.
        form.answers
            .questions
            .retain(|q, _| questions.iter().any(|own| own.id == *q));
        let full = state == ApplicationState::Submitted;
        let mut problems;
        if full {
            problems = self
                .check_complete(&form, &category, criteria_count)
                .await?;
            problems.extend(self.reference_problems(&form, id).await?);
            if !problems.is_empty() {
                return Err(ServiceError::Invalid(problems));
            }
        } else {
            let typed = form.clone();
            let stored = form_of(&row, applications::continues(&self.db, id).await?);
            problems = form.keep_storable(&stored);
            for p in self.reference_problems(&form, id).await? {
                form.restore(p.field, &stored);
                problems.push(p);
            }
            if intent == Intent::Submit {
                let mut complete = self
                    .check_complete(&typed, &category, criteria_count)
                    .await?;
                complete.retain(|c| !problems.iter().any(|p| p.field == c.field));
                problems.extend(complete);
            }
        }
        let submitting =
            intent == Intent::Submit && state == ApplicationState::Draft && problems.is_empty();
        let version = self
            .store_form(user, (&row, kind), version, &form, submitting)
            .await?;
        Ok(Saved {
            version,
            problems,
            submitted: submitting,
        })
    }

    /// Writes the checked form (and the submission) in one transaction with its audit row.
    async fn store_form(
        &self,
        user: &User,
        (row, kind): (&ApplicationRow, CategoryKind),
        version: i64,
        form: &ApplicationForm,
        submitting: bool,
    ) -> Result<i64> {
        let (id, now) = (row.id, self.clock.now());
        let public = submitting || row.state == ApplicationState::Submitted;
        let answers = serde_json::to_value(&form.answers)
            .map_err(|e| ServiceError::internal("encoding the answers", e))?;
        let content = Content {
            title: form.title.trim(),
            summary: form.summary.trim(),
            answers: &answers,
            idea_origin: form.idea_origin.map_or("", |o| o.as_str()),
            source_application_id: form.source_application,
        };
        // Read before the write transaction: a pool connection wanted while holding SQLite's
        // write lock can deadlock against writers queued on the same pool.
        let path = match submitting {
            true => units_with_paths(&self.db)
                .await?
                .into_iter()
                .find(|(u, _)| *u == row.unit_id)
                .map(|(_, p)| p),
            false => None,
        };
        let unit_chain = match submitting {
            true => {
                let parents = prisverdig_store::organisation::parents(&self.db).await?;
                Some(prisverdig_domain::unit::chain(
                    row.unit_id,
                    &parents.into_iter().collect(),
                ))
            }
            false => None,
        };
        let receipt = match submitting {
            true => Some(self.receipt_context(row.category_id).await?),
            false => None,
        };
        let mut tx = self.db.begin().await?;
        let mut new_version =
            applications::update_content(&mut tx, now, id, version, content).await?;
        applications::set_continues(&mut tx, id, &form.continues).await?;
        applications::clear_adoption_by(&mut tx, id).await?;
        if submitting {
            new_version = applications::set_state(
                &mut tx,
                now,
                id,
                new_version,
                ApplicationState::Submitted,
                path.as_deref(),
            )
            .await?;
            if let Some(chain) = &unit_chain {
                applications::set_unit_chain(&mut tx, id, chain).await?;
            }
            if let Some((from, category)) = &receipt {
                self.queue_receipts(&mut tx, now, (from, category), id)
                    .await?;
            }
        }
        // Only a submitted «Stjæl med stil» application records the adoption it names.
        if let Some(source) = form
            .source_application
            .filter(|_| public && kind == CategoryKind::Steal)
        {
            applications::add_adoption(&mut tx, now, source, id, row.unit_id).await?;
        }
        let action = if submitting {
            "application.submit"
        } else {
            "application.save"
        };
        let detail = serde_json::json!({ "version": new_version });
        let entry = audit::AuditEntry {
            actor: Some(user.id),
            action,
            entity: "application",
            entity_id: Some(id),
            detail,
        };
        audit::record(&mut tx, now, entry).await?;
        if public {
            self.commit_public(tx).await?;
            self.reindex_soon(id);
        } else {
            tx.commit().await?;
        }
        Ok(new_version)
    }

    async fn check_complete(
        &self,
        form: &ApplicationForm,
        category: &CategoryContext,
        criteria_count: usize,
    ) -> Result<Vec<ValidationError>> {
        let questions: Vec<(Uuid, bool)> = questions::of_category(&self.db, category.id)
            .await?
            .into_iter()
            .map(|q| (q.id, q.required))
            .collect();
        let rules = FormRules {
            kind: category.kind,
            criteria_count,
            questions: &questions,
        };
        Ok(form.check_complete(&rules))
    }

    /// The named source and earlier applications must exist and be public now (one that is
    /// still hidden can be named once it is public).
    async fn reference_problems(
        &self,
        form: &ApplicationForm,
        id: Uuid,
    ) -> Result<Vec<ValidationError>> {
        if form.source_application.is_none() && form.continues.is_empty() {
            return Ok(Vec::new());
        }
        let pickable: Vec<Uuid> = applications::pickable(&self.db, self.clock.now(), id)
            .await?
            .into_iter()
            .map(|p| p.id)
            .collect();
        let mut problems = Vec::new();
        if form
            .source_application
            .is_some_and(|s| !pickable.contains(&s))
        {
            problems.push(ValidationError::new("source", "error-choose-one"));
        }
        if form.continues.iter().any(|c| !pickable.contains(c)) {
            problems.push(ValidationError::new("continues", "error-choose-one"));
        }
        Ok(problems)
    }

    /// Withdraws a submitted application or abandons a draft.
    #[tracing::instrument(skip_all)]
    pub async fn withdraw_application(&self, user: &User, id: Uuid, version: i64) -> Result<()> {
        let (row, category) = self.for_team(user, id).await?;
        let now = self.clock.now();
        may_change(row.state, timing(now, &category))?;
        let mut tx = self.db.begin().await?;
        applications::set_state(&mut tx, now, id, version, ApplicationState::Withdrawn, None)
            .await?;
        applications::clear_adoption_by(&mut tx, id).await?;
        let detail = serde_json::json!({ "from": row.state });
        audit::record(
            &mut tx,
            now,
            audit::AuditEntry {
                actor: Some(user.id),
                action: "application.withdraw",
                entity: "application",
                entity_id: Some(id),
                detail,
            },
        )
        .await?;
        self.commit_public(tx).await?;
        self.reindex_soon(id);
        Ok(())
    }

    #[tracing::instrument(skip_all)]
    pub async fn my_applications(&self, user: &User) -> Result<Vec<applications::MyApplication>> {
        Ok(applications::for_user(&self.db, user.id, &user.email).await?)
    }
}

impl Services {
    /// Applications one may name as the source of a stolen idea, narrowed by a search as
    /// the applicant types (all of them when `text` is empty).
    #[tracing::instrument(skip_all)]
    pub async fn source_candidates(
        &self,
        user: &User,
        id: Uuid,
        text: &str,
    ) -> Result<Vec<Pickable>> {
        self.for_team(user, id).await?;
        let all = applications::pickable(&self.db, self.clock.now(), id).await?;
        if text.trim().is_empty() {
            return Ok(all);
        }
        let query = crate::search::SearchQuery {
            text: text.to_string(),
            page: 1,
            per_page: 50,
            ..Default::default()
        };
        let hits: Vec<Uuid> = self
            .search(query)
            .await?
            .hits
            .into_iter()
            .map(|h| h.id)
            .collect();
        let mut found: Vec<Pickable> = all.into_iter().filter(|p| hits.contains(&p.id)).collect();
        found.sort_by_key(|p| hits.iter().position(|h| *h == p.id));
        Ok(found)
    }
}
