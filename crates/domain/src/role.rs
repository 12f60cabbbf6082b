//! The roles a user can hold (DOMAIN.md, «Roles»). A user may hold several.

use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Role {
    Applicant,
    Leader,
    Juror,
    Administrator,
    Editor,
    /// Leads a jury: nominates, picks winners and writes the justifications (issue 12).
    JuryChair,
}

impl Role {
    pub const ALL: [Role; 6] = [
        Role::Applicant,
        Role::Leader,
        Role::Juror,
        Role::Administrator,
        Role::Editor,
        Role::JuryChair,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Role::Applicant => "applicant",
            Role::Leader => "leader",
            Role::Juror => "juror",
            Role::Administrator => "administrator",
            Role::Editor => "editor",
            Role::JuryChair => "jury_chair",
        }
    }

    pub fn parse(input: &str) -> Option<Role> {
        Role::ALL
            .into_iter()
            .find(|r| r.as_str().eq_ignore_ascii_case(input.trim()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parse_round_trips_every_role() {
        for role in Role::ALL {
            assert_eq!(Role::parse(role.as_str()), Some(role));
        }
        assert_eq!(Role::parse(" Administrator "), Some(Role::Administrator));
        assert_eq!(Role::parse("king"), None);
    }
}
