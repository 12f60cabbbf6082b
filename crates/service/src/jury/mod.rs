//! The jury's use cases: its members (an administrator's), conflicts of interest, reviews,
//! the jurors' discussion of each application, the chair's overview, decisions,
//! publication and feedback.
//!
//! **One place decides what a jury member may see and do**: [`Panel`], read once per
//! request from the category's jury, its submitted applications, the assignment (the mode
//! and the stored pairs), the stored conflicts and the automatic ones (found by
//! `domain::jury::conflict::automatic` from the team and the organisation chart). Every use
//! case below asks the panel (`access`, `assigned`, `counts`, `binds`, `acting_chair`,
//! `leads`) and never decides on its own. The rules themselves are in
//! `prisverdig_domain::jury`.

pub mod assignment;
pub mod conflicts;
pub mod decisions;
pub mod discussion;
pub mod export;
pub mod members;
pub mod overview;
pub mod redaction;
pub mod reviews;

use crate::{Result, ServiceError, Services};
use prisverdig_domain::jury::conflict::{Applicants, Grounds, Juror, automatic};
use prisverdig_domain::jury::{self as rules, Access, AssignmentMode, JuryRole, Seat};
use prisverdig_domain::role::Role;
use prisverdig_store::assignments;
use prisverdig_store::categories::{self, CategoryContext};
use prisverdig_store::conflicts::{self as stored_conflicts, ConflictRow};
use prisverdig_store::jury::{self, JuryApplication, JuryState, Member};
use prisverdig_store::users::User;
use std::collections::{HashMap, HashSet};
use time::OffsetDateTime;
use uuid::Uuid;

/// Everything the jury's rules need about one category, read once.
pub struct Panel {
    pub category: CategoryContext,
    pub state: JuryState,
    pub members: Vec<Member>,
    /// The submitted applications (all of them, or the one asked for).
    pub applications: Vec<JuryApplication>,
    /// Declared and pointed-out conflicts, whatever their status.
    pub conflicts: Vec<ConflictRow>,
    /// (application, juror) → grounds, found by the rules.
    pub automatic: HashMap<(Uuid, Uuid), Grounds>,
    /// The stored (application, juror) pairs; read only in the fixed mode.
    pub assignments: HashSet<(Uuid, Uuid)>,
}

impl Panel {
    /// The member's seat, if `user` is on this jury.
    pub fn role_of(&self, user: Uuid) -> Option<JuryRole> {
        self.members
            .iter()
            .find(|m| m.user_id == user)
            .map(|m| m.role)
    }

    /// The member holding `role` (chair or deputy).
    pub fn holder(&self, role: JuryRole) -> Option<Uuid> {
        self.members
            .iter()
            .find(|m| m.role == role)
            .map(|m| m.user_id)
    }

    /// Whether a conflict keeps `user` out of `application`: an automatic one, or a stored
    /// one whose status binds (`domain::jury::conflict::Status::binds`).
    pub fn binds(&self, application: Uuid, user: Uuid) -> bool {
        self.automatic.contains_key(&(application, user))
            || self.conflicts.iter().any(|c| {
                c.application_id == application && c.user_id == user && c.status.binds(c.source)
            })
    }

    /// Who reviews what in this category.
    pub fn mode(&self) -> AssignmentMode {
        self.state.mode
    }

    /// Whether `user` is on the jury and assigned to `application`: always in the «all»
    /// mode, otherwise only with a stored pair. Says nothing about conflicts.
    pub fn assigned(&self, application: Uuid, user: Uuid) -> bool {
        self.role_of(user).is_some()
            && self
                .mode()
                .assigns(self.assignments.contains(&(application, user)))
    }

    /// Whether `user`'s review of `application` is one of its reviews: assigned, and no
    /// binding conflict (a confirmed conflict beats the assignment).
    pub fn counts(&self, application: Uuid, user: Uuid) -> bool {
        self.assigned(application, user) && !self.binds(application, user)
    }

    /// How many jurors review `application` (assigned and not kept out by a conflict).
    pub fn reviewers(&self, application: Uuid) -> usize {
        self.members
            .iter()
            .filter(|m| self.counts(application, m.user_id))
            .count()
    }

    /// In the fixed mode, how many reviewers `application` lacks (a new application, a
    /// juror who left or got a conflict); `0` when it has its number, and always in «all».
    pub fn lacking(&self, application: Uuid) -> usize {
        match self.mode() {
            AssignmentMode::All => 0,
            AssignmentMode::PerApplication { reviewers } => {
                (reviewers as usize).saturating_sub(self.reviewers(application))
            }
        }
    }

    /// What `user` may do with `application` as a juror.
    pub fn access(&self, now: OffsetDateTime, application: Uuid, user: Uuid) -> Access {
        let Some(app) = self.applications.iter().find(|a| a.id == application) else {
            return Access::None;
        };
        rules::access(Seat {
            now,
            deadline: self.category.deadline,
            extended: self.category.extended_deadline,
            state: prisverdig_domain::application::ApplicationState::Submitted,
            assigned: self.assigned(application, user) && app.category_id == self.category.id,
            conflicted: self.binds(application, user),
        })
    }

    /// Who acts as chair for `application`: the chair, or the deputy where the chair is
    /// conflicted.
    pub fn acting_chair(&self, application: Uuid) -> Option<Uuid> {
        rules::acting_chair(
            self.holder(JuryRole::Chair),
            self.holder(JuryRole::Deputy),
            |u| self.binds(application, u),
        )
    }

    /// The chair or the deputy: they see the overview and set the category's jury state.
    pub fn leads(&self, user: Uuid) -> bool {
        matches!(self.role_of(user), Some(JuryRole::Chair | JuryRole::Deputy))
    }

    /// The jury may work: the category's (extended) deadline has passed.
    pub fn is_open(&self, now: OffsetDateTime) -> bool {
        rules::is_open_to_jury(now, self.category.deadline, self.category.extended_deadline)
    }

    /// The scores are locked by the chair.
    pub fn locked(&self) -> bool {
        self.state.scores_locked_at.is_some()
    }

    /// The results are public at `now`.
    pub fn results_public(&self, now: OffsetDateTime) -> bool {
        self.state.results_at.is_some_and(|at| at <= now)
    }

    pub fn application(&self, id: Uuid) -> Result<&JuryApplication> {
        self.applications
            .iter()
            .find(|a| a.id == id)
            .ok_or(ServiceError::NotFound)
    }
}

impl Services {
    /// Reads the panel of `category_id`, with all its submitted applications or only `one`.
    pub(crate) async fn panel(&self, category_id: Uuid, one: Option<Uuid>) -> Result<Panel> {
        let category = categories::context(&self.db, category_id)
            .await?
            .ok_or(ServiceError::NotFound)?;
        let state = jury::state(&self.db, category_id)
            .await?
            .ok_or(ServiceError::NotFound)?;
        let members = jury::members(&self.db, category_id).await?;
        let applications = jury::applications(&self.db, category_id, one).await?;
        let conflicts = stored_conflicts::of_category(&self.db, category_id).await?;
        let assignments = match state.mode {
            AssignmentMode::All => HashSet::new(),
            AssignmentMode::PerApplication { .. } => {
                assignments::of_category(&self.db, category_id)
                    .await?
                    .into_iter()
                    .collect()
            }
        };
        let parents: HashMap<Uuid, Option<Uuid>> =
            prisverdig_store::organisation::parents(&self.db)
                .await?
                .into_iter()
                .collect();
        let mut found = HashMap::new();
        for app in &applications {
            // As the chart was at submission; the chart as it is now where that is unknown.
            let unit_chain = match app.unit_chain.is_empty() {
                true => prisverdig_domain::unit::chain(app.unit_id, &parents),
                false => app.unit_chain.clone(),
            };
            let applicants = Applicants {
                owner: app.owner_id,
                team: &app.team,
                unit_chain: &unit_chain,
            };
            for m in &members {
                let juror = Juror {
                    id: m.user_id,
                    unit: m.unit_id,
                };
                if let Some(grounds) = automatic(juror, applicants) {
                    found.insert((app.id, m.user_id), grounds);
                }
            }
        }
        let mut panel = Panel {
            category,
            state,
            members,
            applications,
            conflicts,
            automatic: found,
            assignments,
        };
        redaction::redact_panel(self, &mut panel).await?;
        Ok(panel)
    }

    /// The panel of the category an application belongs to, with that application only.
    pub(crate) async fn panel_of(&self, application: Uuid) -> Result<Panel> {
        let category = jury::category_of(&self.db, application)
            .await?
            .ok_or(ServiceError::NotFound)?;
        self.panel(category, Some(application)).await
    }
}

/// The applications `user` may see as a juror in the panel (in the order they came).
pub(crate) fn visible_to(panel: &Panel, now: OffsetDateTime, user: Uuid) -> Vec<Uuid> {
    panel
        .applications
        .iter()
        .filter(|a| panel.access(now, a.id, user) != Access::None)
        .map(|a| a.id)
        .collect()
}

/// An administrator, or the category's chair or deputy.
pub(crate) fn require_lead(panel: &Panel, user: &User) -> Result<()> {
    if user.has(Role::Administrator) || panel.leads(user.id) {
        Ok(())
    } else {
        Err(ServiceError::Forbidden)
    }
}

/// The set of (application, juror) pairs kept out, for the totals: a binding conflict, or
/// not assigned (a review written before the assignment changed does not count).
pub(crate) fn bound_pairs(panel: &Panel) -> HashSet<(Uuid, Uuid)> {
    let mut out = HashSet::new();
    for app in &panel.applications {
        for m in &panel.members {
            if !panel.counts(app.id, m.user_id) {
                out.insert((app.id, m.user_id));
            }
        }
    }
    out
}
