//! Issue 14: the public round archive, the hall of fame in the prizes' order, and the front
//! page between rounds — a past round is shown with its results, never as the current call.

use crate::catalogue::{setup, submitted};
use crate::decisions::decide;
use crate::fixtures::{DEADLINE, Round};
use crate::harness::{TestApp, new_client};
use crate::on_both_backends;
use crate::rounds::another_open_round;
use prisverdig_domain::category::CategoryKind;
use prisverdig_domain::round::RoundState;
use uuid::Uuid;

/// Where each of `needles` first appears in `html` (panics when one is missing).
fn positions(html: &str, needles: &[&str]) -> Vec<usize> {
    needles
        .iter()
        .map(|n| html.find(n).unwrap_or_else(|| panic!("{n:?} missing")))
        .collect()
}

/// The page's `<main>`, so the navigation's words do not count.
async fn main_of(app: &TestApp, path: &str) -> String {
    let res = app.get(path).await;
    assert_eq!(res.status(), 200, "{path}");
    let html = res.text().await.unwrap();
    let start = html.find("<main").unwrap();
    let end = html.find("</main>").unwrap();
    html[start..end].to_string()
}

on_both_backends! {
    async fn the_hall_of_fame_lists_prizes_in_the_rounds_order_not_alphabetically(app) {
        let round = setup(app).await;
        let now = app.services.clock.now();
        let mistake = submitted(app, &round, CategoryKind::Mistake, "Robotene som gikk seg vill", None).await;
        let source = submitted(app, &round, CategoryKind::Innovation, "Smart renhold", None).await;
        let steal = submitted(app, &round, CategoryKind::Steal, "Lesevenner", Some(source)).await;
        for id in [mistake, source, steal] {
            decide(app, id, "winner", Some(now)).await;
        }
        let fame = main_of(app, "/hall-of-fame").await;
        let at = positions(&fame, &["Innovasjonsprisen", "Stjæl med stil", "Beste feil"]);
        assert!(at[0] < at[1] && at[1] < at[2], "Innovasjonsprisen, Stjæl med stil, Beste feil: {at:?}");
        assert!(fame.contains("href=\"/rounds/2020\""), "the year links to its round");
    }
}

/// Runs `sql` with `id` bound as `$1` and tells the page cache, as a use case would.
async fn write(app: &TestApp, sql: &'static str, id: Uuid) {
    let mut tx = app.services.db().begin().await.unwrap();
    prisverdig_store::on_tx!(&mut tx, |conn| sqlx::query(sql)
        .bind(id)
        .execute(conn)
        .await
        .map(|_| ()))
    .unwrap();
    prisverdig_store::public_change::bump(&mut tx)
        .await
        .unwrap();
    tx.commit().await.unwrap();
    app.services.check_public_changes().await.unwrap();
}

/// The fixture's 2020 round with an innovation winner (published), a nominee and a winner
/// not yet published in Stjæl med stil; nobody applied for Beste feil. The clock is after
/// the deadline. Returns (round, winner, nominee, secret winner).
async fn judged_round(app: &TestApp) -> (Round, Uuid, Uuid, Uuid) {
    let round = setup(app).await;
    let winner = submitted(app, &round, CategoryKind::Innovation, "Smart renhold", None).await;
    let nominee = submitted(
        app,
        &round,
        CategoryKind::Innovation,
        "Digital postkasse",
        None,
    )
    .await;
    let secret = submitted(app, &round, CategoryKind::Steal, "Lesevenner", Some(winner)).await;
    app.clock.set(DEADLINE + time::Duration::days(60));
    let now = app.services.clock.now();
    decide(app, winner, "winner", Some(now - time::Duration::days(1))).await;
    decide(app, nominee, "nominee", Some(now - time::Duration::days(1))).await;
    decide(app, secret, "winner", None).await;
    (round, winner, nominee, secret)
}

async fn anonymous(app: &TestApp, path: &str) -> (u16, String) {
    let res = new_client().get(app.url(path)).send().await.unwrap();
    (res.status().as_u16(), res.text().await.unwrap())
}

on_both_backends! {
    async fn a_past_awarded_round_is_shown_with_its_results_never_as_the_current_call(app) {
        let (round, winner, nominee, _) = judged_round(app).await;
        write(app, "UPDATE round SET state = 'awarded' WHERE id = $1", round.id).await;
        let (_, home) = anonymous(app, "/").await;
        assert!(!home.contains("href=\"/apply\"") && !home.contains("dager igjen"), "no call to apply");
        assert!(!home.contains("Søknadsfrist"), "no deadline of a past round");
        assert!(home.contains("Resultatene fra Innovasjonsprisene 2020"), "the last round's results");
        assert!(home.contains(&format!("href=\"/applications/{winner}\">Smart renhold</a> – Juryen mener")), "the winner with its justification");
        assert!(home.contains(&format!("href=\"/applications/{nominee}\">Digital postkasse</a>")), "the nominee");
        assert!(!home.contains("Lesevenner"), "an unpublished winner stays secret");
        assert!(home.contains("Prisen ble ikke delt ut: ingen søknader kom inn."), "Beste feil had no applications");
        assert!(home.contains("Neste utlysning er ikke kunngjort ennå."), "what comes next");
        assert!(home.contains("href=\"/rounds/2020\""), "the round's archive page");

        // A new round under way (its call is over, the jury at work) is what comes next.
        let next = another_round(app, &round, 2021, RoundState::Judging).await;
        let (_, home) = anonymous(app, "/").await;
        assert!(home.contains("Resultatene fra Innovasjonsprisene 2020") && home.contains("Innovasjonsprisene 2021"));
        assert!(home.contains("Søknadsfristen er ute, og juryen vurderer søknadene."), "{home}");
        assert!(!home.contains("Neste utlysning er ikke kunngjort ennå."));
        // Once it calls for applications, the front page is the call again.
        write(app, "UPDATE round SET state = 'open' WHERE id = $1", next).await;
        write(app, "UPDATE category SET deadline = '2099-11-01T22:59:00Z' WHERE round_id = $1", next).await;
        let (_, home) = anonymous(app, "/").await;
        assert!(home.contains("href=\"/apply\"") && !home.contains("Resultatene fra"), "the call, as before");
    }

    async fn the_round_archive_lists_every_public_round_and_tells_each_prizes_result(app) {
        let (round, winner, _, _) = judged_round(app).await;
        another_round(app, &round, 2018, RoundState::Archived).await;
        another_round(app, &round, 2030, RoundState::Draft).await;
        let (status, list) = anonymous(app, "/rounds").await;
        assert_eq!(status, 200);
        let at = positions(&list, &["href=\"/rounds/2020\"", "href=\"/rounds/2018\""]);
        assert!(at[0] < at[1], "newest first");
        assert!(!list.contains("/rounds/2030"), "a draft is not public");
        assert!(list.contains("<caption"), "the table has a caption");
        for missing in ["/rounds/2030", "/rounds/1999", "/rounds/tjue"] {
            assert_eq!(anonymous(app, missing).await.0, 404, "{missing}");
        }

        let (_, page) = anonymous(app, "/rounds/2020").await;
        let at = positions(&page, &["id=\"prize-", "Innovasjonsprisen</h2>", "Stjæl med stil</h2>", "Beste feil</h2>"]);
        assert!(at[1] < at[2] && at[2] < at[3], "prizes in the round's order");
        assert!(page.contains("Er innovasjonen tatt i bruk"), "criteria");
        assert!(page.contains(&format!("href=\"/applications/{winner}\">Smart renhold</a> – Juryen mener")));
        assert!(!page.contains("Lesevenner"), "the unpublished winner stays secret");
        assert!(page.contains("Juryen vurderer søknadene."), "Stjæl med stil is still being judged: {page}");
        assert!(page.contains("Ingen søknader kom inn innen fristen."), "Beste feil, before the results");
        assert!(!page.contains("Prisen ble ikke delt ut"), "not said before the results are out");
        assert!(page.contains("href=\"/catalogue?year=2020&#38;category=innovation\""), "its applications in the catalogue: {page}");

        // The chair publishes Beste feil's results with no winner, and a reason.
        write(app, "UPDATE category SET results_at = '2019-12-01T12:00:00Z', no_winner_reason = 'Ingen søknader.' WHERE id = $1", round.category(CategoryKind::Mistake)).await;
        let (_, page) = anonymous(app, "/rounds/2020").await;
        assert!(page.contains("Prisen ble ikke delt ut: ingen søknader kom inn.") && page.contains("Ingen søknader."));
        let (_, old) = anonymous(app, "/rounds/2018").await;
        assert!(old.contains("Ingen priser er registrert for denne runden."), "a year brought in without prizes");
    }

    async fn an_empty_prize_of_an_ended_round_says_it_was_not_awarded(app) {
        let (round, _, _, _) = judged_round(app).await;
        let path = "/catalogue?year=2020&category=mistake";
        let (_, judging) = anonymous(app, path).await;
        assert!(judging.contains("Ingen søknader kom inn til Beste feil i 2020."), "{judging}");
        assert!(!judging.contains("Ingen søknader er publisert ennå"));
        write(app, "UPDATE round SET state = 'awarded' WHERE id = $1", round.id).await;
        let (_, awarded) = anonymous(app, path).await;
        assert!(awarded.contains("Ingen søknader kom inn til Beste feil i 2020, så prisen ble ikke delt ut."));
        assert!(awarded.contains("href=\"/rounds/2020\""), "the round says more");
    }
}

/// Another round of the fixture's organisation in `year`, in `state`, with one custom prize
/// whose deadline has passed (none for 2018: a year brought in without its prizes).
async fn another_round(app: &TestApp, like: &Round, year: i64, state: RoundState) -> Uuid {
    let title = format!("Innovasjonsprisene {year}");
    let due = app.services.clock.now() - time::Duration::days(1);
    let id = another_open_round(app, like.id, (year, &title), ("Samarbeidsprisen", due)).await;
    let sql = match state {
        RoundState::Judging => "UPDATE round SET state = 'judging' WHERE id = $1",
        RoundState::Archived => "UPDATE round SET state = 'archived' WHERE id = $1",
        RoundState::Draft => "UPDATE round SET state = 'draft' WHERE id = $1",
        other => panic!("not needed here: {other:?}"),
    };
    write(app, sql, id).await;
    if year == 2018 {
        write(app, "DELETE FROM category WHERE round_id = $1", id).await;
    }
    id
}
