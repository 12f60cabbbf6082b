//! E-mail through a real SMTP server on loopback (issue 13): messages arrive with the right
//! recipient, language and content; they wait while the server is down and arrive once it is
//! back; two senders on one database send each message once; a sender killed between sending
//! and recording sends that message again (the one documented duplicate, counted here).

use crate::catalogue::{setup, submitted};
use crate::fixtures::user_row;
use crate::harness::TestApp;
use crate::on_both_backends;
use crate::smtp_sink::SmtpSink;
use prisverdig_domain::category::CategoryKind;
use prisverdig_domain::mail::MailKind;
use prisverdig_service::mail::{SendReport, Transport};
use prisverdig_store::outbox::{self, Outgoing};
use std::collections::HashSet;
use time::Duration;

async fn set_language(app: &TestApp, email: &str, tag: &str) {
    prisverdig_store::on_pool!(app.services.db(), |pool| sqlx::query(
        "UPDATE users SET locale = $1 WHERE email = $2"
    )
    .bind(tag)
    .bind(email)
    .execute(pool)
    .await
    .map(|_| ()))
    .unwrap();
}

async fn outbox_count(app: &TestApp, condition: &str) -> i64 {
    let sql = format!("SELECT COUNT(*) FROM outbox WHERE {condition}");
    prisverdig_store::on_pool!(app.services.db(), |pool| sqlx::query_scalar(
        sqlx::AssertSqlSafe(sql.clone())
    )
    .fetch_one(pool)
    .await)
    .unwrap()
}

/// Queues `n` plain messages straight into the outbox (the load for the two-sender test).
async fn queue_many(app: &TestApp, n: usize) {
    let now = app.services.clock.now();
    let mut tx = app.services.db().begin().await.unwrap();
    for i in 0..n {
        let subject = format!("Melding {i}");
        let msg = Outgoing {
            kind: MailKind::Tip,
            language: "nb",
            recipient: "admin@fjordvik.example",
            user_id: None,
            subject: &subject,
            text: "Hei",
            html: None,
            dedupe_key: None,
            unsubscribe_url: None,
        };
        outbox::queue(&mut tx, now, &msg).await.unwrap();
    }
    tx.commit().await.unwrap();
}

fn smtp(sink: &SmtpSink) -> Transport {
    Transport::smtp(&sink.url()).unwrap()
}

on_both_backends! {
    async fn a_receipt_arrives_over_smtp_in_the_recipients_language(app) {
        let round = setup(app).await;
        set_language(app, "kari@fjordvik.example", "nn").await;
        let id = submitted(app, &round, CategoryKind::Innovation, "Digital postkasse", None).await;
        let sink = SmtpSink::start().await;
        let report = app.services.send_due_mail(&smtp(&sink)).await.unwrap();
        assert_eq!(report, SendReport { sent: 1, retried: 0, given_up: 0 });
        let got = sink.received();
        assert_eq!(got.len(), 1);
        assert_eq!(got[0].recipients, ["kari@fjordvik.example"]);
        let (subject, text, html) = got[0].parsed();
        assert_eq!(subject, "Søknaden er motteken: Digital postkasse");
        assert!(text.contains("Takk! Søknaden «Digital postkasse» til Innovasjonsprisen vart send inn"), "{text}");
        assert!(text.contains(&format!("http://prisverdig.test/applications/{id}/receipt")), "{text}");
        assert!(text.contains("Helsing Fjordvik kommune"), "{text}");
        assert!(html.contains(r#"<html lang="nn">"#), "{html}");
        assert!(got[0].header("Message-ID").unwrap().starts_with('<'));
        assert!(got[0].header("From").unwrap().contains("prisverdig@localhost"));
        // A receipt cannot be turned off: it has no unsubscribe link.
        assert!(got[0].header("List-Unsubscribe").is_none());
        assert_eq!(outbox_count(app, "sent_at IS NOT NULL").await, 1);
        // Nothing is sent twice.
        let again = app.services.send_due_mail(&smtp(&sink)).await.unwrap();
        assert_eq!(again.sent, 0);
        assert_eq!(sink.received().len(), 1);
    }

    async fn messages_wait_while_the_server_is_down_and_arrive_once_it_is_back(app) {
        let round = setup(app).await;
        submitted(app, &round, CategoryKind::Innovation, "Digital postkasse", None).await;
        let sink = SmtpSink::start().await;
        let transport = smtp(&sink);
        sink.stop();
        let report = app.services.send_due_mail(&transport).await.unwrap();
        assert_eq!(report, SendReport { sent: 0, retried: 1, given_up: 0 });
        assert_eq!(outbox_count(app, "last_error IS NOT NULL AND attempts = 1 AND sent_at IS NULL").await, 1);
        // Not due again until its backoff has passed.
        sink.restart().await;
        assert_eq!(app.services.send_due_mail(&transport).await.unwrap().sent, 0);
        let now = app.services.clock.now();
        app.clock.set(now + Duration::minutes(2));
        assert_eq!(app.services.send_due_mail(&transport).await.unwrap().sent, 1);
        assert_eq!(sink.received().len(), 1);
        assert_eq!(outbox_count(app, "sent_at IS NOT NULL AND last_error IS NULL").await, 1);
    }

    async fn a_message_given_up_is_shown_and_can_be_sent_again(app) {
        let round = setup(app).await;
        submitted(app, &round, CategoryKind::Innovation, "Digital postkasse", None).await;
        let sink = SmtpSink::start().await;
        let transport = smtp(&sink);
        sink.stop();
        let mut given_up = 0;
        for _ in 0..40 {
            given_up += app.services.send_due_mail(&transport).await.unwrap().given_up;
            let now = app.services.clock.now();
            app.clock.set(now + Duration::hours(2));
        }
        assert_eq!(given_up, 1);
        assert_eq!(outbox_count(app, "failed_at IS NOT NULL").await, 1);
        crate::admin::admin(app).await;
        let page = app.get("/admin/outbox?state=failed").await.text().await.unwrap();
        assert!(page.contains("Søknaden er mottatt: Digital postkasse"), "{page}");
        assert!(page.contains("Avsenderen ga opp"), "{page}");
        let id: uuid::Uuid = prisverdig_store::on_pool!(app.services.db(), |pool| sqlx::query_scalar(
            "SELECT id FROM outbox").fetch_one(pool).await).unwrap();
        let eml = app.get(&format!("/admin/outbox/{id}/message.eml")).await;
        assert_eq!(eml.headers()["content-type"], "message/rfc822");
        assert!(eml.text().await.unwrap().contains("To: kari@fjordvik.example"));
        let res = app.post_form("/admin/outbox?state=failed", &format!("/admin/outbox/{id}/resend"), &[]).await;
        assert_eq!(res.status(), 303);
        sink.restart().await;
        assert_eq!(app.services.send_due_mail(&transport).await.unwrap().sent, 1);
        assert_eq!(sink.received().len(), 1);
        let audit = app.get("/admin/audit?action=mail.resend").await.text().await.unwrap();
        assert!(audit.contains("Sendte e-post igjen"), "{audit}");
    }

    async fn two_senders_on_one_database_send_each_message_once(app) {
        setup(app).await;
        queue_many(app, 300).await;
        let other = app.another_process().await;
        let sink = SmtpSink::start().await;
        let (a, b) = (smtp(&sink), smtp(&sink));
        let (one, two) = tokio::join!(
            app.services.send_due_mail(&a),
            other.send_due_mail(&b),
        );
        let (one, two) = (one.unwrap(), two.unwrap());
        assert_eq!(one.sent + two.sent, 300, "{one:?} {two:?}");
        let got = sink.received();
        let subjects: HashSet<String> = got.iter().map(|r| r.parsed().0).collect();
        assert_eq!(got.len(), 300, "each message arrived once");
        assert_eq!(subjects.len(), 300);
        assert_eq!(outbox_count(app, "sent_at IS NOT NULL").await, 300);
    }

    async fn a_sender_killed_between_sending_and_recording_sends_once_more_after_its_lease(app) {
        let round = setup(app).await;
        submitted(app, &round, CategoryKind::Innovation, "Digital postkasse", None).await;
        let sink = std::sync::Arc::new(SmtpSink::start().await);
        // The server keeps the message, then is slow to say «accepted»: the sender is killed
        // in between, after delivery and before it records the delivery.
        sink.delay_acceptance(5_000);
        let services = app.services.clone();
        let transport = smtp(&sink);
        let dying = tokio::spawn(async move { services.send_due_mail(&transport).await });
        for _ in 0..200 {
            if !sink.received().is_empty() { break; }
            tokio::time::sleep(std::time::Duration::from_millis(10)).await;
        }
        dying.abort();
        assert_eq!(sink.received().len(), 1, "delivered once");
        assert_eq!(outbox_count(app, "sent_at IS NULL").await, 1, "but not recorded");
        sink.delay_acceptance(0);
        // Held by the dead sender's lease; afterwards it is sent again, with the same
        // Message-ID, so a mail system can drop the duplicate.
        assert_eq!(app.services.send_due_mail(&smtp(&sink)).await.unwrap().sent, 0);
        let now = app.services.clock.now();
        app.clock.set(now + Duration::minutes(6));
        assert_eq!(app.services.send_due_mail(&smtp(&sink)).await.unwrap().sent, 1);
        let got = sink.received();
        assert_eq!(got.len(), 2, "the documented duplicate of that window, and only one");
        assert_eq!(got[0].header("Message-ID"), got[1].header("Message-ID"));
        assert_eq!(outbox_count(app, "sent_at IS NOT NULL").await, 1);
    }

    async fn without_a_mail_server_each_message_is_a_file(app) {
        let round = setup(app).await;
        submitted(app, &round, CategoryKind::Innovation, "Digital postkasse", None).await;
        let dir = std::env::temp_dir().join(format!("prisverdig-mail-{}", uuid::Uuid::now_v7()));
        let report = app.services.send_due_mail(&Transport::Folder(dir.clone())).await.unwrap();
        assert_eq!(report.sent, 1);
        let files: Vec<_> = std::fs::read_dir(&dir).unwrap().flatten().collect();
        assert_eq!(files.len(), 1);
        let name = files[0].file_name().into_string().unwrap();
        assert!(name.ends_with(".eml"), "{name}");
        let text = std::fs::read_to_string(files[0].path()).unwrap();
        assert!(text.contains("To: kari@fjordvik.example"));
        std::fs::remove_dir_all(&dir).unwrap();
        let user = user_row(app, "kari@fjordvik.example").await;
        assert!(app.services.outbox(&user, prisverdig_service::model::OutboxState::Sent, 1).await.is_err(), "only administrators see the outbox");
    }
}
