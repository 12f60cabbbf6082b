//! Importing the organisation chart from CSV: all lines are checked first; nothing is
//! imported when any line is bad; units already in the chart are reused by their path.

use super::{record, require_admin};
use crate::{Result, Services};
use prisverdig_domain::unit::UnitKind;
use prisverdig_domain::unit_import::{self, LineError};
use prisverdig_store::organisation::{self, NewUnit};
use prisverdig_store::users::User;
use std::collections::HashMap;
use uuid::Uuid;

/// What an import did, or why it did nothing.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ImportOutcome {
    Imported {
        created: usize,
        reused: usize,
    },
    /// Every bad line; nothing was imported.
    Rejected(Vec<LineError>),
}

/// Units are found by parent and name, ignoring case and surrounding space.
type Known = HashMap<(Option<Uuid>, String), Uuid>;

fn key(parent: Option<Uuid>, name: &str) -> (Option<Uuid>, String) {
    (parent, name.trim().to_lowercase())
}

impl Services {
    #[tracing::instrument(skip_all)]
    pub async fn import_units(
        &self,
        user: &User,
        text: &str,
        has_header: bool,
    ) -> Result<ImportOutcome> {
        require_admin(user)?;
        let paths = match unit_import::parse(text, has_header) {
            Ok(paths) => paths,
            Err(errors) => return Ok(ImportOutcome::Rejected(errors)),
        };
        let mut known: Known = self
            .units()
            .await?
            .into_iter()
            .map(|u| (key(u.parent_id, &u.name), u.id))
            .collect();
        let now = self.clock.now();
        let mut tx = self.db.begin().await?;
        let org = self.organisation_for_setup(&mut tx).await?;
        let (mut created, mut reused) = (0, 0);
        for path in &paths {
            let mut parent = None;
            for (level, name) in path.iter().enumerate() {
                if let Some(id) = known.get(&key(parent, name)) {
                    parent = Some(*id);
                    reused += 1;
                    continue;
                }
                let kind = UnitKind::for_level(level, level + 1 == path.len());
                let position = organisation::next_position(&mut tx, parent).await?;
                let new = NewUnit {
                    organisation_id: org,
                    parent_id: parent,
                    name,
                    kind: kind.as_str(),
                    position,
                };
                let id = organisation::insert_unit(&mut tx, new).await?;
                known.insert(key(parent, name), id);
                parent = Some(id);
                created += 1;
            }
        }
        let detail = serde_json::json!({ "lines": paths.len(), "created": created });
        record(
            &mut tx,
            now,
            user,
            "unit.import",
            ("organisation", org),
            detail,
        )
        .await?;
        self.commit_public(tx).await?;
        Ok(ImportOutcome::Imported { created, reused })
    }
}
