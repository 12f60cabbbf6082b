//! `prisverdig export` and `import`: the whole catalogue as one versioned JSON document
//! (docs/exchange-format.md). Import checks everything first — the document on its own,
//! then against the database — and writes nothing unless all is well; then it inserts what
//! is missing in one transaction. Records carry their ids, so a second import of the same
//! file finds everything present and changes nothing.

mod plan;

use crate::{ServiceError, Services};
use plan::Plan;
use prisverdig_domain::email::Email;
use prisverdig_domain::exchange::{self, ExchangeDoc, Problem};
use prisverdig_store::exchange as rows;
use prisverdig_store::users::{self, NewUser};
use prisverdig_store::{StoreError, Tx, audit, organisation};
use std::collections::HashMap;
use std::fmt;
use uuid::Uuid;

/// Why an import wrote nothing.
#[derive(Debug, thiserror::Error)]
pub enum ImportError {
    /// The document is wrong or conflicts with the database: every problem, at its path.
    #[error("the file has {} problem(s)", .0.len())]
    Rejected(Vec<Problem>),
    #[error(transparent)]
    Failed(#[from] ServiceError),
}

impl From<StoreError> for ImportError {
    fn from(e: StoreError) -> Self {
        ImportError::Failed(e.into())
    }
}

/// What an import added, by kind of record, and how many records were already present.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ImportReport {
    pub added: Vec<(&'static str, usize)>,
    pub unchanged: usize,
}

impl fmt::Display for ImportReport {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let added: Vec<String> = self.added.iter().map(|(k, n)| format!("{n} {k}")).collect();
        write!(
            f,
            "added {}; {} already present",
            added.join(", "),
            self.unchanged
        )
    }
}

impl Services {
    /// Everything the exchange format holds, in a fixed order.
    #[tracing::instrument(skip_all)]
    pub async fn export(&self) -> crate::Result<ExchangeDoc> {
        let org = organisation::first(&self.db).await?.ok_or_else(|| {
            ServiceError::broken("nothing to export: the database holds no organisation")
        })?;
        let organisation = exchange::Organisation {
            id: org.id,
            name: org.name,
            accent_colour: org.accent_colour,
        };
        self.export_as(organisation).await
    }

    async fn export_as(&self, organisation: exchange::Organisation) -> crate::Result<ExchangeDoc> {
        let mut doc = ExchangeDoc {
            format: exchange::FORMAT.to_string(),
            version: exchange::VERSION,
            exported_at: self.clock.now(),
            organisation,
            units: rows::units(&self.db).await?,
            users: rows::people(&self.db).await?,
            rounds: rows::rounds(&self.db).await?,
            applications: rows::applications(&self.db).await?,
            decisions: rows::decisions(&self.db).await?,
            adoptions: rows::adoptions(&self.db).await?,
            stories: rows::stories(&self.db).await?,
        };
        doc.normalise();
        Ok(doc)
    }

    /// Imports `doc` whole or not at all.
    #[tracing::instrument(skip_all)]
    pub async fn import(&self, doc: ExchangeDoc) -> Result<ImportReport, ImportError> {
        self.import_reporting(doc, &Quiet).await
    }

    /// `prisverdig seed`: `n` generated applications in archived years before the
    /// database's earliest round ([`crate::demo::scale`]), brought in by the import on top of
    /// the database's own export, so they pass the import's checks and land in one
    /// transaction.
    pub async fn seed_years(
        &self,
        n: usize,
        progress: &dyn ImportProgress,
    ) -> Result<ImportReport, ImportError> {
        let base = self.export().await?;
        let doc = crate::demo::scale::synthetic_years(&base, n, n as u64);
        self.import_reporting(doc, progress).await
    }

    /// [`Services::import`], telling `progress` how many rows it will write and each one
    /// written (the command line shows a progress bar).
    pub async fn import_reporting(
        &self,
        mut doc: ExchangeDoc,
        progress: &dyn ImportProgress,
    ) -> Result<ImportReport, ImportError> {
        let problems = exchange::validate(&doc);
        if !problems.is_empty() {
            return Err(ImportError::Rejected(problems));
        }
        doc.normalise();
        let local = organisation::first(&self.db).await?;
        let org = match &local {
            Some(o) => o.id,
            None => doc.organisation.id,
        };
        let existing = self.export_as(doc.organisation.clone()).await?;
        let plan = Plan::new(&doc, &existing).map_err(ImportError::Rejected)?;
        let now = self.clock.now();
        let mut tx = self.db.begin().await?;
        if local.is_none() {
            rows::insert_organisation(&mut tx, now, &doc.organisation).await?;
        }
        let (people, created) = ensure_people(&mut tx, &doc, now).await?;
        progress.start(plan.rows());
        write(&mut tx, org, &plan, &people, progress).await?;
        let mut report = plan.report();
        report.added.insert(0, ("users", created));
        if report.added.iter().any(|(_, n)| *n > 0) {
            audit_import(&mut tx, now, org, &report).await?;
        }
        self.commit_public(tx).await?;
        // Imported rows carry their own (historical) times; the index follows the change
        // counter they raised, so it takes them in now, and any other process at its next poll.
        if let Err(e) = self.catch_up().await {
            tracing::warn!(error = %e, "search index update after import failed; the poller retries");
        }
        Ok(report)
    }
}

/// Progress of long work told to whoever shows it: an import's rows, a search index
/// rebuild's applications.
pub trait ImportProgress: Send + Sync {
    /// The number of rows the work will write.
    fn start(&self, rows: u64);
    /// One more written.
    fn row(&self);
}

/// No report.
pub struct Quiet;

impl ImportProgress for Quiet {
    fn start(&self, _: u64) {}
    fn row(&self) {}
}

/// The audit row of an import that added something (one that added nothing leaves no trace).
async fn audit_import(
    tx: &mut Tx,
    now: time::OffsetDateTime,
    org: Uuid,
    report: &ImportReport,
) -> crate::Result<()> {
    let detail: serde_json::Map<String, serde_json::Value> = report
        .added
        .iter()
        .map(|(k, n)| (k.to_string(), (*n).into()))
        .collect();
    let entry = audit::AuditEntry {
        actor: None,
        action: "exchange.import",
        entity: "organisation",
        entity_id: Some(org),
        detail: serde_json::Value::Object(detail),
    };
    audit::record(tx, now, entry).await?;
    Ok(())
}

/// The ids of the document's people by e-mail, creating those not yet known as users
/// without a password or roles (they can sign in through single sign-on later).
async fn ensure_people(
    tx: &mut Tx,
    doc: &ExchangeDoc,
    now: time::OffsetDateTime,
) -> crate::Result<(HashMap<String, Uuid>, usize)> {
    let (mut ids, mut created) = (HashMap::new(), 0);
    for p in &doc.users {
        let id = match users::id_by_email(tx, &p.email).await? {
            Some(id) => id,
            None => {
                let email = Email::parse(&p.email)?;
                created += 1;
                let new = NewUser {
                    email: &email,
                    name: &p.name,
                    password_hash: None,
                    unit_id: None,
                    roles: &[],
                };
                users::insert(tx, now, new).await?
            }
        };
        ids.insert(p.email.clone(), id);
    }
    Ok((ids, created))
}

fn person(people: &HashMap<String, Uuid>, email: &str) -> crate::Result<Uuid> {
    people
        .get(email)
        .copied()
        .ok_or_else(|| ServiceError::broken(format!("{email} is not in $.users")))
}

/// Inserts the plan's new records; references among them are set once all exist.
async fn write(
    tx: &mut Tx,
    org: Uuid,
    plan: &Plan<'_>,
    people: &HashMap<String, Uuid>,
    progress: &dyn ImportProgress,
) -> crate::Result<()> {
    for u in &plan.units {
        rows::insert_unit(tx, org, u).await?;
        progress.row();
    }
    for u in &plan.units {
        rows::link_unit(tx, u).await?;
    }
    for r in &plan.rounds {
        rows::insert_round(tx, org, r).await?;
        progress.row();
    }
    for r in &plan.rounds {
        rows::link_round(tx, r).await?;
    }
    for (round, c) in &plan.categories {
        rows::insert_category(tx, *round, c).await?;
        progress.row();
    }
    for (category, c) in &plan.criteria {
        rows::insert_criterion(tx, *category, c).await?;
        progress.row();
    }
    for (category, q) in &plan.questions {
        rows::insert_question(tx, *category, q).await?;
        progress.row();
    }
    for a in &plan.applications {
        rows::insert_application(tx, person(people, &a.owner)?, a).await?;
        progress.row();
    }
    for a in &plan.applications {
        rows::link_application(tx, a).await?;
    }
    for d in &plan.decisions {
        rows::insert_decision(tx, d).await?;
        progress.row();
    }
    for a in &plan.adoptions {
        let by = a
            .created_by
            .as_deref()
            .map(|e| person(people, e))
            .transpose()?;
        rows::insert_adoption(tx, by, a).await?;
        progress.row();
    }
    for s in &plan.stories {
        rows::insert_story(tx, person(people, &s.author)?, s).await?;
        progress.row();
    }
    Ok(())
}
