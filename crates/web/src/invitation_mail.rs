//! The invitation e-mail's words, in the inviter's language: sent when an administrator
//! adds a user or renews a link, and when an applicant adds a team member.

use crate::format::date_time;
use crate::i18n::Locale;
use fluent_templates::fluent_bundle::FluentValue;
use prisverdig_service::invitations::InvitationMail;
use time::OffsetDateTime;

/// The invitation e-mail for a link path, written by `inviter` in `locale`.
pub(crate) fn mail_composer(
    locale: Locale,
    inviter: &str,
    public_url: &str,
) -> impl Fn(&str, OffsetDateTime) -> InvitationMail + Send + Sync + use<> {
    let (inviter, base) = (inviter.to_string(), public_url.to_string());
    move |path, expires_at| InvitationMail {
        subject: locale.t("mail-invitation-subject"),
        body: locale.t_args(
            "mail-invitation-body",
            &[
                ("inviter", FluentValue::from(inviter.clone())),
                ("link", FluentValue::from(format!("{base}{path}"))),
                ("expires", FluentValue::from(date_time(locale, expires_at))),
            ],
        ),
    }
}
