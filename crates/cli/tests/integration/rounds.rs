//! Issue 9: rounds that cannot break the front page — one round a year, default deadlines
//! ahead, no opening of a dead round, deleting drafts, and the category form's type and
//! confirmation.

use crate::admin::{admin, audit_count, count, insert_application, location, round_input};
use crate::on_both_backends;
use prisverdig_domain::category::CategoryKind;
use prisverdig_domain::setup::QuestionInput;
use prisverdig_service::{Clock, ServiceError};
use prisverdig_store::{categories, rounds};
use time::macros::datetime;
use uuid::Uuid;

/// An open round of the fixture's organisation with one category due at `deadline`.
pub(crate) async fn another_open_round(
    app: &crate::harness::TestApp,
    like: Uuid,
    (year, title): (i64, &str),
    (name, deadline): (&str, time::OffsetDateTime),
) -> Uuid {
    let org = rounds::get(app.services.db(), like)
        .await
        .unwrap()
        .unwrap()
        .organisation_id;
    let mut tx = app.services.db().begin().await.unwrap();
    let round = rounds::NewRound {
        organisation_id: org,
        year,
        title,
        description: "",
        ceremony_name: "",
        ceremony_at: None,
        ceremony_place: "",
        state: prisverdig_domain::round::RoundState::Open,
        visibility: prisverdig_domain::round::Visibility::OnSubmit,
    };
    let id = rounds::insert(&mut tx, app.clock.now(), round)
        .await
        .unwrap();
    let c = categories::NewCategory {
        round_id: id,
        kind: prisverdig_domain::category::CategoryKind::Custom,
        name,
        description: "",
        prize_sum_kr: 10_000,
        deadline,
        extended_deadline: None,
        position: 0,
    };
    categories::insert(&mut tx, c).await.unwrap();
    // Written past the use cases: tell the page cache as they do.
    prisverdig_store::public_change::bump(&mut tx)
        .await
        .unwrap();
    tx.commit().await.unwrap();
    app.services.check_public_changes().await.unwrap();
    id
}

/// The front page as an anonymous visitor gets it (through the page cache).
async fn front(app: &crate::harness::TestApp) -> String {
    let res = crate::harness::new_client()
        .get(app.url("/"))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 200);
    res.text().await.unwrap()
}

fn round_form(year: &str) -> Vec<(&'static str, String)> {
    vec![
        ("year", year.to_string()),
        ("title", format!("Innovasjonsprisene {year}")),
        ("visibility", "on_submit".to_string()),
        ("default_prizes", "1".to_string()),
    ]
}

fn fields<'a>(v: &'a [(&'static str, String)]) -> Vec<(&'static str, &'a str)> {
    v.iter().map(|(k, s)| (*k, s.as_str())).collect()
}

fn id_of(res: &reqwest::Response) -> Uuid {
    location(res).rsplit('/').next().unwrap().parse().unwrap()
}

on_both_backends! {
    async fn a_second_round_for_a_year_is_refused_at_the_year_field(app) {
        let user = admin(app).await;
        let new = "/admin/rounds/new";
        let res = app.post_form(new, new, &fields(&round_form("2020"))).await;
        assert_eq!(res.status(), 303);
        let first = id_of(&res);
        let res = app.post_form(new, new, &fields(&round_form("2020"))).await;
        assert_eq!(res.status(), 422, "a second round for 2020");
        let body = res.text().await.unwrap();
        assert!(body.contains("id=\"year-error\"") && body.contains("Det finnes allerede en prisrunde for dette året"), "{body}");
        assert_eq!(rounds::count(app.services.db()).await.unwrap(), 1);

        // Editing: another round may not move onto 2020; a round keeps its own year.
        let res = app.post_form(new, new, &fields(&round_form("2021"))).await;
        let second = id_of(&res);
        let edit = format!("/admin/rounds/{second}/edit");
        let res = app.post_form(&edit, &edit, &fields(&round_form("2020"))).await;
        assert_eq!(res.status(), 422);
        assert!(res.text().await.unwrap().contains("id=\"year-error\""));
        let edit_first = format!("/admin/rounds/{first}/edit");
        let mut own_year = round_form("2020");
        own_year.push(("version", "1".to_string()));
        let res = app.post_form(&edit_first, &edit_first, &fields(&own_year)).await;
        assert_eq!(res.status(), 303, "saving a round with its own year");

        // Copying 2020 would make a second 2021: refused clearly, nothing written.
        let page = format!("/admin/rounds/{first}");
        let res = app.post_form(&page, &format!("{page}/copy"), &[]).await;
        assert_eq!(res.status(), 422);
        let body = res.text().await.unwrap();
        assert!(body.contains("id=\"copy-error\"") && body.contains("allerede en prisrunde for neste år"), "{body}");
        assert_eq!(rounds::count(app.services.db()).await.unwrap(), 2);
        match app.services.copy_round(&user, first).await {
            Err(ServiceError::Invalid(e)) => assert_eq!(e[0].message_id, "error-copy-year-taken"),
            other => panic!("{other:?}"),
        }

        // The store holds the rule for every writer: the unique index.
        let org = app.services.round_view(&user, first).await.unwrap().round.organisation_id;
        let mut tx = app.services.db().begin().await.unwrap();
        let dup = rounds::NewRound {
            organisation_id: org,
            year: 2021,
            title: "Dobbel",
            description: "",
            ceremony_name: "",
            ceremony_at: None,
            ceremony_place: "",
            state: prisverdig_domain::round::RoundState::Draft,
            visibility: prisverdig_domain::round::Visibility::OnSubmit,
        };
        let err = rounds::insert(&mut tx, app.clock.now(), dup).await.unwrap_err();
        assert!(matches!(err, prisverdig_store::StoreError::Duplicate(_)), "{err:?}");
    }

    async fn default_deadlines_lie_ahead_of_the_day_the_round_is_made(app) {
        let user = admin(app).await;
        // 15 October 2019: 1 November 2019 is still ahead.
        let early = app.services.create_round(&user, &round_input("2020"), true).await.unwrap();
        let view = app.services.round_view(&user, early).await.unwrap();
        assert!(view.categories.iter().all(|c| c.deadline == datetime!(2019-11-01 22:59 UTC)));
        // 10 December 2019, a round for 2021: 1 November 2020.
        app.clock.set(datetime!(2019-12-10 10:00 UTC));
        let next = app.services.create_round(&user, &round_input("2021"), true).await.unwrap();
        let view = app.services.round_view(&user, next).await.unwrap();
        assert!(view.categories.iter().all(|c| c.deadline == datetime!(2020-11-01 22:59 UTC)));
        // A round for 2022 made on 10 December 2021 (the case), ceremony 20 January:
        // not 1 November 2021, which has passed, but two weeks before the ceremony.
        app.clock.set(datetime!(2021-12-10 10:00 UTC));
        let mut late = round_input("2022");
        late.title = "Innovasjonsprisene 2022";
        late.ceremony_date = "2022-01-20";
        let late = app.services.create_round(&user, &late, true).await.unwrap();
        let view = app.services.round_view(&user, late).await.unwrap();
        assert_eq!(view.categories.len(), 3);
        for c in &view.categories {
            assert_eq!(c.deadline, datetime!(2022-01-06 22:59 UTC), "{}", c.name);
            assert!(c.deadline > app.clock.now());
        }
        assert!(!view.all_deadlines_past);
        app.services.transition_round(&user, late, "open").await.unwrap();
    }

    async fn a_round_whose_every_deadline_has_passed_cannot_be_opened(app) {
        admin(app).await;
        let new = "/admin/rounds/new";
        let res = app.post_form(new, new, &fields(&round_form("2020"))).await;
        let round = id_of(&res);
        let page = format!("/admin/rounds/{round}");
        assert!(!app.get(&page).await.text().await.unwrap().contains("Fristen har gått ut for"));
        app.clock.set(datetime!(2019-11-05 10:00 UTC));
        let body = app.get(&page).await.text().await.unwrap();
        assert!(body.contains("Fristen har gått ut for «Innovasjonsprisen», «Stjæl med stil» og «Beste feil»"), "{body}");
        let res = app.post_form(&page, &format!("{page}/transition"), &[("to", "open")]).await;
        assert_eq!(res.status(), 422);
        let body = res.text().await.unwrap();
        assert!(body.contains("id=\"state-error\""));
        assert!(body.contains("Runden kan ikke åpnes: fristen har gått ut for «Innovasjonsprisen», «Stjæl med stil» og «Beste feil»"), "{body}");
        assert_eq!(audit_count(app, "round.transition").await, 0);

        // Saving a past deadline is a warning on the category's page, not a refusal.
        let categories = app.get(&page).await.text().await.unwrap();
        let category = format!("/admin/categories/{}", &categories.split("/admin/categories/").nth(1).unwrap()[..36]);
        let version = crate::harness::hidden_value(&app.get(&category).await.text().await.unwrap(), "version").unwrap();
        let form = [("kind", "innovation"), ("name", "Innovasjonsprisen"), ("prize_sum_kr", "50000"),
            ("deadline_date", "2019-11-03"), ("deadline_time", "23:59"), ("version", &version)];
        let res = app.post_form(&category, &category, &form).await;
        assert_eq!(res.status(), 303);
        let shown = app.get(&location(&res)).await.text().await.unwrap();
        assert!(shown.contains("id=\"deadline-warning\"") && shown.contains("har allerede gått ut"), "{shown}");
        // With one deadline ahead the round opens; the others are still named.
        let version = crate::harness::hidden_value(&app.get(&category).await.text().await.unwrap(), "version").unwrap();
        let form = [("kind", "innovation"), ("name", "Innovasjonsprisen"), ("prize_sum_kr", "50000"),
            ("deadline_date", "2019-12-01"), ("deadline_time", "23:59"), ("version", &version)];
        let res = app.post_form(&category, &category, &form).await;
        let shown = app.get(&location(&res)).await.text().await.unwrap();
        assert!(!shown.contains("id=\"deadline-warning\""));
        let body = app.get(&page).await.text().await.unwrap();
        assert!(body.contains("Fristen har gått ut for «Stjæl med stil» og «Beste feil»"), "{body}");
        let res = app.post_form(&page, &format!("{page}/transition"), &[("to", "open")]).await;
        assert_eq!(res.status(), 303);
    }

    async fn a_draft_round_can_be_deleted_after_a_confirmation(app) {
        let user = admin(app).await;
        let round = app.services.create_round(&user, &round_input("2020"), true).await.unwrap();
        let first = app.services.round_view(&user, round).await.unwrap().categories[0].id;
        let q = QuestionInput { text: "Hvem kan ta den i bruk?", help: "", required: false };
        app.services.add_question(&user, first, &q).await.unwrap();
        // A copy of the draft remembers it; deleting the draft must not be blocked by that.
        let copy = app.services.copy_round(&user, round).await.unwrap();
        let page = format!("/admin/rounds/{round}");
        let body = app.get(&page).await.text().await.unwrap();
        assert!(body.contains(&format!("href=\"{page}/delete\"")));
        let confirm = app.get(&format!("{page}/delete")).await;
        assert_eq!(confirm.status(), 200);
        let confirm = confirm.text().await.unwrap();
        assert!(confirm.contains("Stjæl med stil") && confirm.contains("Ja, slett runden"));
        assert_eq!(rounds::count(app.services.db()).await.unwrap(), 2, "the confirmation page deletes nothing");
        let res = app.post_form(&format!("{page}/delete"), &format!("{page}/delete"), &[]).await;
        assert_eq!(res.status(), 303);
        let list = app.get(&location(&res)).await.text().await.unwrap();
        assert!(list.contains("Prisrunden er slettet."));
        assert!(rounds::get(app.services.db(), round).await.unwrap().is_none());
        let in_round = "SELECT COUNT(*) FROM category";
        assert_eq!(count(app, in_round).await, 3, "only the copy's categories are left");
        assert_eq!(count(app, "SELECT COUNT(*) FROM question").await, 1, "the copy's question");
        assert_eq!(count(app, "SELECT COUNT(*) FROM criterion").await, 13);
        assert_eq!(audit_count(app, "round.delete").await, 1);
        assert_eq!(app.services.round_view(&user, copy).await.unwrap().round.copied_from, None);

        // Not a draft: no button, and the use case refuses.
        app.services.transition_round(&user, copy, "open").await.unwrap();
        let page = format!("/admin/rounds/{copy}");
        assert!(!app.get(&page).await.text().await.unwrap().contains("/delete\""));
        let res = app.post_form(&page, &format!("{page}/delete"), &[]).await;
        assert_eq!(res.status(), 422);
        assert!(res.text().await.unwrap().contains("Bare runder som er utkast, kan slettes."));
        assert_eq!(app.get(&format!("{page}/delete")).await.status(), 422);

        // A draft with an application (even an unsubmitted one) is kept.
        let draft = app.services.create_round(&user, &round_input("2030"), true).await.unwrap();
        let category = app.services.round_view(&user, draft).await.unwrap().categories[0].id;
        let unit = app.services.create_unit(&user, "Renhold", "unit", None).await.unwrap();
        insert_application(app, (category, unit, user.id), None).await;
        let page = format!("/admin/rounds/{draft}");
        let res = app.post_form(&page, &format!("{page}/delete"), &[]).await;
        assert_eq!(res.status(), 422);
        assert!(res.text().await.unwrap().contains("Runden har søknader og kan ikke slettes."));
        assert!(rounds::get(app.services.db(), draft).await.unwrap().is_some());
    }

    async fn a_new_categorys_type_follows_its_name_and_saving_is_confirmed(app) {
        let user = admin(app).await;
        let round = app.services.create_round(&user, &round_input("2020"), false).await.unwrap();
        let new = format!("/admin/rounds/{round}/categories/new");
        let form = app.get(&new).await.text().await.unwrap();
        assert!(form.contains("<option value=\"\" selected>"), "the form leaves the type to the name");
        // No type field at all: the server takes the shipped prize the name names.
        let base = [("prize_sum_kr", "50000"), ("deadline_date", "2019-11-01"), ("deadline_time", "23:59")];
        let mut fields = base.to_vec();
        fields.push(("name", "Innovasjonsprisen"));
        let res = app.post_form(&new, &new, &fields).await;
        assert_eq!(res.status(), 303);
        let saved = location(&res);
        let id: Uuid = saved.trim_start_matches("/admin/categories/").split('?').next().unwrap().parse().unwrap();
        assert_eq!(app.services.category_view(&user, id).await.unwrap().category.kind, CategoryKind::Innovation);
        // The confirmation comes from following the POST's own redirect.
        let page = app.get(&saved).await.text().await.unwrap();
        let status = page.split("<div role=\"status\">").nth(1).unwrap().split("</div></div>").next().unwrap();
        assert!(status.contains("Priskategorien er lagret."), "{page}");
        let plain = app.get(&format!("/admin/categories/{id}")).await.text().await.unwrap();
        assert!(!plain.contains("Priskategorien er lagret."), "no confirmation without a save");
        let mut fields = base.to_vec();
        fields.extend([("name", "Årets ildsjel"), ("kind", "")]);
        let res = app.post_form(&new, &new, &fields).await;
        let other = location(&res);
        let other: Uuid = other.trim_start_matches("/admin/categories/").split('?').next().unwrap().parse().unwrap();
        assert_eq!(app.services.category_view(&user, other).await.unwrap().category.kind, CategoryKind::Custom);
        // Editing saves with a confirmation too.
        let edit = format!("/admin/categories/{id}");
        let mut fields = base.to_vec();
        let version = crate::harness::hidden_value(&app.get(&edit).await.text().await.unwrap(), "version").unwrap();
        fields.extend([("name", "Innovasjonsprisen"), ("kind", "innovation"), ("version", &version)]);
        let res = app.post_form(&edit, &edit, &fields).await;
        assert_eq!(res.status(), 303);
        assert!(app.get(&location(&res)).await.text().await.unwrap().contains("Priskategorien er lagret."));
    }

    async fn the_front_page_calls_for_every_live_prize_and_a_dead_round_hides_none(app) {
        let live = crate::fixtures::open_round(app, prisverdig_domain::round::Visibility::OnSubmit).await;
        // Next year's round opened with every deadline past (as issue 9 found it).
        another_open_round(app, live.id, (2021, "Innovasjonsprisene 2021"), ("Årets feilsteg", datetime!(2019-10-01 21:59 UTC))).await;
        let page = front(app).await;
        assert!(page.contains("Innovasjonsprisene 2020") && page.contains("href=\"/apply\""), "{page}");
        assert!(!page.contains("Årets feilsteg") && !page.contains("Innovasjonsprisene 2021"), "the dead round shows nothing");
        assert!(page.contains("17 dager igjen"));

        // A second live round: every live prize, each with its round, soonest deadline first.
        another_open_round(app, live.id, (2022, "Ildsjelprisen 2022"), ("Årets ildsjel", datetime!(2019-10-20 21:59 UTC))).await;
        let page = front(app).await;
        assert!(page.contains("Priser du kan søke på nå"), "{page}");
        let order: Vec<usize> = ["Årets ildsjel", "Innovasjonsprisen", "Stjæl med stil", "Beste feil"]
            .iter().map(|n| page.find(&format!(">{n}</h3>")).unwrap_or_else(|| panic!("{n} missing"))).collect();
        assert!(order.windows(2).all(|w| w[0] < w[1]), "soonest deadline first: {order:?}");
        assert!(page.contains("Ildsjelprisen 2022") && page.contains("Innovasjonsprisene 2020"), "each card names its round");
        assert!(page.contains("5 dager igjen") && page.contains("17 dager igjen"));
        assert!(!page.contains("Årets feilsteg"));

        // The cached page goes when the first shown deadline passes, nobody writing.
        app.clock.set(datetime!(2019-10-20 22:00 UTC));
        let page = front(app).await;
        assert!(!page.contains("Årets ildsjel") && page.contains("Innovasjonsprisen"), "{page}");
        assert!(page.contains("Innovasjonsprisene 2020") && !page.contains("Priser du kan søke på nå"), "one live round again");
        // Between rounds: the current round, as before, without a call to apply.
        app.clock.set(crate::fixtures::DEADLINE);
        let page = front(app).await;
        assert!(!page.contains("href=\"/apply\"") && !page.contains("dager igjen"), "{page}");
    }

    async fn the_catalogue_says_why_it_is_empty_and_keeps_pages_in_range(app) {
        let round = crate::catalogue::setup(app).await;
        let nothing = app.get("/catalogue").await.text().await.unwrap();
        assert!(nothing.contains("Ingen søknader er publisert ennå"));
        use prisverdig_domain::category::CategoryKind;
        crate::catalogue::submitted(app, &round, CategoryKind::Innovation, "Sensorstyrt renhold", None).await;
        crate::catalogue::submitted(app, &round, CategoryKind::Innovation, "Digital postkasse", None).await;
        // A search or a filter with no hits: nothing matched, and a way to clear it.
        for path in ["/catalogue?q=xylofonorkester", "/catalogue?category=mistake", "/catalogue?year=2020&category=mistake"] {
            let body = app.get(path).await.text().await.unwrap();
            assert!(body.contains("Ingen søknader passer søket eller filtrene dine.") && body.contains("Fjern søk og filtre"), "{path}: {body}");
            assert!(!body.contains("Ingen søknader er publisert ennå"), "{path}");
        }
        // Once Beste feil's deadline has passed, its empty year says none came in.
        app.clock.set(crate::fixtures::DEADLINE);
        let body = app.get("/catalogue?year=2020&category=mistake").await.text().await.unwrap();
        assert!(body.contains("Ingen søknader kom inn til Beste feil i 2020."), "{body}");
        assert!(!body.contains("Ingen søknader er publisert ennå"));
        let body = app.get("/catalogue?year=2020&category=mistake&q=renhold").await.text().await.unwrap();
        assert!(body.contains("Ingen søknader passer"), "a search is a search");

        // A page beyond the last is the last page, in SQL, in the index and in the API.
        for path in ["/catalogue?page=999999999", "/catalogue?sort=cheers&page=999999999"] {
            let body = app.get(path).await.text().await.unwrap();
            assert!(body.contains("Sensorstyrt renhold") && body.contains("Digital postkasse"), "{path}: {body}");
        }
        let mut found = false;
        for _ in 0..100 {
            let body = app.get("/catalogue?q=renhold&page=999999999").await.text().await.unwrap();
            if body.contains("Sensorstyrt renhold") {
                found = true;
                break;
            }
            tokio::time::sleep(std::time::Duration::from_millis(100)).await;
        }
        assert!(found, "the search's last page");
        let api: serde_json::Value = app.get("/api/v1/applications?page=999999999").await.json().await.unwrap();
        assert_eq!((api["page"].as_i64(), api["total"].as_i64()), (Some(1), Some(2)));
        assert_eq!(api["items"].as_array().unwrap().len(), 2);
    }
}

on_both_backends! {
    async fn a_stale_round_edit_is_refused_409_with_a_translated_page_and_nothing_saved(app) {
        admin(app).await;
        let new = "/admin/rounds/new";
        let id = id_of(&app.post_form(new, new, &fields(&round_form("2030"))).await);
        let edit = format!("/admin/rounds/{id}/edit");
        // Two administrators open the same form; both see version 1.
        let page = app.client.get(app.url(&edit)).send().await.unwrap().text().await.unwrap();
        let version = crate::harness::hidden_value(&page, "version").expect("the form names its version");
        let mut first = round_form("2030");
        first[1].1 = "Første lagring".to_string();
        first.push(("version", version.clone()));
        assert_eq!(app.post_form(&edit, &edit, &fields(&first)).await.status(), 303);
        // The second still holds version 1: refused, in the visitor's language, nothing saved.
        let mut second = round_form("2030");
        second[1].1 = "Andre lagring".to_string();
        second.push(("version", version));
        let res = app.post_form(&edit, &edit, &fields(&second)).await;
        assert_eq!(res.status(), 409);
        let body = res.text().await.unwrap();
        assert!(body.contains("Noen andre har endret dette"), "{body}");
        assert!(!body.contains("error-409"), "a message, not a key");
        let token = app.csrf_from(&edit).await;
        let mut english: Vec<(&str, &str)> = fields(&second);
        english.push(("_csrf", &token));
        let res = app.client.post(app.url(&edit)).header("accept-language", "en").form(&english).send().await.unwrap();
        assert_eq!(res.status(), 409);
        assert!(res.text().await.unwrap().contains("Someone else changed this"));
        let stored = app.client.get(app.url(&format!("/admin/rounds/{id}"))).send().await.unwrap().text().await.unwrap();
        assert!(stored.contains("Første lagring") && !stored.contains("Andre lagring"), "{stored}");
    }
}
