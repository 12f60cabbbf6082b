//! «Ble det varig?»: a nominated or winning team's answer, a while after the ceremony, on
//! whether the innovation is still in use, how far it spread and what changed.

use crate::ValidationError;

/// Whether the innovation is still in use.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum InUse {
    Yes,
    Partly,
    No,
}

impl InUse {
    pub const ALL: [InUse; 3] = [InUse::Yes, InUse::Partly, InUse::No];

    pub fn code(self) -> &'static str {
        match self {
            InUse::Yes => "yes",
            InUse::Partly => "partly",
            InUse::No => "no",
        }
    }

    pub fn parse(code: &str) -> Option<InUse> {
        InUse::ALL.into_iter().find(|i| i.code() == code)
    }
}

/// The longest answer to «how far has it spread?» and «what changed?».
pub const MAX_ANSWER_CHARS: usize = 2000;

/// A checked answer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Answer {
    pub in_use: InUse,
    pub spread: String,
    pub changed: String,
}

/// Checks an answer as typed: the choice is required, the texts are trimmed and limited.
pub fn check(in_use: &str, spread: &str, changed: &str) -> Result<Answer, Vec<ValidationError>> {
    let mut errors = Vec::new();
    let choice = InUse::parse(in_use.trim());
    if choice.is_none() {
        errors.push(ValidationError::new("in_use", "error-choose-one"));
    }
    for (field, text) in [("spread", spread), ("changed", changed)] {
        if text.trim().chars().count() > MAX_ANSWER_CHARS {
            errors.push(ValidationError::new(field, "error-too-long").with_limit(MAX_ANSWER_CHARS));
        }
    }
    match choice {
        Some(in_use) if errors.is_empty() => Ok(Answer {
            in_use,
            spread: spread.trim().to_string(),
            changed: changed.trim().to_string(),
        }),
        _ => Err(errors),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_answer_needs_a_choice_and_texts_within_the_limit() {
        let ok = check("partly", " Tre skoler ", "").unwrap();
        assert_eq!(ok.in_use, InUse::Partly);
        assert_eq!(ok.spread, "Tre skoler");
        let errors = check("maybe", &"x".repeat(MAX_ANSWER_CHARS + 1), "").unwrap_err();
        let fields: Vec<&str> = errors.iter().map(|e| e.field).collect();
        assert_eq!(fields, ["in_use", "spread"]);
    }
}
