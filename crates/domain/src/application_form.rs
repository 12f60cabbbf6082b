//! What an applicant writes, and the rules for saving a draft and for submitting.
//! Drafts may be incomplete but never exceed a limit; submitting requires everything the
//! category asks for. All problems are reported at once, each at its field.

use crate::ValidationError;
use crate::application::{IdeaOrigin, MAX_SUMMARY_CHARS};
use crate::category::CategoryKind;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use uuid::Uuid;

pub const MAX_TITLE_CHARS: usize = 150;
pub const MAX_LONG_TEXT_CHARS: usize = 10_000;
pub const MAX_SHORT_TEXT_CHARS: usize = 2_000;
pub const MAX_LINK_CHARS: usize = 500;
pub const MAX_CONTINUES: usize = 10;

/// An idea adopted from outside the organisation («Stjæl med stil»).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ExternalSource {
    pub organisation: String,
    pub title: String,
    pub link: String,
}

/// What changed after a mistake («Beste feil»).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum MistakeDecision {
    ChangedCourse,
    Stopped,
}

impl MistakeDecision {
    pub fn as_str(self) -> &'static str {
        match self {
            MistakeDecision::ChangedCourse => "changed_course",
            MistakeDecision::Stopped => "stopped",
        }
    }

    pub fn parse(input: &str) -> Option<MistakeDecision> {
        [Self::ChangedCourse, Self::Stopped]
            .into_iter()
            .find(|d| d.as_str() == input)
    }
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct MistakeStory {
    pub tried: String,
    pub went_wrong: String,
    pub learned: String,
    pub decision: Option<MistakeDecision>,
}

/// The free-text answers, stored as JSON with the application.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Answers {
    pub what_we_did: String,
    pub three_years_ago: String,
    pub effect: String,
    pub partners: String,
    pub contact: String,
    /// From whom the idea came and how they heard of it.
    pub origin_from: String,
    /// One answer per criterion, in the criteria's order.
    pub criteria: Vec<String>,
    /// Answers to the category's own questions, by question id.
    pub questions: BTreeMap<Uuid, String>,
    pub external_source: Option<ExternalSource>,
    pub mistake: Option<MistakeStory>,
}

/// Everything the form holds.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ApplicationForm {
    pub title: String,
    pub summary: String,
    pub idea_origin: Option<IdeaOrigin>,
    pub answers: Answers,
    /// «Stjæl med stil»: the application in the catalogue whose idea was adopted.
    pub source_application: Option<Uuid>,
    /// Earlier applications this one continues.
    pub continues: Vec<Uuid>,
}

/// What the category asks of the form.
pub struct FormRules<'a> {
    pub kind: CategoryKind,
    pub criteria_count: usize,
    /// (question id, required)
    pub questions: &'a [(Uuid, bool)],
}

fn too_long(errors: &mut Vec<ValidationError>, field: &'static str, text: &str, max: usize) {
    if text.chars().count() > max {
        errors.push(ValidationError::new(field, "error-too-long-max").with_limit(max));
    }
}

fn required(errors: &mut Vec<ValidationError>, field: &'static str, text: &str) {
    if text.trim().is_empty() {
        errors.push(ValidationError::new(field, "error-required"));
    }
}

fn link_ok(link: &str) -> bool {
    let l = link.trim();
    l.is_empty()
        || ((l.starts_with("https://") || l.starts_with("http://"))
            && !l.contains(char::is_whitespace))
}

impl ApplicationForm {
    /// Drops what the category does not ask for and gives exactly one answer slot per
    /// criterion, so a form posted for another category cannot smuggle data in.
    pub fn fit_to(&mut self, kind: CategoryKind, criteria_count: usize) {
        self.answers.criteria.resize(criteria_count, String::new());
        if kind != CategoryKind::Steal {
            self.answers.external_source = None;
            self.source_application = None;
        }
        if kind != CategoryKind::Mistake {
            self.answers.mistake = None;
        }
    }

    /// Limits that hold for every save, draft or not.
    pub fn check_limits(&self) -> Vec<ValidationError> {
        let mut e = Vec::new();
        let a = &self.answers;
        too_long(&mut e, "title", &self.title, MAX_TITLE_CHARS);
        if self.summary.chars().count() > MAX_SUMMARY_CHARS {
            e.push(ValidationError::new("summary", "error-summary-too-long"));
        }
        for (field, text) in [
            ("what_we_did", &a.what_we_did),
            ("three_years_ago", &a.three_years_ago),
            ("effect", &a.effect),
        ] {
            too_long(&mut e, field, text, MAX_LONG_TEXT_CHARS);
        }
        for (field, text) in [
            ("partners", &a.partners),
            ("contact", &a.contact),
            ("origin_from", &a.origin_from),
        ] {
            too_long(&mut e, field, text, MAX_SHORT_TEXT_CHARS);
        }
        let over = |t: &String| t.chars().count() > MAX_LONG_TEXT_CHARS;
        for (field, any) in [
            ("criteria", a.criteria.iter().any(over)),
            ("questions", a.questions.values().any(over)),
        ] {
            if any {
                e.push(
                    ValidationError::new(field, "error-too-long-max")
                        .with_limit(MAX_LONG_TEXT_CHARS),
                );
            }
        }
        if let Some(src) = &a.external_source {
            too_long(
                &mut e,
                "source_organisation",
                &src.organisation,
                MAX_SHORT_TEXT_CHARS,
            );
            too_long(&mut e, "source_title", &src.title, MAX_SHORT_TEXT_CHARS);
            if src.link.chars().count() > MAX_LINK_CHARS || !link_ok(&src.link) {
                e.push(ValidationError::new("source_link", "error-link-invalid"));
            }
        }
        if let Some(m) = &a.mistake {
            for (field, text) in [
                ("mistake_tried", &m.tried),
                ("mistake_went_wrong", &m.went_wrong),
                ("mistake_learned", &m.learned),
            ] {
                too_long(&mut e, field, text, MAX_LONG_TEXT_CHARS);
            }
        }
        if self.continues.len() > MAX_CONTINUES {
            e.push(
                ValidationError::new("continues", "error-too-many-max").with_limit(MAX_CONTINUES),
            );
        }
        e
    }

    /// What a draft save keeps: every field within its limits. A field over its limit (or a
    /// link that is not one) keeps the value `stored` before, so the save goes through for
    /// everything else; the problems are returned to be shown at their fields, and the
    /// browser keeps what was typed there. After this, [`Self::check_limits`] is empty.
    pub fn keep_storable(&mut self, stored: &ApplicationForm) -> Vec<ValidationError> {
        let problems = self.check_limits();
        for p in &problems {
            self.restore(p.field, stored);
        }
        problems
    }

    /// Puts `stored`'s value back into `field` (a group restores only its overlong members).
    pub fn restore(&mut self, field: &str, stored: &ApplicationForm) {
        let (a, s) = (&mut self.answers, &stored.answers);
        let over = |t: &String| t.chars().count() > MAX_LONG_TEXT_CHARS;
        match field {
            "title" => self.title.clone_from(&stored.title),
            "summary" => self.summary.clone_from(&stored.summary),
            "what_we_did" => a.what_we_did.clone_from(&s.what_we_did),
            "three_years_ago" => a.three_years_ago.clone_from(&s.three_years_ago),
            "effect" => a.effect.clone_from(&s.effect),
            "partners" => a.partners.clone_from(&s.partners),
            "contact" => a.contact.clone_from(&s.contact),
            "origin_from" => a.origin_from.clone_from(&s.origin_from),
            "criteria" => {
                for (i, c) in a.criteria.iter_mut().enumerate() {
                    if over(c) {
                        *c = s.criteria.get(i).cloned().unwrap_or_default();
                    }
                }
            }
            "questions" => {
                for (id, q) in a.questions.iter_mut() {
                    if over(q) {
                        *q = s.questions.get(id).cloned().unwrap_or_default();
                    }
                }
            }
            "source_organisation" | "source_title" | "source_link" => {
                let before = s.external_source.clone().unwrap_or_default();
                if let Some(src) = a.external_source.as_mut() {
                    match field {
                        "source_organisation" => src.organisation = before.organisation,
                        "source_title" => src.title = before.title,
                        _ => src.link = before.link,
                    }
                }
            }
            "mistake_tried" | "mistake_went_wrong" | "mistake_learned" => {
                let before = s.mistake.clone().unwrap_or_default();
                if let Some(m) = a.mistake.as_mut() {
                    match field {
                        "mistake_tried" => m.tried = before.tried,
                        "mistake_went_wrong" => m.went_wrong = before.went_wrong,
                        _ => m.learned = before.learned,
                    }
                }
            }
            "source" => self.source_application = stored.source_application,
            "continues" => self.continues.clone_from(&stored.continues),
            _ => {}
        }
    }

    /// Everything required to submit, on top of the limits.
    pub fn check_complete(&self, rules: &FormRules<'_>) -> Vec<ValidationError> {
        let mut e = self.check_limits();
        let a = &self.answers;
        required(&mut e, "title", &self.title);
        required(&mut e, "summary", &self.summary);
        required(&mut e, "what_we_did", &a.what_we_did);
        required(&mut e, "three_years_ago", &a.three_years_ago);
        required(&mut e, "effect", &a.effect);
        required(&mut e, "contact", &a.contact);
        match self.idea_origin {
            None => e.push(ValidationError::new("idea_origin", "error-choose-one")),
            Some(IdeaOrigin::Original) => {}
            Some(_) => required(&mut e, "origin_from", &a.origin_from),
        }
        let answered = a.criteria.iter().filter(|c| !c.trim().is_empty()).count();
        if a.criteria.len() < rules.criteria_count || answered < rules.criteria_count {
            e.push(ValidationError::new(
                "criteria",
                "error-criteria-unanswered",
            ));
        }
        let unanswered = rules.questions.iter().any(|(id, required)| {
            *required && a.questions.get(id).is_none_or(|t| t.trim().is_empty())
        });
        if unanswered {
            e.push(ValidationError::new("questions", "error-required"));
        }
        match rules.kind {
            CategoryKind::Steal => self.check_steal(&mut e),
            CategoryKind::Mistake => self.check_mistake(&mut e),
            _ => {}
        }
        e
    }

    fn check_steal(&self, e: &mut Vec<ValidationError>) {
        let external = self.answers.external_source.as_ref();
        let has_external = external
            .is_some_and(|s| !s.organisation.trim().is_empty() && !s.title.trim().is_empty());
        if self.source_application.is_none() && !has_external {
            e.push(ValidationError::new(
                "source",
                "error-steal-source-required",
            ));
        }
    }

    fn check_mistake(&self, e: &mut Vec<ValidationError>) {
        let story = self.answers.mistake.clone().unwrap_or_default();
        required(e, "mistake_tried", &story.tried);
        required(e, "mistake_went_wrong", &story.went_wrong);
        required(e, "mistake_learned", &story.learned);
        if story.decision.is_none() {
            e.push(ValidationError::new("mistake_decision", "error-choose-one"));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn complete() -> ApplicationForm {
        ApplicationForm {
            title: "Smart renhold".into(),
            summary: "Sensorer styrer renholdet dit folk faktisk har vært.".into(),
            idea_origin: Some(IdeaOrigin::Original),
            answers: Answers {
                what_we_did: "Vi satte opp sensorer.".into(),
                three_years_ago: "Vi vasket alt hver dag.".into(),
                effect: "Renere der det trengs.".into(),
                contact: "Kari Nordmann".into(),
                criteria: vec!["Ja".into(); 3],
                ..Answers::default()
            },
            ..ApplicationForm::default()
        }
    }

    fn rules(kind: CategoryKind) -> FormRules<'static> {
        FormRules {
            kind,
            criteria_count: 3,
            questions: &[],
        }
    }

    fn fields(errors: &[ValidationError]) -> Vec<&'static str> {
        errors.iter().map(|e| e.field).collect()
    }

    #[test]
    fn a_complete_innovation_passes() {
        assert!(
            complete()
                .check_complete(&rules(CategoryKind::Innovation))
                .is_empty()
        );
    }

    #[test]
    fn an_empty_form_reports_every_missing_field_at_once() {
        let errors = ApplicationForm::default().check_complete(&rules(CategoryKind::Innovation));
        assert_eq!(
            fields(&errors),
            [
                "title",
                "summary",
                "what_we_did",
                "three_years_ago",
                "effect",
                "contact",
                "idea_origin",
                "criteria"
            ]
        );
        assert!(
            ApplicationForm::default().check_limits().is_empty(),
            "an empty draft may be saved"
        );
    }

    #[test]
    fn the_summary_is_at_most_300_characters_counting_letters_not_bytes() {
        let mut form = complete();
        form.summary = "æ".repeat(300);
        assert!(form.check_limits().is_empty());
        form.summary.push('ø');
        assert_eq!(form.check_limits()[0].message_id, "error-summary-too-long");
    }

    #[test]
    fn steal_needs_a_source_inside_or_outside() {
        let form = complete();
        assert_eq!(
            fields(&form.check_complete(&rules(CategoryKind::Steal))),
            ["source"]
        );
        let mut inside = complete();
        inside.source_application = Some(Uuid::now_v7());
        assert!(
            inside
                .check_complete(&rules(CategoryKind::Steal))
                .is_empty()
        );
        let mut outside = complete();
        outside.answers.external_source = Some(ExternalSource {
            organisation: "Asker kommune".into(),
            title: "Digitalt tilsyn".into(),
            link: "javascript:alert(1)".into(),
        });
        assert_eq!(
            fields(&outside.check_complete(&rules(CategoryKind::Steal))),
            ["source_link"]
        );
    }

    #[test]
    fn a_mistake_needs_the_whole_story() {
        let mut form = complete();
        form.answers.mistake = Some(MistakeStory {
            tried: "Roboter".into(),
            ..MistakeStory::default()
        });
        assert_eq!(
            fields(&form.check_complete(&rules(CategoryKind::Mistake))),
            ["mistake_went_wrong", "mistake_learned", "mistake_decision"]
        );
    }

    #[test]
    fn borrowed_ideas_say_where_from_and_required_questions_are_answered() {
        let mut form = complete();
        form.idea_origin = Some(IdeaOrigin::Adapted);
        let q = Uuid::now_v7();
        let questions = [(q, true)];
        let r = FormRules {
            kind: CategoryKind::Custom,
            criteria_count: 3,
            questions: &questions,
        };
        assert_eq!(
            fields(&form.check_complete(&r)),
            ["origin_from", "questions"]
        );
        form.answers.origin_from = "Fra Asker, på en konferanse".into();
        form.answers.questions.insert(q, "Svar".into());
        assert!(form.check_complete(&r).is_empty());
    }

    #[test]
    fn fitting_drops_what_the_category_does_not_ask_for() {
        let mut form = complete();
        form.source_application = Some(Uuid::now_v7());
        form.answers.mistake = Some(MistakeStory::default());
        form.answers.criteria = vec!["a".into(); 9];
        form.fit_to(CategoryKind::Innovation, 6);
        assert_eq!(form.answers.criteria.len(), 6);
        assert!(form.source_application.is_none() && form.answers.mistake.is_none());
    }

    #[test]
    fn a_draft_keeps_every_field_within_its_limits_and_the_stored_value_of_the_rest() {
        let stored = complete();
        let mut typed = complete();
        typed.title = "Ny tittel".into();
        typed.answers.effect = "x".repeat(MAX_LONG_TEXT_CHARS + 1);
        typed.answers.criteria[2] = "y".repeat(MAX_LONG_TEXT_CHARS + 1);
        typed.answers.criteria[0] = "Nytt svar".into();
        typed.answers.external_source = Some(ExternalSource {
            organisation: "Asker kommune".into(),
            title: "Digitalt tilsyn".into(),
            link: "asker.kommune.no/tilsyn".into(),
        });
        let problems = typed.keep_storable(&stored);
        assert_eq!(fields(&problems), ["effect", "criteria", "source_link"]);
        assert_eq!(problems[0].limit, Some(MAX_LONG_TEXT_CHARS));
        assert!(typed.check_limits().is_empty(), "what is kept fits");
        assert_eq!(typed.title, "Ny tittel", "valid text is kept");
        assert_eq!(typed.answers.criteria[0], "Nytt svar");
        assert_eq!(typed.answers.effect, stored.answers.effect);
        assert_eq!(typed.answers.criteria[2], stored.answers.criteria[2]);
        let src = typed.answers.external_source.unwrap();
        assert_eq!(
            (src.organisation.as_str(), src.link.as_str()),
            ("Asker kommune", "")
        );
    }

    #[test]
    fn too_long_names_its_limit() {
        let mut form = complete();
        form.title = "t".repeat(MAX_TITLE_CHARS + 1);
        let e = form.check_limits();
        assert_eq!(
            (e[0].message_id, e[0].limit),
            ("error-too-long-max", Some(MAX_TITLE_CHARS))
        );
    }

    #[test]
    fn a_blank_criterion_answer_is_not_an_answer() {
        let mut form = complete();
        form.answers.criteria[1] = "  ".into();
        assert_eq!(
            fields(&form.check_complete(&rules(CategoryKind::Innovation))),
            ["criteria"]
        );
    }
}

#[cfg(test)]
mod limit_tests;
