//! What of an application's answers everyone may read, in the order of the form. The public
//! page, the JSON API and the search index all take this one list, so nothing is searchable
//! that is not shown: the contact person stays private, an answer to a question the category
//! does not ask (or to a criterion it does not have) is shown nowhere and found by nothing.

use crate::application_form::{Answers, ExternalSource};
use uuid::Uuid;

/// Which part of the form an answer belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Part {
    WhatWeDid,
    ThreeYearsAgo,
    Effect,
    Partners,
    /// From whom the idea came and how they heard of it (the form's answer).
    OriginFrom,
    /// The note on the idea's origin kept with the application (history brought in by
    /// import carries it); left out when it only repeats `OriginFrom`.
    OriginNote,
    MistakeTried,
    MistakeWentWrong,
    MistakeLearned,
    /// «Stjæl med stil» from outside the organisation: who, what, and a link.
    ExternalSource,
    /// The answer to one of the category's own questions.
    Question(Uuid),
    /// The answer to the category's criterion at this position (from 0).
    Criterion(usize),
}

impl Part {
    /// The part's name in the API (a question or criterion is named by its text there).
    pub fn key(self) -> &'static str {
        match self {
            Part::WhatWeDid => "what_we_did",
            Part::ThreeYearsAgo => "three_years_ago",
            Part::Effect => "effect",
            Part::Partners => "partners",
            Part::OriginFrom => "origin_from",
            Part::OriginNote => "origin_note",
            Part::MistakeTried => "mistake_tried",
            Part::MistakeWentWrong => "mistake_went_wrong",
            Part::MistakeLearned => "mistake_learned",
            Part::ExternalSource => "external_source",
            Part::Question(_) => "question",
            Part::Criterion(_) => "criterion",
        }
    }
}

/// One answer as the public reads it (Markdown text, never empty).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PublicAnswer {
    pub part: Part,
    pub text: String,
}

/// What the category asks besides the fixed form: how many criteria, and its own questions
/// in their order.
#[derive(Debug, Clone, Copy)]
pub struct Asked<'a> {
    pub criteria: usize,
    pub questions: &'a [Uuid],
}

fn source_text(s: &ExternalSource) -> String {
    let named: Vec<&str> = [s.organisation.trim(), s.title.trim()]
        .into_iter()
        .filter(|t| !t.is_empty())
        .collect();
    let mut text = named.join(" – ");
    if !s.link.trim().is_empty() {
        if !text.is_empty() {
            text.push(' ');
        }
        text.push_str(s.link.trim());
    }
    text
}

/// Every public answer that says something, in the order of the form.
pub fn public_answers(answers: &Answers, origin_note: &str, asked: Asked<'_>) -> Vec<PublicAnswer> {
    let a = answers;
    let note_repeats = origin_note.trim() == a.origin_from.trim();
    let mut parts: Vec<(Part, String)> = vec![
        (Part::WhatWeDid, a.what_we_did.clone()),
        (Part::ThreeYearsAgo, a.three_years_ago.clone()),
        (Part::Effect, a.effect.clone()),
        (Part::Partners, a.partners.clone()),
        (Part::OriginFrom, a.origin_from.clone()),
    ];
    if !note_repeats {
        parts.push((Part::OriginNote, origin_note.to_string()));
    }
    if let Some(m) = &a.mistake {
        parts.push((Part::MistakeTried, m.tried.clone()));
        parts.push((Part::MistakeWentWrong, m.went_wrong.clone()));
        parts.push((Part::MistakeLearned, m.learned.clone()));
    }
    if let Some(s) = &a.external_source {
        parts.push((Part::ExternalSource, source_text(s)));
    }
    for id in asked.questions {
        if let Some(answer) = a.questions.get(id) {
            parts.push((Part::Question(*id), answer.clone()));
        }
    }
    for (i, answer) in a.criteria.iter().take(asked.criteria).enumerate() {
        parts.push((Part::Criterion(i), answer.clone()));
    }
    parts
        .into_iter()
        .filter(|(_, text)| !text.trim().is_empty())
        .map(|(part, text)| PublicAnswer { part, text })
        .collect()
}

/// The public answers as one text for the search index, a paragraph each.
pub fn searchable_text(answers: &[PublicAnswer]) -> String {
    answers
        .iter()
        .map(|a| a.text.as_str())
        .collect::<Vec<_>>()
        .join("\n\n")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::application_form::MistakeStory;

    fn answers() -> Answers {
        Answers {
            what_we_did: "Vi målte renholdet".into(),
            contact: "Kari, 99 99 99 99".into(),
            origin_from: "Fra Asker".into(),
            criteria: vec!["Ja, i bruk".into(), String::new(), "Overflødig".into()],
            ..Answers::default()
        }
    }

    #[test]
    fn the_contact_person_and_empty_answers_are_never_public() {
        let shown = public_answers(
            &answers(),
            "",
            Asked {
                criteria: 2,
                questions: &[],
            },
        );
        let parts: Vec<Part> = shown.iter().map(|a| a.part).collect();
        assert_eq!(
            parts,
            [Part::WhatWeDid, Part::OriginFrom, Part::Criterion(0)]
        );
        assert!(!searchable_text(&shown).contains("99 99"));
    }

    #[test]
    fn only_the_categorys_own_questions_in_its_order_and_its_criteria_count() {
        let (asked, other, unasked) = (Uuid::now_v7(), Uuid::now_v7(), Uuid::now_v7());
        let mut a = answers();
        a.questions.insert(unasked, "Et gammelt svar".into());
        a.questions.insert(asked, "Svar på første".into());
        a.questions.insert(other, "Svar på andre".into());
        let questions = [other, asked];
        let shown = public_answers(
            &a,
            "",
            Asked {
                criteria: 3,
                questions: &questions,
            },
        );
        let parts: Vec<Part> = shown.iter().map(|a| a.part).collect();
        assert_eq!(
            parts,
            [
                Part::WhatWeDid,
                Part::OriginFrom,
                Part::Question(other),
                Part::Question(asked),
                Part::Criterion(0),
                Part::Criterion(2),
            ]
        );
        let text = searchable_text(&shown);
        assert!(text.contains("Overflødig") && !text.contains("Et gammelt svar"));
    }

    #[test]
    fn the_origin_note_is_shown_unless_it_repeats_the_answer() {
        let asked = Asked {
            criteria: 0,
            questions: &[],
        };
        let note = public_answers(&answers(), "Idé fra Bergen kommune", asked);
        assert!(note.iter().any(|a| a.part == Part::OriginNote));
        let repeated = public_answers(&answers(), " Fra Asker ", asked);
        assert!(!repeated.iter().any(|a| a.part == Part::OriginNote));
    }

    #[test]
    fn a_mistake_and_an_outside_source_are_public_text() {
        let a = Answers {
            mistake: Some(MistakeStory {
                learned: "Test først".into(),
                ..MistakeStory::default()
            }),
            external_source: Some(ExternalSource {
                organisation: "Asker kommune".into(),
                title: String::new(),
                link: "https://asker.example".into(),
            }),
            ..Answers::default()
        };
        let shown = public_answers(
            &a,
            "",
            Asked {
                criteria: 0,
                questions: &[],
            },
        );
        let texts: Vec<(&str, &str)> = shown
            .iter()
            .map(|a| (a.part.key(), a.text.as_str()))
            .collect();
        assert_eq!(
            texts,
            [
                ("mistake_learned", "Test først"),
                ("external_source", "Asker kommune https://asker.example"),
            ]
        );
    }
}
