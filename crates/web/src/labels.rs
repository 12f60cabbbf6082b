//! Translation keys for stored codes. Keys are spelled out so the translation check sees them.

use prisverdig_domain::category::CategoryKind;
use prisverdig_domain::jury::conflict::{Grounds, Source, Status};
use prisverdig_domain::jury::{JuryRole, Progress};
use prisverdig_domain::round::RoundState;
use prisverdig_domain::unit::UnitKind;

pub fn round_state(state: RoundState) -> &'static str {
    match state {
        RoundState::Draft => "admin-state-draft",
        RoundState::Open => "admin-state-open",
        RoundState::Closed => "admin-state-closed",
        RoundState::Judging => "admin-state-judging",
        RoundState::Nominated => "admin-state-nominated",
        RoundState::Awarded => "admin-state-awarded",
        RoundState::Archived => "admin-state-archived",
    }
}

/// The button that moves a round to `state`.
pub fn round_action(state: RoundState) -> &'static str {
    match state {
        RoundState::Draft => "admin-state-draft",
        RoundState::Open => "admin-move-open",
        RoundState::Closed => "admin-move-closed",
        RoundState::Judging => "admin-move-judging",
        RoundState::Nominated => "admin-move-nominated",
        RoundState::Awarded => "admin-move-awarded",
        RoundState::Archived => "admin-move-archived",
    }
}

pub fn unit_kind(kind: UnitKind) -> &'static str {
    match kind {
        UnitKind::Sector => "admin-unit-kind-sector",
        UnitKind::Area => "admin-unit-kind-area",
        UnitKind::Unit => "admin-unit-kind-unit",
    }
}

pub fn category_kind(kind: CategoryKind) -> &'static str {
    match kind {
        CategoryKind::Innovation => "admin-category-kind-innovation",
        CategoryKind::Steal => "admin-category-kind-steal",
        CategoryKind::Mistake => "admin-category-kind-mistake",
        CategoryKind::Custom => "admin-category-kind-custom",
    }
}

pub const UNIT_KINDS: [(&str, &str); 3] = [
    ("sector", "admin-unit-kind-sector"),
    ("area", "admin-unit-kind-area"),
    ("unit", "admin-unit-kind-unit"),
];

pub const CATEGORY_KINDS: [(&str, &str); 4] = [
    ("innovation", "admin-category-kind-innovation"),
    ("steal", "admin-category-kind-steal"),
    ("mistake", "admin-category-kind-mistake"),
    ("custom", "admin-category-kind-custom"),
];
/// The key of an audit action's name; `None` for a code without one (shown as it is).
pub fn audit_action(code: &str) -> Option<&'static str> {
    Some(match code {
        "adoption.record" => "audit-action-adoption-record",
        "application.endorse" => "audit-action-application-endorse",
        "application.endorse.withdraw" => "audit-action-application-endorse-withdraw",
        "application.drafts_expired" => "audit-action-application-drafts-expired",
        "application.save" => "audit-action-application-save",
        "application.start" => "audit-action-application-start",
        "application.submit" => "audit-action-application-submit",
        "application.withdraw" => "audit-action-application-withdraw",
        "attachment.add" => "audit-action-attachment-add",
        "attachment.remove" => "audit-action-attachment-remove",
        "category.create" => "audit-action-category-create",
        "category.update" => "audit-action-category-update",
        "category.closed" => "audit-action-category-closed",
        "follow_up.answer" => "audit-action-follow-up-answer",
        "mail.resend" => "audit-action-mail-resend",
        "round.call" => "audit-action-round-call",
        "conflict.decided" => "audit-action-conflict-decided",
        "conflict.raised" => "audit-action-conflict-raised",
        "decision.set" => "audit-action-decision-set",
        "feedback.written" => "audit-action-feedback-written",
        "jury.assignment" => "audit-action-jury-assignment",
        "jury.assignment_pair" => "audit-action-jury-assignment-pair",
        "jury.member_added" => "audit-action-jury-member-added",
        "jury.member_removed" => "audit-action-jury-member-removed",
        "jury.member_role" => "audit-action-jury-member-role",
        "jury.post_added" => "audit-action-jury-post-added",
        "jury.publication" => "audit-action-jury-publication",
        "ceremony.reveal" => "audit-action-ceremony-reveal",
        "jury.redaction" => "audit-action-jury-redaction",
        "jury.scores_locked" => "audit-action-jury-scores-locked",
        "jury.scores_unlocked" => "audit-action-jury-scores-unlocked",
        "review.reopened" => "audit-action-review-reopened",
        "review.submitted" => "audit-action-review-submitted",
        "criterion.add" => "audit-action-criterion-add",
        "criterion.update" => "audit-action-criterion-update",
        "criterion.remove" => "audit-action-criterion-remove",
        "question.add" => "audit-action-question-add",
        "question.update" => "audit-action-question-update",
        "question.remove" => "audit-action-question-remove",
        "demo.seed" => "audit-action-demo-seed",
        "exchange.import" => "audit-action-exchange-import",
        "round.copy" => "audit-action-round-copy",
        "round.create" => "audit-action-round-create",
        "round.delete" => "audit-action-round-delete",
        "round.transition" => "audit-action-round-transition",
        "round.update" => "audit-action-round-update",
        "story.create" => "audit-action-story-create",
        "story.update" => "audit-action-story-update",
        "story.publish" => "audit-action-story-publish",
        "story.unpublish" => "audit-action-story-unpublish",
        "story.image.add" => "audit-action-story-image-add",
        "story.image.remove" => "audit-action-story-image-remove",
        "team.invite" => "audit-action-team-invite",
        "team.remove" => "audit-action-team-remove",
        "tip.create" => "audit-action-tip-create",
        "tip.handled" => "audit-action-tip-handled",
        "unit.create" => "audit-action-unit-create",
        "unit.import" => "audit-action-unit-import",
        "unit.merge" => "audit-action-unit-merge",
        "unit.move" => "audit-action-unit-move",
        "unit.rename" => "audit-action-unit-rename",
        "unit.unmerge" => "audit-action-unit-unmerge",
        "user.add" => "audit-action-user-add",
        "user.deactivate" => "audit-action-user-deactivate",
        "user.delete" => "audit-action-user-delete",
        "user.reactivate" => "audit-action-user-reactivate",
        "user.invitation.accept" => "audit-action-user-invitation-accept",
        "user.invitation.renew" => "audit-action-user-invitation-renew",
        "user.recovery_codes.renew" => "audit-action-user-recovery-codes-renew",
        "user.roles" => "audit-action-user-roles",
        "user.second_factor.enrol" => "audit-action-user-second-factor-enrol",
        "user.second_factor.remove" => "audit-action-user-second-factor-remove",
        "user.sign_out_everywhere" => "audit-action-user-sign-out-everywhere",
        "user.sso_create" => "audit-action-user-sso-create",
        "user.unit" => "audit-action-user-unit",
        _ => return None,
    })
}

/// A person's name as stored, or «Slettet bruker» for an account its owner deleted (its name
/// is emptied, issue 11).
pub fn person_name(locale: crate::i18n::Locale, name: String) -> String {
    if name.trim().is_empty() {
        locale.t("person-deleted")
    } else {
        name
    }
}

/// The key of the name of what an audit entry is about; `None` for a code without one.
pub fn audit_entity(code: &str) -> Option<&'static str> {
    Some(match code {
        "application" => "audit-entity-application",
        "category" => "audit-entity-category",
        "conflict" => "audit-entity-conflict",
        "review" => "audit-entity-review",
        "criterion" => "audit-entity-criterion",
        "question" => "audit-entity-question",
        "organisation" => "audit-entity-organisation",
        "round" => "audit-entity-round",
        "story" => "audit-entity-story",
        "tip" => "audit-entity-tip",
        "unit" => "audit-entity-unit",
        "user" => "audit-entity-user",
        _ => return None,
    })
}

/// The key of a conflict's grounds (forvaltningsloven § 6).
pub fn grounds(g: Grounds) -> &'static str {
    match g {
        Grounds::OwnOrCoApplicant => "jury-grounds-own-or-co-applicant",
        Grounds::Family => "jury-grounds-family",
        Grounds::LineManagerOrSubordinate => "jury-grounds-line-manager-or-subordinate",
        Grounds::ClosePersonalTie => "jury-grounds-close-personal-tie",
        Grounds::RoleInApplyingUnit => "jury-grounds-role-in-applying-unit",
        Grounds::Other => "jury-grounds-other",
    }
}

/// The key of how a conflict came to be known; `None` is one the rules found.
pub fn conflict_source(s: Option<Source>) -> &'static str {
    match s {
        None | Some(Source::Automatic) => "jury-source-automatic",
        Some(Source::Declared) => "jury-source-declared",
        Some(Source::PointedOut) => "jury-source-pointed-out",
    }
}

pub fn conflict_status(s: Status) -> &'static str {
    match s {
        Status::Pending => "jury-status-pending",
        Status::Confirmed => "jury-status-confirmed",
        Status::Dismissed => "jury-status-dismissed",
    }
}

pub fn progress(p: Progress) -> &'static str {
    match p {
        Progress::NotStarted => "jury-progress-not-started",
        Progress::Draft => "jury-progress-draft",
        Progress::Submitted => "jury-progress-submitted",
        Progress::Conflicted => "jury-progress-conflicted",
        Progress::Unassigned => "jury-progress-unassigned",
    }
}

pub fn jury_role(r: JuryRole) -> &'static str {
    match r {
        JuryRole::Chair => "jury-role-chair",
        JuryRole::Deputy => "jury-role-deputy",
        JuryRole::Member => "jury-role-member",
    }
}

/// What a scheduled job does, in the reader's language («Påminnelse 14 dager før fristen»).
pub fn job_kind(
    shell: &crate::layout::Shell,
    kind: prisverdig_domain::schedule::JobKind,
) -> String {
    use fluent_templates::fluent_bundle::FluentValue;
    use prisverdig_domain::schedule::JobKind;
    let key = match kind {
        JobKind::CloseCategory => "job-close-category",
        JobKind::DeadlineReminder { .. } => "job-deadline-reminder",
        JobKind::AnnounceNominees => "job-announce-nominees",
        JobKind::AnnounceResults => "job-announce-results",
        JobKind::JuryReminder { .. } => "job-jury-reminder",
        JobKind::FollowUp => "job-follow-up",
        JobKind::Retention => "job-retention",
    };
    let days = match kind {
        JobKind::DeadlineReminder { days } | JobKind::JuryReminder { days } => days,
        _ => 0,
    };
    shell
        .locale
        .t_args(key, &[("days", FluentValue::from(days))])
}

/// How a job's run went, from its stored outcome (`messages:3`, `submitted:12`, `stale`).
pub fn job_outcome(shell: &crate::layout::Shell, outcome: &str) -> String {
    use fluent_templates::fluent_bundle::FluentValue;
    let (key, n) = match outcome.split_once(':') {
        Some(("messages", n)) => ("job-outcome-messages", n),
        Some(("submitted", n)) => ("job-outcome-submitted", n),
        _ if outcome == "stale" => ("job-outcome-stale", "0"),
        _ => ("job-outcome-done", "0"),
    };
    let n: i64 = n.parse().unwrap_or(0);
    shell.locale.t_args(key, &[("count", FluentValue::from(n))])
}
