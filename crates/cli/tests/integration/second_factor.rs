//! The second factor: administrators and jurors enrol a TOTP authenticator before they are
//! signed in, then type its code after the password; codes are not reused, recovery codes
//! work once, wrong codes count toward the sign-in limit; others may enrol if they want. And
//! local sign-in switched off, with administrators as the break-glass exception.

use crate::harness::{TestApp, element_text, new_client, totp_at};
use crate::on_both_backends;
use prisverdig_domain::role::Role;
use prisverdig_service::users::AddUser;

const PASSWORD: &str = "korrekt hest batteri";
const ADMIN: &str = "admin@fjordvik.example";
const KARI: &str = "kari@fjordvik.example";

async fn add(app: &TestApp, email: &str, role: Role) {
    let input = AddUser {
        email,
        name: email,
        roles: &[role],
        password: PASSWORD,
    };
    app.services.add_user(input).await.unwrap();
}

fn location(res: &reqwest::Response) -> String {
    res.headers()
        .get("location")
        .map(|l| l.to_str().unwrap().to_string())
        .unwrap_or_default()
}

async fn password(app: &TestApp, client: &reqwest::Client, email: &str) -> reqwest::Response {
    app.post_form_on(
        client,
        "/sign-in",
        "/sign-in",
        &[("email", email), ("password", PASSWORD)],
    )
    .await
}

/// Whether the header names `name` as signed in on `client` (added users are named by
/// their e-mail here).
async fn signed_in_as(app: &TestApp, client: &reqwest::Client, name: &str) -> bool {
    let home = client
        .get(app.url("/"))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    home.contains(&format!("class=\"site-nav__user\">{name}<"))
}

fn step_now(app: &TestApp) -> i64 {
    app.services.clock.now().unix_timestamp() / 30
}

/// Enrols `email` (whose password was just accepted on `client`) with the secret its page
/// shows; returns the secret and the recovery codes shown once.
async fn enrol(app: &TestApp, client: &reqwest::Client) -> (String, Vec<String>) {
    let page = client
        .get(app.url("/account/second-factor"))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    let secret = element_text(&page, "totp-secret").expect("the secret is shown as text");
    let code = totp_at(&secret, step_now(app));
    let res = app
        .post_form_on(
            client,
            "/account/second-factor",
            "/account/second-factor",
            &[("code", &code)],
        )
        .await;
    assert_eq!(res.status(), 303);
    assert_eq!(location(&res), "/account/recovery-codes");
    let page = client
        .get(app.url("/account/recovery-codes"))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    let list = &page[page.find("id=\"recovery-codes\"").unwrap()..];
    let list = &list[..list.find("</ul>").unwrap()];
    let codes = list
        .split("<code>")
        .skip(1)
        .map(|c| c.split('<').next().unwrap().to_string())
        .collect();
    (secret, codes)
}

on_both_backends! {
    async fn an_administrator_without_totp_must_enrol_before_reaching_admin(app) {
        add(app, ADMIN, Role::Administrator).await;
        let client = new_client();
        let res = app.post_form_on(&client, "/sign-in?next=%2Fadmin", "/sign-in",
            &[("email", ADMIN), ("password", PASSWORD), ("next", "/admin")]).await;
        assert_eq!(res.status(), 303);
        assert_eq!(location(&res), "/account/second-factor", "the password alone does not sign in");
        let admin = client.get(app.url("/admin")).send().await.unwrap();
        assert_eq!(admin.status(), 303, "not signed in while enrolling");
        assert!(location(&admin).starts_with("/sign-in"));
        assert!(!signed_in_as(app, &client, ADMIN).await);

        let page = client.get(app.url("/account/second-factor")).header("accept-language", "en")
            .send().await.unwrap().text().await.unwrap();
        assert!(page.contains("Set up two-step verification"), "{page}");
        assert!(page.contains("Administrators and jurors must confirm"));
        let secret = element_text(&page, "totp-secret").unwrap();
        assert_eq!(secret.len(), 32, "160 bits in base32: {secret}");
        assert!(page.contains("<svg"), "a QR code");
        assert!(page.contains("href=\"otpauth://totp/") && page.contains(&format!("secret={secret}")));
        assert!(page.contains("autocomplete=\"one-time-code\"") && page.contains("inputmode=\"numeric\""));
        let again = client.get(app.url("/account/second-factor")).send().await.unwrap().text().await.unwrap();
        assert_eq!(element_text(&again, "totp-secret").unwrap(), secret, "the same secret until confirmed");

        let wrong = totp_at(&secret, step_now(app) + 5);
        let res = client.post(app.url("/account/second-factor")).header("accept-language", "en")
            .form(&[("code", wrong.as_str()), ("_csrf", &app.csrf_with(&client, "/account/second-factor").await)])
            .send().await.unwrap();
        assert_eq!(res.status(), 422);
        let body = res.text().await.unwrap();
        assert!(body.contains("id=\"code-error\">The code is wrong or has been used."), "{body}");
        assert!(body.contains("aria-describedby=\"code-hint code-error\""));
        assert_eq!(client.get(app.url("/admin")).send().await.unwrap().status(), 303, "still not in");

        let code = totp_at(&secret, step_now(app));
        let res = app.post_form_on(&client, "/account/second-factor", "/account/second-factor", &[("code", &code)]).await;
        assert_eq!(location(&res), "/account/recovery-codes");
        let page = client.get(app.url("/account/recovery-codes")).send().await.unwrap().text().await.unwrap();
        assert_eq!(page.matches("<li><code>").count(), 10, "ten recovery codes");
        assert!(page.contains("href=\"/admin\""), "then on to where the sign-in was going");
        let reload = client.get(app.url("/account/recovery-codes")).send().await.unwrap();
        assert_eq!(reload.status(), 303, "shown once");
        assert_eq!(client.get(app.url("/admin")).send().await.unwrap().status(), 200, "signed in now");
        let stored: Vec<String> = prisverdig_store::on_pool!(app.services.db(), |pool| {
            sqlx::query_scalar("SELECT code_hash FROM recovery_code").fetch_all(pool).await
        }).unwrap();
        assert_eq!(stored.len(), 10);
        let codes: Vec<&str> = page.split("<li><code>").skip(1).map(|c| c.split('<').next().unwrap()).collect();
        assert!(stored.iter().all(|h| h.len() == 64 && codes.iter().all(|c| !h.contains(c))), "only hashes are kept");
    }

    async fn a_correct_code_signs_in_and_a_wrong_one_does_not(app) {
        add(app, ADMIN, Role::Administrator).await;
        let first = new_client();
        password(app, &first, ADMIN).await;
        let (secret, _) = enrol(app, &first).await;
        app.clock.set(app.services.clock.now() + time::Duration::minutes(1));

        let client = new_client();
        let res = app.post_form_on(&client, "/sign-in?next=%2Fadmin", "/sign-in",
            &[("email", ADMIN), ("password", PASSWORD), ("next", "/admin")]).await;
        assert_eq!(location(&res), "/sign-in/code");
        assert!(!signed_in_as(app, &client, ADMIN).await, "a pending sign-in is no sign-in");
        let page = client.get(app.url("/sign-in/code")).send().await.unwrap().text().await.unwrap();
        assert!(page.contains("Skriv koden fra appen") && page.contains("autocomplete=\"one-time-code\""));

        let wrong = totp_at(&secret, step_now(app) + 3);
        let res = app.post_form_on(&client, "/sign-in/code", "/sign-in/code", &[("code", &wrong)]).await;
        assert_eq!(res.status(), 422);
        let body = res.text().await.unwrap();
        assert!(body.contains("id=\"code-error\">Koden er feil eller allerede brukt."), "{body}");
        assert!(!signed_in_as(app, &client, ADMIN).await, "a wrong code signs nobody in");
        assert_eq!(client.get(app.url("/admin")).send().await.unwrap().status(), 303);

        let right = totp_at(&secret, step_now(app));
        let res = app.post_form_on(&client, "/sign-in/code", "/sign-in/code", &[("code", &right)]).await;
        assert_eq!(res.status(), 303);
        assert_eq!(location(&res), "/admin", "on to where the sign-in was going");
        assert!(signed_in_as(app, &client, ADMIN).await);
        assert_eq!(client.get(app.url("/sign-in/code")).send().await.unwrap().status(), 303, "nothing pending any more");
    }

    async fn a_code_cannot_be_used_twice(app) {
        add(app, ADMIN, Role::Administrator).await;
        let first = new_client();
        password(app, &first, ADMIN).await;
        let (secret, _) = enrol(app, &first).await; // uses the current step
        let now = step_now(app);
        let used = totp_at(&secret, now);
        let client = new_client();
        password(app, &client, ADMIN).await;
        let res = app.post_form_on(&client, "/sign-in/code", "/sign-in/code", &[("code", &used)]).await;
        assert_eq!(res.status(), 422, "the enrolment's code is used up");
        let earlier = totp_at(&secret, now - 1);
        let res = app.post_form_on(&client, "/sign-in/code", "/sign-in/code", &[("code", &earlier)]).await;
        assert_eq!(res.status(), 422, "nor is an older step accepted after a newer one");
        let next = totp_at(&secret, now + 1);
        let res = app.post_form_on(&client, "/sign-in/code", "/sign-in/code", &[("code", &next)]).await;
        assert_eq!(res.status(), 303, "the next step, within the skew, is fine");
        let other = new_client();
        password(app, &other, ADMIN).await;
        let res = app.post_form_on(&other, "/sign-in/code", "/sign-in/code", &[("code", &next)]).await;
        assert_eq!(res.status(), 422, "and used once");
        assert!(!signed_in_as(app, &other, ADMIN).await);
    }

    async fn a_recovery_code_works_once(app) {
        add(app, ADMIN, Role::Administrator).await;
        let first = new_client();
        password(app, &first, ADMIN).await;
        let (_, codes) = enrol(app, &first).await;
        assert_eq!(codes.len(), 10);
        let client = new_client();
        password(app, &client, ADMIN).await;
        let page = client.get(app.url("/sign-in/code?recovery=1")).send().await.unwrap().text().await.unwrap();
        assert!(page.contains("Gjenopprettingskode"), "{page}");
        let typed = codes[3].to_uppercase().replace('-', " ");
        let res = app.post_form_on(&client, "/sign-in/code?recovery=1", "/sign-in/code", &[("code", &typed), ("recovery", "1")]).await;
        assert_eq!(res.status(), 303, "a recovery code, however typed, signs in");
        assert!(signed_in_as(app, &client, ADMIN).await);
        let security = client.get(app.url("/account/security")).send().await.unwrap().text().await.unwrap();
        assert_eq!(element_text(&security, "recovery-codes-left").as_deref(), Some("9"));
        let again = new_client();
        password(app, &again, ADMIN).await;
        let res = app.post_form_on(&again, "/sign-in/code", "/sign-in/code", &[("code", &codes[3])]).await;
        assert_eq!(res.status(), 422, "used once");
        assert!(!signed_in_as(app, &again, ADMIN).await);
    }

    async fn a_user_without_the_role_is_not_asked_but_may_enrol(app) {
        add(app, KARI, Role::Applicant).await;
        let client = new_client();
        let res = password(app, &client, KARI).await;
        assert_eq!(res.status(), 303);
        assert_eq!(location(&res), "/", "signed in with the password alone");
        assert!(signed_in_as(app, &client, KARI).await);
        let security = client.get(app.url("/account/security")).send().await.unwrap().text().await.unwrap();
        assert!(security.contains("Totrinnsbekreftelse er av."), "{security}");
        let (secret, _) = enrol(app, &client).await;
        let security = client.get(app.url("/account/security")).send().await.unwrap().text().await.unwrap();
        assert!(security.contains("Totrinnsbekreftelse er på"), "{security}");
        app.clock.set(app.services.clock.now() + time::Duration::minutes(1));
        let later = new_client();
        let res = password(app, &later, KARI).await;
        assert_eq!(location(&res), "/sign-in/code", "once enrolled, kari is asked too");
        let res = app.post_form_on(&later, "/sign-in/code", "/sign-in/code", &[("code", &totp_at(&secret, step_now(app)))]).await;
        assert_eq!(res.status(), 303);
        assert!(signed_in_as(app, &later, KARI).await);
    }

    async fn new_recovery_codes_replace_the_old_and_break_glass_removes_the_factor(app) {
        add(app, ADMIN, Role::Administrator).await;
        let client = new_client();
        password(app, &client, ADMIN).await;
        let (_, old) = enrol(app, &client).await;
        let res = app.post_form_on(&client, "/account/security", "/account/recovery-codes", &[]).await;
        assert_eq!(location(&res), "/account/recovery-codes");
        let page = client.get(app.url("/account/recovery-codes")).send().await.unwrap().text().await.unwrap();
        let fresh: Vec<String> = page.split("<li><code>").skip(1).map(|c| c.split('<').next().unwrap().to_string()).collect();
        assert_eq!(fresh.len(), 10);
        assert!(fresh.iter().all(|c| !old.contains(c)));
        let again = new_client();
        password(app, &again, ADMIN).await;
        let res = app.post_form_on(&again, "/sign-in/code", "/sign-in/code", &[("code", &old[0])]).await;
        assert_eq!(res.status(), 422, "an old code stopped working");
        let res = app.post_form_on(&again, "/sign-in/code", "/sign-in/code", &[("code", &fresh[0])]).await;
        assert_eq!(res.status(), 303, "a new one works");
        // `prisverdig user reset-second-factor`: the next sign-in enrols again.
        assert!(app.services.remove_second_factor(ADMIN).await.unwrap());
        assert!(!app.services.remove_second_factor("nobody@fjordvik.example").await.unwrap());
        let res = password(app, &new_client(), ADMIN).await;
        assert_eq!(location(&res), "/account/second-factor");
    }

    async fn wrong_codes_count_toward_the_sign_in_limit(app) {
        add(app, ADMIN, Role::Administrator).await;
        let first = new_client();
        password(app, &first, ADMIN).await;
        let (secret, _) = enrol(app, &first).await;
        let client = new_client();
        password(app, &client, ADMIN).await;
        for i in 0..10 {
            let res = app.post_form_on(&client, "/sign-in/code", "/sign-in/code", &[("code", &format!("{:06}", i))]).await;
            assert_eq!(res.status(), 422, "wrong code {}", i + 1);
        }
        let right = totp_at(&secret, step_now(app) + 1);
        let res = app.post_form_on(&client, "/sign-in/code", "/sign-in/code", &[("code", &right)]).await;
        assert_eq!(res.status(), 429, "the eleventh try is refused, even with the right code");
        assert!(!signed_in_as(app, &client, ADMIN).await);
        assert_eq!(password(app, &new_client(), ADMIN).await.status(), 429, "the account itself waits");
    }

    async fn an_invited_administrator_enrols_before_being_signed_in(app) {
        add(app, ADMIN, Role::Administrator).await;
        assert_eq!(app.sign_in(ADMIN, PASSWORD).await.status(), 303);
        let fields = [("name", "Per Admin"), ("email", "per@fjordvik.example"), ("role", "administrator")];
        let res = app.post_form("/admin/users/new", "/admin/users/new", &fields).await;
        assert_eq!(res.status(), 303);
        let user_page = location(&res).trim_end_matches("#new-link").to_string();
        let html = app.get(&user_page).await.text().await.unwrap();
        let start = html.find("/invitation/").expect("the link is shown");
        let link = &html[start..start + "/invitation/".len() + 64];
        let per = new_client();
        let new_password = "et helt nytt passord";
        let token = app.csrf_with(&per, link).await;
        let res = per.post(app.url(link))
            .form(&[("name", "Per Admin"), ("password", new_password), ("password_confirmation", new_password), ("_csrf", &token)])
            .send().await.unwrap();
        assert_eq!(res.status(), 303);
        assert_eq!(location(&res), "/account/second-factor", "the link alone does not sign an administrator in");
        assert!(!signed_in_as(app, &per, "Per Admin").await);
        assert_eq!(per.get(app.url("/admin")).send().await.unwrap().status(), 303);
        enrol(app, &per).await;
        assert_eq!(per.get(app.url("/admin")).send().await.unwrap().status(), 200, "in, once enrolled");
    }
}

on_both_backends! {
    options = crate::harness::Options { local_sign_in: false, ..Default::default() };

    async fn with_local_sign_in_off_only_administrators_sign_in_with_a_password(app) {
        add(app, KARI, Role::Applicant).await;
        add(app, ADMIN, Role::Administrator).await;
        let page = app.client.get(app.url("/sign-in")).header("accept-language", "en").send().await.unwrap();
        assert_eq!(page.status(), 200);
        let page = page.text().await.unwrap();
        assert!(page.contains("Signing in with a password is only for administrators here."), "{page}");
        assert!(!page.contains("action=\"/sign-in\""), "no password form");
        assert!(page.contains("href=\"/sign-in?administrator=1\""));
        let form = app.get("/sign-in?administrator=1").await.text().await.unwrap();
        assert!(form.contains("action=\"/sign-in\""), "the break-glass form");

        let client = new_client();
        let token = app.csrf_with(&client, "/sign-in?administrator=1").await;
        let res = client.post(app.url("/sign-in")).header("accept-language", "en")
            .form(&[("email", KARI), ("password", PASSWORD), ("_csrf", &token)])
            .send().await.unwrap();
        assert_eq!(res.status(), 403, "kari's right password does not sign her in");
        let body = res.text().await.unwrap();
        assert!(body.contains("id=\"email-error\">Signing in with a password is switched off here."), "{body}");
        assert!(!signed_in_as(app, &client, KARI).await);

        let res = app.sign_in(ADMIN, PASSWORD).await;
        assert_eq!(res.status(), 303, "the administrator gets in (with a second factor)");
        assert_eq!(app.get("/admin").await.status(), 200);
    }
}

on_both_backends! {
    async fn a_role_given_while_signed_in_asks_for_the_second_factor_before_admin(app) {
        // Kari signs in with her password alone: an employee needs no second factor.
        add(app, ADMIN, Role::Administrator).await;
        let kari = app.services.add_user(AddUser {
            email: KARI, name: KARI, roles: &[Role::Applicant], password: PASSWORD,
        }).await.unwrap();
        let client = new_client();
        let res = password(app, &client, KARI).await;
        assert_eq!(res.status(), 303);
        assert_eq!(location(&res), "/", "signed in without a code");
        assert!(signed_in_as(app, &client, KARI).await);

        // While she is signed in, an administrator makes her one.
        let admin_id = prisverdig_store::on_pool!(app.services.db(), |pool| {
            sqlx::query_scalar::<_, uuid::Uuid>("SELECT id FROM users WHERE email = $1")
                .bind(ADMIN).fetch_one(pool).await
        }).unwrap();
        let actor = app.services.user(admin_id).await.unwrap().unwrap();
        let account = app.services.account(&actor, kari).await.unwrap();
        app.services.set_user_roles(&actor, kari, account.version,
            &[Role::Applicant, Role::Administrator]).await.unwrap();

        // Her password-only session no longer suffices: it ends, and she signs in again
        // with the second factor before she reaches the administration.
        let res = client.get(app.url("/admin")).send().await.unwrap();
        assert_eq!(res.status(), 303, "the password-only session does not reach /admin");
        assert!(location(&res).starts_with("/sign-in"), "{}", location(&res));
        assert!(!signed_in_as(app, &client, KARI).await, "the weaker sign-in has ended");
        let res = password(app, &client, KARI).await;
        assert_eq!(location(&res), "/account/second-factor", "now she must enrol");
        enrol(app, &client).await;
        assert_eq!(client.get(app.url("/admin")).send().await.unwrap().status(), 200);
    }

    async fn a_session_that_completed_the_second_factor_keeps_it_across_requests(app) {
        add(app, ADMIN, Role::Administrator).await;
        let client = new_client();
        let res = app.sign_in_on(&client, ADMIN, PASSWORD).await;
        assert_eq!(res.status(), 303);
        for _ in 0..3 {
            assert_eq!(client.get(app.url("/admin")).send().await.unwrap().status(), 200);
        }
    }
}
