//! The administrator's setup: organisation chart, rounds, categories, criteria, tips.

use crate::harness::TestApp;
use crate::on_both_backends;
use prisverdig_domain::application::{ApplicationState, IdeaOrigin};
use prisverdig_domain::role::Role;
use prisverdig_domain::setup::{CriterionInput, QuestionInput, RoundInput};
use prisverdig_service::admin::unit_import::ImportOutcome;
use prisverdig_service::users::AddUser;
use prisverdig_service::{Clock, ServiceError};
use prisverdig_store::users::User;
use uuid::Uuid;

const PASSWORD: &str = "korrekt hest batteri";

async fn add(app: &TestApp, email: &str, role: Role) -> User {
    let input = AddUser {
        email,
        name: email,
        roles: &[role],
        password: PASSWORD,
    };
    let id = app.services.add_user(input).await.unwrap();
    app.services.user(id).await.unwrap().unwrap()
}

/// An administrator, signed in on the app's client.
pub(crate) async fn admin(app: &TestApp) -> User {
    let user = add(app, "admin@fjordvik.example", Role::Administrator).await;
    assert_eq!(
        app.sign_in("admin@fjordvik.example", PASSWORD)
            .await
            .status(),
        303
    );
    user
}

pub(crate) fn round_input(year: &str) -> RoundInput<'_> {
    RoundInput {
        year,
        title: "Innovasjonsprisene 2020",
        description: "Løp og søk!",
        ceremony_name: "Bærumskonferansen",
        ceremony_date: "2020-01-20",
        ceremony_time: "13:00",
        ceremony_place: "Kulturhuset",
        visibility: "on_submit",
        language: "nn",
    }
}

pub(crate) fn location(res: &reqwest::Response) -> String {
    res.headers()["location"].to_str().unwrap().to_string()
}

pub(crate) async fn audit_count(app: &TestApp, action: &str) -> i64 {
    let sql = "SELECT COUNT(*) FROM audit_log WHERE action = $1";
    match app.services.db() {
        prisverdig_store::Db::Sqlite(p) => sqlx::query_scalar(sql)
            .bind(action)
            .fetch_one(p)
            .await
            .unwrap(),
        prisverdig_store::Db::Postgres(p) => sqlx::query_scalar(sql)
            .bind(action)
            .fetch_one(p)
            .await
            .unwrap(),
    }
}

pub(crate) async fn count(app: &TestApp, table_sql: &'static str) -> i64 {
    match app.services.db() {
        prisverdig_store::Db::Sqlite(p) => {
            sqlx::query_scalar(table_sql).fetch_one(p).await.unwrap()
        }
        prisverdig_store::Db::Postgres(p) => {
            sqlx::query_scalar(table_sql).fetch_one(p).await.unwrap()
        }
    }
}

/// An application written straight to the store, as the applicant's pages will.
pub(crate) async fn insert_application(
    app: &TestApp,
    (category, unit, owner): (Uuid, Uuid, Uuid),
    submitted: Option<time::OffsetDateTime>,
) -> Uuid {
    let state = if submitted.is_some() {
        ApplicationState::Submitted
    } else {
        ApplicationState::Draft
    };
    let mut tx = app.services.db().begin().await.unwrap();
    let new = prisverdig_store::applications::NewApplication {
        category_id: category,
        unit_id: unit,
        owner_id: owner,
        state,
        title: "Smart renhold",
        summary: "",
        answers: &serde_json::json!({}),
        unit_snapshot: &["Helse og omsorg".to_string(), "Øst".to_string()],
        idea_origin: Some(IdeaOrigin::Original),
        origin_note: "",
        submitted_at: submitted,
        withdrawn_at: None,
    };
    let id = prisverdig_store::applications::insert(&mut tx, app.clock.now(), new)
        .await
        .unwrap();
    tx.commit().await.unwrap();
    id
}

on_both_backends! {
    async fn every_round_transition_is_allowed_or_refused_as_the_state_machine_says(app) {
        let user = admin(app).await;
        let round = app.services.create_round(&user, &round_input("2020"), true).await.unwrap();
        let page = format!("/admin/rounds/{round}");
        let action = format!("/admin/rounds/{round}/transition");
        let refused = app.post_form(&page, &action, &[("to", "judging")]).await;
        assert_eq!(refused.status(), 422, "draft cannot jump to judging");
        assert!(refused.text().await.unwrap().contains("Runden kan ikke gå til denne statusen"));
        let body = app.get(&page).await.text().await.unwrap();
        assert!(body.contains("value=\"open\"") && !body.contains("value=\"closed\""), "only valid next states are offered");
        for (to, bad) in [("open", "judging"), ("closed", "nominated"), ("open", "draft"), ("closed", "awarded"), ("judging", "open"),
                          ("nominated", "archived"), ("awarded", "judging"), ("archived", "open")] {
            let res = app.post_form(&page, &action, &[("to", to)]).await;
            assert_eq!(res.status(), 303, "to {to}");
            let res = app.post_form(&page, &action, &[("to", bad)]).await;
            assert_eq!(res.status(), 422, "{to} -> {bad} is refused");
        }
        let res = app.post_form(&page, &action, &[("to", "nonsense")]).await;
        assert_eq!(res.status(), 422);
        assert_eq!(audit_count(app, "round.transition").await, 8);
        let detail: String = match app.services.db() {
            prisverdig_store::Db::Sqlite(p) => sqlx::query_scalar("SELECT detail FROM audit_log WHERE action = 'round.transition' ORDER BY id LIMIT 1").fetch_one(p).await.unwrap(),
            prisverdig_store::Db::Postgres(p) => sqlx::query_scalar("SELECT detail::text FROM audit_log WHERE action = 'round.transition' ORDER BY id LIMIT 1").fetch_one(p).await.unwrap(),
        };
        let detail: serde_json::Value = serde_json::from_str(&detail).unwrap();
        assert_eq!(detail, serde_json::json!({ "from": "draft", "to": "open" }));
    }

    async fn copying_a_round_makes_next_years_draft_with_everything(app) {
        let user = admin(app).await;
        let round = app.services.create_round(&user, &round_input("2020"), true).await.unwrap();
        let view = app.services.round_view(&user, round).await.unwrap();
        let first = view.categories[0].id;
        let q = QuestionInput { text: "Hvordan var det for tre år siden?", help: "", required: true };
        app.services.add_question(&user, first, &q).await.unwrap();
        app.services.transition_round(&user, round, "open").await.unwrap();
        let res = app.post_form(&format!("/admin/rounds/{round}"), &format!("/admin/rounds/{round}/copy"), &[]).await;
        assert_eq!(res.status(), 303);
        let copy: Uuid = location(&res).rsplit('/').next().unwrap().parse().unwrap();
        let copied = app.services.round_view(&user, copy).await.unwrap();
        assert_eq!(copied.round.state, prisverdig_domain::round::RoundState::Draft);
        assert_eq!(copied.round.year, 2021);
        assert_eq!(copied.round.title, "Innovasjonsprisene 2021");
        assert_eq!(copied.round.copied_from, Some(round));
        assert_eq!(copied.categories.len(), 3);
        for (old, new) in view.categories.iter().zip(&copied.categories) {
            assert_eq!(old.name, new.name);
            assert_eq!(new.deadline, old.deadline + time::Duration::days(366), "a year on, same Oslo time");
            let (a, b) = (app.services.category_view(&user, old.id).await.unwrap(), app.services.category_view(&user, new.id).await.unwrap());
            let texts = |v: &prisverdig_service::admin::categories::CategoryView| v.criteria.iter().map(|c| (c.text.clone(), c.scale)).collect::<Vec<_>>();
            assert_eq!(texts(&a), texts(&b));
            assert_eq!(a.questions.len(), b.questions.len());
        }
        assert_eq!(app.services.category_view(&user, copied.categories[0].id).await.unwrap().questions[0].text, "Hvordan var det for tre år siden?");
    }

    async fn criteria_lock_once_the_first_application_is_submitted(app) {
        let user = admin(app).await;
        let round = app.services.create_round(&user, &round_input("2020"), true).await.unwrap();
        let category = app.services.round_view(&user, round).await.unwrap().categories[0].id;
        let unit = app.services.create_unit(&user, "Renhold", "unit", None).await.unwrap();
        let criterion = CriterionInput { text: "Er det tatt i bruk?", help: "", weight: "2", shape: "yes_no", scale_min: "", scale_max: "" };
        let added = app.services.add_criterion(&user, category, &criterion).await.unwrap();
        let page = format!("/admin/categories/{category}");
        assert!(app.get(&page).await.text().await.unwrap().contains("/criteria/new"));
        // A draft does not lock anything; a submitted application does.
        insert_application(app, (category, unit, user.id), None).await;
        assert!(app.services.category_view(&user, category).await.unwrap().editable);
        insert_application(app, (category, unit, user.id), Some(app.clock.now())).await;
        let view = app.services.category_view(&user, category).await.unwrap();
        assert!(!view.editable);
        match app.services.add_criterion(&user, category, &criterion).await {
            Err(ServiceError::Invalid(e)) => assert_eq!(e[0].message_id, "error-criteria-locked"),
            other => panic!("expected refusal, got {other:?}"),
        }
        let res = app.post_form(&page, &format!("/admin/categories/{category}/criteria/{added}"),
            &[("text", "Endret"), ("weight", "1"), ("shape", "yes_no")]).await;
        assert_eq!(res.status(), 422);
        let res = app.post_form(&page, &format!("/admin/categories/{category}/criteria/{added}/remove"), &[]).await;
        assert_eq!(res.status(), 422);
        let body = app.get(&page).await.text().await.unwrap();
        assert!(body.contains("kan ikke endres lenger") && !body.contains("/criteria/new"));
        assert_eq!(app.services.category_view(&user, category).await.unwrap().criteria.len(), 7);
    }

    async fn a_csv_with_bad_lines_imports_nothing_and_a_good_one_imports_once(app) {
        let user = admin(app).await;
        let bad = "Nivå 1;Nivå 2;Nivå 3\nHelse og omsorg;Hjemmetjenester;Hjemmetjenesten Vest\nHelse og omsorg;;Sykehjem\nOppvekst;Skole\n;Eiendom\n";
        let res = app.post_form("/admin/units/import", "/admin/units/import", &[("csv", bad), ("has_header", "1")]).await;
        assert_eq!(res.status(), 422);
        let body = res.text().await.unwrap();
        assert!(body.contains("Linje 3: Et nivå mangler navn"), "{body}");
        assert!(body.contains("Linje 5: Et nivå mangler navn"));
        assert_eq!(count(app, "SELECT COUNT(*) FROM unit").await, 0, "nothing imported");
        let good = "Helse og omsorg,Hjemmetjenester,Hjemmetjenesten Vest\nHelse og omsorg,Hjemmetjenester,Hjemmetjenesten Øst\nEiendom,Renhold\n";
        for _ in 0..2 {
            let res = app.post_form("/admin/units/import", "/admin/units/import", &[("csv", good)]).await;
            assert_eq!(res.status(), 303);
        }
        assert_eq!(count(app, "SELECT COUNT(*) FROM unit").await, 6, "the second import reuses every unit");
        let page = app.get("/admin/units").await.text().await.unwrap();
        assert!(page.contains("Hjemmetjenesten Øst") && page.matches("<ul>").count() >= 2, "a nested list");
        match app.services.import_units(&user, "A;;B\nC;;D\n", false).await.unwrap() {
            ImportOutcome::Rejected(lines) => assert_eq!(lines.iter().map(|l| l.line).collect::<Vec<_>>(), [1, 2]),
            other => panic!("{other:?}"),
        }
    }

    async fn moving_a_unit_under_its_own_descendant_is_refused_and_merging_moves_people(app) {
        let user = admin(app).await;
        let top = app.services.create_unit(&user, "Helse og omsorg", "sector", None).await.unwrap();
        let mid = app.services.create_unit(&user, "Hjemmetjenester", "area", Some(top)).await.unwrap();
        let leaf = app.services.create_unit(&user, "Vest", "unit", Some(mid)).await.unwrap();
        let page = format!("/admin/units/{top}");
        let res = app.post_form(&page, &format!("/admin/units/{top}/move"), &[("parent", &leaf.to_string())]).await;
        assert_eq!(res.status(), 422);
        assert!(res.text().await.unwrap().contains("kan ikke flyttes inn under seg selv"));
        let leaf_page = format!("/admin/units/{leaf}");
        let version = crate::harness::hidden_value(&app.get(&leaf_page).await.text().await.unwrap(), "version").unwrap();
        let res = app.post_form(&page, &format!("/admin/units/{leaf}/move"), &[("parent", ""), ("version", &version)]).await;
        assert_eq!(res.status(), 303);
        let version = crate::harness::hidden_value(&app.get(&leaf_page).await.text().await.unwrap(), "version").unwrap();
        let res = app.post_form(&page, &format!("/admin/units/{leaf}/rename"), &[("name", "Hjemmetjenesten Vest"), ("version", &version)]).await;
        assert_eq!(res.status(), 303);
        let other = app.services.create_unit(&user, "Øst", "unit", Some(mid)).await.unwrap();
        let round = app.services.create_round(&user, &round_input("2020"), true).await.unwrap();
        let category = app.services.round_view(&user, round).await.unwrap().categories[0].id;
        let application = insert_application(app, (category, other, user.id), Some(app.clock.now())).await;
        let version = crate::harness::hidden_value(&app.get(&format!("/admin/units/{other}")).await.text().await.unwrap(), "version").unwrap();
        let res = app.post_form(&page, &format!("/admin/units/{other}/merge"), &[("into", &leaf.to_string()), ("version", &version)]).await;
        assert_eq!(res.status(), 303);
        let merged = prisverdig_store::organisation::merged_into(app.services.db(), other).await.unwrap();
        assert_eq!(merged, Some(leaf));
        let names: Vec<_> = app.services.units().await.unwrap().into_iter().map(|u| u.name).collect();
        assert!(names.contains(&"Hjemmetjenesten Vest".to_string()) && !names.contains(&"Øst".to_string()));
        let sql = "SELECT unit_id, unit_snapshot FROM application WHERE id = $1";
        let (unit, snapshot): (Uuid, sqlx::types::Json<Vec<String>>) = match app.services.db() {
            prisverdig_store::Db::Sqlite(p) => sqlx::query_as(sql).bind(application).fetch_one(p).await.unwrap(),
            prisverdig_store::Db::Postgres(p) => sqlx::query_as(sql).bind(application).fetch_one(p).await.unwrap(),
        };
        assert_eq!(unit, leaf, "the application moved with the merge");
        assert_eq!(snapshot.0, ["Helse og omsorg", "Øst"], "and keeps the names it was submitted under");
    }

    async fn only_administrators_reach_the_admin_pages(app) {
        add(app, "kari@fjordvik.example", Role::Applicant).await;
        let res = app.get("/admin").await;
        assert_eq!(res.status(), 303, "signed out: to the sign-in page");
        app.sign_in("kari@fjordvik.example", PASSWORD).await;
        for path in ["/admin", "/admin/units", "/admin/units/import", "/admin/rounds", "/admin/rounds/new", "/admin/tips"] {
            assert_eq!(app.get(path).await.status(), 403, "{path}");
        }
        let res = app.post_form("/tips/new", "/admin/units", &[("name", "X"), ("kind", "unit")]).await;
        assert_eq!(res.status(), 403);
        assert!(!app.get("/").await.text().await.unwrap().contains("href=\"/admin\""), "no admin link");
    }

    async fn a_tip_is_recorded_with_a_message_to_the_administrators(app) {
        let admin_user = admin(app).await;
        let unit = app.services.create_unit(&admin_user, "Renhold", "unit", None).await.unwrap();
        assert!(app.get("/").await.text().await.unwrap().contains("href=\"/admin\""));
        app.post_form("/", "/sign-out", &[]).await;
        add(app, "kari@fjordvik.example", Role::Applicant).await;
        app.sign_in("kari@fjordvik.example", PASSWORD).await;
        let res = app.post_form("/tips/new", "/tips/new", &[("unit", ""), ("unit_text", ""), ("innovation", "")]).await;
        assert_eq!(res.status(), 422);
        let body = res.text().await.unwrap();
        assert!(body.contains("id=\"unit-error\"") && body.contains("id=\"innovation-error\""));
        let res = app.post_form("/tips/new", "/tips/new", &[("unit", &unit.to_string()), ("innovation", "Smart renhold"), ("reason", "Sensorer")]).await;
        assert_eq!(res.status(), 303);
        assert_eq!(count(app, "SELECT COUNT(*) FROM tip").await, 1);
        assert_eq!(count(app, "SELECT COUNT(*) FROM outbox WHERE recipient = 'admin@fjordvik.example'").await, 1);
        app.post_form("/", "/sign-out", &[]).await;
        app.sign_in("admin@fjordvik.example", PASSWORD).await;
        let list = app.get("/admin/tips").await.text().await.unwrap();
        assert!(list.contains("Smart renhold") && list.contains("Renhold"));
        let tip = app.services.tips(&admin_user).await.unwrap()[0].id;
        let res = app.post_form("/admin/tips", &format!("/admin/tips/{tip}/handled"), &[]).await;
        assert_eq!(res.status(), 303);
        assert!(app.services.tips(&admin_user).await.unwrap()[0].handled_at.is_some());
    }

    async fn forms_show_every_problem_at_its_field(app) {
        admin(app).await;
        let res = app.post_form("/admin/rounds/new", "/admin/rounds/new",
            &[("year", "tjue"), ("title", ""), ("visibility", "on_submit"), ("ceremony_date", "2020-01-20")]).await;
        assert_eq!(res.status(), 422);
        let body = res.text().await.unwrap();
        for id in ["year-error", "title-error", "ceremony_date-error"] {
            assert!(body.contains(&format!("id=\"{id}\"")), "{id}");
        }
        let res = app.post_form("/admin/rounds/new", "/admin/rounds/new",
            &[("year", "2021"), ("title", "Innovasjonsprisene 2021"), ("visibility", "after_deadline")]).await;
        assert_eq!(res.status(), 303);
        let round = location(&res);
        let new_category = format!("{round}/categories/new");
        let res = app.post_form(&new_category, &new_category, &[("kind", "mistake"), ("name", "Beste feil"), ("prize_sum_kr", "25000"),
            ("deadline_date", "2020-11-01"), ("deadline_time", "23:59"), ("extended_date", "2020-10-01"), ("extended_time", "23:59")]).await;
        assert_eq!(res.status(), 422);
        assert!(res.text().await.unwrap().contains("id=\"extended_date-error\""));
        let res = app.post_form(&new_category, &new_category, &[("kind", "mistake"), ("name", "Beste feil"), ("prize_sum_kr", "25000"),
            ("deadline_date", "2020-11-01"), ("deadline_time", "23:59"), ("extended_date", "2020-11-15"), ("extended_time", "23:59"), ("blind", "1")]).await;
        assert_eq!(res.status(), 303);
        let page = app.get(&location(&res)).await.text().await.unwrap();
        assert!(page.contains("value=\"2020-11-15\"") && page.contains("value=\"23:59\""), "shown in Oslo time");
        let category = location(&res).split('?').next().unwrap().to_string();
        let new_criterion = format!("{category}/criteria/new");
        let res = app.post_form(&new_criterion, &new_criterion, &[("text", "Feilet dere raskt?"), ("weight", "11"),
            ("shape", "range"), ("scale_min", "6"), ("scale_max", "1")]).await;
        assert_eq!(res.status(), 422);
        let body = res.text().await.unwrap();
        assert!(body.contains("id=\"weight-error\"") && body.contains("id=\"scale_max-error\""));
        let res = app.post_form(&new_criterion, &new_criterion, &[("text", "Feilet dere raskt?"), ("weight", "3"),
            ("shape", "range"), ("scale_min", "1"), ("scale_max", "6")]).await;
        assert_eq!(res.status(), 303);
        let new_question = format!("{category}/questions/new");
        for text in ["Hva prøvde dere?", "Hva lærte dere?"] {
            let res = app.post_form(&new_question, &new_question, &[("text", text), ("required", "1")]).await;
            assert_eq!(res.status(), 303);
        }
        let page = app.get(&category).await.text().await.unwrap();
        assert!(page.contains("Feilet dere raskt?") && page.contains("(Vekt 3; 1–6)"));
        let second = page.find("Hva lærte dere?").unwrap();
        let question = &page[second..].split("/questions/").nth(1).unwrap()[..36]; // its edit link
        let res = app.post_form(&category, &format!("{category}/questions/{question}/move"), &[("direction", "up")]).await;
        assert_eq!(res.status(), 303);
        let page = app.get(&category).await.text().await.unwrap();
        assert!(page.find("Hva lærte dere?").unwrap() < page.find("Hva prøvde dere?").unwrap(), "moved up");
        assert!(app.get(&round).await.text().await.unwrap().contains("15. november 2020 kl. 23:59"));
    }
}

/// Puts a person in `unit`, as the users' page does (its form is tested in `users.rs`).
async fn set_unit(app: &TestApp, user: Uuid, unit: Uuid) {
    prisverdig_store::on_pool!(app.services.db(), |pool| sqlx::query(
        "UPDATE users SET unit_id = $1 WHERE id = $2"
    )
    .bind(unit)
    .bind(user)
    .execute(pool)
    .await
    .map(|_| ()))
    .unwrap();
}

/// The unit a row points at: `sql` selects one unit id for the bound row id.
async fn unit_of(app: &TestApp, sql: &'static str, id: Uuid) -> Option<Uuid> {
    prisverdig_store::on_pool!(app.services.db(), |pool| sqlx::query_scalar(sql)
        .bind(id)
        .fetch_one(pool)
        .await)
    .unwrap()
}

const PERSON_UNIT: &str = "SELECT unit_id FROM users WHERE id = $1";
const APPLICATION_UNIT: &str = "SELECT unit_id FROM application WHERE id = $1";
const PARENT: &str = "SELECT parent_id FROM unit WHERE id = $1";

/// The version hidden in the form of the page at `path`.
async fn version_on(app: &TestApp, path: &str) -> String {
    let page = app.get(path).await.text().await.unwrap();
    crate::harness::hidden_value(&page, "version").unwrap()
}

on_both_backends! {
    async fn a_merged_unit_is_shown_and_its_merge_undone_exactly(app) {
        let user = admin(app).await;
        let sector = app.services.create_unit(&user, "Oppvekst", "sector", None).await.unwrap();
        let from = app.services.create_unit(&user, "Skole Nord", "unit", Some(sector)).await.unwrap();
        let into = app.services.create_unit(&user, "Skole Sør", "unit", Some(sector)).await.unwrap();
        let child = app.services.create_unit(&user, "SFO Nord", "unit", Some(from)).await.unwrap();
        let teacher = add(app, "laerer@fjordvik.example", Role::Applicant).await.id;
        let substitute = add(app, "vikar@fjordvik.example", Role::Applicant).await.id;
        let head = add(app, "rektor@fjordvik.example", Role::Applicant).await.id;
        for (person, unit) in [(teacher, from), (substitute, from), (head, into)] {
            set_unit(app, person, unit).await;
        }
        let round = app.services.create_round(&user, &round_input("2020"), true).await.unwrap();
        let category = app.services.round_view(&user, round).await.unwrap().categories[0].id;
        let now = Some(app.clock.now());
        let application = insert_application(app, (category, from, user.id), now).await;
        let theirs = insert_application(app, (category, into, user.id), now).await;

        let page = format!("/admin/units/{from}");
        let version = version_on(app, &page).await;
        let res = app.post_form(&page, &format!("/admin/units/{from}/merge"), &[("into", &into.to_string()), ("version", &version)]).await;
        assert_eq!(res.status(), 303);
        assert_eq!(unit_of(app, PERSON_UNIT, teacher).await, Some(into), "the merge moved the teacher");
        // Since the merge, the substitute was given another unit: the undo leaves them there.
        set_unit(app, substitute, sector).await;

        let chart = app.get("/admin/units").await.text().await.unwrap();
        let archived = &chart[chart.find("Arkiverte og sammenslåtte enheter").expect("the chart lists archived units")..];
        assert!(archived.contains(&format!("href=\"/admin/units/{from}\">Skole Nord<")), "{archived}");
        assert!(archived.contains(&format!("href=\"/admin/units/{into}\">Skole Sør<")) && archived.contains("15. oktober 2019 kl. 12:00"));
        let res = app.get(&page).await;
        assert_eq!(res.status(), 200, "an archived unit has a page");
        let body = res.text().await.unwrap();
        for shown in ["<h1 class=\"ds-heading\" data-size=\"lg\">Skole Nord</h1>", "Slått sammen med", &format!("href=\"/admin/units/{into}\">Skole Sør</a>"),
                      "15. oktober 2019 kl. 12:00", "admin@fjordvik.example", "2 personer, én søknad og én underenhet", "Angre sammenslåing"] {
            assert!(body.contains(shown), "the archived unit's page shows {shown}");
        }
        assert!(!body.contains(&format!("/admin/units/{from}/rename")), "read-only");

        let version = crate::harness::hidden_value(&body, "version").unwrap();
        let res = app.post_form(&page, &format!("/admin/units/{from}/unmerge"), &[("version", &version)]).await;
        assert_eq!(res.status(), 303);
        assert_eq!(location(&res), page);
        assert_eq!(unit_of(app, PERSON_UNIT, teacher).await, Some(from), "the teacher is back");
        assert_eq!(unit_of(app, PERSON_UNIT, substitute).await, Some(sector), "moved on since: stays");
        assert_eq!(unit_of(app, PERSON_UNIT, head).await, Some(into), "never moved: stays");
        assert_eq!(unit_of(app, APPLICATION_UNIT, application).await, Some(from), "the application is back");
        assert_eq!(unit_of(app, APPLICATION_UNIT, theirs).await, Some(into));
        assert_eq!(unit_of(app, PARENT, child).await, Some(from), "the child unit is back under it");
        assert!(app.services.units().await.unwrap().iter().any(|u| u.id == from), "the unit is in the chart again");
        assert!(app.get(&page).await.text().await.unwrap().contains(&format!("/admin/units/{from}/rename")), "and editable");
        assert!(!app.get("/admin/units").await.text().await.unwrap().contains("Arkiverte og sammenslåtte enheter"));
        assert_eq!(audit_count(app, "unit.unmerge").await, 1);

        let res = app.post_form(&page, &format!("/admin/units/{from}/unmerge"), &[("version", &version)]).await;
        assert_eq!(res.status(), 409, "a second undo from the same page is refused");
        assert_eq!(audit_count(app, "unit.unmerge").await, 1, "and records nothing");
        let unknown = Uuid::now_v7();
        assert_eq!(app.get(&format!("/admin/units/{unknown}")).await.status(), 404);
        let res = app.post_form(&page, &format!("/admin/units/{unknown}/unmerge"), &[("version", "1")]).await;
        assert_eq!(res.status(), 404);
    }

    async fn an_undo_is_refused_once_the_target_is_merged_and_an_unrecorded_merge_restores_the_unit_only(app) {
        let user = admin(app).await;
        let sector = app.services.create_unit(&user, "Kultur", "sector", None).await.unwrap();
        let [a, b, c] = {
            let mut ids = Vec::new();
            for name in ["Biblioteket", "Kulturhuset", "Kulturetaten"] {
                ids.push(app.services.create_unit(&user, name, "unit", Some(sector)).await.unwrap());
            }
            <[Uuid; 3]>::try_from(ids).unwrap()
        };
        let librarian = add(app, "bibliotekar@fjordvik.example", Role::Applicant).await.id;
        set_unit(app, librarian, a).await;
        let version = |id: Uuid| async move { version_on(app, &format!("/admin/units/{id}")).await.parse::<i64>().unwrap() };
        app.services.merge_unit(&user, a, version(a).await, b).await.unwrap();
        app.services.merge_unit(&user, b, version(b).await, c).await.unwrap();
        assert_eq!(unit_of(app, PERSON_UNIT, librarian).await, Some(c));

        let page = format!("/admin/units/{a}");
        let body = app.get(&page).await.text().await.unwrap();
        assert!(body.contains(&format!("href=\"/admin/units/{b}\">Kulturhuset</a> (arkivert)")), "the target is archived too: {body}");
        let v = crate::harness::hidden_value(&body, "version").unwrap();
        let res = app.post_form(&page, &format!("/admin/units/{a}/unmerge"), &[("version", &v)]).await;
        assert_eq!(res.status(), 422);
        let body = res.text().await.unwrap();
        assert!(body.contains("id=\"unmerge-error\"") && body.contains("href=\"#unmerge\""), "the message at the form, linked from the summary");
        assert!(body.contains("er selv slått sammen eller arkivert siden"));
        assert!(app.services.archived_unit(&user, a).await.is_ok(), "nothing changed");
        assert_eq!(audit_count(app, "unit.unmerge").await, 0);

        // A merge made before merges were recorded: the unit comes back, nothing moves.
        prisverdig_store::on_pool!(app.services.db(), |pool| sqlx::query("DELETE FROM unit_merge WHERE from_unit_id = $1")
            .bind(b).execute(pool).await.map(|_| ())).unwrap();
        let page = format!("/admin/units/{b}");
        let body = app.get(&page).await.text().await.unwrap();
        assert!(body.contains("før Prisverdig begynte å lagre hva som ble flyttet"), "the page says nothing will move back");
        assert!(body.contains("15. oktober 2019 kl. 12:00") && body.contains("admin@fjordvik.example"), "the audit log knows when and who");
        let v = crate::harness::hidden_value(&body, "version").unwrap();
        let res = app.post_form(&page, &format!("/admin/units/{b}/unmerge"), &[("version", &v)]).await;
        assert_eq!(res.status(), 303);
        assert!(app.services.units().await.unwrap().iter().any(|u| u.id == b), "the unit is back");
        assert_eq!(unit_of(app, PERSON_UNIT, librarian).await, Some(c), "nobody moved back");

        // Now its target is back, the first merge can be undone; the librarian is in c, not b.
        let v = version_on(app, &format!("/admin/units/{a}")).await;
        let res = app.post_form(&format!("/admin/units/{a}"), &format!("/admin/units/{a}/unmerge"), &[("version", &v)]).await;
        assert_eq!(res.status(), 303);
        assert_eq!(unit_of(app, PERSON_UNIT, librarian).await, Some(c), "only what still points at the target moves back");
        assert_eq!(audit_count(app, "unit.unmerge").await, 2);
    }
}
