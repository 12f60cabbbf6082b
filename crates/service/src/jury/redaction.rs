//! Blind mode's redacted copy («anonymisert kopi»): an administrator rewrites the free-text
//! answers of a submitted application that name the team or the unit; in a blind category
//! every page of the jury shows the copy (the panel's titles and summaries, the review page's
//! answers), while the original stays as the team wrote it everywhere else. The rules of the
//! copy are in `prisverdig_domain::jury::redaction`.

use super::Panel;
use crate::admin::record;
use crate::{Result, ServiceError, Services};
use prisverdig_domain::application_form::ApplicationForm;
use prisverdig_domain::jury::redaction::{self as rules, Problem, TextField};
use prisverdig_domain::role::Role;
use prisverdig_store::applications;
use prisverdig_store::categories::{self, CategoryContext};
use prisverdig_store::criteria::{self, CriterionRow};
use prisverdig_store::jury::{self, JuryApplication};
use prisverdig_store::questions::{self, QuestionRow};
use prisverdig_store::redactions;
use prisverdig_store::users::User;
use std::collections::{BTreeMap, HashMap};
use time::OffsetDateTime;
use uuid::Uuid;

/// A category's submitted applications with the time their copy was last written.
pub struct RedactionList {
    pub category: CategoryContext,
    pub blind: bool,
    pub applications: Vec<(JuryApplication, Option<OffsetDateTime>)>,
}

/// One application's copy, for the administrator writing it.
pub struct RedactionPage {
    pub category: CategoryContext,
    pub blind: bool,
    pub application_id: Uuid,
    /// The title as the team wrote it.
    pub title: String,
    /// (field, as written, as the jury reads it)
    pub fields: Vec<(TextField, String, String)>,
    pub criteria: Vec<CriterionRow>,
    pub questions: Vec<QuestionRow>,
    /// The copy's version; `None` until one is written.
    pub version: Option<i64>,
    /// No copy is written yet: the texts shown are a suggestion (the team's and the unit's
    /// names replaced), stored only when saved.
    pub suggested: bool,
}

fn require_admin(user: &User) -> Result<()> {
    match user.has(Role::Administrator) {
        true => Ok(()),
        false => Err(ServiceError::Forbidden),
    }
}

impl Services {
    /// The applications an administrator may write a copy of (the submitted ones).
    #[tracing::instrument(skip_all)]
    pub async fn redactions(&self, user: &User, category: Uuid) -> Result<RedactionList> {
        require_admin(user)?;
        let context = categories::context(&self.db, category)
            .await?
            .ok_or(ServiceError::NotFound)?;
        let state = jury::state(&self.db, category)
            .await?
            .ok_or(ServiceError::NotFound)?;
        let written: HashMap<Uuid, OffsetDateTime> = redactions::of_category(&self.db, category)
            .await?
            .into_iter()
            .map(|r| (r.application_id, r.updated_at))
            .collect();
        // The titles as written: the panel's are the copy's in a blind category.
        let applications = jury::applications(&self.db, category, None)
            .await?
            .into_iter()
            .map(|a| {
                let at = written.get(&a.id).copied();
                (a, at)
            })
            .collect();
        Ok(RedactionList {
            category: context,
            blind: state.blind,
            applications,
        })
    }

    #[tracing::instrument(skip_all)]
    pub async fn redaction_page(&self, user: &User, application: Uuid) -> Result<RedactionPage> {
        require_admin(user)?;
        let panel = self.panel_of(application).await?;
        panel.application(application)?;
        let original = self.original_form(application).await?;
        let stored = redactions::get(&self.db, application).await?;
        let copy = match &stored {
            Some(r) => r.texts.0.clone(),
            None => self.suggestion(application, &original).await?,
        };
        let shown = rules::apply(&original, &copy);
        let shown_fields = rules::fields(&shown);
        let fields = rules::fields(&original)
            .into_iter()
            .map(|(f, text)| {
                let now = shown_fields
                    .iter()
                    .find(|(g, _)| *g == f)
                    .map(|(_, t)| t.clone())
                    .unwrap_or_default();
                (f, text, now)
            })
            .collect();
        Ok(RedactionPage {
            criteria: criteria::of_category(&self.db, panel.category.id).await?,
            questions: questions::of_category(&self.db, panel.category.id).await?,
            blind: panel.state.blind,
            category: panel.category,
            application_id: application,
            title: original.title,
            fields,
            suggested: stored.is_none(),
            version: stored.map(|r| r.version),
        })
    }

    /// A first copy: the team's names and the applying unit's path hidden as words.
    async fn suggestion(
        &self,
        application: Uuid,
        original: &ApplicationForm,
    ) -> Result<BTreeMap<String, String>> {
        let row = applications::find(&self.db, application)
            .await?
            .ok_or(ServiceError::NotFound)?;
        let mut names = self.team_names(&row).await?;
        names.extend(row.unit_snapshot.0.iter().cloned());
        Ok(rules::suggest(original, &names).into_iter().collect())
    }

    /// Saves the copy (only the texts that differ from the original), version-checked and
    /// audited. The problems come back at their field's key.
    #[tracing::instrument(skip_all)]
    pub async fn save_redaction(
        &self,
        user: &User,
        application: Uuid,
        version: Option<i64>,
        typed: &[(String, String)],
    ) -> Result<std::result::Result<i64, Vec<Problem>>> {
        require_admin(user)?;
        let panel = self.panel_of(application).await?;
        panel.application(application)?;
        let original = self.original_form(application).await?;
        let copy = match rules::check(&original, typed) {
            Ok(copy) => copy,
            Err(problems) => return Ok(Err(problems)),
        };
        let now = self.clock.now();
        let mut tx = self.db.begin().await?;
        let saved = redactions::put(&mut tx, now, application, version, &copy, user.id).await?;
        let fields: Vec<&String> = copy.keys().collect();
        let detail = serde_json::json!({ "fields": fields, "version": saved });
        let entity = ("application", application);
        record(&mut tx, now, user, "jury.redaction", entity, detail).await?;
        tx.commit().await?;
        Ok(Ok(saved))
    }

    async fn original_form(&self, application: Uuid) -> Result<ApplicationForm> {
        let row = applications::find(&self.db, application)
            .await?
            .ok_or(ServiceError::NotFound)?;
        let continues = applications::continues(&self.db, application).await?;
        Ok(crate::apply::form_of(&row, continues))
    }
}

/// In a blind category, the panel's titles and summaries become the copies'.
pub(crate) async fn redact_panel(services: &Services, panel: &mut Panel) -> Result<()> {
    if !panel.state.blind {
        return Ok(());
    }
    let copies: HashMap<Uuid, BTreeMap<String, String>> =
        redactions::of_category(&services.db, panel.category.id)
            .await?
            .into_iter()
            .map(|r| (r.application_id, r.texts.0))
            .collect();
    for app in &mut panel.applications {
        if let Some(copy) = copies.get(&app.id) {
            if let Some(title) = copy.get(&TextField::Title.key()) {
                app.title.clone_from(title);
            }
            if let Some(summary) = copy.get(&TextField::Summary.key()) {
                app.summary.clone_from(summary);
            }
        }
    }
    Ok(())
}

/// The copy of one application laid over `form`, in a blind category.
pub(crate) async fn redact_form(
    services: &Services,
    panel: &Panel,
    application: Uuid,
    form: &ApplicationForm,
) -> Result<ApplicationForm> {
    if !panel.state.blind {
        return Ok(form.clone());
    }
    Ok(match redactions::get(&services.db, application).await? {
        Some(r) => rules::apply(form, &r.texts.0),
        None => form.clone(),
    })
}
