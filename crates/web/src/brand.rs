//! The organisation's own look on top of Designsystemet: its accent colour (already checked
//! for contrast) as a small stylesheet, and its logo. Both are optional; `assets::brand`
//! serves them.

use prisverdig_domain::colour::Rgb;

#[derive(Debug, Clone, Default)]
pub struct Brand {
    pub accent: Option<Rgb>,
    /// (content type decided from the bytes, bytes)
    pub logo: Option<(&'static str, Vec<u8>)>,
}

impl Brand {
    /// The accent colour as design tokens: buttons, links and focus take it.
    pub fn css(&self) -> String {
        let Some(accent) = self.accent else {
            return String::new();
        };
        let (hover, active) = (accent.darker(0.15), accent.darker(0.3));
        format!(
            ":root, [data-color=\"accent\"] {{\n  --ds-color-accent-base-default: {accent};\n  \
             --ds-color-accent-base-hover: {hover};\n  --ds-color-accent-base-active: {active};\n  \
             --ds-color-accent-text-default: {accent};\n  --ds-color-accent-border-strong: {accent};\n}}\n"
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_accent_becomes_design_tokens() {
        let brand = Brand {
            accent: Some(Rgb(0x00, 0x4c, 0x97)),
            logo: None,
        };
        let css = brand.css();
        assert!(css.contains("--ds-color-accent-base-default: #004c97;"));
        assert!(css.contains("--ds-color-accent-base-hover: #004180;"));
        assert_eq!(Brand::default().css(), "");
    }
}
