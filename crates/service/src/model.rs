//! The read models the use cases return and take: plain data, with every state, kind and
//! outcome already a domain enum. They are defined where they are read (`prisverdig-store`,
//! one module per aggregate) and are part of this crate's API through this one module, so the
//! web layer depends on the service alone and cannot reach the store (its manifest has no
//! store dependency). See `docs/adr/0001-workspace-of-five-crates.md`.

pub use prisverdig_store::applications::{Collaborators, Pickable, TeamMember};
pub use prisverdig_store::attachments::Attachment;
pub use prisverdig_store::audit::{AuditFilter, AuditRow};
pub use prisverdig_store::catalogue::Published;
pub use prisverdig_store::catalogue_query::{Card, Facets, Filter, Sort};
pub use prisverdig_store::categories::CategoryRow;
pub use prisverdig_store::conflicts::ConflictRow;
pub use prisverdig_store::criteria::CriterionRow;
pub use prisverdig_store::decisions::{DecisionRow, FeedbackRow};
pub use prisverdig_store::endorsements::Endorsement;
pub use prisverdig_store::follow_ups::FollowUp;
pub use prisverdig_store::jobs::Job;
pub use prisverdig_store::jury::{JuryApplication, JuryState, Member, Seat};
pub use prisverdig_store::jury_posts::PostRow;
pub use prisverdig_store::listed::Listed;
pub use prisverdig_store::organisation::{ArchivedUnitRow, UnitRow};
pub use prisverdig_store::outbox::{Message as OutboxMessage, State as OutboxState};
pub use prisverdig_store::questions::QuestionRow;
pub use prisverdig_store::reviews::{ReviewRow, ScoreRow};
pub use prisverdig_store::rounds::{RoundRow, RoundSummary};
pub use prisverdig_store::stories::{StoryImage, StoryRow};
pub use prisverdig_store::tips::TipRow;
pub use prisverdig_store::users::{Account, User};
