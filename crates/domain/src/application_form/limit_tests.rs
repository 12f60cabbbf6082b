//! The limits of a saved form at their exact boundaries, links, and which stored value a
//! draft save puts back for each field (found by mutation testing, bench/mutants.md).

use super::*;

fn over(max: usize) -> String {
    "x".repeat(max + 1)
}

fn fields(errors: &[ValidationError]) -> Vec<&'static str> {
    errors.iter().map(|e| e.field).collect()
}

/// Every text at exactly its limit, with an outside source and a mistake story.
fn at_every_limit() -> ApplicationForm {
    let long = "æ".repeat(MAX_LONG_TEXT_CHARS);
    let short = "ø".repeat(MAX_SHORT_TEXT_CHARS);
    let mut link = String::from("https://x.no/");
    link.push_str(&"a".repeat(MAX_LINK_CHARS - link.len()));
    ApplicationForm {
        title: "å".repeat(MAX_TITLE_CHARS),
        summary: "å".repeat(MAX_SUMMARY_CHARS),
        idea_origin: None,
        answers: Answers {
            what_we_did: long.clone(),
            three_years_ago: long.clone(),
            effect: long.clone(),
            partners: short.clone(),
            contact: short.clone(),
            origin_from: short.clone(),
            criteria: vec![long.clone(); 2],
            questions: BTreeMap::from([(Uuid::from_u128(1), long.clone())]),
            external_source: Some(ExternalSource {
                organisation: short.clone(),
                title: short,
                link,
            }),
            mistake: Some(MistakeStory {
                tried: long.clone(),
                went_wrong: long.clone(),
                learned: long,
                decision: Some(MistakeDecision::Stopped),
            }),
        },
        source_application: None,
        continues: (0..MAX_CONTINUES as u128).map(Uuid::from_u128).collect(),
    }
}

#[test]
fn every_field_may_hold_exactly_its_limit() {
    assert_eq!(fields(&at_every_limit().check_limits()), Vec::<&str>::new());
}

#[test]
fn one_more_than_the_limit_is_refused_at_each_field() {
    let mut f = at_every_limit();
    let a = &mut f.answers;
    f.title = over(MAX_TITLE_CHARS);
    f.summary = over(MAX_SUMMARY_CHARS);
    a.what_we_did = over(MAX_LONG_TEXT_CHARS);
    a.three_years_ago = over(MAX_LONG_TEXT_CHARS);
    a.effect = over(MAX_LONG_TEXT_CHARS);
    a.partners = over(MAX_SHORT_TEXT_CHARS);
    a.contact = over(MAX_SHORT_TEXT_CHARS);
    a.origin_from = over(MAX_SHORT_TEXT_CHARS);
    a.criteria[1] = over(MAX_LONG_TEXT_CHARS);
    a.questions
        .insert(Uuid::now_v7(), over(MAX_LONG_TEXT_CHARS));
    let src = a.external_source.as_mut().unwrap();
    src.organisation = over(MAX_SHORT_TEXT_CHARS);
    src.title = over(MAX_SHORT_TEXT_CHARS);
    src.link.push('a');
    let m = a.mistake.as_mut().unwrap();
    m.tried = over(MAX_LONG_TEXT_CHARS);
    m.went_wrong = over(MAX_LONG_TEXT_CHARS);
    m.learned = over(MAX_LONG_TEXT_CHARS);
    f.continues.push(Uuid::now_v7());
    let errors = f.check_limits();
    assert_eq!(
        fields(&errors),
        [
            "title",
            "summary",
            "what_we_did",
            "three_years_ago",
            "effect",
            "partners",
            "contact",
            "origin_from",
            "criteria",
            "questions",
            "source_organisation",
            "source_title",
            "source_link",
            "mistake_tried",
            "mistake_went_wrong",
            "mistake_learned",
            "continues",
        ]
    );
    let continues = errors.last().unwrap();
    assert_eq!(
        (continues.message_id, continues.limit),
        ("error-too-many-max", Some(MAX_CONTINUES))
    );
}

#[test]
fn a_link_is_http_or_https_without_spaces_or_empty() {
    for good in ["", "https://asker.kommune.no/tilsyn", "http://x.no", "  "] {
        assert!(link_ok(good), "{good:?} was refused");
    }
    for bad in [
        "asker.kommune.no",
        "ftp://x.no",
        "javascript:alert(1)",
        "https://x.no/a b",
        "https://x.no/\ta",
    ] {
        assert!(!link_ok(bad), "{bad:?} was accepted");
    }
}

#[test]
fn mistake_decisions_round_trip() {
    for d in [MistakeDecision::ChangedCourse, MistakeDecision::Stopped] {
        assert_eq!(MistakeDecision::parse(d.as_str()), Some(d));
    }
    assert_eq!(MistakeDecision::as_str(MistakeDecision::Stopped), "stopped");
    assert_eq!(
        MistakeDecision::parse("changed_course"),
        Some(MistakeDecision::ChangedCourse)
    );
    assert_eq!(MistakeDecision::parse("gave_up"), None);
}

#[test]
fn surplus_answer_slots_do_not_make_criteria_unanswered() {
    // Before `fit_to`, a form posted for a category with more criteria has extra slots.
    let mut form = at_every_limit();
    form.answers.criteria = vec!["Ja".into(); 4];
    let rules = FormRules {
        kind: CategoryKind::Custom,
        criteria_count: 3,
        questions: &[],
    };
    assert!(!fields(&form.check_complete(&rules)).contains(&"criteria"));
}

/// A form whose every restorable value differs from [`at_every_limit`].
fn typed() -> ApplicationForm {
    let mut t = at_every_limit();
    let a = &mut t.answers;
    t.title = "Ny tittel".into();
    t.summary = "Nytt sammendrag".into();
    for text in [
        &mut a.what_we_did,
        &mut a.three_years_ago,
        &mut a.effect,
        &mut a.partners,
        &mut a.contact,
        &mut a.origin_from,
    ] {
        *text = "nytt".into();
    }
    a.external_source = Some(ExternalSource {
        organisation: "Ny".into(),
        title: "Ny".into(),
        link: "https://ny.no".into(),
    });
    a.mistake = Some(MistakeStory {
        tried: "nytt".into(),
        went_wrong: "nytt".into(),
        learned: "nytt".into(),
        decision: Some(MistakeDecision::ChangedCourse),
    });
    t.source_application = Some(Uuid::from_u128(7));
    t.continues = vec![Uuid::from_u128(8)];
    t
}

#[test]
fn restoring_a_field_puts_back_only_that_fields_stored_value() {
    type Get = fn(&ApplicationForm) -> String;
    let mistake = |f: &ApplicationForm| f.answers.mistake.clone().unwrap();
    let cases: [(&str, Get); 15] = [
        ("title", |f| f.title.clone()),
        ("summary", |f| f.summary.clone()),
        ("what_we_did", |f| f.answers.what_we_did.clone()),
        ("three_years_ago", |f| f.answers.three_years_ago.clone()),
        ("effect", |f| f.answers.effect.clone()),
        ("partners", |f| f.answers.partners.clone()),
        ("contact", |f| f.answers.contact.clone()),
        ("origin_from", |f| f.answers.origin_from.clone()),
        ("source_organisation", |f| {
            f.answers.external_source.clone().unwrap().organisation
        }),
        ("source_title", |f| {
            f.answers.external_source.clone().unwrap().title
        }),
        ("source_link", |f| {
            f.answers.external_source.clone().unwrap().link
        }),
        ("mistake_tried", |f| {
            f.answers.mistake.clone().unwrap().tried
        }),
        ("mistake_went_wrong", |f| {
            f.answers.mistake.clone().unwrap().went_wrong
        }),
        ("mistake_learned", |f| {
            f.answers.mistake.clone().unwrap().learned
        }),
        ("source", |f| format!("{:?}", f.source_application)),
    ];
    let stored = at_every_limit();
    for (field, get) in cases {
        let mut form = typed();
        form.restore(field, &stored);
        assert_eq!(get(&form), get(&stored), "{field} was not restored");
        for (other, get_other) in cases.iter().filter(|(o, _)| *o != field) {
            assert_eq!(
                get_other(&form),
                get_other(&typed()),
                "restoring {field} changed {other}"
            );
        }
        // The decision is chosen, not typed: it is never put back.
        assert_eq!(mistake(&form).decision, mistake(&typed()).decision);
    }
    let mut form = typed();
    form.restore("continues", &stored);
    assert_eq!(form.continues, stored.continues);
    let mut form = typed();
    form.restore("no_such_field", &stored);
    assert_eq!(form, typed());
}

#[test]
fn a_group_restores_only_its_overlong_members() {
    let (q_at_limit, q_over) = (Uuid::from_u128(1), Uuid::from_u128(2));
    let mut stored = ApplicationForm::default();
    stored.answers.criteria = vec!["stored 0".into(), "stored 1".into()];
    stored.answers.questions = BTreeMap::from([(q_at_limit, "stored".into())]);
    let mut form = at_every_limit();
    form.answers
        .questions
        .insert(q_over, over(MAX_LONG_TEXT_CHARS));
    form.answers.criteria[1] = over(MAX_LONG_TEXT_CHARS);
    form.restore("criteria", &stored);
    form.restore("questions", &stored);
    let a = &form.answers;
    assert_eq!(a.criteria[0].chars().count(), MAX_LONG_TEXT_CHARS, "kept");
    assert_eq!(a.criteria[1], "stored 1");
    let q = &a.questions;
    assert_eq!(q[&q_at_limit].chars().count(), MAX_LONG_TEXT_CHARS, "kept");
    assert_eq!(q[&q_over], "", "no stored answer: emptied");
}

#[test]
fn an_outside_source_needs_both_its_organisation_and_its_title() {
    let rules = FormRules {
        kind: CategoryKind::Steal,
        criteria_count: 0,
        questions: &[],
    };
    for (organisation, title) in [("Asker kommune", " "), (" ", "Digitalt tilsyn")] {
        let mut form = ApplicationForm::default();
        form.answers.external_source = Some(ExternalSource {
            organisation: organisation.into(),
            title: title.into(),
            link: String::new(),
        });
        assert!(
            fields(&form.check_complete(&rules)).contains(&"source"),
            "{organisation:?} / {title:?} was enough"
        );
    }
}
