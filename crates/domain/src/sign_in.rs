//! Rules for local sign-in: how many failures an account and a client address may have in a
//! window before further attempts are refused, who needs a second factor, and which TOTP time
//! steps a code may still be accepted for (RFC 6238, one step of skew, no reuse).

use crate::role::Role;
use std::net::IpAddr;

/// Failures allowed per window, for one account and for one client address.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SignInLimits {
    pub per_account: i64,
    pub per_address: i64,
    /// Length of the fixed window the failures are counted in.
    pub window: time::Duration,
}

impl Default for SignInLimits {
    /// Ten failures per account and a hundred per address (an office behind one NAT shares
    /// an address) in fifteen minutes.
    fn default() -> Self {
        SignInLimits {
            per_account: 10,
            per_address: 100,
            window: time::Duration::minutes(15),
        }
    }
}

impl SignInLimits {
    /// Whether another attempt is refused, given the failures counted in the current window.
    pub fn refuses(&self, account_failures: i64, address_failures: i64) -> bool {
        account_failures >= self.per_account || address_failures >= self.per_address
    }
}

/// What a client address is counted as: an IPv4 address itself, an IPv6 address by its /64
/// network (one subscriber usually holds a whole /64, so single addresses cost nothing).
pub fn address_subject(ip: IpAddr) -> String {
    match ip {
        IpAddr::V4(v4) => v4.to_string(),
        IpAddr::V6(v6) => match v6.to_ipv4_mapped() {
            Some(v4) => v4.to_string(),
            None => {
                let s = v6.segments();
                format!("{:x}:{:x}:{:x}:{:x}::/64", s[0], s[1], s[2], s[3])
            }
        },
    }
}

/// Administrators, jurors and jury chairs must sign in with a second
/// factor: they see what is not public yet. The match is exhaustive on purpose, so that a new
/// role has to be decided here.
pub fn requires_second_factor(roles: &[Role]) -> bool {
    roles.iter().any(|role| match role {
        Role::Administrator | Role::Juror | Role::JuryChair => true,
        Role::Applicant | Role::Leader | Role::Editor => false,
    })
}

/// How a sign-in was confirmed; a session remembers it, so that a role given later (or a
/// session from before a role needed more) is held to what the roles require now.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Assurance {
    /// A password alone (or an invitation link and a new password).
    Password,
    /// A password and a TOTP or recovery code.
    SecondFactor,
    /// An organisation's identity provider (its own multi-factor policy is trusted).
    Provider,
}

/// Whether a session confirmed by `assurance` (`None`: a session from before this was
/// recorded) still suffices for an account holding `roles`.
pub fn session_suffices(roles: &[Role], assurance: Option<Assurance>) -> bool {
    !requires_second_factor(roles)
        || matches!(
            assurance,
            Some(Assurance::SecondFactor | Assurance::Provider)
        )
}

/// Seconds per TOTP time step (RFC 6238's default, what authenticator apps use).
pub const TOTP_STEP_SECONDS: i64 = 30;

/// The time step `unix_seconds` falls in.
pub fn totp_step(unix_seconds: i64) -> i64 {
    unix_seconds.div_euclid(TOTP_STEP_SECONDS)
}

/// The steps a code may be checked against at `now_step`: one step either side (clocks
/// drift), and only steps after the last one used, so a code cannot be replayed.
pub fn acceptable_steps(now_step: i64, last_used: Option<i64>) -> Vec<i64> {
    (now_step - 1..=now_step + 1)
        .filter(|step| last_used.is_none_or(|last| *step > last))
        .collect()
}

/// How many one-time recovery codes an enrolment gives.
pub const RECOVERY_CODES: usize = 10;

/// A typed code without spaces and dashes, lower case, for comparison.
pub fn normalise_code(input: &str) -> String {
    input
        .chars()
        .filter(|c| !c.is_whitespace() && *c != '-')
        .flat_map(char::to_lowercase)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_session_is_held_to_what_the_roles_require_now() {
        use Assurance::*;
        let employee = [Role::Applicant];
        let admin = [Role::Applicant, Role::Administrator];
        assert!(session_suffices(&employee, Some(Password)));
        assert!(session_suffices(&employee, None));
        assert!(
            !session_suffices(&admin, Some(Password)),
            "a role given after a password sign-in"
        );
        assert!(
            !session_suffices(&admin, None),
            "a session from before assurance was kept"
        );
        assert!(session_suffices(&admin, Some(SecondFactor)));
        assert!(session_suffices(&admin, Some(Provider)));
        assert!(!session_suffices(&[Role::Juror], Some(Password)));
        assert!(!session_suffices(&[Role::JuryChair], None));
    }

    #[test]
    fn the_limit_refuses_at_the_count_not_after_it() {
        let limits = SignInLimits::default();
        assert!(!limits.refuses(9, 0));
        assert!(limits.refuses(10, 0));
        assert!(!limits.refuses(0, 99));
        assert!(limits.refuses(0, 100));
    }

    #[test]
    fn ipv6_addresses_count_by_their_network() {
        let a: IpAddr = "2001:db8:1:2:aaaa::1".parse().unwrap();
        let b: IpAddr = "2001:db8:1:2:bbbb::9".parse().unwrap();
        let c: IpAddr = "2001:db8:1:3::1".parse().unwrap();
        assert_eq!(address_subject(a), address_subject(b));
        assert_ne!(address_subject(a), address_subject(c));
        assert_eq!(address_subject("192.0.2.7".parse().unwrap()), "192.0.2.7");
        assert_eq!(
            address_subject("::ffff:192.0.2.7".parse().unwrap()),
            "192.0.2.7"
        );
    }

    #[test]
    fn second_factor_roles() {
        assert!(requires_second_factor(&[Role::Administrator]));
        assert!(requires_second_factor(&[Role::Applicant, Role::Juror]));
        assert!(requires_second_factor(&[Role::JuryChair]));
        assert!(!requires_second_factor(&[
            Role::Applicant,
            Role::Leader,
            Role::Editor
        ]));
        assert!(!requires_second_factor(&[]));
    }

    #[test]
    fn steps_allow_one_either_side_and_never_a_used_one() {
        assert_eq!(totp_step(59), 1);
        assert_eq!(totp_step(60), 2);
        assert_eq!(acceptable_steps(100, None), [99, 100, 101]);
        assert_eq!(acceptable_steps(100, Some(99)), [100, 101]);
        assert_eq!(acceptable_steps(100, Some(100)), [101]);
        assert!(acceptable_steps(100, Some(101)).is_empty());
        assert_eq!(acceptable_steps(100, Some(50)), [99, 100, 101]);
    }

    #[test]
    fn codes_compare_without_spaces_dashes_or_case() {
        assert_eq!(normalise_code(" AB12-cd34 "), "ab12cd34");
        assert_eq!(normalise_code("123 456"), "123456");
    }
}
