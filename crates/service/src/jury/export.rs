//! The jury's work for a spreadsheet: every application of a category with its totals,
//! decision, justification and feedback, and every submitted review with its scores and
//! comments. It shows exactly what the overview shows the one who downloads it: nothing of
//! an application they are conflicted on, no totals or reviews of one they have not yet
//! reviewed themselves, and never a review by a juror kept out by a conflict.

use super::bound_pairs;
use super::overview::OverviewSort;
use crate::{Result, Services};
use prisverdig_domain::jury::ReviewState;
use prisverdig_domain::outcome::Outcome;
use prisverdig_store::criteria;
use prisverdig_store::reviews;
use prisverdig_store::users::User;
use uuid::Uuid;

pub struct ExportApplication {
    pub id: Uuid,
    pub title: String,
    pub unit: String,
    /// On the category's scale; `None` when not shown or not scored.
    pub raw: Option<f64>,
    pub calibrated: Option<f64>,
    pub spread: Option<f64>,
    pub disagreement: bool,
    pub decision: Option<Outcome>,
    pub justification: String,
    pub feedback: String,
}

pub struct ExportReview {
    pub application: String,
    pub juror: String,
    /// One per criterion, in the category's order.
    pub values: Vec<Option<i64>>,
    pub notes: Vec<String>,
    pub comment: String,
    /// Its weighted total on the category's scale.
    pub total: Option<f64>,
}

pub struct JuryExport {
    pub category: String,
    pub criteria: Vec<String>,
    pub full: f64,
    pub applications: Vec<ExportApplication>,
    pub reviews: Vec<ExportReview>,
}

impl Services {
    #[tracing::instrument(skip_all)]
    pub async fn jury_export(&self, user: &User, category: Uuid) -> Result<JuryExport> {
        let overview = self
            .jury_overview(user, category, OverviewSort::Received)
            .await?;
        let panel = self.panel(category, None).await?;
        let bound = bound_pairs(&panel);
        let criteria = criteria::of_category(&self.db, category).await?;
        let all = reviews::of_category(&self.db, category).await?;
        let scale = overview.scale;
        let mut applications = Vec::new();
        let mut out_reviews = Vec::new();
        for row in overview.rows.iter().filter(|r| !r.viewer_conflicted) {
            let app = &row.application;
            let total = row.total.as_ref();
            applications.push(ExportApplication {
                id: app.id,
                title: app.title.clone(),
                // «Anonym vurdering»: the unit is not the jury's to know.
                unit: if panel.state.blind {
                    String::new()
                } else {
                    app.unit_snapshot.join(" › ")
                },
                raw: total.and_then(|t| t.raw).map(|f| scale.show(f)),
                calibrated: total.and_then(|t| t.calibrated).map(|f| scale.show(f)),
                spread: total.and_then(|t| t.spread).map(|f| scale.show(f)),
                disagreement: total.is_some_and(|t| t.disagreement),
                decision: row.decision.as_ref().map(|d| d.kind),
                justification: row
                    .decision
                    .as_ref()
                    .map(|d| d.justification.clone())
                    .unwrap_or_default(),
                feedback: row
                    .feedback
                    .as_ref()
                    .map(|f| f.text.clone())
                    .unwrap_or_default(),
            });
            if total.is_none() {
                continue;
            }
            for r in all.iter().filter(|r| {
                r.application_id == app.id
                    && r.state == ReviewState::Submitted
                    && !bound.contains(&(app.id, r.juror_id))
            }) {
                let Some(member) = overview.members.iter().find(|m| m.user_id == r.juror_id) else {
                    continue;
                };
                let values: std::collections::HashMap<Uuid, i64> = r
                    .scores
                    .iter()
                    .filter_map(|s| Some((s.criterion_id, s.value?)))
                    .collect();
                out_reviews.push(ExportReview {
                    application: app.title.clone(),
                    juror: member.name.clone(),
                    values: criteria
                        .iter()
                        .map(|c| r.score(c.id).and_then(|s| s.value))
                        .collect(),
                    notes: criteria
                        .iter()
                        .map(|c| r.score(c.id).map(|s| s.comment.clone()).unwrap_or_default())
                        .collect(),
                    comment: r.comment.clone(),
                    total: prisverdig_domain::scoring::review_fraction(
                        &super::overview::scoring_criteria(&criteria),
                        &values,
                    )
                    .map(|f| scale.show(f)),
                });
            }
        }
        Ok(JuryExport {
            category: format!(
                "{} – {}",
                overview.category.name, overview.category.round_title
            ),
            criteria: criteria.into_iter().map(|c| c.text).collect(),
            full: scale.full,
            applications,
            reviews: out_reviews,
        })
    }
}
