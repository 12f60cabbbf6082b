//! Validation errors carry the field they belong to and a Fluent message id, so the web
//! layer can show a translated message at the right field.

use std::fmt;

/// One problem with one field of user input.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ValidationError {
    /// The form field (or setting) the problem belongs to.
    pub field: &'static str,
    /// Fluent message id, e.g. `error-email-invalid`.
    pub message_id: &'static str,
    /// The limit that was broken (a length in characters, a count), named in the message.
    pub limit: Option<usize>,
}

impl ValidationError {
    pub const fn new(field: &'static str, message_id: &'static str) -> Self {
        Self {
            field,
            message_id,
            limit: None,
        }
    }

    /// The same problem, naming the limit that was broken (`{ $max }` in its message).
    pub const fn with_limit(self, limit: usize) -> Self {
        Self {
            limit: Some(limit),
            ..self
        }
    }
}

impl fmt::Display for ValidationError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.field, self.message_id)
    }
}

impl std::error::Error for ValidationError {}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shows_the_field_and_the_message_id() {
        let e = ValidationError::new("title", "error-too-long").with_limit(150);
        assert_eq!(e.to_string(), "title: error-too-long");
        assert_eq!(e.limit, Some(150));
    }
}
