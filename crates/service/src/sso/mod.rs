//! Single sign-on with OpenID Connect (issue 11): the authorization code flow with PKCE,
//! nonce and state against any number of configured providers (`openidconnect`, ADR 0011).
//!
//! A flow ([`Flow`]) is started for one provider and kept by the caller in the
//! database-backed session; its callback must come back to that provider's own path, with
//! its state, within [`FLOW_MINUTES`], once. The ID token must be signed by the provider's
//! keys, name this client as audience, carry the flow's nonce, be unexpired at the clock's
//! `now` and come from the issuer the flow started with (mix-up protection). Users are
//! found by issuer + subject, never by e-mail (`account.rs`).

mod account;
mod client;

pub use account::{Finished, PendingProfile, ProfileInput};

use crate::Services;
use crate::error::ServiceError;
use serde::{Deserialize, Serialize};
use std::sync::Arc;

/// A started sign-in is refused at its callback after this many minutes.
pub const FLOW_MINUTES: i64 = 10;

/// Which claims of the ID token give a user's name, e-mail address and unit.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ClaimNames {
    pub name: String,
    pub email: String,
    /// Matched to a unit by its id, else by its name; unset: the user chooses.
    pub unit: Option<String>,
}

impl Default for ClaimNames {
    fn default() -> Self {
        ClaimNames {
            name: "name".into(),
            email: "email".into(),
            unit: None,
        }
    }
}

/// A client secret: kept out of `Debug` output and logs.
#[derive(Clone, PartialEq, Eq)]
pub struct Secret(pub String);

impl std::fmt::Debug for Secret {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("[secret]")
    }
}

/// One configured provider (`[oidc.<name>]` in the settings).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Provider {
    /// Short name in this installation's URLs: `/sign-in/sso/{name}/callback`.
    pub name: String,
    /// The button's text after «Logg inn med».
    pub label: String,
    /// The issuer identifier; discovery reads `{issuer}/.well-known/openid-configuration`.
    pub issuer: String,
    pub client_id: String,
    pub client_secret: Secret,
    /// Asked for besides `openid`.
    pub scopes: Vec<String>,
    pub claims: ClaimNames,
    /// The provider's e-mail addresses belong to their owners even without an
    /// `email_verified` claim (an organisation's own single-tenant directory).
    pub trust_email: bool,
}

/// A provider as the sign-in page offers it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SsoButton {
    pub name: String,
    pub label: String,
}

/// A started sign-in, kept in the session until its callback; opaque to the caller.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Flow {
    provider: String,
    state: String,
    nonce: String,
    pkce_verifier: String,
    next: String,
    started_at: i64,
}

/// What the provider sent back to the callback.
#[derive(Debug, Clone, Default, Deserialize)]
pub struct Callback {
    pub code: Option<String>,
    pub state: Option<String>,
    pub error: Option<String>,
}

/// Why a sign-in through a provider did not happen; each has its own page.
#[derive(Debug, thiserror::Error)]
pub enum SsoError {
    #[error("no such provider")]
    UnknownProvider,
    /// Discovery or the token endpoint could not be reached.
    #[error("provider unavailable: {0}")]
    Unavailable(String),
    /// No flow under way (never started, used already) or older than [`FLOW_MINUTES`].
    #[error("sign-in expired or already used")]
    Expired,
    /// The person stopped at the provider, or it refused them.
    #[error("cancelled at the provider: {0}")]
    Cancelled(String),
    /// Wrong state, wrong provider, refused code, or an ID token that does not verify.
    #[error("refused: {0}")]
    Refused(String),
    /// The address belongs to an account that this identity may not take over.
    #[error("an account with this e-mail address exists")]
    AccountExists,
    /// The identity's account is deactivated.
    #[error("account deactivated")]
    Inactive,
    #[error(transparent)]
    Service(#[from] ServiceError),
}

impl From<prisverdig_store::StoreError> for SsoError {
    fn from(e: prisverdig_store::StoreError) -> Self {
        SsoError::Service(e.into())
    }
}

pub type SsoResult<T> = std::result::Result<T, SsoError>;

/// The configured providers, each with its discovered metadata once fetched.
pub(crate) struct Sso {
    providers: Vec<client::Registered>,
    http: Option<openidconnect::reqwest::Client>,
}

impl Sso {
    pub(crate) fn none() -> Self {
        Sso {
            providers: Vec::new(),
            http: None,
        }
    }

    fn find(&self, name: &str) -> SsoResult<&client::Registered> {
        self.providers
            .iter()
            .find(|r| r.provider.name == name)
            .ok_or(SsoError::UnknownProvider)
    }

    fn http(&self) -> SsoResult<&openidconnect::reqwest::Client> {
        self.http.as_ref().ok_or(SsoError::UnknownProvider)
    }
}

impl Services {
    /// Offers sign-in through `providers`, whose callbacks are under `public_url`.
    pub fn with_sso(mut self, public_url: &str, providers: Vec<Provider>) -> Result<Self, String> {
        let http = client::http_client()?;
        let mut registered = Vec::with_capacity(providers.len());
        for provider in providers {
            registered.push(client::Registered::new(public_url, provider)?);
        }
        self.sso = Arc::new(Sso {
            providers: registered,
            http: Some(http),
        });
        Ok(self)
    }

    /// The providers to offer on the sign-in page, in configured order.
    pub fn sso_buttons(&self) -> Vec<SsoButton> {
        self.sso
            .providers
            .iter()
            .map(|r| SsoButton {
                name: r.provider.name.clone(),
                label: r.provider.label.clone(),
            })
            .collect()
    }

    /// Starts a sign-in at `provider`: where to send the browser, and the flow to keep.
    #[tracing::instrument(skip_all)]
    pub async fn sso_start(&self, provider: &str, next: &str) -> SsoResult<(String, Flow)> {
        let registered = self.sso.find(provider)?;
        let client = registered.client(self.sso.http()?).await?;
        let started = client::authorize(&client, &registered.provider.scopes);
        let flow = Flow {
            provider: registered.provider.name.clone(),
            state: started.state,
            nonce: started.nonce,
            pkce_verifier: started.pkce_verifier,
            next: next.to_string(),
            started_at: self.clock.now().unix_timestamp(),
        };
        Ok((started.url, flow))
    }

    /// Finishes the sign-in `flow` (taken out of the session: each is used once) with what
    /// came back to `provider`'s callback: the user signed in, or what they must fill in.
    #[tracing::instrument(skip_all)]
    pub async fn sso_finish(
        &self,
        provider: &str,
        flow: Option<Flow>,
        callback: Callback,
    ) -> SsoResult<Finished> {
        let registered = self.sso.find(provider)?;
        let flow = flow.ok_or(SsoError::Expired)?;
        let code = check_callback(&flow, provider, self.clock.now().unix_timestamp(), callback)?;
        let client = registered.client(self.sso.http()?).await?;
        let verified = client::redeem(
            &client,
            self.sso.http()?,
            self.clock.clone(),
            client::Redeem {
                code,
                pkce_verifier: flow.pkce_verifier,
                nonce: flow.nonce,
            },
        )
        .await?;
        self.arrive(&registered.provider, verified, flow.next).await
    }
}

/// The checks before the code is redeemed: the flow belongs to this provider's callback,
/// the state matches, it is young enough, and the provider sent a code.
fn check_callback(flow: &Flow, provider: &str, now: i64, callback: Callback) -> SsoResult<String> {
    if flow.provider != provider {
        return Err(SsoError::Refused(format!(
            "flow of provider {} came back to provider {provider}",
            flow.provider
        )));
    }
    let state = callback.state.unwrap_or_default();
    if !constant_time_eq(state.as_bytes(), flow.state.as_bytes()) {
        return Err(SsoError::Refused("state does not match".into()));
    }
    if now - flow.started_at > FLOW_MINUTES * 60 || now < flow.started_at {
        return Err(SsoError::Expired);
    }
    if let Some(error) = callback.error {
        return Err(SsoError::Cancelled(error));
    }
    callback
        .code
        .filter(|c| !c.is_empty())
        .ok_or_else(|| SsoError::Refused("no code".into()))
}

fn constant_time_eq(a: &[u8], b: &[u8]) -> bool {
    a.len() == b.len() && a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}

impl Flow {
    /// Where to go after signing in (checked by the caller when the flow started).
    pub fn next(&self) -> &str {
        &self.next
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn flow() -> Flow {
        Flow {
            provider: "entra".into(),
            state: "abc".into(),
            nonce: "n".into(),
            pkce_verifier: "v".into(),
            next: "/".into(),
            started_at: 1_000,
        }
    }

    fn back(state: &str) -> Callback {
        Callback {
            code: Some("code".into()),
            state: Some(state.into()),
            error: None,
        }
    }

    #[test]
    fn a_callback_passes_only_with_its_provider_state_and_time() {
        assert_eq!(
            check_callback(&flow(), "entra", 1_000 + 600, back("abc")).unwrap(),
            "code"
        );
        let refused = |r: SsoResult<String>| matches!(r, Err(SsoError::Refused(_)));
        assert!(refused(check_callback(
            &flow(),
            "idporten",
            1_001,
            back("abc")
        )));
        assert!(refused(check_callback(
            &flow(),
            "entra",
            1_001,
            back("abd")
        )));
        assert!(refused(check_callback(&flow(), "entra", 1_001, back(""))));
        let late = check_callback(&flow(), "entra", 1_000 + 601, back("abc"));
        assert!(matches!(late, Err(SsoError::Expired)));
        let cancelled = Callback {
            error: Some("access_denied".into()),
            ..back("abc")
        };
        let r = check_callback(&flow(), "entra", 1_001, cancelled);
        assert!(matches!(r, Err(SsoError::Cancelled(_))));
    }

    #[test]
    fn secrets_stay_out_of_debug_output() {
        assert_eq!(format!("{:?}", Secret("hemmelig".into())), "[secret]");
    }
}
