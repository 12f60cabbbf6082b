//! The shipped default setup: Bærum kommune's three prizes and their published criteria
//! (DOMAIN.md). A new organisation starts from these; administrators can edit every text.
//! These are data entered into the database, written in Bokmål like the original call.

use crate::category::{CategoryKind, Scale};

pub struct DefaultCriterion {
    pub text: &'static str,
    pub scale: Scale,
}

pub struct DefaultCategory {
    pub kind: CategoryKind,
    pub name: &'static str,
    pub description: &'static str,
    pub prize_sum_kr: i64,
    pub criteria: &'static [DefaultCriterion],
}

const DEGREE: Scale = Scale::Range { min: 1, max: 6 };

const fn yes_no(text: &'static str) -> DefaultCriterion {
    DefaultCriterion {
        text,
        scale: Scale::YesNo,
    }
}

const fn degree(text: &'static str) -> DefaultCriterion {
    DefaultCriterion {
        text,
        scale: DEGREE,
    }
}

pub const CATEGORIES: [DefaultCategory; 3] = [
    DefaultCategory {
        kind: CategoryKind::Innovation,
        name: "Innovasjonsprisen",
        description: "Årets innovasjon: en løsning som er ny for kommunen, er tatt i bruk og skaper verdi for innbyggere og brukere.",
        prize_sum_kr: 50_000,
        criteria: &[
            yes_no("Er innovasjonen tatt i bruk, og skaper den verdi for brukere og innbyggere?"),
            degree("I hvilken grad er det hentet inspirasjon fra andre, internt eller eksternt?"),
            degree(
                "I hvilken grad har løsningen spredningspotensial – kan andre ta i bruk hele eller deler av den?",
            ),
            degree(
                "I hvilken grad er det samarbeidet internt om felles utfordringer, innenfor eller på tvers av fagområder?",
            ),
            degree(
                "I hvilken grad er det samarbeidet med eksterne, som sosiale entreprenører, næringsliv, frivillige eller andre kommuner?",
            ),
            degree("I hvilken grad er brukere og innbyggere involvert i utviklingen?"),
        ],
    },
    DefaultCategory {
        kind: CategoryKind::Steal,
        name: "Stjæl med stil",
        description: "For dem som har tatt i bruk andres idé, gjort den til sin egen og gitt æren til dem de stjal fra.",
        prize_sum_kr: 25_000,
        criteria: &[
            yes_no("Er kilden til ideen navngitt og kreditert?"),
            degree("I hvilken grad er ideen tilpasset lokale behov?"),
            yes_no("Er løsningen tatt i bruk, og skaper den verdi?"),
            degree(
                "I hvilken grad deler dere tilbake det dere har endret, slik at andre kan stjele videre?",
            ),
        ],
    },
    DefaultCategory {
        kind: CategoryKind::Mistake,
        name: "Beste feil",
        description: "For dem som prøvde noe nytt, feilet, lærte – og gikk videre eller stoppet i tide.",
        prize_sum_kr: 25_000,
        criteria: &[
            yes_no("Har dere gjort en feil i forsøket på å innovere eller prøve noe nytt?"),
            degree("I hvilken grad feilet dere raskt og lærte raskt?"),
            degree(
                "I hvilken grad har dere lært av feilen og gått videre – eller stoppet prosessen («killed your darling») på grunn av det dere lærte?",
            ),
        ],
    },
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn defaults_match_the_published_criteria_counts() {
        let counts: Vec<_> = CATEGORIES.iter().map(|c| c.criteria.len()).collect();
        assert_eq!(counts, [6, 4, 3]);
        assert!(CATEGORIES.iter().all(|c| c.prize_sum_kr > 0));
    }
}
