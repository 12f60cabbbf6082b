//! The HTTP client under the S3 store: reqwest 0.12 with rustls on ring, the TLS stack this
//! binary has already (openidconnect's reqwest, lettre), trusting the system's certificates
//! as well as the built-in ones, so an organisation's own CA works as it does for SMTP.
//!
//! Why not `object_store`'s own client (ADR 0020): it is reqwest 0.13, whose rustls comes
//! either with aws-lc-rs (a second crypto stack, built from C) or with no provider at all;
//! the latter makes every reqwest 0.13 client in the process (the tests', the benchmarks')
//! panic unless a process-wide default was installed before it. This adapter needs neither.

use object_store::ClientOptions;
use object_store::client::{
    ClientConfigKey, HttpClient, HttpConnector, HttpError, HttpErrorKind, HttpRequest,
    HttpResponse, HttpResponseBody, HttpService,
};
use reqwest_012 as reqwest;
use std::error::Error;
use std::time::Duration;

/// Makes the clients for the S3 store and its credential providers.
#[derive(Debug)]
pub(super) struct Connector {
    pub(super) timeout: Duration,
}

impl HttpConnector for Connector {
    fn connect(&self, options: &ClientOptions) -> object_store::Result<HttpClient> {
        // Plain HTTP only where the store allows it: an http:// endpoint, or the instance
        // metadata service that credential providers ask.
        let allow_http = options
            .get_config_value(&ClientConfigKey::AllowHttp)
            .is_some_and(|v| v == "true");
        let client = reqwest::Client::builder()
            .https_only(!allow_http)
            .connect_timeout(Duration::from_secs(5))
            .timeout(self.timeout)
            .build()
            .map_err(|e| object_store::Error::Generic {
                store: "S3",
                source: Box::new(e),
            })?;
        Ok(HttpClient::new(Client(client)))
    }
}

#[derive(Debug)]
struct Client(reqwest::Client);

#[async_trait::async_trait]
impl HttpService for Client {
    async fn call(&self, req: HttpRequest) -> Result<HttpResponse, HttpError> {
        let (parts, body) = req.into_parts();
        let url = reqwest::Url::parse(&parts.uri.to_string())
            .map_err(|e| HttpError::new(HttpErrorKind::Request, e))?;
        let mut request = reqwest::Request::new(parts.method, url);
        *request.headers_mut() = parts.headers;
        *request.body_mut() = Some(reqwest::Body::wrap(body));
        let response = self.0.execute(request).await.map_err(http_error)?;
        let (parts, body) = http::Response::<reqwest::Body>::from(response).into_parts();
        let body = http_body_util::BodyExt::map_err(body, http_error);
        Ok(HttpResponse::from_parts(parts, HttpResponseBody::new(body)))
    }
}

/// The kind decides whether `object_store` retries: a failed connection or a connection cut
/// mid-request is tried again, a response it cannot decode is not.
fn http_error(e: reqwest::Error) -> HttpError {
    let mut kind = if e.is_timeout() {
        HttpErrorKind::Timeout
    } else if e.is_connect() {
        HttpErrorKind::Connect
    } else if e.is_decode() {
        HttpErrorKind::Decode
    } else {
        HttpErrorKind::Unknown
    };
    let mut source = e.source();
    while let (HttpErrorKind::Unknown, Some(cause)) = (kind, source) {
        if let Some(io) = cause.downcast_ref::<std::io::Error>() {
            kind = match io.kind() {
                std::io::ErrorKind::TimedOut => HttpErrorKind::Timeout,
                std::io::ErrorKind::ConnectionAborted
                | std::io::ErrorKind::ConnectionReset
                | std::io::ErrorKind::BrokenPipe
                | std::io::ErrorKind::UnexpectedEof => HttpErrorKind::Interrupted,
                _ => kind,
            };
        } else if let Some(hyper) = cause.downcast_ref::<hyper::Error>()
            && (hyper.is_closed() || hyper.is_incomplete_message())
        {
            kind = HttpErrorKind::Request;
        }
        source = cause.source();
    }
    // The URL is left out: object_store names it where it is not secret.
    HttpError::new(kind, e.without_url())
}
