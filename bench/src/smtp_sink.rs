//! A real SMTP server on loopback for the e-mail tests: it speaks enough of RFC 5321 for a
//! client (EHLO/HELO, MAIL, RCPT, DATA, RSET, NOOP, QUIT), keeps every message it accepts,
//! and can be stopped (its port closed, its connections cut) and started again on the same
//! port, as a mail server that goes down and comes back.

use std::net::SocketAddr;
use std::sync::{Arc, Mutex};
use tokio::io::{AsyncBufReadExt, AsyncWriteExt, BufReader};
use tokio::net::{TcpListener, TcpStream};
use tokio::task::JoinHandle;

/// One accepted message: its envelope recipients and its raw text (headers and body).
#[derive(Debug, Clone)]
pub struct Received {
    pub recipients: Vec<String>,
    pub data: String,
}

impl Received {
    /// The message parsed: decoded subject, and the plain-text and HTML parts.
    pub fn parsed(&self) -> (String, String, String) {
        let mail = mailparse::parse_mail(self.data.as_bytes()).unwrap();
        let subject = mail
            .headers
            .iter()
            .find(|h| h.get_key().eq_ignore_ascii_case("subject"));
        let subject = subject.map(|h| h.get_value()).unwrap_or_default();
        let part = |kind: &str| {
            mail.subparts
                .iter()
                .find(|p| p.ctype.mimetype == kind)
                .map(|p| p.get_body().unwrap())
                .unwrap_or_default()
        };
        (subject, part("text/plain"), part("text/html"))
    }

    /// A header's value, as written (unfolded lines are joined).
    pub fn header(&self, name: &str) -> Option<String> {
        let head = self.data.split("\r\n\r\n").next()?;
        let mut value: Option<String> = None;
        for line in head.split("\r\n") {
            if let Some(v) = value.as_mut()
                && line.starts_with([' ', '\t'])
            {
                v.push_str(line.trim_start());
                continue;
            }
            if value.is_some() {
                break;
            }
            if let Some((n, v)) = line.split_once(':')
                && n.eq_ignore_ascii_case(name)
            {
                value = Some(v.trim().to_string());
            }
        }
        value
    }
}

pub struct SmtpSink {
    pub addr: SocketAddr,
    received: Arc<Mutex<Vec<Received>>>,
    /// Milliseconds the server waits, after keeping a message, before it says «accepted».
    ack_delay: Arc<std::sync::atomic::AtomicU64>,
    server: Mutex<Option<JoinHandle<()>>>,
}

impl SmtpSink {
    pub async fn start() -> SmtpSink {
        let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
        let addr = listener.local_addr().unwrap();
        let received = Arc::new(Mutex::new(Vec::new()));
        let ack_delay = Arc::default();
        let server = tokio::spawn(serve(listener, received.clone(), Arc::clone(&ack_delay)));
        SmtpSink {
            addr,
            received,
            ack_delay,
            server: Mutex::new(Some(server)),
        }
    }

    /// The URL Prisverdig's `smtp_url` takes for this server.
    pub fn url(&self) -> String {
        format!("smtp://{}", self.addr)
    }

    /// Closes the port and cuts every open connection.
    pub fn stop(&self) {
        if let Some(server) = self.server.lock().unwrap().take() {
            server.abort();
        }
    }

    /// Listens again on the same port.
    pub async fn restart(&self) {
        self.stop();
        let listener = loop {
            match TcpListener::bind(self.addr).await {
                Ok(l) => break l,
                Err(_) => tokio::time::sleep(std::time::Duration::from_millis(20)).await,
            }
        };
        let server = serve(listener, self.received.clone(), self.ack_delay.clone());
        *self.server.lock().unwrap() = Some(tokio::spawn(server));
    }

    /// Keeps each message, then waits this long before saying «accepted».
    pub fn delay_acceptance(&self, millis: u64) {
        self.ack_delay
            .store(millis, std::sync::atomic::Ordering::SeqCst);
    }

    pub fn received(&self) -> Vec<Received> {
        self.received.lock().unwrap().clone()
    }
}

impl Drop for SmtpSink {
    fn drop(&mut self) {
        self.stop();
    }
}

/// Accepts connections until aborted; aborting it aborts the sessions it spawned.
type Delay = Arc<std::sync::atomic::AtomicU64>;

async fn serve(listener: TcpListener, received: Arc<Mutex<Vec<Received>>>, delay: Delay) {
    let mut sessions = tokio::task::JoinSet::new();
    loop {
        tokio::select! {
            accepted = listener.accept() => {
                if let Ok((stream, _)) = accepted {
                    // Replies go out at once, as a mail server's do (no Nagle wait on them).
                    let _ = stream.set_nodelay(true);
                    sessions.spawn(session(stream, received.clone(), delay.clone()));
                }
            }
            Some(_) = sessions.join_next(), if !sessions.is_empty() => {}
        }
    }
}

async fn session(stream: TcpStream, received: Arc<Mutex<Vec<Received>>>, delay: Delay) {
    let (read, mut write) = stream.into_split();
    let mut lines = BufReader::new(read);
    let _ = write.write_all(b"220 sink ESMTP\r\n").await;
    let mut recipients = Vec::new();
    let mut line = String::new();
    loop {
        line.clear();
        if lines.read_line(&mut line).await.unwrap_or(0) == 0 {
            return;
        }
        let command = line.trim_end().to_ascii_uppercase();
        let reply: &[u8] = if command.starts_with("EHLO") {
            b"250-sink\r\n250 8BITMIME\r\n"
        } else if command.starts_with("HELO") || command.starts_with("NOOP") {
            b"250 OK\r\n"
        } else if command.starts_with("MAIL FROM") || command.starts_with("RSET") {
            recipients.clear();
            b"250 OK\r\n"
        } else if command.starts_with("RCPT TO") {
            let to = line.trim_end()[8..]
                .trim()
                .trim_matches(['<', '>'])
                .to_string();
            recipients.push(to);
            b"250 OK\r\n"
        } else if command == "DATA" {
            let _ = write.write_all(b"354 go ahead\r\n").await;
            let mut data = String::new();
            loop {
                let mut part = String::new();
                if lines.read_line(&mut part).await.unwrap_or(0) == 0 {
                    return;
                }
                if part == ".\r\n" {
                    break;
                }
                data.push_str(part.strip_prefix('.').unwrap_or(&part));
            }
            received.lock().unwrap().push(Received {
                recipients: std::mem::take(&mut recipients),
                data,
            });
            let wait = delay.load(std::sync::atomic::Ordering::SeqCst);
            tokio::time::sleep(std::time::Duration::from_millis(wait)).await;
            b"250 accepted\r\n"
        } else if command.starts_with("QUIT") {
            let _ = write.write_all(b"221 bye\r\n").await;
            return;
        } else {
            b"502 not implemented\r\n"
        };
        if write.write_all(reply).await.is_err() {
            return;
        }
    }
}
