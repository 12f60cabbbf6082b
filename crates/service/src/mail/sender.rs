//! Delivering the outbox: claim a few due messages for a while (a lease), send each over SMTP
//! or write it into a folder as an `.eml` file, then record it. A process killed between
//! sending and recording sends that message again once the lease runs out: the one window
//! with a duplicate, which carries the same Message-ID so that mail systems can drop it.

use crate::{Result, Services};
use lettre::message::header::{HeaderName, HeaderValue};
use lettre::message::{Mailbox, MultiPart};
use lettre::transport::smtp::AsyncSmtpTransport;
use lettre::{AsyncTransport, Message, Tokio1Executor};
use prisverdig_domain::mail::{AfterFailure, RetryPolicy};
use prisverdig_domain::schedule::ScheduleSettings;
use prisverdig_store::outbox;
use std::path::PathBuf;
use time::Duration;

/// How mail is sent and what the scheduled messages need.
#[derive(Debug, Clone)]
pub struct MailSettings {
    /// The installation's address, for links in messages.
    pub public_url: String,
    /// The From address, e.g. `Prisverdig <prisverdig@kommune.no>`.
    pub from: String,
    pub reply_to: Option<String>,
    pub retry: RetryPolicy,
    /// How long one process holds the messages it claimed.
    pub lease: Duration,
    /// Messages claimed at a time.
    pub batch: i64,
    pub schedule: ScheduleSettings,
    /// Addresses that get the call for applications besides the units' leaders.
    pub call_recipients: Vec<String>,
    /// Messages are written into a folder (no SMTP server is set).
    pub to_folder: bool,
}

impl Default for MailSettings {
    fn default() -> Self {
        MailSettings {
            public_url: "http://127.0.0.1:8080".into(),
            from: "Prisverdig <prisverdig@localhost>".into(),
            reply_to: None,
            retry: RetryPolicy::default(),
            lease: Duration::minutes(5),
            batch: 20,
            schedule: ScheduleSettings::default(),
            call_recipients: Vec::new(),
            to_folder: true,
        }
    }
}

/// Where messages go.
#[derive(Clone)]
pub enum Transport {
    Smtp(AsyncSmtpTransport<Tokio1Executor>),
    /// Each message as `<outbox id>.eml` in this folder (the embedded default and the demo).
    Folder(PathBuf),
}

impl Transport {
    /// An SMTP server by URL: `smtp://host:25` (plain), `smtp://user:pass@host:587?tls=required`
    /// (STARTTLS), `smtps://user:pass@host:465` (TLS).
    pub fn smtp(url: &str) -> std::result::Result<Transport, String> {
        let builder = AsyncSmtpTransport::<Tokio1Executor>::from_url(url)
            .map_err(|e| format!("cannot use the SMTP address: {e}"))?;
        let transport = builder
            .timeout(Some(std::time::Duration::from_secs(30)))
            .build();
        Ok(Transport::Smtp(transport))
    }

    async fn deliver(&self, name: &str, message: &Message) -> std::result::Result<(), Failure> {
        match self {
            Transport::Smtp(smtp) => {
                smtp.send(message.clone())
                    .await
                    .map(|_| ())
                    .map_err(|e| Failure {
                        permanent: e.is_permanent(),
                        error: e.to_string(),
                    })
            }
            Transport::Folder(dir) => {
                write_file(dir, name, &message.formatted())
                    .await
                    .map_err(|e| Failure {
                        permanent: false,
                        error: e.to_string(),
                    })
            }
        }
    }
}

/// Writes the whole file under another name first, so a reader never sees half of it.
async fn write_file(dir: &std::path::Path, name: &str, bytes: &[u8]) -> std::io::Result<()> {
    tokio::fs::create_dir_all(dir).await?;
    let part = dir.join(format!(".{name}.part"));
    tokio::fs::write(&part, bytes).await?;
    tokio::fs::rename(&part, dir.join(format!("{name}.eml"))).await
}

struct Failure {
    /// The server refused for good (an unknown mailbox, say): trying again will not help.
    permanent: bool,
    error: String,
}

/// What one pass of the sender did.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct SendReport {
    pub sent: usize,
    pub retried: usize,
    pub given_up: usize,
}

impl Services {
    /// Whether messages go into the data directory's mail folder rather than to a server.
    pub fn mail_to_folder(&self) -> bool {
        self.mail.to_folder
    }

    /// Sends the messages that are due, a batch at a time, until none is left.
    pub async fn send_due_mail(&self, transport: &Transport) -> Result<SendReport> {
        let mut report = SendReport::default();
        loop {
            let now = self.clock.now();
            let lease_until = now + self.mail.lease;
            let batch = outbox::claim(&self.db, now, lease_until, self.mail.batch).await?;
            if batch.is_empty() {
                return Ok(report);
            }
            for message in batch {
                self.send_one(transport, &message, &mut report).await?;
            }
        }
    }

    async fn send_one(
        &self,
        transport: &Transport,
        message: &outbox::Message,
        report: &mut SendReport,
    ) -> Result<()> {
        let id = message.id;
        let message_id = self.message_id(id);
        let outcome = match self.compose(message, &message_id) {
            Ok(mail) => transport.deliver(&id.to_string(), &mail).await,
            Err(error) => Err(Failure {
                permanent: true,
                error,
            }),
        };
        let now = self.clock.now();
        match outcome {
            Ok(()) => {
                outbox::mark_sent(&self.db, id, now, &message_id).await?;
                report.sent += 1;
            }
            Err(failure) => {
                let after = if failure.permanent {
                    AfterFailure::GiveUp
                } else {
                    self.mail
                        .retry
                        .after_failure(message.created_at, message.attempts, now)
                };
                tracing::warn!(outbox = %id, error = %failure.error, "could not send an e-mail");
                let retry_at = match after {
                    AfterFailure::RetryAt(at) => {
                        report.retried += 1;
                        Some(at)
                    }
                    AfterFailure::GiveUp => {
                        report.given_up += 1;
                        None
                    }
                };
                outbox::mark_failed(&self.db, id, now, &failure.error, retry_at).await?;
            }
        }
        Ok(())
    }

    /// The same for every attempt at one message, so that a duplicate can be recognised.
    pub(super) fn message_id(&self, id: uuid::Uuid) -> String {
        let host = self
            .mail
            .public_url
            .split("://")
            .nth(1)
            .and_then(|rest| rest.split(['/', ':']).next())
            .filter(|h| !h.is_empty())
            .unwrap_or("prisverdig.invalid");
        format!("<{id}@{host}>")
    }

    /// The stored message as an e-mail: text and HTML, From, Reply-To, List-Unsubscribe.
    pub(super) fn compose(
        &self,
        message: &outbox::Message,
        message_id: &str,
    ) -> std::result::Result<Message, String> {
        let parse = |what: &str, address: &str| {
            address
                .parse::<Mailbox>()
                .map_err(|e| format!("{what} {address:?}: {e}"))
        };
        let mut builder = Message::builder()
            .from(parse("from", &self.mail.from)?)
            .to(parse("recipient", &message.recipient)?)
            .subject(message.subject.clone())
            .message_id(Some(message_id.to_string()));
        if let Some(reply_to) = &self.mail.reply_to {
            builder = builder.reply_to(parse("reply-to", reply_to)?);
        }
        if let Some(link) = &message.unsubscribe_url {
            let name = HeaderName::new_from_ascii_str("List-Unsubscribe");
            builder = builder.raw_header(HeaderValue::new(name, format!("<{link}>")));
        }
        let body = match &message.html {
            Some(html) => MultiPart::alternative_plain_html(message.text.clone(), html.clone()),
            None => MultiPart::alternative()
                .singlepart(lettre::message::SinglePart::plain(message.text.clone())),
        };
        builder.multipart(body).map_err(|e| e.to_string())
    }

    /// Sends due mail every `every` until the process stops; a failure is logged and the
    /// next pass tries again.
    pub async fn run_mail_sender(&self, transport: Transport, every: std::time::Duration) {
        let mut tick = tokio::time::interval(every);
        tick.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
        loop {
            tick.tick().await;
            if let Err(e) = self.send_due_mail(&transport).await {
                tracing::warn!(error = %e, "the e-mail sender could not run");
            }
        }
    }
}
