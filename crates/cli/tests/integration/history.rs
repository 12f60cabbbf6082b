//! Issue 14, «done when»: an organisation's past years (`fixtures/history.json`, written in
//! the exchange format: four rounds, a year without applications, a prize nobody applied for
//! even after its deadline was extended, a prize with applications and no winner, a new
//! prize with a question of its own, units reorganised and merged, winners with the jury's
//! justifications) imported by another process into a server that already has a search
//! index, and then shown right: search, filters, the front page, the round archive, the hall
//! of fame, the winner's page, the API and the feeds. The fixture is version 2 of the format,
//! with what real history holds besides: a prize sum nobody knows, a prize not awarded with
//! the jury's reason, a known number of applications where one is named, a second unit and
//! partners outside the organisation behind an application, and a story.

use crate::harness::{TestApp, new_client};
use crate::on_both_backends;
use prisverdig_service::Services;
use prisverdig_service::search::SearchQuery;
use std::sync::Arc;
use time::macros::datetime;

const FIXTURE: &str = include_str!("fixtures/history.json");
/// Ids in the fixture.
const TRYGGHETSALARM: &str = "0187a000-0000-7000-8000-00000000002e";
const KANTINE: &str = "0187a000-0000-7000-8000-000000000036";

async fn anonymous(app: &TestApp, path: &str) -> String {
    let res = new_client().get(app.url(path)).send().await.unwrap();
    assert_eq!(res.status(), 200, "{path}");
    res.text().await.unwrap()
}

async fn json(app: &TestApp, path: &str) -> serde_json::Value {
    new_client()
        .get(app.url(path))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap()
}

/// The titles a search for `text` finds.
async fn search(app: &TestApp, text: &str) -> Vec<String> {
    let query = SearchQuery {
        text: text.into(),
        per_page: 100,
        ..Default::default()
    };
    let hits = app.services.search(query).await.unwrap().hits;
    let mut ids: Vec<String> = hits.iter().map(|h| h.id.to_string()).collect();
    ids.sort();
    ids
}

/// Where each of `needles` first appears in `html`, in order.
fn in_order(html: &str, needles: &[&str]) -> bool {
    let at: Vec<Option<usize>> = needles.iter().map(|n| html.find(n)).collect();
    at.iter().all(Option::is_some) && at.windows(2).all(|w| w[0] < w[1])
}

/// `prisverdig import` run as a process of its own on the server's database, then the
/// server's pollers taking in what it wrote (the search change counter and the public-data
/// version), called here once instead of waiting for their next tick.
pub(crate) async fn import_history(app: &TestApp) {
    let doc = prisverdig_domain::exchange::parse(FIXTURE).unwrap();
    let scratch = std::env::temp_dir().join(format!("prisverdig-history-{}", uuid::Uuid::now_v7()));
    let files = Arc::new(prisverdig_service::files::LocalFileStore::new(&scratch));
    let cli = Services::new(app.services.db().clone(), app.clock.clone(), files);
    let report = cli.import(doc).await.unwrap();
    assert!(
        report.added.contains(&("applications", 7))
            && report.added.contains(&("rounds", 4))
            && report.added.contains(&("stories", 1)),
        "{report}"
    );
    app.services.catch_up().await.unwrap();
    app.services.check_public_changes().await.unwrap();
    let _ = std::fs::remove_dir_all(&scratch);
}

on_both_backends! {
    async fn an_organisations_history_imported_into_a_running_server_is_shown_right(app) {
        app.clock.set(datetime!(2023-03-01 10:00 UTC));
        // The server has served a search, so its index is open (and empty) before the import.
        assert!(search(app, "trygghetsalarm").await.is_empty());
        let empty = anonymous(app, "/").await;
        import_history(app).await;

        // Search: the index caught up, and holds what the pages show.
        assert_eq!(search(app, "trygghetsalarm").await, [TRYGGHETSALARM], "found after the import");
        assert_eq!(search(app, "tirsdag").await, [KANTINE], "the answer to the prize's own question");
        assert_eq!(search(app, "tjenestedesign").await, [KANTINE], "the note on the idea's origin");
        let searched = anonymous(app, "/catalogue?q=nattilsyn&year=2020").await;
        assert!(searched.contains("Digitalt nattilsyn"), "search and a filter together");

        // Filters: the old sector of a reorganised chart, a year, the new custom prize, winners.
        let sector = anonymous(app, "/catalogue?sector=Helse+og+omsorg").await;
        assert!(sector.contains("Trygghetsalarm med tovei-tale") && sector.contains("Digitalt nattilsyn"));
        assert!(!sector.contains("Felles kantine"), "{sector}");
        let custom = anonymous(app, "/catalogue?category=custom%3ASamarbeidsprisen").await;
        assert!(custom.contains("Felles kantine på tvers av etatene") && custom.contains("Antall søknader: 1"));
        let winners = anonymous(app, "/catalogue?status=winner").await;
        assert!(winners.contains("Antall søknader: 4"), "four winners in four years");
        let none = anonymous(app, "/catalogue?year=2020&category=mistake").await;
        assert!(none.contains("Ingen søknader kom inn til Beste feil i 2020, så prisen ble ikke delt ut."), "{none}");
        assert!(!none.contains("Ingen søknader er publisert ennå"));

        // The front page: the last round's results and what comes next, no call to apply.
        let home = anonymous(app, "/").await;
        assert!(!empty.contains("Resultatene fra") && empty.contains("Ingen prisrunde er åpen akkurat nå."), "before the import");
        assert!(home.contains("Resultatene fra Innovasjonsprisene 2022"));
        assert!(home.contains(&format!("href=\"/applications/{KANTINE}\">Felles kantine på tvers av etatene</a> – Et enkelt grep")));
        assert!(home.contains("Hederlig omtale") && home.contains("Matsvinnjakt i barnehagen"));
        assert!(home.contains("Neste utlysning er ikke kunngjort ennå.") && !home.contains("href=\"/apply\""));

        // The round archive: every year, the one without applications too, and the truth of each prize.
        let rounds = anonymous(app, "/rounds").await;
        assert!(in_order(&rounds, &["/rounds/2022", "/rounds/2021", "/rounds/2020", "/rounds/2019"]), "{rounds}");
        let y2021 = anonymous(app, "/rounds/2021").await;
        assert_eq!(y2021.matches("Prisen ble ikke delt ut: ingen søknader kom inn.").count(), 4, "two prizes, in the table and their sections");
        let y2020 = anonymous(app, "/rounds/2020").await;
        assert!(y2020.contains("Forlenget frist"), "Beste feil's deadline was extended");
        assert!(y2020.contains("Prisen ble ikke delt ut: ingen søknader kom inn."));
        let y2019 = anonymous(app, "/rounds/2019").await;
        assert!(y2019.contains("Lesevenner fra Sverige") && y2019.contains("Prisen ble ikke delt ut."), "a nominee, and no winner");
        assert!(y2019.contains("Juryen legger vekt på at løsningen er i bruk"));
        assert!(y2019.contains("Juryen fant ingen søknad der ideen var tatt i bruk i stor nok skala."), "the reason for no winner");
        assert!(y2019.contains("<dt>Prissum</dt><dd>Ikke kjent</dd>"), "a prize sum nobody knows");
        assert!(y2019.contains("<dt>Innsendte søknader</dt><dd>5</dd>"), "five came in, one is named: {y2019}");
        let y2022 = anonymous(app, "/rounds/2022").await;
        assert!(in_order(&y2022, &["Innovasjonsprisen</h2>", "Samarbeidsprisen</h2>", "Beste feil</h2>"]));

        // The hall of fame: by year, and prizes in the round's order, not alphabetical.
        let fame = anonymous(app, "/hall-of-fame").await;
        assert!(in_order(&fame, &["Matsvinnjakt", "Felles kantine", "Robotstøvsugeren", "Digitalt nattilsyn", "Trygghetsalarm"]), "{fame}");
        assert!(!fame.contains("Lesevenner fra Sverige"), "a nominee is not in the hall of fame");

        // The winner's page: that it won, the jury's words, its unit as it was, its own question.
        let page = anonymous(app, &format!("/applications/{TRYGGHETSALARM}")).await;
        assert!(page.contains("Vinner") && page.contains("Juryen legger vekt på at løsningen er i bruk"));
        assert!(page.contains("Helse og omsorg › Tjenestekontoret"), "the unit's name when it applied");
        let kantine = anonymous(app, &format!("/applications/{KANTINE}")).await;
        assert!(kantine.contains("Hvem samarbeidet dere med, og hvordan?") && kantine.contains("Idé fra frokostmøtet"));
        assert!(kantine.contains("Sammen med: Eiendom"), "the second unit behind it");
        assert!(kantine.contains("Partnere utenfor kommunen: Fjordvik frivilligsentral, Høgskolen i Innlandet"));
        assert!(kantine.contains("Kantina som samlet etatene"), "the imported story about it");
        assert_eq!(search(app, "høgskolen").await, [KANTINE], "a partner outside the organisation is searchable");

        // The API: the outcome, the answers shown on the page, and its filters.
        let detail = json(app, &format!("/api/v1/applications/{KANTINE}")).await;
        assert_eq!(detail["outcome"]["kind"], "winner");
        assert!(detail["outcome"]["justification"].as_str().unwrap().starts_with("Et enkelt grep"));
        assert!(detail["answers"].as_array().unwrap().iter().any(|a| a["part"] == "question" && a["answer"].as_str().unwrap().contains("tirsdag")));
        assert_eq!(detail["other_units"], serde_json::json!(["Eiendom"]));
        assert_eq!(detail["outside_partners"][1], "Høgskolen i Innlandet");
        let listed = json(app, "/api/v1/applications?status=winner&year=2022").await;
        assert_eq!(listed["total"], 2, "{listed}");
        let stories = json(app, "/api/v1/stories").await;
        assert_eq!(stories["items"][0]["title"], "Kantina som samlet etatene");
        assert_eq!(stories["items"][0]["author"], "Per Lund");

        // The feeds: the results, with the jury's outcome, at absolute addresses.
        let results = anonymous(app, "/feeds/results.atom").await;
        assert!(results.contains("Vinner: Felles kantine på tvers av etatene") && results.contains("Vinner: Trygghetsalarm med tovei-tale"), "{results}");
        assert!(!results.contains("Vinner: Lesevenner"));
        let applications = anonymous(app, "/feeds/applications.atom").await;
        assert!(applications.contains(&format!("http://prisverdig.test/applications/{KANTINE}")));
    }
}
