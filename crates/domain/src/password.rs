//! Password rules for local accounts (NSM's advice: length over complexity).

use crate::ValidationError;

pub const MIN_PASSWORD_CHARS: usize = 12;
/// Upper bound so that hashing cost cannot be abused with megabyte-long passwords.
pub const MAX_PASSWORD_BYTES: usize = 1024;

/// Checks a new password chosen by a person.
pub fn check_new_password(password: &str) -> Result<(), ValidationError> {
    if password.chars().count() < MIN_PASSWORD_CHARS {
        return Err(ValidationError::new("password", "error-password-too-short"));
    }
    check_password_length(password)
}

/// Checks any password offered at sign-in (only the upper bound).
pub fn check_password_length(password: &str) -> Result<(), ValidationError> {
    if password.len() > MAX_PASSWORD_BYTES {
        return Err(ValidationError::new("password", "error-password-too-long"));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_characters_not_bytes() {
        assert!(check_new_password("æøåæøåæøåæø").is_err()); // 11 chars, 22 bytes
        assert!(check_new_password("æøåæøåæøåæøå").is_ok());
    }

    #[test]
    fn bounds_length() {
        assert!(check_new_password(&"x".repeat(MAX_PASSWORD_BYTES + 1)).is_err());
        assert!(check_password_length(&"x".repeat(MAX_PASSWORD_BYTES)).is_ok());
    }
}
