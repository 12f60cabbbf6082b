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
        let version = crate::harness::hidden_value(&form(app, &category_edit).await, "version").expect("the category form names its version");
        edit(app, &category_edit, &[("version", version.as_str()), ("kind", "innovation"), ("name", "Skoleprisen"), ("description", "For skolene."),
            ("prize_sum_kr", "60000"), ("deadline_date", "2020-11-20"), ("deadline_time", "12:00"),
            ("extended_date", "2020-11-27"), ("extended_time", "12:00"), ("blind", "1"), ("peoples_choice", "1")]).await;
        let page = form(app, &category_edit).await;
        for shown in ["value=\"Skoleprisen\"", ">For skolene.<", "value=\"60000\"", "value=\"2020-11-20\"", "value=\"2020-11-27\"",
                      "value=\"12:00\"", "name=\"blind\" value=\"1\" checked", "name=\"peoples_choice\" value=\"1\" checked"] {
            assert!(page.contains(shown), "the category form shows {shown}");
        }
        assert!(form(app, &format!("/admin/rounds/{round}")).await.contains("Skoleprisen"), "the round lists the new name");

        let criterion = CriterionInput { text: "Er det tatt i bruk?", help: "", weight: "2", shape: "yes_no", scale_min: "", scale_max: "" };
        let criterion = app.services.add_criterion(&user, category, &criterion).await.unwrap();
        let criterion_edit = format!("/admin/categories/{category}/criteria/{criterion}");
        let version = crate::harness::hidden_value(&form(app, &criterion_edit).await, "version").expect("the criterion form names its version");
        edit(app, &criterion_edit, &[("version", version.as_str()), ("text", "Brukes det hver dag?"), ("help", "Tell dager."), ("weight", "3"),
            ("shape", "range"), ("scale_min", "1"), ("scale_max", "6")]).await;
        let page = form(app, &criterion_edit).await;
        for shown in [">Brukes det hver dag?<", ">Tell dager.<", "value=\"3\"", "value=\"6\""] {
            assert!(page.contains(shown), "the criterion form shows {shown}");
        }
        assert!(form(app, &category_edit).await.contains("Brukes det hver dag?"), "the category lists the new text");

        let question = QuestionInput { text: "Hvem hjalp dere?", help: "", required: true };
        let question = app.services.add_question(&user, category, &question).await.unwrap();
        let question_edit = format!("/admin/categories/{category}/questions/{question}");
        let version = crate::harness::hidden_value(&form(app, &question_edit).await, "version").expect("the question form names its version");
        edit(app, &question_edit, &[("version", version.as_str()), ("text", "Hvem samarbeidet dere med?"), ("help", "Navn på enheter.")]).await;
        let page = form(app, &question_edit).await;
        assert!(page.contains(">Hvem samarbeidet dere med?<") && page.contains(">Navn på enheter.<"), "the question form shows the new text");
        assert!(!page.contains("name=\"required\" value=\"1\" checked"), "no longer required");
        let view = app.services.category_view(&user, category).await.unwrap();
        assert_eq!((view.questions[0].text.as_str(), view.questions[0].required), ("Hvem samarbeidet dere med?", false));
        assert_eq!(crate::admin::audit_count(app, "round.update").await, 1, "the round's edit is audited");
    }
}

/// Two administrators open the form at `path`; the first saves `first`, the second then saves
/// `second` from the same version and is refused, and `path` still shows `kept`.
async fn second_save_is_stale(
    app: &TestApp,
    path: &str,
    action: &str,
    first: &[(&str, &str)],
    second: &[(&str, &str)],
    kept: &str,
    lost: &str,
) {
    let page = form(app, path).await;
    let version = crate::harness::hidden_value(&page, "version")
        .unwrap_or_else(|| panic!("{path} names its version"));
    let mut fields = first.to_vec();
    fields.push(("version", &version));
    let res = app.post_form(path, action, &fields).await;
    assert_eq!(res.status(), 303, "{action}: {}", res.text().await.unwrap());
    let mut fields = second.to_vec();
    fields.push(("version", &version));
    let res = app.post_form(path, action, &fields).await;
    assert_eq!(res.status(), 409, "{action} from a stale version");
    let body = res.text().await.unwrap();
    assert!(
        body.contains("Noen andre har endret dette"),
        "{action}: {body}"
    );
    let now = form(app, path).await;
    assert!(
        now.contains(kept) && !now.contains(lost),
        "{path} keeps the first save"
    );
}

on_both_backends! {
    async fn stale_edits_of_categories_criteria_questions_and_units_are_refused(app) {
        let user = admin(app).await;
        let round = app.services.create_round(&user, &round_input("2021"), true).await.unwrap();
        let category = app.services.round_view(&user, round).await.unwrap().categories[0].id;
        let path = format!("/admin/categories/{category}");
        let settings = |name: &'static str| vec![("kind", "innovation"), ("name", name), ("description", ""),
            ("prize_sum_kr", "0"), ("deadline_date", "2021-11-20"), ("deadline_time", "12:00")];
        second_save_is_stale(app, &path, &path, &settings("Først lagret"), &settings("Sist lagret"), "Først lagret", "Sist lagret").await;

        let criterion = CriterionInput { text: "Virker det?", help: "", weight: "1", shape: "yes_no", scale_min: "", scale_max: "" };
        let criterion = app.services.add_criterion(&user, category, &criterion).await.unwrap();
        let path = format!("/admin/categories/{category}/criteria/{criterion}");
        let fields = |text: &'static str| vec![("text", text), ("help", ""), ("weight", "1"), ("shape", "yes_no")];
        second_save_is_stale(app, &path, &path, &fields("Første kriterium"), &fields("Andre kriterium"), "Første kriterium", "Andre kriterium").await;

        let question = QuestionInput { text: "Hvem?", help: "", required: true };
        let question = app.services.add_question(&user, category, &question).await.unwrap();
        let path = format!("/admin/categories/{category}/questions/{question}");
        let fields = |text: &'static str| vec![("text", text), ("help", "")];
        second_save_is_stale(app, &path, &path, &fields("Første spørsmål"), &fields("Andre spørsmål"), "Første spørsmål", "Andre spørsmål").await;

        let unit = app.services.create_unit(&user, "Skoleetaten", "sector", None).await.unwrap();
        let path = format!("/admin/units/{unit}");
        let rename = format!("/admin/units/{unit}/rename");
        second_save_is_stale(app, &path, &rename, &[("name", "Oppvekst")], &[("name", "Skole")], "Oppvekst", "Skole<").await;

        // A merge read before someone renamed the unit is refused, and nothing moves.
        let other = app.services.create_unit(&user, "Kultur", "sector", None).await.unwrap();
        let target = app.services.create_unit(&user, "Kultur og fritid", "sector", None).await.unwrap();
        let page = format!("/admin/units/{other}");
        let stale = crate::harness::hidden_value(&app.get(&page).await.text().await.unwrap(), "version").unwrap();
        app.services.rename_unit(&user, other, stale.parse().unwrap(), "Kulturetaten").await.unwrap();
        let res = app.post_form(&page, &format!("/admin/units/{other}/merge"), &[("into", &target.to_string()), ("version", &stale)]).await;
        assert_eq!(res.status(), 409, "a stale merge is refused");
        assert!(res.text().await.unwrap().contains("Noen andre har endret dette"));
        assert_eq!(prisverdig_store::organisation::merged_into(app.services.db(), other).await.unwrap(), None);
        let fresh = crate::harness::hidden_value(&app.get(&page).await.text().await.unwrap(), "version").unwrap();
        let res = app.post_form(&page, &format!("/admin/units/{other}/merge"), &[("into", &target.to_string()), ("version", &fresh)]).await;
        assert_eq!(res.status(), 303);
        assert_eq!(prisverdig_store::organisation::merged_into(app.services.db(), other).await.unwrap(), Some(target));
    }
}
