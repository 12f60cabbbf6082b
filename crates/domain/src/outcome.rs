//! A jury's published decision about an application: nominated, winner or honourable mention.

use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Outcome {
    Nominee,
    Winner,
    HonourableMention,
}

impl Outcome {
    /// Highest first: the order badges and filters list them in.
    pub const ALL: [Outcome; 3] = [
        Outcome::Winner,
        Outcome::Nominee,
        Outcome::HonourableMention,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Outcome::Nominee => "nominee",
            Outcome::Winner => "winner",
            Outcome::HonourableMention => "honourable_mention",
        }
    }

    pub fn parse(input: &str) -> Option<Outcome> {
        Outcome::ALL.into_iter().find(|o| o.as_str() == input)
    }

    /// 0 for the highest (a winner), counting down the honours.
    pub fn rank(self) -> usize {
        match self {
            Outcome::Winner => 0,
            Outcome::Nominee => 1,
            Outcome::HonourableMention => 2,
        }
    }

    /// A prize or a mention: what the hall of fame lists.
    pub fn is_awarded(self) -> bool {
        matches!(self, Outcome::Winner | Outcome::HonourableMention)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_outcome_reads_back_from_its_stored_code_and_nothing_else_does() {
        for o in Outcome::ALL {
            assert_eq!(Outcome::parse(o.as_str()), Some(o));
        }
        assert_eq!(Outcome::parse("Winner"), None);
        assert_eq!(Outcome::parse(""), None);
    }

    #[test]
    fn all_lists_the_outcomes_by_rank() {
        let ranks: Vec<usize> = Outcome::ALL.iter().map(|o| o.rank()).collect();
        assert_eq!(ranks, vec![0, 1, 2]);
    }

    #[test]
    fn only_winners_and_honourable_mentions_are_awarded() {
        assert!(Outcome::Winner.is_awarded());
        assert!(Outcome::HonourableMention.is_awarded());
        assert!(!Outcome::Nominee.is_awarded());
    }
}
