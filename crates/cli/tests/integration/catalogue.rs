//! The catalogue and an innovation's page: cheers, «vi stjal denne», the idea's thread.

use crate::fixtures::{DEADLINE, PASSWORD, Round, applicant, open_round, user_row};
use crate::harness::{TestApp, new_client};
use crate::on_both_backends;
use prisverdig_domain::category::CategoryKind;
use prisverdig_domain::round::Visibility;
use prisverdig_service::apply::Intent;
use uuid::Uuid;

/// A submitted application written through the service, for pages to show.
pub(crate) async fn submitted(
    app: &TestApp,
    round: &Round,
    kind: CategoryKind,
    title: &str,
    source: Option<Uuid>,
) -> Uuid {
    submitted_with(app, round, kind, title, source, "Gjort.").await
}

pub(crate) async fn submitted_with(
    app: &TestApp,
    round: &Round,
    kind: CategoryKind,
    title: &str,
    source: Option<Uuid>,
    what: &str,
) -> Uuid {
    let place = (round.category(kind), round.unit);
    submitted_for(app, place, kind, (title, source, what)).await
}

/// Kari's application for `unit` to `category` (of `kind`), submitted through the use case.
pub(crate) async fn submitted_for(
    app: &TestApp,
    (category, unit): (Uuid, Uuid),
    kind: CategoryKind,
    (title, source, what): (&str, Option<Uuid>, &str),
) -> Uuid {
    let user = user_row(app, "kari@fjordvik.example").await;
    let id = app
        .services
        .start_application(&user, category, unit)
        .await
        .unwrap();
    let mut form = prisverdig_domain::application_form::ApplicationForm {
        title: title.into(),
        summary: "Kort om ideen.".into(),
        idea_origin: Some(prisverdig_domain::application::IdeaOrigin::Original),
        source_application: source,
        ..Default::default()
    };
    let a = &mut form.answers;
    (a.what_we_did, a.three_years_ago, a.effect, a.contact) =
        (what.into(), "Før.".into(), "Bedre.".into(), "Kari".into());
    a.criteria = vec!["Ja".into(); 6];
    if kind == CategoryKind::Mistake {
        a.mistake = Some(prisverdig_domain::application_form::MistakeStory {
            tried: "Roboter.".into(),
            went_wrong: "De gikk seg vill.".into(),
            learned: "Test i liten skala.".into(),
            decision: Some(prisverdig_domain::application_form::MistakeDecision::Stopped),
        });
    }
    app.services
        .save_application(&user, id, 1, form, Intent::Submit)
        .await
        .unwrap();
    id
}

pub(crate) async fn setup(app: &TestApp) -> Round {
    let round = open_round(app, Visibility::OnSubmit).await;
    applicant(app, "kari@fjordvik.example", "Kari Nordmann").await;
    round
}

/// Polls the catalogue until `path` does (or does not) contain `needle`: the index is
/// updated just after each change, not within its request.
pub(crate) async fn eventually(app: &TestApp, path: &str, needle: &str, present: bool) -> bool {
    for _ in 0..100 {
        let body = app.get(path).await.text().await.unwrap();
        if body.contains(needle) == present {
            return true;
        }
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    false
}

on_both_backends! {
    async fn a_second_process_index_catches_up_with_the_first(app) {
        let round = setup(app).await;
        let (other, other_services) = app.second_process().await;
        other_services.search_index().await.unwrap();
        let client = new_client();
        let search = format!("{other}/catalogue?q=postkasse");
        assert!(!client.get(&search).send().await.unwrap().text().await.unwrap().contains("Digital postkasse"));
        let id = submitted_with(app, &round, CategoryKind::Innovation, "Digital postkasse", None, "Brev på nett.").await;
        let mut found = false;
        for _ in 0..100 {
            if client.get(&search).send().await.unwrap().text().await.unwrap().contains(&format!("/applications/{id}")) {
                found = true;
                break;
            }
            tokio::time::sleep(std::time::Duration::from_millis(100)).await;
        }
        assert!(found, "the other process's index saw the submission within 10 s");
        app.sign_in("kari@fjordvik.example", PASSWORD).await;
        let user = user_row(app, "kari@fjordvik.example").await;
        let v = app.services.editable(&user, id).await.unwrap().application.version;
        app.services.withdraw_application(&user, id, v).await.unwrap();
        let mut gone = false;
        for _ in 0..100 {
            if !client.get(&search).send().await.unwrap().text().await.unwrap().contains(&format!("/applications/{id}")) {
                gone = true;
                break;
            }
            tokio::time::sleep(std::time::Duration::from_millis(100)).await;
        }
        assert!(gone, "and the withdrawal");
    }

    async fn a_draft_is_shown_similar_innovations_to_steal_first(app) {
        let round = setup(app).await;
        let like = submitted_with(app, &round, CategoryKind::Innovation, "Sensorstyrt renhold i skolene", None, "Vi vasker etter bruk.").await;
        let unlike = submitted_with(app, &round, CategoryKind::Innovation, "Digital postkasse", None, "Brev på nett.").await;
        app.sign_in("kari@fjordvik.example", PASSWORD).await;
        let user = user_row(app, "kari@fjordvik.example").await;
        let draft = app.services.start_application(&user, round.category(CategoryKind::Innovation), round.unit).await.unwrap();
        let form = prisverdig_domain::application_form::ApplicationForm { title: "Renhold etter behov på skolen".into(), ..Default::default() };
        app.services.save_application(&user, draft, 1, form, Intent::Save).await.unwrap();
        let page = app.get(&format!("/applications/{draft}/edit")).await.text().await.unwrap();
        assert!(page.contains("Stjel før du bygger"));
        let section = &page[page.find("similar-heading").unwrap()..page.find("attachments-heading").unwrap()];
        let first = section.find(&format!("/applications/{like}")).expect("shares «renhold» and «skole»");
        if let Some(other) = section.find(&format!("/applications/{unlike}")) {
            assert!(first < other, "the most similar comes first");
        }
    }

    async fn feeds_carry_new_applications_and_only_published_results(app) {
        let round = setup(app).await;
        let a = submitted(app, &round, CategoryKind::Innovation, "Smart renhold", None).await;
        let b = submitted(app, &round, CategoryKind::Innovation, "Digital postkasse", None).await;
        let user = user_row(app, "kari@fjordvik.example").await;
        app.services.start_application(&user, round.category(CategoryKind::Innovation), round.unit).await.unwrap();
        let feed = app.get("/feeds/applications.atom").await;
        assert_eq!(feed.headers()["content-type"], "application/atom+xml; charset=utf-8");
        let xml = feed.text().await.unwrap();
        assert_eq!(xml.matches("<entry>").count(), 2, "drafts are not in the feed");
        assert!(xml.contains(&format!("<id>http://prisverdig.test/applications/{a}</id>")) && xml.contains("Smart renhold"));
        let now = app.services.clock.now();
        for (id, kind, published) in [(a, "winner", Some(now)), (b, "winner", None)] {
            prisverdig_store::on_pool!(app.services.db(), |pool| sqlx::query(
                "INSERT INTO decision (id, application_id, kind, justification, published_at) VALUES ($1, $2, $3, $4, $5)")
                .bind(Uuid::now_v7()).bind(id).bind(kind).bind("Juryen mener").bind(published)
                .execute(pool).await.map(|_| ())).unwrap();
        }
        let results = app.get("/feeds/results.atom").await.text().await.unwrap();
        assert!(results.contains("Vinner: Smart renhold"), "{results}");
        assert!(!results.contains("Digital postkasse"), "unpublished outcomes stay secret");
        let catalogue = app.get("/catalogue?status=winner").await.text().await.unwrap();
        assert!(catalogue.contains("Smart renhold") && !catalogue.contains("Digital postkasse"));
        assert!(catalogue.contains(">Vinner<"), "the badge shows once published");
        let fame = app.get("/hall-of-fame").await.text().await.unwrap();
        assert!(fame.contains("Smart renhold") && !fame.contains("Digital postkasse"), "a winner only once published (the unpublished one is a winner too)");
    }

    async fn the_json_api_shows_what_the_pages_show(app) {
        let round = setup(app).await;
        let a = submitted_with(app, &round, CategoryKind::Innovation, "Digital postkasse", None, "Innbyggerne får svar.").await;
        let user = user_row(app, "kari@fjordvik.example").await;
        let draft = app.services.start_application(&user, round.category(CategoryKind::Innovation), round.unit).await.unwrap();
        let list: serde_json::Value = app.get("/api/v1/applications").await.json().await.unwrap();
        assert_eq!(list["total"], 1);
        assert_eq!(list["items"][0]["id"], a.to_string());
        assert_eq!(list["items"][0]["unit"], serde_json::json!(["Eiendom", "Renhold"]));
        let found: serde_json::Value = app.get("/api/v1/applications?q=innbygger&year=2020&category=innovation").await.json().await.unwrap();
        assert_eq!(found["total"], 1);
        let none: serde_json::Value = app.get("/api/v1/applications?year=1999").await.json().await.unwrap();
        assert_eq!(none["total"], 0);
        let detail = app.get(&format!("/api/v1/applications/{a}")).await;
        assert_eq!(detail.status(), 200);
        let detail: serde_json::Value = detail.json().await.unwrap();
        assert_eq!(detail["title"], "Digital postkasse");
        assert_eq!(detail["answers"][0]["answer"], "Innbyggerne får svar.");
        let hidden = app.get(&format!("/api/v1/applications/{draft}")).await;
        assert_eq!(hidden.status(), 404);
        assert_eq!(hidden.json::<serde_json::Value>().await.unwrap()["error"], "not_found");
        let doc: serde_json::Value = app.get("/api/openapi.json").await.json().await.unwrap();
        assert!(doc["paths"]["/api/v1/applications"]["get"].is_object());
        assert!(doc["paths"]["/api/v1/applications/{id}"]["get"].is_object());
        assert!(doc["components"]["schemas"]["ApplicationList"].is_object());
    }

    async fn search_finds_norwegian_inflections_and_hides_what_is_not_public(app) {
        let round = setup(app).await;
        let a = submitted_with(app, &round, CategoryKind::Innovation, "Digital postkasse", None, "Innbyggeren får svar raskere fra skolen.").await;
        let b = submitted_with(app, &round, CategoryKind::Innovation, "Smart renhold", None, "Vi vasker der folk har vært.").await;
        let user = user_row(app, "kari@fjordvik.example").await;
        let draft = app.services.start_application(&user, round.category(CategoryKind::Innovation), round.unit).await.unwrap();
        let mut form = prisverdig_domain::application_form::ApplicationForm { title: "Kladd om innbyggerne".into(), ..Default::default() };
        form.answers.criteria = vec![String::new(); 6];
        app.services.save_application(&user, draft, 1, form, Intent::Save).await.unwrap();
        let hits = app.get("/catalogue?q=innbyggerne+skolene").await.text().await.unwrap();
        assert!(hits.contains(&format!("/applications/{a}")), "inflected forms find each other");
        assert!(!hits.contains(&format!("/applications/{b}")));
        assert!(hits.contains("<mark>"), "the match is highlighted");
        assert!(!hits.contains("Kladd om innbyggerne"), "drafts are never found");
        assert!(app.get("/catalogue?q=Baerum+OR+innbyg").await.status() == 200);
        let typo = app.get("/catalogue?q=renhol").await.text().await.unwrap();
        assert!(typo.contains(&format!("/applications/{b}")), "prefix as you type");
        app.sign_in("kari@fjordvik.example", PASSWORD).await;
        let v = app.services.editable(&user, a).await.unwrap().application.version.to_string();
        app.post_form(&format!("/applications/{a}/edit"), &format!("/applications/{a}/withdraw"), &[("version", &v)]).await;
        assert!(eventually(app, "/catalogue?q=innbygger", &format!("/applications/{a}"), false).await, "withdrawn leaves the index");
    }


    async fn search_shows_an_after_deadline_round_only_from_its_extended_deadline(app) {
        let round = open_round(app, Visibility::AfterDeadline).await;
        applicant(app, "kari@fjordvik.example", "Kari Nordmann").await;
        let id = submitted_with(app, &round, CategoryKind::Innovation, "Digital postkasse", None, "Brev til innbyggerne.").await;
        let search = "/api/v1/applications?q=innbygger";
        let total = |body: serde_json::Value| body["total"].as_i64().unwrap();
        app.services.search_index().await.unwrap();
        // The administrator extends the deadline by a week: the index must learn it.
        let admin = prisverdig_service::users::AddUser { email: "admin@fjordvik.example", name: "Admin", roles: &[prisverdig_domain::role::Role::Administrator], password: PASSWORD };
        let admin = app.services.add_user(admin).await.unwrap();
        let admin = app.services.user(admin).await.unwrap().unwrap();
        let category = round.category(CategoryKind::Innovation);
        let input = prisverdig_domain::setup::CategoryInput {
            kind: "innovation", name: "Innovasjonsprisen", description: "", prize_sum_kr: "50000",
            deadline_date: "2019-11-01", deadline_time: "23:59", extended_date: "2019-11-08", extended_time: "23:59", blind: false, peoples_choice: false,
        };
        app.services.update_category(&admin, category, 1, &input).await.unwrap();
        app.clock.set(DEADLINE + time::Duration::hours(1));
        let mut hidden = false;
        for _ in 0..100 {
            let body: serde_json::Value = app.get(search).await.json().await.unwrap();
            if total(body) == 0 {
                hidden = true;
                break;
            }
            tokio::time::sleep(std::time::Duration::from_millis(100)).await;
        }
        assert!(hidden, "not counted before the extended deadline, though the first one passed");
        app.clock.set(DEADLINE + time::Duration::days(7));
        let body: serde_json::Value = app.get(search).await.json().await.unwrap();
        assert_eq!(total(body.clone()), 1, "counted from the extended deadline");
        assert_eq!(body["items"][0]["id"], id.to_string());
    }

    async fn cheering_counts_once_per_person_and_can_be_taken_back(app) {
        let round = setup(app).await;
        let id = submitted(app, &round, CategoryKind::Innovation, "Smart renhold", None).await;
        let anonymous = new_client().get(app.url(&format!("/applications/{id}"))).send().await.unwrap().text().await.unwrap();
        assert!(anonymous.contains("Logg inn for å heie"));
        app.sign_in("kari@fjordvik.example", PASSWORD).await;
        let page = format!("/applications/{id}");
        let cheer = format!("/applications/{id}/cheer");
        assert_eq!(app.post_form(&page, &cheer, &[]).await.status(), 303);
        assert!(app.get(&page).await.text().await.unwrap().contains("Heiarop: <span class=\"count\">1</span>"));
        app.post_form(&page, &cheer, &[]).await;
        assert!(app.get(&page).await.text().await.unwrap().contains("Heiarop: <span class=\"count\">0</span>"));
    }

    async fn cards_show_cheers_kept_with_the_application_and_sort_by_them(app) {
        let round = setup(app).await;
        let quiet = submitted(app, &round, CategoryKind::Innovation, "Stille idé", None).await;
        let loved = submitted(app, &round, CategoryKind::Innovation, "Elsket idé", None).await;
        let liked = submitted(app, &round, CategoryKind::Innovation, "Likt idé", None).await;
        applicant(app, "ola@fjordvik.example", "Ola Nordmann").await;
        let (kari, ola) = (user_row(app, "kari@fjordvik.example").await, user_row(app, "ola@fjordvik.example").await);
        let changes = prisverdig_store::catalogue::search_change(app.services.db()).await.unwrap();
        for (user, id) in [(&kari, loved), (&ola, loved), (&kari, liked)] {
            assert!(app.services.toggle_cheer(user, id).await.unwrap());
        }
        // The count is the search's business no more than before: no reindexing for a cheer.
        assert_eq!(prisverdig_store::catalogue::search_change(app.services.db()).await.unwrap(), changes);
        let order = |html: &str| {
            let mut at: Vec<(usize, &str)> = ["Stille idé", "Elsket idé", "Likt idé"]
                .iter()
                .map(|t| (html.find(&format!(">{t}<")).unwrap_or_else(|| panic!("{t} listed")), *t))
                .collect();
            at.sort();
            at.into_iter().map(|(_, t)| t).collect::<Vec<_>>()
        };
        let page = new_client().get(app.url("/catalogue?sort=cheers")).send().await.unwrap().text().await.unwrap();
        assert_eq!(order(&page), ["Elsket idé", "Likt idé", "Stille idé"]);
        let counts = |body: serde_json::Value| -> Vec<(String, i64)> {
            let mut v: Vec<_> = body["items"].as_array().unwrap().iter()
                .map(|i| (i["id"].as_str().unwrap().to_string(), i["cheers"].as_i64().unwrap()))
                .collect();
            v.sort();
            v
        };
        let expect = |pairs: &[(Uuid, i64)]| {
            let mut v: Vec<_> = pairs.iter().map(|(id, n)| (id.to_string(), *n)).collect();
            v.sort();
            v
        };
        let api = new_client().get(app.url("/api/v1/applications")).send().await.unwrap().json().await.unwrap();
        assert_eq!(counts(api), expect(&[(loved, 2), (liked, 1), (quiet, 0)]));
        // Taken back twice: the order follows (ties newest first).
        assert!(!app.services.toggle_cheer(&kari, loved).await.unwrap());
        assert!(!app.services.toggle_cheer(&ola, loved).await.unwrap());
        let api = new_client().get(app.url("/api/v1/applications")).send().await.unwrap().json().await.unwrap();
        assert_eq!(counts(api), expect(&[(loved, 0), (liked, 1), (quiet, 0)]));
        let page = new_client().get(app.url("/catalogue?sort=cheers")).send().await.unwrap().text().await.unwrap();
        assert_eq!(order(&page), ["Likt idé", "Elsket idé", "Stille idé"]);
    }

    async fn drafts_cannot_be_cheered_or_adopted(app) {
        let round = setup(app).await;
        let user = user_row(app, "kari@fjordvik.example").await;
        let draft = app.services.start_application(&user, round.category(CategoryKind::Innovation), round.unit).await.unwrap();
        assert!(app.services.toggle_cheer(&user, draft).await.is_err());
        assert!(app.services.record_adoption(&user, draft, round.unit, "").await.is_err());
    }

    async fn an_adoption_is_shown_on_both_sides_and_counted(app) {
        let round = setup(app).await;
        let source = submitted(app, &round, CategoryKind::Innovation, "Smart renhold", None).await;
        let thief = submitted(app, &round, CategoryKind::Steal, "Smart renhold på skolene", Some(source)).await;
        app.sign_in("kari@fjordvik.example", PASSWORD).await;
        let page = format!("/applications/{source}");
        let unit = round.sector.to_string();
        let res = app.post_form(&page, &format!("/applications/{source}/adopt"), &[("unit", &unit), ("note", "Vi bruker færre sensorer")]).await;
        assert_eq!(res.status(), 303);
        let body = app.get(&page).await.text().await.unwrap();
        assert!(body.contains("Stjålet av: <span class=\"count\">2</span>"), "the steal application and the unit's note");
        assert!(body.contains("Smart renhold på skolene") && body.contains("Vi bruker færre sensorer"));
        let other_side = app.get(&format!("/applications/{thief}")).await.text().await.unwrap();
        assert!(other_side.contains("Stjålet fra") && other_side.contains(&format!("/applications/{source}")));
        let family = app.get(&format!("/applications/{thief}/family")).await.text().await.unwrap();
        assert!(family.contains("<svg") && family.contains("role=\"group\""), "a drawing of links, labelled");
        assert!(family.contains("Smart renhold på skolene stjal fra Smart renhold"), "and the same as text");
        assert!(family.contains(&format!("href=\"/applications/{source}\"")));
                let again = app.post_form(&page, &format!("/applications/{source}/adopt"), &[("unit", &unit), ("note", "")]).await;
        assert_eq!(again.status(), 422);
        assert!(again.text().await.unwrap().contains("allerede sagt at den stjal"));
    }

    async fn a_unit_steals_an_idea_once_even_when_two_press_at_once(app) {
        let round = setup(app).await;
        let source = submitted(app, &round, CategoryKind::Innovation, "Smart renhold", None).await;
        let user = user_row(app, "kari@fjordvik.example").await;
        let presses: Vec<_> = (0..6).map(|_| {
            let (services, user, unit) = (app.services.clone(), user.clone(), round.sector);
            tokio::spawn(async move { services.record_adoption(&user, source, unit, "").await })
        }).collect();
        let mut outcomes = Vec::new();
        for press in presses {
            outcomes.push(press.await.unwrap());
        }
        assert_eq!(outcomes.iter().filter(|o| o.is_ok()).count(), 1, "{outcomes:?}");
        for refused in outcomes.iter().filter_map(|o| o.as_ref().err()) {
            assert!(matches!(refused, prisverdig_service::ServiceError::Invalid(p) if p[0].message_id == "error-already-adopted"), "{refused:?}");
        }
        let sql = "SELECT COUNT(*) FROM adoption WHERE source_application_id = $1";
        let rows: i64 = match app.services.db() {
            prisverdig_store::Db::Sqlite(p) => sqlx::query_scalar(sql).bind(source).fetch_one(p).await.unwrap(),
            prisverdig_store::Db::Postgres(p) => sqlx::query_scalar(sql).bind(source).fetch_one(p).await.unwrap(),
        };
        assert_eq!(rows, 1);
    }
}

/// A custom prize («egen pris») in the round, written through the store (as the fixture's
/// prizes are), and the round as seen from it.
async fn custom_prize(app: &TestApp, round: &Round, name: &str) -> Round {
    use prisverdig_store::categories::{self, NewCategory};
    let mut tx = app.services.db().begin().await.unwrap();
    let prize = NewCategory {
        round_id: round.id,
        kind: CategoryKind::Custom,
        name,
        description: "",
        prize_sum_kr: 10_000,
        deadline: crate::fixtures::DEADLINE,
        extended_deadline: None,
        position: 10,
    };
    let id = categories::insert(&mut tx, prize).await.unwrap();
    tx.commit().await.unwrap();
    Round {
        id: round.id,
        categories: [(CategoryKind::Custom, id)].into(),
        unit: round.unit,
        sector: round.sector,
    }
}

on_both_backends! {
    async fn the_prize_filter_offers_and_filters_by_custom_prizes(app) {
        let round = setup(app).await;
        let neighbour = custom_prize(app, &round, "Årets nabo").await;
        let green = custom_prize(app, &round, "Grønn pris").await;
        custom_prize(app, &round, "Tom pris").await;
        submitted(app, &round, CategoryKind::Innovation, "Smart renhold", None).await;
        submitted(app, &neighbour, CategoryKind::Custom, "Nabohjelpen", None).await;
        submitted(app, &green, CategoryKind::Custom, "Solcellebenken", None).await;

        let res = app.get("/catalogue").await;
        assert_eq!(res.status(), 200);
        let page = res.text().await.unwrap();
        let select = &page[page.find("id=\"category\"").unwrap()..];
        let select = &select[..select.find("</select>").unwrap()];
        assert!(select.contains("<option value=\"custom:Årets nabo\">Årets nabo</option>"), "{select}");
        assert!(select.contains("<option value=\"custom:Grønn pris\">Grønn pris</option>"), "{select}");
        assert!(!select.contains("Tom pris"), "a prize without public applications is not offered");

        let res = app.get("/catalogue?category=custom%3A%C3%85rets+nabo").await;
        assert_eq!(res.status(), 200);
        let page = res.text().await.unwrap();
        assert!(page.contains("Nabohjelpen"), "the prize's application is listed");
        assert!(!page.contains("Solcellebenken") && !page.contains("Smart renhold"), "no other prize's");
        assert!(page.contains("<option value=\"custom:Årets nabo\" selected>"), "the choice is kept");
        assert!(page.contains(": 1</p>"), "one found");
    }
}
