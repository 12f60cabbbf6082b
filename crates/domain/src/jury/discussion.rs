//! The jury's discussion of an application: who takes part, and what a post may hold.

use super::Access;
use crate::ValidationError;

/// The longest post, in characters, after trimming.
pub const MAX_POST_CHARS: usize = 4000;

/// Only a juror who may review the application reads and writes its discussion: a
/// conflicted juror is as far outside it as one who is not on the jury, whatever other
/// role they hold.
pub fn takes_part(access: Access) -> bool {
    access == Access::Review
}

/// A post as it is stored: trimmed, line breaks as `\n`, between 1 and
/// [`MAX_POST_CHARS`] characters. The problem is at the field `post`.
pub fn check_post(body: &str) -> Result<String, ValidationError> {
    let text = body.replace("\r\n", "\n").replace('\r', "\n");
    let text = text.trim();
    if text.is_empty() {
        Err(ValidationError::new("post", "error-post-empty"))
    } else if text.chars().count() > MAX_POST_CHARS {
        Err(ValidationError::new("post", "error-post-too-long").with_limit(MAX_POST_CHARS))
    } else {
        Ok(text.to_string())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_a_juror_who_may_review_takes_part() {
        assert!(takes_part(Access::Review));
        assert!(!takes_part(Access::Conflicted));
        assert!(!takes_part(Access::None));
    }

    #[test]
    fn a_post_is_trimmed_and_its_line_breaks_kept_as_newlines() {
        assert_eq!(
            check_post("  Enig.\r\nMen:\rhva med drift?  ").unwrap(),
            "Enig.\nMen:\nhva med drift?"
        );
    }

    #[test]
    fn an_empty_post_is_refused_at_its_field() {
        for blank in ["", "   ", "\r\n\t "] {
            let e = check_post(blank).unwrap_err();
            assert_eq!(
                (e.field, e.message_id),
                ("post", "error-post-empty"),
                "{blank:?}"
            );
        }
    }

    #[test]
    fn the_limit_counts_characters_not_bytes_after_trimming() {
        let at_limit = "æ".repeat(MAX_POST_CHARS);
        assert_eq!(check_post(&format!(" {at_limit}\n")).unwrap(), at_limit);
        let over = "ø".repeat(MAX_POST_CHARS + 1);
        let e = check_post(&over).unwrap_err();
        assert_eq!((e.field, e.message_id), ("post", "error-post-too-long"));
        assert_eq!(e.limit, Some(MAX_POST_CHARS));
        // A CRLF is one character, as it is stored: 5 998 sent, 3 999 kept.
        let lines = "a\r\n".repeat(MAX_POST_CHARS / 2 - 1) + "a";
        assert!(check_post(&lines).is_ok());
    }
}
