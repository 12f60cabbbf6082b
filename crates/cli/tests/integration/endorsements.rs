//! «Forankret i linjen»: a unit leader stands behind a public application of their part of
//! the organisation, and everyone sees it on the application's page.

use crate::catalogue::{setup, submitted};
use crate::fixtures::{PASSWORD, open_round};
use crate::harness::TestApp;
use crate::on_both_backends;
use prisverdig_domain::category::CategoryKind;
use prisverdig_domain::role::Role;
use prisverdig_domain::round::Visibility;
use prisverdig_service::users::AddUser;
use uuid::Uuid;

/// A leader placed in `unit`, signed in on a client of their own.
async fn leader(app: &TestApp, email: &str, unit: Uuid) -> reqwest::Client {
    let input = AddUser {
        email,
        name: "Lise Leder",
        roles: &[Role::Applicant, Role::Leader],
        password: PASSWORD,
    };
    let id = app.services.add_user(input).await.unwrap();
    let sql = "UPDATE users SET unit_id = $1 WHERE id = $2";
    match app.services.db() {
        prisverdig_store::Db::Sqlite(p) => {
            sqlx::query(sql)
                .bind(unit)
                .bind(id)
                .execute(p)
                .await
                .unwrap();
        }
        prisverdig_store::Db::Postgres(p) => {
            sqlx::query(sql)
                .bind(unit)
                .bind(id)
                .execute(p)
                .await
                .unwrap();
        }
    }
    TestApp::client_for(app, email).await
}

async fn post(
    app: &TestApp,
    client: &reqwest::Client,
    id: Uuid,
    path: &str,
    note: &str,
) -> reqwest::Response {
    let page = format!("/applications/{id}");
    let token = app.csrf_with(client, "/").await;
    client
        .post(app.url(&format!("{page}/{path}")))
        .form(&[("note", note), ("_csrf", token.as_str())])
        .send()
        .await
        .unwrap()
}

async fn page(client: &reqwest::Client, app: &TestApp, id: Uuid) -> String {
    client
        .get(app.url(&format!("/applications/{id}")))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap()
}

on_both_backends! {
    async fn a_leader_backs_an_application_of_their_sector_and_everyone_sees_it(app) {
        let round = setup(app).await;
        let id = submitted(app, &round, CategoryKind::Innovation, "Smart renhold", None).await;
        let lise = leader(app, "lise@fjordvik.example", round.sector).await;
        let before = page(&lise, app, id).await;
        assert!(before.contains("Ingen leder har stilt seg bak denne ennå."));
        assert!(before.contains("Jeg står bak denne som leder"), "the leader is offered the button");
        let res = post(app, &lise, id, "endorse", "Dette har vi bruk for i hele sektoren.").await;
        assert_eq!(res.status(), 303);
        let anyone = crate::harness::new_client();
        let shown = page(&anyone, app, id).await;
        assert!(shown.contains("Forankret i linjen"));
        assert!(shown.contains("<strong>Lise Leder</strong>, Eiendom: Dette har vi bruk for i hele sektoren."), "{shown}");
        assert!(!shown.contains("Jeg står bak denne som leder"), "no button for the signed-out");

        // The note is limited on the server, at its field; the stored note stays.
        let res = post(app, &lise, id, "endorse", &"x".repeat(501)).await;
        assert_eq!(res.status(), 422);
        let body = res.text().await.unwrap();
        assert!(body.contains("id=\"endorsement_note-error\""), "{body}");
        assert!(page(&anyone, app, id).await.contains("Dette har vi bruk for i hele sektoren."));

        assert_eq!(post(app, &lise, id, "endorse/remove", "").await.status(), 303);
        assert!(page(&anyone, app, id).await.contains("Ingen leder har stilt seg bak denne ennå."));
        assert_eq!(crate::admin::audit_count(app, "application.endorse").await, 1);
        assert_eq!(crate::admin::audit_count(app, "application.endorse.withdraw").await, 1);
    }

    async fn only_leaders_of_the_applications_own_units_may_back_it(app) {
        let round = setup(app).await;
        let id = submitted(app, &round, CategoryKind::Innovation, "Smart renhold", None).await;
        // Kari is an employee of the unit, not its leader.
        let kari = TestApp::client_for(app, "kari@fjordvik.example").await;
        assert!(!page(&kari, app, id).await.contains("Jeg står bak denne som leder"));
        assert_eq!(post(app, &kari, id, "endorse", "").await.status(), 403);
        // A leader elsewhere in the organisation.
        let other_unit = {
            let mut tx = app.services.db().begin().await.unwrap();
            let org: Uuid = match app.services.db() {
                prisverdig_store::Db::Sqlite(p) => sqlx::query_scalar("SELECT id FROM organisation").fetch_one(p).await.unwrap(),
                prisverdig_store::Db::Postgres(p) => sqlx::query_scalar("SELECT id FROM organisation").fetch_one(p).await.unwrap(),
            };
            let unit = prisverdig_store::organisation::insert_unit(&mut tx, prisverdig_store::organisation::NewUnit {
                organisation_id: org, parent_id: None, name: "Helse", kind: "sector", position: 1,
            }).await.unwrap();
            tx.commit().await.unwrap();
            unit
        };
        let elsewhere = leader(app, "helse@fjordvik.example", other_unit).await;
        assert_eq!(post(app, &elsewhere, id, "endorse", "").await.status(), 403);
        assert!(app.services.endorsements(id).await.unwrap().is_empty());
    }

    async fn what_is_not_public_cannot_be_backed(app) {
        let round = open_round(app, Visibility::AfterDeadline).await;
        crate::fixtures::applicant(app, "kari@fjordvik.example", "Kari Nordmann").await;
        let id = submitted(app, &round, CategoryKind::Innovation, "Skjult ennå", None).await;
        let lise = leader(app, "lise@fjordvik.example", round.unit).await;
        assert_eq!(post(app, &lise, id, "endorse", "").await.status(), 404);
    }
}
