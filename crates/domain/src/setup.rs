//! What an administrator enters to set up a round: the round, its categories, their
//! criteria and questions. Each `parse` checks raw form text and reports every problem at
//! once, each at its field.

use crate::ValidationError;
use crate::category::{CategoryKind, Scale};
use crate::language::Language;
use crate::local_time::parse_oslo;
use crate::round::Visibility;
use time::OffsetDateTime;

pub const MAX_TITLE_CHARS: usize = 200;
pub const MAX_TEXT_CHARS: usize = 5000;
pub const MAX_WEIGHT: i64 = 10;

/// Collects problems while reading a form.
#[derive(Default)]
struct Check(Vec<ValidationError>);

impl Check {
    fn text(&mut self, field: &'static str, value: &str, required: bool, max: usize) -> String {
        let value = value.trim();
        if required && value.is_empty() {
            self.0.push(ValidationError::new(field, "error-required"));
        } else if value.chars().count() > max {
            self.0.push(ValidationError::new(field, "error-too-long"));
        }
        value.to_string()
    }

    fn number(&mut self, field: &'static str, value: &str, min: i64, max: i64) -> i64 {
        match value.trim().replace([' ', '\u{a0}'], "").parse::<i64>() {
            Ok(n) if (min..=max).contains(&n) => n,
            Ok(_) => self.fail(field, "error-number-out-of-range", 0),
            Err(_) if value.trim().is_empty() => self.fail(field, "error-required", 0),
            Err(_) => self.fail(field, "error-number-invalid", 0),
        }
    }

    /// A date and time in Oslo; both empty is `None` when not required.
    fn when(
        &mut self,
        field: &'static str,
        date: &str,
        clock: &str,
        required: bool,
    ) -> Option<OffsetDateTime> {
        if date.trim().is_empty() && clock.trim().is_empty() {
            if required {
                self.0.push(ValidationError::new(field, "error-required"));
            }
            return None;
        }
        let at = parse_oslo(date, clock);
        if at.is_none() {
            self.0
                .push(ValidationError::new(field, "error-date-time-invalid"));
        }
        at
    }

    fn fail<T>(&mut self, field: &'static str, message_id: &'static str, fallback: T) -> T {
        self.0.push(ValidationError::new(field, message_id));
        fallback
    }

    fn finish<T>(self, value: T) -> Result<T, Vec<ValidationError>> {
        if self.0.is_empty() {
            Ok(value)
        } else {
            Err(self.0)
        }
    }
}

pub struct RoundInput<'a> {
    pub year: &'a str,
    pub title: &'a str,
    pub description: &'a str,
    pub ceremony_name: &'a str,
    pub ceremony_date: &'a str,
    pub ceremony_time: &'a str,
    pub ceremony_place: &'a str,
    pub visibility: &'a str,
    /// The language of the round's printed matter; empty means Bokmål.
    pub language: &'a str,
}

#[derive(Debug, Clone, PartialEq)]
pub struct RoundSetup {
    pub year: i64,
    pub title: String,
    pub description: String,
    pub ceremony_name: String,
    pub ceremony_at: Option<OffsetDateTime>,
    pub ceremony_place: String,
    pub visibility: Visibility,
    pub language: Language,
}

impl RoundInput<'_> {
    pub fn parse(&self) -> Result<RoundSetup, Vec<ValidationError>> {
        let mut c = Check::default();
        let setup = RoundSetup {
            year: c.number("year", self.year, 2000, 2200),
            title: c.text("title", self.title, true, MAX_TITLE_CHARS),
            description: c.text("description", self.description, false, MAX_TEXT_CHARS),
            ceremony_name: c.text("ceremony_name", self.ceremony_name, false, MAX_TITLE_CHARS),
            ceremony_at: c.when(
                "ceremony_date",
                self.ceremony_date,
                self.ceremony_time,
                false,
            ),
            ceremony_place: c.text(
                "ceremony_place",
                self.ceremony_place,
                false,
                MAX_TITLE_CHARS,
            ),
            visibility: Visibility::parse(self.visibility)
                .unwrap_or_else(|| c.fail("visibility", "error-choose-one", Visibility::OnSubmit)),
            language: match self.language.trim() {
                "" => Language::Nb,
                tag => Language::parse(tag)
                    .unwrap_or_else(|| c.fail("language", "error-choose-one", Language::Nb)),
            },
        };
        c.finish(setup)
    }
}

pub struct CategoryInput<'a> {
    pub kind: &'a str,
    pub name: &'a str,
    pub description: &'a str,
    pub prize_sum_kr: &'a str,
    pub deadline_date: &'a str,
    pub deadline_time: &'a str,
    pub extended_date: &'a str,
    pub extended_time: &'a str,
    pub blind: bool,
    pub peoples_choice: bool,
}

#[derive(Debug, Clone, PartialEq)]
pub struct CategorySetup {
    pub kind: CategoryKind,
    pub name: String,
    pub description: String,
    pub prize_sum_kr: i64,
    pub deadline: OffsetDateTime,
    pub extended_deadline: Option<OffsetDateTime>,
    pub blind: bool,
    /// «Folkets favoritt»: every signed-in employee may vote once (`peoples_choice`).
    pub peoples_choice: bool,
}

impl CategoryInput<'_> {
    pub fn parse(&self) -> Result<CategorySetup, Vec<ValidationError>> {
        let mut c = Check::default();
        // No type chosen: the shipped prize the name names, else a custom prize.
        let kind = if self.kind.trim().is_empty() {
            crate::defaults::kind_for_name(self.name)
        } else {
            CategoryKind::parse(self.kind)
                .unwrap_or_else(|| c.fail("kind", "error-choose-one", CategoryKind::Custom))
        };
        let name = c.text("name", self.name, true, MAX_TITLE_CHARS);
        let description = c.text("description", self.description, false, MAX_TEXT_CHARS);
        let prize_sum_kr = c.number("prize_sum_kr", self.prize_sum_kr, 0, 100_000_000);
        let deadline = c.when(
            "deadline_date",
            self.deadline_date,
            self.deadline_time,
            true,
        );
        let extended = c.when(
            "extended_date",
            self.extended_date,
            self.extended_time,
            false,
        );
        if let (Some(d), Some(e)) = (deadline, extended)
            && let Err(err) = check_extension(d, e)
        {
            c.0.push(err);
        }
        let setup = CategorySetup {
            kind,
            name,
            description,
            prize_sum_kr,
            deadline: deadline.unwrap_or(OffsetDateTime::UNIX_EPOCH),
            extended_deadline: extended,
            blind: self.blind,
            peoples_choice: self.peoples_choice,
        };
        c.finish(setup)
    }
}

/// An extended deadline must come after the deadline it extends.
pub fn check_extension(
    deadline: OffsetDateTime,
    extended: OffsetDateTime,
) -> Result<(), ValidationError> {
    if extended > deadline {
        Ok(())
    } else {
        Err(ValidationError::new(
            "extended_date",
            "error-extension-not-after-deadline",
        ))
    }
}

pub struct CriterionInput<'a> {
    pub text: &'a str,
    pub help: &'a str,
    pub weight: &'a str,
    pub shape: &'a str,
    pub scale_min: &'a str,
    pub scale_max: &'a str,
}

#[derive(Debug, Clone, PartialEq)]
pub struct CriterionSetup {
    pub text: String,
    pub help: String,
    pub weight: i64,
    pub scale: Scale,
}

impl CriterionInput<'_> {
    pub fn parse(&self) -> Result<CriterionSetup, Vec<ValidationError>> {
        let mut c = Check::default();
        let text = c.text("text", self.text, true, MAX_TEXT_CHARS);
        let help = c.text("help", self.help, false, MAX_TEXT_CHARS);
        let weight = c.number("weight", self.weight, 1, MAX_WEIGHT);
        let scale = match self.shape {
            "yes_no" => Scale::YesNo,
            "range" => {
                let min = c.number("scale_min", self.scale_min, 0, 100);
                let max = c.number("scale_max", self.scale_max, 1, 100);
                Scale::from_parts("range", min, max).unwrap_or_else(|| {
                    c.fail("scale_max", "error-scale-max-not-above-min", Scale::YesNo)
                })
            }
            _ => c.fail("shape", "error-choose-one", Scale::YesNo),
        };
        c.finish(CriterionSetup {
            text,
            help,
            weight,
            scale,
        })
    }
}

pub struct QuestionInput<'a> {
    pub text: &'a str,
    pub help: &'a str,
    pub required: bool,
}

#[derive(Debug, Clone, PartialEq)]
pub struct QuestionSetup {
    pub text: String,
    pub help: String,
    pub required: bool,
}

impl QuestionInput<'_> {
    pub fn parse(&self) -> Result<QuestionSetup, Vec<ValidationError>> {
        let mut c = Check::default();
        let text = c.text("text", self.text, true, MAX_TEXT_CHARS);
        let help = c.text("help", self.help, false, MAX_TEXT_CHARS);
        c.finish(QuestionSetup {
            text,
            help,
            required: self.required,
        })
    }
}

/// Criteria and questions may change only until the first application in the category is
/// submitted: after that, applicants have answered them and the jury scores against them.
pub fn criteria_editable(submitted_applications: i64) -> bool {
    submitted_applications == 0
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::datetime;

    fn category<'a>(extended_date: &'a str, prize: &'a str) -> CategoryInput<'a> {
        CategoryInput {
            kind: "mistake",
            name: "Beste feil",
            description: "",
            prize_sum_kr: prize,
            deadline_date: "2019-11-01",
            deadline_time: "23:59",
            extended_date,
            extended_time: "23:59",
            blind: false,
            peoples_choice: false,
        }
    }

    #[test]
    fn a_category_reads_oslo_deadlines() {
        let c = category("2019-11-15", "25 000").parse().unwrap();
        assert_eq!(c.deadline, datetime!(2019-11-01 22:59 UTC));
        assert_eq!(c.extended_deadline, Some(datetime!(2019-11-15 22:59 UTC)));
        assert_eq!(c.prize_sum_kr, 25_000);
    }

    #[test]
    fn without_a_type_the_name_decides_and_a_bad_type_is_refused() {
        let none = CategoryInput {
            kind: "",
            name: "Innovasjonsprisen",
            extended_time: "",
            ..category("", "0")
        };
        assert_eq!(none.parse().unwrap().kind, CategoryKind::Innovation);
        let other = CategoryInput {
            kind: "",
            name: "Årets ildsjel",
            extended_time: "",
            ..category("", "0")
        };
        assert_eq!(other.parse().unwrap().kind, CategoryKind::Custom);
        let chosen = CategoryInput {
            kind: "custom",
            name: "Innovasjonsprisen",
            extended_time: "",
            ..category("", "0")
        };
        assert_eq!(
            chosen.parse().unwrap().kind,
            CategoryKind::Custom,
            "a choice stands"
        );
        let bad = CategoryInput {
            kind: "best",
            extended_time: "",
            ..category("", "0")
        };
        assert_eq!(bad.parse().unwrap_err()[0].field, "kind");
    }

    #[test]
    fn an_extension_must_come_after_the_deadline_and_sums_are_whole_kroner() {
        let fields: Vec<_> = category("2019-10-01", "-5")
            .parse()
            .unwrap_err()
            .iter()
            .map(|e| (e.field, e.message_id))
            .collect();
        assert_eq!(
            fields,
            [
                ("prize_sum_kr", "error-number-out-of-range"),
                ("extended_date", "error-extension-not-after-deadline")
            ]
        );
    }

    #[test]
    fn criteria_check_weight_and_scale() {
        let input = CriterionInput {
            text: "I hvilken grad …",
            help: "",
            weight: "11",
            shape: "range",
            scale_min: "6",
            scale_max: "1",
        };
        let fields: Vec<_> = input.parse().unwrap_err().iter().map(|e| e.field).collect();
        assert_eq!(fields, ["weight", "scale_max"]);
        let ok = CriterionInput {
            weight: "2",
            scale_min: "1",
            scale_max: "6",
            ..input
        };
        assert_eq!(ok.parse().unwrap().scale, Scale::Range { min: 1, max: 6 });
    }

    #[test]
    fn a_round_reports_every_problem() {
        let input = RoundInput {
            year: "tjue",
            title: " ",
            description: "",
            ceremony_name: "Bærumskonferansen",
            ceremony_date: "2020-01-20",
            ceremony_time: "",
            ceremony_place: "",
            visibility: "sometimes",
            language: "se",
        };
        let fields: Vec<_> = input.parse().unwrap_err().iter().map(|e| e.field).collect();
        assert_eq!(
            fields,
            ["year", "title", "ceremony_date", "visibility", "language"]
        );
    }

    #[test]
    fn criteria_lock_at_the_first_submission() {
        assert!(criteria_editable(0));
        assert!(!criteria_editable(1));
    }

    fn question(text: &str) -> Vec<(&'static str, &'static str)> {
        let input = QuestionInput {
            text,
            help: "",
            required: true,
        };
        match input.parse() {
            Ok(_) => vec![],
            Err(e) => e.iter().map(|e| (e.field, e.message_id)).collect(),
        }
    }

    #[test]
    fn a_text_may_hold_exactly_its_limit() {
        assert_eq!(question(&"å".repeat(MAX_TEXT_CHARS)), []);
        assert_eq!(
            question(&"å".repeat(MAX_TEXT_CHARS + 1)),
            [("text", "error-too-long")]
        );
        assert_eq!(question("  "), [("text", "error-required")]);
    }

    fn weight_messages(weight: &str) -> Vec<&'static str> {
        let input = CriterionInput {
            text: "Er den tatt i bruk?",
            help: "",
            weight,
            shape: "yes_no",
            scale_min: "",
            scale_max: "",
        };
        input
            .parse()
            .map_or_else(|e| e.iter().map(|e| e.message_id).collect(), |_| vec![])
    }

    #[test]
    fn a_missing_number_is_required_and_a_word_is_not_a_number() {
        assert_eq!(weight_messages(" "), ["error-required"]);
        assert_eq!(weight_messages("to"), ["error-number-invalid"]);
        assert_eq!(weight_messages("0"), ["error-number-out-of-range"]);
        let max = format!(" {MAX_WEIGHT} ");
        assert_eq!(weight_messages(&max), Vec::<&str>::new());
    }

    #[test]
    fn a_yes_no_criterion_needs_no_scale_numbers() {
        let input = CriterionInput {
            text: "Er den tatt i bruk?",
            help: "",
            weight: "1",
            shape: "yes_no",
            scale_min: "",
            scale_max: "",
        };
        assert_eq!(input.parse().unwrap().scale, Scale::YesNo);
    }

    #[test]
    fn an_extension_to_the_same_minute_is_not_an_extension() {
        let d = datetime!(2019-11-01 22:59 UTC);
        assert!(check_extension(d, d).is_err());
        assert!(check_extension(d, d + time::Duration::minutes(1)).is_ok());
    }
}
