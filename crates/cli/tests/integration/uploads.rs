//! Images and attachments: checked by their bytes, size-limited, alt text required,
//! served safely and only once the application is public.

use crate::fixtures::{PASSWORD, applicant, open_round};
use crate::harness::{TestApp, new_client};
use crate::on_both_backends;
use prisverdig_domain::category::CategoryKind;
use prisverdig_domain::round::Visibility;
use reqwest::multipart::{Form, Part};
use uuid::Uuid;

/// A valid 2×2 red PNG.
pub const PNG: &[u8] = &[
    0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0x00, 0x00, 0x00, 0x0D, 0x49, 0x48, 0x44, 0x52,
    0x00, 0x00, 0x00, 0x02, 0x00, 0x00, 0x00, 0x02, 0x08, 0x02, 0x00, 0x00, 0x00, 0xFD, 0xD4, 0x9A,
    0x73, 0x00, 0x00, 0x00, 0x10, 0x49, 0x44, 0x41, 0x54, 0x78, 0x9C, 0x63, 0xF8, 0xCF, 0xC0, 0x00,
    0x44, 0x0C, 0x10, 0x0A, 0x00, 0x1F, 0xEE, 0x03, 0xFD, 0x8B, 0x5F, 0x14, 0xD4, 0x00, 0x00, 0x00,
    0x00, 0x49, 0x45, 0x4E, 0x44, 0xAE, 0x42, 0x60, 0x82,
];

async fn draft(app: &TestApp) -> Uuid {
    draft_in(app, Visibility::OnSubmit).await
}

async fn draft_in(app: &TestApp, visibility: Visibility) -> Uuid {
    let round = open_round(app, visibility).await;
    applicant(app, "kari@fjordvik.example", "Kari Nordmann").await;
    app.sign_in("kari@fjordvik.example", PASSWORD).await;
    let (c, u) = (
        round.category(CategoryKind::Innovation).to_string(),
        round.unit.to_string(),
    );
    let res = app
        .post_form("/apply", "/apply", &[("category", &c), ("unit", &u)])
        .await;
    let location = res.headers()["location"].to_str().unwrap().to_string();
    Uuid::parse_str(
        location
            .trim_start_matches("/applications/")
            .trim_end_matches("/edit"),
    )
    .unwrap()
}

async fn upload(
    app: &TestApp,
    id: Uuid,
    name: &str,
    bytes: Vec<u8>,
    alt: &str,
) -> reqwest::Response {
    let page = format!("/applications/{id}/edit");
    let action = format!("/applications/{id}/attachments");
    post_file(app, (&page, &action), name, bytes, alt).await
}

/// Uploads a file with its alt text the way the form on `page` does (to `action`).
pub async fn post_file(
    app: &TestApp,
    (page, action): (&str, &str),
    name: &str,
    bytes: Vec<u8>,
    alt: &str,
) -> reqwest::Response {
    let token = app.csrf_from(page).await;
    let form = Form::new()
        .part("file", Part::bytes(bytes).file_name(name.to_string()))
        .text("alt_text", alt.to_string());
    app.client
        .post(app.url(&format!("{action}?_csrf={token}")))
        .multipart(form)
        .send()
        .await
        .unwrap()
}

pub(crate) fn attachment_ids(page: &str) -> Vec<String> {
    page.split("href=\"/files/")
        .skip(1)
        .map(|s| s.split('"').next().unwrap().to_string())
        .collect()
}

on_both_backends! {
    async fn an_image_needs_alt_text_and_gets_a_thumbnail(app) {
        let id = draft(app).await;
        let res = upload(app, id, "renhold.png", PNG.to_vec(), "").await;
        assert_eq!(res.status(), 422);
        let body = res.text().await.unwrap();
        assert!(body.contains("id=\"alt_text-error\"") && body.contains("Skriv en bildetekst"), "{body}");
        let res = upload(app, id, "../../renhold.png", PNG.to_vec(), "Renholder med nettbrett").await;
        assert_eq!(res.status(), 303);
        let page = app.get(&format!("/applications/{id}/edit")).await.text().await.unwrap();
        assert!(page.contains("alt=\"Renholder med nettbrett\""));
        assert!(page.contains(">renhold.png<"), "the path is stripped from the name");
        let file = attachment_ids(&page).into_iter().next().unwrap();
        let thumb = app.get(&format!("/files/{file}/thumbnail")).await;
        assert_eq!(thumb.status(), 200);
        assert_eq!(thumb.headers()["content-type"], "image/jpeg");
        assert_eq!(&thumb.bytes().await.unwrap()[..2], &[0xFF, 0xD8], "a re-encoded JPEG");
        let outsider = new_client().get(app.url(&format!("/files/{file}"))).send().await.unwrap();
        assert_eq!(outsider.status(), 404, "not public before the application is");
    }

    async fn files_are_judged_by_their_bytes_not_their_names(app) {
        let id = draft(app).await;
        let mut exe = b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff".to_vec();
        exe.resize(4096, 0);
        let res = upload(app, id, "bilde.jpg", exe, "Et bilde").await;
        assert_eq!(res.status(), 422);
        let body = res.text().await.unwrap();
        assert!(body.contains("id=\"attachment-error\"") && body.contains("Filtypen er ikke tillatt"), "{body}");
        let html = b"<!doctype html><script>alert(1)</script>".to_vec();
        assert_eq!(upload(app, id, "side.png", html, "x").await.status(), 422);
        let mut polyglot = PNG[..16].to_vec();
        polyglot.extend_from_slice(b"<script>alert(1)</script>");
        assert_eq!(upload(app, id, "x.png", polyglot, "x").await.status(), 422);
        assert_eq!(upload(app, id, "tom.pdf", Vec::new(), "").await.status(), 422);
        // A picture cut off in transfer: its header says PNG, its pixels are not all there.
        let truncated = PNG[..PNG.len() / 2].to_vec();
        let res = upload(app, id, "avkuttet.png", truncated, "Et bilde").await;
        assert_eq!(res.status(), 422, "a truncated image is refused");
        let page = app.get(&format!("/applications/{id}/edit")).await.text().await.unwrap();
        assert!(attachment_ids(&page).is_empty(), "nothing refused was kept");
        let stored: i64 = prisverdig_store::on_pool!(app.services.db(), |pool| sqlx::query_scalar(
            "SELECT COUNT(*) FROM attachment WHERE application_id = $1"
        )
        .bind(id)
        .fetch_one(pool)
        .await)
        .unwrap();
        assert_eq!(stored, 0, "no attachment row for anything refused");
    }

    async fn size_limits_hold_on_the_server(app) {
        let id = draft(app).await;
        let mut big = b"%PDF-1.4\n".to_vec();
        big.resize(10 * 1024 * 1024 + 1, b' ');
        let res = upload(app, id, "stor.pdf", big, "").await;
        assert_eq!(res.status(), 422);
        assert!(res.text().await.unwrap().contains("id=\"attachment-error\""));
        let mut huge = b"%PDF-1.4\n".to_vec();
        huge.resize(30 * 1024 * 1024, b' ');
        let res = upload(app, id, "enorm.pdf", huge, "").await;
        assert_eq!(res.status(), 422, "a file far over the limit comes back to the form, not a dead end");
        let body = res.text().await.unwrap();
        assert!(body.contains("id=\"attachment-error\"") && body.contains("høyst 10 MB"), "the limit is named at the file field");
        assert!(body.contains("id=\"application-form\""), "the form is there to try again");
        let mut beyond = b"%PDF-1.4\n".to_vec();
        beyond.resize(65 * 1024 * 1024, b' ');
        let res = upload(app, id, "for-enorm.pdf", beyond, "").await;
        assert_eq!(res.status(), 413, "only beyond what is read at all");
    }

    async fn documents_download_and_public_files_follow_the_application(app) {
        let id = draft(app).await;
        let pdf = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n".to_vec();
        assert_eq!(upload(app, id, "rapport.pdf", pdf, "").await.status(), 303);
        let page = app.get(&format!("/applications/{id}/edit")).await.text().await.unwrap();
        let file = attachment_ids(&page).into_iter().next().unwrap();
        prisverdig_store::on_pool!(app.services.db(), |pool| sqlx::query("UPDATE application SET state = 'submitted', submitted_at = $1 WHERE id = $2")
            .bind(app.services.clock.now()).bind(id).execute(pool).await.map(|_| ())).unwrap();
        let res = new_client().get(app.url(&format!("/files/{file}"))).send().await.unwrap();
        assert_eq!(res.status(), 200);
        assert_eq!(res.headers()["content-type"], "application/pdf");
        assert_eq!(res.headers()["x-content-type-options"], "nosniff");
        assert!(res.headers()["content-disposition"].to_str().unwrap().starts_with("attachment;"));
        let public = app.get(&format!("/applications/{id}")).await.text().await.unwrap();
        assert!(public.contains("rapport.pdf"));
    }

    async fn uploads_need_the_csrf_token(app) {
        let id = draft(app).await;
        let form = Form::new().part("file", Part::bytes(PNG.to_vec()).file_name("x.png")).text("alt_text", "x");
        let res = app.client.post(app.url(&format!("/applications/{id}/attachments"))).multipart(form).send().await.unwrap();
        assert_eq!(res.status(), 403);
    }

    async fn files_are_withdrawn_with_their_application(app) {
        let id = draft(app).await;
        assert_eq!(upload(app, id, "renhold.png", PNG.to_vec(), "Renholder").await.status(), 303);
        let file = attachment_ids(&app.get(&format!("/applications/{id}/edit")).await.text().await.unwrap()).remove(0);
        let complete = crate::apply::complete(CategoryKind::Innovation);
        assert_eq!(crate::apply::save(app, id, &complete, "submit").await.status(), 303);
        let anonymous = |path: String| async move { new_client().get(app.url(&path)).send().await.unwrap().status().as_u16() };
        let (image, thumb) = (format!("/files/{file}"), format!("/files/{file}/thumbnail"));
        assert_eq!((anonymous(image.clone()).await, anonymous(thumb.clone()).await), (200, 200), "public with the application");
        let v = crate::apply::version(app, id).await;
        let res = app.post_form(&format!("/applications/{id}/edit"), &format!("/applications/{id}/withdraw"), &[("version", &v)]).await;
        assert_eq!(res.status(), 303);
        assert_eq!((anonymous(image.clone()).await, anonymous(thumb.clone()).await), (404, 404), "gone with the withdrawal");
        assert_eq!(app.get(&image).await.status(), 200, "the team still has its file");
    }

    async fn files_in_an_after_deadline_round_wait_for_the_deadline(app) {
        let id = draft_in(app, Visibility::AfterDeadline).await;
        assert_eq!(upload(app, id, "renhold.png", PNG.to_vec(), "Renholder").await.status(), 303);
        let file = attachment_ids(&app.get(&format!("/applications/{id}/edit")).await.text().await.unwrap()).remove(0);
        let complete = crate::apply::complete(CategoryKind::Innovation);
        assert_eq!(crate::apply::save(app, id, &complete, "submit").await.status(), 303);
        let anonymous = |path: String| async move { new_client().get(app.url(&path)).send().await.unwrap().status().as_u16() };
        let (image, thumb) = (format!("/files/{file}"), format!("/files/{file}/thumbnail"));
        app.clock.set(crate::fixtures::DEADLINE - time::Duration::seconds(1));
        assert_eq!((anonymous(image.clone()).await, anonymous(thumb.clone()).await), (404, 404), "submitted, but hidden until the deadline");
        assert_eq!(app.get(&image).await.status(), 200, "the team sees its file");
        app.clock.set(crate::fixtures::DEADLINE);
        assert_eq!((anonymous(image).await, anonymous(thumb).await), (200, 200), "public from the deadline");
    }

    async fn a_stored_original_tells_no_more_than_its_picture(app) {
        let id = draft(app).await;
        let secret = b"GPSLatitude 59.9139 N; home of Kari";
        let mut png = PNG.to_vec();
        png.extend_from_slice(secret);
        let res = upload(app, id, "hjemme.png", png, "Kari hjemme").await;
        assert_eq!(res.status(), 303);
        let page = app.get(&format!("/applications/{id}/edit")).await.text().await.unwrap();
        let file = attachment_ids(&page).into_iter().next().unwrap();
        let original = app.get(&format!("/files/{file}")).await;
        assert_eq!(original.status(), 200);
        assert_eq!(original.headers()["content-type"], "image/png");
        let bytes = original.bytes().await.unwrap();
        assert_eq!(&bytes[1..4], b"PNG", "still a PNG");
        assert!(!bytes.windows(secret.len()).any(|w| w == secret), "what followed the picture is gone");
    }

    async fn files_of_a_failed_write_are_not_left_behind(app) {
        let id = draft(app).await;
        // The database refuses the row (as a lost connection or a full disk would).
        match app.services.db() {
            prisverdig_store::Db::Sqlite(p) => {
                sqlx::query("CREATE TRIGGER refuse BEFORE INSERT ON attachment BEGIN SELECT RAISE(ABORT, 'refused'); END")
                    .execute(p).await.unwrap();
            }
            prisverdig_store::Db::Postgres(p) => {
                sqlx::query("CREATE FUNCTION refuse() RETURNS trigger AS $$ BEGIN RAISE EXCEPTION 'refused'; END $$ LANGUAGE plpgsql")
                    .execute(p).await.unwrap();
                sqlx::query("CREATE TRIGGER refuse BEFORE INSERT ON attachment FOR EACH ROW EXECUTE FUNCTION refuse()")
                    .execute(p).await.unwrap();
            }
        }
        let before = app.stored_files();
        let res = upload(app, id, "renhold.png", PNG.to_vec(), "Renholder").await;
        assert_eq!(res.status(), 500);
        assert_eq!(app.stored_files(), before, "neither the file nor its thumbnail stays");
    }
}
