//! The JSON API's answers to what it cannot serve: every error is the documented JSON shape
//! (`ApiErrorBody`) with the parameter at fault named, a method the API does not take is 405
//! with `Allow` (not a 403 for a CSRF token an API client never has), and stories are there
//! from their publication time only. `scripts/api-contract/run.sh` checks the OpenAPI
//! document against the running API with schemathesis; this holds the cases by name.

use crate::contracts::content;
use crate::fixtures::user_row;
use crate::harness::{TestApp, new_client};
use crate::on_both_backends;
use prisverdig_domain::role::Role;
use prisverdig_domain::story::StoryText;
use reqwest::Method;

/// Status, content type and JSON body of a request from a fresh client (no cookies).
async fn call(app: &TestApp, method: Method, path: &str) -> (u16, String, serde_json::Value) {
    let res = new_client()
        .request(method, app.url(path))
        .send()
        .await
        .unwrap();
    let status = res.status().as_u16();
    let kind = res
        .headers()
        .get("content-type")
        .map_or(String::new(), |v| v.to_str().unwrap().to_string());
    let text = res.text().await.unwrap();
    let json = serde_json::from_str(&text).unwrap_or(serde_json::Value::Null);
    (status, kind, json)
}

on_both_backends! {
    async fn a_parameter_the_api_cannot_use_is_refused_at_its_name(app) {
        let ids = content(app).await;
        let long = "a".repeat(201);
        let cases = [
            ("/api/v1/applications?category=prize", "category"),
            ("/api/v1/applications?category=", "category"),
            ("/api/v1/applications?status=loser", "status"),
            ("/api/v1/applications?year=twenty", "year"),
            ("/api/v1/applications?year=99999", "year"),
            ("/api/v1/applications?page=0", "page"),
            ("/api/v1/applications?page=first", "page"),
            (&format!("/api/v1/applications?q={long}"), "q"),
            ("/api/v1/applications/not-an-id", "id"),
            ("/api/v1/stories?page=-3", "page"),
            ("/api/v1/stories/not-an-id", "id"),
        ];
        for (path, field) in cases {
            let (status, kind, body) = call(app, Method::GET, path).await;
            assert_eq!(status, 400, "{path}");
            assert_eq!(kind, "application/json", "{path}");
            assert_eq!(body["error"], "bad_request", "{path}");
            assert_eq!(body["field"], field, "{path}");
            assert!(body["message"].as_str().is_some_and(|m| !m.is_empty()), "{path}");
        }
        // What the documentation offers is accepted.
        let (status, _, body) = call(app, Method::GET, "/api/v1/applications?category=innovation&status=winner&year=2020&page=1&q=renhold").await;
        assert_eq!(status, 200);
        assert_eq!(body["items"][0]["id"], ids[0].to_string());
    }

    async fn a_method_the_api_does_not_take_is_405_with_the_json_shape(app) {
        let ids = content(app).await;
        let one = format!("/api/v1/applications/{}", ids[0]);
        let paths = ["/api/v1/applications", one.as_str(), "/api/v1/stories", "/api/openapi.json"];
        let trace = Method::from_bytes(b"TRACE").unwrap();
        for path in paths {
            for method in [Method::POST, Method::DELETE, Method::PUT, Method::PATCH, trace.clone()] {
                let res = new_client().request(method.clone(), app.url(path)).send().await.unwrap();
                assert_eq!(res.status(), 405, "{method} {path}");
                let allow = res.headers().get("allow").map(|v| v.to_str().unwrap().to_string());
                assert!(allow.as_deref().is_some_and(|a| a.contains("GET")), "{method} {path}: {allow:?}");
                assert_eq!(res.headers()["content-type"], "application/json", "{method} {path}");
                let body: serde_json::Value = res.json().await.unwrap();
                assert_eq!(body["error"], "method_not_allowed", "{method} {path}");
            }
        }
        // A path the API does not have: the JSON shape too.
        let (status, kind, body) = call(app, Method::GET, "/api/v2/applications").await;
        assert_eq!((status, kind.as_str()), (404, "application/json"));
        assert_eq!(body["error"], "not_found");
        // The pages' forms stay protected: a POST without a token is still refused there.
        let (status, _, _) = call(app, Method::POST, &format!("/applications/{}/cheer", ids[0])).await;
        assert_eq!(status, 403);
        // TRACE on a page answers 405, not 403.
        let (status, _, _) = call(app, trace, &format!("/applications/{}", ids[0])).await;
        assert_eq!(status, 405);
    }

    async fn stories_are_in_the_api_from_their_publication_time(app) {
        let ids = content(app).await;
        let (status, _, list) = call(app, Method::GET, "/api/v1/stories").await;
        assert_eq!(status, 200);
        assert_eq!(list["total"], 1);
        let story = &list["items"][0];
        assert_eq!(story["title"], "Renhold som lytter");
        assert_eq!(story["author"], "Rita Redaktør");
        let id = story["id"].as_str().unwrap().to_string();
        let (status, _, detail) = call(app, Method::GET, &format!("/api/v1/stories/{id}")).await;
        assert_eq!(status, 200);
        assert_eq!(detail["body"], "Det begynte med **sensorer**.");
        assert_eq!(detail["applications"][0]["id"], ids[0].to_string());
        assert_eq!(detail["url"], format!("/stories/{id}"));

        // A draft and a scheduled story are nowhere in the API.
        let editor = user_row(app, "redaktor@fjordvik.example").await;
        assert!(editor.roles.contains(&Role::Editor));
        let text = |title: &str| StoryText {
            title: title.into(),
            lead: "Ingress.".into(),
            body: "Tekst.".into(),
            links: vec![ids[0]],
        };
        let draft = app.services.create_story(&editor, text("Hemmelig utkast")).await.unwrap();
        let later = app.services.create_story(&editor, text("Kommer i morgen")).await.unwrap();
        let tomorrow = app.services.clock.now() + time::Duration::days(1);
        app.services.publish_story(&editor, later, 1, Some(tomorrow)).await.unwrap();
        for hidden in [draft, later] {
            let (status, _, body) = call(app, Method::GET, &format!("/api/v1/stories/{hidden}")).await;
            assert_eq!((status, body["error"].as_str()), (404, Some("not_found")));
        }
        let (_, _, list) = call(app, Method::GET, "/api/v1/stories").await;
        assert_eq!(list["total"], 1, "{list}");
        let listed = list.to_string();
        assert!(!listed.contains("Hemmelig") && !listed.contains("Kommer i morgen"));
    }
}
