//! Issue 15: the intranet widget. The open call with its deadline, or none; the newest
//! published winners and nominees (never an unpublished decision), in the asked language;
//! framed only by the configured origins, its fragment readable across origins only by them.

use crate::catalogue::{setup, submitted};
use crate::decisions::decide;
use crate::fixtures::DEADLINE;
use crate::harness::{TestApp, new_client};
use crate::on_both_backends;
use prisverdig_domain::category::CategoryKind;

const INTRANET: &str = "https://intranett.fjordvik.kommune.no";

async fn anonymous(app: &TestApp, path: &str) -> reqwest::Response {
    new_client().get(app.url(path)).send().await.unwrap()
}

async fn body(app: &TestApp, path: &str) -> String {
    let res = anonymous(app, path).await;
    assert_eq!(res.status(), 200, "{path}");
    res.text().await.unwrap()
}

fn header(res: &reqwest::Response, name: &str) -> Option<String> {
    res.headers()
        .get(name)
        .map(|v| v.to_str().unwrap().to_string())
}

on_both_backends! {
    async fn the_widget_shows_the_open_call_then_only_published_results(app) {
        let round = setup(app).await;
        let widget = body(app, "/widget").await;
        assert!(widget.contains("<html lang=\"nb\">") && widget.contains("<title>Innovasjonsprisene – "), "{widget}");
        assert!(widget.contains("<h1 class=\"prisverdig-widget__title\""), "one h1: {widget}");
        assert!(widget.contains("<strong>Innovasjonsprisen</strong> (Innovasjonsprisene 2020)"), "{widget}");
        assert!(widget.contains("Søknadsfrist: 1. november 2019 kl. 23:59 – 17 dager igjen"), "{widget}");
        assert!(!widget.contains("Ingen åpen utlysning"));
        assert!(widget.contains("href=\"http://prisverdig.test/catalogue\" target=\"_top\">Se alle søknadene i katalogen</a>"));
        assert!(!widget.contains("<script"), "no script needed");

        let winner = submitted(app, &round, CategoryKind::Innovation, "Smart renhold", None).await;
        let nominee = submitted(app, &round, CategoryKind::Innovation, "Digital postkasse", None).await;
        let mention = submitted(app, &round, CategoryKind::Mistake, "Robotene som gikk seg vill", None).await;
        let secret = submitted(app, &round, CategoryKind::Steal, "Lesevenner", Some(winner)).await;
        app.clock.set(DEADLINE + time::Duration::days(60));
        let now = app.services.clock.now();
        decide(app, winner, "winner", Some(now - time::Duration::days(1))).await;
        decide(app, nominee, "nominee", Some(now - time::Duration::days(1))).await;
        decide(app, mention, "honourable_mention", Some(now - time::Duration::days(1))).await;
        // Decided, to be published in an hour: not yet for the widget.
        decide(app, secret, "winner", Some(now + time::Duration::hours(1))).await;
        app.services.check_public_changes().await.unwrap();

        let widget = body(app, "/widget").await;
        assert!(widget.contains("Ingen åpen utlysning akkurat nå."), "{widget}");
        assert!(!widget.contains("Søknadsfrist:"), "a past deadline is no call");
        assert!(widget.contains(&format!("Vinner:</span> <a href=\"http://prisverdig.test/applications/{winner}\" target=\"_top\">Smart renhold</a><br>Innovasjonsprisen 2020")), "{widget}");
        assert!(widget.contains(&format!("Nominert:</span> <a href=\"http://prisverdig.test/applications/{nominee}\" target=\"_top\">Digital postkasse</a>")), "{widget}");
        assert!(widget.contains(&format!("Hederlig omtale:</span> <a href=\"http://prisverdig.test/applications/{mention}\" target=\"_top\">Robotene som gikk seg vill</a>")), "{widget}");
        assert!(!widget.contains("Lesevenner"), "an unpublished winner stays secret");
        let fragment = body(app, "/widget.html").await;
        assert!(fragment.contains("Smart renhold") && !fragment.contains("Lesevenner"), "{fragment}");

        // Once its minute has passed, the cached widget gives way and the winner shows.
        app.clock.set(now + time::Duration::hours(1) + time::Duration::minutes(1));
        let widget = body(app, "/widget").await;
        assert!(widget.contains(&format!("<a href=\"http://prisverdig.test/applications/{secret}\" target=\"_top\">Lesevenner</a>")), "{widget}");
        let fragment = body(app, "/widget.html").await;
        assert!(fragment.contains("Lesevenner"), "{fragment}");
    }
}

on_both_backends! {
    async fn the_widget_speaks_the_language_its_address_asks_for(app) {
        setup(app).await;
        // Bokmål first, so a cached Bokmål widget would be served if the key left out `lang`.
        assert!(body(app, "/widget").await.contains("Åpen utlysning"));
        let en = body(app, "/widget?lang=en").await;
        assert!(en.contains("<html lang=\"en\">"), "{en}");
        assert!(en.contains(">Innovation prizes</h1>") && en.contains(">Open call</h2>"), "{en}");
        assert!(en.contains("Deadline: 1 November 2019 at 23:59 – 17 days left"), "{en}");
        assert!(en.contains(">Latest winners and nominees</h2>") && en.contains("No results have been published yet."));
        let nn = body(app, "/widget?lang=nn").await;
        assert!(nn.contains("<html lang=\"nn\">"), "{nn}");
        assert!(nn.contains(">Innovasjonsprisane</h1>") && nn.contains("17 dagar att"), "{nn}");
        assert!(nn.contains("Sjå alle søknadene i katalogen"), "{nn}");
        let fragment = body(app, "/widget.html?lang=en").await;
        assert!(fragment.starts_with("<section class=\"prisverdig-widget\" lang=\"en\""), "{fragment}");
        assert!(fragment.contains("<h2 class=\"prisverdig-widget__title\" id=\"prisverdig-widget-title\">Innovation prizes</h2>"), "{fragment}");
        assert!(!fragment.contains("<html") && !fragment.contains("<head") && !fragment.contains("<script"));
        // An unknown language is Bokmål, as everywhere.
        assert!(body(app, "/widget?lang=xx").await.contains("<html lang=\"nb\">"));
    }
}

on_both_backends! {
    options = crate::harness::Options {
        widget_origins: vec![INTRANET.to_string()],
        ..Default::default()
    };

    async fn only_the_widget_may_be_framed_and_only_by_the_configured_origins(app) {
        setup(app).await;
        for round in ["miss", "hit"] {
            let res = anonymous(app, "/widget").await;
            assert_eq!(res.status(), 200);
            assert_eq!(header(&res, "x-page-cache").as_deref(), Some(round));
            let csp = header(&res, "content-security-policy").unwrap();
            assert!(csp.ends_with(&format!("frame-ancestors 'self' {INTRANET}")), "{round}: {csp}");
            assert!(csp.contains("script-src 'self'"), "the rest of the policy holds: {csp}");
            assert_eq!(header(&res, "x-frame-options"), None, "{round}");
            assert!(res.text().await.unwrap().contains("Innovasjonsprisene"));
        }
        for path in ["/", "/catalogue", "/accessibility", "/widget.html", "/widget/", "/sign-in"] {
            let res = anonymous(app, path).await;
            assert_eq!(header(&res, "x-frame-options").as_deref(), Some("DENY"), "{path}");
            let csp = header(&res, "content-security-policy").unwrap();
            assert!(csp.ends_with("frame-ancestors 'none'"), "{path}: {csp}");
        }

        let read_from = |origin: &'static str| {
            let url = app.url("/widget.html");
            async move { new_client().get(url).header("origin", origin).send().await.unwrap() }
        };
        // Stored by the visit above: the allowed origin is named on the cached copy too.
        for round in ["first", "second"] {
            let res = read_from(INTRANET).await;
            assert_eq!(res.status(), 200);
            assert_eq!(header(&res, "x-page-cache").as_deref(), Some("hit"));
            assert!(header(&res, "content-type").unwrap().starts_with("text/html"));
            assert_eq!(header(&res, "access-control-allow-origin").as_deref(), Some(INTRANET), "{round}");
            assert!(header(&res, "vary").unwrap_or_default().contains("Origin"));
            assert!(res.text().await.unwrap().contains("Innovasjonsprisene"));
        }
        let res = read_from("https://evil.example").await;
        assert_eq!(res.status(), 200);
        assert_eq!(header(&res, "x-page-cache").as_deref(), Some("hit"));
        assert_eq!(header(&res, "access-control-allow-origin"), None, "an unknown origin is not allowed");
        let res = anonymous(app, "/widget.html").await;
        assert_eq!(header(&res, "access-control-allow-origin"), None, "no origin, no CORS");
        let res = anonymous(app, "/catalogue").await;
        assert_eq!(header(&res, "access-control-allow-origin"), None);
    }
}

on_both_backends! {
    async fn without_configured_origins_the_widget_is_framed_only_by_the_product_itself(app) {
        let res = anonymous(app, "/widget").await;
        assert_eq!(res.status(), 200);
        let csp = header(&res, "content-security-policy").unwrap();
        assert!(csp.ends_with("frame-ancestors 'self'"), "{csp}");
        assert_eq!(header(&res, "x-frame-options"), None);
        let res = new_client().get(app.url("/widget.html")).header("origin", INTRANET).send().await.unwrap();
        assert_eq!(res.status(), 200);
        assert_eq!(header(&res, "access-control-allow-origin"), None);
        let widget = res.text().await.unwrap();
        assert!(widget.contains("Ingen åpen utlysning akkurat nå.") && widget.contains("Ingen resultater er offentliggjort ennå."), "{widget}");
    }
}
