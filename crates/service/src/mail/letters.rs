//! Every message Prisverdig sends, written in the recipient's language. Each function takes
//! what the message is about and gives a [`Letter`]; the words are in `locales/*/mail.ftl`.

use super::{Language, Letter, Sender};
use fluent_templates::fluent_bundle::FluentValue;
use prisverdig_domain::mail::MailKind;
use prisverdig_domain::outcome::Outcome;
use time::OffsetDateTime;

fn v(text: &str) -> FluentValue<'static> {
    FluentValue::from(text.to_string())
}

/// The call: the round, its categories and their deadlines.
pub fn call_for_applications(
    lang: Language,
    from: &Sender,
    round: &str,
    categories: &[(String, OffsetDateTime)],
) -> Letter {
    let org = v(&from.organisation);
    let mut letter = Letter::new(
        MailKind::CallForApplications,
        lang.t("mail-call-subject", &[("round", v(round))]),
    )
    .paragraph(lang.t(
        "mail-call-intro",
        &[("round", v(round)), ("organisation", org)],
    ))
    .paragraph(lang.t("mail-call-categories", &[]))
    .action(lang.t("mail-call-action", &[]), from.link("/"));
    letter.items = categories
        .iter()
        .map(|(name, deadline)| {
            let deadline = v(&lang.date_time(*deadline));
            lang.t(
                "mail-call-item",
                &[("category", v(name)), ("deadline", deadline)],
            )
        })
        .collect();
    letter
}

/// Receipt for a submitted application.
pub fn receipt(
    lang: Language,
    from: &Sender,
    (title, category): (&str, &str),
    at: OffsetDateTime,
    path: &str,
) -> Letter {
    let args = [
        ("title", v(title)),
        ("category", v(category)),
        ("at", v(&lang.date_time(at))),
    ];
    Letter::new(MailKind::Receipt, lang.t("mail-receipt-subject", &args))
        .paragraph(lang.t("mail-receipt-body", &args))
        .action(lang.t("mail-receipt-action", &[]), from.link(path))
}

/// A link that sets a local account's password.
pub fn account_invitation(
    lang: Language,
    from: &Sender,
    inviter: &str,
    path: &str,
    expires: OffsetDateTime,
) -> Letter {
    let args = [
        ("inviter", v(inviter)),
        ("expires", v(&lang.date_time(expires))),
    ];
    Letter::new(
        MailKind::AccountInvitation,
        lang.t("mail-account-subject", &[]),
    )
    .paragraph(lang.t("mail-account-body", &args))
    .action(lang.t("mail-account-action", &[]), from.link(path))
}

/// An existing user was added to a team.
pub fn team_invitation(
    lang: Language,
    from: &Sender,
    inviter: &str,
    title: &str,
    path: &str,
) -> Letter {
    let args = [("inviter", v(inviter)), ("title", v(title))];
    Letter::new(MailKind::TeamInvitation, lang.t("mail-team-subject", &args))
        .paragraph(lang.t("mail-team-body", &args))
        .action(lang.t("mail-team-action", &[]), from.link(path))
}

/// A draft not yet submitted, `days` before the deadline.
pub fn deadline_reminder(
    lang: Language,
    from: &Sender,
    (title, category): (&str, &str),
    (deadline, days): (OffsetDateTime, i64),
    path: &str,
) -> Letter {
    let args = [
        ("title", v(title)),
        ("category", v(category)),
        ("deadline", v(&lang.date_time(deadline))),
        ("days", FluentValue::from(days)),
    ];
    Letter::new(
        MailKind::DeadlineReminder,
        lang.t("mail-reminder-subject", &args),
    )
    .paragraph(lang.t("mail-reminder-body", &args))
    .action(lang.t("mail-reminder-action", &[]), from.link(path))
}

/// A category's deadline was moved later.
pub fn deadline_extended(
    lang: Language,
    from: &Sender,
    category: &str,
    deadline: OffsetDateTime,
) -> Letter {
    let args = [
        ("category", v(category)),
        ("deadline", v(&lang.date_time(deadline))),
    ];
    Letter::new(
        MailKind::DeadlineExtended,
        lang.t("mail-extended-subject", &args),
    )
    .paragraph(lang.t("mail-extended-body", &args))
    .action(lang.t("mail-extended-action", &[]), from.link("/apply"))
}

/// A team's application was nominated.
pub fn nominees_announced(
    lang: Language,
    from: &Sender,
    (title, category): (&str, &str),
    ceremony: Option<OffsetDateTime>,
    path: &str,
) -> Letter {
    let args = [("title", v(title)), ("category", v(category))];
    let mut letter = Letter::new(
        MailKind::NomineesAnnounced,
        lang.t("mail-nominees-subject", &args),
    )
    .paragraph(lang.t("mail-nominees-body", &args));
    if let Some(at) = ceremony {
        let at = [("at", v(&lang.date_time(at)))];
        letter = letter.paragraph(lang.t("mail-nominees-ceremony", &at));
    }
    letter.action(lang.t("mail-nominees-action", &[]), from.link(path))
}

/// A category's results, as they concern one team's application.
pub fn results_published(
    lang: Language,
    from: &Sender,
    (title, category): (&str, &str),
    outcome: Option<(Outcome, &str)>,
    path: &str,
) -> Letter {
    let args = [("title", v(title)), ("category", v(category))];
    let body = match outcome.map(|(o, _)| o) {
        Some(Outcome::Winner) => "mail-results-winner",
        Some(Outcome::HonourableMention) => "mail-results-mention",
        Some(Outcome::Nominee) => "mail-results-nominee",
        None => "mail-results-other",
    };
    let mut letter = Letter::new(
        MailKind::ResultsPublished,
        lang.t("mail-results-subject", &args),
    )
    .paragraph(lang.t(body, &args));
    letter.quote = outcome
        .map(|(_, justification)| justification.trim().to_string())
        .filter(|j| !j.is_empty());
    letter.action(lang.t("mail-results-action", &[]), from.link(path))
}

/// The jury's feedback to an application can be read.
pub fn feedback_ready(lang: Language, from: &Sender, title: &str, path: &str) -> Letter {
    let args = [("title", v(title))];
    Letter::new(
        MailKind::FeedbackReady,
        lang.t("mail-feedback-subject", &args),
    )
    .paragraph(lang.t("mail-feedback-body", &args))
    .action(lang.t("mail-feedback-action", &[]), from.link(path))
}

/// A seat in a category's jury; `role` is `chair`, `deputy` or `member`.
pub fn juror_assigned(
    lang: Language,
    from: &Sender,
    category: &str,
    role: &str,
    deadline: OffsetDateTime,
) -> Letter {
    let role = lang.t(&format!("mail-juror-role-{role}"), &[]);
    let args = [
        ("category", v(category)),
        ("role", v(&role)),
        ("deadline", v(&lang.date_time(deadline))),
    ];
    Letter::new(MailKind::JurorAssigned, lang.t("mail-juror-subject", &args))
        .paragraph(lang.t("mail-juror-body", &args))
        .action(lang.t("mail-juror-action", &[]), from.link("/jury"))
}

/// A juror's reviews not yet submitted, before the jury's first publication minute.
pub fn jury_reminder(
    lang: Language,
    from: &Sender,
    category: &str,
    count: i64,
    publication: OffsetDateTime,
) -> Letter {
    let args = [
        ("category", v(category)),
        ("count", FluentValue::from(count)),
        ("at", v(&lang.date_time(publication))),
    ];
    Letter::new(
        MailKind::JuryReminder,
        lang.t("mail-jury-reminder-subject", &args),
    )
    .paragraph(lang.t("mail-jury-reminder-body", &args))
    .action(lang.t("mail-jury-reminder-action", &[]), from.link("/jury"))
}

/// What a tip says, for the administrators.
pub struct Tip<'a> {
    pub tipper: &'a str,
    pub email: &'a str,
    pub unit: &'a str,
    pub innovation: &'a str,
    pub reason: &'a str,
}

/// Someone tipped the organisers about a candidate.
pub fn tip(lang: Language, from: &Sender, tip: &Tip<'_>) -> Letter {
    let args = [("tipper", v(tip.tipper)), ("email", v(tip.email))];
    let mut letter = Letter::new(MailKind::Tip, lang.t("mail-tip-subject", &[]))
        .paragraph(lang.t("mail-tip-body", &args))
        .paragraph(lang.t("mail-tip-unit", &[("unit", v(tip.unit))]))
        .paragraph(lang.t("mail-tip-innovation", &[("innovation", v(tip.innovation))]))
        .action(lang.t("mail-tip-action", &[]), from.link("/admin/tips"));
    letter.quote = Some(tip.reason.to_string());
    letter
}

/// A tipped unit is invited to apply.
pub fn tip_invitation(lang: Language, from: &Sender, unit: &str, innovation: &str) -> Letter {
    let args = [("unit", v(unit)), ("innovation", v(innovation))];
    Letter::new(
        MailKind::TipInvitation,
        lang.t("mail-tip-invitation-subject", &[]),
    )
    .paragraph(lang.t("mail-tip-invitation-body", &args))
    .paragraph(lang.t("mail-tip-invitation-apply", &[]))
    .action(
        lang.t("mail-tip-invitation-action", &[]),
        from.link("/apply"),
    )
}

/// «Ble det varig?»: a nominated or winning team is asked whether the idea lasted.
pub fn follow_up(
    lang: Language,
    from: &Sender,
    (title, category): (&str, &str),
    outcome: Outcome,
    path: &str,
) -> Letter {
    let outcome = lang.t(&format!("mail-outcome-{}", outcome.as_str()), &[]);
    let args = [
        ("title", v(title)),
        ("category", v(category)),
        ("outcome", v(&outcome)),
    ];
    Letter::new(MailKind::FollowUp, lang.t("mail-follow-up-subject", &args))
        .paragraph(lang.t("mail-follow-up-body", &args))
        .paragraph(lang.t("mail-follow-up-shown", &[]))
        .action(lang.t("mail-follow-up-action", &[]), from.link(path))
}
