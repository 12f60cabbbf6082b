use super::*;
use crate::exchange::{
    Adoption, Application, Criterion, Decision, Organisation, Person, Question, Unit,
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
        prize_sum_kr: 50_000,
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
    doc.version = 2;
    assert_eq!(paths(&doc), ["$.format", "$.version"]);
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
