//! The administrator puts a category's jury together: who sits on it, who chairs it and
//! who is deputy. Only people with the juror (or jury chair) role get a seat.

use crate::admin::{record, require_admin};
use crate::mail::{Recipient, Sender, letters};
use crate::{Result, ServiceError, Services};
use prisverdig_domain::ValidationError;
use prisverdig_domain::jury::JuryRole;
use prisverdig_domain::role::Role;
use prisverdig_store::StoreError;
use prisverdig_store::categories::CategoryContext;
use prisverdig_store::jury::{self, Member};
use prisverdig_store::users::{self, User};
use uuid::Uuid;

/// The jury page of a category, for an administrator.
pub struct JuryMembers {
    pub category: CategoryContext,
    pub members: Vec<Member>,
    /// People with the juror role who are not on this jury yet: (id, name, e-mail).
    pub candidates: Vec<(Uuid, String, String)>,
    /// Who reviews what (set on the assignment page).
    pub mode: prisverdig_domain::jury::AssignmentMode,
}

impl Services {
    #[tracing::instrument(skip_all)]
    pub async fn jury_members(&self, user: &User, category: Uuid) -> Result<JuryMembers> {
        require_admin(user)?;
        let panel = self.panel(category, Some(Uuid::nil())).await?;
        let candidates = jury::candidates(&self.db)
            .await?
            .into_iter()
            .filter(|(id, _, _)| panel.role_of(*id).is_none())
            .collect();
        Ok(JuryMembers {
            mode: panel.state.mode,
            category: panel.category,
            members: panel.members,
            candidates,
        })
    }

    /// Gives `member` a seat in the category's jury. A second chair or deputy is refused at
    /// the role; someone without the juror role at the person.
    #[tracing::instrument(skip_all)]
    pub async fn add_juror(
        &self,
        user: &User,
        category: Uuid,
        member: Uuid,
        role: JuryRole,
    ) -> Result<()> {
        require_admin(user)?;
        let person = users::find(&self.db, member)
            .await?
            .ok_or(ValidationError::new("member", "error-choose-one"))?;
        if !(person.has(Role::Juror) || person.has(Role::JuryChair)) {
            return Err(ValidationError::new("member", "error-jury-not-juror").into());
        }
        let seat = self.seat_context(category).await?;
        let mut tx = self.db.begin().await?;
        match jury::add_member(&mut tx, category, member, role).await {
            Err(StoreError::Duplicate(_)) => {
                return Err(ValidationError::new("role", "error-jury-seat-taken").into());
            }
            other => other?,
        }
        let to = Recipient::user(person.id, &person.email, person.locale.as_deref());
        self.queue_seat(&mut tx, &seat, &to, role).await?;
        let detail = serde_json::json!({ "user": member, "role": role.as_str() });
        record(
            &mut tx,
            self.clock.now(),
            user,
            "jury.member_added",
            ("category", category),
            detail,
        )
        .await?;
        tx.commit().await?;
        Ok(())
    }

    /// Gives a member another seat (`Some`) or takes them off the jury (`None`).
    #[tracing::instrument(skip_all)]
    pub async fn set_juror_role(
        &self,
        user: &User,
        category: Uuid,
        member: Uuid,
        role: Option<JuryRole>,
    ) -> Result<()> {
        require_admin(user)?;
        let mut tx = self.db.begin().await?;
        let changed = match role {
            Some(role) => match jury::set_role(&mut tx, category, member, role).await {
                Err(StoreError::Duplicate(_)) => {
                    return Err(ValidationError::new("role", "error-jury-seat-taken").into());
                }
                other => other?,
            },
            None => jury::remove_member(&mut tx, category, member).await?,
        };
        if !changed {
            return Err(ServiceError::NotFound);
        }
        let (action, role) = match role {
            Some(r) => ("jury.member_role", r.as_str()),
            None => ("jury.member_removed", ""),
        };
        let detail = serde_json::json!({ "user": member, "role": role });
        record(
            &mut tx,
            self.clock.now(),
            user,
            action,
            ("category", category),
            detail,
        )
        .await?;
        tx.commit().await?;
        Ok(())
    }

    /// «Juryen for hele runden»: seats this category's jury in every other category of its
    /// round as well. Nothing is taken away: a member already seated keeps their seat, and a
    /// chair or deputy whose seat is held there by someone else sits as a member. Returns the
    /// number of seats added; pressing it again adds none.
    #[tracing::instrument(skip_all)]
    pub async fn share_jury_with_round(&self, user: &User, category: Uuid) -> Result<usize> {
        require_admin(user)?;
        let context = prisverdig_store::categories::context(&self.db, category)
            .await?
            .ok_or(ServiceError::NotFound)?;
        let source = jury::members(&self.db, category).await?;
        let mut plan = Vec::new();
        for other in prisverdig_store::categories::of_round(&self.db, context.round_id).await? {
            if other.id == category {
                continue;
            }
            let seated = jury::members(&self.db, other.id).await?;
            for m in &source {
                if seated.iter().any(|s| s.user_id == m.user_id) {
                    continue;
                }
                let taken = m.role != JuryRole::Member && seated.iter().any(|s| s.role == m.role);
                let role = if taken { JuryRole::Member } else { m.role };
                plan.push((other.id, m.user_id, role));
            }
        }
        let ids: Vec<Uuid> = source.iter().map(|m| m.user_id).collect();
        let people = prisverdig_store::mail_audience::people(&self.db, &ids).await?;
        let mut seats = std::collections::HashMap::new();
        for (other, _, _) in &plan {
            if !seats.contains_key(other) {
                seats.insert(*other, self.seat_context(*other).await?);
            }
        }
        let now = self.clock.now();
        let mut tx = self.db.begin().await?;
        for (other, member, role) in &plan {
            jury::add_member(&mut tx, *other, *member, *role).await?;
            if let (Some(p), Some(seat)) =
                (people.iter().find(|p| p.id == *member), seats.get(other))
            {
                let to = Recipient::user(p.id, &p.email, p.locale.as_deref());
                self.queue_seat(&mut tx, seat, &to, *role).await?;
            }
            let detail =
                serde_json::json!({ "user": member, "role": role.as_str(), "from": category });
            record(
                &mut tx,
                now,
                user,
                "jury.member_added",
                ("category", *other),
                detail,
            )
            .await?;
        }
        tx.commit().await?;
        Ok(plan.len())
    }
}

/// What the «you are on the jury» message needs, read before the seat's transaction.
struct SeatContext {
    from: Sender,
    category: String,
    deadline: time::OffsetDateTime,
}

impl Services {
    async fn seat_context(&self, category: Uuid) -> Result<SeatContext> {
        let c = prisverdig_store::categories::context(&self.db, category)
            .await?
            .ok_or(ServiceError::NotFound)?;
        Ok(SeatContext {
            from: self.mail_sender().await?,
            deadline: c.extended_deadline.unwrap_or(c.deadline),
            category: c.name,
        })
    }

    /// Tells a new member of a jury, in their language.
    async fn queue_seat(
        &self,
        tx: &mut prisverdig_store::Tx,
        seat: &SeatContext,
        to: &Recipient,
        role: JuryRole,
    ) -> Result<()> {
        let letter = letters::juror_assigned(
            to.language,
            &seat.from,
            &seat.category,
            role.as_str(),
            seat.deadline,
        );
        self.queue_letter(tx, self.clock.now(), (&seat.from, to), &letter, None)
            .await?;
        Ok(())
    }
}
