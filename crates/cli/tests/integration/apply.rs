//! The applicant's journey from draft to submitted, on both backends.

use crate::fixtures::{DEADLINE, PASSWORD, Round, applicant, open_round};
use crate::harness::{TestApp, hidden_value, new_client};
use crate::on_both_backends;
use prisverdig_domain::category::CategoryKind;
use prisverdig_domain::round::Visibility;
use uuid::Uuid;

pub(crate) async fn start(app: &TestApp, round: &Round, kind: CategoryKind) -> Uuid {
    let category = round.category(kind).to_string();
    let unit = round.unit.to_string();
    let res = app
        .post_form(
            "/apply",
            "/apply",
            &[("category", &category), ("unit", &unit)],
        )
        .await;
    assert_eq!(res.status(), 303, "{:?}", res.text().await);
    let location = res.headers()["location"].to_str().unwrap().to_string();
    Uuid::parse_str(
        location
            .trim_start_matches("/applications/")
            .trim_end_matches("/edit"),
    )
    .unwrap()
}

pub(crate) fn complete(kind: CategoryKind) -> Vec<(String, String)> {
    let mut f: Vec<(String, String)> = [
        ("title", "Smart renhold"),
        ("summary", "Sensorer viser hvor det trengs renhold, så vi vasker der innbyggerne faktisk har vært."),
        ("what_we_did", "Vi satte opp **sensorer** i alle møterom."),
        ("three_years_ago", "Vi vasket alle rom hver dag."),
        ("effect", "Renere der det trengs, og mer tid til innbyggerne."),
        ("contact", "Kari Nordmann"),
        ("idea_origin", "original"),
    ]
    .iter()
    .map(|(k, v)| (k.to_string(), v.to_string()))
    .collect();
    let criteria = prisverdig_domain::defaults::CATEGORIES
        .iter()
        .find(|c| c.kind == kind)
        .unwrap()
        .criteria
        .len();
    f.extend((0..criteria).map(|i| (format!("criterion_{i}"), format!("Svar på kriterium {i}"))));
    match kind {
        CategoryKind::Steal => f.extend([
            ("source_organisation".into(), "Asker kommune".into()),
            ("source_title".into(), "Digitalt tilsyn".into()),
        ]),
        CategoryKind::Mistake => f.extend([
            ("mistake_tried".into(), "Robotstøvsugere".into()),
            ("mistake_went_wrong".into(), "De gikk seg vill.".into()),
            ("mistake_learned".into(), "Test i liten skala først.".into()),
            ("mistake_decision".into(), "stopped".into()),
        ]),
        _ => {}
    }
    f
}

pub(crate) async fn version(app: &TestApp, id: Uuid) -> String {
    let page = app
        .get(&format!("/applications/{id}/edit"))
        .await
        .text()
        .await
        .unwrap();
    hidden_value(&page, "version").expect("edit page has a version")
}

/// Saves through the form and, when the save is refused or only partly stored, follows the
/// redirect (Post/Redirect/Get) to the edit page that shows why: the response of that page.
pub(crate) async fn save(
    app: &TestApp,
    id: Uuid,
    fields: &[(String, String)],
    intent: &str,
) -> reqwest::Response {
    let res = post_save(app, id, fields, intent).await;
    let to = res
        .headers()
        .get("location")
        .map(|l| l.to_str().unwrap().to_string());
    match to {
        Some(to) if to.ends_with("#error-summary") => {
            assert_eq!(to, format!("/applications/{id}/edit#error-summary"));
            app.get(&format!("/applications/{id}/edit")).await
        }
        _ => res,
    }
}

/// The save's own answer: 303 whatever the outcome, since a reload must never post again.
pub(crate) async fn post_save(
    app: &TestApp,
    id: Uuid,
    fields: &[(String, String)],
    intent: &str,
) -> reqwest::Response {
    let v = version(app, id).await;
    let mut all: Vec<(&str, &str)> = fields
        .iter()
        .map(|(k, v)| (k.as_str(), v.as_str()))
        .collect();
    all.push(("version", &v));
    all.push(("intent", intent));
    app.post_form(
        &format!("/applications/{id}/edit"),
        &format!("/applications/{id}/save"),
        &all,
    )
    .await
}

pub(crate) async fn signed_in_applicant(app: &TestApp) {
    applicant(app, "kari@fjordvik.example", "Kari Nordmann").await;
    assert_eq!(
        app.sign_in("kari@fjordvik.example", PASSWORD)
            .await
            .status(),
        303
    );
}

on_both_backends! {
    async fn a_draft_is_saved_submitted_and_published(app) {
        let round = open_round(app, Visibility::OnSubmit).await;
        signed_in_applicant(app).await;
        let id = start(app, &round, CategoryKind::Innovation).await;
        let crafted = app.get(&format!("/applications/{id}/edit?saved=1")).await.text().await.unwrap();
        assert!(!crafted.contains("Kladden er lagret."), "a URL alone never says «saved»");
        let res = post_save(app, id, &[("title".into(), "Smart renhold".into())], "save").await;
        assert_eq!(res.status(), 303);
        let to = res.headers()["location"].to_str().unwrap().to_string();
        assert_eq!(to, format!("/applications/{id}/edit#saved"), "the redirect carries no «saved» flag");
        let edit = app.get(to.trim_end_matches("#saved")).await.text().await.unwrap();
        assert!(edit.contains("value=\"Smart renhold\"") && edit.contains("Kladden er lagret."), "the save itself says «saved»");
        let again = app.get(&format!("/applications/{id}/edit")).await.text().await.unwrap();
        assert!(!again.contains("Kladden er lagret."), "«saved» is said once, after the save");
        assert!(!app.get("/catalogue").await.text().await.unwrap().contains("Smart renhold"), "drafts never show");
        assert_eq!(app.get(&format!("/applications/{id}")).await.status(), 404);

        let res = save(app, id, &complete(CategoryKind::Innovation), "submit").await;
        assert_eq!(res.status(), 303);
        assert_eq!(res.headers()["location"], format!("/applications/{id}/receipt").as_str());
        let receipt = app.get(&format!("/applications/{id}/receipt")).await.text().await.unwrap();
        assert!(receipt.contains("Søknaden er sendt inn"));
        let mine = app.get("/my-applications").await.text().await.unwrap();
        assert!(mine.contains("Smart renhold") && mine.contains("Sendt inn"));
        let public = app.get(&format!("/applications/{id}")).await.text().await.unwrap();
        assert!(public.contains("Sensorer viser hvor") && public.contains("Eiendom › Renhold"));
        assert!(app.get("/catalogue").await.text().await.unwrap().contains("Smart renhold"));
    }

    async fn submitting_reports_every_missing_field_at_once(app) {
        let round = open_round(app, Visibility::OnSubmit).await;
        signed_in_applicant(app).await;
        let id = start(app, &round, CategoryKind::Innovation).await;
        let res = save(app, id, &[("title".into(), "Halvferdig".into())], "submit").await;
        assert_eq!(res.status(), 422);
        let body = res.text().await.unwrap();
        for field in ["summary", "what_we_did", "three_years_ago", "effect", "contact", "idea_origin"] {
            assert!(body.contains(&format!("href=\"#{field}\"")), "summary links to {field}");
        }
        assert!(body.contains("id=\"summary-error\"") && body.contains("aria-describedby=\"summary-hint summary-error\""));
        assert!(body.contains("Svar på alle kriteriene."));
        assert!(body.contains("value=\"Halvferdig\""), "what was typed is kept");
        let stored = app.services.editable(&crate::fixtures::user_row(app, "kari@fjordvik.example").await, id).await.unwrap();
        assert_eq!(stored.application.state, prisverdig_domain::application::ApplicationState::Draft);
    }

    async fn each_category_requires_its_own_fields(app) {
        let round = open_round(app, Visibility::OnSubmit).await;
        signed_in_applicant(app).await;
        let steal = start(app, &round, CategoryKind::Steal).await;
        let mut fields = complete(CategoryKind::Steal);
        fields.retain(|(k, _)| !k.starts_with("source_"));
        let body = save(app, steal, &fields, "submit").await.text().await.unwrap();
        assert!(body.contains("Oppgi hvem dere stjal fra"));
        assert_eq!(save(app, steal, &complete(CategoryKind::Steal), "submit").await.status(), 303);

        let mistake = start(app, &round, CategoryKind::Mistake).await;
        let mut fields = complete(CategoryKind::Mistake);
        fields.retain(|(k, _)| !k.starts_with("mistake_"));
        let body = save(app, mistake, &fields, "submit").await.text().await.unwrap();
        for field in ["mistake_tried", "mistake_went_wrong", "mistake_learned", "mistake_decision"] {
            assert!(body.contains(&format!("href=\"#{field}\"")), "{field} is required");
        }
    }

    async fn stealing_from_the_catalogue_records_the_adoption(app) {
        let round = open_round(app, Visibility::OnSubmit).await;
        signed_in_applicant(app).await;
        let source = start(app, &round, CategoryKind::Innovation).await;
        assert_eq!(save(app, source, &complete(CategoryKind::Innovation), "submit").await.status(), 303);
        let steal = start(app, &round, CategoryKind::Steal).await;
        let mut fields = complete(CategoryKind::Steal);
        fields.retain(|(k, _)| !k.starts_with("source_"));
        fields.push(("source_application".into(), source.to_string()));
        fields.push(("continues".into(), source.to_string()));
        assert_eq!(save(app, steal, &fields, "submit").await.status(), 303);
        let user = crate::fixtures::user_row(app, "kari@fjordvik.example").await;
        let e = app.services.editable(&user, steal).await.unwrap();
        assert_eq!(e.form.source_application, Some(source));
        assert_eq!(e.form.continues, vec![source]);
        let n: i64 = prisverdig_store::on_pool!(app.services.db(), |pool| sqlx::query_scalar(
            "SELECT COUNT(*) FROM adoption WHERE source_application_id = $1 AND adopting_application_id = $2")
            .bind(source).bind(steal).fetch_one(pool).await).unwrap();
        assert_eq!(n, 1);
        let mut bogus = fields.clone();
        bogus.retain(|(k, _)| k != "source_application");
        bogus.push(("source_application".into(), Uuid::now_v7().to_string()));
        assert_eq!(save(app, steal, &bogus, "submit").await.status(), 422, "an unknown source is refused");
    }

    async fn the_deadline_is_enforced_at_the_minute_and_extensions_count(app) {
        let round = open_round(app, Visibility::OnSubmit).await;
        signed_in_applicant(app).await;
        let id = start(app, &round, CategoryKind::Mistake).await;
        app.clock.set(DEADLINE - time::Duration::seconds(1));
        assert_eq!(save(app, id, &[("title".into(), "Før fristen".into())], "save").await.status(), 303);
        app.clock.set(DEADLINE);
        let res = save(app, id, &[("title".into(), "Etter fristen".into())], "save").await;
        assert_eq!(res.status(), 422);
        assert!(res.text().await.unwrap().contains("Søknadsfristen er ute."));
        let v = version(app, id).await;
        let late = autosave(app, &app.client, id, &[("title", "Etter fristen"), ("version", v.as_str())]).await;
        assert_eq!(late.status(), 422);
        let late: serde_json::Value = late.json().await.unwrap();
        assert!(late["message"].as_str().unwrap().contains("Søknadsfristen er ute."), "autosave says why: {late}");
        let withdraw = app.post_form(&format!("/applications/{id}/edit"), &format!("/applications/{id}/withdraw"), &[("version", "2")]).await;
        assert_eq!(withdraw.status(), 422, "withdrawing is a change too");

        let extended = DEADLINE + time::Duration::days(14);
        prisverdig_store::on_pool!(app.services.db(), |pool| sqlx::query("UPDATE category SET extended_deadline = $1 WHERE id = $2")
            .bind(extended).bind(round.category(CategoryKind::Mistake)).execute(pool).await.map(|_| ())).unwrap();
        let edit = app.get(&format!("/applications/{id}/edit")).await.text().await.unwrap();
        assert!(edit.contains("Fristen er forlenget til") && edit.contains("15. november 2019 kl. 23:59"));
        assert_eq!(save(app, id, &complete(CategoryKind::Mistake), "submit").await.status(), 303);
        app.clock.set(extended);
        assert_eq!(save(app, id, &complete(CategoryKind::Mistake), "submit").await.status(), 422);
        let other = start_refused(app, &round).await;
        assert_eq!(other, 422, "no new application in a closed category");
    }

    async fn the_later_of_two_concurrent_saves_is_refused_with_both_versions(app) {
        let round = open_round(app, Visibility::OnSubmit).await;
        signed_in_applicant(app).await;
        let id = start(app, &round, CategoryKind::Innovation).await;
        applicant(app, "ola@fjordvik.example", "Ola Nordmann").await;
        let invite = app.post_form(&format!("/applications/{id}/edit"), &format!("/applications/{id}/team"), &[("email", "ola@fjordvik.example")]).await;
        assert_eq!(invite.status(), 303);
        let ola = TestApp::client_for(app, "ola@fjordvik.example").await;
        let stale = version(app, id).await;
        assert_eq!(save(app, id, &[("title".into(), "Karis versjon".into())], "save").await.status(), 303);
        let page = ola.get(app.url(&format!("/applications/{id}/edit"))).send().await.unwrap().text().await.unwrap();
        let token = hidden_value(&page, "_csrf").unwrap();
        let res = ola.post(app.url(&format!("/applications/{id}/save")))
            .form(&[("title", "Olas versjon"), ("version", stale.as_str()), ("intent", "save"), ("_csrf", token.as_str())])
            .send().await.unwrap();
        assert_eq!(res.status(), 303, "refused, and redirected so that a reload posts nothing");
        let res = ola.get(app.url(&format!("/applications/{id}/edit"))).send().await.unwrap();
        assert_eq!(res.status(), 409);
        let body = res.text().await.unwrap();
        assert!(body.contains("Karis versjon"), "their version is shown");
        assert!(body.contains("value=\"Olas versjon\""), "your version is kept in the form");
        let user = crate::fixtures::user_row(app, "kari@fjordvik.example").await;
        assert_eq!(app.services.editable(&user, id).await.unwrap().form.title, "Karis versjon", "nothing overwritten");
    }

    async fn the_team_can_edit_and_others_cannot(app) {
        let round = open_round(app, Visibility::OnSubmit).await;
        signed_in_applicant(app).await;
        let id = start(app, &round, CategoryKind::Innovation).await;
        applicant(app, "ola@fjordvik.example", "Ola Nordmann").await;
        applicant(app, "per@fjordvik.example", "Per Utenfor").await;
        let bad = app.post_form(&format!("/applications/{id}/edit"), &format!("/applications/{id}/team"), &[("email", "ikke-en-adresse")]).await;
        assert_eq!(bad.status(), 422);
        assert!(bad.text().await.unwrap().contains("id=\"team_email-error\""));
        app.post_form(&format!("/applications/{id}/edit"), &format!("/applications/{id}/team"), &[("email", "Ola@Fjordvik.example")]).await;
        let ola = TestApp::client_for(app, "ola@fjordvik.example").await;
        let per = TestApp::client_for(app, "per@fjordvik.example").await;
        let edit = format!("/applications/{id}/edit");
        assert_eq!(ola.get(app.url(&edit)).send().await.unwrap().status(), 200);
        assert!(ola.get(app.url("/my-applications")).send().await.unwrap().text().await.unwrap().contains(&id.to_string()));
        assert_eq!(per.get(app.url(&edit)).send().await.unwrap().status(), 403);
        app.post_form(&edit, &format!("/applications/{id}/team/remove"), &[("email", "ola@fjordvik.example")]).await;
        assert_eq!(ola.get(app.url(&edit)).send().await.unwrap().status(), 403);
        let anonymous = new_client().get(app.url(&edit)).send().await.unwrap();
        assert_eq!(anonymous.status(), 303, "sign in first");
        assert!(anonymous.headers()["location"].to_str().unwrap().starts_with("/sign-in?next=%2Fapplications%2F"));
    }

    async fn a_withdrawn_application_disappears_from_the_catalogue(app) {
        let round = open_round(app, Visibility::OnSubmit).await;
        signed_in_applicant(app).await;
        let id = start(app, &round, CategoryKind::Innovation).await;
        assert_eq!(save(app, id, &complete(CategoryKind::Innovation), "submit").await.status(), 303);
        assert!(app.get("/catalogue").await.text().await.unwrap().contains("Smart renhold"));
        let v = version(app, id).await;
        let res = app.post_form(&format!("/applications/{id}/edit"), &format!("/applications/{id}/withdraw"), &[("version", &v)]).await;
        assert_eq!(res.status(), 303);
        assert!(!app.get("/catalogue").await.text().await.unwrap().contains("Smart renhold"));
        assert_eq!(app.get(&format!("/applications/{id}")).await.status(), 404);
        assert!(app.get("/my-applications").await.text().await.unwrap().contains("Trukket"));
        assert_eq!(save(app, id, &complete(CategoryKind::Innovation), "submit").await.status(), 422, "no resubmitting");
    }

    async fn after_deadline_visibility_hides_until_the_deadline(app) {
        let round = open_round(app, Visibility::AfterDeadline).await;
        signed_in_applicant(app).await;
        let id = start(app, &round, CategoryKind::Innovation).await;
        assert_eq!(save(app, id, &complete(CategoryKind::Innovation), "submit").await.status(), 303);
        assert!(!app.get("/catalogue").await.text().await.unwrap().contains("Smart renhold"));
        assert_eq!(app.get(&format!("/applications/{id}")).await.status(), 404);
        app.clock.set(DEADLINE);
        assert!(app.get("/catalogue").await.text().await.unwrap().contains("Smart renhold"));
        assert_eq!(app.get(&format!("/applications/{id}")).await.status(), 200);
    }

    async fn markup_in_answers_is_rendered_inert(app) {
        let round = open_round(app, Visibility::OnSubmit).await;
        signed_in_applicant(app).await;
        let id = start(app, &round, CategoryKind::Innovation).await;
        let mut fields = complete(CategoryKind::Innovation);
        fields.retain(|(k, _)| k != "title" && k != "effect");
        fields.push(("title".into(), "<script>alert('x')</script>".into()));
        fields.push(("effect".into(), "<img src=x onerror=alert(1)> [lenke](javascript:alert(1))".into()));
        assert_eq!(save(app, id, &fields, "submit").await.status(), 303);
        for page in [format!("/applications/{id}"), "/catalogue".to_string(), format!("/applications/{id}/edit")] {
            let res = app.get(&page).await;
            assert_eq!(res.status(), 200, "{page}");
            let body = res.text().await.unwrap();
            assert!(body.contains("&#60;script&#62;alert(&#39;x&#39;)&#60;/script&#62;"), "{page} shows the title as text: {}", &body[body.find("alert").map_or(0, |i| i.saturating_sub(40))..][..80]);
            assert!(!body.contains("<script>alert"), "{page}");
            assert!(!body.contains("<img src=x"), "{page}");
            assert!(!body.contains("href=\"javascript:"), "{page}");
        }
        let public = app.get(&format!("/applications/{id}")).await.text().await.unwrap();
        assert!(public.contains("lenke"), "the link's text is kept, without its script");
    }

    async fn autosave_answers_with_a_status_and_the_next_version(app) {
        let round = open_round(app, Visibility::OnSubmit).await;
        signed_in_applicant(app).await;
        let id = start(app, &round, CategoryKind::Innovation).await;
        let v = version(app, id).await;
        let res = autosave(app, &app.client, id, &[("title", "Autolagret"), ("version", v.as_str())]).await;
        assert_eq!(res.status(), 200);
        let body: serde_json::Value = res.json().await.unwrap();
        let next = v.parse::<i64>().unwrap() + 1;
        assert_eq!(body["status"], "saved", "{body}");
        assert_eq!(body["version"], next, "the next version is handed back");
        assert_eq!(body["message"], "Kladden er lagret automatisk.");
        let stale = autosave(app, &app.client, id, &[("title", "Gammel"), ("version", v.as_str())]).await;
        assert_eq!(stale.status(), 409);
        let stale: serde_json::Value = stale.json().await.unwrap();
        assert!(stale["message"].as_str().unwrap().contains("Noen andre har lagret søknaden"), "{stale}");
        let user = crate::fixtures::user_row(app, "kari@fjordvik.example").await;
        assert_eq!(app.services.editable(&user, id).await.unwrap().form.title, "Autolagret", "a stale autosave overwrites nothing");
    }

    async fn a_draft_save_stores_everything_valid_and_keeps_the_rest_at_its_field(app) {
        let round = open_round(app, Visibility::OnSubmit).await;
        signed_in_applicant(app).await;
        let id = start(app, &round, CategoryKind::Steal).await;
        let fields: Vec<(String, String)> = [
            ("title", "Digitalt tilsyn"), ("what_we_did", "En time med skriving"),
            ("source_organisation", "Asker kommune"), ("source_link", "asker.kommune.no/tilsyn"),
        ].iter().map(|(k, v)| (k.to_string(), v.to_string())).collect();
        let res = post_save(app, id, &fields, "save").await;
        assert_eq!(res.status(), 303);
        assert_eq!(res.headers()["location"], format!("/applications/{id}/edit#error-summary").as_str());
        let user = crate::fixtures::user_row(app, "kari@fjordvik.example").await;
        let stored = app.services.editable(&user, id).await.unwrap().form;
        assert_eq!(stored.title, "Digitalt tilsyn", "the valid fields are stored");
        assert_eq!(stored.answers.what_we_did, "En time med skriving");
        let source = stored.answers.external_source.unwrap();
        assert_eq!((source.organisation.as_str(), source.link.as_str()), ("Asker kommune", ""), "the invalid link is not");
        for reload in [1, 2] {
            let page = app.get(&format!("/applications/{id}/edit")).await;
            assert_eq!(page.status(), 422, "reload {reload}");
            let body = page.text().await.unwrap();
            assert!(body.contains("value=\"asker.kommune.no/tilsyn\""), "the typed link is shown again (reload {reload})");
            assert!(body.contains("id=\"source_link-error\"") && body.contains("Skriv en lenke som begynner med https://"));
            assert!(body.contains("href=\"#source_link\">Lenke"), "the summary names the field: {}", &body[body.find("error-summary").unwrap()..][..600]);
        }
        // Autosave says the same, as JSON the script shows at the field.
        let v = version(app, id).await;
        let res = autosave(app, &app.client, id, &[("title", "Digitalt tilsyn 2"), ("source_organisation", "Asker kommune"), ("source_link", "asker.kommune.no"), ("version", v.as_str())]).await;
        assert_eq!(res.status(), 200);
        let body: serde_json::Value = res.json().await.unwrap();
        assert_eq!(body["status"], "partly-saved", "{body}");
        assert_eq!(body["problems"][0]["field"], "source_link");
        assert!(body["problems"][0]["message"].as_str().unwrap().contains("https://"));
        assert_eq!(app.services.editable(&user, id).await.unwrap().form.title, "Digitalt tilsyn 2");
        // A save that stores everything ends the kept text.
        let v = version(app, id).await;
        let res = autosave(app, &app.client, id, &[("title", "Digitalt tilsyn 3"), ("source_link", "https://asker.kommune.no"), ("version", v.as_str())]).await;
        let body: serde_json::Value = res.json().await.unwrap();
        assert_eq!(body["status"], "saved", "{body}");
        let page = app.get(&format!("/applications/{id}/edit")).await;
        assert_eq!(page.status(), 200);
        assert!(page.text().await.unwrap().contains("value=\"https://asker.kommune.no\""));
    }

    async fn an_autosave_after_the_sign_in_ended_is_told_so_and_stores_nothing(app) {
        let round = open_round(app, Visibility::OnSubmit).await;
        signed_in_applicant(app).await;
        let id = start(app, &round, CategoryKind::Innovation).await;
        let v = version(app, id).await;
        let stranger = new_client();
        let token = {
            let page = stranger.get(app.url("/")).send().await.unwrap();
            let cookie = page.headers().get_all("set-cookie").iter()
                .filter_map(|c| c.to_str().ok()).find(|c| c.contains("csrf")).unwrap().to_string();
            cookie.split(';').next().unwrap().split_once('=').unwrap().1.to_string()
        };
        let res = stranger.post(app.url(&format!("/applications/{id}/save")))
            .header("x-autosave", "1").header("origin", app.base.as_str())
            .header("cookie", format!("prisverdig_csrf={token}"))
            .form(&[("title", "Skrevet etter utlogging"), ("version", v.as_str()), ("_csrf", token.as_str())])
            .send().await.unwrap();
        assert_eq!(res.status(), 401, "a script is told, not redirected to a form");
        let body: serde_json::Value = res.json().await.unwrap();
        assert_eq!(body["status"], "signed-out");
        assert!(body["message"].as_str().unwrap().contains("tatt vare på i denne nettleseren"), "{body}");
        let user = crate::fixtures::user_row(app, "kari@fjordvik.example").await;
        assert_eq!(app.services.editable(&user, id).await.unwrap().form.title, "");
    }

    async fn a_refused_submit_stores_the_draft_and_a_reload_posts_nothing(app) {
        let round = open_round(app, Visibility::OnSubmit).await;
        signed_in_applicant(app).await;
        let id = start(app, &round, CategoryKind::Innovation).await;
        let res = post_save(app, id, &[("title".into(), "Halvferdig".into()), ("effect".into(), "Noe".into())], "submit").await;
        assert_eq!(res.status(), 303, "a refused submit redirects to the page that says why");
        let user = crate::fixtures::user_row(app, "kari@fjordvik.example").await;
        let e = app.services.editable(&user, id).await.unwrap();
        assert_eq!((e.form.title.as_str(), e.application.state.as_str()), ("Halvferdig", "draft"), "the draft is stored");
        let body = app.get(&format!("/applications/{id}/edit")).await.text().await.unwrap();
        assert!(body.contains("href=\"#summary\">Kort sammendrag: Fyll ut dette feltet."), "each summary line names its field");
    }

    async fn the_public_page_shows_where_the_idea_came_from_and_the_team(app) {
        let round = open_round(app, Visibility::OnSubmit).await;
        signed_in_applicant(app).await;
        let id = start(app, &round, CategoryKind::Innovation).await;
        applicant(app, "ola@fjordvik.example", "Ola Nordmann").await;
        app.post_form(&format!("/applications/{id}/edit"), &format!("/applications/{id}/team"), &[("email", "ola@fjordvik.example")]).await;
        let mut fields = complete(CategoryKind::Innovation);
        fields.retain(|(k, _)| k != "idea_origin");
        fields.push(("idea_origin".into(), "adapted".into()));
        fields.push(("origin_from".into(), "Fra Asker, på en konferanse".into()));
        assert_eq!(save(app, id, &fields, "submit").await.status(), 303);
        let page = new_client().get(app.url(&format!("/applications/{id}"))).send().await.unwrap().text().await.unwrap();
        assert!(page.contains("Fra Asker, på en konferanse"), "the origin note is shown");
        assert!(page.contains("Laget bak: Kari Nordmann, Ola Nordmann"), "the team by name");
        assert!(!page.contains("ola@fjordvik.example") && !page.contains("kari@fjordvik.example"), "never an address");
    }

    async fn the_continues_picker_searches_instead_of_listing_everything(app) {
        let round = open_round(app, Visibility::OnSubmit).await;
        signed_in_applicant(app).await;
        let mut ids = Vec::new();
        for i in 0..12 {
            let id = start(app, &round, CategoryKind::Innovation).await;
            let mut fields = complete(CategoryKind::Innovation);
            fields.retain(|(k, _)| k != "title");
            fields.push(("title".into(), if i == 0 { "Digital postkasse".into() } else { format!("Søknad nummer {i}") }));
            assert_eq!(save(app, id, &fields, "submit").await.status(), 303);
            ids.push(id);
        }
        let draft = start(app, &round, CategoryKind::Innovation).await;
        let page = app.get(&format!("/applications/{draft}/edit")).await.text().await.unwrap();
        assert_eq!(page.matches("name=\"continues\"").count(), 10, "a few to choose from, not every application");
        assert!(page.contains("id=\"continues_q\""));
        let found = app.get(&format!("/applications/{draft}/continues?continues_q=postkasse&continues={}", ids[5])).await.text().await.unwrap();
        assert!(found.contains(&format!("value=\"{}\" checked", ids[5])), "the chosen one stays checked: {found}");
        assert!(found.contains(&format!("value=\"{}\"", ids[0])) && found.contains("Digital postkasse"));
        assert_eq!(found.matches("name=\"continues\"").count(), 2, "{found}");
        let per = { applicant(app, "per@fjordvik.example", "Per Utenfor").await; TestApp::client_for(app, "per@fjordvik.example").await };
        let res = per.get(app.url(&format!("/applications/{draft}/continues?continues_q=x"))).send().await.unwrap();
        assert_eq!(res.status(), 403, "only the team searches from its form");
    }

    async fn a_submitted_application_stays_complete(app) {
        let round = open_round(app, Visibility::OnSubmit).await;
        signed_in_applicant(app).await;
        let id = start(app, &round, CategoryKind::Innovation).await;
        assert_eq!(save(app, id, &complete(CategoryKind::Innovation), "submit").await.status(), 303);
        let mut emptied = complete(CategoryKind::Innovation);
        emptied.retain(|(k, _)| k != "effect");
        let res = save(app, id, &emptied, "save").await;
        assert_eq!(res.status(), 422, "a plain save of a submitted application is checked in full");
        let user = crate::fixtures::user_row(app, "kari@fjordvik.example").await;
        let stored = app.services.editable(&user, id).await.unwrap().form;
        assert!(stored.answers.effect.starts_with("Renere der det trengs"), "the stored answer is intact");
    }

    async fn the_source_picker_narrows_as_you_type(app) {
        let round = open_round(app, Visibility::OnSubmit).await;
        signed_in_applicant(app).await;
        let source = start(app, &round, CategoryKind::Innovation).await;
        assert_eq!(save(app, source, &complete(CategoryKind::Innovation), "submit").await.status(), 303);
        let other = start(app, &round, CategoryKind::Innovation).await;
        let mut fields = complete(CategoryKind::Innovation);
        fields.retain(|(k, _)| k != "title");
        fields.push(("title".into(), "Digital postkasse".into()));
        assert_eq!(save(app, other, &fields, "submit").await.status(), 303);
        let steal = start(app, &round, CategoryKind::Steal).await;
        let options = app.get(&format!("/applications/{steal}/sources?source_q=postkass")).await.text().await.unwrap();
        assert!(options.contains(&other.to_string()) && !options.contains(&source.to_string()), "{options}");
        let all = app.get(&format!("/applications/{steal}/sources?source_q=")).await.text().await.unwrap();
        assert!(all.contains(&source.to_string()) && all.contains(&other.to_string()));
        applicant(app, "per@fjordvik.example", "Per Utenfor").await;
        let per = TestApp::client_for(app, "per@fjordvik.example").await;
        let res = per.get(app.url(&format!("/applications/{steal}/sources?source_q=x"))).send().await.unwrap();
        assert_eq!(res.status(), 403, "only the team searches from its form");
    }

    async fn limits_are_enforced_on_the_server(app) {
        let round = open_round(app, Visibility::OnSubmit).await;
        signed_in_applicant(app).await;
        let id = start(app, &round, CategoryKind::Innovation).await;
        let res = save(app, id, &[("summary".into(), "å".repeat(301))], "save").await;
        assert_eq!(res.status(), 422);
        assert!(res.text().await.unwrap().contains("Sammendraget kan ha høyst 300 tegn."));
        let res = save(app, id, &[("what_we_did".into(), "x".repeat(10_001))], "save").await;
        assert_eq!(res.status(), 422);
        assert!(res.text().await.unwrap().contains("høyst 10\u{a0}000 tegn"), "the message names the limit");
    }
}

async fn start_refused(app: &TestApp, round: &Round) -> u16 {
    let category = round.category(CategoryKind::Innovation).to_string();
    let unit = round.unit.to_string();
    app.post_form(
        "/apply",
        "/apply",
        &[("category", &category), ("unit", &unit)],
    )
    .await
    .status()
    .as_u16()
}

/// An autosave as `static/autosave.js` sends it; the CSRF token is taken from the edit page.
pub(crate) async fn autosave(
    app: &TestApp,
    client: &reqwest::Client,
    id: Uuid,
    fields: &[(&str, &str)],
) -> reqwest::Response {
    let page = client
        .get(app.url(&format!("/applications/{id}/edit")))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    let token = hidden_value(&page, "_csrf").unwrap_or_default();
    let mut all = fields.to_vec();
    all.push(("_csrf", token.as_str()));
    client
        .post(app.url(&format!("/applications/{id}/save")))
        .header("x-autosave", "1")
        .header("origin", app.base.as_str())
        .form(&all)
        .send()
        .await
        .unwrap()
}
