//! View models for the edit page: each field with its translated label, hint, value and
//! error, so the template renders every field the same accessible way.

use crate::forms::Field;
use crate::layout::{FormErrors, Shell};
use prisverdig_domain::application::MAX_SUMMARY_CHARS;
use prisverdig_domain::application_form::{
    ApplicationForm, MAX_LONG_TEXT_CHARS, MAX_SHORT_TEXT_CHARS, MAX_TITLE_CHARS,
};
use prisverdig_domain::category::CategoryKind;
use prisverdig_service::model::CriterionRow;
use prisverdig_service::model::QuestionRow;

pub struct Builder<'a> {
    pub shell: &'a Shell,
    pub errors: &'a FormErrors,
}

impl Builder<'_> {
    /// `key` and `hint` are translation keys (`hint` may be empty for none).
    fn field(
        &self,
        name: &str,
        (key, hint): (&str, &str),
        value: &str,
        multiline: bool,
        max: usize,
    ) -> Field {
        let hint = if hint.is_empty() {
            String::new()
        } else {
            self.shell.t(hint)
        };
        Field {
            name: name.to_string(),
            label: self.shell.t(key),
            hint,
            value: value.to_string(),
            error: self.errors.at(name).map(str::to_string),
            multiline,
            max,
            required: true,
        }
    }

    /// The standard fields every application has.
    pub fn standard(&self, f: &ApplicationForm) -> Vec<Field> {
        let a = &f.answers;
        let mut partners = self.field(
            "partners",
            ("apply-partners", "apply-partners-hint"),
            &a.partners,
            true,
            MAX_SHORT_TEXT_CHARS,
        );
        partners.required = false;
        vec![
            self.field(
                "title",
                ("apply-title", ""),
                &f.title,
                false,
                MAX_TITLE_CHARS,
            ),
            self.field(
                "summary",
                ("apply-summary", "apply-summary-hint"),
                &f.summary,
                true,
                MAX_SUMMARY_CHARS,
            ),
            self.field(
                "what_we_did",
                ("apply-what-we-did", "apply-what-we-did-hint"),
                &a.what_we_did,
                true,
                MAX_LONG_TEXT_CHARS,
            ),
            self.field(
                "three_years_ago",
                ("apply-three-years-ago", "apply-three-years-ago-hint"),
                &a.three_years_ago,
                true,
                MAX_LONG_TEXT_CHARS,
            ),
            self.field(
                "effect",
                ("apply-effect", "apply-effect-hint"),
                &a.effect,
                true,
                MAX_LONG_TEXT_CHARS,
            ),
            partners,
            self.field(
                "contact",
                ("apply-contact", ""),
                &a.contact,
                false,
                MAX_SHORT_TEXT_CHARS,
            ),
        ]
    }

    pub fn origin_from(&self, f: &ApplicationForm) -> Field {
        let mut field = self.field(
            "origin_from",
            ("apply-origin-from", "apply-origin-from-hint"),
            &f.answers.origin_from,
            true,
            MAX_SHORT_TEXT_CHARS,
        );
        field.required = false;
        field
    }

    /// «Stjæl med stil»: the outside source's fields.
    pub fn external_source(&self, f: &ApplicationForm) -> Vec<Field> {
        let src = f.answers.external_source.clone().unwrap_or_default();
        let mut fields = vec![
            self.field(
                "source_organisation",
                ("apply-source-organisation", ""),
                &src.organisation,
                false,
                MAX_SHORT_TEXT_CHARS,
            ),
            self.field(
                "source_title",
                ("apply-source-title", ""),
                &src.title,
                false,
                MAX_SHORT_TEXT_CHARS,
            ),
            self.field(
                "source_link",
                ("apply-source-link", "apply-source-link-hint"),
                &src.link,
                false,
                500,
            ),
        ];
        fields.iter_mut().for_each(|f| f.required = false);
        fields
    }

    /// «Beste feil»: what was tried, what went wrong, what was learned.
    pub fn mistake(&self, f: &ApplicationForm, kind: CategoryKind) -> Vec<Field> {
        if kind != CategoryKind::Mistake {
            return Vec::new();
        }
        let m = f.answers.mistake.clone().unwrap_or_default();
        vec![
            self.field(
                "mistake_tried",
                ("apply-mistake-tried", ""),
                &m.tried,
                true,
                MAX_LONG_TEXT_CHARS,
            ),
            self.field(
                "mistake_went_wrong",
                ("apply-mistake-went-wrong", ""),
                &m.went_wrong,
                true,
                MAX_LONG_TEXT_CHARS,
            ),
            self.field(
                "mistake_learned",
                ("apply-mistake-learned", "apply-mistake-learned-hint"),
                &m.learned,
                true,
                MAX_LONG_TEXT_CHARS,
            ),
        ]
    }

    /// One answer per criterion; the criterion's own text is the label.
    pub fn criteria(&self, f: &ApplicationForm, criteria: &[CriterionRow]) -> Vec<Field> {
        let unanswered = self.errors.at("criteria");
        criteria
            .iter()
            .enumerate()
            .map(|(i, c)| {
                let value = f.answers.criteria.get(i).cloned().unwrap_or_default();
                let missing = value.trim().is_empty();
                let name = format!("criterion_{i}");
                Field {
                    error: self
                        .errors
                        .at(&name)
                        .or(unanswered.filter(|_| missing))
                        .map(str::to_string),
                    name,
                    label: c.text.clone(),
                    hint: c.help.clone(),
                    value,
                    multiline: true,
                    max: MAX_LONG_TEXT_CHARS,
                    required: true,
                }
            })
            .collect()
    }

    pub fn questions(&self, f: &ApplicationForm, questions: &[QuestionRow]) -> Vec<Field> {
        let unanswered = self.errors.at("questions");
        questions
            .iter()
            .map(|q| {
                let value = f.answers.questions.get(&q.id).cloned().unwrap_or_default();
                let name = format!("question_{}", q.id);
                Field {
                    error: self
                        .errors
                        .at(&name)
                        .or(unanswered.filter(|_| q.required && value.trim().is_empty()))
                        .map(str::to_string),
                    name,
                    label: q.text.clone(),
                    hint: q.help.clone(),
                    value,
                    multiline: true,
                    max: MAX_LONG_TEXT_CHARS,
                    required: q.required,
                }
            })
            .collect()
    }
}
