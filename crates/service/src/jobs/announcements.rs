//! The messages scheduled jobs write: reminders to teams with drafts before a deadline, the
//! nominated teams at the nominees' minute, every team (and the jury's feedback) at the
//! results' minute, and jurors with reviews not yet submitted before the jury publishes.
//! Each message has a key of its job, application and address, so none is written twice.

use super::Planned;
use crate::mail::{Recipient, Sender, letters};
use crate::{Result, Services};
use prisverdig_domain::jury::ReviewState;
use prisverdig_store::categories::{self, CategoryContext};
use prisverdig_store::mail_audience::{self, TeamAddress};
use prisverdig_store::{decisions, reviews, rounds};
use std::collections::HashMap;
use uuid::Uuid;

fn team_recipient(t: &TeamAddress) -> Recipient {
    Recipient::user_or_address(t.user_id, &t.email, t.locale.as_deref())
}

fn key(what: &str, application: Uuid, email: &str) -> Option<String> {
    Some(format!("{what}/{application}/{}", email.to_lowercase()))
}

impl Services {
    async fn category_of_job(&self, category: Uuid) -> Result<CategoryContext> {
        categories::context(&self.db, category)
            .await?
            .ok_or(crate::ServiceError::NotFound)
    }

    /// Teams whose application in the category is still a draft, `days` before the deadline.
    pub(super) async fn plan_draft_reminders(
        &self,
        from: &Sender,
        category: Uuid,
        days: i64,
    ) -> Result<Vec<Planned>> {
        let c = self.category_of_job(category).await?;
        let deadline = c.extended_deadline.unwrap_or(c.deadline);
        let mut planned = Vec::new();
        for t in mail_audience::teams(&self.db, category, "draft").await? {
            let to = team_recipient(&t);
            let path = format!("/applications/{}/edit", t.application_id);
            let letter = letters::deadline_reminder(
                to.language,
                from,
                (&t.title, &c.name),
                (deadline, days),
                &path,
            );
            let dedupe = key(
                &format!("reminder-{days}-{deadline}"),
                t.application_id,
                &t.email,
            );
            planned.push(Planned::new(to.clone(), letter, dedupe));
        }
        Ok(planned)
    }

    /// The nominated teams, at the nominees' minute.
    pub(super) async fn plan_nominees(
        &self,
        from: &Sender,
        category: Uuid,
    ) -> Result<Vec<Planned>> {
        let c = self.category_of_job(category).await?;
        let ceremony = rounds::get(&self.db, c.round_id)
            .await?
            .and_then(|r| r.ceremony_at);
        let nominated: Vec<Uuid> = decisions::of_category(&self.db, category)
            .await?
            .into_iter()
            .filter(|d| d.nominated)
            .map(|d| d.application_id)
            .collect();
        let mut planned = Vec::new();
        for t in mail_audience::teams(&self.db, category, "submitted").await? {
            if !nominated.contains(&t.application_id) {
                continue;
            }
            let to = team_recipient(&t);
            let path = format!("/applications/{}", t.application_id);
            let letter = letters::nominees_announced(
                to.language,
                from,
                (&t.title, &c.name),
                ceremony,
                &path,
            );
            let dedupe = key("nominees", t.application_id, &t.email);
            planned.push(Planned::new(to.clone(), letter, dedupe));
        }
        Ok(planned)
    }

    /// Every team with a submitted application, at the results' minute: their outcome with the
    /// jury's justification, and a note when the jury's feedback can be read.
    pub(super) async fn plan_results(&self, from: &Sender, category: Uuid) -> Result<Vec<Planned>> {
        let c = self.category_of_job(category).await?;
        let decided: HashMap<Uuid, decisions::DecisionRow> =
            decisions::of_category(&self.db, category)
                .await?
                .into_iter()
                .map(|d| (d.application_id, d))
                .collect();
        let with_feedback: Vec<Uuid> = decisions::feedback_of_category(&self.db, category)
            .await?
            .into_iter()
            .filter(|f| !f.text.trim().is_empty())
            .map(|f| f.application_id)
            .collect();
        let mut planned = Vec::new();
        for t in mail_audience::teams(&self.db, category, "submitted").await? {
            let to = team_recipient(&t);
            let outcome = decided
                .get(&t.application_id)
                .map(|d| (d.kind, d.justification.as_str()));
            let public = format!("/applications/{}", t.application_id);
            let letter = letters::results_published(
                to.language,
                from,
                (&t.title, &c.name),
                outcome,
                &public,
            );
            let dedupe = key("results", t.application_id, &t.email);
            planned.push(Planned::new(to.clone(), letter, dedupe));
            if with_feedback.contains(&t.application_id) {
                let receipt = format!("/applications/{}/receipt", t.application_id);
                let letter = letters::feedback_ready(to.language, from, &t.title, &receipt);
                let dedupe = key("feedback", t.application_id, &t.email);
                planned.push(Planned::new(to.clone(), letter, dedupe));
            }
        }
        Ok(planned)
    }

    /// Jurors with reviews that count and are not submitted, `days` before the jury's first
    /// publication minute.
    pub(super) async fn plan_jury_reminders(
        &self,
        from: &Sender,
        category: Uuid,
        days: i64,
    ) -> Result<Vec<Planned>> {
        let panel = self.panel(category, None).await?;
        let submitted: Vec<(Uuid, Uuid)> = reviews::of_category(&self.db, category)
            .await?
            .into_iter()
            .filter(|r| r.state == ReviewState::Submitted)
            .map(|r| (r.application_id, r.juror_id))
            .collect();
        let publication = [panel.state.nominees_at, panel.state.results_at]
            .into_iter()
            .flatten()
            .min();
        let Some(publication) = publication else {
            return Ok(Vec::new());
        };
        let ids: Vec<Uuid> = panel.members.iter().map(|m| m.user_id).collect();
        let mut planned = Vec::new();
        for person in mail_audience::people(&self.db, &ids).await? {
            let missing = panel
                .applications
                .iter()
                .filter(|a| panel.counts(a.id, person.id))
                .filter(|a| !submitted.contains(&(a.id, person.id)))
                .count();
            if missing == 0 {
                continue;
            }
            let to = Recipient::user(person.id, &person.email, person.locale.as_deref());
            let letter = letters::jury_reminder(
                to.language,
                from,
                &panel.category.name,
                i64::try_from(missing).unwrap_or(i64::MAX),
                publication,
            );
            let dedupe = key(
                &format!("jury-reminder-{days}-{publication}"),
                category,
                &person.email,
            );
            planned.push(Planned::new(to.clone(), letter, dedupe));
        }
        Ok(planned)
    }
}
