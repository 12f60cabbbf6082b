//! The chair's overview: applications × jurors with each juror's progress, the raw and
//! calibrated totals (`domain::scoring`, `docs/scoring.md`), the spread and the
//! disagreement flag, the decisions and the feedback still missing. With a fixed number of
//! reviewers per application, a juror's cell on an application they are not assigned to is
//! «not assigned» (not missing work), and an application left with fewer reviewers than
//! asked for (new since the split, a juror gone or conflicted) is flagged.

use super::{Panel, bound_pairs, require_lead};
use crate::{Result, Services};
use prisverdig_domain::jury::{Access, Progress, ReviewState, sees_others};
use prisverdig_domain::role::Role;
use prisverdig_domain::scoring::{self, ApplicationTotal, CategoryScale, JurorCalibration, Scored};
use prisverdig_store::categories::CategoryContext;
use prisverdig_store::criteria;
use prisverdig_store::decisions::{self, DecisionRow};
use prisverdig_store::jury::{JuryApplication, JuryState, Member};
use prisverdig_store::reviews::{self, ReviewSummary};
use prisverdig_store::users::User;
use std::collections::HashMap;
use uuid::Uuid;

/// How the overview's rows are ordered.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum OverviewSort {
    /// In the order the applications came in.
    #[default]
    Received,
    Raw,
    Calibrated,
    Spread,
    Title,
}

impl OverviewSort {
    pub const ALL: [OverviewSort; 5] = [
        OverviewSort::Received,
        OverviewSort::Raw,
        OverviewSort::Calibrated,
        OverviewSort::Spread,
        OverviewSort::Title,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            OverviewSort::Received => "received",
            OverviewSort::Raw => "raw",
            OverviewSort::Calibrated => "calibrated",
            OverviewSort::Spread => "spread",
            OverviewSort::Title => "title",
        }
    }

    pub fn parse(input: &str) -> Option<OverviewSort> {
        OverviewSort::ALL.into_iter().find(|s| s.as_str() == input)
    }
}

pub struct OverviewRow {
    pub application: JuryApplication,
    /// One per member, in the order of [`Overview::members`].
    pub cells: Vec<Progress>,
    /// The viewer is conflicted on it: no totals, no decision, no feedback.
    pub viewer_conflicted: bool,
    /// `None` when the viewer may not see the totals yet (their own review of it is not
    /// submitted and the scores are not locked).
    pub total: Option<ApplicationTotal>,
    pub decision: Option<DecisionRow>,
    pub feedback: Option<decisions::FeedbackRow>,
    /// The viewer acts as chair for it (decides and writes the feedback).
    pub viewer_acts: bool,
    /// The viewer may open its review page.
    pub viewer_reviews: bool,
    /// Reviewers it lacks in the fixed mode (0 when it has its number).
    pub lacking: usize,
}

pub struct Overview {
    pub category: CategoryContext,
    pub state: JuryState,
    pub members: Vec<Member>,
    pub rows: Vec<OverviewRow>,
    pub calibration: Vec<JurorCalibration>,
    pub scale: CategoryScale,
    /// Submitted applications without feedback: the round is not complete.
    pub missing_feedback: usize,
    /// Reviews not yet submitted by assigned jurors who are not conflicted.
    pub missing_reviews: usize,
    /// Applications with fewer reviewers than the fixed mode asks for.
    pub short_applications: usize,
    pub open: bool,
    pub results_public: bool,
    pub sort: OverviewSort,
}

/// The criteria as scoring reads them.
pub(crate) fn scoring_criteria(rows: &[criteria::CriterionRow]) -> Vec<scoring::Criterion> {
    rows.iter()
        .map(|c| scoring::Criterion {
            id: c.id,
            scale: c.scale,
            weight: c.weight,
        })
        .collect()
}

/// The reviews that count: submitted, by a juror on the jury not kept out by a conflict,
/// with something scored.
pub(crate) fn counted(panel: &Panel, reviews: &[ReviewSummary]) -> Vec<Scored> {
    let bound = bound_pairs(panel);
    reviews
        .iter()
        .filter(|r| r.state == ReviewState::Submitted)
        .filter(|r| !bound.contains(&(r.application_id, r.juror_id)))
        .filter(|r| panel.role_of(r.juror_id).is_some())
        .filter_map(|r| {
            Some(Scored {
                application: r.application_id,
                juror: r.juror_id,
                fraction: r.fraction?,
            })
        })
        .collect()
}

impl Services {
    #[tracing::instrument(skip_all)]
    pub async fn jury_overview(
        &self,
        user: &User,
        category: Uuid,
        sort: OverviewSort,
    ) -> Result<Overview> {
        let now = self.clock.now();
        let panel = self.panel(category, None).await?;
        require_lead(&panel, user)?;
        let admin = user.has(Role::Administrator);
        let criteria = scoring_criteria(&criteria::of_category(&self.db, category).await?);
        let reviews = reviews::summaries_of_category(&self.db, category).await?;
        let decisions = decisions::of_category(&self.db, category).await?;
        let feedback = decisions::feedback_of_category(&self.db, category).await?;
        let ids: Vec<Uuid> = panel.applications.iter().map(|a| a.id).collect();
        let totals = scoring::totals(&ids, &counted(&panel, &reviews));
        let mut by_pair: HashMap<(Uuid, Uuid), ReviewState> = HashMap::new();
        for r in &reviews {
            by_pair.insert((r.application_id, r.juror_id), r.state);
        }
        let mut missing_reviews = 0;
        let mut missing_feedback = 0;
        let mut short_applications = 0;
        let mut rows = Vec::new();
        // Before the deadline the jury sees no application, not even on the overview.
        let shown = admin || panel.is_open(now);
        for (app, total) in panel.applications.iter().zip(totals.applications) {
            if !shown {
                break;
            }
            let cells: Vec<Progress> = panel
                .members
                .iter()
                .map(|m| {
                    Progress::of(
                        by_pair.get(&(app.id, m.user_id)).copied(),
                        panel.binds(app.id, m.user_id),
                        panel.assigned(app.id, m.user_id),
                    )
                })
                .collect();
            missing_reviews += cells.iter().filter(|p| p.is_missing()).count();
            let lacking = panel.lacking(app.id);
            short_applications += usize::from(lacking > 0);
            let fb = feedback
                .iter()
                .find(|f| f.application_id == app.id)
                .cloned();
            if fb.as_ref().is_none_or(|f| f.text.is_empty()) {
                missing_feedback += 1;
            }
            let viewer_conflicted = !admin && panel.binds(app.id, user.id);
            let access = panel.access(now, app.id, user.id);
            let own = by_pair.get(&(app.id, user.id)).copied();
            let sees_totals = admin
                || (!viewer_conflicted
                    && (panel.locked() || access != Access::Review || sees_others(access, own)));
            rows.push(OverviewRow {
                cells,
                viewer_conflicted,
                total: sees_totals.then_some(total),
                decision: (!viewer_conflicted)
                    .then(|| {
                        decisions
                            .iter()
                            .find(|d| d.application_id == app.id)
                            .cloned()
                    })
                    .flatten(),
                feedback: if viewer_conflicted { None } else { fb },
                viewer_acts: panel.acting_chair(app.id) == Some(user.id),
                viewer_reviews: access == Access::Review,
                lacking,
                application: app.clone(),
            });
        }
        sort_rows(&mut rows, sort);
        Ok(Overview {
            scale: CategoryScale::of(&criteria),
            calibration: totals.jurors,
            open: panel.is_open(now),
            results_public: panel.results_public(now),
            category: panel.category,
            state: panel.state,
            members: panel.members,
            rows,
            missing_feedback,
            missing_reviews,
            short_applications,
            sort,
        })
    }
}

fn sort_rows(rows: &mut [OverviewRow], sort: OverviewSort) {
    let key = |r: &OverviewRow, f: fn(&ApplicationTotal) -> Option<f64>| {
        r.total.as_ref().and_then(f).unwrap_or(f64::NEG_INFINITY)
    };
    match sort {
        OverviewSort::Received => {}
        OverviewSort::Title => rows.sort_by(|a, b| a.application.title.cmp(&b.application.title)),
        OverviewSort::Raw => rows.sort_by(|a, b| key(b, |t| t.raw).total_cmp(&key(a, |t| t.raw))),
        OverviewSort::Calibrated => {
            rows.sort_by(|a, b| key(b, |t| t.calibrated).total_cmp(&key(a, |t| t.calibrated)))
        }
        OverviewSort::Spread => {
            rows.sort_by(|a, b| key(b, |t| t.spread).total_cmp(&key(a, |t| t.spread)))
        }
    }
}
