//! «Ble det varig?»: a while after the ceremony every nominated and winning team gets a link
//! (a secret token, no sign-in needed) to say whether the innovation is still in use, how far
//! it spread and what changed; the answer is shown with its date on the innovation's page.

use super::Planned;
use crate::mail::{Recipient, Sender, letters};
use crate::{Result, ServiceError, Services};
use prisverdig_domain::follow_up::{self, Answer};
use prisverdig_store::follow_ups::{self, FollowUp};
use prisverdig_store::{applications, categories, decisions, mail_audience};
use uuid::Uuid;

/// What the answer page shows.
#[derive(Debug, Clone)]
pub struct FollowUpView {
    pub title: String,
    pub application_id: Uuid,
    pub follow_up: FollowUp,
}

impl Services {
    /// The round's published nominees, winners and honourable mentions: one follow-up each
    /// (with a fresh token, kept unless one was made before), and a message to each team.
    pub(crate) async fn plan_follow_up(&self, from: &Sender, round: Uuid) -> Result<Vec<Planned>> {
        let now = self.clock.now();
        let mut planned = Vec::new();
        for category in categories::of_round(&self.db, round).await? {
            let outcomes = decisions::of_category(&self.db, category.id).await?;
            for d in outcomes
                .iter()
                .filter(|d| d.published_at.is_some_and(|at| at <= now))
            {
                let token = crate::invitations::new_token();
                let path = format!("/follow-up/{token}");
                for t in mail_audience::teams_of(&self.db, d.application_id).await? {
                    let to = Recipient::user_or_address(t.user_id, &t.email, t.locale.as_deref());
                    let letter = letters::follow_up(
                        to.language,
                        from,
                        (&t.title, &category.name),
                        d.kind,
                        &path,
                    );
                    let dedupe = Some(format!(
                        "follow-up/{}/{}",
                        d.application_id,
                        t.email.to_lowercase()
                    ));
                    let mut p = Planned::new(to, letter, dedupe);
                    p.follow_up = Some((d.application_id, token.clone()));
                    planned.push(p);
                }
            }
        }
        Ok(planned)
    }

    /// The follow-up a link opens; an unknown token is `NotFound`.
    pub async fn follow_up(&self, token: &str) -> Result<FollowUpView> {
        let follow_up = follow_ups::by_token(&self.db, token)
            .await?
            .ok_or(ServiceError::NotFound)?;
        let title = applications::title_of(&self.db, follow_up.application_id)
            .await?
            .ok_or(ServiceError::NotFound)?;
        Ok(FollowUpView {
            title,
            application_id: follow_up.application_id,
            follow_up,
        })
    }

    /// Saves a team's answer (a later answer replaces it), version-checked, audited.
    pub async fn answer_follow_up(
        &self,
        token: &str,
        expected: i64,
        (in_use, spread, changed): (&str, &str, &str),
        by: Option<Uuid>,
    ) -> Result<Answer> {
        let view = self.follow_up(token).await?;
        let answer = follow_up::check(in_use, spread, changed).map_err(ServiceError::Invalid)?;
        let now = self.clock.now();
        let mut tx = self.db.begin().await?;
        if !follow_ups::answer(&mut tx, token, expected, &answer, (by, now)).await? {
            return Err(ServiceError::Conflict);
        }
        let entry = prisverdig_store::audit::AuditEntry {
            actor: by,
            action: "follow_up.answer",
            entity: "application",
            entity_id: Some(view.application_id),
            detail: serde_json::json!({ "in_use": answer.in_use.code() }),
        };
        prisverdig_store::audit::record(&mut tx, now, entry).await?;
        self.commit_public(tx).await?;
        Ok(answer)
    }

    /// An application's answered follow-up, for its public page.
    pub async fn lasting(&self, application_id: Uuid) -> Result<Option<FollowUp>> {
        Ok(follow_ups::answered(&self.db, application_id).await?)
    }
}
