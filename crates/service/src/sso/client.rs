//! The `openidconnect` side of a sign-in: discovery (fetched when first needed and kept for
//! an hour, never at start-up, so a provider that is down only disables its own button),
//! the authorization URL with PKCE, state and nonce, and redeeming the code for a verified
//! ID token. Nothing is fetched from anywhere but the configured issuer's metadata, its
//! keys and its token endpoint; redirects are not followed.

use super::{Provider, SsoError, SsoResult};
use crate::Clock;
use openidconnect::core::{
    CoreAuthDisplay, CoreAuthPrompt, CoreAuthenticationFlow, CoreErrorResponseType,
    CoreGenderClaim, CoreJsonWebKey, CoreJweContentEncryptionAlgorithm, CoreJwsSigningAlgorithm,
    CoreProviderMetadata, CoreRevocableToken, CoreRevocationErrorResponse,
    CoreTokenIntrospectionResponse, CoreTokenType,
};
use openidconnect::{
    AdditionalClaims, AuthorizationCode, ClientId, ClientSecret, CsrfToken, EmptyExtraTokenFields,
    EndpointMaybeSet, EndpointNotSet, EndpointSet, IdTokenFields, IssuerUrl, Nonce,
    PkceCodeChallenge, PkceCodeVerifier, RedirectUrl, Scope, StandardErrorResponse,
    StandardTokenResponse, TokenResponse,
};
use serde::{Deserialize, Serialize};
use std::sync::Arc;
use std::time::{Duration, Instant};

/// Every claim of the ID token beyond the standard ones, so any claim can be configured.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[serde(transparent)]
pub(crate) struct AnyClaims(serde_json::Map<String, serde_json::Value>);
impl AdditionalClaims for AnyClaims {}

type Fields = IdTokenFields<
    AnyClaims,
    EmptyExtraTokenFields,
    CoreGenderClaim,
    CoreJweContentEncryptionAlgorithm,
    CoreJwsSigningAlgorithm,
>;

type Client = openidconnect::Client<
    AnyClaims,
    CoreAuthDisplay,
    CoreGenderClaim,
    CoreJweContentEncryptionAlgorithm,
    CoreJsonWebKey,
    CoreAuthPrompt,
    StandardErrorResponse<CoreErrorResponseType>,
    StandardTokenResponse<Fields, CoreTokenType>,
    CoreTokenIntrospectionResponse,
    CoreRevocableToken,
    CoreRevocationErrorResponse,
    EndpointSet,
    EndpointNotSet,
    EndpointNotSet,
    EndpointNotSet,
    EndpointMaybeSet,
    EndpointMaybeSet,
>;

/// Discovered metadata (with the provider's signing keys) is fetched again after this.
const METADATA_TTL: Duration = Duration::from_secs(3600);
/// A provider that does not answer within this is reported unavailable.
const HTTP_TIMEOUT: Duration = Duration::from_secs(10);

/// The HTTP client for every provider: rustls, no redirects (the library's advice against
/// SSRF), a bounded wait.
pub(super) fn http_client() -> Result<openidconnect::reqwest::Client, String> {
    openidconnect::reqwest::Client::builder()
        .redirect(openidconnect::reqwest::redirect::Policy::none())
        .timeout(HTTP_TIMEOUT)
        .build()
        .map_err(|e| format!("cannot build the HTTP client for single sign-on: {e}"))
}

/// A configured provider and its client once discovered.
pub(crate) struct Registered {
    pub(super) provider: Provider,
    issuer: IssuerUrl,
    redirect: RedirectUrl,
    discovered: tokio::sync::Mutex<Option<(Instant, Arc<Client>)>>,
}

impl Registered {
    pub(super) fn new(public_url: &str, provider: Provider) -> Result<Self, String> {
        let issuer = IssuerUrl::new(provider.issuer.clone())
            .map_err(|e| format!("oidc.{}.issuer: {e}", provider.name))?;
        let callback = format!(
            "{}/sign-in/sso/{}/callback",
            public_url.trim_end_matches('/'),
            provider.name
        );
        let redirect = RedirectUrl::new(callback)
            .map_err(|e| format!("oidc.{}: bad redirect URL: {e}", provider.name))?;
        Ok(Registered {
            provider,
            issuer,
            redirect,
            discovered: tokio::sync::Mutex::new(None),
        })
    }

    /// The client, discovering the provider when it was not yet or an hour ago.
    pub(super) async fn client(
        &self,
        http: &openidconnect::reqwest::Client,
    ) -> SsoResult<Arc<Client>> {
        let mut discovered = self.discovered.lock().await;
        if let Some((at, client)) = discovered.as_ref()
            && at.elapsed() < METADATA_TTL
        {
            return Ok(client.clone());
        }
        let metadata = CoreProviderMetadata::discover_async(self.issuer.clone(), http)
            .await
            .map_err(|e| {
                SsoError::Unavailable(format!("discovery of {}: {e}", self.provider.issuer))
            })?;
        let client = openidconnect::Client::from_provider_metadata(
            metadata,
            ClientId::new(self.provider.client_id.clone()),
            Some(ClientSecret::new(self.provider.client_secret.0.clone())),
        )
        .set_redirect_uri(self.redirect.clone());
        let client = Arc::new(client);
        *discovered = Some((Instant::now(), client.clone()));
        Ok(client)
    }
}

pub(super) struct Started {
    pub url: String,
    pub state: String,
    pub nonce: String,
    pub pkce_verifier: String,
}

pub(super) fn authorize(client: &Client, scopes: &[String]) -> Started {
    let (challenge, verifier) = PkceCodeChallenge::new_random_sha256();
    let (url, state, nonce) = client
        .authorize_url(
            CoreAuthenticationFlow::AuthorizationCode,
            CsrfToken::new_random,
            Nonce::new_random,
        )
        .add_scopes(scopes.iter().map(|s| Scope::new(s.clone())))
        .set_pkce_challenge(challenge)
        .url();
    Started {
        url: url.to_string(),
        state: state.secret().clone(),
        nonce: nonce.secret().clone(),
        pkce_verifier: verifier.secret().clone(),
    }
}

pub(super) struct Redeem {
    pub code: String,
    pub pkce_verifier: String,
    pub nonce: String,
}

/// Who the provider says signed in, from an ID token that verified.
pub(crate) struct Verified {
    pub issuer: String,
    pub subject: String,
    /// Every claim of the token, standard or not, by name.
    pub claims: serde_json::Map<String, serde_json::Value>,
}

/// Trades the code (with the PKCE verifier) for tokens and verifies the ID token: signature
/// by the provider's keys, audience, issuer, nonce, and expiry at the clock's `now`.
pub(super) async fn redeem(
    client: &Client,
    http: &openidconnect::reqwest::Client,
    clock: Arc<dyn Clock>,
    redeem: Redeem,
) -> SsoResult<Verified> {
    let request = client
        .exchange_code(AuthorizationCode::new(redeem.code))
        .map_err(|e| SsoError::Unavailable(format!("no token endpoint: {e}")))?
        .set_pkce_verifier(PkceCodeVerifier::new(redeem.pkce_verifier));
    let response = request
        .request_async(http)
        .await
        .map_err(|e| SsoError::Refused(format!("code not redeemed: {e}")))?;
    let id_token = response
        .id_token()
        .ok_or_else(|| SsoError::Refused("no ID token in the token response".into()))?;
    let verifier = client.id_token_verifier().set_time_fn(move || {
        let now = clock.now().unix_timestamp();
        chrono::DateTime::from_timestamp(now, 0).unwrap_or_default()
    });
    let claims = id_token
        .claims(&verifier, &Nonce::new(redeem.nonce))
        .map_err(|e| SsoError::Refused(format!("ID token refused: {e}")))?;
    let all = match serde_json::to_value(claims) {
        Ok(serde_json::Value::Object(map)) => map,
        _ => return Err(SsoError::Refused("ID token claims unreadable".into())),
    };
    Ok(Verified {
        issuer: claims.issuer().as_str().to_string(),
        subject: claims.subject().as_str().to_string(),
        claims: all,
    })
}
