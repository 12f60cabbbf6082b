//! The admin home says what needs attention: an empty category at its deadline, counts of
//! applications and drafts, open tips; only administrators see it.

use crate::fixtures::{DEADLINE, PASSWORD, applicant, open_round};
use crate::harness::TestApp;
use crate::on_both_backends;
use prisverdig_domain::role::Role;
use prisverdig_domain::round::Visibility;
use prisverdig_service::users::AddUser;

async fn signed_in_admin(app: &TestApp) {
    let input = AddUser {
        email: "admin@fjordvik.example",
        name: "Silje Haugen",
        roles: &[Role::Administrator],
        password: PASSWORD,
    };
    app.services.add_user(input).await.unwrap();
    assert_eq!(
        app.sign_in("admin@fjordvik.example", PASSWORD)
            .await
            .status(),
        303
    );
}

on_both_backends! {
    async fn the_admin_home_names_what_needs_attention(app) {
        let round = open_round(app, Visibility::OnSubmit).await;
        applicant(app, "kari@fjordvik.example", "Kari Nordmann").await;
        let kari = crate::harness::TestApp::client_for(app, "kari@fjordvik.example").await;
        let res = kari.get(app.url("/admin")).send().await.unwrap();
        assert_eq!(res.status(), 403, "only administrators");
        let category = round.category(prisverdig_domain::category::CategoryKind::Innovation).to_string();
        let unit = round.unit.to_string();
        let page = kari.get(app.url("/apply")).send().await.unwrap().text().await.unwrap();
        let token = crate::harness::hidden_value(&page, "_csrf").unwrap();
        let started = kari.post(app.url("/apply")).form(&[("category", category.as_str()), ("unit", unit.as_str()), ("_csrf", token.as_str())]).send().await.unwrap();
        assert_eq!(started.status(), 303);

        signed_in_admin(app).await;
        app.clock.set(DEADLINE - time::Duration::days(10));
        let body = app.get("/admin").await.text().await.unwrap();
        assert!(body.contains("Runder som pågår") && body.contains("Beste feil"), "every category of the open round");
        assert!(!body.contains("ingen har søkt ennå"), "ten days before the deadline nothing is flagged");
        app.clock.set(DEADLINE - time::Duration::days(3));
        let body = app.get("/admin").await.text().await.unwrap();
        assert!(body.contains("ingen har søkt ennå"), "a week before, empty categories are flagged");
        app.clock.set(DEADLINE);
        let body = app.get("/admin").await.text().await.unwrap();
        assert!(body.contains("fristen er ute, og ingen søkte"), "at the deadline: extend or leave unawarded");
        assert!(body.contains("<td>0</td>\n        <td>1</td>"), "the innovation prize has one draft and nothing submitted");
    }
}
