//! Accounts as administrators manage them (issue 9): what an administrator may not do to
//! their own account, and whether an invitation link still works.

use crate::ValidationError;
use crate::password::check_new_password;
use crate::role::Role;
use time::{Duration, OffsetDateTime};

/// An invitation link lasts this long unless the installation says otherwise.
pub const DEFAULT_INVITATION_DAYS: i64 = 14;

/// An administrator changing `target`'s roles or active flag may not lock themself out:
/// not deactivate their own account, nor drop their own administrator role.
pub fn check_own_change(
    actor: uuid::Uuid,
    target: uuid::Uuid,
    roles: &[Role],
    active: bool,
) -> Result<(), ValidationError> {
    if actor != target {
        return Ok(());
    }
    if !active {
        return Err(ValidationError::new("active", "error-user-self-deactivate"));
    }
    if !roles.contains(&Role::Administrator) {
        return Err(ValidationError::new("role", "error-user-self-admin"));
    }
    Ok(())
}

/// Where an invitation link stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum InvitationState {
    Usable,
    Used,
    Expired,
}

pub fn invitation_state(
    now: OffsetDateTime,
    expires_at: OffsetDateTime,
    used_at: Option<OffsetDateTime>,
) -> InvitationState {
    if used_at.is_some() {
        InvitationState::Used
    } else if now >= expires_at {
        InvitationState::Expired
    } else {
        InvitationState::Usable
    }
}

/// When a link made at `now` stops working.
pub fn invitation_expiry(now: OffsetDateTime, days: i64) -> OffsetDateTime {
    now + Duration::days(days.max(1))
}

/// The password chosen through an invitation: the rules for new passwords, typed twice alike.
pub fn check_chosen_password(password: &str, confirmation: &str) -> Vec<ValidationError> {
    let mut errors = Vec::new();
    if let Err(e) = check_new_password(password) {
        errors.push(e);
    } else if password != confirmation {
        errors.push(ValidationError::new(
            "password_confirmation",
            "error-password-mismatch",
        ));
    }
    errors
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::datetime;
    use uuid::Uuid;

    #[test]
    fn an_administrator_cannot_lock_themself_out() {
        let (me, other) = (Uuid::now_v7(), Uuid::now_v7());
        let admin = [Role::Administrator];
        assert!(check_own_change(me, other, &[], false).is_ok());
        assert!(check_own_change(me, me, &admin, true).is_ok());
        let off = check_own_change(me, me, &admin, false).unwrap_err();
        assert_eq!(
            (off.field, off.message_id),
            ("active", "error-user-self-deactivate")
        );
        let demoted = check_own_change(me, me, &[Role::Juror], true).unwrap_err();
        assert_eq!(demoted.message_id, "error-user-self-admin");
    }

    #[test]
    fn a_link_works_once_and_until_the_second_it_expires() {
        let made = datetime!(2019-10-15 10:00 UTC);
        let expires = invitation_expiry(made, DEFAULT_INVITATION_DAYS);
        assert_eq!(expires, datetime!(2019-10-29 10:00 UTC));
        let before = expires - Duration::seconds(1);
        assert_eq!(
            invitation_state(before, expires, None),
            InvitationState::Usable
        );
        assert_eq!(
            invitation_state(expires, expires, None),
            InvitationState::Expired
        );
        assert_eq!(
            invitation_state(made, expires, Some(made)),
            InvitationState::Used
        );
        assert_eq!(invitation_expiry(made, 0), made + Duration::days(1));
    }

    #[test]
    fn a_chosen_password_follows_the_rules_and_is_typed_twice() {
        assert!(check_chosen_password("riktig hest batteri", "riktig hest batteri").is_empty());
        let short = check_chosen_password("kort", "kort");
        assert_eq!(short[0].message_id, "error-password-too-short");
        let mismatch = check_chosen_password("riktig hest batteri", "riktig hest");
        assert_eq!(mismatch[0].field, "password_confirmation");
    }
}
