//! Translation keys for stored codes. Keys are spelled out so the translation check sees them.

use prisverdig_domain::round::RoundState;

pub fn round_state(state: RoundState) -> &'static str {
    match state {
        RoundState::Draft => "admin-state-draft",
        RoundState::Open => "admin-state-open",
        RoundState::Closed => "admin-state-closed",
        RoundState::Judging => "admin-state-judging",
        RoundState::Nominated => "admin-state-nominated",
        RoundState::Awarded => "admin-state-awarded",
        RoundState::Archived => "admin-state-archived",
    }
}

/// The key for a stored state code.
pub fn round_state_code(code: &str) -> &'static str {
    RoundState::parse(code).map_or("admin-state-draft", round_state)
}

/// The button that moves a round to `state`.
pub fn round_action(state: RoundState) -> &'static str {
    match state {
        RoundState::Draft => "admin-state-draft",
        RoundState::Open => "admin-move-open",
        RoundState::Closed => "admin-move-closed",
        RoundState::Judging => "admin-move-judging",
        RoundState::Nominated => "admin-move-nominated",
        RoundState::Awarded => "admin-move-awarded",
        RoundState::Archived => "admin-move-archived",
    }
}

pub fn unit_kind(code: &str) -> &'static str {
    match code {
        "sector" => "admin-unit-kind-sector",
        "area" => "admin-unit-kind-area",
        _ => "admin-unit-kind-unit",
    }
}

pub fn category_kind(code: &str) -> &'static str {
    match code {
        "innovation" => "admin-category-kind-innovation",
        "steal" => "admin-category-kind-steal",
        "mistake" => "admin-category-kind-mistake",
        _ => "admin-category-kind-custom",
    }
}

pub const UNIT_KINDS: [(&str, &str); 3] = [
    ("sector", "admin-unit-kind-sector"),
    ("area", "admin-unit-kind-area"),
    ("unit", "admin-unit-kind-unit"),
];

pub const CATEGORY_KINDS: [(&str, &str); 4] = [
    ("innovation", "admin-category-kind-innovation"),
    ("steal", "admin-category-kind-steal"),
    ("mistake", "admin-category-kind-mistake"),
    ("custom", "admin-category-kind-custom"),
];
