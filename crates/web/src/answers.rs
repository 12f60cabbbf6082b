//! An application's answers as a page shows them: one (heading, sanitised HTML) section per
//! answered part of the form, and each criterion with its answer. The public page and the
//! jury's review page both show an application this way; what is shown is
//! `domain::public_answers`, the same list the API gives and the search index holds.

use crate::i18n::Locale;
use prisverdig_domain::application::IdeaOrigin;
use prisverdig_domain::application_form::{ApplicationForm, MistakeDecision};
use prisverdig_domain::public_answers::{Asked, Part, PublicAnswer, public_answers};
use prisverdig_service::markdown::render;
use prisverdig_service::model::{CriterionRow, QuestionRow};

/// The public answers of `form` for a category with these criteria and questions.
pub fn public(
    form: &ApplicationForm,
    origin_note: &str,
    criteria: &[CriterionRow],
    questions: &[QuestionRow],
) -> Vec<PublicAnswer> {
    let ids: Vec<uuid::Uuid> = questions.iter().map(|q| q.id).collect();
    let asked = Asked {
        criteria: criteria.len(),
        questions: &ids,
    };
    public_answers(&form.answers, origin_note, asked)
}

fn origin_label(locale: Locale, origin: Option<IdeaOrigin>) -> String {
    match origin {
        Some(IdeaOrigin::Original) => locale.t("apply-origin-original"),
        Some(IdeaOrigin::Adapted) => locale.t("apply-origin-adapted"),
        Some(IdeaOrigin::Adopted) => locale.t("apply-origin-adopted"),
        None => String::new(),
    }
}

fn decision_label(locale: Locale, decision: Option<MistakeDecision>) -> String {
    match decision {
        Some(MistakeDecision::ChangedCourse) => locale.t("apply-decision-changed-course"),
        Some(MistakeDecision::Stopped) => locale.t("apply-decision-stopped"),
        None => String::new(),
    }
}

/// The answered sections in the order of the form, rendered (the criteria are apart, see
/// [`criteria`]). The texts are the public answers; the applicant's two choices (where the
/// idea came from, what was done after a mistake) are shown as their labels.
pub fn sections(
    locale: Locale,
    form: &ApplicationForm,
    answers: &[PublicAnswer],
    questions: &[QuestionRow],
) -> Vec<(String, String)> {
    let text = |part: Part| {
        answers
            .iter()
            .find(|a| a.part == part)
            .map(|a| a.text.clone())
            .unwrap_or_default()
    };
    let origin = [
        origin_label(locale, form.idea_origin),
        text(Part::OriginFrom),
        text(Part::OriginNote),
    ]
    .into_iter()
    .filter(|t| !t.is_empty())
    .collect::<Vec<_>>()
    .join("\n\n");
    let mut sections = vec![
        (locale.t("apply-what-we-did"), text(Part::WhatWeDid)),
        (locale.t("apply-three-years-ago"), text(Part::ThreeYearsAgo)),
        (locale.t("apply-effect"), text(Part::Effect)),
        (locale.t("apply-partners"), text(Part::Partners)),
        (locale.t("apply-section-origin"), origin),
    ];
    if let Some(m) = &form.answers.mistake {
        sections.push((locale.t("apply-mistake-tried"), text(Part::MistakeTried)));
        sections.push((
            locale.t("apply-mistake-went-wrong"),
            text(Part::MistakeWentWrong),
        ));
        sections.push((
            locale.t("apply-mistake-learned"),
            text(Part::MistakeLearned),
        ));
        sections.push((
            locale.t("apply-mistake-decision"),
            decision_label(locale, m.decision),
        ));
    }
    sections.push((locale.t("apply-section-source"), text(Part::ExternalSource)));
    for q in questions {
        sections.push((q.text.clone(), text(Part::Question(q.id))));
    }
    sections.retain(|(_, text)| !text.trim().is_empty());
    sections
        .into_iter()
        .map(|(h, text)| (h, render(&text)))
        .collect()
}

/// Each criterion with the applicant's answer to it, rendered.
pub fn criteria(answers: &[PublicAnswer], criteria: &[CriterionRow]) -> Vec<(String, String)> {
    answers
        .iter()
        .filter_map(|a| match a.part {
            Part::Criterion(i) => criteria.get(i).map(|c| (c.text.clone(), render(&a.text))),
            _ => None,
        })
        .collect()
}
