//! Reading stored codes (states, kinds, shapes) into the domain's types at the store's edge.
//! Each query reads a private row of plain columns and converts it here; a code the domain
//! does not know is an error naming its table, row and column, never a default.

use crate::{Result, StoreError};
use uuid::Uuid;

/// The row `id` of `table` holds `value` in `column`: its domain value, or
/// [`StoreError::Unknown`].
pub(crate) fn code<T>(
    parse: impl FnOnce(&str) -> Option<T>,
    table: &'static str,
    id: Uuid,
    column: &'static str,
    value: String,
) -> Result<T> {
    parse(&value).ok_or(StoreError::Unknown {
        table,
        id,
        column,
        value,
    })
}

/// Every row converted, or the first that could not be.
pub(crate) fn all<R, T: TryFrom<R, Error = StoreError>>(rows: Vec<R>) -> Result<Vec<T>> {
    rows.into_iter().map(T::try_from).collect()
}

/// The row converted, when there is one.
pub(crate) fn optional<R, T: TryFrom<R, Error = StoreError>>(row: Option<R>) -> Result<Option<T>> {
    row.map(T::try_from).transpose()
}

#[cfg(test)]
mod tests {
    use super::*;
    use prisverdig_domain::round::RoundState;

    #[test]
    fn an_unknown_code_names_its_table_row_column_and_value() {
        let id = Uuid::nil();
        let err = code(RoundState::parse, "round", id, "state", "opne".into()).unwrap_err();
        assert_eq!(
            err.to_string(),
            "round row 00000000-0000-0000-0000-000000000000 has an unknown state \"opne\""
        );
        let ok = code(RoundState::parse, "round", id, "state", "open".into()).unwrap();
        assert_eq!(ok, RoundState::Open);
    }
}
