//! Creating user accounts (the CLI's `user add` and the demo); the checks the
//! administrator's «add user» shares.

use crate::auth::hash_password;
use crate::{Result, ServiceError, Services};
use prisverdig_domain::ValidationError;
use prisverdig_domain::email::Email;
use prisverdig_domain::password::check_new_password;
use prisverdig_domain::role::Role;
use prisverdig_store::audit::{self, AuditEntry};
use prisverdig_store::users::{self, NewUser};
use rand::Rng;
use rand::distributions::Uniform;
use uuid::Uuid;

pub const MAX_NAME_CHARS: usize = 200;

/// A random password of 20 characters without look-alikes (0/O, 1/l/I).
pub fn generate_password() -> String {
    const ALPHABET: &[u8] = b"abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";
    let dist = Uniform::from(0..ALPHABET.len());
    let mut rng = rand::rngs::OsRng;
    (0..20)
        .map(|_| ALPHABET[rng.sample(dist)] as char)
        .collect()
}

pub struct AddUser<'a> {
    pub email: &'a str,
    pub name: &'a str,
    pub roles: &'a [Role],
    pub password: &'a str,
}

/// Checks the address, name and roles of a new account.
pub(crate) fn validate_identity(
    email: &str,
    name: &str,
    roles: &[Role],
    errors: &mut Vec<ValidationError>,
) -> Option<Email> {
    let email = Email::parse(email).map_err(|e| errors.push(e)).ok();
    let name = name.trim();
    if name.is_empty() {
        errors.push(ValidationError::new("name", "error-required"));
    } else if name.chars().count() > MAX_NAME_CHARS {
        errors.push(ValidationError::new("name", "error-too-long"));
    }
    if roles.is_empty() {
        errors.push(ValidationError::new("role", "error-required"));
    }
    email
}

fn validate(input: &AddUser<'_>) -> std::result::Result<Email, Vec<ValidationError>> {
    let mut errors = Vec::new();
    let email = validate_identity(input.email, input.name, input.roles, &mut errors);
    if let Err(e) = check_new_password(input.password) {
        errors.push(e);
    }
    match email {
        Some(email) if errors.is_empty() => Ok(email),
        _ => Err(errors),
    }
}

/// An address already taken becomes the field error at `email`.
pub(crate) fn email_taken(e: prisverdig_store::StoreError) -> ServiceError {
    match e {
        prisverdig_store::StoreError::Duplicate(_) => {
            ServiceError::from(ValidationError::new("email", "error-email-taken"))
        }
        other => other.into(),
    }
}

impl Services {
    /// Creates a local account. The caller chooses or generates the password.
    #[tracing::instrument(skip_all)]
    pub async fn add_user(&self, input: AddUser<'_>) -> Result<Uuid> {
        let email = validate(&input).map_err(ServiceError::Invalid)?;
        let hash = hash_password(input.password)?;
        let now = self.clock.now();
        let mut tx = self.db.begin().await?;
        let new = NewUser {
            email: &email,
            name: input.name.trim(),
            password_hash: Some(&hash),
            unit_id: None,
            roles: input.roles,
        };
        let id = users::insert(&mut tx, now, new)
            .await
            .map_err(email_taken)?;
        users::claim_team_invitations(&mut tx, id, email.as_str()).await?;
        let roles: Vec<_> = input.roles.iter().map(|r| r.as_str()).collect();
        let detail = serde_json::json!({ "email": email.as_str(), "roles": roles });
        let entry = AuditEntry {
            actor: None,
            action: "user.add",
            entity: "user",
            entity_id: Some(id),
            detail,
        };
        audit::record(&mut tx, now, entry).await?;
        tx.commit().await?;
        Ok(id)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn generated_passwords_are_long_and_different() {
        let (a, b) = (generate_password(), generate_password());
        assert_eq!(a.chars().count(), 20);
        assert_ne!(a, b);
        assert!(check_new_password(&a).is_ok());
    }

    #[test]
    fn validation_reports_every_problem_at_once() {
        let input = AddUser {
            email: "nope",
            name: " ",
            roles: &[],
            password: "short",
        };
        let fields: Vec<_> = validate(&input)
            .unwrap_err()
            .iter()
            .map(|e| e.field)
            .collect();
        assert_eq!(fields, ["email", "name", "role", "password"]);
    }
}
