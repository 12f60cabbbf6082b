//! Colours an organisation may choose for its look, and the WCAG contrast rule they must
//! pass (white text on the accent colour, the accent colour as text on white).

use std::fmt;

/// A colour written `#rrggbb`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Rgb(pub u8, pub u8, pub u8);

/// WCAG 2.1 AA for normal text.
pub const MIN_CONTRAST: f64 = 4.5;

impl Rgb {
    pub const WHITE: Rgb = Rgb(255, 255, 255);

    pub fn parse(input: &str) -> Option<Rgb> {
        let hex = input.trim().strip_prefix('#')?;
        if hex.len() != 6 || !hex.chars().all(|c| c.is_ascii_hexdigit()) {
            return None;
        }
        let byte = |i: usize| u8::from_str_radix(&hex[i..i + 2], 16).ok();
        Some(Rgb(byte(0)?, byte(2)?, byte(4)?))
    }

    /// Relative luminance (WCAG 2.1).
    fn luminance(self) -> f64 {
        let channel = |c: u8| {
            let c = f64::from(c) / 255.0;
            if c <= 0.039_28 {
                c / 12.92
            } else {
                ((c + 0.055) / 1.055).powf(2.4)
            }
        };
        0.2126 * channel(self.0) + 0.7152 * channel(self.1) + 0.0722 * channel(self.2)
    }

    pub fn contrast(self, other: Rgb) -> f64 {
        let (a, b) = (self.luminance(), other.luminance());
        (a.max(b) + 0.05) / (a.min(b) + 0.05)
    }

    /// The same hue, `amount` (0–1) closer to black: for hover and pressed states.
    pub fn darker(self, amount: f64) -> Rgb {
        let f = |c: u8| (f64::from(c) * (1.0 - amount)).round().clamp(0.0, 255.0) as u8;
        Rgb(f(self.0), f(self.1), f(self.2))
    }
}

impl fmt::Display for Rgb {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "#{:02x}{:02x}{:02x}", self.0, self.1, self.2)
    }
}

/// An accent colour fit for buttons with white text and for links on white.
pub fn accent(input: &str) -> Result<Rgb, String> {
    let colour =
        Rgb::parse(input).ok_or_else(|| format!("{input:?} is not a colour like #0062ba"))?;
    let ratio = colour.contrast(Rgb::WHITE);
    if ratio < MIN_CONTRAST {
        return Err(format!(
            "{colour} gives white text a contrast of {ratio:.1}:1; WCAG 2.1 AA needs {MIN_CONTRAST}:1 (choose a darker colour)"
        ));
    }
    Ok(colour)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn contrast_matches_known_values() {
        assert!((Rgb(0, 0, 0).contrast(Rgb::WHITE) - 21.0).abs() < 0.01);
        assert!((Rgb::parse("#767676").unwrap().contrast(Rgb::WHITE) - 4.54).abs() < 0.01);
    }

    #[test]
    fn accent_colours_must_carry_white_text() {
        assert_eq!(accent("#0062BA").unwrap(), Rgb(0, 0x62, 0xba));
        assert!(accent("#ffcc00").unwrap_err().contains("contrast of 1.5:1"));
        assert!(accent("blue").is_err() && accent("#12345").is_err());
    }

    #[test]
    fn darker_keeps_the_hue() {
        assert_eq!(Rgb(200, 100, 50).darker(0.5), Rgb(100, 50, 25));
        assert_eq!(Rgb(1, 2, 3).to_string(), "#010203");
    }

    #[test]
    fn very_dark_channels_use_the_linear_part_of_the_curve() {
        // WCAG: a channel at or below 0.03928 (10 of 255) is divided by 12.92.
        assert!((Rgb(5, 5, 5).contrast(Rgb::WHITE) - 20.38).abs() < 0.01);
        assert!((Rgb(10, 10, 10).contrast(Rgb::WHITE) - 19.80).abs() < 0.01);
    }
}
