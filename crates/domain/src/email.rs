//! E-mail addresses, normalised to lower case so that sign-in is case-insensitive.

use crate::ValidationError;
use serde::{Deserialize, Serialize};

/// Longest address accepted (RFC 5321 path limit).
pub const MAX_EMAIL_LEN: usize = 254;

#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Email(String);

impl Email {
    /// Parses and normalises an address. Deliberately simple: one `@`, a non-empty local
    /// part, a domain with a dot, no whitespace. Deliverability is proven by sending mail.
    pub fn parse(input: &str) -> Result<Self, ValidationError> {
        let value = input.trim().to_lowercase();
        let invalid = ValidationError::new("email", "error-email-invalid");
        if value.is_empty() {
            return Err(ValidationError::new("email", "error-required"));
        }
        if value.len() > MAX_EMAIL_LEN || value.chars().any(char::is_whitespace) {
            return Err(invalid);
        }
        let (local, domain) = value.split_once('@').ok_or(invalid.clone())?;
        let domain_ok = domain.contains('.')
            && !domain.starts_with('.')
            && !domain.ends_with('.')
            && !domain.contains('@');
        if local.is_empty() || !domain_ok {
            return Err(invalid);
        }
        Ok(Self(value))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl std::fmt::Display for Email {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn normalises_case_and_whitespace() {
        let e = Email::parse("  Kari.Nordmann@Fjordvik.Example ").unwrap();
        assert_eq!(e.as_str(), "kari.nordmann@fjordvik.example");
    }

    #[test]
    fn rejects_malformed_addresses() {
        for bad in [
            "",
            "kari",
            "kari@",
            "@x.no",
            "kari@no",
            "ka ri@x.no",
            "a@b@c.no",
            "a@.no",
        ] {
            assert!(Email::parse(bad).is_err(), "{bad:?} was accepted");
        }
        assert_eq!(Email::parse("").unwrap_err().message_id, "error-required");
    }

    #[test]
    fn rejects_overlong_addresses() {
        let long = format!("{}@x.no", "a".repeat(MAX_EMAIL_LEN));
        assert!(Email::parse(&long).is_err());
    }

    #[test]
    fn accepts_an_address_of_exactly_the_longest_length_and_shows_it_as_stored() {
        let domain = "@x.no";
        let longest = format!("{}{domain}", "A".repeat(MAX_EMAIL_LEN - domain.len()));
        let e = Email::parse(&longest).unwrap();
        assert_eq!(e.as_str().len(), MAX_EMAIL_LEN);
        assert_eq!(e.to_string(), longest.to_lowercase());
    }
}
