//! The `prisverdig` binary itself: clear one-line failures, and the demo that signs in.

use std::io::{BufRead, BufReader};
use std::process::{Command, Stdio};

const BIN: &str = env!("CARGO_BIN_EXE_prisverdig");

fn temp_dir() -> std::path::PathBuf {
    let dir = std::env::temp_dir().join(format!("prisverdig-bin-{}", uuid::Uuid::now_v7()));
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

/// Runs the binary to completion; returns (success, stderr lines).
fn run(args: &[&str], env: &[(&str, &str)]) -> (bool, Vec<String>) {
    let out = Command::new(BIN)
        .args(args)
        .envs(env.iter().copied())
        .env_remove("PRISVERDIG_DATABASE_URL")
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    let lines = stderr
        .lines()
        .filter(|l| !l.trim().is_empty())
        .map(str::to_string)
        .collect();
    (out.status.success(), lines)
}

fn assert_one_clear_line(lines: &[String], mentions: &str) {
    assert_eq!(lines.len(), 1, "exactly one line: {lines:?}");
    assert!(lines[0].starts_with("prisverdig: "), "{lines:?}");
    assert!(
        lines[0].contains(mentions),
        "{lines:?} should mention {mentions:?}"
    );
    assert!(!lines[0].contains("panicked") && !lines[0].contains("RUST_BACKTRACE"));
}

#[test]
fn a_bad_setting_stops_start_up_with_one_line() {
    let dir = temp_dir();
    let data = dir.to_str().unwrap();
    let (ok, lines) = run(
        &["migrate", "--data-dir", data],
        &[("PRISVERDIG_BIND", "somewhere")],
    );
    assert!(!ok);
    assert_one_clear_line(&lines, "PRISVERDIG_BIND");

    let config = dir.join("bad.toml");
    std::fs::write(&config, "session_idle_minutes = -3\n").unwrap();
    let (ok, lines) = run(&["--config", config.to_str().unwrap(), "migrate"], &[]);
    assert!(!ok);
    assert_one_clear_line(&lines, "session_idle_minutes");
}

#[test]
fn a_pale_accent_colour_or_a_logo_that_is_no_image_stops_start_up() {
    let dir = temp_dir();
    let data = dir.to_str().unwrap();
    let (ok, lines) = run(
        &["migrate", "--data-dir", data],
        &[("PRISVERDIG_ACCENT_COLOUR", "#ffcc00")],
    );
    assert!(!ok);
    assert_one_clear_line(&lines, "PRISVERDIG_ACCENT_COLOUR");
    assert!(lines[0].contains("contrast of 1.5:1"), "{lines:?}");
    let fake = dir.join("logo.png");
    std::fs::write(&fake, "<svg onload=alert(1)>").unwrap();
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .to_string();
    let (ok, lines) = run(
        &["serve", "--bind", &port, "--data-dir", data],
        &[("PRISVERDIG_LOGO_FILE", fake.to_str().unwrap())],
    );
    assert!(!ok);
    assert_one_clear_line(&lines, "is not a PNG, JPEG, WebP or GIF image");
}

#[test]
fn a_port_in_use_gives_one_line() {
    let taken = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let addr = taken.local_addr().unwrap().to_string();
    let dir = temp_dir();
    let (ok, lines) = run(
        &[
            "serve",
            "--bind",
            &addr,
            "--data-dir",
            dir.to_str().unwrap(),
        ],
        &[],
    );
    assert!(!ok);
    assert_one_clear_line(&lines, &format!("cannot listen on {addr}"));
}

#[test]
fn a_database_that_cannot_be_opened_gives_one_line() {
    let (ok, lines) = run(
        &[
            "migrate",
            "--database-url",
            "postgres://nobody@127.0.0.1:1/none",
        ],
        &[],
    );
    assert!(!ok);
    assert_one_clear_line(&lines, "could not open the database");
    let (ok, lines) = run(
        &[
            "migrate",
            "--database-url",
            "sqlite:///proc/no/such/dir/x.db",
        ],
        &[],
    );
    assert!(!ok);
    assert_one_clear_line(&lines, "could not open the database");
}

#[test]
fn user_add_prints_a_one_time_password_and_refuses_bad_input() {
    let dir = temp_dir();
    let data = dir.to_str().unwrap();
    let out = Command::new(BIN)
        .args([
            "user",
            "add",
            "--email",
            "ola@fjordvik.example",
            "--name",
            "Ola",
            "--role",
            "juror",
            "--data-dir",
            data,
        ])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let stdout = String::from_utf8_lossy(&out.stdout);
    let password = stdout
        .lines()
        .find_map(|l| l.strip_prefix("One-time password: "))
        .unwrap();
    assert_eq!(password.len(), 20);
    let (ok, lines) = run(
        &[
            "user",
            "add",
            "--email",
            "ola@fjordvik.example",
            "--name",
            "Ola",
            "--role",
            "juror",
            "--data-dir",
            data,
        ],
        &[],
    );
    assert!(!ok);
    assert_one_clear_line(&lines, "error-email-taken");
}

/// The README's run command: serve with demo data; the printed credentials sign in.
#[tokio::test]
async fn serve_demo_prints_credentials_that_sign_in() {
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let dir = temp_dir();
    let mut child = Command::new(BIN)
        .args([
            "serve",
            "--demo",
            "--bind",
            &format!("127.0.0.1:{port}"),
            "--data-dir",
            dir.to_str().unwrap(),
        ])
        .env("PRISVERDIG_LOG", "warn")
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let stdout = BufReader::new(child.stdout.take().unwrap());
    let (mut email, mut password, mut secret) = (String::new(), String::new(), String::new());
    for line in stdout.lines() {
        let line = line.unwrap();
        if let Some(v) = line.trim().strip_prefix("TOTP secret:") {
            secret = v.trim().to_string();
        }
        if let Some(v) = line.trim().strip_prefix("e-mail:") {
            email = v.trim().to_string();
        }
        if let Some(v) = line.trim().strip_prefix("password:") {
            password = v.trim().to_string();
        }
        if line.contains("serving at") {
            break;
        }
    }
    let base = format!("http://127.0.0.1:{port}");
    let client = crate::harness::new_client();
    assert_eq!(
        client
            .get(format!("{base}/healthz"))
            .send()
            .await
            .unwrap()
            .status(),
        200
    );
    let page = client
        .get(format!("{base}/sign-in"))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    let token = crate::harness::hidden_value(&page, "_csrf").unwrap();
    let res = client
        .post(format!("{base}/sign-in"))
        .form(&[
            ("email", email.as_str()),
            ("password", password.as_str()),
            ("_csrf", token.as_str()),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 303, "the printed password is right");
    assert_eq!(res.headers()["location"], "/sign-in/code", "then the code");
    let page = client
        .get(format!("{base}/sign-in/code"))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    let token = crate::harness::hidden_value(&page, "_csrf").unwrap();
    // The printed secret in an authenticator app, on this machine's clock.
    let seconds = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_secs();
    let code = crate::harness::totp_at(&secret, i64::try_from(seconds / 30).unwrap());
    let res = client
        .post(format!("{base}/sign-in/code"))
        .form(&[("code", code.as_str()), ("_csrf", token.as_str())])
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 303, "the printed credentials sign in");
    assert_eq!(res.headers()["location"], "/");
    // The demo's round closed in 2019: draft retention (run at start-up) must not eat its
    // drafts, or a new user never sees one.
    let expired = client
        .get(format!(
            "{base}/admin/audit?action=application.drafts_expired"
        ))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    child.kill().unwrap();
    child.wait().unwrap();
    assert!(
        expired.contains("Oppføringer: 0"),
        "the demo keeps its drafts: {expired}"
    );
    let _ = std::fs::remove_dir_all(dir);
}

fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

/// `/metrics` is closed on the public address without a token, and open on `metrics_bind`.
#[tokio::test]
async fn metrics_are_served_on_their_own_address_only() {
    let (port, metrics_port) = (free_port(), free_port());
    let dir = temp_dir();
    let mut child = Command::new(BIN)
        .args([
            "serve",
            "--bind",
            &format!("127.0.0.1:{port}"),
            "--data-dir",
            dir.to_str().unwrap(),
        ])
        .env("PRISVERDIG_LOG", "warn")
        .env(
            "PRISVERDIG_METRICS_BIND",
            format!("127.0.0.1:{metrics_port}"),
        )
        .env_remove("PRISVERDIG_DATABASE_URL")
        .env_remove("PRISVERDIG_METRICS_TOKEN")
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let stdout = BufReader::new(child.stdout.take().unwrap());
    for line in stdout.lines() {
        if line.unwrap().contains("serving at") {
            break;
        }
    }
    let client = reqwest::Client::new();
    let status = |url: String| {
        let client = client.clone();
        async move { client.get(url).send().await.map(|r| r.status().as_u16()) }
    };
    let public = status(format!("http://127.0.0.1:{port}/metrics")).await;
    let private = status(format!("http://127.0.0.1:{metrics_port}/metrics")).await;
    let other = status(format!("http://127.0.0.1:{metrics_port}/catalogue")).await;
    child.kill().unwrap();
    child.wait().unwrap();
    let _ = std::fs::remove_dir_all(dir);
    assert_eq!(
        public.unwrap(),
        404,
        "no token configured: nobody on the public address"
    );
    assert_eq!(private.unwrap(), 200);
    assert_eq!(
        other.unwrap(),
        404,
        "the metrics address serves nothing else"
    );
}
