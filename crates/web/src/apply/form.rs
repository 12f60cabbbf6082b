//! Reads the application form's fields (repeated and numbered ones included) into the
//! domain's form. Unknown or malformed values are dropped, never trusted.

use crate::forms::{posted_ids, posted_pairs};
use prisverdig_domain::application::IdeaOrigin;
use prisverdig_domain::application_form::{
    ApplicationForm, ExternalSource, MistakeDecision, MistakeStory,
};
use std::collections::HashMap;
use uuid::Uuid;

/// The posted fields: `version`, `intent` and the form itself.
pub struct Posted {
    pub version: i64,
    pub submit: bool,
    pub form: ApplicationForm,
}

/// Criterion answers beyond this index are ignored (a category has far fewer).
const MAX_CRITERIA: usize = 50;

/// Reads every field the form can have; the service fits the result to the category.
pub fn parse(body: &[u8]) -> Posted {
    let pairs = posted_pairs(body);
    let one: HashMap<&str, &str> = pairs
        .iter()
        .map(|(k, v)| (k.as_str(), v.as_str()))
        .collect();
    let text = |key: &str| {
        one.get(key)
            .map(|v| v.replace("\r\n", "\n"))
            .unwrap_or_default()
    };
    let mut form = ApplicationForm {
        title: text("title"),
        summary: text("summary"),
        idea_origin: one.get("idea_origin").and_then(|v| IdeaOrigin::parse(v)),
        source_application: one
            .get("source_application")
            .and_then(|v| Uuid::parse_str(v).ok()),
        continues: posted_ids(&pairs, "continues").collect(),
        ..ApplicationForm::default()
    };
    let a = &mut form.answers;
    a.what_we_did = text("what_we_did");
    a.three_years_ago = text("three_years_ago");
    a.effect = text("effect");
    a.partners = text("partners");
    a.contact = text("contact");
    a.origin_from = text("origin_from");
    let count = (0..MAX_CRITERIA)
        .rev()
        .find(|i| one.contains_key(format!("criterion_{i}").as_str()))
        .map_or(0, |last| last + 1);
    a.criteria = (0..count)
        .map(|i| text(&format!("criterion_{i}")))
        .collect();
    a.questions = pairs
        .iter()
        .filter_map(|(k, v)| {
            Some((
                Uuid::parse_str(k.strip_prefix("question_")?).ok()?,
                v.replace("\r\n", "\n"),
            ))
        })
        .collect();
    {
        let source = ExternalSource {
            organisation: text("source_organisation"),
            title: text("source_title"),
            link: text("source_link"),
        };
        let any =
            !(source.organisation.is_empty() && source.title.is_empty() && source.link.is_empty());
        a.external_source = any.then_some(source);
    }
    if pairs.iter().any(|(k, _)| k.starts_with("mistake_")) {
        a.mistake = Some(MistakeStory {
            tried: text("mistake_tried"),
            went_wrong: text("mistake_went_wrong"),
            learned: text("mistake_learned"),
            decision: one
                .get("mistake_decision")
                .and_then(|v| MistakeDecision::parse(v)),
        });
    }
    Posted {
        version: one
            .get("version")
            .and_then(|v| v.parse().ok())
            .unwrap_or(-1),
        submit: one.get("intent") == Some(&"submit"),
        form,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use prisverdig_domain::category::CategoryKind;

    #[test]
    fn reads_numbered_repeated_and_kind_specific_fields() {
        let id = Uuid::now_v7();
        let body = format!(
            "version=3&intent=submit&title=Smart+renhold&criterion_0=Ja&criterion_1=Litt&criterion_9=ignored\
             &continues={id}&continues=not-a-uuid&idea_origin=adapted&mistake_decision=stopped&what_we_did=a%0D%0Ab"
        );
        let mut p = parse(body.as_bytes());
        assert_eq!((p.version, p.submit), (3, true));
        assert_eq!(
            p.form.answers.criteria.len(),
            10,
            "up to the highest criterion posted"
        );
        p.form.fit_to(CategoryKind::Mistake, 2);
        assert_eq!(p.form.answers.criteria, ["Ja", "Litt"]);
        assert_eq!(p.form.continues, [id]);
        assert_eq!(p.form.idea_origin, Some(IdeaOrigin::Adapted));
        assert_eq!(p.form.answers.what_we_did, "a\nb");
        assert_eq!(
            p.form.answers.mistake.unwrap().decision,
            Some(MistakeDecision::Stopped)
        );
        assert!(p.form.answers.external_source.is_none());
    }

    #[test]
    fn a_missing_version_can_never_match() {
        assert_eq!(parse(b"title=x").version, -1);
    }
}
