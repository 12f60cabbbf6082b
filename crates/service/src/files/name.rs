//! Display names for uploads: what the applicant called the file, made harmless to show and to
//! put in a download header. Never used as a path.

/// Longest display name, in characters, extension included.
pub const MAX_NAME_CHARS: usize = 120;
/// Longer "extensions" are taken as part of the name.
const MAX_EXTENSION_CHARS: usize = 10;
const FALLBACK: &str = "fil";

/// The last path component (after `/` or `\`), without control characters, bidirectional
/// overrides (which can make `exe.jpg` look like `gpj.exe`), leading dots or surrounding
/// spaces, cut to 120 characters keeping the extension; `fil` when nothing is left.
pub fn safe_file_name(name: &str) -> String {
    let base = name.rsplit(['/', '\\']).next().unwrap_or("");
    let cleaned: String = base.chars().filter(|&c| !is_hidden_char(c)).collect();
    let trimmed = cleaned.trim().trim_start_matches('.').trim_start();
    if trimmed.is_empty() {
        return FALLBACK.to_string();
    }
    shorten(trimmed)
}

fn is_hidden_char(c: char) -> bool {
    c.is_control()
        || matches!(c, '\u{200B}'..='\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
        || c == '\u{FEFF}'
}

fn shorten(name: &str) -> String {
    if name.chars().count() <= MAX_NAME_CHARS {
        return name.to_string();
    }
    let extension = name
        .rsplit_once('.')
        .map(|(_, ext)| ext)
        .filter(|ext| !ext.is_empty() && ext.chars().count() <= MAX_EXTENSION_CHARS);
    match extension {
        Some(ext) => {
            let stem_chars = MAX_NAME_CHARS - 1 - ext.chars().count();
            let stem: String = name.chars().take(stem_chars).collect();
            format!("{}.{ext}", stem.trim_end())
        }
        None => name.chars().take(MAX_NAME_CHARS).collect::<String>(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn path_components_are_stripped() {
        assert_eq!(safe_file_name("../../etc/passwd"), "passwd");
        assert_eq!(safe_file_name(r"C:\Users\kari\Søknad.docx"), "Søknad.docx");
        assert_eq!(safe_file_name("a/b\\c.pdf"), "c.pdf");
    }

    #[test]
    fn control_and_bidi_characters_are_removed() {
        assert_eq!(safe_file_name("rap\u{0}port\n.pdf"), "rapport.pdf");
        assert_eq!(safe_file_name("bilde\u{202E}gpj.exe"), "bildegpj.exe");
        assert_eq!(safe_file_name("\u{FEFF}notat.odt"), "notat.odt");
    }

    #[test]
    fn leading_dots_and_spaces_are_removed() {
        assert_eq!(safe_file_name(".htaccess"), "htaccess");
        assert_eq!(safe_file_name(" ... skjult.txt "), "skjult.txt");
    }

    #[test]
    fn nothing_left_gives_fil() {
        for name in ["", "   ", "..", "/", "dir/", "\\", "\u{1}\u{2}", "./."] {
            assert_eq!(safe_file_name(name), "fil", "{name:?}");
        }
    }

    #[test]
    fn long_names_keep_their_extension() {
        let long = format!("{}.pdf", "æ".repeat(300));
        let safe = safe_file_name(&long);
        assert_eq!(safe.chars().count(), MAX_NAME_CHARS);
        assert!(safe.ends_with("æ.pdf"), "{safe}");
    }

    #[test]
    fn a_long_name_with_a_long_extension_is_just_cut() {
        let long = format!("rapport.{}", "x".repeat(200));
        let safe = safe_file_name(&long);
        assert_eq!(safe.chars().count(), MAX_NAME_CHARS);
        assert!(safe.starts_with("rapport.xxx"), "{safe}");
    }

    #[test]
    fn ordinary_names_are_kept() {
        assert_eq!(
            safe_file_name("Årsrapport 2026 (endelig).pdf"),
            "Årsrapport 2026 (endelig).pdf"
        );
    }
}
