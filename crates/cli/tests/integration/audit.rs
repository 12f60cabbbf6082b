//! The audit log page for administrators (issue 11): what was done shows with who did it,
//! the filter narrows it, a bad filter is answered at its field, and the download holds the
//! same entries with formula-looking cells defused — on both backends.

use crate::admin::admin;
use crate::harness::TestApp;
use crate::on_both_backends;
use prisverdig_store::users::User;
use uuid::Uuid;

/// An administrator, signed in, who made a top-level unit of each name.
async fn units_made(app: &TestApp, names: &[&str]) -> (User, Vec<Uuid>) {
    let user = admin(app).await;
    let mut ids = Vec::new();
    for name in names {
        ids.push(
            app.services
                .create_unit(&user, name, "sector", None)
                .await
                .unwrap(),
        );
    }
    (user, ids)
}

on_both_backends! {
    async fn the_audit_log_shows_what_was_done_and_the_filter_narrows_it(app) {
        let (user, ids) = units_made(app, &["Helse og omsorg", "Oppvekst"]).await;
        app.services.rename_unit(&user, ids[1], 1, "Oppvekst og kultur").await.unwrap();

        let page = app.get("/admin/audit").await;
        assert_eq!(page.status(), 200);
        let html = page.text().await.unwrap();
        assert!(html.contains("Opprettet enhet") && html.contains("Ga enhet nytt navn"), "{html}");
        assert!(html.contains("Oppvekst og kultur"), "the detail shows the new name");
        assert!(html.contains(&format!("href=\"/admin/units/{}\"", ids[1])), "a link to the unit");
        assert!(html.contains("<td>Enhet<br>") && !html.contains("<td>unit<br>"), "what it is about, translated");

        let only = app.get("/admin/audit?action=unit.rename").await.text().await.unwrap();
        assert!(only.contains("Ga enhet nytt navn") && !only.contains("Helse og omsorg"), "{only}");
        assert!(only.contains("Oppføringer: 1"), "{only}");

        let about = app.get(&format!("/admin/audit?entity={}", ids[0])).await.text().await.unwrap();
        assert!(about.contains("Helse og omsorg") && !about.contains("Oppvekst"), "{about}");

        let nobody = app.get("/admin/audit?actor=ingen-slik-person").await.text().await.unwrap();
        assert!(nobody.contains("Ingen oppføringer passer filteret."), "{nobody}");
        let by_admin = app.get("/admin/audit?actor=ADMIN%40FJORDVIK").await.text().await.unwrap();
        // Two units made, one renamed, and the second factor the sign-in set up.
        assert!(by_admin.contains("Oppføringer: 4"), "any case, by e-mail: {by_admin}");
        assert!(by_admin.contains("Tok i bruk tofaktor"));

        let future = app.get("/admin/audit?from=2999-01-01").await.text().await.unwrap();
        assert!(future.contains("Oppføringer: 0"), "{future}");
        // The test clock stands at 15 October 2019, 12:00 in Oslo.
        let until = app.get("/admin/audit?action=unit.create&until=2019-10-15").await.text().await.unwrap();
        assert!(until.contains("Oppføringer: 2"), "«up to and including» that day: {until}");
        let before = app.get("/admin/audit?action=unit.create&until=2019-10-14").await.text().await.unwrap();
        assert!(before.contains("Oppføringer: 0"), "{before}");
        let from = app.get("/admin/audit?action=unit.create&from=2019-10-15").await.text().await.unwrap();
        assert!(from.contains("Oppføringer: 2"), "{from}");

        let deep = app.get("/admin/audit?page=100000").await;
        assert_eq!(deep.status(), 200, "a page past the end shows the last one");
        assert!(deep.text().await.unwrap().contains("Opprettet enhet"));
    }

    async fn a_filter_the_server_cannot_read_is_answered_at_its_field(app) {
        units_made(app, &["Helse og omsorg"]).await;
        let res = app.get("/admin/audit?from=1.+mars&entity=abc&actor=admin").await;
        assert_eq!(res.status(), 422);
        let html = res.text().await.unwrap();
        assert!(html.contains("id=\"from-error\"") && html.contains("Skriv datoen som åååå-mm-dd."), "{html}");
        assert!(html.contains("id=\"entity-error\""), "{html}");
        assert!(html.contains("value=\"admin\""), "what was typed is kept");
        let csv = app.get("/admin/audit.csv?until=i+morgen").await;
        assert_eq!(csv.status(), 422, "the download refuses it the same way");
    }

    async fn the_download_holds_the_filtered_entries_with_formulas_defused(app) {
        let (user, ids) = units_made(app, &["=HYPERLINK(\"http://evil.example\")", "Oppvekst"]).await;
        app.services.rename_unit(&user, ids[1], 1, "@SUM(A1)").await.unwrap();
        let res = app.get("/admin/audit.csv?action=unit.create").await;
        assert_eq!(res.status(), 200);
        assert_eq!(res.headers()["content-type"], "text/csv; charset=utf-8");
        assert!(res.headers()["content-disposition"].to_str().unwrap().starts_with("attachment"));
        let text = res.text().await.unwrap();
        let mut reader = csv::Reader::from_reader(text.as_bytes());
        let header: Vec<String> = reader.headers().unwrap().iter().map(str::to_string).collect();
        assert_eq!(header[0], "Tidspunkt");
        assert_eq!(header[4], "action");
        let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
        assert_eq!(rows.len(), 2, "only the creations: {text}");
        assert!(rows.iter().all(|r| &r[4] == "unit.create" && &r[3] == "Opprettet enhet"));
        assert!(rows.iter().any(|r| &r[6] == ids[0].to_string().as_str()));
        assert!(rows.iter().all(|r| !r[7].starts_with(['=', '+', '-', '@'])));
        assert!(text.contains("HYPERLINK"), "the detail is there, as text");

        let renamed = app.get("/admin/audit.csv?action=unit.rename").await.text().await.unwrap();
        let rows: Vec<csv::StringRecord> = csv::Reader::from_reader(renamed.as_bytes())
            .records().map(Result::unwrap).collect();
        assert_eq!(rows.len(), 1);
        assert!(rows[0][7].contains("@SUM(A1)"));
    }
}
