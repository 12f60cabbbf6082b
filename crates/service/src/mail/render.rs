//! A [`Letter`] as the e-mail's plain-text and HTML parts, with the greeting, the signature,
//! where it comes from and, for a message one may turn off, the unsubscribe link.

use super::{Language, Letter, Sender};
use askama::Template;
use fluent_templates::fluent_bundle::FluentValue;

/// A message ready for the outbox.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Rendered {
    pub subject: String,
    pub text: String,
    pub html: String,
}

#[derive(Template)]
#[template(path = "mail/letter.txt", escape = "none")]
struct Text<'a> {
    page: &'a Page<'a>,
}

#[derive(Template)]
#[template(path = "mail/letter.html")]
struct Html<'a> {
    page: &'a Page<'a>,
}

/// What both parts show.
struct Page<'a> {
    lang: &'static str,
    letter: &'a Letter,
    greeting: String,
    signature: String,
    about: String,
    home: &'a str,
    /// The sentence before the link, the link's label, the link.
    unsubscribe: Option<(String, String, &'a str)>,
}

/// Renders `letter` in `lang`; `unsubscribe` is the link for a message one may turn off.
pub fn render(
    lang: Language,
    from: &Sender,
    letter: &Letter,
    unsubscribe: Option<&str>,
) -> Rendered {
    let org = [("organisation", FluentValue::from(from.organisation.clone()))];
    let page = Page {
        lang: lang.tag(),
        letter,
        greeting: lang.t("mail-greeting", &[]),
        signature: lang.t("mail-signature", &org),
        about: lang.t("mail-about", &org),
        home: &from.public_url,
        unsubscribe: unsubscribe.map(|link| {
            (
                lang.t("mail-unsubscribe", &[]),
                lang.t("mail-unsubscribe-label", &[]),
                link,
            )
        }),
    };
    Rendered {
        subject: letter.subject.clone(),
        // Templates of our own with owned values: rendering cannot fail but for a
        // formatter's error, which an empty part would hide; keep what was written.
        text: Text { page: &page }.render().unwrap_or_default(),
        html: Html { page: &page }.render().unwrap_or_default(),
    }
}
