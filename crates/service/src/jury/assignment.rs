//! Who reviews what: the administrator chooses «every juror reviews every application» or a
//! fixed number of reviewers per application, previews the balanced split
//! (`domain::jury::assignment`), saves it, and changes single pairs by hand.
//!
//! What happens when things change after a split is saved (`docs/ARCHITECTURE.md`):
//! - a new submission or a new juror gets no pairs by itself; running the split again is
//!   the administrator's action, and it keeps every pair where the juror has started a
//!   review (`balanced_keeping`), so no work under way moves;
//! - a withdrawn application drops out of every list (the jury reads submitted ones only);
//! - a juror taken off the jury loses their pairs in that category;
//! - a binding conflict beats the assignment: the pair stays stored (a dismissed
//!   declaration lets the juror back), but the juror's review does not count and the
//!   application shows as lacking a reviewer, on this page and on the chair's overview.

use super::Panel;
use crate::admin::{record, require_admin};
use crate::{Result, Services};
use prisverdig_domain::ValidationError;
use prisverdig_domain::jury::AssignmentMode;
use prisverdig_domain::jury::assignment::balanced_keeping;
use prisverdig_store::assignments;
use prisverdig_store::categories::CategoryContext;
use prisverdig_store::jury::{JuryApplication, Member};
use prisverdig_store::reviews;
use prisverdig_store::users::User;
use std::collections::HashSet;
use uuid::Uuid;

/// A split of the work, stored or previewed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Plan {
    pub mode: AssignmentMode,
    /// Per application, in the order they came in: the jurors who review it.
    pub per_application: Vec<(Uuid, Vec<Uuid>)>,
    /// Per juror, in the jury's order: how many applications they review.
    pub loads: Vec<(Uuid, usize)>,
    /// Applications with fewer reviewers than asked for, with how many they lack.
    pub short: Vec<(Uuid, usize)>,
}

impl Plan {
    fn of_pairs(panel: &Panel, mode: AssignmentMode, pairs: &[(Uuid, Uuid)]) -> Plan {
        let per_application: Vec<(Uuid, Vec<Uuid>)> = panel
            .applications
            .iter()
            .map(|a| {
                let jurors = panel
                    .members
                    .iter()
                    .filter(|m| pairs.contains(&(a.id, m.user_id)))
                    .map(|m| m.user_id)
                    .collect();
                (a.id, jurors)
            })
            .collect();
        let loads = panel
            .members
            .iter()
            .map(|m| (m.user_id, pairs.iter().filter(|p| p.1 == m.user_id).count()))
            .collect();
        let wanted = match mode {
            AssignmentMode::All => 0,
            AssignmentMode::PerApplication { reviewers } => reviewers as usize,
        };
        let short = per_application
            .iter()
            .filter(|(_, j)| j.len() < wanted)
            .map(|(a, j)| (*a, wanted - j.len()))
            .collect();
        Plan {
            mode,
            per_application,
            loads,
            short,
        }
    }

    /// The split as it stands: the pairs that count (assigned, not kept out by a conflict).
    fn current(panel: &Panel) -> Plan {
        let pairs: Vec<(Uuid, Uuid)> = panel
            .applications
            .iter()
            .flat_map(|a| panel.members.iter().map(move |m| (a.id, m.user_id)))
            .filter(|(a, u)| panel.counts(*a, *u))
            .collect();
        let mut plan = Plan::of_pairs(panel, panel.mode(), &pairs);
        plan.short = panel
            .applications
            .iter()
            .map(|a| (a.id, panel.lacking(a.id)))
            .filter(|(_, n)| *n > 0)
            .collect();
        plan
    }
}

/// The (application, juror) pairs kept out by a binding conflict.
fn conflicted(panel: &Panel) -> HashSet<(Uuid, Uuid)> {
    panel
        .applications
        .iter()
        .flat_map(|a| panel.members.iter().map(move |m| (a.id, m.user_id)))
        .filter(|(a, u)| panel.binds(*a, *u))
        .collect()
}

/// The administrator's assignment page.
pub struct AssignmentPage {
    pub category: CategoryContext,
    /// The category's `jury_version`, for the forms.
    pub version: i64,
    pub members: Vec<Member>,
    pub applications: Vec<JuryApplication>,
    /// (application, juror) pairs kept out by a binding conflict.
    pub conflicted: HashSet<(Uuid, Uuid)>,
    pub current: Plan,
}

/// What the administrator chose, as typed: `mode` is `all` or `fixed`.
#[derive(Debug, Clone, Copy)]
pub struct AssignmentChoice<'a> {
    pub mode: &'a str,
    pub reviewers: &'a str,
}

impl Services {
    #[tracing::instrument(skip_all)]
    pub async fn jury_assignment(&self, user: &User, category: Uuid) -> Result<AssignmentPage> {
        require_admin(user)?;
        let panel = self.panel(category, None).await?;
        Ok(AssignmentPage {
            current: Plan::current(&panel),
            conflicted: conflicted(&panel),
            version: panel.state.jury_version,
            category: panel.category,
            members: panel.members,
            applications: panel.applications,
        })
    }

    /// The split the choice would store, without storing anything.
    #[tracing::instrument(skip_all)]
    pub async fn preview_assignment(
        &self,
        user: &User,
        category: Uuid,
        choice: AssignmentChoice<'_>,
    ) -> Result<Plan> {
        require_admin(user)?;
        let panel = self.panel(category, None).await?;
        self.plan(&panel, choice).await
    }

    async fn plan(&self, panel: &Panel, choice: AssignmentChoice<'_>) -> Result<Plan> {
        let mode = AssignmentMode::choose(choice.mode, choice.reviewers, panel.members.len())?;
        let applications: Vec<Uuid> = panel.applications.iter().map(|a| a.id).collect();
        let jurors: Vec<Uuid> = panel.members.iter().map(|m| m.user_id).collect();
        let conflicted = conflicted(panel);
        let pairs = match mode {
            AssignmentMode::All => applications
                .iter()
                .flat_map(|a| jurors.iter().map(move |j| (*a, *j)))
                .filter(|p| !conflicted.contains(p))
                .collect(),
            AssignmentMode::PerApplication { reviewers } => {
                // Work under way stays where it is.
                let started: HashSet<(Uuid, Uuid)> =
                    reviews::summaries_of_category(&self.db, panel.category.id)
                        .await?
                        .into_iter()
                        .map(|r| (r.application_id, r.juror_id))
                        .collect();
                let split = balanced_keeping(
                    &applications,
                    &jurors,
                    &conflicted,
                    reviewers as usize,
                    &started,
                );
                split.pairs
            }
        };
        Ok(Plan::of_pairs(panel, mode, &pairs))
    }

    /// Stores the split the choice gives now (the one the preview showed, unless the
    /// jury or the applications changed since), if nobody changed the category's jury
    /// since `version` (409 otherwise).
    #[tracing::instrument(skip_all)]
    pub async fn save_assignment(
        &self,
        user: &User,
        category: Uuid,
        version: i64,
        choice: AssignmentChoice<'_>,
    ) -> Result<Plan> {
        require_admin(user)?;
        let panel = self.panel(category, None).await?;
        let plan = self.plan(&panel, choice).await?;
        let pairs: Vec<(Uuid, Uuid)> = match plan.mode {
            AssignmentMode::All => Vec::new(),
            AssignmentMode::PerApplication { .. } => plan
                .per_application
                .iter()
                .flat_map(|(a, jurors)| jurors.iter().map(move |j| (*a, *j)))
                .collect(),
        };
        let mut tx = self.db.begin().await?;
        assignments::claim(&mut tx, category, version, Some(plan.mode)).await?;
        assignments::replace(&mut tx, category, &pairs).await?;
        let detail = serde_json::json!({
            "mode": plan.mode.as_str(),
            "reviewers": plan.mode.column(),
            "pairs": pairs.len(),
            "short": plan.short.len(),
        });
        record(
            &mut tx,
            self.clock.now(),
            user,
            "jury.assignment",
            ("category", category),
            detail,
        )
        .await?;
        tx.commit().await?;
        Ok(plan)
    }

    /// Assigns one juror to one application (`assign`) or takes them off it, by hand, in
    /// the fixed mode. A juror with a binding conflict on it is refused at the juror.
    #[tracing::instrument(skip_all)]
    pub async fn set_assignment(
        &self,
        user: &User,
        category: Uuid,
        version: i64,
        (application, juror): (Uuid, Uuid),
        assign: bool,
    ) -> Result<()> {
        require_admin(user)?;
        let panel = self.panel(category, None).await?;
        if panel.mode() == AssignmentMode::All {
            return Err(ValidationError::new("juror", "error-assignment-not-fixed").into());
        }
        if !panel.applications.iter().any(|a| a.id == application) {
            return Err(ValidationError::new("application", "error-choose-one").into());
        }
        if panel.role_of(juror).is_none() {
            return Err(ValidationError::new("juror", "error-choose-one").into());
        }
        if assign && panel.binds(application, juror) {
            return Err(ValidationError::new("juror", "error-assignment-conflicted").into());
        }
        let mut tx = self.db.begin().await?;
        assignments::claim(&mut tx, category, version, None).await?;
        let changed = if assign {
            assignments::add(&mut tx, application, juror).await?
        } else {
            assignments::remove(&mut tx, application, juror).await?
        };
        if !changed {
            // Already as asked: nothing to store, the version stays.
            return Ok(());
        }
        let detail =
            serde_json::json!({ "application": application, "user": juror, "assigned": assign });
        record(
            &mut tx,
            self.clock.now(),
            user,
            "jury.assignment_pair",
            ("category", category),
            detail,
        )
        .await?;
        tx.commit().await?;
        Ok(())
    }
}
