//! An application's answers as a page shows them: one (heading, sanitised HTML) section per
//! answered part of the form, and each criterion with its answer. The public page and the
//! jury's review page both show an application this way.

use crate::i18n::Locale;
use prisverdig_domain::application::IdeaOrigin;
use prisverdig_domain::application_form::{ApplicationForm, MistakeDecision};
use prisverdig_service::markdown::render;
use prisverdig_service::model::{CriterionRow, QuestionRow};

/// The answered sections in the order of the form, rendered.
pub fn sections(
    locale: Locale,
    form: &ApplicationForm,
    questions: &[QuestionRow],
) -> Vec<(String, String)> {
    let a = &form.answers;
    let origin = match form.idea_origin {
        Some(IdeaOrigin::Original) => locale.t("apply-origin-original"),
        Some(IdeaOrigin::Adapted) => locale.t("apply-origin-adapted"),
        Some(IdeaOrigin::Adopted) => locale.t("apply-origin-adopted"),
        None => String::new(),
    };
    let origin = match a.origin_from.trim() {
        "" => origin,
        from => format!("{origin}\n\n{from}"),
    };
    let mut sections = vec![
        (locale.t("apply-what-we-did"), a.what_we_did.clone()),
        (locale.t("apply-three-years-ago"), a.three_years_ago.clone()),
        (locale.t("apply-effect"), a.effect.clone()),
        (locale.t("apply-partners"), a.partners.clone()),
        (locale.t("apply-section-origin"), origin),
    ];
    if let Some(m) = &a.mistake {
        let decision = match m.decision {
            Some(MistakeDecision::ChangedCourse) => locale.t("apply-decision-changed-course"),
            Some(MistakeDecision::Stopped) => locale.t("apply-decision-stopped"),
            None => String::new(),
        };
        sections.push((locale.t("apply-mistake-tried"), m.tried.clone()));
        sections.push((locale.t("apply-mistake-went-wrong"), m.went_wrong.clone()));
        sections.push((locale.t("apply-mistake-learned"), m.learned.clone()));
        sections.push((locale.t("apply-mistake-decision"), decision));
    }
    if let Some(src) = &a.external_source {
        sections.push((
            locale.t("apply-section-source"),
            format!("{} – {} {}", src.organisation, src.title, src.link),
        ));
    }
    for q in questions {
        if let Some(answer) = a.questions.get(&q.id) {
            sections.push((q.text.clone(), answer.clone()));
        }
    }
    sections.retain(|(_, text)| !text.trim().is_empty());
    sections
        .into_iter()
        .map(|(h, text)| (h, render(&text)))
        .collect()
}

/// Each criterion with the applicant's answer to it, rendered.
pub fn criteria(form: &ApplicationForm, criteria: &[CriterionRow]) -> Vec<(String, String)> {
    criteria
        .iter()
        .zip(form.answers.criteria.iter())
        .map(|(c, answer)| (c.text.clone(), render(answer)))
        .collect()
}
