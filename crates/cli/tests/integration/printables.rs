//! Issue 15, the printed matter: diplomas for a prize with many winners, one winner and
//! none, the programme and the nominee pages, as PDFs that parse and name the people, and
//! as pages to print; written in the round's language, for those who run the show only,
//! and never cached.

use crate::catalogue::submitted;
use crate::decisions::decide_with;
use crate::fixtures::DEADLINE;
use crate::harness::{TestApp, new_client};
use crate::jury::jury;
use crate::on_both_backends;
use prisverdig_domain::category::CategoryKind;
use prisverdig_domain::outcome::Outcome;
use time::Duration;

/// The PDF at `path` for `client`: its pages' text, one string per page.
async fn pdf_pages(client: &reqwest::Client, app: &TestApp, path: &str) -> Vec<String> {
    let res = client.get(app.url(path)).send().await.unwrap();
    assert_eq!(res.status(), 200, "{path}");
    assert_eq!(res.headers()["content-type"], "application/pdf");
    assert_eq!(res.headers()["cache-control"], "no-store", "{path}");
    let bytes = res.bytes().await.unwrap();
    assert!(bytes.starts_with(b"%PDF-"));
    let doc = lopdf::Document::load_mem(&bytes).expect("the PDF parses");
    doc.get_pages()
        .keys()
        .map(|n| doc.extract_text(&[*n]).unwrap())
        .collect()
}

on_both_backends! {
    async fn diplomas_programme_and_nominee_pages_print_in_the_rounds_language(app) {
        let j = jury(app).await;
        let s = &app.services;
        app.clock.set(DEADLINE - Duration::hours(1));
        let steal = submitted(app, &j.round, CategoryKind::Steal, "Lånt fra Asker", Some(j.a)).await;
        app.clock.set(DEADLINE + Duration::hours(1));
        // Innovasjonsprisen: two winners and an honourable mention (many diplomas).
        s.decide_application(&j.chair, j.p, None, Some(Outcome::Winner), "Eldre og barn leser sammen hver uke.").await.unwrap();
        s.decide_application(&j.deputy, j.a, None, Some(Outcome::Winner), "Renere skoler for mindre penger.").await.unwrap();
        s.decide_application(&j.deputy, j.b, None, Some(Outcome::HonourableMention), "Et modig forsøk.").await.unwrap();
        // Stjæl med stil: one winner. Beste feil: none.
        decide_with(app, steal, "winner", None, "Stjålet med stil og kreditt.").await;
        let innovation = j.category;
        let steal_category = j.round.category(CategoryKind::Steal);
        let mistake = j.round.category(CategoryKind::Mistake);
        let round = j.round.id;

        // Many: one page per winner and mention, each with its people, unit and words.
        let pages = pdf_pages(&app.client, app, &format!("/ceremony/{round}/diplomas.pdf?category={innovation}")).await;
        assert_eq!(pages.len(), 3, "two winners and one mention");
        let per = pages.iter().find(|p| p.contains("Lesevenner")).expect("Per's diploma");
        assert!(per.contains("Per Hansen") && per.contains("Skole"), "{per}");
        assert!(per.contains("Vinner av Innovasjonsprisen") && per.contains("Eldre og barn leser sammen hver uke."), "{per}");
        let kari = pages.iter().find(|p| p.contains("Smart renhold")).expect("Kari's diploma");
        assert!(kari.contains("Kari Nordmann") && kari.contains("Renere skoler for mindre penger."), "{kari}");
        let mention = pages.iter().find(|p| p.contains("Digital postkasse")).expect("the mention's diploma");
        assert!(mention.contains("Hederlig omtale"), "{mention}");
        // One.
        let pages = pdf_pages(&app.client, app, &format!("/ceremony/{round}/diplomas.pdf?category={steal_category}")).await;
        assert_eq!(pages.len(), 1);
        assert!(pages[0].contains("Lånt fra Asker") && pages[0].contains("Vinner av Stjæl med stil"), "{}", pages[0]);
        // None: one page that says so.
        let pages = pdf_pages(&app.client, app, &format!("/ceremony/{round}/diplomas.pdf?category={mistake}")).await;
        assert_eq!(pages.len(), 1);
        assert!(pages[0].contains("Ingen vinnere eller hederlige omtaler"), "{}", pages[0]);
        // The whole round: all four diplomas.
        assert_eq!(pdf_pages(&app.client, app, &format!("/ceremony/{round}/diplomas.pdf")).await.len(), 4);

        // The programme names every prize's nominees and none of the jury's words (it is
        // printed before the reveal).
        let programme = pdf_pages(&app.client, app, &format!("/ceremony/{round}/programme.pdf")).await.concat();
        for name in ["Innovasjonsprisen", "Lesevenner", "Smart renhold", "Lånt fra Asker", "Beste feil", "Ingen nominerte ennå."] {
            assert!(programme.contains(name), "{name} in the programme: {programme}");
        }
        assert!(!programme.contains("Eldre og barn leser sammen hver uke."), "no justification in the programme");
        // One page per nominee (the winners were in the running too).
        let nominees = pdf_pages(&app.client, app, &format!("/ceremony/{round}/nominees.pdf?category={innovation}")).await;
        assert_eq!(nominees.len(), 2, "{nominees:?}");
        assert!(nominees.iter().any(|p| p.contains("Nominert til Innovasjonsprisen") && p.contains("Eldre leser med barn.")));

        // The page to print says the same, marked as written in the round's language.
        let html = app.get(&format!("/ceremony/{round}/diplomas?category={innovation}")).await;
        assert_eq!(html.status(), 200);
        assert_eq!(html.headers()["cache-control"], "no-store");
        let html = html.text().await.unwrap();
        assert!(html.contains(r#"<div class="print-sheets" lang="nb">"#) && html.contains("Per Hansen"));
        assert_eq!(html.matches("print-sheet print-certificate").count(), 3);
        assert!(html.contains(&format!("/ceremony/{round}/diplomas.pdf?category={innovation}")));

        // The round in English: the diplomas are in English, whatever the reader's language.
        prisverdig_store::on_pool!(s.db(), |pool| sqlx::query("UPDATE round SET language = 'en' WHERE id = $1").bind(round).execute(pool).await.map(|_| ())).unwrap();
        let pages = pdf_pages(&app.client, app, &format!("/ceremony/{round}/diplomas.pdf?category={steal_category}")).await;
        assert!(pages[0].contains("Winner of Stjæl med stil") && pages[0].contains("“Stjålet med stil og kreditt.”"), "{}", pages[0]);
        let html = app.get(&format!("/ceremony/{round}/diplomas")).await.text().await.unwrap();
        assert!(html.contains(r#"lang="en""#) && html.contains("Winner of Stjæl med stil"));
        assert!(html.contains("Last ned som PDF"), "the page around them is in the reader's language");

        // Nobody else: a juror is refused, a visitor is sent to sign in, and nothing was
        // published by printing.
        let mona = TestApp::client_for(app, "mona@fjordvik.example").await;
        for path in ["diplomas", "diplomas.pdf", "programme.pdf", "nominees"] {
            let res = mona.get(app.url(&format!("/ceremony/{round}/{path}"))).send().await.unwrap();
            assert_eq!(res.status(), 403, "{path}");
            let res = new_client().get(app.url(&format!("/ceremony/{round}/{path}"))).send().await.unwrap();
            assert_eq!(res.status(), 303, "{path}");
        }
        let public = new_client().get(app.url("/catalogue?status=winner")).send().await.unwrap().text().await.unwrap();
        assert!(!public.contains("Lesevenner"));
    }

    async fn the_print_language_is_a_round_setting(app) {
        let j = jury(app).await;
        let s = &app.services;
        let round = prisverdig_store::rounds::get(s.db(), j.round.id).await.unwrap().unwrap();
        assert_eq!(round.language.as_str(), "nb", "rounds print in Bokmål unless told");
        let page = format!("/admin/rounds/{}/edit", j.round.id);
        let form = app.get(&page).await.text().await.unwrap();
        assert!(form.contains(r#"<option value="nb" lang="nb" selected>"#), "the form shows the setting");
        let fields = [
            ("version", round.version.to_string()),
            ("year", round.year.to_string()),
            ("title", round.title.clone()),
            ("visibility", round.visibility.as_str().to_string()),
            ("language", "sami".to_string()),
        ];
        let pairs: Vec<(&str, &str)> = fields.iter().map(|(k, v)| (*k, v.as_str())).collect();
        let res = app.post_form(&page, &page, &pairs).await;
        assert_eq!(res.status(), 422, "an unknown language is refused at its field");
        let html = res.text().await.unwrap();
        assert!(html.contains(r#"id="language-error""#), "{html}");
        let mut fields = fields;
        fields[4].1 = "nn".into();
        let pairs: Vec<(&str, &str)> = fields.iter().map(|(k, v)| (*k, v.as_str())).collect();
        let res = app.post_form(&page, &page, &pairs).await;
        assert_eq!(res.status(), 303);
        let round = prisverdig_store::rounds::get(s.db(), j.round.id).await.unwrap().unwrap();
        assert_eq!(round.language.as_str(), "nn");
        let html = app.get(&format!("/ceremony/{}/programme", j.round.id)).await.text().await.unwrap();
        assert!(html.contains("Program for prisutdelinga"), "the programme is in Nynorsk now");
    }
}
