//! The redacted copy of an application for a blind jury («anonym vurdering»): an
//! administrator rewrites the free-text answers that name the team or the unit, and jurors of
//! a blind category read the copy instead of the original. The copy is kept as the rewritten
//! texts by field key, laid over the original when read, so an answer the administrator did
//! not touch is shown as written and the original is never changed.

use crate::ValidationError;
use crate::application::MAX_SUMMARY_CHARS;
use crate::application_form::{ApplicationForm, MAX_LONG_TEXT_CHARS, MAX_TITLE_CHARS};
use std::collections::BTreeMap;
use uuid::Uuid;

/// A free-text field of an application that a redacted copy may rewrite.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum TextField {
    Title,
    Summary,
    WhatWeDid,
    ThreeYearsAgo,
    Effect,
    Partners,
    OriginFrom,
    MistakeTried,
    MistakeWentWrong,
    MistakeLearned,
    /// The answer to the criterion at this position.
    Criterion(usize),
    /// The answer to the category's own question.
    Question(Uuid),
}

const NAMED: [(TextField, &str); 10] = [
    (TextField::Title, "title"),
    (TextField::Summary, "summary"),
    (TextField::WhatWeDid, "what_we_did"),
    (TextField::ThreeYearsAgo, "three_years_ago"),
    (TextField::Effect, "effect"),
    (TextField::Partners, "partners"),
    (TextField::OriginFrom, "origin_from"),
    (TextField::MistakeTried, "mistake_tried"),
    (TextField::MistakeWentWrong, "mistake_went_wrong"),
    (TextField::MistakeLearned, "mistake_learned"),
];

impl TextField {
    /// The field's key in a form and in the stored copy.
    pub fn key(self) -> String {
        match self {
            TextField::Criterion(i) => format!("criterion-{i}"),
            TextField::Question(id) => format!("question-{id}"),
            named => NAMED
                .iter()
                .find(|(f, _)| *f == named)
                .map(|(_, k)| (*k).to_string())
                .unwrap_or_default(),
        }
    }

    pub fn parse(key: &str) -> Option<TextField> {
        if let Some(i) = key.strip_prefix("criterion-") {
            return i.parse().ok().map(TextField::Criterion);
        }
        if let Some(id) = key.strip_prefix("question-") {
            return Uuid::parse_str(id).ok().map(TextField::Question);
        }
        NAMED.iter().find(|(_, k)| *k == key).map(|(f, _)| *f)
    }

    /// The most characters the field holds (as in the application form).
    pub fn max_chars(self) -> usize {
        match self {
            TextField::Title => MAX_TITLE_CHARS,
            TextField::Summary => MAX_SUMMARY_CHARS,
            _ => MAX_LONG_TEXT_CHARS,
        }
    }

    fn slot(self, form: &mut ApplicationForm) -> Option<&mut String> {
        let a = &mut form.answers;
        Some(match self {
            TextField::Title => &mut form.title,
            TextField::Summary => &mut form.summary,
            TextField::WhatWeDid => &mut a.what_we_did,
            TextField::ThreeYearsAgo => &mut a.three_years_ago,
            TextField::Effect => &mut a.effect,
            TextField::Partners => &mut a.partners,
            TextField::OriginFrom => &mut a.origin_from,
            TextField::MistakeTried => &mut a.mistake.as_mut()?.tried,
            TextField::MistakeWentWrong => &mut a.mistake.as_mut()?.went_wrong,
            TextField::MistakeLearned => &mut a.mistake.as_mut()?.learned,
            TextField::Criterion(i) => a.criteria.get_mut(i)?,
            TextField::Question(id) => a.questions.get_mut(&id)?,
        })
    }
}

/// The fields of `form` a copy may rewrite, with their text, in the form's order (empty
/// answers left out: there is nothing in them to hide).
pub fn fields(form: &ApplicationForm) -> Vec<(TextField, String)> {
    let mut out: Vec<TextField> = NAMED.iter().map(|(f, _)| *f).collect();
    out.extend((0..form.answers.criteria.len()).map(TextField::Criterion));
    out.extend(
        form.answers
            .questions
            .keys()
            .map(|id| TextField::Question(*id)),
    );
    let mut copy = form.clone();
    out.into_iter()
        .filter_map(|f| {
            let text = f.slot(&mut copy)?.clone();
            (!text.trim().is_empty()).then_some((f, text))
        })
        .collect()
}

/// `form` with the copy's texts laid over it; keys the form has no field for are skipped.
pub fn apply(form: &ApplicationForm, copy: &BTreeMap<String, String>) -> ApplicationForm {
    let mut out = form.clone();
    for (key, text) in copy {
        if let Some(slot) = TextField::parse(key).and_then(|f| f.slot(&mut out)) {
            slot.clone_from(text);
        }
    }
    out
}

/// A problem with one field of the copy, at the field's key.
pub type Problem = (String, ValidationError);

/// Checks what an administrator wrote: only fields the application has, each within its
/// limit, the title not empty. Returns the copy to store: only the fields that differ from
/// the original.
pub fn check(
    original: &ApplicationForm,
    typed: &[(String, String)],
) -> Result<BTreeMap<String, String>, Vec<Problem>> {
    let known = fields(original);
    let mut problems = Vec::new();
    let mut copy = BTreeMap::new();
    for (key, text) in typed {
        let Some((field, before)) = TextField::parse(key)
            .and_then(|f| known.iter().find(|(k, _)| *k == f))
            .cloned()
        else {
            continue;
        };
        let text = text.trim().replace("\r\n", "\n");
        if text.chars().count() > field.max_chars() {
            let error = ValidationError::new("text", "error-too-long-max");
            problems.push((field.key(), error.with_limit(field.max_chars())));
        } else if field == TextField::Title && text.is_empty() {
            problems.push((field.key(), ValidationError::new("text", "error-required")));
        } else if text != before.trim().replace("\r\n", "\n") {
            copy.insert(field.key(), text);
        }
    }
    match problems.is_empty() {
        true => Ok(copy),
        false => Err(problems),
    }
}

/// What stands in for a name in a suggested copy.
pub const HIDDEN: &str = "[…]";

/// A first copy to start from: every field of `form` in which a name of the team (whole, or
/// any part of three letters or more) or of the applying unit's path occurs as a word, with
/// each such word replaced by [`HIDDEN`]. Fields without one are left out.
pub fn suggest(form: &ApplicationForm, names: &[String]) -> Vec<(String, String)> {
    let mut words: Vec<&str> = names
        .iter()
        .flat_map(|n| std::iter::once(n.trim()).chain(n.split_whitespace()))
        .filter(|w| w.chars().count() >= 3)
        .collect();
    // Longest first, so «Kari Nordmann» goes before «Kari».
    words.sort_by_key(|w| std::cmp::Reverse(w.chars().count()));
    words.dedup();
    fields(form)
        .into_iter()
        .filter_map(|(field, text)| {
            let hidden = words.iter().fold(text.clone(), |t, w| replace_word(&t, w));
            (hidden != text).then(|| (field.key(), hidden))
        })
        .collect()
}

/// `text` with every whole-word `word` replaced by [`HIDDEN`].
fn replace_word(text: &str, word: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(at) = rest.find(word) {
        let before = rest[..at].chars().next_back();
        let after = rest[at + word.len()..].chars().next();
        let bounded = |c: Option<char>| c.is_none_or(|c| !c.is_alphanumeric());
        out.push_str(&rest[..at]);
        out.push_str(if bounded(before) && bounded(after) {
            HIDDEN
        } else {
            word
        });
        rest = &rest[at + word.len()..];
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::application_form::MistakeStory;

    fn original() -> ApplicationForm {
        let mut form = ApplicationForm {
            title: "Kari og Ola fra Renhold rydder smart".into(),
            summary: "Renholderne i Fjordvik prøvde sensorer.".into(),
            ..ApplicationForm::default()
        };
        form.answers.what_we_did = "Kari Nordmann satte opp sensorene.".into();
        form.answers.criteria = vec!["Ja, i hele Renhold.".into(), String::new()];
        form.answers
            .questions
            .insert(Uuid::nil(), "Ola vet mer.".into());
        form
    }

    #[test]
    fn keys_read_back_to_their_field() {
        let id = Uuid::now_v7();
        for f in [
            TextField::Title,
            TextField::MistakeLearned,
            TextField::Criterion(3),
            TextField::Question(id),
        ] {
            assert_eq!(TextField::parse(&f.key()), Some(f));
        }
        assert_eq!(
            TextField::parse("contact"),
            None,
            "the contact is never shown to a jury"
        );
        assert_eq!(TextField::parse("criterion-x"), None);
    }

    #[test]
    fn fields_list_only_what_has_text() {
        let listed: Vec<TextField> = fields(&original()).into_iter().map(|(f, _)| f).collect();
        assert_eq!(
            listed,
            vec![
                TextField::Title,
                TextField::Summary,
                TextField::WhatWeDid,
                TextField::Criterion(0),
                TextField::Question(Uuid::nil()),
            ]
        );
    }

    #[test]
    fn the_copy_keeps_only_changes_and_lays_over_the_original() {
        let form = original();
        let typed = vec![
            ("title".to_string(), "Smart renhold".to_string()),
            ("summary".to_string(), form.summary.clone()),
            (
                "what_we_did".to_string(),
                "[Navn] satte opp sensorene.".to_string(),
            ),
            (
                "question-00000000-0000-0000-0000-000000000000".to_string(),
                "[Navn] vet mer.".into(),
            ),
            (
                "effect".to_string(),
                "not a field this application has text in".to_string(),
            ),
            ("contact".to_string(), "never".to_string()),
        ];
        let copy = check(&form, &typed).unwrap();
        assert_eq!(copy.len(), 3, "{copy:?}");
        let shown = apply(&form, &copy);
        assert_eq!(shown.title, "Smart renhold");
        assert_eq!(shown.summary, form.summary);
        assert_eq!(shown.answers.what_we_did, "[Navn] satte opp sensorene.");
        assert_eq!(shown.answers.questions[&Uuid::nil()], "[Navn] vet mer.");
        assert_eq!(
            shown.answers.criteria[0], "Ja, i hele Renhold.",
            "untouched"
        );
        assert_eq!(shown.answers.effect, "");
    }

    #[test]
    fn limits_and_an_empty_title_are_refused_at_their_field() {
        let form = original();
        let typed = vec![
            ("title".to_string(), "  ".to_string()),
            (
                "criterion-0".to_string(),
                "x".repeat(MAX_LONG_TEXT_CHARS + 1),
            ),
        ];
        let problems = check(&form, &typed).unwrap_err();
        let keys: Vec<&str> = problems.iter().map(|(k, _)| k.as_str()).collect();
        assert_eq!(keys, vec!["title", "criterion-0"]);
        assert_eq!(problems[0].1.message_id, "error-required");
        assert_eq!(problems[1].1.limit, Some(MAX_LONG_TEXT_CHARS));
    }

    #[test]
    fn a_mistake_story_can_be_rewritten() {
        let mut form = original();
        form.answers.mistake = Some(MistakeStory {
            tried: "Kari prøvde.".into(),
            ..MistakeStory::default()
        });
        let typed = vec![("mistake_tried".to_string(), "Vi prøvde.".to_string())];
        let shown = apply(&form, &check(&form, &typed).unwrap());
        assert_eq!(shown.answers.mistake.unwrap().tried, "Vi prøvde.");
    }

    #[test]
    fn a_suggestion_hides_the_teams_names_and_the_units_as_words() {
        let form = original();
        let names = vec![
            "Kari Nordmann".to_string(),
            "Ola Hansen".to_string(),
            "Renhold".to_string(),
        ];
        let suggested = suggest(&form, &names);
        let by_key: BTreeMap<String, String> = suggested.into_iter().collect();
        assert_eq!(by_key["title"], "[…] og […] fra […] rydder smart");
        assert_eq!(by_key["what_we_did"], "[…] satte opp sensorene.");
        assert_eq!(by_key["criterion-0"], "Ja, i hele […].");
        assert!(
            !by_key.contains_key("summary"),
            "«Renholderne» is another word"
        );
        // Checked like anything an administrator types.
        let typed: Vec<(String, String)> = by_key.into_iter().collect();
        assert_eq!(check(&form, &typed).unwrap().len(), 4);
    }
}
