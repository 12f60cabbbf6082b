//! The account behind a verified identity. An issuer's subject signs in the account it was
//! bound to on first sign-in; a new identity gets a new applicant account, never an
//! existing one found by its e-mail address. The one exception is an account that never got
//! in (a pending team member or invited user, see `users::pending_sql`): the identity takes
//! it over when the provider vouches for the address (`email_verified`, or `trust_email`),
//! so an invitation to a team holds for the person who signs in with that address.
//! What the provider leaves out (ID-porten gives neither name nor e-mail by default) the
//! person fills in on a page before the account is made.

use super::client::Verified;
use super::{Provider, SsoError, SsoResult};
use crate::Services;
use crate::users::{MAX_NAME_CHARS, email_taken};
use prisverdig_domain::ValidationError;
use prisverdig_domain::email::Email;
use prisverdig_domain::role::Role;
use prisverdig_store::audit::{self, AuditEntry};
use prisverdig_store::organisation;
use prisverdig_store::users::{self, NewUser, User};
use prisverdig_store::{StoreError, identities};
use serde::{Deserialize, Serialize};
use serde_json::Value;
use uuid::Uuid;

/// A verified identity waits this many minutes for its owner to fill in the missing parts.
pub const PROFILE_MINUTES: i64 = 30;

/// Where a sign-in through a provider ended.
#[derive(Debug)]
pub enum Finished {
    /// Signed in as `user`; go on to `next`.
    SignedIn { user: User, next: String },
    /// The provider left out the name, e-mail address or unit: ask for them.
    Profile(PendingProfile),
}

/// A verified identity without an account yet, kept in the session while its owner fills
/// in what the provider did not give.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct PendingProfile {
    provider: String,
    issuer: String,
    subject: String,
    name: Option<String>,
    email: Option<String>,
    /// The address came from the provider's claims (not typed on the page).
    email_from_provider: bool,
    /// ... and the provider vouches that it is its owner's.
    email_trusted: bool,
    unit_id: Option<Uuid>,
    /// The organisation has units to choose from.
    units_exist: bool,
    next: String,
    verified_at: i64,
}

impl PendingProfile {
    pub fn needs_name(&self) -> bool {
        self.name.is_none()
    }
    pub fn needs_email(&self) -> bool {
        self.email.is_none()
    }
    pub fn needs_unit(&self) -> bool {
        self.unit_id.is_none() && self.units_exist
    }
    fn is_complete(&self) -> bool {
        !(self.needs_name() || self.needs_email() || self.needs_unit())
    }
    pub fn next(&self) -> &str {
        &self.next
    }
}

/// What the person filled in; only the fields the provider left out are read.
#[derive(Debug, Clone, Default)]
pub struct ProfileInput {
    pub name: String,
    pub email: String,
    pub unit: String,
}

/// A claim's value as text: a non-empty string, or a number (unit ids are numbers in some
/// directories).
fn claim_text(claims: &serde_json::Map<String, Value>, name: &str) -> Option<String> {
    match claims.get(name)? {
        Value::String(s) if !s.trim().is_empty() => Some(s.trim().to_string()),
        Value::Number(n) => Some(n.to_string()),
        _ => None,
    }
}

fn vouched(claims: &serde_json::Map<String, Value>) -> bool {
    match claims.get("email_verified") {
        Some(Value::Bool(b)) => *b,
        Some(Value::String(s)) => s == "true",
        _ => false,
    }
}

/// The unit a claim names: an active unit's id, else the one active unit with that name
/// (any case). Unknown or ambiguous: none, and the person chooses.
fn match_unit(units: &[organisation::UnitRow], value: &str) -> Option<Uuid> {
    if let Ok(id) = Uuid::parse_str(value)
        && units.iter().any(|u| u.id == id)
    {
        return Some(id);
    }
    let mut named = units
        .iter()
        .filter(|u| u.name.trim().to_lowercase() == value.to_lowercase());
    match (named.next(), named.next()) {
        (Some(unit), None) => Some(unit.id),
        _ => None,
    }
}

impl Services {
    /// The account of a verified identity: signed in, made now, or the profile to ask for.
    pub(super) async fn arrive(
        &self,
        provider: &Provider,
        verified: Verified,
        next: String,
    ) -> SsoResult<Finished> {
        if let Some(id) = identities::user_of(&self.db, &verified.issuer, &verified.subject).await?
        {
            let user = users::find(&self.db, id).await?.ok_or(SsoError::Inactive)?;
            return Ok(Finished::SignedIn { user, next });
        }
        let units = organisation::active_units(&self.db).await?;
        let claims = &verified.claims;
        let name = claim_text(claims, &provider.claims.name)
            .filter(|n| n.chars().count() <= MAX_NAME_CHARS);
        let email = claim_text(claims, &provider.claims.email)
            .and_then(|e| Email::parse(&e).ok())
            .map(|e| e.as_str().to_string());
        let unit_id = provider
            .claims
            .unit
            .as_deref()
            .and_then(|claim| claim_text(claims, claim))
            .and_then(|value| match_unit(&units, &value));
        let profile = PendingProfile {
            provider: provider.name.clone(),
            email_from_provider: email.is_some(),
            email_trusted: email.is_some() && (provider.trust_email || vouched(claims)),
            issuer: verified.issuer,
            subject: verified.subject,
            name,
            email,
            unit_id,
            units_exist: !units.is_empty(),
            next,
            verified_at: self.clock.now().unix_timestamp(),
        };
        if !profile.is_complete() {
            return Ok(Finished::Profile(profile));
        }
        self.make_account(&profile).await
    }

    /// Makes the account of `pending` with what its owner filled in.
    #[tracing::instrument(skip_all)]
    pub async fn sso_complete(
        &self,
        pending: &PendingProfile,
        input: ProfileInput,
    ) -> SsoResult<Finished> {
        let now = self.clock.now().unix_timestamp();
        if now - pending.verified_at > PROFILE_MINUTES * 60 {
            return Err(SsoError::Expired);
        }
        let mut profile = pending.clone();
        let mut errors = Vec::new();
        if profile.needs_name() {
            let name = input.name.trim();
            if name.is_empty() {
                errors.push(ValidationError::new("name", "error-required"));
            } else if name.chars().count() > MAX_NAME_CHARS {
                errors.push(ValidationError::new("name", "error-too-long"));
            }
            profile.name = Some(name.to_string());
        }
        if profile.needs_email() {
            // Typed by the person: never trusted to take over a waiting account.
            match Email::parse(&input.email) {
                Ok(email) => profile.email = Some(email.as_str().to_string()),
                Err(e) => errors.push(e),
            }
        }
        if profile.needs_unit() {
            let units = organisation::active_units(&self.db).await?;
            match Uuid::parse_str(input.unit.trim()) {
                Ok(id) if units.iter().any(|u| u.id == id) => profile.unit_id = Some(id),
                _ => errors.push(ValidationError::new("unit", "error-required")),
            }
        }
        if !errors.is_empty() {
            return Err(SsoError::Service(crate::ServiceError::Invalid(errors)));
        }
        self.make_account(&profile).await
    }

    /// One transaction: the account (new, or a waiting one taken over), its identity, the
    /// team invitations to its address, and the audit row.
    async fn make_account(&self, profile: &PendingProfile) -> SsoResult<Finished> {
        let (Some(name), Some(email)) = (profile.name.as_deref(), profile.email.as_deref()) else {
            return Err(SsoError::Refused("incomplete profile".into()));
        };
        let email = Email::parse(email).map_err(crate::ServiceError::from)?;
        let now = self.clock.now();
        let mut tx = self.db.begin().await?;
        let (id, adopted) = match users::account_by_email(&mut tx, email.as_str()).await? {
            None => {
                let new = NewUser {
                    email: &email,
                    name,
                    password_hash: None,
                    unit_id: profile.unit_id,
                    roles: &[Role::Applicant],
                };
                let id = users::insert(&mut tx, now, new)
                    .await
                    .map_err(email_taken)?;
                (id, false)
            }
            Some((id, true)) if profile.email_trusted => {
                users::complete_pending(&mut tx, id, name, profile.unit_id).await?;
                (id, true)
            }
            // Never by e-mail: the address the provider gave belongs to someone's account.
            Some(_) if profile.email_from_provider => return Err(SsoError::AccountExists),
            // An address the person typed: they may type another.
            Some(_) => return Err(email_taken(StoreError::Duplicate("user")).into()),
        };
        users::claim_team_invitations(&mut tx, id, email.as_str()).await?;
        identities::insert(&mut tx, now, &profile.issuer, &profile.subject, id)
            .await
            .map_err(|e| match e {
                // The same identity finished twice at once: the other sign-in won.
                StoreError::Duplicate(_) => SsoError::Expired,
                other => other.into(),
            })?;
        let detail = serde_json::json!({
            "provider": profile.provider,
            "issuer": profile.issuer,
            "took_over_invited_account": adopted,
        });
        let entry = AuditEntry {
            actor: Some(id),
            action: "user.sso_create",
            entity: "user",
            entity_id: Some(id),
            detail,
        };
        audit::record(&mut tx, now, entry).await?;
        tx.commit().await?;
        let user = users::find(&self.db, id).await?.ok_or(SsoError::Inactive)?;
        Ok(Finished::SignedIn {
            user,
            next: profile.next.clone(),
        })
    }
}
