//! Scheduled work: jobs made ahead of their minute from the stored schedules (`plan_jobs`),
//! then claimed and run once each (`run_due_jobs`), with their effects and their «done» in one
//! transaction. What each kind does is in `announcements` (messages at the publication
//! minutes and before deadlines) and `follow_up` («ble det varig?»); the daily clean-up is here.

mod announcements;
pub mod follow_up;

use crate::mail::{Letter, Recipient, Sender};
use crate::{Result, Services};
use prisverdig_domain::schedule::{self, JobKind, JobSpec};
use prisverdig_store::jobs::{self, Job};
use prisverdig_store::{Tx, follow_ups};
use std::collections::HashSet;
use time::Duration;

/// One message a job writes; a follow-up's also makes the follow-up with its link's token.
pub(crate) struct Planned {
    pub to: Recipient,
    pub letter: Letter,
    pub dedupe: Option<String>,
    pub follow_up: Option<(uuid::Uuid, String)>,
}

impl Planned {
    pub(crate) fn new(to: Recipient, letter: Letter, dedupe: Option<String>) -> Planned {
        Planned {
            to,
            letter,
            dedupe,
            follow_up: None,
        }
    }
}

/// How long one process holds a job it claimed before another may take it.
const LEASE: Duration = Duration::minutes(10);

/// The administrator's view of the schedule.
#[derive(Debug, Clone)]
pub struct JobsView {
    pub upcoming: Vec<Job>,
    pub recent: Vec<Job>,
}

impl Services {
    /// Every job the stored schedules call for now, whether made or not.
    async fn specs(&self) -> Result<Vec<JobSpec>> {
        let settings = &self.mail.schedule;
        let mut specs = Vec::new();
        for category in jobs::category_minutes(&self.db).await? {
            specs.extend(schedule::category_jobs(&category, settings));
        }
        for (round, ceremony) in jobs::ceremonies(&self.db).await? {
            specs.extend(schedule::round_jobs(round, Some(ceremony), settings));
        }
        Ok(specs)
    }

    /// Stores the jobs whose minute is ahead (or only just passed) and not stored yet, and the
    /// next daily clean-up. Returns how many were new.
    pub async fn plan_jobs(&self) -> Result<u64> {
        let now = self.clock.now();
        let mut specs: Vec<JobSpec> = self
            .specs()
            .await?
            .into_iter()
            .filter(|s| schedule::to_make(s, now))
            .collect();
        specs.push(schedule::next_retention(now));
        let mut tx = self.db.begin().await?;
        let made = jobs::make(&mut tx, &specs).await?;
        tx.commit().await?;
        Ok(made)
    }

    /// Runs the jobs that are due, each once; returns how many this process finished.
    pub async fn run_due_jobs(&self) -> Result<usize> {
        let mut ran = 0;
        loop {
            let now = self.clock.now();
            let due = jobs::claim(&self.db, now, now + LEASE, 10).await?;
            if due.is_empty() {
                return Ok(ran);
            }
            let current: HashSet<String> = self.specs().await?.iter().map(JobSpec::key).collect();
            for job in due {
                match self.run_job(&job, &current).await {
                    Ok(finished) => ran += usize::from(finished),
                    Err(e) => {
                        tracing::warn!(job = %job.key, error = %e, "a scheduled job failed");
                        let retry_at =
                            self.clock.now() + prisverdig_domain::mail::backoff(job.attempts);
                        jobs::fail(&self.db, job.id, &e.to_string(), retry_at).await?;
                    }
                }
            }
        }
    }

    /// One job: what it writes is read first, then written with its «done» in one
    /// transaction (no pool reads while SQLite's write lock is held). A job whose schedule
    /// changed since it was made (a moved deadline) is finished as stale and does nothing.
    /// `false`: another process finished it first, and this run's writes were rolled back.
    async fn run_job(&self, job: &Job, current: &HashSet<String>) -> Result<bool> {
        let stale = job.kind != JobKind::Retention && !current.contains(&job.key);
        let from = self.mail_sender().await?;
        let planned = if stale {
            Vec::new()
        } else {
            self.plan_job(job, &from).await?
        };
        let submitted = match (stale, job.kind, job.subject) {
            (false, JobKind::CloseCategory, Some(c)) => {
                Some(prisverdig_store::categories::submitted_count(&self.db, c).await?)
            }
            _ => None,
        };
        let now = self.clock.now();
        let mut tx = self.db.begin().await?;
        let mut queued = 0;
        for p in &planned {
            if let Some((application, token)) = &p.follow_up {
                let stored = follow_ups::ask(&mut tx, *application, token, now).await?;
                if &stored != token {
                    continue; // asked before: that link stands
                }
            }
            let sent = self.queue_letter(&mut tx, now, (&from, &p.to), &p.letter, p.dedupe.clone());
            queued += usize::from(sent.await?.is_some());
        }
        let outcome = match (stale, submitted) {
            (true, _) => "stale".to_string(),
            (false, Some(n)) => {
                self.record_closing(&mut tx, job, n).await?;
                format!("submitted:{n}")
            }
            (false, None) => format!("messages:{queued}"),
        };
        if !jobs::finish(&mut tx, job.id, now, &outcome).await? {
            return Ok(false);
        }
        tx.commit().await?;
        if job.kind == JobKind::Retention && !stale {
            self.clean_up().await;
        }
        Ok(true)
    }

    /// The messages a job writes, read before its transaction.
    async fn plan_job(&self, job: &Job, from: &Sender) -> Result<Vec<Planned>> {
        let Some(subject) = job.subject else {
            return Ok(Vec::new());
        };
        match job.kind {
            JobKind::DeadlineReminder { days } => {
                self.plan_draft_reminders(from, subject, days).await
            }
            JobKind::AnnounceNominees => self.plan_nominees(from, subject).await,
            JobKind::AnnounceResults => self.plan_results(from, subject).await,
            JobKind::JuryReminder { days } => self.plan_jury_reminders(from, subject, days).await,
            JobKind::FollowUp => self.plan_follow_up(from, subject).await,
            JobKind::CloseCategory | JobKind::Retention => Ok(Vec::new()),
        }
    }

    /// The deadline passed: the closing is recorded in the audit log (the category's state
    /// follows from its deadline; no row changes).
    async fn record_closing(&self, tx: &mut Tx, job: &Job, submitted: i64) -> Result<()> {
        use prisverdig_store::audit::{self, AuditEntry};
        let detail =
            serde_json::json!({ "submitted": submitted, "deadline": job.run_at.unix_timestamp() });
        let entry = AuditEntry {
            actor: None,
            action: "category.closed",
            entity: "category",
            entity_id: job.subject,
            detail,
        };
        Ok(audit::record(tx, self.clock.now(), entry).await?)
    }

    /// Drafts past their retention and old sign-in counters: each failure
    /// is logged, and the next day's run tries again.
    async fn clean_up(&self) {
        match self.delete_stale_drafts().await {
            Ok(0) => {}
            Ok(n) => tracing::info!(drafts = n, "deleted drafts past their retention"),
            Err(e) => tracing::warn!(error = %e, "could not delete drafts past their retention"),
        }
        if let Err(e) = self.prune_sign_in_limits().await {
            tracing::warn!(error = %e, "could not prune the sign-in limits");
        }
    }

    /// Plans and runs jobs every `every` until the process stops.
    pub async fn run_scheduler(&self, every: std::time::Duration) {
        let mut tick = tokio::time::interval(every);
        tick.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
        loop {
            tick.tick().await;
            if let Err(e) = self.plan_jobs().await {
                tracing::warn!(error = %e, "could not plan the scheduled jobs");
            }
            if let Err(e) = self.run_due_jobs().await {
                tracing::warn!(error = %e, "could not run the scheduled jobs");
            }
        }
    }

    /// The next jobs and the last runs, for administrators.
    pub async fn jobs_view(&self, user: &prisverdig_store::users::User) -> Result<JobsView> {
        crate::admin::require_admin(user)?;
        Ok(JobsView {
            upcoming: jobs::upcoming(&self.db, 50).await?,
            recent: jobs::recent(&self.db, 50).await?,
        })
    }
}
