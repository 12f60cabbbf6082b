//! A person's own data (issue 11): the download holds what is stored about them and nobody
//! else's; deleting the account pseudonymises it, deletes drafts only they could finish,
//! hands shared drafts to the colleague, and leaves submitted applications with the unit —
//! on both backends.

use crate::catalogue::{setup, submitted};
use crate::fixtures::{DEADLINE, PASSWORD, applicant, user_row};
use crate::harness::{TestApp, new_client};
use crate::on_both_backends;
use prisverdig_domain::category::CategoryKind;
use prisverdig_domain::role::Role;
use prisverdig_service::users::AddUser;
use uuid::Uuid;

async fn scalar(app: &TestApp, sql: &'static str, id: Uuid) -> i64 {
    prisverdig_store::on_pool!(app.services.db(), |pool| sqlx::query_scalar(sql)
        .bind(id)
        .fetch_one(pool)
        .await)
    .unwrap()
}

async fn text(app: &TestApp, sql: &'static str, id: Uuid) -> String {
    prisverdig_store::on_pool!(app.services.db(), |pool| sqlx::query_scalar(sql)
        .bind(id)
        .fetch_one(pool)
        .await)
    .unwrap()
}

/// Kari's drafts: one alone, one shared with Ola (who has an account); and one submitted.
async fn karis_work(app: &TestApp) -> (Uuid, Uuid, Uuid) {
    let round = setup(app).await;
    applicant(app, "ola@fjordvik.example", "Ola Nordmann").await;
    let done = submitted(
        app,
        &round,
        CategoryKind::Innovation,
        "Varmestue for alle",
        None,
    )
    .await;
    let kari = user_row(app, "kari@fjordvik.example").await;
    let alone = app
        .services
        .start_application(&kari, round.category(CategoryKind::Innovation), round.unit)
        .await
        .unwrap();
    let shared = app
        .services
        .start_application(&kari, round.category(CategoryKind::Mistake), round.unit)
        .await
        .unwrap();
    assert_eq!(
        app.sign_in("kari@fjordvik.example", PASSWORD)
            .await
            .status(),
        303
    );
    let page = format!("/applications/{shared}/edit");
    let res = app
        .post_form(
            &page,
            &format!("/applications/{shared}/team"),
            &[("email", "ola@fjordvik.example")],
        )
        .await;
    assert!(res.status().is_redirection(), "{}", res.status());
    (done, alone, shared)
}

on_both_backends! {
    async fn the_download_holds_what_is_stored_about_the_person_and_nobody_else(app) {
        let (done, alone, shared) = karis_work(app).await;
        let res = app.get("/account/data.json").await;
        assert_eq!(res.status(), 200);
        assert!(res.headers()["content-disposition"].to_str().unwrap().starts_with("attachment"));
        assert_eq!(res.headers()["cache-control"], "no-store");
        let data: serde_json::Value = res.json().await.unwrap();
        assert_eq!(data["format"], "prisverdig-personal-data");
        assert_eq!(data["account"]["email"], "kari@fjordvik.example");
        assert_eq!(data["account"]["name"], "Kari Nordmann");
        assert_eq!(data["account"]["roles"], serde_json::json!(["applicant"]));
        assert_eq!(data["account"]["password_set"], true);
        let ids: Vec<String> = data["applications"].as_array().unwrap().iter()
            .map(|a| a["id"].as_str().unwrap().to_string()).collect();
        for id in [done, alone, shared] {
            assert!(ids.contains(&id.to_string()), "{id} in {ids:?}");
        }
        let submitted = data["applications"].as_array().unwrap().iter()
            .find(|a| a["id"] == done.to_string()).unwrap();
        assert_eq!(submitted["state"], "submitted");
        assert_eq!(submitted["answers"]["what_we_did"], "Gjort.", "{submitted}");
        assert!(data["audit_log"].as_array().unwrap().iter().any(|e| e["action"] == "team.invite"));
        let text = data.to_string();
        assert!(!text.contains("password_hash") && !text.contains("$argon2"), "no secret: {text}");

        // Ola's download has the shared draft (he is on its team) and not Kari's own ones.
        let ola = new_client();
        assert_eq!(app.sign_in_on(&ola, "ola@fjordvik.example", PASSWORD).await.status(), 303);
        let theirs: serde_json::Value = ola.get(app.url("/account/data.json")).send().await.unwrap().json().await.unwrap();
        let ids: Vec<String> = theirs["applications"].as_array().unwrap().iter()
            .map(|a| a["id"].as_str().unwrap().to_string()).collect();
        assert_eq!(ids, [shared.to_string()], "{theirs}");
        assert!(!theirs.to_string().contains("Kari Nordmann"));
    }

    async fn deleting_the_account_pseudonymises_it_and_keeps_submitted_work(app) {
        let (done, alone, shared) = karis_work(app).await;
        let kari = user_row(app, "kari@fjordvik.example").await;

        let wrong = app.post_form("/account/delete", "/account/delete", &[("confirm", "ola@fjordvik.example")]).await;
        assert_eq!(wrong.status(), 422);
        let html = wrong.text().await.unwrap();
        assert!(html.contains("id=\"confirm-error\"") && html.contains("Skriv e-postadressen til kontoen"), "{html}");
        assert_eq!(scalar(app, "SELECT COUNT(*) FROM application WHERE id = $1", alone).await, 1, "nothing deleted");

        let res = app.post_form("/account/delete", "/account/delete", &[("confirm", "KARI@fjordvik.example")]).await;
        assert_eq!(res.status(), 200);
        assert!(res.text().await.unwrap().contains("Kontoen din er slettet"));

        assert_eq!(app.get("/my-applications").await.status(), 303, "signed out");
        assert_eq!(app.sign_in("kari@fjordvik.example", PASSWORD).await.status(), 422, "no account to sign in to");
        assert_eq!(scalar(app, "SELECT COUNT(*) FROM users WHERE email = 'kari@fjordvik.example' AND id = $1", kari.id).await, 0);
        assert_eq!(text(app, "SELECT name FROM users WHERE id = $1", kari.id).await, "");
        assert_eq!(scalar(app, "SELECT COUNT(*) FROM user_role WHERE user_id = $1", kari.id).await, 0);
        assert_eq!(scalar(app, "SELECT COUNT(*) FROM session WHERE user_id = $1", kari.id).await, 0);
        assert_eq!(scalar(app, "SELECT COUNT(*) FROM team_member WHERE email LIKE 'kari%' AND application_id <> $1", Uuid::nil()).await, 0);

        assert_eq!(scalar(app, "SELECT COUNT(*) FROM application WHERE id = $1", alone).await, 0, "her own draft went");
        assert_eq!(
            scalar(app, "SELECT COUNT(*) FROM application WHERE id = $1 AND owner_id = (SELECT id FROM users WHERE email = 'ola@fjordvik.example')", shared).await,
            1, "the shared draft is Ola's now"
        );
        assert_eq!(scalar(app, "SELECT COUNT(*) FROM application WHERE id = $1 AND state = 'submitted'", done).await, 1, "submitted work stays");
        let public = app.get(&format!("/applications/{done}")).await.text().await.unwrap();
        assert!(public.contains("Varmestue for alle") && !public.contains("Kari Nordmann"));
        assert_eq!(scalar(app, "SELECT COUNT(*) FROM audit_log WHERE action = 'user.delete' AND entity_id = $1", kari.id).await, 1);
    }

    async fn the_last_administrator_cannot_delete_their_account(app) {
        let input = AddUser { email: "admin@fjordvik.example", name: "Anne Admin", roles: &[Role::Administrator], password: PASSWORD };
        let id = app.services.add_user(input).await.unwrap();
        assert_eq!(app.sign_in("admin@fjordvik.example", PASSWORD).await.status(), 303);
        let res = app.post_form("/account/delete", "/account/delete", &[("confirm", "admin@fjordvik.example")]).await;
        assert_eq!(res.status(), 422);
        assert!(res.text().await.unwrap().contains("Du er den eneste administratoren"));
        assert_eq!(scalar(app, "SELECT COUNT(*) FROM user_role WHERE user_id = $1", id).await, 1);
    }

    async fn drafts_go_when_their_retention_after_the_deadline_has_passed(app) {
        let (done, alone, shared) = karis_work(app).await;
        // The mistake prize (the shared draft's) was extended by thirty days.
        prisverdig_store::on_pool!(app.services.db(), |pool| sqlx::query(
            "UPDATE category SET extended_deadline = $2 WHERE id = (SELECT category_id FROM application WHERE id = $1)"
        )
        .bind(shared)
        .bind(prisverdig_store::utc(DEADLINE + time::Duration::days(30)))
        .execute(pool)
        .await
        .map(|_| ()))
        .unwrap();
        let count = |id| scalar(app, "SELECT COUNT(*) FROM application WHERE id = $1", id);

        app.clock.set(DEADLINE + time::Duration::days(179));
        assert_eq!(app.services.delete_stale_drafts().await.unwrap(), 0, "within 180 days of the deadline");
        app.clock.set(DEADLINE + time::Duration::days(181));
        let kept_for_ever = app.services.clone().with_draft_retention_days(0);
        assert_eq!(kept_for_ever.delete_stale_drafts().await.unwrap(), 0, "0 keeps drafts");
        assert_eq!(app.services.delete_stale_drafts().await.unwrap(), 1);
        assert_eq!(count(alone).await, 0, "past its deadline and retention");
        assert_eq!(count(shared).await, 1, "its category was extended");
        assert_eq!(count(done).await, 1, "submitted work is never touched");
        app.clock.set(DEADLINE + time::Duration::days(211));
        assert_eq!(app.services.delete_stale_drafts().await.unwrap(), 1);
        assert_eq!(count(shared).await, 0);
        assert_eq!(count(done).await, 1);
        assert_eq!(
            scalar(app, "SELECT COUNT(*) FROM audit_log WHERE action = 'application.drafts_expired' AND actor_id IS NULL AND id <> $1", Uuid::nil()).await,
            2
        );
    }
}

on_both_backends! {
    options = crate::harness::Options {
        sessions: Some(prisverdig_domain::session::SessionPolicy {
            idle: time::Duration::hours(1),
            absolute: time::Duration::hours(1),
            recent: time::Duration::seconds(2),
        }),
        ..Default::default()
    };

    async fn only_a_fresh_sign_in_can_delete_the_account(app) {
        let kari = applicant(app, "kari@fjordvik.example", "Kari Nordmann").await;
        assert_eq!(app.sign_in("kari@fjordvik.example", PASSWORD).await.status(), 303);
        let form = app.get("/account/delete").await.text().await.unwrap();
        assert!(form.contains("form method=\"post\" action=\"/account/delete\""), "{form}");
        tokio::time::sleep(std::time::Duration::from_millis(2500)).await;

        let page = app.get("/account/delete").await.text().await.unwrap();
        assert!(page.contains("id=\"sign-in-again\"") && !page.contains("action=\"/account/delete\""), "{page}");
        let csrf = crate::harness::hidden_value(&app.get("/account/security").await.text().await.unwrap(), "_csrf").unwrap();
        let res = app
            .client
            .post(app.url("/account/delete"))
            .form(&[("_csrf", csrf.as_str()), ("confirm", "kari@fjordvik.example")])
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), 403, "a sign-in 2.5 s old is too old here");
        assert_eq!(text(app, "SELECT name FROM users WHERE id = $1", kari).await, "Kari Nordmann");

        assert_eq!(app.sign_in("kari@fjordvik.example", PASSWORD).await.status(), 303);
        let res = app.post_form("/account/delete", "/account/delete", &[("confirm", "kari@fjordvik.example")]).await;
        assert_eq!(res.status(), 200, "signed in again, it goes");
        assert_eq!(text(app, "SELECT name FROM users WHERE id = $1", kari).await, "");
    }
}
