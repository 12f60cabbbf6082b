//! Changes that must be refused, each tried through the form a browser would post: every
//! kind of change to an application in a closed round, and every kind of change to someone
//! else's application. Each test then checks that nothing was stored.

use crate::apply::{complete, save, signed_in_applicant, start, version};
use crate::fixtures::{Round, applicant, open_round, user_row};
use crate::harness::TestApp;
use crate::on_both_backends;
use crate::uploads::{PNG, attachment_ids, post_file};
use prisverdig_domain::category::CategoryKind;
use prisverdig_domain::round::Visibility;
use reqwest::multipart::{Form, Part};
use uuid::Uuid;

/// What a change could have touched: title, state, attachments and team, as stored.
async fn stored(app: &TestApp, id: Uuid) -> (String, String, usize, Vec<String>) {
    let kari = user_row(app, "kari@fjordvik.example").await;
    let e = app.services.editable(&kari, id).await.unwrap();
    let files = e.attachments.len();
    let mut team: Vec<String> = e.team.iter().map(|m| m.email.clone()).collect();
    team.sort();
    (
        e.form.title,
        format!("{:?}", e.application.state),
        files,
        team,
    )
}

/// Kari's draft with a title, an image and Ola on the team, and a submitted application.
async fn two_applications(app: &TestApp, round: &Round) -> (Uuid, Uuid) {
    signed_in_applicant(app).await;
    applicant(app, "ola@fjordvik.example", "Ola Nordmann").await;
    let draft = start(app, round, CategoryKind::Innovation).await;
    assert_eq!(
        save(app, draft, &[("title".into(), "Kladden".into())], "save")
            .await
            .status(),
        303
    );
    let edit = format!("/applications/{draft}/edit");
    let res = post_file(
        app,
        (&edit, &format!("/applications/{draft}/attachments")),
        "a.png",
        PNG.to_vec(),
        "Et bilde",
    )
    .await;
    assert_eq!(
        res.status(),
        303,
        "the image is stored before the round closes"
    );
    let res = app
        .post_form(
            &edit,
            &format!("/applications/{draft}/team"),
            &[("email", "ola@fjordvik.example")],
        )
        .await;
    assert_eq!(res.status(), 303, "Ola joins before the round closes");
    let submitted = start(app, round, CategoryKind::Innovation).await;
    assert_eq!(
        save(
            app,
            submitted,
            &complete(CategoryKind::Innovation),
            "submit"
        )
        .await
        .status(),
        303
    );
    (draft, submitted)
}

/// A form post from `client` with a token it can read on `page` (its own session's token).
async fn post_as(
    app: &TestApp,
    client: &reqwest::Client,
    page: &str,
    action: &str,
    fields: &[(&str, &str)],
) -> u16 {
    let token = app.csrf_with(client, page).await;
    let mut body = fields.to_vec();
    body.push(("_csrf", &token));
    let res = client
        .post(app.url(action))
        .form(&body)
        .send()
        .await
        .unwrap();
    res.status().as_u16()
}

/// An upload from `client`, with a token from `page`.
async fn upload_as(app: &TestApp, client: &reqwest::Client, page: &str, id: Uuid) -> u16 {
    let token = app.csrf_with(client, page).await;
    let form = Form::new()
        .part("file", Part::bytes(PNG.to_vec()).file_name("b.png"))
        .text("alt_text", "Et annet bilde");
    let url = app.url(&format!("/applications/{id}/attachments?_csrf={token}"));
    client
        .post(url)
        .multipart(form)
        .send()
        .await
        .unwrap()
        .status()
        .as_u16()
}

on_both_backends! {
    async fn a_closed_round_refuses_every_change(app) {
        let round = open_round(app, Visibility::OnSubmit).await;
        let (draft, submitted) = two_applications(app, &round).await;
        let (before_draft, before_submitted) = (stored(app, draft).await, stored(app, submitted).await);
        let file = attachment_ids(&app.get(&format!("/applications/{draft}/edit")).await.text().await.unwrap()).remove(0);
        prisverdig_store::on_pool!(app.services.db(), |pool| sqlx::query("UPDATE round SET state = 'closed' WHERE id = $1")
            .bind(round.id).execute(pool).await.map(|_| ())).unwrap();
        // The deadline (1 November) is still ahead: only the round's state refuses.
        let edit = format!("/applications/{draft}/edit");
        let client = &app.client;
        let mut fields = complete(CategoryKind::Innovation);
        fields.retain(|(k, _)| k != "title");
        fields.push(("title".into(), "Endret etter stengning".into()));
        assert_eq!(save(app, draft, &fields, "save").await.status(), 422, "save");
        assert_eq!(save(app, draft, &fields, "submit").await.status(), 422, "submit");
        let v = version(app, submitted).await;
        let withdraw = post_as(app, client, &format!("/applications/{submitted}/edit"), &format!("/applications/{submitted}/withdraw"), &[("version", &v)]).await;
        assert_eq!(withdraw, 422, "withdraw");
        assert_eq!(upload_as(app, client, &edit, draft).await, 422, "attachment upload");
        let remove = format!("/applications/{draft}/attachments/{file}/remove");
        assert_eq!(post_as(app, client, &edit, &remove, &[]).await, 422, "attachment removal");
        applicant(app, "per@fjordvik.example", "Per Utenfor").await;
        let invite = post_as(app, client, &edit, &format!("/applications/{draft}/team"), &[("email", "per@fjordvik.example")]).await;
        assert_eq!(invite, 422, "team invitation");
        let leave = post_as(app, client, &edit, &format!("/applications/{draft}/team/remove"), &[("email", "ola@fjordvik.example")]).await;
        assert_eq!(leave, 422, "team removal");
        assert_eq!(stored(app, draft).await, before_draft, "the draft is as it was");
        assert_eq!(stored(app, submitted).await, before_submitted, "the submitted one too");
    }

    async fn outsiders_cannot_change_someone_elses_application(app) {
        let round = open_round(app, Visibility::OnSubmit).await;
        let (draft, submitted) = two_applications(app, &round).await;
        let (before_draft, before_submitted) = (stored(app, draft).await, stored(app, submitted).await);
        let file = attachment_ids(&app.get(&format!("/applications/{draft}/edit")).await.text().await.unwrap()).remove(0);
        applicant(app, "per@fjordvik.example", "Per Utenfor").await;
        let per = TestApp::client_for(app, "per@fjordvik.example").await;
        // Per takes his token from a page he may see; the forms he posts are Kari's.
        let own = "/my-applications";
        for id in [draft, submitted] {
            let v = version(app, id).await;
            let title = [("title", "Pers versjon"), ("version", v.as_str()), ("intent", "save")];
            assert_eq!(post_as(app, &per, own, &format!("/applications/{id}/save"), &title).await, 403, "save {id}");
            let submit = [("title", "Pers versjon"), ("version", v.as_str()), ("intent", "submit")];
            assert_eq!(post_as(app, &per, own, &format!("/applications/{id}/save"), &submit).await, 403, "submit {id}");
            let withdraw = [("version", v.as_str())];
            assert_eq!(post_as(app, &per, own, &format!("/applications/{id}/withdraw"), &withdraw).await, 403, "withdraw {id}");
            assert_eq!(upload_as(app, &per, own, id).await, 403, "upload to {id}");
            let join = [("email", "per@fjordvik.example")];
            assert_eq!(post_as(app, &per, own, &format!("/applications/{id}/team"), &join).await, 403, "join the team of {id}");
            let kick = [("email", "ola@fjordvik.example")];
            assert_eq!(post_as(app, &per, own, &format!("/applications/{id}/team/remove"), &kick).await, 403, "remove from {id}");
        }
        let remove = format!("/applications/{draft}/attachments/{file}/remove");
        assert_eq!(post_as(app, &per, own, &remove, &[]).await, 403, "remove an attachment");
        assert_eq!(stored(app, draft).await, before_draft, "the draft is as it was");
        assert_eq!(stored(app, submitted).await, before_submitted, "the submitted one too");
        assert!(!per.get(app.url(own)).send().await.unwrap().text().await.unwrap().contains(&draft.to_string()), "Per is not on the team");
    }
}
