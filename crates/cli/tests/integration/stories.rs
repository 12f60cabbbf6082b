//! «Tanketanken»: editors write stories linked to applications; everyone sees them from
//! their publication time on the front page, the story's page, each linked application's
//! page and the feed, with only the linked applications that are public themselves.

use crate::catalogue::submitted;
use crate::fixtures::{PASSWORD, applicant, open_round, user_row};
use crate::harness::{TestApp, hidden_value, new_client};
use crate::on_both_backends;
use crate::uploads::{PNG, post_file};
use prisverdig_domain::category::CategoryKind;
use prisverdig_domain::local_time::oslo_parts;
use prisverdig_domain::role::Role;
use prisverdig_domain::round::Visibility;
use prisverdig_domain::story::StoryText;
use prisverdig_service::ServiceError;
use uuid::Uuid;

const EDITOR: &str = "redaktor@fjordvik.example";
/// A second editor, who must not see the first one's unpublished stories.
const OTHER_EDITOR: &str = "redaktor2@fjordvik.example";
const ADMIN: &str = "admin@fjordvik.example";

async fn add_user(app: &TestApp, email: &str, role: Role) {
    add_named(app, email, "Per Kristian Lund", role).await;
}

async fn add_named(app: &TestApp, email: &str, name: &str, role: Role) {
    let input = prisverdig_service::users::AddUser {
        email,
        name,
        roles: &[role],
        password: PASSWORD,
    };
    app.services.add_user(input).await.unwrap();
}

/// An image upload as `client`, the token in the query as the edit page sends it.
async fn upload_as(
    app: &TestApp,
    client: &reqwest::Client,
    page: &str,
    action: &str,
) -> reqwest::Response {
    let token = app.csrf_with(client, page).await;
    let form = reqwest::multipart::Form::new()
        .part(
            "file",
            reqwest::multipart::Part::bytes(PNG.to_vec()).file_name("b.png"),
        )
        .text("alt_text", "Et bilde");
    client
        .post(app.url(&format!("{action}?_csrf={token}")))
        .multipart(form)
        .send()
        .await
        .unwrap()
}

/// A round, an applicant with two submitted applications, and an editor signed in on
/// `app.client`.
async fn setup(app: &TestApp, visibility: Visibility) -> (Uuid, Uuid) {
    let round = open_round(app, visibility).await;
    applicant(app, "kari@fjordvik.example", "Kari Nordmann").await;
    let a = submitted(app, &round, CategoryKind::Innovation, "Smart renhold", None).await;
    let b = submitted(
        app,
        &round,
        CategoryKind::Innovation,
        "Robotene som gikk seg vill",
        None,
    )
    .await;
    add_user(app, EDITOR, Role::Editor).await;
    assert_eq!(app.sign_in(EDITOR, PASSWORD).await.status(), 303);
    (a, b)
}

fn text(title: &str, links: Vec<Uuid>) -> StoryText {
    StoryText {
        title: title.into(),
        lead: "Renholderne lærte av robotene.".into(),
        body: "Det begynte med **roboter**.\n\n### Lærdommen\nTell besøk, ikke personer.".into(),
        links,
    }
}

/// The story's id from the redirect after creating it.
fn created(res: &reqwest::Response) -> Uuid {
    assert_eq!(res.status(), 303);
    let location = res.headers()["location"].to_str().unwrap();
    assert!(location.ends_with("/edit?saved=1#saved"), "{location}");
    Uuid::parse_str(&location["/stories/".len().."/stories/".len() + 36]).unwrap()
}

async fn anonymous(app: &TestApp, path: &str) -> (u16, String) {
    let res = new_client().get(app.url(path)).send().await.unwrap();
    (res.status().as_u16(), res.text().await.unwrap())
}

/// Posts the publishing form on the story's edit page (`later`: an Oslo date and time).
async fn publish(
    app: &TestApp,
    id: Uuid,
    later: Option<time::OffsetDateTime>,
) -> reqwest::Response {
    let page = app
        .get(&format!("/stories/{id}/edit"))
        .await
        .text()
        .await
        .unwrap();
    let version = hidden_value(&page, "version").unwrap();
    let (date, clock) = later.map(oslo_parts).unwrap_or_default();
    let when = if later.is_some() { "later" } else { "now" };
    app.post_form(
        &format!("/stories/{id}/edit"),
        &format!("/stories/{id}/publish"),
        &[
            ("version", &version),
            ("when", when),
            ("publish_date", &date),
            ("publish_time", &clock),
        ],
    )
    .await
}

async fn upload(
    app: &TestApp,
    id: Uuid,
    name: &str,
    bytes: Vec<u8>,
    alt: &str,
) -> reqwest::Response {
    let page = format!("/stories/{id}/edit");
    let action = format!("/stories/{id}/images");
    post_file(app, (&page, &action), name, bytes, alt).await
}

/// Whether the public pages show the story: its page, the list, the front page, the
/// linked application's page and the feed must all agree.
async fn shown_everywhere(app: &TestApp, id: Uuid, title: &str, about: Uuid) -> [bool; 5] {
    let link = format!("/stories/{id}");
    let (status, _) = anonymous(app, &link).await;
    let list = anonymous(app, "/stories").await.1;
    let home = anonymous(app, "/").await.1;
    let application = anonymous(app, &format!("/applications/{about}")).await.1;
    let feed = anonymous(app, "/feeds/stories.atom").await.1;
    [
        status == 200,
        list.contains(&link) && list.contains(title),
        home.contains(&link) && home.contains(title),
        application.contains("Omtalt i Tanketanken") && application.contains(&link),
        feed.contains(&format!("<id>http://prisverdig.test/stories/{id}</id>"))
            && feed.contains(title),
    ]
}

on_both_backends! {
    async fn an_editor_publishes_a_story_seen_everywhere(app) {
        let (a, b) = setup(app, Visibility::OnSubmit).await;
        assert_eq!(app.get("/stories/new").await.status(), 200);
        let (sa, sb) = (a.to_string(), b.to_string());
        let res = app.post_form("/stories/new", "/stories/new", &[
            ("title", "Fra robotkaos til renhold som lytter"),
            ("lead", "Renholderne lærte av robotene."),
            ("body", "Det begynte med **roboter**.\n\n<script>alert(1)</script>"),
            ("application", &sa), ("application", &sb), ("application", &sa),
        ]).await;
        let id = created(&res);
        let title = "Fra robotkaos til renhold som lytter";
        assert_eq!(shown_everywhere(app, id, title, a).await, [false; 5], "a draft is nowhere");
        let drafts = app.get("/stories/drafts").await.text().await.unwrap();
        assert!(drafts.contains(title) && drafts.contains("Utkast"));

        assert_eq!(upload(app, id, "renhold.png", PNG.to_vec(), "Renholder med nettbrett").await.status(), 303);
        let edit = app.get(&format!("/stories/{id}/edit")).await.text().await.unwrap();
        let image = edit.split("/story-images/").nth(1).unwrap()[..36].to_string();
        let image_url = format!("/story-images/{image}");
        assert_eq!(anonymous(app, &image_url).await.0, 404, "no image before the story is public");
        assert_eq!(app.get(&image_url).await.status(), 200, "the editor sees it");

        assert_eq!(publish(app, id, None).await.status(), 303);
        assert_eq!(shown_everywhere(app, id, title, a).await, [true; 5]);
        let (_, page) = anonymous(app, &format!("/stories/{id}")).await;
        assert!(page.contains("<strong>roboter</strong>"), "Markdown is rendered");
        assert!(!page.contains("<script>alert"), "raw HTML is not");
        assert!(page.contains("alt=\"Renholder med nettbrett\""));
        let about = &page[page.find("about-heading").unwrap()..];
        let (first, second) = (about.find(&format!("/applications/{a}")).unwrap(), about.find(&format!("/applications/{b}")).unwrap());
        assert!(first < second, "linked applications in the editor's order, each once");
        assert_eq!(about.matches(&format!("href=\"/applications/{a}\"")).count(), 1);
        let (status, thumb) = {
            let res = new_client().get(app.url(&format!("{image_url}/thumbnail"))).send().await.unwrap();
            (res.status(), res.headers()["content-type"].to_str().unwrap().to_string())
        };
        assert_eq!((status.as_u16(), thumb.as_str()), (200, "image/jpeg"));
        let other = anonymous(app, &format!("/applications/{b}")).await.1;
        assert!(other.contains(&format!("/stories/{id}")), "on every linked application's page");

        let remove = format!("/stories/{id}/images/{image}/remove");
        let res = app.post_form(&format!("/stories/{id}/edit"), &remove, &[]).await;
        assert_eq!(res.status(), 303);
        assert!(!anonymous(app, &format!("/stories/{id}")).await.1.contains("/story-images/"));
        assert_eq!(anonymous(app, &image_url).await.0, 404, "a removed image is gone");
    }

    async fn a_scheduled_story_is_public_from_its_time_and_gone_when_unpublished(app) {
        let (a, _) = setup(app, Visibility::OnSubmit).await;
        let editor = user_row(app, EDITOR).await;
        let title = "Lesevenner på Solbakken";
        let id = app.services.create_story(&editor, text(title, vec![a])).await.unwrap();
        let at = app.services.clock.now() + time::Duration::days(2) + time::Duration::hours(3);
        let at = at.replace_second(0).unwrap();
        assert_eq!(publish(app, id, Some(at)).await.status(), 303);
        let edit = app.get(&format!("/stories/{id}/edit")).await.text().await.unwrap();
        assert!(edit.contains("Planlagt publisert"));
        assert_eq!(shown_everywhere(app, id, title, a).await, [false; 5], "not before its time");
        assert_eq!(app.services.public_valid_until().await.unwrap(), Some(at), "cached pages expire then");

        app.clock.set(at - time::Duration::seconds(1));
        assert_eq!(shown_everywhere(app, id, title, a).await, [false; 5], "not a second early");
        app.clock.set(at);
        assert_eq!(shown_everywhere(app, id, title, a).await, [true; 5], "public from its time");

        let page = app.get(&format!("/stories/{id}/edit")).await.text().await.unwrap();
        let version = hidden_value(&page, "version").unwrap();
        let res = app.post_form(&format!("/stories/{id}/edit"), &format!("/stories/{id}/unpublish"), &[("version", &version)]).await;
        assert_eq!(res.status(), 303);
        assert_eq!(shown_everywhere(app, id, title, a).await, [false; 5], "gone when unpublished");
    }

    async fn only_editors_and_administrators_write_stories(app) {
        let (a, _) = setup(app, Visibility::OnSubmit).await;
        let kari = TestApp::client_for(app, "kari@fjordvik.example").await;
        for path in ["/stories/new", "/stories/drafts", "/stories/link-candidates?link_q=renhold"] {
            assert_eq!(kari.get(app.url(path)).send().await.unwrap().status(), 403, "{path}");
        }
        let anonymous = new_client().get(app.url("/stories/new")).send().await.unwrap();
        assert_eq!(anonymous.status(), 303, "sign in first");
        let page = kari.get(app.url("/sign-in")).send().await.unwrap().text().await.unwrap();
        let token = hidden_value(&page, "_csrf").unwrap();
        let res = kari.post(app.url("/stories/new"))
            .form(&[("title", "Ikke lov"), ("lead", "x"), ("body", "x"), ("_csrf", &token)])
            .send().await.unwrap();
        assert_eq!(res.status(), 403);
        let user = user_row(app, "kari@fjordvik.example").await;
        assert!(matches!(app.services.create_story(&user, text("Ikke lov", vec![a])).await, Err(ServiceError::Forbidden)));
        let editor = user_row(app, EDITOR).await;
        let id = app.services.create_story(&editor, text("Lov", vec![a])).await.unwrap();
        let edit = kari.get(app.url(&format!("/stories/{id}/edit"))).send().await.unwrap();
        assert_eq!(edit.status(), 403);
        let res = kari.post(app.url(&format!("/stories/{id}/publish")))
            .form(&[("version", "1"), ("when", "now"), ("_csrf", &token)])
            .send().await.unwrap();
        assert_eq!(res.status(), 403);
        assert_eq!(anonymous_status(app, id).await, 404, "kari's attempt published nothing");

        add_user(app, "admin@fjordvik.example", Role::Administrator).await;
        let admin = TestApp::client_for(app, "admin@fjordvik.example").await;
        assert_eq!(admin.get(app.url("/stories/new")).send().await.unwrap().status(), 200);
        assert_eq!(admin.get(app.url(&format!("/stories/{id}/edit"))).send().await.unwrap().status(), 200);
        let candidates = app.get("/stories/link-candidates?link_q=renhold").await.text().await.unwrap();
        assert!(candidates.contains(&format!("value=\"{a}\"")), "the picker finds by search: {candidates}");
    }

    async fn a_story_shows_only_linked_applications_that_are_public(app) {
        let (early, withdrawn) = setup(app, Visibility::AfterDeadline).await;
        let editor = user_row(app, EDITOR).await;
        let id = app.services.create_story(&editor, text("To ideer", vec![early, withdrawn])).await.unwrap();
        let kari = user_row(app, "kari@fjordvik.example").await;
        let v = app.services.editable(&kari, withdrawn).await.unwrap().application.version;
        app.services.withdraw_application(&kari, withdrawn, v).await.unwrap();
        app.services.publish_story(&editor, id, 1, None).await.unwrap();

        let (status, page) = anonymous(app, &format!("/stories/{id}")).await;
        assert_eq!(status, 200);
        for (hidden, title) in [(early, "Smart renhold"), (withdrawn, "Robotene som gikk seg vill")] {
            assert!(!page.contains(title) && !page.contains(&hidden.to_string()), "{title} leaks before it is public");
        }
        assert!(!page.contains("about-heading"), "no empty section");
        app.clock.set(crate::fixtures::DEADLINE);
        let (_, page) = anonymous(app, &format!("/stories/{id}")).await;
        assert!(page.contains("Smart renhold"), "shown once public");
        assert!(!page.contains("Robotene som gikk seg vill"), "never a withdrawn one");
        let withdrawn_page = anonymous(app, &format!("/applications/{withdrawn}")).await.0;
        assert_eq!(withdrawn_page, 404);
    }

    async fn invalid_stories_are_refused_at_their_fields(app) {
        let (a, _) = setup(app, Visibility::OnSubmit).await;
        let many: Vec<String> = (0..13).map(|_| Uuid::now_v7().to_string()).collect();
        let long = "x".repeat(401);
        let mut fields: Vec<(&str, &str)> = vec![("title", "  "), ("lead", &long), ("body", "Tekst.")];
        fields.extend(many.iter().map(|id| ("application", id.as_str())));
        let res = app.post_form("/stories/new", "/stories/new", &fields).await;
        assert_eq!(res.status(), 422);
        let page = res.text().await.unwrap();
        for (field, message) in [("title", "Fyll ut dette feltet."), ("lead", "Teksten er for lang."), ("links", "høyst 12 søknader")] {
            assert!(page.contains(&format!("id=\"{field}-error\"")), "{field}");
            assert!(page.contains(&format!("href=\"#{field}\"")), "the summary links to {field}");
            assert!(page.contains(message), "{message}");
        }
        assert!(page.contains("aria-invalid=\"true\""));
        assert!(page.contains(&long), "what was typed is kept");

        let user = user_row(app, "kari@fjordvik.example").await;
        let e = app.services.editable(&user, a).await.unwrap();
        let draft = app.services.start_application(&user, e.category.id, e.application.unit_id).await.unwrap();
        let d = draft.to_string();
        let res = app.post_form("/stories/new", "/stories/new", &[("title", "T"), ("lead", "L"), ("body", "B"), ("application", &d)]).await;
        assert_eq!(res.status(), 422);
        assert!(res.text().await.unwrap().contains("ikke sendt inn"), "a draft cannot be linked");

        let editor = user_row(app, EDITOR).await;
        let id = app.services.create_story(&editor, text("Bilder", vec![a])).await.unwrap();
        let res = upload(app, id, "bilde.png", PNG.to_vec(), "  ").await;
        assert_eq!(res.status(), 422);
        assert!(res.text().await.unwrap().contains("id=\"alt_text-error\""));
        let res = upload(app, id, "bilde.png", b"<svg onload=alert(1)>".to_vec(), "Et bilde").await;
        assert_eq!(res.status(), 422);
        assert!(res.text().await.unwrap().contains("id=\"attachment-error\""));
        let edit = app.get(&format!("/stories/{id}/edit")).await.text().await.unwrap();
        assert!(!edit.contains("/story-images/"), "nothing stored");
        let res = publish(app, id, None).await;
        assert_eq!(res.status(), 303);
        let page = app.get(&format!("/stories/{id}/edit")).await.text().await.unwrap();
        let version = hidden_value(&page, "version").unwrap();
        let res = app.post_form(&format!("/stories/{id}/edit"), &format!("/stories/{id}/publish"),
            &[("version", &version), ("when", "later"), ("publish_date", "2019-13-40"), ("publish_time", "25:00")]).await;
        assert_eq!(res.status(), 422);
        assert!(res.text().await.unwrap().contains("id=\"publish_date-error\""));
    }

    async fn a_stale_save_is_refused_with_the_stored_version_shown(app) {
        let (a, _) = setup(app, Visibility::OnSubmit).await;
        let editor = user_row(app, EDITOR).await;
        let id = app.services.create_story(&editor, text("Første tittel", vec![a])).await.unwrap();
        let page = app.get(&format!("/stories/{id}/edit")).await.text().await.unwrap();
        let mine = hidden_value(&page, "version").unwrap();
        assert_eq!(mine, "1");
        let theirs = app.services.update_story(&editor, id, 1, text("Tittel fra kollegaen", vec![a])).await.unwrap();
        assert_eq!(theirs, 2);
        let sa = a.to_string();
        let res = app.post_form(&format!("/stories/{id}/edit"), &format!("/stories/{id}/edit"), &[
            ("version", &mine), ("title", "Min tittel"), ("lead", "L"), ("body", "B"), ("application", &sa),
        ]).await;
        assert_eq!(res.status(), 409);
        let page = res.text().await.unwrap();
        assert!(page.contains("Tittel fra kollegaen") && page.contains("Min tittel"), "both versions shown");
        assert_eq!(hidden_value(&page, "version").as_deref(), Some("2"), "saving again overwrites knowingly");
        let stored = app.services.editable_story(&editor, id).await.unwrap();
        assert_eq!(stored.story.title, "Tittel fra kollegaen", "nothing overwritten");
        let res = app.post_form(&format!("/stories/{id}/edit"), &format!("/stories/{id}/publish"), &[("version", "1"), ("when", "now")]).await;
        assert_eq!(res.status(), 409, "publishing a stale version is refused too");
        assert_eq!(anonymous_status(app, id).await, 404);
        let stale = app.services.update_story(&editor, id, 1, text("Igjen", vec![])).await;
        assert!(matches!(stale, Err(ServiceError::Conflict)));
    }
}

on_both_backends! {
    async fn an_editor_sees_and_changes_only_their_own_unpublished_stories(app) {
        let (a, _) = setup(app, Visibility::OnSubmit).await;
        add_named(app, OTHER_EDITOR, "Berit Bakken", Role::Editor).await;
        add_named(app, ADMIN, "Anne Admin", Role::Administrator).await;
        let (mine, theirs) = ("Robotene i kjelleren", "Bibliotekets nattåpne dører");
        let sa = a.to_string();
        let res = app.post_form("/stories/new", "/stories/new", &[
            ("title", mine), ("lead", "Ingress."), ("body", "Tekst."), ("application", &sa),
        ]).await;
        let id = created(&res);
        assert_eq!(upload(app, id, "a.png", PNG.to_vec(), "Robot i kjeller").await.status(), 303);
        let edit_page = app.get(&format!("/stories/{id}/edit")).await.text().await.unwrap();
        let image = edit_page.split("/story-images/").nth(1).unwrap()[..36].to_string();

        let other = TestApp::client_for(app, OTHER_EDITOR).await;
        let res = app.post_form_on(&other, "/stories/new", "/stories/new", &[("title", theirs), ("lead", "L."), ("body", "B.")]).await;
        let their_id = created(&res);
        let desk = other.get(app.url("/stories/drafts")).send().await.unwrap();
        assert_eq!(desk.status(), 200);
        let desk = desk.text().await.unwrap();
        assert!(desk.contains(theirs), "the other editor sees their own draft");
        assert!(!desk.contains(mine) && !desk.contains(&id.to_string()), "but not mine: {desk}");
        assert!(!desk.contains("Skrevet av"), "an editor's own list needs no author column");
        let own = app.get("/stories/drafts").await.text().await.unwrap();
        assert!(own.contains(mine) && !own.contains(theirs), "nor do I see theirs");

        let edit = format!("/stories/{id}/edit");
        let res = other.get(app.url(&edit)).send().await.unwrap();
        assert_eq!(res.status(), 404, "another editor's draft does not exist for them");
        assert!(!res.text().await.unwrap().contains(mine), "not even its title");
        let (version, now) = (("version", "1"), ("when", "now"));
        for (action, fields) in [
            (edit.clone(), vec![version, ("title", "Kapret"), ("lead", "L"), ("body", "B")]),
            (format!("/stories/{id}/publish"), vec![version, now]),
            (format!("/stories/{id}/unpublish"), vec![version]),
            (format!("/stories/{id}/images/{image}/remove"), vec![]),
        ] {
            let res = app.post_form_on(&other, "/stories/drafts", &action, &fields).await;
            assert_eq!(res.status(), 404, "{action}");
        }
        let res = upload_as(app, &other, "/stories/drafts", &format!("/stories/{id}/images")).await;
        assert_eq!(res.status(), 404, "an image upload to another editor's draft");
        assert_eq!(other.get(app.url(&format!("/story-images/{image}"))).send().await.unwrap().status(), 404);
        assert_eq!(other.get(app.url(&format!("/stories/{id}"))).send().await.unwrap().status(), 404);
        let b = user_row(app, OTHER_EDITOR).await;
        assert!(matches!(app.services.editable_story(&b, id).await, Err(ServiceError::NotFound)));
        assert!(matches!(app.services.update_story(&b, id, 1, text("Kapret", vec![])).await, Err(ServiceError::NotFound)));
        let editor = user_row(app, EDITOR).await;
        let stored = app.services.editable_story(&editor, id).await.unwrap();
        assert_eq!((stored.story.title.as_str(), stored.story.published_at, stored.images.len()), (mine, None, 1), "nothing changed");
        assert_eq!(anonymous_status(app, id).await, 404, "nothing published");

        let admin = TestApp::client_for(app, ADMIN).await;
        let desk = admin.get(app.url("/stories/drafts")).send().await.unwrap().text().await.unwrap();
        for shown in [mine, theirs, "Skrevet av", "Per Kristian Lund", "Berit Bakken"] {
            assert!(desk.contains(shown), "the administrator's list shows {shown}");
        }
        let page = admin.get(app.url(&edit)).send().await.unwrap();
        assert_eq!(page.status(), 200, "an administrator edits every story");
        let version = hidden_value(&page.text().await.unwrap(), "version").unwrap();
        let res = app.post_form_on(&admin, &edit, &format!("/stories/{id}/publish"), &[("version", &version), ("when", "now")]).await;
        assert_eq!(res.status(), 303);
        assert_eq!(anonymous_status(app, id).await, 200, "the administrator published it");
        assert_eq!(other.get(app.url(&edit)).send().await.unwrap().status(), 404, "a published story: its author or an administrator");
        assert_eq!(app.get(&edit).await.status(), 200, "the author still edits it");
        assert_eq!(other.get(app.url(&format!("/stories/{their_id}/edit"))).send().await.unwrap().status(), 200);
    }

    async fn a_draft_is_previewed_at_its_address_only_by_those_who_may_edit_it(app) {
        let (a, _) = setup(app, Visibility::OnSubmit).await;
        add_named(app, OTHER_EDITOR, "Berit Bakken", Role::Editor).await;
        let editor = user_row(app, EDITOR).await;
        let title = "Robotene som lærte å lytte";
        let id = app.services.create_story(&editor, text(title, vec![a])).await.unwrap();
        let address = format!("/stories/{id}");

        let edit = app.get(&format!("/stories/{id}/edit")).await.text().await.unwrap();
        assert!(edit.contains(&format!("href=\"{address}\"")) && edit.contains("Forhåndsvis"), "the edit page links to the preview");
        let res = app.get(&address).await;
        assert_eq!(res.status(), 200, "the author previews the draft");
        let cache = res.headers().get("cache-control").map(|v| v.to_str().unwrap().to_string());
        assert_eq!(cache.as_deref(), Some("no-store"));
        let page = res.text().await.unwrap();
        assert!(page.contains(title) && page.contains("<strong>roboter</strong>"), "the story as it will look");
        assert!(page.contains("Forhåndsvisning: ikke publisert ennå"), "with the banner");
        assert!(page.contains("<meta name=\"robots\" content=\"noindex\">"));
        assert!(page.contains(&format!("href=\"/stories/{id}/edit\"")), "and the way back to editing");

        let (status, body) = anonymous(app, &address).await;
        assert_eq!(status, 404, "everyone else: no such story");
        assert!(!body.contains(title));
        let other = TestApp::client_for(app, OTHER_EDITOR).await;
        let res = other.get(app.url(&address)).send().await.unwrap();
        assert_eq!(res.status(), 404, "another editor too");
        assert!(!res.text().await.unwrap().contains(title));
        assert_eq!(app.get(&address).await.status(), 200);
        let (status, body) = anonymous(app, &address).await;
        assert_eq!(status, 404, "the author's preview left nothing in the cache");
        assert!(!body.contains(title));

        let at = (app.services.clock.now() + time::Duration::days(3)).replace_second(0).unwrap();
        assert_eq!(publish(app, id, Some(at)).await.status(), 303);
        let page = app.get(&address).await.text().await.unwrap();
        let (_, clock) = oslo_parts(at);
        assert!(page.contains("Forhåndsvisning: planlagt publisert"), "a scheduled story says when");
        assert!(page.contains(&clock), "{clock} in {page}");
        assert_eq!(anonymous(app, &address).await.0, 404, "not before its time");

        app.clock.set(at);
        let res = app.get(&address).await;
        assert!(res.headers().get("cache-control").is_none_or(|v| v != "no-store"), "a public story may be cached");
        let page = res.text().await.unwrap();
        assert!(page.contains(title) && !page.contains("Forhåndsvisning"), "no banner once it is public");
        assert!(!page.contains("noindex"));
        let (status, body) = anonymous(app, &address).await;
        assert_eq!((status, body.contains(title)), (200, true), "public from its time");
    }
}

async fn anonymous_status(app: &TestApp, id: Uuid) -> u16 {
    anonymous(app, &format!("/stories/{id}")).await.0
}
