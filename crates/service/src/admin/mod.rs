//! The administrator's use cases: the organisation chart, rounds, categories with their
//! criteria and questions, tips about candidates, and user accounts. Each takes the acting user and
//! refuses anyone without the administrator role.

pub mod attention;
pub mod audit;
pub mod categories;
pub mod rounds;
pub mod tips;
pub mod unit_import;
pub mod unit_merges;
pub mod units;
pub mod users;

use crate::{Result, ServiceError, Services};
use prisverdig_domain::role::Role;
use prisverdig_store::audit::AuditEntry;
use prisverdig_store::users::User;
use prisverdig_store::{Tx, organisation};
use time::OffsetDateTime;
use uuid::Uuid;

/// Only administrators set up the organisation and the prizes.
pub(crate) fn require_admin(user: &User) -> Result<()> {
    if user.has(Role::Administrator) {
        Ok(())
    } else {
        Err(ServiceError::Forbidden)
    }
}

/// One audit row by `actor`, in the transaction of the change.
pub(crate) async fn record(
    tx: &mut Tx,
    now: OffsetDateTime,
    actor: &User,
    action: &str,
    entity: (&str, Uuid),
    detail: serde_json::Value,
) -> Result<()> {
    let entry = AuditEntry {
        actor: Some(actor.id),
        action,
        entity: entity.0,
        entity_id: Some(entity.1),
        detail,
    };
    prisverdig_store::audit::record(tx, now, entry).await?;
    Ok(())
}

impl Services {
    /// The installation's organisation. An installation started without the demo has none
    /// until its administrator first sets something up; then it gets one by the product's name.
    pub(crate) async fn organisation_for_setup(&self, tx: &mut Tx) -> Result<Uuid> {
        match organisation::first(&self.db).await? {
            Some(org) => Ok(org.id),
            None => Ok(organisation::insert(tx, self.clock.now(), "Prisverdig").await?),
        }
    }
}
