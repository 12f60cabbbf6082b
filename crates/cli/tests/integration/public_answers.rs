//! Issue 14: what search finds is exactly what the public sees. The answer to the category's
//! own question and the note on the idea's origin are on the public page and in the API, and
//! searchable; the contact person and an answer to a question the category does not ask are
//! shown nowhere, so nothing finds them either.

use crate::catalogue::setup;
use crate::fixtures::{PASSWORD, user_row};
use crate::harness::{TestApp, new_client};
use crate::on_both_backends;
use prisverdig_domain::application_form::ApplicationForm;
use prisverdig_domain::category::CategoryKind;
use prisverdig_domain::role::Role;
use prisverdig_service::apply::Intent;
use prisverdig_service::search::SearchQuery;
use sqlx::types::Json;
use uuid::Uuid;

const QUESTION: &str = "Hvordan delte dere erfaringene?";

/// Whether a search for `word` finds `id`.
async fn found(app: &TestApp, word: &str, id: Uuid) -> bool {
    let query = SearchQuery {
        text: word.to_string(),
        per_page: 100,
        ..Default::default()
    };
    let hits = app.services.search(query).await.unwrap().hits;
    hits.iter().any(|h| h.id == id)
}

/// An application in a category with a question of its own, answered; its stored answers
/// also hold an answer to a question the category does not ask (as older data can), and a
/// note on the idea's origin.
async fn application(app: &TestApp) -> Uuid {
    let round = setup(app).await;
    let category = round.category(CategoryKind::Innovation);
    let admin = prisverdig_service::users::AddUser {
        email: "admin@fjordvik.example",
        name: "Ada Admin",
        roles: &[Role::Administrator],
        password: PASSWORD,
    };
    let admin = app.services.add_user(admin).await.unwrap();
    let admin = app.services.user(admin).await.unwrap().unwrap();
    let input = prisverdig_domain::setup::QuestionInput {
        text: QUESTION,
        help: "",
        required: false,
    };
    let question = app
        .services
        .add_question(&admin, category, &input)
        .await
        .unwrap();
    let kari = user_row(app, "kari@fjordvik.example").await;
    let id = app
        .services
        .start_application(&kari, category, round.unit)
        .await
        .unwrap();
    let mut form = ApplicationForm {
        title: "Felles vikarpool".into(),
        summary: "Vikarer på tvers av barnehagene.".into(),
        idea_origin: Some(prisverdig_domain::application::IdeaOrigin::Adapted),
        ..Default::default()
    };
    let a = &mut form.answers;
    (a.what_we_did, a.three_years_ago, a.effect) =
        ("Én pool.".into(), "Før.".into(), "Bedre.".into());
    (a.contact, a.origin_from) = ("Quiltmakeren Kari".into(), "Fra en nabokommune.".into());
    a.criteria = vec!["Ja".into(); 6];
    a.questions
        .insert(question, "Frokostmøter med styrerne".into());
    let saved = app
        .services
        .save_application(&kari, id, 1, form.clone(), Intent::Submit)
        .await
        .unwrap();
    assert!(saved.submitted, "{:?}", saved.problems);
    form.answers
        .questions
        .insert(Uuid::now_v7(), "Pelikanprosjektet".into());
    let answers = serde_json::to_value(&form.answers).unwrap();
    prisverdig_store::on_pool!(app.services.db(), |pool| sqlx::query(
        "UPDATE application SET answers = $1, origin_note = $2 WHERE id = $3"
    )
    .bind(Json(&answers))
    .bind("Idé fra Trondheimsmodellen")
    .bind(id)
    .execute(pool)
    .await
    .map(|_| ()))
    .unwrap();
    id
}

on_both_backends! {
    async fn search_finds_exactly_what_the_page_and_the_api_show(app) {
        app.services.search_index().await.unwrap();
        let id = application(app).await;
        // The index follows the change counter, as the poller makes it.
        app.services.catch_up().await.unwrap();
        assert!(found(app, "frokostmøter", id).await, "the answer to the category's question");
        assert!(found(app, "Trondheimsmodellen", id).await, "the note on the idea's origin");
        assert!(!found(app, "Quiltmakeren", id).await, "the contact person is private");
        assert!(!found(app, "Pelikanprosjektet", id).await, "an answer to a question the category does not ask");

        let page = new_client().get(app.url(&format!("/applications/{id}"))).send().await.unwrap().text().await.unwrap();
        assert!(page.contains(QUESTION) && page.contains("Frokostmøter med styrerne"), "the question and its answer");
        assert!(page.contains("Idé fra Trondheimsmodellen") && page.contains("Fra en nabokommune."), "where the idea came from");
        assert!(!page.contains("Quiltmakeren") && !page.contains("Pelikanprosjektet"));

        let api: serde_json::Value = app.get(&format!("/api/v1/applications/{id}")).await.json().await.unwrap();
        let answers = api["answers"].as_array().unwrap();
        let part = |name: &str| answers.iter().find(|a| a["part"] == name).cloned();
        let question = part("question").expect("the category's question is answered in the API");
        assert_eq!((question["question"].as_str(), question["answer"].as_str()), (Some(QUESTION), Some("Frokostmøter med styrerne")));
        assert_eq!(part("origin_note").unwrap()["answer"], "Idé fra Trondheimsmodellen");
        assert_eq!(part("origin_from").unwrap()["answer"], "Fra en nabokommune.");
        let text = api.to_string();
        assert!(!text.contains("Quiltmakeren") && !text.contains("Pelikanprosjektet"));
    }
}
