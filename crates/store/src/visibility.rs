//! The one SQL form of the public-visibility rule, so every query that names applications
//! (catalogue, lists on a page, the idea family, pickers) hides the same ones. It mirrors
//! `prisverdig_domain::application::rules::is_public`: submitted, its round past draft, and
//! either a round that shows applications on submission or its category's deadline (the
//! extension when there is one) reached.

/// `public_at!(state, category, round, now)`: the condition for an application whose state
/// expression is `state` (normally `a.state`), in category alias `category` and round alias
/// `round`, with `now` the placeholder bound to the current time.
macro_rules! public_at {
    ($state:literal, $c:literal, $r:literal, $now:literal) => {
        concat!(
            "(",
            $state,
            " = 'submitted' AND ",
            $r,
            ".state <> 'draft' AND (",
            $r,
            ".visibility = 'on_submit' OR ",
            $now,
            " >= COALESCE(",
            $c,
            ".extended_deadline, ",
            $c,
            ".deadline)))"
        )
    };
}

/// The applications public at `now` (`$n`): `(id, title, year)`, to join lists against.
macro_rules! public_applications {
    ($now:literal) => {
        concat!(
            "(SELECT a.id, a.title, r.year FROM application a JOIN category c ON c.id = a.category_id \
             JOIN round r ON r.id = c.round_id WHERE ",
            public_at!("a.state", "c", "r", $now),
            ")"
        )
    };
}

/// `outcome_at!(decision, category, now)`: the outcome the public may see of an application
/// at `now`: its decision's kind from the decision's publication minute, before that
/// «nominee» from the category's nominee minute when the jury nominated it, otherwise NULL.
/// The jury's unpublished choices are in the same row; only this form may read them for
/// anything public (`crates/cli/tests/integration/jury.rs`).
macro_rules! outcome_at {
    ($d:literal, $c:literal, $now:literal) => {
        concat!(
            "(CASE WHEN ",
            $d,
            ".published_at IS NOT NULL AND ",
            $d,
            ".published_at <= ",
            $now,
            " THEN ",
            $d,
            ".kind WHEN ",
            $d,
            ".nominated AND ",
            $c,
            ".nominees_at IS NOT NULL AND ",
            $c,
            ".nominees_at <= ",
            $now,
            " THEN 'nominee' END)"
        )
    };
}
