//! Processes the benchmarks start beside the server: a child stopped when dropped, and nginx
//! serving a page's bytes as a static file (the reference for our cached pages).

use anyhow::Context;
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::time::Duration;

/// Stops the child when dropped: SIGTERM, then SIGKILL if it lingers.
pub struct Running(pub Child);

impl Drop for Running {
    #[expect(
        clippy::disallowed_methods,
        reason = "drop cannot await; runs once per server when the benchmark ends"
    )]
    fn drop(&mut self) {
        let pid = self.0.id().to_string();
        let _ = Command::new("kill").args(["-TERM", &pid]).status();
        for _ in 0..50 {
            if matches!(self.0.try_wait(), Ok(Some(_))) {
                return;
            }
            std::thread::sleep(Duration::from_millis(100));
        }
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

/// nginx (2 workers, sendfile) serving `page` at `/catalogue` on a free loopback port; returns
/// it and its base URL.
pub fn start_nginx(dir: &Path, page: &[u8]) -> anyhow::Result<(Running, String)> {
    let www = dir.join("www");
    std::fs::create_dir_all(&www)?;
    std::fs::write(www.join("catalogue.html"), page)?;
    let port = std::net::TcpListener::bind("127.0.0.1:0")?
        .local_addr()?
        .port();
    let conf = format!(
        "worker_processes 2; daemon off; pid {dir}/nginx.pid; error_log {dir}/nginx-error.log;\n\
         events {{ worker_connections 1024; }}\n\
         http {{ access_log off; sendfile on; tcp_nopush on; keepalive_requests 100000;\n\
           server {{ listen 127.0.0.1:{port}; root {www};\n\
             location = /catalogue {{ default_type \"text/html; charset=utf-8\"; try_files /catalogue.html =404; }} }} }}\n",
        dir = dir.display(),
        www = www.display(),
    );
    let conf_path = dir.join("nginx.conf");
    std::fs::write(&conf_path, conf)?;
    let child = Command::new("nginx")
        .arg("-c")
        .arg(&conf_path)
        .arg("-p")
        .arg(dir)
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .context("nginx (apt-get install nginx-light)")?;
    Ok((Running(child), format!("http://127.0.0.1:{port}")))
}
