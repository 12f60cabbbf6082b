//! The languages Prisverdig speaks: Bokmål (the default), Nynorsk and English. A round names
//! the one its printed matter (diplomas, the ceremony's programme, nominee pages) is written
//! in, whatever language the person printing reads the site in.

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Hash)]
pub enum Language {
    #[default]
    Nb,
    Nn,
    En,
}

impl Language {
    pub const ALL: [Language; 3] = [Language::Nb, Language::Nn, Language::En];

    pub fn as_str(self) -> &'static str {
        match self {
            Language::Nb => "nb",
            Language::Nn => "nn",
            Language::En => "en",
        }
    }

    /// Exactly `nb`, `nn` or `en`.
    pub fn parse(s: &str) -> Option<Language> {
        Language::ALL.into_iter().find(|l| l.as_str() == s)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_language_reads_back_and_nothing_else_does() {
        for l in Language::ALL {
            assert_eq!(Language::parse(l.as_str()), Some(l));
        }
        assert_eq!(Language::parse("nb-NO"), None);
        assert_eq!(Language::parse(""), None);
        assert_eq!(Language::default(), Language::Nb);
    }
}
