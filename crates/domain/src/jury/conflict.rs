//! Conflicts of interest («inhabilitet»), on the grounds of forvaltningsloven § 6.
//!
//! A conflict comes from one of three sources: found automatically, declared by the juror,
//! or pointed out by the applicant. An administrator confirms or dismisses a declared or
//! pointed-out conflict with a written reason; an automatic one is confirmed when found.
//! Which conflicts bind is [`Status::binds`].

use crate::ValidationError;
use serde::{Deserialize, Serialize};
use uuid::Uuid;

/// Longest reason (declaring, pointing out, confirming, dismissing), in characters.
pub const MAX_REASON_CHARS: usize = 2000;

/// The grounds of forvaltningsloven § 6.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Grounds {
    /// § 6 a: is the applicant or a co-applicant (owner or on the team).
    OwnOrCoApplicant,
    /// § 6 b–c: family or marriage ties to an applicant.
    Family,
    /// Line manager or subordinate of an applicant.
    LineManagerOrSubordinate,
    /// A close personal tie (friendship, enmity).
    ClosePersonalTie,
    /// § 6 e: a role in the applying unit, or a unit above it.
    RoleInApplyingUnit,
    /// § 6 second paragraph: other special circumstances.
    Other,
}

impl Grounds {
    pub const ALL: [Grounds; 6] = [
        Grounds::OwnOrCoApplicant,
        Grounds::Family,
        Grounds::LineManagerOrSubordinate,
        Grounds::ClosePersonalTie,
        Grounds::RoleInApplyingUnit,
        Grounds::Other,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Grounds::OwnOrCoApplicant => "own_or_co_applicant",
            Grounds::Family => "family",
            Grounds::LineManagerOrSubordinate => "line_manager_or_subordinate",
            Grounds::ClosePersonalTie => "close_personal_tie",
            Grounds::RoleInApplyingUnit => "role_in_applying_unit",
            Grounds::Other => "other",
        }
    }

    pub fn parse(input: &str) -> Option<Grounds> {
        Grounds::ALL.into_iter().find(|g| g.as_str() == input)
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Source {
    Automatic,
    /// By the juror.
    Declared,
    /// By the applicant.
    PointedOut,
}

impl Source {
    pub const ALL: [Source; 3] = [Source::Automatic, Source::Declared, Source::PointedOut];

    pub fn as_str(self) -> &'static str {
        match self {
            Source::Automatic => "automatic",
            Source::Declared => "declared",
            Source::PointedOut => "pointed_out",
        }
    }

    pub fn parse(input: &str) -> Option<Source> {
        Source::ALL.into_iter().find(|s| s.as_str() == input)
    }

    /// The status a new conflict from this source starts in.
    pub fn initial_status(self) -> Status {
        match self {
            Source::Automatic => Status::Confirmed,
            Source::Declared | Source::PointedOut => Status::Pending,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    /// Waiting for an administrator.
    Pending,
    Confirmed,
    Dismissed,
}

impl Status {
    pub const ALL: [Status; 3] = [Status::Pending, Status::Confirmed, Status::Dismissed];

    pub fn as_str(self) -> &'static str {
        match self {
            Status::Pending => "pending",
            Status::Confirmed => "confirmed",
            Status::Dismissed => "dismissed",
        }
    }

    pub fn parse(input: &str) -> Option<Status> {
        Status::ALL.into_iter().find(|s| s.as_str() == input)
    }

    /// Whether the conflict keeps the juror out (no scoring, no scores or comments of the
    /// application, out of its totals, not missing). A confirmed conflict always binds. A
    /// juror's own declaration binds at once, while it waits for the administrator: a juror
    /// who says they are conflicted stands aside. An applicant's pointing out binds only once
    /// confirmed, so an applicant cannot remove a juror on their own word.
    pub fn binds(self, source: Source) -> bool {
        match self {
            Status::Confirmed => true,
            Status::Dismissed => false,
            Status::Pending => source == Source::Declared,
        }
    }
}

/// What an administrator may decide about a conflict: only a pending one, declared or
/// pointed out, and always with a reason.
pub fn check_decision(
    source: Source,
    status: Status,
    reason: &str,
) -> Result<String, ValidationError> {
    if source == Source::Automatic || status != Status::Pending {
        return Err(ValidationError::new("conflict", "error-conflict-decided"));
    }
    check_reason(reason)
}

/// A reason is required and at most [`MAX_REASON_CHARS`].
pub fn check_reason(reason: &str) -> Result<String, ValidationError> {
    let reason = reason.trim();
    if reason.is_empty() {
        Err(ValidationError::new("reason", "error-required"))
    } else if reason.chars().count() > MAX_REASON_CHARS {
        Err(ValidationError::new("reason", "error-too-long").with_limit(MAX_REASON_CHARS))
    } else {
        Ok(reason.to_string())
    }
}

/// A juror, as the automatic rule sees them.
#[derive(Debug, Clone, Copy)]
pub struct Juror {
    pub id: Uuid,
    pub unit: Option<Uuid>,
}

/// The people and units behind an application, as at submission.
#[derive(Debug, Clone, Copy)]
pub struct Applicants<'a> {
    pub owner: Uuid,
    /// The team members who have an account.
    pub team: &'a [Uuid],
    /// The applying unit and every unit above it in the chart as it was at submission
    /// (`application.unit_chain`), in any order.
    pub unit_chain: &'a [Uuid],
}

/// The conflict the rules find on their own: the juror applies (owner or team), or belongs
/// to the applying unit or a unit above it. `None` when they find none.
pub fn automatic(juror: Juror, application: Applicants<'_>) -> Option<Grounds> {
    if juror.id == application.owner || application.team.contains(&juror.id) {
        Some(Grounds::OwnOrCoApplicant)
    } else if juror
        .unit
        .is_some_and(|u| application.unit_chain.contains(&u))
    {
        Some(Grounds::RoleInApplyingUnit)
    } else {
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn id(n: u128) -> Uuid {
        Uuid::from_u128(n)
    }

    #[test]
    fn applicants_and_their_units_are_found() {
        let team = [id(11)];
        let chain = [id(100), id(101), id(102)]; // sector › area › unit
        let app = Applicants {
            owner: id(10),
            team: &team,
            unit_chain: &chain,
        };
        let juror = |n, unit| Juror { id: id(n), unit };
        assert_eq!(
            automatic(juror(10, None), app),
            Some(Grounds::OwnOrCoApplicant)
        );
        // on the team and in the unit: the stronger ground is named
        assert_eq!(
            automatic(juror(11, Some(id(102))), app),
            Some(Grounds::OwnOrCoApplicant)
        );
        assert_eq!(
            automatic(juror(12, Some(id(102))), app),
            Some(Grounds::RoleInApplyingUnit)
        );
        // a unit above the applying one
        assert_eq!(
            automatic(juror(13, Some(id(100))), app),
            Some(Grounds::RoleInApplyingUnit)
        );
        // a sibling unit, or no unit
        assert_eq!(automatic(juror(14, Some(id(103))), app), None);
        assert_eq!(automatic(juror(15, None), app), None);
    }

    #[test]
    fn what_binds() {
        use Source::*;
        assert!(Automatic.initial_status().binds(Automatic));
        assert!(Status::Pending.binds(Declared));
        assert!(!Status::Pending.binds(PointedOut));
        assert!(Status::Confirmed.binds(PointedOut));
        for s in Source::ALL {
            assert!(!Status::Dismissed.binds(s));
        }
    }

    #[test]
    fn decisions_need_a_pending_conflict_and_a_reason() {
        assert_eq!(
            check_decision(Source::Declared, Status::Pending, " bror "),
            Ok("bror".to_string())
        );
        assert_eq!(
            check_decision(Source::PointedOut, Status::Pending, " ")
                .unwrap_err()
                .message_id,
            "error-required"
        );
        for (source, status) in [
            (Source::Automatic, Status::Confirmed),
            (Source::Declared, Status::Confirmed),
            (Source::PointedOut, Status::Dismissed),
        ] {
            assert_eq!(
                check_decision(source, status, "x").unwrap_err().message_id,
                "error-conflict-decided"
            );
        }
        let long = "x".repeat(MAX_REASON_CHARS + 1);
        assert!(check_reason(&long).is_err());
        assert!(check_reason(&long[1..]).is_ok());
    }

    #[test]
    fn codes_read_back() {
        for g in Grounds::ALL {
            assert_eq!(Grounds::parse(g.as_str()), Some(g));
        }
        for s in Source::ALL {
            assert_eq!(Source::parse(s.as_str()), Some(s));
        }
        for s in Status::ALL {
            assert_eq!(Status::parse(s.as_str()), Some(s));
        }
        assert_eq!(Grounds::parse("bias"), None);
    }
}
