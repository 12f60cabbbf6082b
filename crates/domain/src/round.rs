//! A prize round's lifecycle: draft → open → closed → judging → nominated → awarded → archived.

use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum RoundState {
    Draft,
    Open,
    Closed,
    Judging,
    Nominated,
    Awarded,
    Archived,
}

impl RoundState {
    pub const ALL: [RoundState; 7] = [
        RoundState::Draft,
        RoundState::Open,
        RoundState::Closed,
        RoundState::Judging,
        RoundState::Nominated,
        RoundState::Awarded,
        RoundState::Archived,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            RoundState::Draft => "draft",
            RoundState::Open => "open",
            RoundState::Closed => "closed",
            RoundState::Judging => "judging",
            RoundState::Nominated => "nominated",
            RoundState::Awarded => "awarded",
            RoundState::Archived => "archived",
        }
    }

    pub fn parse(input: &str) -> Option<RoundState> {
        RoundState::ALL.into_iter().find(|s| s.as_str() == input)
    }

    /// The states this one may move to. Closed may reopen (a deadline was extended after
    /// the round closed); nothing moves backwards once judging has begun.
    pub fn next_states(self) -> &'static [RoundState] {
        use RoundState::*;
        match self {
            Draft => &[Open],
            Open => &[Closed],
            Closed => &[Open, Judging],
            Judging => &[Nominated],
            Nominated => &[Awarded],
            Awarded => &[Archived],
            Archived => &[],
        }
    }

    pub fn can_move_to(self, next: RoundState) -> bool {
        self.next_states().contains(&next)
    }
}

/// When submitted applications become visible in the catalogue.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Visibility {
    /// From the moment they are submitted.
    OnSubmit,
    /// Only once the category's (extended) deadline has passed.
    AfterDeadline,
}

impl Visibility {
    pub fn as_str(self) -> &'static str {
        match self {
            Visibility::OnSubmit => "on_submit",
            Visibility::AfterDeadline => "after_deadline",
        }
    }

    pub fn parse(input: &str) -> Option<Visibility> {
        [Visibility::OnSubmit, Visibility::AfterDeadline]
            .into_iter()
            .find(|v| v.as_str() == input)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_listed_transitions_are_allowed() {
        let allowed = [
            ("draft", "open"),
            ("open", "closed"),
            ("closed", "open"),
            ("closed", "judging"),
            ("judging", "nominated"),
            ("nominated", "awarded"),
            ("awarded", "archived"),
        ];
        for from in RoundState::ALL {
            for to in RoundState::ALL {
                let expected = allowed.contains(&(from.as_str(), to.as_str()));
                assert_eq!(from.can_move_to(to), expected, "{from:?} -> {to:?}");
            }
        }
    }

    #[test]
    fn parse_round_trips() {
        for s in RoundState::ALL {
            assert_eq!(RoundState::parse(s.as_str()), Some(s));
        }
        assert_eq!(
            Visibility::parse("after_deadline"),
            Some(Visibility::AfterDeadline)
        );
        assert_eq!(RoundState::parse("Open"), None);
    }
}
