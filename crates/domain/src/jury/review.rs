//! What a juror writes in a review, and what the chair writes for a decision and as
//! feedback: the limits and checks, each problem at its field.

use crate::ValidationError;
use crate::category::Scale;
use uuid::Uuid;

/// A comment on one criterion, or the review's overall comment.
pub const MAX_COMMENT_CHARS: usize = 4000;
/// The jury's justification of a decision.
pub const MAX_JUSTIFICATION_CHARS: usize = 4000;
/// The feedback to one application.
pub const MAX_FEEDBACK_CHARS: usize = 8000;

/// One criterion as the juror filled it in: the raw text of the value (empty: left out)
/// and the comment.
#[derive(Debug, Clone, Default)]
pub struct Entry {
    pub value: String,
    pub comment: String,
}

/// One criterion checked: the value on its scale, if given, and the trimmed comment.
#[derive(Debug, Clone, PartialEq)]
pub struct Checked {
    pub criterion: Uuid,
    pub value: Option<i64>,
    pub comment: String,
}

/// A problem with a review: its field (`score` or `note` of `criterion`, or the overall
/// `comment` without one).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    pub criterion: Option<Uuid>,
    pub error: ValidationError,
}

fn too_long(
    criterion: Option<Uuid>,
    field: &'static str,
    text: &str,
    max: usize,
    problems: &mut Vec<Problem>,
) {
    if text.chars().count() > max {
        let error = ValidationError::new(field, "error-too-long").with_limit(max);
        problems.push(Problem { criterion, error });
    }
}

/// Checks every criterion's entry against its scale and the comments against their
/// limits. A criterion may be left empty; a value off its scale or not a whole number is
/// refused at its field.
pub fn check(
    criteria: &[(Uuid, Scale)],
    entries: &[(Uuid, Entry)],
    overall: &str,
) -> Result<(Vec<Checked>, String), Vec<Problem>> {
    let mut problems = Vec::new();
    let mut checked = Vec::new();
    for (id, scale) in criteria {
        let entry = entries
            .iter()
            .find(|(c, _)| c == id)
            .map(|(_, e)| e.clone())
            .unwrap_or_default();
        let raw = entry.value.trim();
        let value = if raw.is_empty() {
            None
        } else {
            match raw.parse::<i64>() {
                Ok(v) if scale.accepts(v) => Some(v),
                _ => {
                    problems.push(Problem {
                        criterion: Some(*id),
                        error: ValidationError::new("score", "error-score-scale"),
                    });
                    None
                }
            }
        };
        let comment = entry.comment.trim().to_string();
        too_long(
            Some(*id),
            "note",
            &comment,
            MAX_COMMENT_CHARS,
            &mut problems,
        );
        checked.push(Checked {
            criterion: *id,
            value,
            comment,
        });
    }
    let overall = overall.trim().to_string();
    too_long(None, "comment", &overall, MAX_COMMENT_CHARS, &mut problems);
    if problems.is_empty() {
        Ok((checked, overall))
    } else {
        Err(problems)
    }
}

/// A text the chair writes (justification, feedback, the reason for no winner), trimmed
/// and at most `max` characters.
pub fn check_text(field: &'static str, text: &str, max: usize) -> Result<String, ValidationError> {
    let text = text.trim();
    if text.chars().count() > max {
        Err(ValidationError::new(field, "error-too-long").with_limit(max))
    } else {
        Ok(text.to_string())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entry(value: &str, comment: &str) -> Entry {
        Entry {
            value: value.into(),
            comment: comment.into(),
        }
    }

    #[test]
    fn values_on_their_scale_and_empty_ones_pass() {
        let (a, b) = (Uuid::from_u128(1), Uuid::from_u128(2));
        let criteria = [(a, Scale::YesNo), (b, Scale::Range { min: 1, max: 6 })];
        let (checked, overall) = check(
            &criteria,
            &[(a, entry("1", " fint ")), (b, entry("", ""))],
            " samlet ",
        )
        .unwrap();
        assert_eq!(checked[0].value, Some(1));
        assert_eq!(checked[0].comment, "fint");
        assert_eq!(checked[1].value, None);
        assert_eq!(overall, "samlet");
    }

    #[test]
    fn values_off_the_scale_are_refused_at_their_field() {
        let (a, b) = (Uuid::from_u128(1), Uuid::from_u128(2));
        let criteria = [(a, Scale::YesNo), (b, Scale::Range { min: 1, max: 6 })];
        for bad in ["2", "-1", "x", "1.5"] {
            let problems = check(&criteria, &[(a, entry(bad, ""))], "").unwrap_err();
            assert_eq!(problems[0].criterion, Some(a), "{bad}");
            assert_eq!(problems[0].error.field, "score");
        }
        let problems = check(&criteria, &[(b, entry("7", ""))], "").unwrap_err();
        assert_eq!(problems[0].error.message_id, "error-score-scale");
        let long = "x".repeat(MAX_COMMENT_CHARS + 1);
        let problems = check(&criteria, &[(b, entry("6", &long))], &long).unwrap_err();
        let fields: Vec<_> = problems
            .iter()
            .map(|p| (p.criterion, p.error.field))
            .collect();
        assert_eq!(fields, [(Some(b), "note"), (None, "comment")]);
        assert!(check_text("feedback", &"y".repeat(9), 8).is_err());
        assert_eq!(check_text("feedback", " ok ", 8).unwrap(), "ok");
    }
}
