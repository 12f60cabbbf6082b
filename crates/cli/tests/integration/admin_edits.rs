//! An administrator's edits that succeed: each form posted with changed values redirects,
//! and the stored values come back in the same form and on the pages that show them.

use crate::admin::{admin, round_input};
use crate::harness::TestApp;
use crate::on_both_backends;
use prisverdig_domain::setup::{CriterionInput, QuestionInput};

/// Posts `fields` to the form at `path` (its own action) and expects a redirect.
async fn edit(app: &TestApp, path: &str, fields: &[(&str, &str)]) {
    let res = app.post_form(path, path, fields).await;
    let status = res.status();
    assert_eq!(status, 303, "{path}: {}", res.text().await.unwrap());
}

/// The form at `path` as it now shows.
async fn form(app: &TestApp, path: &str) -> String {
    let res = app.get(path).await;
    assert_eq!(res.status(), 200, "{path}");
    res.text().await.unwrap()
}

on_both_backends! {
    async fn an_administrators_edits_are_stored_and_shown(app) {
        let user = admin(app).await;
        let round = app.services.create_round(&user, &round_input("2020"), true).await.unwrap();
        let round_edit = format!("/admin/rounds/{round}/edit");
        let version = crate::harness::hidden_value(&form(app, &round_edit).await, "version").unwrap();
        edit(app, &round_edit, &[("version", version.as_str()), ("year", "2020"), ("title", "Nyskapingsprisene 2020"), ("description", "Nå med kaffe."),
            ("ceremony_name", "Vårsleppet"), ("ceremony_date", "2020-03-02"), ("ceremony_time", "18:30"),
            ("ceremony_place", "Rådhuset"), ("visibility", "after_deadline")]).await;
        let page = form(app, &round_edit).await;
        for shown in ["value=\"Nyskapingsprisene 2020\"", ">Nå med kaffe.<", "value=\"Vårsleppet\"", "value=\"2020-03-02\"",
                      "value=\"18:30\"", "value=\"Rådhuset\"", "value=\"after_deadline\" checked"] {
            assert!(page.contains(shown), "the round form shows {shown}");
        }
        assert!(!page.contains("value=\"on_submit\" checked"), "the old visibility is gone");
        assert!(form(app, &format!("/admin/rounds/{round}")).await.contains("Nyskapingsprisene 2020"), "the round's page too");

        let category = app.services.round_view(&user, round).await.unwrap().categories[0].id;
        let category_edit = format!("/admin/categories/{category}");
        edit(app, &category_edit, &[("kind", "innovation"), ("name", "Skoleprisen"), ("description", "For skolene."),
            ("prize_sum_kr", "60000"), ("deadline_date", "2020-11-20"), ("deadline_time", "12:00"),
            ("extended_date", "2020-11-27"), ("extended_time", "12:00"), ("blind", "1")]).await;
        let page = form(app, &category_edit).await;
        for shown in ["value=\"Skoleprisen\"", ">For skolene.<", "value=\"60000\"", "value=\"2020-11-20\"", "value=\"2020-11-27\"",
                      "value=\"12:00\"", "name=\"blind\" value=\"1\" checked"] {
            assert!(page.contains(shown), "the category form shows {shown}");
        }
        assert!(form(app, &format!("/admin/rounds/{round}")).await.contains("Skoleprisen"), "the round lists the new name");

        let criterion = CriterionInput { text: "Er det tatt i bruk?", help: "", weight: "2", shape: "yes_no", scale_min: "", scale_max: "" };
        let criterion = app.services.add_criterion(&user, category, &criterion).await.unwrap();
        let criterion_edit = format!("/admin/categories/{category}/criteria/{criterion}");
        edit(app, &criterion_edit, &[("text", "Brukes det hver dag?"), ("help", "Tell dager."), ("weight", "3"),
            ("shape", "range"), ("scale_min", "1"), ("scale_max", "6")]).await;
        let page = form(app, &criterion_edit).await;
        for shown in [">Brukes det hver dag?<", ">Tell dager.<", "value=\"3\"", "value=\"6\""] {
            assert!(page.contains(shown), "the criterion form shows {shown}");
        }
        assert!(form(app, &category_edit).await.contains("Brukes det hver dag?"), "the category lists the new text");

        let question = QuestionInput { text: "Hvem hjalp dere?", help: "", required: true };
        let question = app.services.add_question(&user, category, &question).await.unwrap();
        let question_edit = format!("/admin/categories/{category}/questions/{question}");
        edit(app, &question_edit, &[("text", "Hvem samarbeidet dere med?"), ("help", "Navn på enheter.")]).await;
        let page = form(app, &question_edit).await;
        assert!(page.contains(">Hvem samarbeidet dere med?<") && page.contains(">Navn på enheter.<"), "the question form shows the new text");
        assert!(!page.contains("name=\"required\" value=\"1\" checked"), "no longer required");
        let view = app.services.category_view(&user, category).await.unwrap();
        assert_eq!((view.questions[0].text.as_str(), view.questions[0].required), ("Hvem samarbeidet dere med?", false));
        assert_eq!(crate::admin::audit_count(app, "round.update").await, 1, "the round's edit is audited");
    }
}
