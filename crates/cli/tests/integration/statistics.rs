//! Issue 15, «done when» for the statistics: every table of the public's and the strategy
//! unit's statistics (as downloaded) matches counts this test takes straight from the
//! database with its own SQL, for two years of rounds with a prize nobody applied for, a
//! draft round, a unit merged into another and a unit moved to another sector, adoptions
//! and follow-ups; applications not public yet are counted for the strategy unit only; the
//! year range narrows every table; a range that cannot be read is answered at its field.

use crate::catalogue::submitted_for;
use crate::fixtures::{add_round, applicant, open_round};
use crate::harness::{TestApp, hidden_value, new_client};
use crate::on_both_backends;
use prisverdig_domain::category::CategoryKind;
use prisverdig_domain::round::{RoundState, Visibility};
use prisverdig_service::Clock;
use prisverdig_store::on_pool;
use std::collections::BTreeMap;
use time::OffsetDateTime;
use time::macros::datetime;
use uuid::Uuid;

/// The applications counted, in the test's own words: submitted in a round past draft, and
/// for the public also shown (on submission, or from the prize's deadline). `$1` is now.
fn counted(public: bool) -> &'static str {
    if public {
        "(a.state = 'submitted' AND r.state <> 'draft' AND (r.visibility = 'on_submit' \
         OR $1 >= COALESCE(c.extended_deadline, c.deadline)))"
    } else {
        "($1 IS NOT NULL AND a.state = 'submitted' AND r.state <> 'draft')"
    }
}

const JOINED: &str = " FROM application a JOIN category c ON c.id = a.category_id \
     JOIN round r ON r.id = c.round_id";

/// Rows of (text, number) from `sql` with `$1` bound to now.
async fn pairs(app: &TestApp, sql: String) -> Vec<(String, i64)> {
    let now = app.clock.now();
    on_pool!(app.services.db(), |pool| sqlx::query_as(
        sqlx::AssertSqlSafe(sql.clone())
    )
    .bind(now)
    .fetch_all(pool)
    .await)
    .unwrap()
}

/// What each table should hold, computed from the database: the CSV's rows, or for the
/// units (where ties may fall either way) the rows sorted.
async fn expected(app: &TestApp, public: bool) -> BTreeMap<&'static str, Vec<Vec<String>>> {
    let cond = counted(public);
    let mut out = BTreeMap::new();
    let text = |rows: Vec<(String, i64)>| -> Vec<Vec<String>> {
        rows.into_iter()
            .map(|(t, n)| vec![t, n.to_string()])
            .collect()
    };
    let years = pairs(app, format!(
        "SELECT CAST(q.year AS TEXT), (SELECT COUNT(*){JOINED} WHERE c.round_id = q.id AND {cond}) \
         FROM round q WHERE q.state <> 'draft' ORDER BY q.year"
    )).await;
    out.insert("years", text(years.clone()));
    let prizes = pairs(app, format!(
        "SELECT CAST(q.year AS TEXT) || '|' || p.name, (SELECT COUNT(*){JOINED} WHERE c.id = p.id AND {cond}) \
         FROM category p JOIN round q ON q.id = p.round_id WHERE q.state <> 'draft' ORDER BY q.year, p.position"
    )).await;
    out.insert(
        "prizes",
        prizes
            .into_iter()
            .map(|(t, n)| {
                let (year, name) = t.split_once('|').unwrap();
                vec![year.to_string(), name.to_string(), n.to_string()]
            })
            .collect(),
    );
    out.insert("sectors", text(pairs(app, format!(
        "SELECT a.sector, COUNT(*){JOINED} WHERE {cond} GROUP BY a.sector ORDER BY 2 DESC, 1"
    )).await));
    // Every unit behind an application (its own and further ones), as today's unit: the
    // one a merged unit went into.
    let behind = " FROM (SELECT id AS app, unit_id AS unit FROM application UNION \
         SELECT application_id, unit_id FROM application_unit) x JOIN application a ON a.id = x.app \
         JOIN category c ON c.id = a.category_id JOIN round r ON r.id = c.round_id \
         JOIN unit u ON u.id = x.unit JOIN unit t ON t.id = COALESCE(u.merged_into, u.id)";
    let units_sql =
        format!("SELECT t.name, COUNT(DISTINCT a.id){behind} WHERE {cond} GROUP BY t.id, t.name");
    let mut units = text(pairs(app, units_sql).await);
    units.sort();
    out.insert("units", units);
    let total: i64 = on_pool!(app.services.db(), |pool| sqlx::query_scalar(
        "SELECT COUNT(*) FROM unit WHERE kind = 'unit' AND NOT archived"
    )
    .fetch_one(pool)
    .await)
    .unwrap();
    let applied: BTreeMap<String, i64> = pairs(
        app,
        format!(
            "SELECT CAST(r.year AS TEXT), COUNT(DISTINCT t.id){behind} \
         WHERE {cond} AND t.kind = 'unit' AND NOT t.archived GROUP BY r.year"
        ),
    )
    .await
    .into_iter()
    .collect();
    out.insert(
        "share",
        years
            .iter()
            .map(|(year, _)| {
                let n = applied.get(year).copied().unwrap_or(0);
                let share = (n as f64 * 100.0 / total as f64).round() as i64;
                vec![year.clone(), n.to_string(), share.to_string()]
            })
            .collect(),
    );
    // Adoptions: the source counted, and an adopting application too (all of them here are).
    let now = app.clock.now();
    let at: Vec<OffsetDateTime> = on_pool!(app.services.db(), |pool| {
        sqlx::query_scalar(sqlx::AssertSqlSafe(format!(
        "SELECT p.created_at FROM adoption p JOIN application a ON a.id = p.source_application_id \
         JOIN category c ON c.id = a.category_id JOIN round r ON r.id = c.round_id WHERE {cond}"
    )))
    .bind(now)
    .fetch_all(pool)
    .await
    })
    .unwrap();
    let first = years
        .first()
        .map(|(y, _)| y.parse::<i32>().unwrap())
        .unwrap();
    let last = years
        .last()
        .map(|(y, _)| y.parse::<i32>().unwrap())
        .unwrap()
        .max(now.year());
    out.insert(
        "adoptions",
        (first..=last)
            .map(|y| {
                vec![
                    y.to_string(),
                    at.iter().filter(|t| t.year() == y).count().to_string(),
                ]
            })
            .collect(),
    );
    let adopted = pairs(app, format!(
        "SELECT a.title || '|' || CAST(r.year AS TEXT), COUNT(*) FROM adoption p \
         JOIN application a ON a.id = p.source_application_id JOIN category c ON c.id = a.category_id \
         JOIN round r ON r.id = c.round_id WHERE {cond} GROUP BY a.title, r.year ORDER BY 2 DESC, 1"
    )).await;
    out.insert(
        "most-adopted",
        adopted
            .into_iter()
            .map(|(t, n)| {
                let (title, year) = t.split_once('|').unwrap();
                vec![title.to_string(), year.to_string(), n.to_string()]
            })
            .collect(),
    );
    let answers: BTreeMap<String, i64> = pairs(app, format!(
        "SELECT COALESCE(CASE WHEN f.answered_at IS NULL THEN NULL ELSE f.in_use END, 'unanswered'), COUNT(*) \
         FROM follow_up f JOIN application a ON a.id = f.application_id \
         JOIN category c ON c.id = a.category_id JOIN round r ON r.id = c.round_id WHERE {cond} \
         GROUP BY 1"
    )).await.into_iter().collect();
    let shown: &[&str] = if public {
        &["yes", "partly", "no"]
    } else {
        &["yes", "partly", "no", "unanswered"]
    };
    out.insert(
        "in-use",
        shown
            .iter()
            .map(|a| {
                vec![
                    a.to_string(),
                    answers.get(*a).copied().unwrap_or(0).to_string(),
                ]
            })
            .collect(),
    );
    out
}

/// A CSV download's rows after its header.
async fn csv(client: &reqwest::Client, app: &TestApp, path: &str) -> Vec<Vec<String>> {
    let res = client.get(app.url(path)).send().await.unwrap();
    assert_eq!(res.status(), 200, "{path}");
    assert_eq!(
        res.headers()["content-type"],
        "text/csv; charset=utf-8",
        "{path}"
    );
    let body = res.text().await.unwrap();
    let mut reader = csv::Reader::from_reader(body.as_bytes());
    reader
        .records()
        .map(|r| r.unwrap().iter().map(str::to_string).collect())
        .collect()
}

/// Every table downloaded from `base` compared with what the database says.
async fn check_tables(app: &TestApp, client: &reqwest::Client, base: &str, public: bool) {
    let want = expected(app, public).await;
    for (slug, rows) in want {
        let mut got = csv(client, app, &format!("{base}/csv/{slug}")).await;
        match slug {
            // The prize's kind is a translated label: compared by year, name and count.
            "prizes" => got.iter_mut().for_each(|r| {
                r.remove(2);
            }),
            // The unit's sector is checked on its own.
            "units" => {
                got.iter_mut().for_each(|r| {
                    r.remove(1);
                });
                got.sort();
            }
            "adoption-sectors" => continue,
            _ => {}
        }
        assert_eq!(got, rows, "{base}/csv/{slug} (public: {public})");
    }
}

async fn adopt(app: &TestApp, source: Uuid, unit: Uuid) {
    let page = format!("/applications/{source}");
    let res = app
        .post_form(
            &page,
            &format!("{page}/adopt"),
            &[("unit", &unit.to_string()), ("note", "")],
        )
        .await;
    assert_eq!(res.status(), 303, "adopted");
}

/// Moves `unit` under `parent`, or merges it into `into`, through the administrator's page.
async fn reorganise(app: &TestApp, unit: Uuid, action: &str, target: Uuid) {
    let page = format!("/admin/units/{unit}");
    let version = hidden_value(&app.get(&page).await.text().await.unwrap(), "version").unwrap();
    let field = if action == "merge" { "into" } else { "parent" };
    let res = app
        .post_form(
            &page,
            &format!("{page}/{action}"),
            &[(field, &target.to_string()), ("version", &version)],
        )
        .await;
    assert_eq!(res.status(), 303, "{action}");
}

on_both_backends! {
    async fn the_statistics_match_the_database_through_a_reorganisation(app) {
        // 2020: shown after the deadline (1 November 2019); 2021: shown on submission; a
        // draft round for 2023 that no figure may count.
        let r2020 = open_round(app, Visibility::AfterDeadline).await;
        applicant(app, "kari@fjordvik.example", "Kari Nordmann").await;
        let admin = crate::admin::admin(app).await;
        let org: Uuid = prisverdig_store::organisation::first(app.services.db()).await.unwrap().unwrap().id;
        let mut tx = app.services.db().begin().await.unwrap();
        let now = app.clock.now();
        let open_2021 = (RoundState::Open, Visibility::OnSubmit, datetime!(2020-11-01 22:59 UTC));
        let (_, r2021) = add_round(&mut tx, now, org, 2021, open_2021).await;
        let draft = (RoundState::Draft, Visibility::OnSubmit, datetime!(2022-11-01 22:59 UTC));
        add_round(&mut tx, now, org, 2023, draft).await;
        tx.commit().await.unwrap();
        let oppvekst = app.services.create_unit(&admin, "Oppvekst", "sector", None).await.unwrap();
        let eikeli = app.services.create_unit(&admin, "Eikeli skole", "unit", Some(oppvekst)).await.unwrap();
        let holmen = app.services.create_unit(&admin, "Holmen skole", "unit", Some(oppvekst)).await.unwrap();
        let solbakken = app.services.create_unit(&admin, "Solbakken skole", "unit", Some(oppvekst)).await.unwrap();

        // 2020: three applications before the deadline; nobody applies for the other prizes.
        let innovation = r2020.category(CategoryKind::Innovation);
        let smart = submitted_for(app, (innovation, r2020.unit), CategoryKind::Innovation, ("Smart renhold", None, "Gjort.")).await;
        let lesevenner = submitted_for(app, (innovation, eikeli), CategoryKind::Innovation, ("Lesevenner", None, "Gjort.")).await;
        submitted_for(app, (innovation, holmen), CategoryKind::Innovation, ("Matsvinnjakt", None, "Gjort.")).await;
        let kari = crate::fixtures::user_row(app, "kari@fjordvik.example").await;
        app.services.start_application(&kari, innovation, solbakken).await.unwrap();

        // Before the deadline the public sees none of 2020; the strategy unit sees all three.
        let public = new_client();
        check_tables(app, &public, "/statistics", true).await;
        check_tables(app, &app.client, "/admin/statistics", false).await;
        let years = csv(&public, app, "/statistics/csv/years").await;
        assert_eq!(years, [["2020", "0"], ["2021", "0"]], "nothing public yet; no draft round");
        let years = csv(&app.client, app, "/admin/statistics/csv/years").await;
        assert_eq!(years, [["2020", "3"], ["2021", "0"]], "the submitted ones, not the draft");

        // The chart changes: Holmen is merged into Eikeli, Solbakken moves to Eiendom.
        reorganise(app, holmen, "merge", eikeli).await;
        reorganise(app, solbakken, "move", r2020.sector).await;

        // 2021: three applications, one of them stealing Smart renhold; four adoptions over
        // two years; follow-ups asked and one answered.
        app.clock.set(datetime!(2020-10-01 10:00 UTC));
        let steal = r2021[&CategoryKind::Steal];
        submitted_for(app, (steal, eikeli), CategoryKind::Steal, ("Smart renhold på skolen", Some(smart), "Gjort.")).await;
        let r2021_innovation = r2021[&CategoryKind::Innovation];
        submitted_for(app, (r2021_innovation, solbakken), CategoryKind::Innovation, ("Digital postkasse", None, "Gjort.")).await;
        let mistake = r2021[&CategoryKind::Mistake];
        submitted_for(app, (mistake, r2020.unit), CategoryKind::Mistake, ("Robotene som gikk seg vill", None, "Gjort.")).await;
        adopt(app, smart, solbakken).await;
        app.clock.set(datetime!(2021-02-01 10:00 UTC));
        adopt(app, lesevenner, r2020.unit).await;
        adopt(app, lesevenner, solbakken).await;
        let mut tx = app.services.db().begin().await.unwrap();
        let token = prisverdig_store::follow_ups::ask(&mut tx, smart, &"cd".repeat(32), app.clock.now()).await.unwrap();
        prisverdig_store::follow_ups::ask(&mut tx, lesevenner, &"ef".repeat(32), app.clock.now()).await.unwrap();
        tx.commit().await.unwrap();
        let form = format!("/follow-up/{token}");
        let res = app.post_form(&form, &form, &[("in_use", "yes"), ("spread", ""), ("changed", ""), ("version", "1")]).await;
        assert!(res.status().is_success() || res.status() == 303, "answered: {}", res.status());

        check_tables(app, &public, "/statistics", true).await;
        check_tables(app, &app.client, "/admin/statistics", false).await;

        // What the reorganisation means, spelt out.
        let prizes = csv(&public, app, "/statistics/csv/prizes").await;
        assert!(prizes.contains(&vec!["2020".into(), "Beste feil".into(), "Beste feil".into(), "0".into()]), "{prizes:?}");
        let units = csv(&public, app, "/statistics/csv/units").await;
        assert!(units.contains(&vec!["Eikeli skole".into(), "Oppvekst".into(), "3".into()]), "Holmen's application counts for Eikeli: {units:?}");
        assert!(units.contains(&vec!["Solbakken skole".into(), "Eiendom".into(), "1".into()]), "under today's sector: {units:?}");
        assert!(!units.iter().any(|u| u[0].contains("Holmen")), "{units:?}");
        let sectors = csv(&public, app, "/statistics/csv/sectors").await;
        assert_eq!(sectors, [["Eiendom", "3"], ["Oppvekst", "3"]], "the sector as submitted");
        let share = csv(&public, app, "/statistics/csv/share").await;
        assert_eq!(share, [["2020", "2", "67"], ["2021", "3", "100"]]);
        let across = csv(&public, app, "/statistics/csv/adoption-sectors").await;
        assert_eq!(across, [["Eiendom", "2", "3"], ["Oppvekst", "2", "1"]], "from the source's sector; by the adopting application's, or the unit's today");

        // The page: each table with its chart and its download; the internal page for administrators.
        let res = public.get(app.url("/statistics")).send().await.unwrap();
        assert_eq!(res.status(), 200);
        let page = res.text().await.unwrap();
        assert!(page.contains("<h1 class=\"ds-heading\" data-size=\"lg\">Statistikk</h1>"), "{page}");
        assert_eq!(page.matches("role=\"img\"").count(), 9, "a chart per table");
        assert_eq!(page.matches("<caption").count(), 9, "a table per chart");
        assert!(page.contains("<title id=\"most-adopted-chart-title\">De mest stjålne idéene</title>"));
        assert!(page.contains("href=\"/statistics/csv/units\" download>"));
        assert!(page.contains("3 av 3 enheter (100 %) stod bak minst én søknad i disse årene."), "{page}");
        assert!(page.contains("href=\"/statistics\" aria-current=\"page\">Statistikk</a>"), "linked from the footer");
        let admin_home = app.get("/admin").await.text().await.unwrap();
        assert!(admin_home.contains("href=\"/admin/statistics\""));

        // A year range narrows every table.
        let years = csv(&public, app, "/statistics/csv/years?from=2021&to=2021").await;
        assert_eq!(years, [["2021", "3"]]);
        let adoptions = csv(&public, app, "/statistics/csv/adoptions?from=2021&to=2021").await;
        assert_eq!(adoptions, [["2021", "2"]]);
        let wide = csv(&public, app, "/statistics/csv/adoptions?from=1900&to=2999").await;
        assert_eq!(wide, [["2020", "2"], ["2021", "2"]], "from the first round to this year");
        let ideas = csv(&public, app, "/statistics/csv/most-adopted?to=2020").await;
        assert_eq!(ideas, [["Smart renhold", "2020", "2"]], "adopted in 2020");
        let page = public.get(app.url("/statistics?from=2021")).send().await.unwrap().text().await.unwrap();
        assert!(page.contains("Tallene gjelder årene 2021–2021.") && page.contains("href=\"/statistics/csv/years?from=2021\""), "{page}");
        // An open range reaches this year: the page kept by the cache gives way at New Year.
        let before = public.get(app.url("/statistics")).send().await.unwrap().text().await.unwrap();
        assert!(before.contains("Tallene gjelder årene 2020–2021."), "{before}");
        app.clock.set(datetime!(2021-12-31 23:30 UTC));
        let after = public.get(app.url("/statistics")).send().await.unwrap().text().await.unwrap();
        assert!(after.contains("Tallene gjelder årene 2020–2022."), "{after}");
    }
}

on_both_backends! {
    async fn a_year_range_that_cannot_be_read_is_answered_at_its_field(app) {
        open_round(app, Visibility::OnSubmit).await;
        let client = new_client();
        let res = client.get(app.url("/statistics?from=tjue&to=2019")).send().await.unwrap();
        assert_eq!(res.status(), 422);
        let page = res.text().await.unwrap();
        assert!(page.contains("id=\"from\" name=\"from\" type=\"text\" value=\"tjue\""), "{page}");
        assert!(page.contains("aria-describedby=\"from-error\""), "{page}");
        assert!(page.contains("id=\"from-error\">Skriv et årstall, for eksempel 2020.</p>"), "{page}");
        assert!(page.contains("<a class=\"ds-link\" href=\"#from\">Fra år: Skriv et årstall, for eksempel 2020.</a>"), "{page}");
        let res = client.get(app.url("/statistics/csv/years?from=2022&to=2020"))
            .header("accept-language", "en").send().await.unwrap();
        assert_eq!(res.status(), 422, "a download with a bad range gets the page");
        let page = res.text().await.unwrap();
        assert!(page.contains("id=\"to-error\">The to-year cannot be before the from-year.</p>"), "{page}");
        assert_eq!(client.get(app.url("/statistics/csv/nothing")).send().await.unwrap().status(), 404);
        // The strategy unit's figures are for administrators.
        let res = client.get(app.url("/admin/statistics")).send().await.unwrap();
        assert_eq!(res.status(), 303);
    }
}

on_both_backends! {
    async fn imported_history_with_merged_and_archived_units_matches_the_database(app) {
        // Four past years (fixtures/history.json): a year without applications, prizes nobody
        // applied for, an application of a unit merged into another before the import, an
        // archived sector, a second unit behind an application.
        app.clock.set(datetime!(2023-03-01 10:00 UTC));
        crate::history::import_history(app).await;
        crate::admin::admin(app).await;
        let public = new_client();
        check_tables(app, &public, "/statistics", true).await;
        check_tables(app, &app.client, "/admin/statistics", false).await;
        let years = csv(&public, app, "/statistics/csv/years").await;
        assert!(years.contains(&vec!["2021".into(), "0".into()]), "the year without applications: {years:?}");
        let units = csv(&public, app, "/statistics/csv/units").await;
        let tildeling = units.iter().find(|u| u[0] == "Tildelingskontoret").unwrap();
        assert_eq!(tildeling[2], "2", "Tjenestekontoret's application counts where it was merged: {units:?}");
        assert!(!units.iter().any(|u| u[0] == "Tjenestekontoret"), "{units:?}");
        let eiendom = units.iter().find(|u| u[0] == "Eiendom").unwrap();
        assert_eq!(eiendom[2], "1", "a further unit behind Felles kantine: {units:?}");
    }
}
