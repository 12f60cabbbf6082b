//! The e-mail settings: the SMTP server (or the mail folder when none is set), the sender's
//! addresses, how long the sender keeps trying, and the days reminders and the follow-up go.

use super::{Raw, parse};
use prisverdig_service::mail::{MailSettings, Transport};
use std::path::Path;

#[derive(Debug, Clone)]
pub struct MailConfig {
    /// Unset: messages are written as `.eml` files into `<data_dir>/mail`.
    pub smtp_url: Option<String>,
    pub from: String,
    pub reply_to: Option<String>,
    pub give_up_hours: i64,
    pub reminder_days: Vec<i64>,
    pub jury_reminder_days: Vec<i64>,
    /// 0: the follow-up is never asked.
    pub follow_up_days: i64,
    pub call_recipients: Vec<String>,
}

/// A list as TOML writes it (`[14, 3]`, `["a@b.no"]`) or as an environment variable does
/// (`14,3`, `a@b.no, c@d.no`): its items, trimmed and unquoted.
pub(super) fn items(value: &str) -> Vec<String> {
    value
        .trim()
        .trim_start_matches('[')
        .trim_end_matches(']')
        .split(',')
        .map(|item| item.trim().trim_matches('"').trim().to_string())
        .filter(|item| !item.is_empty())
        .collect()
}

fn days(value: &str, max: i64) -> Option<Vec<i64>> {
    let days: Option<Vec<i64>> = items(value)
        .iter()
        .map(|d| d.parse().ok().filter(|d| (1..=max).contains(d)))
        .collect();
    days.filter(|d| d.len() <= 10)
}

/// An address as lettre reads it: `name@host` or `Name <name@host>`.
fn mailbox(value: &str) -> Option<String> {
    prisverdig_service::mail::is_mailbox(value).then(|| value.to_string())
}

pub(super) fn load(raw: &Raw) -> Result<MailConfig, String> {
    Ok(MailConfig {
        smtp_url: parse(
            raw,
            "smtp_url",
            None,
            "an SMTP address (smtp://host:25, smtp://user:password@host:587?tls=required or smtps://user:password@host:465)",
            |v| Transport::smtp(v).ok().map(|_| Some(v.to_string())),
        )?,
        from: parse(
            raw,
            "mail_from",
            "Prisverdig <prisverdig@localhost>".to_string(),
            "an address like «Prisverdig <prisverdig@kommune.no>»",
            mailbox,
        )?,
        reply_to: parse(
            raw,
            "mail_reply_to",
            None,
            "an address like «Innovasjon <innovasjon@kommune.no>»",
            |v| mailbox(v).map(Some),
        )?,
        give_up_hours: parse(
            raw,
            "mail_give_up_hours",
            48,
            "a whole number of hours from 1 to 720",
            |v| v.parse().ok().filter(|h| (1..=720).contains(h)),
        )?,
        reminder_days: parse(
            raw,
            "reminder_days",
            vec![14, 3],
            "a list of at most 10 whole numbers of days from 1 to 365, like [14, 3]",
            |v| days(v, 365),
        )?,
        jury_reminder_days: parse(
            raw,
            "jury_reminder_days",
            vec![3],
            "a list of at most 10 whole numbers of days from 1 to 365, like [7, 2]",
            |v| days(v, 365),
        )?,
        follow_up_days: parse(
            raw,
            "follow_up_days",
            365,
            "a whole number of days from 0 (never) to 1825",
            |v| v.parse().ok().filter(|d| (0..=1825).contains(d)),
        )?,
        call_recipients: parse(
            raw,
            "call_recipients",
            Vec::new(),
            "a list of e-mail addresses, like [\"postmottak@kommune.no\"]",
            |v| items(v).into_iter().map(|a| mailbox(&a)).collect(),
        )?,
    })
}

impl MailConfig {
    /// The service's settings, with links to `public_url`.
    pub fn service_settings(&self, public_url: &str) -> MailSettings {
        let follow_up =
            (self.follow_up_days > 0).then(|| time::Duration::days(self.follow_up_days));
        MailSettings {
            public_url: public_url.to_string(),
            from: self.from.clone(),
            reply_to: self.reply_to.clone(),
            retry: prisverdig_domain::mail::RetryPolicy {
                give_up_after: time::Duration::hours(self.give_up_hours),
            },
            schedule: prisverdig_domain::schedule::ScheduleSettings {
                reminder_days: self.reminder_days.clone(),
                jury_reminder_days: self.jury_reminder_days.clone(),
                follow_up_after: follow_up,
            },
            call_recipients: self.call_recipients.clone(),
            to_folder: self.smtp_url.is_none(),
            ..MailSettings::default()
        }
    }

    /// Where messages go: the SMTP server, or the data directory's mail folder.
    pub fn transport(&self, data_dir: &Path) -> Result<Transport, String> {
        match &self.smtp_url {
            Some(url) => Transport::smtp(url),
            None => Ok(Transport::Folder(data_dir.join("mail"))),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lists_are_read_as_toml_writes_them_and_as_the_environment_does() {
        assert_eq!(days("[14, 3]", 365), Some(vec![14, 3]));
        assert_eq!(days("7,2", 365), Some(vec![7, 2]));
        assert_eq!(days("[0]", 365), None);
        assert_eq!(items(r#"["a@b.no", "c@d.no"]"#), ["a@b.no", "c@d.no"]);
        assert!(mailbox("Prisverdig <p@kommune.no>").is_some());
        assert!(mailbox("not an address").is_none());
    }
}
