//! User management in the admin area, invitation links and pending team members (issue 9),
//! on both backends.

use crate::fixtures::{DEADLINE, PASSWORD, applicant, open_round};
use crate::harness::{TestApp, hidden_value, new_client};
use crate::on_both_backends;
use prisverdig_domain::category::CategoryKind;
use prisverdig_domain::role::Role;
use prisverdig_domain::round::Visibility;
use prisverdig_service::users::AddUser;
use uuid::Uuid;

const NEW_PASSWORD: &str = "blå hest i fjøset";

async fn admin(app: &TestApp) -> Uuid {
    let input = AddUser {
        email: "admin@fjordvik.example",
        name: "Anne Admin",
        roles: &[Role::Administrator],
        password: PASSWORD,
    };
    let id = app.services.add_user(input).await.unwrap();
    let res = app.sign_in("admin@fjordvik.example", PASSWORD).await;
    assert_eq!(res.status(), 303);
    id
}

fn location(res: &reqwest::Response) -> String {
    res.headers()["location"].to_str().unwrap().to_string()
}

async fn scalar(app: &TestApp, sql: &'static str, arg: &str) -> i64 {
    prisverdig_store::on_pool!(app.services.db(), |pool| sqlx::query_scalar(sql)
        .bind(arg)
        .fetch_one(pool)
        .await)
    .unwrap()
}

async fn audit_count(app: &TestApp, action: &str) -> i64 {
    scalar(
        app,
        "SELECT COUNT(*) FROM audit_log WHERE action = $1",
        action,
    )
    .await
}

/// The bodies of the e-mails queued for `recipient`, oldest first.
async fn mail_to(app: &TestApp, recipient: &str) -> Vec<String> {
    prisverdig_store::on_pool!(app.services.db(), |pool| sqlx::query_scalar(
        "SELECT body FROM outbox WHERE recipient = $1 ORDER BY created_at, id"
    )
    .bind(recipient)
    .fetch_all(pool)
    .await)
    .unwrap()
}

/// The path `/invitation/<token>` in a text.
fn invitation_path(text: &str) -> String {
    let start = text.find("/invitation/").expect("a link");
    text[start..start + "/invitation/".len() + 64].to_string()
}

/// Adds a user through the form; returns the user's page and the link shown on it.
async fn add_through_form(app: &TestApp, fields: &[(&str, &str)]) -> (String, String) {
    let res = app
        .post_form("/admin/users/new", "/admin/users/new", fields)
        .await;
    assert_eq!(res.status(), 303, "{:?}", res.text().await);
    let page = location(&res).trim_end_matches("#new-link").to_string();
    let html = app.get(&page).await.text().await.unwrap();
    (page, invitation_path(&html))
}

async fn version_on(app: &TestApp, page: &str) -> String {
    let html = app.get(page).await.text().await.unwrap();
    hidden_value(&html, "version").expect("a version")
}

/// Sets name and password through an invitation link in a fresh browser.
async fn accept(
    app: &TestApp,
    client: &reqwest::Client,
    path: &str,
    password: &str,
) -> reqwest::Response {
    let page = client
        .get(app.url(path))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    let token = hidden_value(&page, "_csrf").unwrap_or_default();
    client
        .post(app.url(path))
        .form(&[
            ("name", "Nina Ny"),
            ("password", password),
            ("password_confirmation", password),
            ("_csrf", &token),
        ])
        .send()
        .await
        .unwrap()
}

pub(crate) async fn start_application(app: &TestApp, round: &crate::fixtures::Round) -> Uuid {
    let (category, unit) = (
        round.category(CategoryKind::Innovation).to_string(),
        round.unit.to_string(),
    );
    let res = app
        .post_form(
            "/apply",
            "/apply",
            &[("category", &category), ("unit", &unit)],
        )
        .await;
    assert_eq!(res.status(), 303);
    let location = location(&res);
    Uuid::parse_str(
        location
            .trim_start_matches("/applications/")
            .trim_end_matches("/edit"),
    )
    .unwrap()
}

pub(crate) async fn team_change(
    app: &TestApp,
    id: Uuid,
    action: &str,
    email: &str,
) -> reqwest::Response {
    let edit = format!("/applications/{id}/edit");
    app.post_form(
        &edit,
        &format!("/applications/{id}/{action}"),
        &[("email", email)],
    )
    .await
}

on_both_backends! {
    async fn an_administrator_lists_adds_changes_roles_and_deactivates(app) {
        admin(app).await;
        let kari = applicant(app, "kari@fjordvik.example", "Kari Nordmann").await;
        let home = app.get("/admin").await.text().await.unwrap();
        assert!(home.contains("href=\"/admin/users\""), "the admin home links the users");
        let list = app.get("/admin/users").await.text().await.unwrap();
        assert!(list.contains("kari@fjordvik.example") && list.contains("admin@fjordvik.example"));
        let found = app.get("/admin/users?q=KARI").await.text().await.unwrap();
        assert!(found.contains("kari@fjordvik.example") && !found.contains("admin@fjordvik.example"), "the search filters");

        let bad = app.post_form("/admin/users/new", "/admin/users/new", &[("name", "Per"), ("email", "nope")]).await;
        assert_eq!(bad.status(), 422);
        let bad = bad.text().await.unwrap();
        assert!(bad.contains("id=\"email-error\"") && bad.contains("id=\"role-error\"") && bad.contains("id=\"error-summary\""));
        let (page, link) = add_through_form(app, &[("name", "Per Ny"), ("email", "per@fjordvik.example"), ("role", "juror"), ("role", "editor")]).await;
        let by_admin = "SELECT COUNT(*) FROM audit_log WHERE action = $1 AND actor_id IS NOT NULL";
        assert_eq!(scalar(app, by_admin, "user.add").await, 1, "audited with its actor (the fixtures add users without one)");
        let again = app.get(&page).await.text().await.unwrap();
        assert!(again.contains("Invitert, venter") && !again.contains("/invitation/"), "the link is shown once");
        let mails = mail_to(app, "per@fjordvik.example").await;
        assert_eq!(mails.len(), 1);
        assert!(mails[0].contains(&format!("http://prisverdig.test{link}")) && mails[0].contains("Anne Admin"));
        let duplicate = app.post_form("/admin/users/new", "/admin/users/new", &[("name", "Per"), ("email", "per@fjordvik.example"), ("role", "juror")]).await;
        assert_eq!(duplicate.status(), 422);

        let kari_page = format!("/admin/users/{kari}");
        let stale = version_on(app, &kari_page).await;
        let res = app.post_form(&kari_page, &format!("{kari_page}/roles"), &[("role", "juror"), ("role", "leader"), ("version", &stale)]).await;
        assert_eq!(res.status(), 303);
        let user = app.services.user(kari).await.unwrap().unwrap();
        assert_eq!(user.roles, [Role::Juror, Role::Leader]);
        assert_eq!(audit_count(app, "user.roles").await, 1);
        let late = app.post_form(&kari_page, &format!("{kari_page}/roles"), &[("role", "editor"), ("version", &stale)]).await;
        assert_eq!(late.status(), 409, "a second admin working from the old version is refused");
        assert_eq!(app.services.user(kari).await.unwrap().unwrap().roles, [Role::Juror, Role::Leader]);
        let none = app.post_form(&kari_page, &format!("{kari_page}/roles"), &[("version", &version_on(app, &kari_page).await)]).await;
        assert_eq!(none.status(), 422, "at least one role");

        let browser = TestApp::client_for(app, "kari@fjordvik.example").await;
        assert_eq!(browser.get(app.url("/my-applications")).send().await.unwrap().status(), 200);
        let v = version_on(app, &kari_page).await;
        let res = app.post_form(&kari_page, &format!("{kari_page}/active"), &[("active", "0"), ("version", &v)]).await;
        assert_eq!(res.status(), 303);
        assert_eq!(browser.get(app.url("/my-applications")).send().await.unwrap().status(), 303, "refused at once");
        let other = new_client();
        let token = hidden_value(&other.get(app.url("/sign-in")).send().await.unwrap().text().await.unwrap(), "_csrf").unwrap();
        let sign_in = other.post(app.url("/sign-in")).form(&[("email", "kari@fjordvik.example"), ("password", PASSWORD), ("_csrf", &token)]).send().await.unwrap();
        assert_ne!(sign_in.status(), 303, "a deactivated user cannot sign in");
        assert!(app.get("/admin/users?q=kari").await.text().await.unwrap().contains("Deaktivert"));
        let v = version_on(app, &kari_page).await;
        let res = app.post_form(&kari_page, &format!("{kari_page}/active"), &[("active", "1"), ("version", &v)]).await;
        assert_eq!(res.status(), 303);
        TestApp::client_for(app, "kari@fjordvik.example").await;
        assert_eq!(audit_count(app, "user.deactivate").await, 1);
        assert_eq!(audit_count(app, "user.reactivate").await, 1);
    }

    async fn everyone_but_administrators_is_kept_out(app) {
        let kari = applicant(app, "kari@fjordvik.example", "Kari Nordmann").await;
        let anonymous = app.get("/admin/users").await;
        assert_eq!(anonymous.status(), 303);
        assert!(location(&anonymous).starts_with("/sign-in?next="));
        assert_eq!(app.sign_in("kari@fjordvik.example", PASSWORD).await.status(), 303);
        for path in ["/admin/users".to_string(), "/admin/users/new".into(), format!("/admin/users/{kari}")] {
            assert_eq!(app.get(&path).await.status(), 403, "GET {path}");
        }
        for action in ["/admin/users/new".to_string(), format!("/admin/users/{kari}/roles"), format!("/admin/users/{kari}/active"), format!("/admin/users/{kari}/invitation")] {
            let res = app.post_form("/sign-in", &action, &[("name", "X"), ("email", "x@fjordvik.example"), ("role", "administrator"), ("active", "0"), ("version", "1")]).await;
            assert_eq!(res.status(), 403, "POST {action}");
        }
        assert_eq!(app.services.user(kari).await.unwrap().unwrap().roles, [Role::Applicant], "nothing changed");
        assert_eq!(scalar(app, "SELECT COUNT(*) FROM users WHERE email = $1", "x@fjordvik.example").await, 0);
        let control = app.post_form("/sign-in", "/sign-out", &[]).await;
        assert_eq!(control.status(), 303, "the same CSRF token passes elsewhere: the 403s came from the role check");
    }

    async fn an_administrator_cannot_lock_themself_out(app) {
        let me = admin(app).await;
        let page = format!("/admin/users/{me}");
        let v = version_on(app, &page).await;
        let res = app.post_form(&page, &format!("{page}/active"), &[("active", "0"), ("version", &v)]).await;
        assert_eq!(res.status(), 422);
        let body = res.text().await.unwrap();
        assert!(body.contains("Du kan ikke deaktivere din egen konto.") && body.contains("aria-describedby=\"active-error\""));
        let res = app.post_form(&page, &format!("{page}/roles"), &[("role", "juror"), ("version", &v)]).await;
        assert_eq!(res.status(), 422);
        let body = res.text().await.unwrap();
        assert!(body.contains("id=\"role-error\"") && body.contains("Du kan ikke fjerne din egen administratorrolle."));
        let user = app.services.user(me).await.unwrap().unwrap();
        assert_eq!(user.roles, [Role::Administrator], "still an administrator, still active");
        let res = app.post_form(&page, &format!("{page}/roles"), &[("role", "administrator"), ("role", "editor"), ("version", &v)]).await;
        assert_eq!(res.status(), 303, "adding roles to oneself is fine");
    }

    async fn an_invited_teammate_without_an_account_gets_in_through_the_link(app) {
        let round = open_round(app, Visibility::OnSubmit).await;
        applicant(app, "kari@fjordvik.example", "Kari Nordmann").await;
        assert_eq!(app.sign_in("kari@fjordvik.example", PASSWORD).await.status(), 303);
        let id = start_application(app, &round).await;
        assert_eq!(team_change(app, id, "team", "Nina@Fjordvik.example").await.status(), 303);
        let edit = format!("/applications/{id}/edit");
        assert!(app.get(&edit).await.text().await.unwrap().contains("invitert, venter"));
        let mails = mail_to(app, "nina@fjordvik.example").await;
        assert_eq!(mails.len(), 1, "the invitation is queued");
        let link = invitation_path(&mails[0]);

        let nina = new_client();
        let form = nina.get(app.url(&link)).send().await.unwrap();
        assert_eq!(form.status(), 200);
        assert!(form.text().await.unwrap().contains("nina@fjordvik.example"));
        let page = nina.get(app.url(&link)).send().await.unwrap().text().await.unwrap();
        let csrf = hidden_value(&page, "_csrf").unwrap();
        let mismatch = nina.post(app.url(&link)).form(&[("name", "Nina"), ("password", NEW_PASSWORD), ("password_confirmation", "noe annet helt"), ("_csrf", &csrf)]).send().await.unwrap();
        assert_eq!(mismatch.status(), 422);
        assert!(mismatch.text().await.unwrap().contains("id=\"password_confirmation-error\""));
        let short = nina.post(app.url(&link)).form(&[("name", ""), ("password", "kort"), ("password_confirmation", "kort"), ("_csrf", &csrf)]).send().await.unwrap();
        assert_eq!(short.status(), 422);
        let short = short.text().await.unwrap();
        assert!(short.contains("id=\"password-error\"") && short.contains("id=\"name-error\""));

        let done = accept(app, &nina, &link, NEW_PASSWORD).await;
        assert_eq!(done.status(), 303);
        assert_eq!(location(&done), "/");
        assert!(nina.get(app.url("/my-applications")).send().await.unwrap().text().await.unwrap().contains(&id.to_string()), "«Mine søknader» lists it");
        assert_eq!(nina.get(app.url(&edit)).send().await.unwrap().status(), 200, "and she may edit it");
        let team = app.get(&edit).await.text().await.unwrap();
        assert!(team.contains("Nina Ny (nina@fjordvik.example)") && !team.contains("invitert, venter"));
        assert_eq!(audit_count(app, "user.invitation.accept").await, 1);

        let reused = new_client();
        assert_eq!(reused.get(app.url(&link)).send().await.unwrap().status(), 410, "a used link is gone");
        let res = accept(app, &reused, &link, "et helt annet passord").await;
        assert_eq!(res.status(), 410);
        TestApp::client_for_password(app, "nina@fjordvik.example", NEW_PASSWORD).await;
    }

    async fn expired_unknown_and_replaced_links_are_refused(app) {
        admin(app).await;
        let (page, link) = add_through_form(app, &[("name", "Ola"), ("email", "ola@fjordvik.example"), ("role", "applicant")]).await;
        let unknown = format!("/invitation/{}", "ab".repeat(32));
        let res = new_client().get(app.url(&unknown)).send().await.unwrap();
        assert_eq!(res.status(), 404);
        assert!(res.text().await.unwrap().contains("Ukjent invitasjonslenke"));
        let made = app.services.clock.now();
        app.clock.set(made + time::Duration::days(14));
        let expired = new_client();
        let res = expired.get(app.url(&link)).send().await.unwrap();
        assert_eq!(res.status(), 410);
        assert!(res.text().await.unwrap().contains("Lenken virker ikke lenger"));
        assert_eq!(accept(app, &expired, &link, NEW_PASSWORD).await.status(), 410, "nothing changed");
        let id = Uuid::parse_str(page.trim_start_matches("/admin/users/")).unwrap();
        let admin_user = crate::fixtures::user_row(app, "admin@fjordvik.example").await;
        assert!(app.services.account(&admin_user, id).await.unwrap().pending, "still without a password");

        let renew = app.post_form(&page, &format!("{page}/invitation"), &[]).await;
        assert_eq!(renew.status(), 303);
        let fresh = invitation_path(&app.get(&page).await.text().await.unwrap());
        assert_ne!(fresh, link);
        assert_eq!(mail_to(app, "ola@fjordvik.example").await.len(), 2);
        let ola = new_client();
        assert_eq!(accept(app, &ola, &fresh, NEW_PASSWORD).await.status(), 303);
        assert_eq!(ola.get(app.url("/my-applications")).send().await.unwrap().status(), 200, "signed in");
        let again = app.post_form(&page, &format!("{page}/invitation"), &[]).await;
        assert_eq!(again.status(), 422, "no link for someone who got in");
    }

    async fn team_changes_stop_at_the_deadline_and_at_withdrawal(app) {
        let round = open_round(app, Visibility::OnSubmit).await;
        applicant(app, "kari@fjordvik.example", "Kari Nordmann").await;
        applicant(app, "ola@fjordvik.example", "Ola Nordmann").await;
        assert_eq!(app.sign_in("kari@fjordvik.example", PASSWORD).await.status(), 303);
        let id = start_application(app, &round).await;
        assert_eq!(team_change(app, id, "team", "ola@fjordvik.example").await.status(), 303);
        app.clock.set(DEADLINE);
        let res = team_change(app, id, "team", "per@fjordvik.example").await;
        assert_eq!(res.status(), 422);
        assert!(res.text().await.unwrap().contains("Søknadsfristen er ute."));
        let res = team_change(app, id, "team/remove", "ola@fjordvik.example").await;
        assert_eq!(res.status(), 422, "no removing after the deadline either");
        let kari = crate::fixtures::user_row(app, "kari@fjordvik.example").await;
        let team: Vec<_> = app.services.editable(&kari, id).await.unwrap().team.into_iter().map(|m| m.email).collect();
        assert_eq!(team, ["ola@fjordvik.example"]);
        assert_eq!(scalar(app, "SELECT COUNT(*) FROM users WHERE email = $1", "per@fjordvik.example").await, 0, "no account made");

        app.clock.set(DEADLINE - time::Duration::days(1));
        let other = start_application(app, &round).await;
        assert_eq!(team_change(app, other, "team", "ola@fjordvik.example").await.status(), 303);
        let edit = format!("/applications/{other}/edit");
        let v = hidden_value(&app.get(&edit).await.text().await.unwrap(), "version").unwrap();
        assert_eq!(app.post_form(&edit, &format!("/applications/{other}/withdraw"), &[("version", &v)]).await.status(), 303);
        let res = team_change(app, other, "team", "per@fjordvik.example").await;
        assert_eq!(res.status(), 422);
        assert!(res.text().await.unwrap().contains("Søknaden er trukket"));
        assert_eq!(team_change(app, other, "team/remove", "ola@fjordvik.example").await.status(), 422);
        assert_eq!(audit_count(app, "team.remove").await, 0);
    }

    async fn an_administrator_puts_a_person_in_a_unit_of_the_chart(app) {
        let actor = app.services.user(admin(app).await).await.unwrap().unwrap();
        let unit = app.services.create_unit(&actor, "Skoleetaten", "sector", None).await.unwrap();
        let kari = applicant(app, "kari@fjordvik.example", "Kari Nordmann").await;
        let page = format!("/admin/users/{kari}");
        let html = app.get(&page).await.text().await.unwrap();
        assert!(html.contains(&format!("<option value=\"{unit}\">Skoleetaten</option>")), "{html}");
        let version = version_on(app, &page).await;
        let action = format!("/admin/users/{kari}/unit");

        let bad = app.post_form(&page, &action, &[("unit", "not-a-unit"), ("version", &version)]).await;
        assert_eq!(bad.status(), 422);
        assert!(bad.text().await.unwrap().contains("id=\"unit-error\""));

        let res = app.post_form(&page, &action, &[("unit", &unit.to_string()), ("version", &version)]).await;
        assert_eq!(res.status(), 303);
        assert_eq!(app.services.user(kari).await.unwrap().unwrap().unit_id, Some(unit));
        let html = app.get(&page).await.text().await.unwrap();
        assert!(html.contains(&format!("<option value=\"{unit}\" selected>")), "shown as chosen");

        let stale = app.post_form(&page, &action, &[("unit", ""), ("version", &version)]).await;
        assert_eq!(stale.status(), 409, "a second administrator's stale form is refused");
        assert_eq!(app.services.user(kari).await.unwrap().unwrap().unit_id, Some(unit), "the first save kept");
        assert_eq!(audit_count(app, "user.unit").await, 1);
    }
}
