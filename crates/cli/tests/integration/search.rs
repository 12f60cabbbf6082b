//! Search through the server (issue 14): Norwegian compounds and Nynorsk in real
//! applications, and the jury's justification found from its publication minute and never
//! before, in a server whose index exists before the decisions are written.

use crate::catalogue::{eventually, setup, submitted_with};
use crate::decisions::decide_with;
use crate::on_both_backends;
use prisverdig_domain::category::CategoryKind;

on_both_backends! {
    async fn compounds_and_nynorsk_are_found_by_their_parts(app) {
        let round = setup(app).await;
        let kantine = submitted_with(app, &round, CategoryKind::Innovation, "Ny meny", None, "Personalkantinen serverer rester.").await;
        let heime = submitted_with(app, &round, CategoryKind::Innovation, "Digitalt tilsyn", None, "Heimetenesta nyttar nettbrett.").await;
        let elbil = submitted_with(app, &round, CategoryKind::Innovation, "Grønn flåte", None, "Tolv nye elbiler til Fornebupiloten.").await;
        let found = |q: &str| { let path = format!("/catalogue?q={q}"); async move { app.get(&path).await.text().await.unwrap() } };
        assert!(eventually(app, "/catalogue?q=kantiner", &format!("/applications/{kantine}"), true).await, "a part finds the compound");
        assert!(found("kantiner").await.contains("<mark>Personalkantinen</mark>"), "the compound is highlighted");
        assert!(found("tjenesten").await.contains(&format!("/applications/{heime}")), "Bokmål finds Nynorsk");
        assert!(found("bil").await.contains(&format!("/applications/{elbil}")), "«bil» finds «elbiler»");
        assert!(found("piloten").await.contains(&format!("/applications/{elbil}")), "a name in front");
        let fet = found("fet").await;
        assert!([kantine, heime, elbil].iter().all(|id| !fet.contains(&format!("/applications/{id}"))), "no typo matches for short words");
    }

    async fn a_justification_is_found_from_its_publication_minute_and_never_before(app) {
        let round = setup(app).await;
        let winner = submitted_with(app, &round, CategoryKind::Innovation, "Smart renhold", None, "Vi vasker der folk har vært.").await;
        let secret = submitted_with(app, &round, CategoryKind::Innovation, "Digital postkasse", None, "Brev til innbyggerne.").await;
        // The index exists before the jury writes: the decisions must reach it.
        app.services.search_index().await.unwrap();
        let later = app.services.clock.now() + time::Duration::days(1);
        decide_with(app, winner, "winner", Some(later), "Et tverrfaglig samarbeid med frivilligsentralen.").await;
        decide_with(app, secret, "winner", None, "Et tverrfaglig samarbeid ingen skal vite om ennå.").await;
        let path = "/catalogue?q=tverrfaglig";
        let api = "/api/v1/applications?q=frivilligsentral";
        // The index reads the decisions (as its poller does), and still nothing shows.
        app.services.catch_up().await.unwrap();
        let before = app.get(path).await.text().await.unwrap();
        assert!(!before.contains(&format!("/applications/{winner}")), "not before the publication minute");
        assert!(!before.contains(&format!("/applications/{secret}")), "nor the unpublished one");
        app.clock.set(later);
        assert!(eventually(app, path, &format!("/applications/{winner}"), true).await, "found from the minute");
        let body = app.get(path).await.text().await.unwrap();
        assert!(!body.contains(&format!("/applications/{secret}")), "an unpublished justification is never found");
        assert!(body.contains("<mark>tverrfaglig</mark> samarbeid"), "the justification is the snippet");
        let listed: serde_json::Value = app.get(api).await.json().await.unwrap();
        assert_eq!(listed["total"], 1, "by a part of a compound in it, through the API too: {listed}");
    }
}
