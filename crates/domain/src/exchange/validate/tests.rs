use super::*;
use crate::exchange::{
    Adoption, Application, Criterion, Decision, Organisation, Person, Question, Story, Unit,
    VERSION,
};
use time::macros::datetime;

fn id(n: u128) -> Uuid {
    Uuid::from_u128(n)
}

/// A small document that passes: one unit, one round with one category, two applications.
fn good() -> ExchangeDoc {
    let at = datetime!(2019-10-20 10:00 UTC);
    let unit = Unit {
        id: id(1),
        parent: None,
        name: "Skole".into(),
        kind: "unit".into(),
        position: 0,
        archived: false,
        merged_into: None,
    };
    let category = Category {
        id: id(3),
        kind: "innovation".into(),
        name: "Innovasjonsprisen".into(),
        description: String::new(),
        prize_sum_kr: Some(50_000),
        deadline: at,
        extended_deadline: None,
        blind: false,
        peoples_choice: false,
        position: 0,
        criteria: vec![Criterion {
            id: id(4),
            position: 0,
            text: "Er den tatt i bruk?".into(),
            help: String::new(),
            shape: "yes_no".into(),
            scale_min: 0,
            scale_max: 1,
            weight: 1,
        }],
        questions: vec![Question {
            id: id(5),
            position: 0,
            text: "Hvem hjalp?".into(),
            help: String::new(),
            required: false,
        }],
        not_awarded_reason: String::new(),
        applications_received: None,
    };
    let round = Round {
        id: id(2),
        year: 2020,
        title: "Innovasjonsprisene 2020".into(),
        description: String::new(),
        ceremony_name: String::new(),
        ceremony_at: None,
        ceremony_place: String::new(),
        state: "judging".into(),
        visibility: "on_submit".into(),
        copied_from: None,
        created_at: at,
        categories: vec![category],
    };
    let app = |n, source| Application {
        id: id(n),
        category: id(3),
        unit: id(1),
        owner: "kari@fjordvik.example".into(),
        team: vec!["ola@fjordvik.example".into()],
        state: "submitted".into(),
        title: "Digital skolevei".into(),
        summary: "Kort".into(),
        answers: serde_json::json!({ "questions": { id(5).to_string(): "Alle" } }),
        unit_snapshot: vec!["Skole".into()],
        idea_origin: Some("adopted".into()),
        origin_note: String::new(),
        source_application: source,
        continues: vec![],
        created_at: at,
        updated_at: at,
        submitted_at: Some(at),
        withdrawn_at: None,
        other_units: vec![],
        outside_partners: vec![],
    };
    ExchangeDoc {
        format: FORMAT.into(),
        version: VERSION,
        exported_at: at,
        organisation: Organisation {
            id: id(9),
            name: "Fjordvik kommune".into(),
            accent_colour: None,
        },
        units: vec![unit],
        users: vec![Person {
            email: "kari@fjordvik.example".into(),
            name: "Kari".into(),
        }],
        rounds: vec![round],
        applications: vec![app(10, None), app(11, Some(id(10)))],
        decisions: vec![Decision {
            id: id(20),
            application: id(10),
            kind: "winner".into(),
            justification: "Fordi".into(),
            feedback: String::new(),
            publish_at: None,
            published_at: None,
        }],
        adoptions: vec![Adoption {
            id: id(30),
            source_application: id(10),
            adopting_unit: Some(id(1)),
            adopting_application: Some(id(11)),
            note: String::new(),
            created_by: Some("kari@fjordvik.example".into()),
            created_at: at,
        }],
        stories: vec![Story {
            id: id(50),
            title: "Skoleveien".into(),
            lead: "Kort.".into(),
            body: "Lang.".into(),
            author: "kari@fjordvik.example".into(),
            published_at: Some(at),
            created_at: at,
            updated_at: None,
            applications: vec![id(10)],
        }],
    }
}

fn paths(doc: &ExchangeDoc) -> Vec<String> {
    validate(doc).into_iter().map(|p| p.path).collect()
}

#[test]
fn a_consistent_document_passes() {
    assert_eq!(validate(&good()), vec![]);
}

#[test]
fn every_problem_is_reported_at_its_path() {
    let mut doc = good();
    doc.rounds[0].categories[0].kind = "best".into();
    doc.applications[0].summary = "x".repeat(301);
    doc.applications[1].unit = id(77);
    let problems = validate(&doc);
    let shown: Vec<String> = problems.iter().map(ToString::to_string).collect();
    assert_eq!(
        shown,
        [
            "$.rounds[0].categories[0].kind: unknown category kind \"best\"",
            "$.applications[0].summary: 301 characters; at most 300",
            "$.applications[1].unit: unknown unit \"00000000-0000-0000-0000-00000000004d\"",
        ]
    );
}

#[test]
fn the_header_must_name_this_format_and_version() {
    let mut doc = good();
    doc.format = "something-else".into();
    doc.version = 3;
    assert_eq!(paths(&doc), ["$.format", "$.version"]);
    let message = &validate(&doc)[1].message;
    assert_eq!(message, "unsupported version 3; this build reads 1 and 2");
}

#[test]
fn a_version_1_document_reads_as_version_2_with_the_new_fields_empty() {
    let mut doc = good();
    doc.stories.clear();
    let mut json = serde_json::to_value(&doc).unwrap();
    json["version"] = 1.into();
    json.as_object_mut().unwrap().remove("stories");
    let category = &mut json["rounds"][0]["categories"][0];
    let category = category.as_object_mut().unwrap();
    category.remove("not_awarded_reason");
    category.remove("applications_received");
    for a in json["applications"].as_array_mut().unwrap() {
        a.as_object_mut().unwrap().remove("other_units");
        a.as_object_mut().unwrap().remove("outside_partners");
    }
    let read = crate::exchange::parse(&json.to_string()).unwrap();
    assert_eq!(validate(&read), vec![]);
    assert_eq!(read.version, 1);
    assert!(read.stories.is_empty() && read.applications[0].other_units.is_empty());
    assert_eq!(read.rounds[0].categories[0], doc.rounds[0].categories[0]);
}

#[test]
fn history_holds_unknown_sums_known_counts_reasons_and_partners() {
    let mut doc = good();
    // A prize nobody knows the sum of, with more applications than the file names, and a
    // second prize not awarded, with its reason.
    let c = &mut doc.rounds[0].categories[0];
    c.prize_sum_kr = None;
    c.applications_received = Some(14);
    let mut quiet = doc.rounds[0].categories[0].clone();
    (quiet.id, quiet.criteria, quiet.questions) = (id(60), vec![], vec![]);
    quiet.not_awarded_reason = "Ingen av søknadene svarte på kriteriene.".into();
    quiet.applications_received = Some(0);
    doc.rounds[0].categories.push(quiet);
    let mut second = doc.units[0].clone();
    (second.id, second.name) = (id(61), "Barnehage".into());
    doc.units.push(second);
    doc.applications[0].other_units = vec![id(61)];
    doc.applications[0].outside_partners =
        vec!["Universitetet i Agder".into(), "Asplan Viak".into()];
    assert_eq!(validate(&doc), vec![]);

    // What does not hold together is a problem at its path.
    let mut bad = doc.clone();
    bad.rounds[0].categories[0].applications_received = Some(1);
    bad.rounds[0].categories[0].not_awarded_reason = "Ingen vinner".into();
    bad.rounds[0].categories[1].applications_received = Some(-1);
    bad.rounds[0].categories[1].prize_sum_kr = Some(-5);
    bad.applications[0].other_units = vec![id(61), id(61), id(1), id(99)];
    bad.applications[1].outside_partners = vec![String::new(), "x".repeat(201)];
    bad.applications[1].other_units = (0..11).map(|n| id(61 + n)).collect();
    let shown: Vec<String> = validate(&bad).iter().map(ToString::to_string).collect();
    for expected in [
        "$.rounds[0].categories[0].applications_received: 1, but the file holds 2 submitted applications of this prize",
        "$.rounds[0].categories[0].not_awarded_reason: the prize has a winner in $.decisions",
        "$.rounds[0].categories[1].applications_received: must not be negative",
        "$.rounds[0].categories[1].prize_sum_kr: must not be negative",
        "$.applications[0].other_units[1]: the application's unit, or listed twice",
        "$.applications[0].other_units[2]: the application's unit, or listed twice",
        "$.applications[0].other_units[3]: unknown unit \"00000000-0000-0000-0000-000000000063\"",
        "$.applications[1].other_units: 11 units; at most 10",
        "$.applications[1].outside_partners[0]: required",
        "$.applications[1].outside_partners[1]: 201 characters; at most 200",
    ] {
        assert!(
            shown.iter().any(|s| s == expected),
            "{expected}\nnot in {shown:#?}"
        );
    }
}

#[test]
fn a_story_needs_its_author_and_applications_in_the_document() {
    let mut doc = good();
    let s = &mut doc.stories[0];
    s.author = "ukjent@fjordvik.example".into();
    s.applications = vec![id(10), id(10), id(98)];
    s.title = String::new();
    doc.stories.push(doc.stories[0].clone());
    assert_eq!(
        paths(&doc)[..5],
        [
            "$.stories[0].title",
            "$.stories[0].author",
            "$.stories[0].applications[1]",
            "$.stories[0].applications[2]",
            "$.stories[1].id",
        ]
    );
}

#[test]
fn references_must_resolve_inside_the_document() {
    let mut doc = good();
    doc.applications[0].category = id(99);
    doc.applications[0].owner = "nobody@fjordvik.example".into();
    doc.applications[1].continues = vec![id(98)];
    doc.decisions[0].application = id(97);
    doc.adoptions[0].created_by = Some("ghost@fjordvik.example".into());
    assert_eq!(
        paths(&doc),
        [
            "$.applications[0].category",
            "$.applications[0].owner",
            "$.applications[1].continues[0]",
            "$.decisions[0].application",
            "$.adoptions[0].created_by",
        ]
    );
}

#[test]
fn cycles_duplicates_and_bad_enumerations_are_found() {
    let mut doc = good();
    let mut child = doc.units[0].clone();
    child.id = id(6);
    child.parent = Some(id(1));
    doc.units[0].parent = Some(id(6));
    doc.units.push(child);
    doc.applications[1].id = id(10);
    doc.applications[1].source_application = None;
    doc.applications[0].state = "won".into();
    doc.rounds[0].categories[0].criteria[0].shape = "stars".into();
    doc.rounds[0].categories[0].questions[0].id = id(4);
    let found = paths(&doc);
    for expected in [
        "$.units[0].parent",
        "$.units[1].parent",
        "$.rounds[0].categories[0].criteria[0].shape",
        "$.rounds[0].categories[0].questions[0].id",
        "$.applications[0].state",
        "$.applications[1].id",
    ] {
        assert!(
            found.contains(&expected.to_string()),
            "{expected} in {found:?}"
        );
    }
}

#[test]
fn answers_must_fit_the_form_and_its_questions() {
    let mut doc = good();
    doc.applications[0].answers = serde_json::json!({ "questions": { id(50).to_string(): "?" } });
    doc.applications[1].answers = serde_json::json!({ "criteria": "not a list" });
    assert_eq!(
        paths(&doc),
        [
            "$.applications[0].answers.questions",
            "$.applications[1].answers"
        ]
    );
}

#[test]
fn normalising_gives_utc_whole_seconds_and_lower_case_mail() {
    let mut doc = good();
    doc.exported_at = datetime!(2019-10-20 12:00:00.5 +02:00);
    doc.applications[0].team = vec![" Ola@Fjordvik.example".into(), "a@b.example".into()];
    doc.normalise();
    assert_eq!(doc.exported_at, datetime!(2019-10-20 10:00 UTC));
    assert_eq!(
        doc.applications[0].team,
        ["a@b.example", "ola@fjordvik.example"]
    );
}

#[test]
fn normalising_brings_every_optional_time_to_utc_whole_seconds() {
    let mut doc = good();
    let local = datetime!(2019-10-20 12:00:00.5 +02:00);
    let utc = datetime!(2019-10-20 10:00 UTC);
    doc.rounds[0].ceremony_at = Some(local);
    doc.rounds[0].categories[0].extended_deadline = Some(local);
    doc.applications[0].submitted_at = Some(local);
    doc.applications[0].withdrawn_at = Some(local);
    doc.decisions[0].publish_at = Some(local);
    doc.decisions[0].published_at = Some(local);
    doc.normalise();
    let times = [
        doc.rounds[0].ceremony_at,
        doc.rounds[0].categories[0].extended_deadline,
        doc.applications[0].submitted_at,
        doc.applications[0].withdrawn_at,
        doc.decisions[0].publish_at,
        doc.decisions[0].published_at,
    ];
    for t in times {
        let t = t.unwrap();
        assert_eq!((t, t.offset()), (utc, time::UtcOffset::UTC));
    }
}

#[test]
fn texts_are_required_and_may_hold_exactly_their_limit() {
    let mut doc = good();
    doc.organisation.name = " ".into();
    doc.rounds[0].title = "å".repeat(MAX_TITLE_CHARS);
    doc.rounds[0].description = "å".repeat(MAX_TEXT_CHARS + 1);
    let shown: Vec<String> = validate(&doc).iter().map(ToString::to_string).collect();
    assert_eq!(
        shown,
        [
            "$.organisation.name: required".to_string(),
            format!(
                "$.rounds[0].description: {} characters; at most {MAX_TEXT_CHARS}",
                MAX_TEXT_CHARS + 1
            ),
        ]
    );
}

#[test]
fn a_unit_under_another_is_no_cycle() {
    let mut doc = good();
    let mut child = doc.units[0].clone();
    child.id = id(6);
    child.parent = Some(id(1));
    doc.units.push(child);
    assert_eq!(validate(&doc), vec![]);
}

#[test]
fn a_prize_may_be_nothing_and_an_extension_may_not_come_before_the_deadline() {
    let mut doc = good();
    let deadline = doc.rounds[0].categories[0].deadline;
    let mut free = doc.rounds[0].categories[0].clone();
    free.prize_sum_kr = Some(0);
    (free.criteria, free.questions) = (vec![], vec![]);
    // docs/exchange-format.md: `extended_deadline` is null or not before `deadline`.
    let extensions = [deadline, deadline + time::Duration::days(14)];
    let categories = extensions.map(|e| Category {
        extended_deadline: Some(e),
        ..free.clone()
    });
    for (n, mut c) in categories.into_iter().enumerate() {
        c.id = id(40 + n as u128);
        doc.rounds[0].categories.push(c);
    }
    assert_eq!(validate(&doc), vec![]);
    let c = &mut doc.rounds[0].categories[0];
    c.prize_sum_kr = Some(-1);
    c.extended_deadline = Some(deadline - time::Duration::minutes(1));
    assert_eq!(
        paths(&doc),
        [
            "$.rounds[0].categories[0].prize_sum_kr",
            "$.rounds[0].categories[0].extended_deadline",
        ]
    );
}

#[test]
fn an_application_may_not_continue_or_adopt_itself() {
    let mut doc = good();
    doc.applications[0].continues = vec![id(10)];
    doc.applications[1].source_application = Some(id(11));
    assert_eq!(paths(&doc), ["$.applications[0]", "$.applications[1]"]);
}

#[test]
fn form_limits_are_described_in_words() {
    let mut doc = good();
    let a = &mut doc.applications[0];
    a.answers = serde_json::json!({
        "effect": "x".repeat(crate::application_form::MAX_LONG_TEXT_CHARS + 1),
        "external_source": { "organisation": "Asker", "title": "Tilsyn", "link": "asker.no" },
    });
    a.continues = (100..=100 + crate::application_form::MAX_CONTINUES as u128)
        .map(id)
        .collect();
    let messages: Vec<(String, String)> = validate(&doc)
        .into_iter()
        .filter(|p| !p.path.contains(".continues["))
        .map(|p| (p.path, p.message))
        .collect();
    let expected = [
        ("$.applications[0].answers.effect", "too long"),
        (
            "$.applications[0].answers.source_link",
            "not a valid http(s) link",
        ),
        ("$.applications[0].continues", "too many"),
    ];
    assert_eq!(
        messages,
        expected.map(|(p, m)| (p.to_string(), m.to_string()))
    );
}

#[test]
fn an_adoption_names_a_unit_or_an_application() {
    let mut doc = good();
    let only_unit = Adoption {
        id: id(31),
        adopting_application: None,
        ..doc.adoptions[0].clone()
    };
    let only_application = Adoption {
        id: id(32),
        adopting_unit: None,
        ..doc.adoptions[0].clone()
    };
    let neither = Adoption {
        id: id(33),
        adopting_unit: None,
        adopting_application: None,
        ..doc.adoptions[0].clone()
    };
    doc.adoptions.extend([only_unit, only_application, neither]);
    assert_eq!(paths(&doc), ["$.adoptions[3]"]);
}

#[test]
fn a_unit_adopting_the_same_application_twice_is_refused_at_the_second() {
    let mut doc = good();
    let by_unit = Adoption {
        id: id(41),
        adopting_application: None,
        ..doc.adoptions[0].clone()
    };
    let again = Adoption {
        id: id(42),
        note: "Igjen.".into(),
        ..by_unit.clone()
    };
    // With an adopting application the same unit may adopt again (another application).
    let with_application = Adoption {
        id: id(43),
        ..doc.adoptions[0].clone()
    };
    doc.adoptions.extend([by_unit, again, with_application]);
    assert_eq!(paths(&doc), ["$.adoptions[2]"]);
}

#[test]
fn unknown_answer_fields_are_refused_at_their_path() {
    let mut doc = good();
    doc.applications[1].answers =
        serde_json::json!({ "what_we_did": "Vi gjorde det.", "what_we_didd": "Skrivefeil" });
    let problems = validate(&doc);
    assert_eq!(
        problems.iter().map(|p| p.path.as_str()).collect::<Vec<_>>(),
        ["$.applications[1].answers.what_we_didd"]
    );
    assert!(problems[0].message.starts_with("unknown answer field"));
    assert!(
        problems[0].message.contains("what_we_did"),
        "names what is expected"
    );
}

#[test]
fn a_decision_is_published_only_once_judging_has_begun() {
    for state in ["draft", "open", "closed"] {
        let mut doc = good();
        doc.rounds[0].state = state.into();
        doc.decisions[0].published_at = Some(datetime!(2019-12-01 12:00 UTC));
        let problems = validate(&doc);
        assert_eq!(
            problems.iter().map(|p| p.path.as_str()).collect::<Vec<_>>(),
            ["$.decisions[0].published_at"],
            "{state}"
        );
        assert!(
            problems[0].message.contains(state),
            "{}",
            problems[0].message
        );
        // Not yet published, it is only the jury's plan.
        doc.decisions[0].published_at = None;
        assert_eq!(validate(&doc), vec![], "{state}");
    }
    for state in ["judging", "nominated", "awarded", "archived"] {
        let mut doc = good();
        doc.rounds[0].state = state.into();
        doc.decisions[0].published_at = Some(datetime!(2020-01-20 13:00 UTC));
        assert_eq!(validate(&doc), vec![], "{state}");
    }
}

#[test]
fn a_time_without_a_time_of_day_is_a_problem_at_its_path() {
    let mut json = serde_json::to_value(good()).unwrap();
    json["rounds"][0]["categories"][0]["deadline"] = "2019-11-01".into();
    json["decisions"][0]["published_at"] = "2020-01-20T13:00".into();
    json["applications"][1]["created_at"] = 20191020.into();
    let Err(crate::exchange::ParseError::Problems(problems)) =
        crate::exchange::parse(&json.to_string())
    else {
        panic!("the document should be refused");
    };
    assert_eq!(
        problems.iter().map(|p| p.path.as_str()).collect::<Vec<_>>(),
        [
            "$.rounds[0].categories[0].deadline",
            "$.applications[1].created_at",
            "$.decisions[0].published_at"
        ]
    );
    assert!(
        problems[0].message.contains("RFC 3339"),
        "{}",
        problems[0].message
    );
    assert!(
        problems[0].message.contains("\"2019-11-01\""),
        "{}",
        problems[0].message
    );
}

#[test]
fn a_good_document_parses_and_a_broken_one_is_no_document() {
    let text = serde_json::to_string(&good()).unwrap();
    assert_eq!(crate::exchange::parse(&text).unwrap(), good());
    let Err(crate::exchange::ParseError::NotADocument(message)) =
        crate::exchange::parse("{\"format\": 1")
    else {
        panic!("not a document");
    };
    assert!(message.contains("line 1"), "{message}");
}
