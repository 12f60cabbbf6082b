//! Request ids: every response names its request (`x-request-id`), a caller's own id is
//! kept, and the server's log lines for a request carry it, with the route template and
//! without the concrete path or the query string.

use crate::on_both_backends;
use std::io::Read;
use std::process::{Command, Stdio};

fn request_id(res: &reqwest::Response) -> String {
    res.headers()
        .get("x-request-id")
        .expect("the response names its request")
        .to_str()
        .unwrap()
        .to_string()
}

on_both_backends! {
    async fn every_response_gets_a_fresh_request_id(app) {
        // The front page twice: the second comes from the page cache and still gets its own id.
        let first = request_id(&app.get("/").await);
        let second = request_id(&app.get("/").await);
        let missing = app.get("/no/such/page").await;
        assert_eq!(missing.status(), 404);
        let third = request_id(&missing);
        for id in [&first, &second, &third] {
            assert!(uuid::Uuid::parse_str(id).is_ok(), "{id} is a UUID");
        }
        assert!(first != second && second != third && first != third);
    }

    async fn a_callers_request_id_is_echoed(app) {
        for path in ["/", "/healthz", "/no/such/page"] {
            let res = app.client.get(app.url(path)).header("x-request-id", "lb-7f3a-42").send().await.unwrap();
            assert_eq!(request_id(&res), "lb-7f3a-42", "{path}");
        }
    }
}

/// The served binary, with the log at `info`: the line a finished request logs carries its
/// id and route template; neither the path's id nor the query string reaches the log.
#[tokio::test]
async fn log_lines_carry_the_request_id_and_no_query_string() {
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let dir = std::env::temp_dir().join(format!("prisverdig-log-{}", uuid::Uuid::now_v7()));
    let mut child = Command::new(env!("CARGO_BIN_EXE_prisverdig"))
        .args([
            "serve",
            "--bind",
            &format!("127.0.0.1:{port}"),
            "--data-dir",
        ])
        .arg(&dir)
        .env_remove("PRISVERDIG_DATABASE_URL")
        .env("PRISVERDIG_LOG", "info")
        .env("NO_COLOR", "1")
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let base = format!("http://127.0.0.1:{port}");
    let client = crate::harness::new_client();
    let mut up = false;
    for _ in 0..200 {
        if client.get(format!("{base}/healthz")).send().await.is_ok() {
            up = true;
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    }
    let application = uuid::Uuid::now_v7();
    let res = client
        .get(format!("{base}/applications/{application}?q=private-words"))
        .header("x-request-id", "trace-me-0042")
        .send()
        .await;
    child.kill().unwrap();
    let mut log = String::new();
    child
        .stderr
        .take()
        .unwrap()
        .read_to_string(&mut log)
        .unwrap();
    child.wait().unwrap();
    let _ = std::fs::remove_dir_all(&dir);
    assert!(up, "the server started: {log}");
    assert_eq!(res.unwrap().status(), 404);
    let line = log
        .lines()
        .find(|l| l.contains("trace-me-0042"))
        .unwrap_or_else(|| panic!("a log line carries the request id: {log}"));
    assert!(
        line.contains("/applications/{id}") && line.contains("GET"),
        "{line}"
    );
    assert!(line.contains("status=404"), "{line}");
    assert!(
        !log.contains("private-words"),
        "no query string in the log: {log}"
    );
    assert!(
        !log.contains(&application.to_string()),
        "no concrete path in the log: {log}"
    );
}
