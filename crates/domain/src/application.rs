//! An application («søknad») and where its idea came from.

use serde::{Deserialize, Serialize};

/// Longest summary («kort sammendrag») accepted, in characters.
pub const MAX_SUMMARY_CHARS: usize = 300;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ApplicationState {
    Draft,
    Submitted,
    Withdrawn,
}

impl ApplicationState {
    pub fn as_str(self) -> &'static str {
        match self {
            ApplicationState::Draft => "draft",
            ApplicationState::Submitted => "submitted",
            ApplicationState::Withdrawn => "withdrawn",
        }
    }

    pub fn parse(input: &str) -> Option<ApplicationState> {
        [Self::Draft, Self::Submitted, Self::Withdrawn]
            .into_iter()
            .find(|s| s.as_str() == input)
    }
}

/// Where the idea came from, as public-sector innovation barometers classify it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum IdeaOrigin {
    /// First of its kind.
    Original,
    /// Inspired by others and adapted.
    Adapted,
    /// Adopted largely as it was.
    Adopted,
}

impl IdeaOrigin {
    pub fn as_str(self) -> &'static str {
        match self {
            IdeaOrigin::Original => "original",
            IdeaOrigin::Adapted => "adapted",
            IdeaOrigin::Adopted => "adopted",
        }
    }

    pub fn parse(input: &str) -> Option<IdeaOrigin> {
        [Self::Original, Self::Adapted, Self::Adopted]
            .into_iter()
            .find(|o| o.as_str() == input)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parse_round_trips() {
        for s in ["draft", "submitted", "withdrawn"] {
            assert_eq!(ApplicationState::parse(s).unwrap().as_str(), s);
        }
        for o in ["original", "adapted", "adopted"] {
            assert_eq!(IdeaOrigin::parse(o).unwrap().as_str(), o);
        }
        assert!(ApplicationState::parse("won").is_none());
    }
}
