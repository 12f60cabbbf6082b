//! The language a message is written in: the recipient's saved language, Bokmål by default.

use fluent_templates::fluent_bundle::FluentValue;
use fluent_templates::{LanguageIdentifier, Loader, langid, static_loader};
use std::borrow::Cow;
use std::collections::HashMap;
use time::OffsetDateTime;
use time_tz::{OffsetDateTimeExt, timezones};

static_loader! {
    static MAIL_LOCALES = {
        locales: "./locales",
        fallback_language: "nb",
        customise: |bundle| bundle.set_use_isolating(false),
    };
}

static NB: LanguageIdentifier = langid!("nb");
static NN: LanguageIdentifier = langid!("nn");
static EN: LanguageIdentifier = langid!("en");

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Hash)]
pub enum Language {
    #[default]
    Nb,
    Nn,
    En,
}

impl Language {
    pub const ALL: [Language; 3] = [Language::Nb, Language::Nn, Language::En];

    pub fn tag(self) -> &'static str {
        match self {
            Language::Nb => "nb",
            Language::Nn => "nn",
            Language::En => "en",
        }
    }

    /// A saved tag (`nb`, `nn-NO`, `en`…); anything else, or nothing, is Bokmål.
    pub fn from_saved(tag: Option<&str>) -> Language {
        let primary = tag
            .and_then(|t| t.trim().split(['-', '_']).next())
            .map(str::to_ascii_lowercase);
        match primary.as_deref() {
            Some("nn") => Language::Nn,
            Some("en") => Language::En,
            _ => Language::Nb,
        }
    }

    fn id(self) -> &'static LanguageIdentifier {
        match self {
            Language::Nb => &NB,
            Language::Nn => &NN,
            Language::En => &EN,
        }
    }

    /// The words of `key` with `args`; a missing key shows as itself (a test renders every
    /// message in every language and fails on one).
    pub fn t(self, key: &str, args: &[(&str, FluentValue<'static>)]) -> String {
        let args: HashMap<Cow<'static, str>, FluentValue> = args
            .iter()
            .map(|(k, v)| (Cow::Owned((*k).to_string()), v.clone()))
            .collect();
        MAIL_LOCALES
            .try_lookup_with_args(self.id(), key, &args)
            .unwrap_or_else(|| format!("[{key}]"))
    }

    /// A minute in Oslo, e.g. «1. november 2026 kl. 23:59» / «1 November 2026 at 23:59».
    pub fn date_time(self, at: OffsetDateTime) -> String {
        let local = at.to_timezone(timezones::db::europe::OSLO);
        let month = self.t(&format!("mail-month-{}", u8::from(local.month())), &[]);
        self.t(
            "mail-date-time",
            &[
                ("day", local.day().to_string().into()),
                ("month", month.into()),
                ("year", local.year().to_string().into()),
                (
                    "time",
                    format!("{:02}:{:02}", local.hour(), local.minute()).into(),
                ),
            ],
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::datetime;

    #[test]
    fn minutes_are_shown_in_oslo_in_each_language() {
        let at = datetime!(2026-11-01 22:59 UTC);
        assert_eq!(Language::Nb.date_time(at), "1. november 2026 kl. 23:59");
        assert_eq!(Language::En.date_time(at), "1 November 2026 at 23:59");
    }

    #[test]
    fn an_unknown_saved_language_is_bokmal() {
        assert_eq!(Language::from_saved(Some("nn-NO")), Language::Nn);
        assert_eq!(Language::from_saved(Some("de")), Language::Nb);
        assert_eq!(Language::from_saved(None), Language::Nb);
    }
}
