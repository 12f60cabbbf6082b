//! Every message in every language, as the recipient reads it (insta snapshots of the subject
//! and the plain text, and of the HTML layout once per language); no message misses a word.

use super::letters::{self, Tip};
use super::render::render;
use super::{Language, Letter, Sender};
use prisverdig_domain::outcome::Outcome;
use std::collections::BTreeSet;
use time::macros::datetime;

fn from() -> Sender {
    Sender {
        organisation: "Fjordvik kommune".into(),
        public_url: "https://prisverdig.fjordvik.example".into(),
    }
}

/// Every message, with the same made-up facts.
fn every_letter(lang: Language) -> Vec<(&'static str, Letter)> {
    let f = from();
    let deadline = datetime!(2026-11-01 22:59 UTC);
    let ceremony = Some(datetime!(2027-01-20 12:00 UTC));
    let app = ("Digital postkasse", "Innovasjonsprisen");
    let path = "/applications/0190-demo";
    let tip = Tip {
        tipper: "Kari Nordmann",
        email: "kari@fjordvik.example",
        unit: "Renhold",
        innovation: "Sensorstyrt renhold",
        reason: "Det virker!\nOg det sparer tid.",
    };
    let categories = [
        ("Innovasjonsprisen".to_string(), deadline),
        ("Beste feil".to_string(), deadline),
    ];
    vec![
        (
            "call",
            letters::call_for_applications(lang, &f, "Innovasjonsprisene 2027", &categories),
        ),
        ("receipt", letters::receipt(lang, &f, app, deadline, path)),
        (
            "account_invitation",
            letters::account_invitation(lang, &f, "Ola Leder", "/invitation/abc", deadline),
        ),
        (
            "team_invitation",
            letters::team_invitation(lang, &f, "Ola Leder", app.0, path),
        ),
        (
            "deadline_reminder",
            letters::deadline_reminder(lang, &f, app, (deadline, 3), path),
        ),
        (
            "deadline_reminder_one_day",
            letters::deadline_reminder(lang, &f, app, (deadline, 1), path),
        ),
        (
            "deadline_extended",
            letters::deadline_extended(lang, &f, app.1, deadline),
        ),
        (
            "nominees",
            letters::nominees_announced(lang, &f, app, ceremony, path),
        ),
        (
            "results_winner",
            letters::results_published(
                lang,
                &f,
                app,
                Some((Outcome::Winner, "Modig og enkel.")),
                path,
            ),
        ),
        (
            "results_other",
            letters::results_published(lang, &f, app, None, path),
        ),
        ("feedback", letters::feedback_ready(lang, &f, app.0, path)),
        (
            "juror_assigned",
            letters::juror_assigned(lang, &f, app.1, "chair", deadline),
        ),
        (
            "jury_reminder",
            letters::jury_reminder(lang, &f, app.1, 4, deadline),
        ),
        ("tip", letters::tip(lang, &f, &tip)),
        (
            "tip_invitation",
            letters::tip_invitation(lang, &f, "Renhold", "Sensorstyrt renhold"),
        ),
        (
            "follow_up",
            letters::follow_up(lang, &f, app, Outcome::Winner, "/follow-up/abc"),
        ),
    ]
}

fn unsubscribe(letter: &Letter) -> Option<&'static str> {
    letter
        .kind
        .optional()
        .then_some("https://prisverdig.fjordvik.example/unsubscribe/abc")
}

#[test]
fn every_message_in_every_language() {
    for lang in Language::ALL {
        for (name, letter) in every_letter(lang) {
            let r = render(lang, &from(), &letter, unsubscribe(&letter));
            let shown = format!("Subject: {}\n\n{}", r.subject, r.text);
            assert!(
                !shown.contains("[mail-"),
                "{name} ({}) misses a word:\n{shown}",
                lang.tag()
            );
            assert!(
                !r.html.contains("[mail-"),
                "{name} ({}) misses a word in HTML",
                lang.tag()
            );
            insta::assert_snapshot!(format!("{name}_{}", lang.tag()), shown);
        }
    }
}

#[test]
fn the_html_layout_in_every_language() {
    for lang in Language::ALL {
        let letter = letters::tip(
            lang,
            &from(),
            &Tip {
                tipper: "Kari <script>",
                email: "kari@fjordvik.example",
                unit: "Renhold",
                innovation: "Sensorstyrt renhold",
                reason: "Det virker!",
            },
        );
        let html = render(
            lang,
            &from(),
            &letter,
            Some("https://x.example/unsubscribe/abc"),
        )
        .html;
        assert!(
            html.contains("Kari &#60;script&#62;") || html.contains("Kari &lt;script&gt;"),
            "{html}"
        );
        insta::assert_snapshot!(format!("html_{}", lang.tag()), html);
    }
}

#[test]
fn only_optional_messages_carry_the_unsubscribe_link() {
    for (name, letter) in every_letter(Language::Nb) {
        let r = render(Language::Nb, &from(), &letter, unsubscribe(&letter));
        assert_eq!(
            r.text.contains("/unsubscribe/"),
            letter.kind.optional(),
            "{name}"
        );
    }
}

fn keys(lang: &str) -> BTreeSet<String> {
    let path = format!("{}/locales/{lang}/mail.ftl", env!("CARGO_MANIFEST_DIR"));
    std::fs::read_to_string(path)
        .unwrap()
        .lines()
        .filter_map(|l| l.split_once(" =").map(|(k, _)| k.trim().to_string()))
        .filter(|k| k.starts_with("mail-"))
        .collect()
}

#[test]
fn every_language_has_the_same_words() {
    assert_eq!(keys("nb"), keys("nn"));
    assert_eq!(keys("nb"), keys("en"));
}
