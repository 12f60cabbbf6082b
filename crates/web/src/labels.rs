//! Translation keys for stored codes. Keys are spelled out so the translation check sees them.

use prisverdig_domain::category::CategoryKind;
use prisverdig_domain::round::RoundState;
use prisverdig_domain::unit::UnitKind;

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

pub fn unit_kind(kind: UnitKind) -> &'static str {
    match kind {
        UnitKind::Sector => "admin-unit-kind-sector",
        UnitKind::Area => "admin-unit-kind-area",
        UnitKind::Unit => "admin-unit-kind-unit",
    }
}

pub fn category_kind(kind: CategoryKind) -> &'static str {
    match kind {
        CategoryKind::Innovation => "admin-category-kind-innovation",
        CategoryKind::Steal => "admin-category-kind-steal",
        CategoryKind::Mistake => "admin-category-kind-mistake",
        CategoryKind::Custom => "admin-category-kind-custom",
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
