//! Between stored rows and the domain's form, and the unit paths for snapshots.

use crate::Result;
use prisverdig_domain::application_form::{Answers, ApplicationForm};
use prisverdig_domain::unit::path_names;
use prisverdig_store::Db;
use prisverdig_store::applications::ApplicationRow;
use prisverdig_store::organisation;
use std::collections::HashMap;
use uuid::Uuid;

/// The form as stored. Answers written by an older version fall back to empty fields
/// rather than failing, so nothing saved ever becomes unreadable.
pub fn form_of(row: &ApplicationRow, continues: Vec<Uuid>) -> ApplicationForm {
    ApplicationForm {
        title: row.title.clone(),
        summary: row.summary.clone(),
        idea_origin: row.idea_origin,
        answers: serde_json::from_value::<Answers>(row.answers.0.clone()).unwrap_or_default(),
        source_application: row.source_application_id,
        continues,
    }
}

/// Every unit with its names from the root down, in tree order.
pub async fn units_with_paths(db: &Db) -> Result<Vec<(Uuid, Vec<String>)>> {
    let nodes = organisation::active_units(db).await?;
    let map: HashMap<Uuid, (Option<Uuid>, String)> = nodes
        .iter()
        .map(|n| (n.id, (n.parent_id, n.name.clone())))
        .collect();
    let mut paths: Vec<(Uuid, Vec<String>)> = nodes
        .iter()
        .map(|n| (n.id, path_names(n.id, &map)))
        .collect();
    paths.sort_by(|a, b| a.1.cmp(&b.1));
    Ok(paths)
}
