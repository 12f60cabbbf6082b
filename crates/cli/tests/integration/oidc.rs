//! Single sign-on against a real OpenID Connect provider on loopback: oauth2-mock-server 8
//! on Node (`scripts/oidc-test-provider/`, installed by its `install.sh`, which `.ci/run`
//! calls). Each test starts its providers as processes of their own, then the product with
//! them configured, and drives the whole flow over HTTP as a browser would: the sign-in
//! page's button, the provider's authorize endpoint, the callback. The provider spoils the
//! ID token as each test asks (`OIDC_SCENARIO`); every refusal shows its translated page and
//! creates no account. Without Node or the installed package the tests say they are skipped,
//! except where `PRISVERDIG_REQUIRE_OIDC` is set (CI): there they fail.

use crate::admin::{audit_count, count, location};
use crate::fixtures::open_round;
use crate::harness::{Backend, Options, TestApp, hidden_value};
use prisverdig_domain::round::Visibility;
use prisverdig_service::Clock;
use prisverdig_service::sso::{ClaimNames, Provider, Secret};
use reqwest::cookie::{CookieStore, Jar};
use serde_json::{Value, json};
use std::path::PathBuf;
use std::sync::Arc;
use tokio::io::{AsyncBufReadExt, BufReader};

/// CI sets this: there, a test that cannot start the provider fails instead of skipping.
const REQUIRE_OIDC_ENV: &str = "PRISVERDIG_REQUIRE_OIDC";

/// A provider for a test: its name in the product, how it spoils the ID token, the claims it
/// puts in, and whether the product trusts its e-mail addresses.
struct Spec {
    name: &'static str,
    scenario: &'static str,
    claims: Value,
    trust_email: bool,
    /// Configured, but nothing listens at its issuer.
    down: bool,
}

fn idp(name: &'static str, scenario: &'static str, claims: Value) -> Spec {
    Spec {
        name,
        scenario,
        claims,
        trust_email: false,
        down: false,
    }
}

fn kari() -> Value {
    json!({ "sub": "kari-1", "name": "Kari Nordmann", "email": "kari@fjordvik.example" })
}

struct Idp {
    issuer: String,
    /// Killed when the test ends (its stdin closes too, which stops it on its own).
    _process: Option<tokio::process::Child>,
}

fn provider_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../scripts/oidc-test-provider")
}

/// Why the provider cannot run here, if it cannot.
fn missing() -> Option<String> {
    let dir = provider_dir();
    if !dir
        .join("node_modules/oauth2-mock-server/package.json")
        .exists()
    {
        return Some(format!(
            "{} is not installed (run its install.sh)",
            dir.display()
        ));
    }
    match std::process::Command::new("node").arg("--version").output() {
        Ok(out) if out.status.success() => None,
        _ => Some("node is not on PATH".into()),
    }
}

/// Skips (printing why) where the provider cannot run, unless [`REQUIRE_OIDC_ENV`] is set.
fn provider_available() -> bool {
    let Some(reason) = missing() else {
        return true;
    };
    assert!(
        std::env::var(REQUIRE_OIDC_ENV).map_or(true, |v| v.is_empty()),
        "{REQUIRE_OIDC_ENV} is set but the OpenID Connect test provider cannot run: {reason}"
    );
    eprintln!("skipped: {reason}");
    false
}

async fn start_idp(spec: &Spec) -> Idp {
    if spec.down {
        // A port nothing listens on: bound, then released.
        let port = std::net::TcpListener::bind("127.0.0.1:0")
            .unwrap()
            .local_addr()
            .unwrap()
            .port();
        return Idp {
            issuer: format!("http://127.0.0.1:{port}"),
            _process: None,
        };
    }
    let mut child = tokio::process::Command::new("node")
        .arg(provider_dir().join("provider.mjs"))
        .env("OIDC_SCENARIO", spec.scenario)
        .env("OIDC_CLAIMS", spec.claims.to_string())
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .kill_on_drop(true)
        .spawn()
        .expect("node starts");
    let stdout = child.stdout.take().unwrap();
    let mut lines = BufReader::new(stdout).lines();
    let first = tokio::time::timeout(std::time::Duration::from_secs(30), lines.next_line())
        .await
        .expect("the provider starts within 30 s")
        .unwrap()
        .expect("the provider prints its issuer");
    let issuer = first
        .strip_prefix("ISSUER ")
        .expect("ISSUER line")
        .to_string();
    Idp {
        issuer,
        _process: Some(child),
    }
}

fn configured(spec: &Spec, issuer: &str) -> Provider {
    Provider {
        name: spec.name.to_string(),
        label: format!("Test-{}", spec.name),
        issuer: issuer.to_string(),
        client_id: "prisverdig-test".into(),
        client_secret: Secret("hemmelig".into()),
        scopes: vec!["email".into(), "profile".into()],
        claims: ClaimNames {
            name: "name".into(),
            email: "email".into(),
            unit: Some("unit".into()),
        },
        trust_email: spec.trust_email,
    }
}

/// The product with its providers running.
pub struct Oidc {
    app: TestApp,
    idps: Vec<(&'static str, Idp)>,
}

impl Oidc {
    async fn start(backend: Backend, specs: Vec<Spec>) -> Oidc {
        let mut idps = Vec::new();
        let mut sso = Vec::new();
        for spec in &specs {
            let idp = start_idp(spec).await;
            sso.push(configured(spec, &idp.issuer));
            idps.push((spec.name, idp));
        }
        let options = Options {
            sso,
            ..Options::default()
        };
        let app = TestApp::start_with(backend, options).await;
        // The provider stamps its tokens with the real time; the product checks them at
        // its clock's `now`.
        app.clock.set(prisverdig_service::SystemClock.now());
        Oidc { app, idps }
    }

    fn issuer(&self, name: &str) -> &str {
        &self.idps.iter().find(|(n, _)| *n == name).unwrap().1.issuer
    }

    async fn finish(self) {
        self.app.finish().await;
    }
}

/// A browser whose cookies the test can read.
fn browser() -> (reqwest::Client, Arc<Jar>) {
    let jar = Arc::new(Jar::default());
    let client = reqwest::Client::builder()
        .cookie_provider(jar.clone())
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .unwrap();
    (client, jar)
}

fn session_cookie(t: &Oidc, jar: &Jar) -> Option<String> {
    let url = t.app.url("/").parse().unwrap();
    let header = jar.cookies(&url)?;
    header
        .to_str()
        .unwrap()
        .split("; ")
        .find(|c| c.starts_with("prisverdig_session="))
        .map(str::to_string)
}

/// Presses the provider's button on the sign-in page and lets the provider answer: the URL
/// the provider sends the browser back to.
async fn start_flow(t: &Oidc, client: &reqwest::Client, name: &str, next: &str) -> String {
    let page = client
        .get(t.app.url(&format!("/sign-in?next={next}")))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    let action = format!("action=\"/sign-in/sso/{name}\"");
    assert!(page.contains(&action), "the sign-in page has the button");
    let csrf = hidden_value(&page, "_csrf").unwrap();
    let res = client
        .post(t.app.url(&format!("/sign-in/sso/{name}")))
        .form(&[("_csrf", csrf.as_str()), ("next", next)])
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 303, "to the provider");
    let authorize = location(&res);
    assert!(authorize.starts_with(t.issuer(name)), "{authorize}");
    for part in [
        "code_challenge=",
        "code_challenge_method=S256",
        "nonce=",
        "state=",
        "scope=openid",
    ] {
        assert!(authorize.contains(part), "{part} in {authorize}");
    }
    let back = client.get(&authorize).send().await.unwrap();
    assert_eq!(back.status(), 302, "the provider sends the browser back");
    let callback = location(&back);
    let ours = t.app.url(&format!("/sign-in/sso/{name}/callback?"));
    assert!(callback.starts_with(&ours), "{callback}");
    callback
}

async fn sign_in_through(t: &Oidc, client: &reqwest::Client, name: &str) -> reqwest::Response {
    let callback = start_flow(t, client, name, "/my-applications").await;
    client.get(&callback).send().await.unwrap()
}

async fn users(t: &Oidc) -> i64 {
    count(&t.app, "SELECT COUNT(*) FROM users").await
}

async fn identities(t: &Oidc) -> i64 {
    count(&t.app, "SELECT COUNT(*) FROM external_identity").await
}

async fn signed_in(t: &Oidc, client: &reqwest::Client) -> bool {
    let res = client
        .get(t.app.url("/my-applications"))
        .send()
        .await
        .unwrap();
    res.status() == 200
}

/// A refusal: its status, its own page in Bokmål (the default), and nothing signed in.
async fn assert_refused(
    t: &Oidc,
    client: &reqwest::Client,
    res: reqwest::Response,
    status: u16,
    nb: &str,
) {
    assert_eq!(res.status(), status);
    let page = res.text().await.unwrap();
    assert!(page.contains(nb), "the page says «{nb}»: {page}");
    assert!(!signed_in(t, client).await, "not signed in");
}

macro_rules! oidc_tests {
    ($(async fn $name:ident($t:ident) [$($spec:expr),*] $body:block)*) => {
        $(
            mod $name {
                #[allow(unused_imports)]
                use super::*;

                async fn run($t: &Oidc) $body

                async fn on(backend: Backend) {
                    let specs: Vec<Spec> = vec![$($spec),*];
                    if specs.iter().any(|s| !s.down) && !provider_available() {
                        return;
                    }
                    let t = Arc::new(Oidc::start(backend, specs).await);
                    let shared = t.clone();
                    let outcome = tokio::spawn(async move { run(&shared).await }).await;
                    if let Ok(t) = Arc::try_unwrap(t) {
                        t.finish().await;
                    }
                    if let Err(e) = outcome {
                        std::panic::resume_unwind(e.into_panic());
                    }
                }

                #[tokio::test]
                async fn sqlite() {
                    on(Backend::Sqlite).await;
                }

                #[tokio::test]
                async fn postgres() {
                    if crate::harness::postgres_url().is_none() {
                        crate::harness::skip_postgres();
                        return;
                    }
                    on(Backend::Postgres).await;
                }
            }
        )*
    };
}

oidc_tests! {
    async fn a_first_sign_in_creates_the_user_and_the_next_finds_them(t) [idp("fjordvik", "normal", json!({
        "sub": "kari-1", "name": "Kari Nordmann", "email": "Kari@Fjordvik.example", "unit": "renhold"
    }))] {
        let round = open_round(&t.app, Visibility::OnSubmit).await;
        let (client, jar) = browser();
        let page = client.get(t.app.url("/sign-in")).send().await.unwrap().text().await.unwrap();
        assert!(page.contains("Logg inn med Test-fjordvik"), "the button above the local form");
        assert!(page.find("/sign-in/sso/fjordvik").unwrap() < page.find("action=\"/sign-in\"").unwrap());

        let callback = start_flow(t, &client, "fjordvik", "/my-applications").await;
        let before = session_cookie(t, &jar).expect("the flow is kept in a session");
        let res = client.get(&callback).send().await.unwrap();
        assert_eq!(res.status(), 303);
        assert_eq!(location(&res), "/my-applications", "back to where the visitor was going");
        assert_ne!(session_cookie(t, &jar).unwrap(), before, "a fresh session id at sign-in");
        let home = client.get(t.app.url("/")).send().await.unwrap().text().await.unwrap();
        assert!(home.contains("Kari Nordmann"), "signed in, the name shown");
        assert_eq!((users(t).await, identities(t).await), (1, 1));
        let user = crate::fixtures::user_row(&t.app, "kari@fjordvik.example").await;
        assert_eq!(user.unit_id, Some(round.unit), "the unit claim named the unit");
        assert_eq!(audit_count(&t.app, "user.sso_create").await, 1);

        let (again, _) = browser();
        let res = sign_in_through(t, &again, "fjordvik").await;
        assert_eq!(res.status(), 303);
        assert!(signed_in(t, &again).await);
        assert_eq!((users(t).await, identities(t).await), (1, 1), "the same account again");
        assert_eq!(audit_count(&t.app, "user.sso_create").await, 1);
    }

    async fn a_wrong_state_is_refused_in_every_language(t) [idp("fjordvik", "normal", kari())] {
        for (lang, text) in [
            ("nb", "Innloggingen ble avvist"),
            ("nn", "Innlogginga vart avvist"),
            ("en", "The sign-in was refused"),
        ] {
            let (client, _) = browser();
            let callback = start_flow(t, &client, "fjordvik", "/").await;
            let state = callback.split("state=").nth(1).unwrap().split('&').next().unwrap();
            let forged = callback.replace(&format!("state={state}"), "state=forged");
            let res = client.get(&forged).header("accept-language", lang).send().await.unwrap();
            assert_refused(t, &client, res, 400, text).await;
        }
        assert_eq!((users(t).await, identities(t).await), (0, 0), "no account made");
    }

    async fn a_replayed_code_or_callback_is_refused(t) [idp("fjordvik", "normal", kari())] {
        let (client, _) = browser();
        let callback = start_flow(t, &client, "fjordvik", "/").await;
        let first = client.get(&callback).send().await.unwrap();
        assert_eq!(first.status(), 303);
        let kari = users(t).await;
        client.post(t.app.url("/sign-out")).form(&[("_csrf", t.app.csrf_with(&client, "/").await.as_str())]).send().await.unwrap();
        assert!(!signed_in(t, &client).await);

        // The same callback again: its flow was used up.
        let again = client.get(&callback).send().await.unwrap();
        assert_refused(t, &client, again, 400, "Innloggingen er utløpt").await;
        // The old code with a new flow's state: the provider refuses the used code.
        let (other, _) = browser();
        let fresh = start_flow(t, &other, "fjordvik", "/").await;
        let code = |url: &str| url.split("code=").nth(1).unwrap().split('&').next().unwrap().to_string();
        let replayed = fresh.replace(&code(&fresh), &code(&callback));
        let res = other.get(&replayed).send().await.unwrap();
        assert_refused(t, &other, res, 400, "Innloggingen ble avvist").await;
        assert_eq!((users(t).await, identities(t).await), (kari, 1));
    }

    async fn a_wrong_nonce_is_refused(t) [idp("fjordvik", "wrong_nonce", kari())] {
        let (client, _) = browser();
        let res = sign_in_through(t, &client, "fjordvik").await;
        assert_refused(t, &client, res, 400, "Innloggingen ble avvist").await;
        assert_eq!((users(t).await, identities(t).await), (0, 0));
    }

    async fn an_expired_id_token_is_refused(t) [idp("fjordvik", "expired", kari())] {
        let (client, _) = browser();
        let res = sign_in_through(t, &client, "fjordvik").await;
        assert_refused(t, &client, res, 400, "Innloggingen ble avvist").await;
        assert_eq!((users(t).await, identities(t).await), (0, 0));
    }

    async fn a_badly_signed_id_token_is_refused(t) [idp("fjordvik", "bad_signature", kari())] {
        let (client, _) = browser();
        let res = sign_in_through(t, &client, "fjordvik").await;
        assert_refused(t, &client, res, 400, "Innloggingen ble avvist").await;
        assert_eq!((users(t).await, identities(t).await), (0, 0));
    }

    async fn an_id_token_from_another_issuer_is_refused(t) [idp("fjordvik", "wrong_issuer", kari())] {
        let (client, _) = browser();
        let res = sign_in_through(t, &client, "fjordvik").await;
        assert_refused(t, &client, res, 400, "Innloggingen ble avvist").await;
        assert_eq!((users(t).await, identities(t).await), (0, 0));
    }

    async fn a_flow_comes_back_only_to_its_own_provider(t) [
        idp("fjordvik", "normal", kari()),
        idp("nabo", "normal", kari())
    ] {
        let page = browser().0.get(t.app.url("/sign-in")).send().await.unwrap().text().await.unwrap();
        assert!(page.contains("Logg inn med Test-fjordvik") && page.contains("Logg inn med Test-nabo"));
        let (client, _) = browser();
        let callback = start_flow(t, &client, "fjordvik", "/").await;
        let mixed = callback.replace("/sign-in/sso/fjordvik/", "/sign-in/sso/nabo/");
        let res = client.get(&mixed).send().await.unwrap();
        assert_refused(t, &client, res, 400, "Innloggingen ble avvist").await;
        // The flow was used up by that attempt, so its own callback is refused now too.
        let res = client.get(&callback).send().await.unwrap();
        assert_refused(t, &client, res, 400, "Innloggingen er utløpt").await;
        assert_eq!((users(t).await, identities(t).await), (0, 0));
    }

    async fn a_flow_older_than_ten_minutes_is_refused(t) [idp("fjordvik", "normal", kari())] {
        let (client, _) = browser();
        let callback = start_flow(t, &client, "fjordvik", "/").await;
        t.app.clock.set(t.app.clock.now() + time::Duration::minutes(11));
        let res = client.get(&callback).send().await.unwrap();
        assert_refused(t, &client, res, 400, "Innloggingen er utløpt").await;
        assert_eq!(users(t).await, 0);
    }

    async fn another_provider_with_the_same_address_does_not_take_the_account(t) [
        idp("fjordvik", "normal", kari()),
        Spec { trust_email: true, ..idp("nabo", "normal", json!({
            "sub": "someone-else", "name": "Ikke Kari", "email": "kari@fjordvik.example", "email_verified": true
        })) }
    ] {
        let (kari, _) = browser();
        assert_eq!(sign_in_through(t, &kari, "fjordvik").await.status(), 303);
        let (other, _) = browser();
        let res = sign_in_through(t, &other, "nabo").await;
        assert_refused(t, &other, res, 409, "Det finnes allerede en konto med denne e-postadressen").await;
        assert_eq!((users(t).await, identities(t).await), (1, 1));
        let user = crate::fixtures::user_row(&t.app, "kari@fjordvik.example").await;
        assert_eq!(user.name, "Kari Nordmann", "the account is unchanged");
    }

    async fn a_local_account_is_not_taken_over_by_its_address(t) [
        Spec { trust_email: true, ..idp("fjordvik", "normal", kari()) }
    ] {
        crate::fixtures::applicant(&t.app, "kari@fjordvik.example", "Kari Lokal").await;
        let (client, _) = browser();
        let res = sign_in_through(t, &client, "fjordvik").await;
        assert_refused(t, &client, res, 409, "Det finnes allerede en konto").await;
        assert_eq!((users(t).await, identities(t).await), (1, 0));
    }

    async fn an_invited_team_member_is_on_the_team_from_the_first_sign_in(t) [
        idp("fjordvik", "normal", json!({
            "sub": "nina-1", "name": "Nina Ny", "email": "nina@fjordvik.example", "email_verified": true,
            "unit": "Renhold"
        })),
        idp("usikker", "normal", json!({
            "sub": "per-1", "name": "Per", "email": "per@fjordvik.example", "unit": "Renhold"
        }))
    ] {
        // The application is written before the round's deadline (2019); the provider signs in
        // at the real time.
        let wall = t.app.clock.now();
        t.app.clock.set(time::macros::datetime!(2019-10-15 10:00 UTC));
        let round = open_round(&t.app, Visibility::OnSubmit).await;
        crate::fixtures::applicant(&t.app, "kari@fjordvik.example", "Kari Nordmann").await;
        assert_eq!(t.app.sign_in("kari@fjordvik.example", crate::fixtures::PASSWORD).await.status(), 303);
        let id = crate::users::start_application(&t.app, &round).await;
        for email in ["nina@fjordvik.example", "per@fjordvik.example"] {
            assert_eq!(crate::users::team_change(&t.app, id, "team", email).await.status(), 303);
        }
        let before = users(t).await;
        t.app.clock.set(wall);

        let (nina, _) = browser();
        let res = sign_in_through(t, &nina, "fjordvik").await;
        assert_eq!(location(&res), "/my-applications");
        assert_eq!(users(t).await, before, "the waiting account became hers");
        let mine = nina.get(t.app.url("/my-applications")).send().await.unwrap().text().await.unwrap();
        assert!(mine.contains(&id.to_string()), "«Mine søknader» lists the application: {mine}");
        let edit = nina.get(t.app.url(&format!("/applications/{id}/edit"))).send().await.unwrap();
        assert_eq!(edit.status(), 200, "and she may open it as a team member");
        assert_eq!(crate::fixtures::user_row(&t.app, "nina@fjordvik.example").await.name, "Nina Ny");

        // A provider that does not vouch for the address gets no waiting account.
        let (per, _) = browser();
        let res = sign_in_through(t, &per, "usikker").await;
        assert_refused(t, &per, res, 409, "Det finnes allerede en konto").await;
        assert_eq!((users(t).await, identities(t).await), (before, 1));
    }

    async fn what_the_provider_leaves_out_is_asked_for_before_the_account_is_made(t) [
        idp("idporten", "normal", json!({ "sub": "pseudonym-1", "pid": "01010112345" }))
    ] {
        let round = open_round(&t.app, Visibility::OnSubmit).await;
        let (client, _) = browser();
        let res = sign_in_through(t, &client, "idporten").await;
        assert_eq!(res.status(), 303);
        assert_eq!(location(&res), "/sign-in/sso/complete");
        assert_eq!(users(t).await, 0, "no account before the missing parts are in");
        let page = client.get(t.app.url("/sign-in/sso/complete")).send().await.unwrap();
        assert_eq!(page.status(), 200);
        let page = page.text().await.unwrap();
        assert!(page.contains("Fullfør kontoen din"));
        for field in ["id=\"name\"", "id=\"email\"", "id=\"unit\""] {
            assert!(page.contains(field), "asks for {field}");
        }
        let csrf = hidden_value(&page, "_csrf").unwrap();
        let post = |fields: Vec<(&'static str, String)>| {
            let mut fields = fields;
            fields.push(("_csrf", csrf.clone()));
            client.post(t.app.url("/sign-in/sso/complete")).form(&fields).send()
        };
        let bad = post(vec![("name", " ".into()), ("email", "nope".into()), ("unit", "".into())]).await.unwrap();
        assert_eq!(bad.status(), 422);
        let bad = bad.text().await.unwrap();
        for id in ["name-error", "email-error", "unit-error"] {
            assert!(bad.contains(&format!("aria-describedby=\"{id}\"")) && bad.contains(&format!("id=\"{id}\"")), "{id} at its field");
        }
        assert_eq!(users(t).await, 0);
        let ok = post(vec![
            ("name", "Ida Porten".into()),
            ("email", "ida@fjordvik.example".into()),
            ("unit", round.unit.to_string()),
        ])
        .await
        .unwrap();
        assert_eq!(ok.status(), 303);
        assert_eq!(location(&ok), "/my-applications");
        assert!(signed_in(t, &client).await);
        let ida = crate::fixtures::user_row(&t.app, "ida@fjordvik.example").await;
        assert_eq!((ida.name.as_str(), ida.unit_id), ("Ida Porten", Some(round.unit)));
        assert_eq!((identities(t).await, audit_count(&t.app, "user.sso_create").await), (1, 1));
        let detail = count(&t.app, "SELECT COUNT(*) FROM audit_log WHERE CAST(detail AS TEXT) LIKE '%01010112345%'").await;
        assert_eq!(detail, 0, "the personal identity number is stored nowhere in the audit log");
    }

    async fn a_provider_that_does_not_answer_gets_a_page_not_a_panic(t) [
        Spec { down: true, ..idp("nede", "normal", json!({})) }
    ] {
        let (client, _) = browser();
        let csrf = t.app.csrf_with(&client, "/sign-in").await;
        let res = client
            .post(t.app.url("/sign-in/sso/nede"))
            .form(&[("_csrf", csrf.as_str()), ("next", "/")])
            .send()
            .await
            .unwrap();
        assert_refused(t, &client, res, 503, "Innloggingstjenesten svarer ikke").await;
        let unknown = client
            .post(t.app.url("/sign-in/sso/finnes-ikke"))
            .form(&[("_csrf", csrf.as_str())])
            .send()
            .await
            .unwrap();
        assert_eq!(unknown.status(), 404);
        assert_eq!(client.get(t.app.url("/sign-in/sso/complete")).send().await.unwrap().status(), 303);
    }
}
