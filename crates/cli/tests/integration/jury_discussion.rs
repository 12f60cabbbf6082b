//! The jury's discussion of an application, over HTTP on both backends: jurors read each
//! other's posts on the review page and get new ones from the fragment the page polls; a
//! conflicted juror, the applicants, an administrator off the jury and anyone before the
//! deadline get the answer for an application that does not exist, on the page, the
//! fragment and the post, and nothing is stored; a post that is empty or too long comes back
//! as 422 with the message at its field.

use crate::fixtures::DEADLINE;
use crate::harness::{TestApp, new_client};
use crate::jury::{Jury, jury};
use crate::on_both_backends;
use prisverdig_domain::jury::conflict::Grounds;
use prisverdig_domain::jury::discussion::MAX_POST_CHARS;
use prisverdig_domain::role::Role;
use prisverdig_service::ServiceError;
use prisverdig_store::jury_posts;
use uuid::Uuid;

fn page(id: Uuid) -> String {
    format!("/jury/applications/{id}")
}

fn thread(id: Uuid) -> String {
    format!("/jury/applications/{id}/discussion")
}

/// Posts `text` through the review page's form, as `client` (with the page's token).
async fn post(app: &TestApp, client: &reqwest::Client, id: Uuid, text: &str) -> reqwest::Response {
    // The token is the session's: any page of this client carries it.
    let token = app.csrf_with(client, "/jury").await;
    client
        .post(app.url(&thread(id)))
        .form(&[("_csrf", token.as_str()), ("post", text)])
        .send()
        .await
        .unwrap()
}

async fn get(app: &TestApp, client: &reqwest::Client, path: &str) -> reqwest::Response {
    client.get(app.url(path)).send().await.unwrap()
}

/// What htmx sends when the page polls.
async fn poll(app: &TestApp, client: &reqwest::Client, path: &str) -> reqwest::Response {
    client
        .get(app.url(path))
        .header("hx-request", "true")
        .send()
        .await
        .unwrap()
}

/// The address the page's poller asks next.
fn poll_path(html: &str) -> String {
    let re = regex::Regex::new(r#"id="discussion-poll" data-hx-get="([^"]+)""#).unwrap();
    re.captures(html).expect("the thread polls")[1].replace("&#61;", "=")
}

async fn count(app: &TestApp, id: Uuid) -> i64 {
    jury_posts::count(app.services.db(), id).await.unwrap()
}

async fn audit_rows(app: &TestApp, j: &Jury, action: &str) -> Vec<String> {
    let filter = prisverdig_service::model::AuditFilter::default();
    let page = app.services.audit_page(&j.admin, filter, 1).await.unwrap();
    page.entries
        .into_iter()
        .filter(|r| r.action == action)
        .map(|r| r.detail.0.to_string())
        .collect()
}

on_both_backends! {
    async fn jurors_read_each_others_posts_and_the_page_polls_for_new_ones(app) {
        let j = jury(app).await;
        let mona = TestApp::client_for(app, "mona@fjordvik.example").await;
        let jon = TestApp::client_for(app, "jon@fjordvik.example").await;
        let html = get(app, &jon, &page(j.a)).await.text().await.unwrap();
        assert!(html.contains("Juryens diskusjon") && html.contains("Ingen innlegg ennå."));
        assert!(html.contains(r#"id="discussion-posts" aria-live="polite""#));
        let before_any = poll_path(&html);

        let res = post(app, &mona, j.a, "Jeg liker <b>dette</b>.\r\nMen hva koster driften?").await;
        assert_eq!(res.status(), 303);
        assert_eq!(res.headers()["location"], format!("/jury/applications/{}#discussion", j.a));
        // Jon sees Mona's post: her name, the Oslo time, the text escaped, its lines kept.
        let html = get(app, &jon, &page(j.a)).await.text().await.unwrap();
        assert!(html.contains("Mona Jurymedlem") && html.contains("2. november 2019 kl. 00:59"));
        assert!(html.contains("Jeg liker &#60;b&#62;dette&#60;/b&#62;.\nMen hva koster driften?"), "{html}");
        assert!(!html.contains("<b>dette"));
        let after_mona = poll_path(&html);
        assert!(after_mona.contains("?after="), "{after_mona}");

        // Jon answers; Mona's page, polling after her own post, gets his and only his.
        assert_eq!(post(app, &jon, j.a, "Driften er beskrevet under effekt.").await.status(), 303);
        let res = poll(app, &mona, &after_mona).await;
        assert_eq!(res.status(), 200);
        let fragment = res.text().await.unwrap();
        assert!(fragment.contains("Driften er beskrevet under effekt.") && fragment.contains("Jon Jurymedlem"));
        assert!(!fragment.contains("Men hva koster driften?"), "an old post is not sent again");
        assert!(fragment.contains(r##"data-hx-swap-oob="beforeend:#discussion-posts""##));
        // The next poll asks after Jon's post, and brings nothing new.
        let next = poll_path(&fragment);
        assert_ne!(next, after_mona);
        let quiet = poll(app, &mona, &next).await.text().await.unwrap();
        assert!(quiet.contains("discussion-poll") && !quiet.contains("<li"), "{quiet}");
        // A page loaded before any post asks without `after`, and gets both, oldest first.
        let all = poll(app, &mona, &before_any).await.text().await.unwrap();
        let (first, second) = (all.find("Men hva koster").unwrap(), all.find("Driften er beskrevet").unwrap());
        assert!(first < second);
        // The deputy (another juror) reads both on the page too.
        let deputy = TestApp::client_for(app, "nestleder@fjordvik.example").await;
        let html = get(app, &deputy, &page(j.a)).await.text().await.unwrap();
        assert!(html.contains("Men hva koster driften?") && html.contains("Driften er beskrevet under effekt."));
        // The deputy acts as chair on Kari's application: the decision page leads to the thread.
        let decision = get(app, &deputy, &format!("{}/decision", page(j.a))).await.text().await.unwrap();
        assert!(decision.contains(&format!(r##"href="/jury/applications/{}#discussion""##, j.a)));

        // Each post has its audit row, without its text.
        let rows = audit_rows(app, &j, "jury.post_added").await;
        assert_eq!(rows.len(), 2);
        assert!(rows.iter().all(|d| d.contains(&j.a.to_string()) && !d.contains("Driften")), "{rows:?}");
    }

    async fn a_conflicted_juror_gets_neither_the_thread_nor_a_post_in(app) {
        let j = jury(app).await;
        let mona = TestApp::client_for(app, "mona@fjordvik.example").await;
        assert_eq!(post(app, &mona, j.a, "Hemmelig vurdering av Smart renhold.").await.status(), 303);
        // The chair works in Kari's unit: conflicted on her application. Her page says so,
        // and has no thread.
        let chair = TestApp::client_for(app, "leder@fjordvik.example").await;
        let res = get(app, &chair, &page(j.a)).await;
        assert_eq!(res.status(), 200);
        let html = res.text().await.unwrap();
        assert!(html.contains("Du er inhabil i denne søknaden"));
        assert!(!html.contains("Juryens diskusjon") && !html.contains("Hemmelig vurdering") && !html.contains("discussion-poll"));
        // The fragment and the post answer as for an application she may not see.
        for path in [thread(j.a), format!("{}?after={}", thread(j.a), Uuid::now_v7())] {
            assert_eq!(get(app, &chair, &path).await.status(), 404, "{path}");
            let res = poll(app, &chair, &path).await;
            assert_eq!(res.status(), 404, "{path}");
            assert!(!res.text().await.unwrap().contains("Hemmelig vurdering"));
        }
        let res = post(app, &chair, j.a, "Jeg vil også si noe.").await;
        assert_eq!(res.status(), 404);
        assert_eq!(count(app, j.a).await, 1, "nothing stored");
        // The same chair takes part where she is not conflicted: the refusal is the conflict.
        assert_eq!(post(app, &chair, j.p, "Lesevenner er fint.").await.status(), 303);
        assert!(get(app, &chair, &page(j.p)).await.text().await.unwrap().contains("Lesevenner er fint."));
        // Conflict beats every role: an administrator who is also the conflicted juror.
        let mut both = j.chair.clone();
        both.roles.push(Role::Administrator);
        assert!(matches!(app.services.jury_discussion(&both, j.a, None).await, Err(ServiceError::NotFound)));
        assert!(matches!(app.services.post_to_jury_discussion(&both, j.a, "Likevel").await, Err(ServiceError::NotFound)));
        // A declared conflict binds from the moment it is declared.
        app.services.declare_conflict(&j.mona, j.p, Grounds::Family, "Per er broren min.").await.unwrap();
        assert_eq!(get(app, &mona, &thread(j.p)).await.status(), 404);
        assert_eq!(post(app, &mona, j.p, "Etter meldingen.").await.status(), 404);
        assert!(!get(app, &mona, &page(j.p)).await.text().await.unwrap().contains("Lesevenner er fint."));
        assert_eq!(count(app, j.p).await, 1, "nothing stored");
    }

    async fn an_empty_or_too_long_post_comes_back_at_its_field(app) {
        let j = jury(app).await;
        let jon = TestApp::client_for(app, "jon@fjordvik.example").await;
        let res = post(app, &jon, j.p, " \r\n ").await;
        assert_eq!(res.status(), 422);
        let html = res.text().await.unwrap();
        assert!(html.contains(r##"href="#post""##), "in the error summary");
        assert!(html.contains(r#"aria-describedby="post-error""#) && html.contains(r#"id="post-error""#));
        assert!(html.contains("Skriv noe i innlegget før du sender det."));
        let long = "å".repeat(MAX_POST_CHARS + 1);
        let res = post(app, &jon, j.p, &long).await;
        assert_eq!(res.status(), 422);
        let html = res.text().await.unwrap();
        assert!(html.contains("høyst 4\u{a0}000 tegn"), "the limit named");
        assert!(html.contains(&long), "what was typed is kept");
        assert_eq!(count(app, j.p).await, 0, "nothing stored");
        assert!(audit_rows(app, &j, "jury.post_added").await.is_empty());
        // At the limit it is stored.
        let res = post(app, &jon, j.p, &"å".repeat(MAX_POST_CHARS)).await;
        assert_eq!(res.status(), 303);
        assert_eq!(count(app, j.p).await, 1);
    }

    async fn nobody_off_the_jury_reads_or_writes_the_discussion(app) {
        let j = jury(app).await;
        let mona = TestApp::client_for(app, "mona@fjordvik.example").await;
        assert_eq!(post(app, &mona, j.b, "Bare for juryen.").await.status(), 303);
        // Kari applied; the administrator (the app's own client) is not on the jury.
        let kari = TestApp::client_for(app, "kari@fjordvik.example").await;
        for (who, client) in [("applicant", &kari), ("administrator", &app.client)] {
            for path in [page(j.b), thread(j.b)] {
                let res = get(app, client, &path).await;
                assert_eq!(res.status(), 404, "{who} {path}");
                assert!(!res.text().await.unwrap().contains("Bare for juryen."));
            }
            assert_eq!(post(app, client, j.b, "Fra utsiden.").await.status(), 404, "{who}");
        }
        assert!(matches!(app.services.jury_discussion(&j.admin, j.b, None).await, Err(ServiceError::NotFound)));
        // Signed out: sent to sign in; a page polling is told to stop (286), with nothing.
        let res = get(app, &new_client(), &thread(j.b)).await;
        assert_eq!(res.status(), 303);
        assert!(res.headers()["location"].to_str().unwrap().starts_with("/sign-in"));
        let res = poll(app, &new_client(), &thread(j.b)).await;
        assert_eq!(res.status(), 286);
        assert!(res.text().await.unwrap().is_empty());
        // Before the deadline not even the jury sees the application.
        app.clock.set(DEADLINE - time::Duration::hours(1));
        assert_eq!(get(app, &mona, &thread(j.b)).await.status(), 404);
        assert_eq!(post(app, &mona, j.b, "For tidlig.").await.status(), 404);
        assert_eq!(count(app, j.b).await, 1, "only Mona's first post");
    }
}
