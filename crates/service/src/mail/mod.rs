//! E-mail: the messages (`letters`), their words in the recipient's language (`locales/*/mail.ftl`,
//! Bokmål by default), rendering as plain text and HTML (`render`, `templates/mail/`), queueing
//! in the outbox with the change that causes them (`queue`), and the sender that delivers the
//! outbox over SMTP or into a folder (`sender`).

pub mod admin;
mod call;
mod extension;
mod language;
pub mod letters;
mod opt_out;
mod queue;
pub mod render;
pub mod sender;
#[cfg(test)]
mod tests;

pub use language::Language;
pub use opt_out::Subscription;
pub use queue::Recipient;
pub use sender::{MailSettings, SendReport, Transport};

use prisverdig_domain::mail::MailKind;

/// Whether `text` is an address lettre can send to: `name@host` or `Name <name@host>`.
pub fn is_mailbox(text: &str) -> bool {
    text.parse::<lettre::message::Mailbox>().is_ok()
}

/// A message before rendering: its words already in the recipient's language.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Letter {
    pub kind: MailKind,
    pub subject: String,
    pub paragraphs: Vec<String>,
    /// A list under the paragraphs (the call's categories and deadlines, say).
    pub items: Vec<String>,
    /// Someone's own words, shown as a quotation (a tip's reason, say).
    pub quote: Option<String>,
    /// The one thing to do: a label and an absolute link.
    pub action: Option<(String, String)>,
}

impl Letter {
    fn new(kind: MailKind, subject: String) -> Letter {
        Letter {
            kind,
            subject,
            paragraphs: Vec::new(),
            items: Vec::new(),
            quote: None,
            action: None,
        }
    }

    fn paragraph(mut self, text: String) -> Letter {
        self.paragraphs.push(text);
        self
    }

    fn action(mut self, label: String, link: String) -> Letter {
        self.action = Some((label, link));
        self
    }
}

/// What every message says about where it comes from.
#[derive(Debug, Clone)]
pub struct Sender {
    pub organisation: String,
    /// The installation's address, without a trailing slash.
    pub public_url: String,
}

impl Sender {
    /// An absolute link to a path of this installation.
    pub fn link(&self, path: &str) -> String {
        format!("{}{path}", self.public_url.trim_end_matches('/'))
    }
}
