//! Issue 15, the ceremony: the show for administrators and the prizes' chairs, the rehearsal
//! that publishes nothing, and the reveal that publishes exactly one prize's results at that
//! moment, everywhere at once (pages, the API, the feeds, the hall of fame), while the prizes
//! not yet revealed stay secret; open pages hear of it through `/events/results`.

use crate::catalogue::submitted;
use crate::decisions::decide;
use crate::fixtures::DEADLINE;
use crate::harness::{TestApp, new_client};
use crate::jury::jury;
use crate::on_both_backends;
use prisverdig_domain::category::CategoryKind;
use prisverdig_domain::outcome::Outcome;
use prisverdig_service::ServiceError;
use time::Duration;

/// What an anonymous visitor sees at `path`.
async fn public(app: &TestApp, path: &str) -> String {
    new_client()
        .get(app.url(path))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap()
}

/// Every public place a winner shows, joined: the catalogue's winners, the hall of fame,
/// the results feed, the API's winners and the round's page.
async fn everywhere(app: &TestApp) -> String {
    let mut all = String::new();
    for path in [
        "/catalogue?status=winner",
        "/hall-of-fame",
        "/feeds/results.atom",
        "/api/v1/applications?status=winner",
        "/rounds/2020",
    ] {
        all.push_str(&public(app, path).await);
    }
    all
}

on_both_backends! {
    async fn a_reveal_publishes_one_prize_at_a_time_and_the_rehearsal_nothing(app) {
        let j = jury(app).await;
        let s = &app.services;
        // «Stjæl med stil» has an application too, submitted before the deadline.
        app.clock.set(DEADLINE - Duration::hours(1));
        let steal = submitted(app, &j.round, CategoryKind::Steal, "Lånt fra Asker", Some(j.a)).await;
        app.clock.set(DEADLINE + Duration::hours(1));
        // Innovasjonsprisen: the chair names Lesevenner the winner and «Smart renhold» a nominee;
        // Stjæl med stil: the jury's winner. Both locked; nothing scheduled.
        s.decide_application(&j.chair, j.p, None, Some(Outcome::Winner), "Eldre og barn leser sammen hver uke.").await.unwrap();
        // (The chair is conflicted on Kari's applications: the deputy acts there.)
        s.decide_application(&j.deputy, j.b, None, Some(Outcome::Nominee), "Lovende.").await.unwrap();
        decide(app, steal, "winner", None).await;
        let steal_category = j.round.category(CategoryKind::Steal);
        for category in [j.category, steal_category] {
            let version = prisverdig_store::jury::state(s.db(), category).await.unwrap().unwrap().jury_version;
            s.lock_scores(&j.admin, category, version, true).await.unwrap();
        }

        // Who may run the show: the administrator and the chair; a juror may not.
        assert!(matches!(s.ceremony(&j.mona, j.round.id).await, Err(ServiceError::Forbidden)));
        let show = s.ceremony(&j.chair, j.round.id).await.unwrap();
        let innovation = show.prizes.iter().find(|p| p.category.id == j.category).unwrap();
        assert!(innovation.ready && !innovation.revealed);
        assert_eq!(innovation.winners.len(), 1);
        assert_eq!(innovation.nominees.len(), 2, "the nominee and the winner");

        // The rehearsal: the whole show with the winners on the page, nothing published.
        let rehearsal = app.get(&format!("/ceremony/{}?rehearsal=true", j.round.id)).await;
        assert_eq!(rehearsal.status(), 200);
        let rehearsal = rehearsal.text().await.unwrap();
        assert!(rehearsal.contains("Generalprøve: ingenting publiseres") && rehearsal.contains("Eldre og barn leser sammen hver uke."));
        assert!(!rehearsal.contains("data-reveal-url"), "the rehearsal reveals nothing");
        let before = everywhere(app).await;
        assert!(!before.contains("Lesevenner") && !before.contains("Lånt fra Asker"), "nothing is public before the reveal");
        // The show: each winner waits in a template behind its reveal.
        let html = app.get(&format!("/ceremony/{}", j.round.id)).await.text().await.unwrap();
        assert_eq!(html.matches("data-reveal-url").count(), 2, "two prizes to reveal");
        assert!(html.contains("<template>"));

        // A page open before the reveal hears of it through the event stream.
        let mut events = new_client().get(app.url("/events/results")).send().await.unwrap();
        assert_eq!(events.headers()["content-type"], "text/event-stream");

        // The reveal of Innovasjonsprisen: its winner everywhere, Stjæl med stil still secret.
        let page = format!("/ceremony/{}", j.round.id);
        let reveal = format!("/ceremony/{}/reveal/{}", j.round.id, j.category);
        let res = app.post_form(&page, &reveal, &[]).await;
        assert_eq!(res.status(), 303);
        let after = everywhere(app).await;
        assert!(after.contains("Lesevenner"), "the revealed winner is public at once");
        assert!(!after.contains("Lånt fra Asker"), "the prize not yet revealed stays secret");
        let nominee = public(app, &format!("/applications/{}", j.b)).await;
        assert!(nominee.contains("Nominert"), "its nominees are public too");
        let event = tokio::time::timeout(std::time::Duration::from_secs(5), events.chunk()).await;
        let event = String::from_utf8(event.expect("an event within the time").unwrap().unwrap().to_vec()).unwrap();
        assert!(event.contains("event: results"), "{event}");

        // A second reveal of the same prize changes nothing; a juror may not reveal.
        assert_eq!(app.post_form(&page, &reveal, &[]).await.status(), 303);
        assert!(matches!(s.reveal(&j.mona, j.round.id, steal_category).await, Err(ServiceError::Forbidden)));
        // Under another round's show the prize is not there.
        let elsewhere = uuid::Uuid::now_v7();
        assert!(matches!(s.reveal(&j.admin, elsewhere, steal_category).await, Err(ServiceError::NotFound)));
        assert!(!everywhere(app).await.contains("Lånt fra Asker"));
        // The next prize, by the administrator's show.
        s.reveal(&j.admin, j.round.id, steal_category).await.unwrap();
        assert!(everywhere(app).await.contains("Lånt fra Asker"));
        // Two reveals, one audit row each (the second press on the same prize wrote none).
        let filter = prisverdig_store::audit::AuditFilter {
            action: Some("ceremony.reveal".into()),
            ..Default::default()
        };
        assert_eq!(prisverdig_store::audit::count(s.db(), &filter).await.unwrap(), 2);
    }

    async fn a_prize_the_jury_has_not_finished_cannot_be_revealed(app) {
        let j = jury(app).await;
        let s = &app.services;
        s.decide_application(&j.chair, j.p, None, Some(Outcome::Winner), "Best.").await.unwrap();
        // Not locked: refused, nothing public.
        let refused = s.reveal(&j.chair, j.round.id, j.category).await;
        assert!(matches!(refused, Err(ServiceError::Invalid(ref p)) if p[0].message_id == "error-results-need-lock"));
        let html = app.get(&format!("/ceremony/{}", j.round.id)).await.text().await.unwrap();
        assert!(html.contains("Juryen har ikke låst poengene"), "the show says why");
        assert!(!everywhere(app).await.contains("Lesevenner"));
        // Anonymous visitors and an applicant get no show.
        let res = new_client().get(app.url(&format!("/ceremony/{}", j.round.id))).send().await.unwrap();
        assert_eq!(res.status(), 303);
        assert!(res.headers()["location"].to_str().unwrap().starts_with("/sign-in"));
    }
}
