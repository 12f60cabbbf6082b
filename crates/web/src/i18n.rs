//! Translations through Fluent (`locales/<lang>/*.ftl`): Bokmål is the default, Nynorsk
//! and English follow. Every user-visible string goes through [`Locale::t`].

use fluent_templates::fluent_bundle::FluentValue;
use fluent_templates::{LanguageIdentifier, Loader, langid, static_loader};
use std::borrow::Cow;
use std::collections::HashMap;

static_loader! {
    pub static LOCALES = {
        locales: "./locales",
        fallback_language: "nb",
        customise: |bundle| bundle.set_use_isolating(false),
    };
}

static NB: LanguageIdentifier = langid!("nb");
static NN: LanguageIdentifier = langid!("nn");
static EN: LanguageIdentifier = langid!("en");

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Locale {
    #[default]
    Nb,
    Nn,
    En,
}

impl Locale {
    pub const ALL: [Locale; 3] = [Locale::Nb, Locale::Nn, Locale::En];

    /// The same language for an e-mail the service writes.
    pub fn mail_language(self) -> prisverdig_service::mail::Language {
        match self {
            Locale::Nb => prisverdig_service::mail::Language::Nb,
            Locale::Nn => prisverdig_service::mail::Language::Nn,
            Locale::En => prisverdig_service::mail::Language::En,
        }
    }

    /// The language a round's printed matter is written in.
    pub fn from_language(language: prisverdig_domain::language::Language) -> Locale {
        use prisverdig_domain::language::Language;
        match language {
            Language::Nb => Locale::Nb,
            Language::Nn => Locale::Nn,
            Language::En => Locale::En,
        }
    }

    /// The BCP 47 tag, also used as `<html lang>`.
    pub fn tag(self) -> &'static str {
        match self {
            Locale::Nb => "nb",
            Locale::Nn => "nn",
            Locale::En => "en",
        }
    }

    fn langid(self) -> &'static LanguageIdentifier {
        match self {
            Locale::Nb => &NB,
            Locale::Nn => &NN,
            Locale::En => &EN,
        }
    }

    /// Parses a tag such as `nb`, `nb-NO`, `no`, `nn-NO` or `en-GB`.
    pub fn parse(tag: &str) -> Option<Locale> {
        let primary = tag.trim().split(['-', '_']).next()?.to_ascii_lowercase();
        match primary.as_str() {
            "nb" | "no" => Some(Locale::Nb),
            "nn" => Some(Locale::Nn),
            "en" => Some(Locale::En),
            _ => None,
        }
    }

    /// Picks the best supported language from an `Accept-Language` header, by q-value.
    pub fn from_accept_language(header: &str) -> Option<Locale> {
        let mut offers: Vec<(f32, Locale)> = header
            .split(',')
            .filter_map(|part| {
                let mut pieces = part.split(';');
                let locale = Locale::parse(pieces.next()?)?;
                let q = pieces
                    .find_map(|p| p.trim().strip_prefix("q="))
                    .and_then(|q| q.parse::<f32>().ok())
                    .unwrap_or(1.0);
                (q > 0.0).then_some((q, locale))
            })
            .collect();
        offers.sort_by(|a, b| b.0.total_cmp(&a.0));
        offers.first().map(|(_, l)| *l)
    }

    /// The translation of `key`.
    pub fn t(self, key: &str) -> String {
        LOCALES.lookup(self.langid(), key)
    }

    /// The translation of `key` with named arguments.
    pub fn t_args(self, key: &str, args: &[(&'static str, FluentValue<'static>)]) -> String {
        let map: HashMap<Cow<'static, str>, FluentValue<'static>> = args
            .iter()
            .map(|(k, v)| (Cow::Borrowed(*k), v.clone()))
            .collect();
        LOCALES.lookup_with_args(self.langid(), key, &map)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accept_language_respects_quality() {
        assert_eq!(
            Locale::from_accept_language("en-GB,en;q=0.9,nb;q=0.8"),
            Some(Locale::En)
        );
        assert_eq!(
            Locale::from_accept_language("de, nn;q=0.5, en;q=0.4"),
            Some(Locale::Nn)
        );
        assert_eq!(Locale::from_accept_language("no"), Some(Locale::Nb));
        assert_eq!(Locale::from_accept_language("de, fr"), None);
        assert_eq!(Locale::from_accept_language("en;q=0"), None);
    }

    #[test]
    fn every_locale_translates() {
        assert_eq!(Locale::Nb.t("nav-home"), "Forside");
        assert_eq!(Locale::En.t("nav-home"), "Home");
        assert_ne!(
            Locale::Nn.t("skip-to-content"),
            Locale::Nb.t("skip-to-content")
        );
    }
}
