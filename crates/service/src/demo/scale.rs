//! Many past years at once, for trying the product at scale and for the benchmarks
//! (`prisverdig seed --applications N`): N submitted applications spread over archived
//! rounds before the database's earliest one, each year with the three default prizes and
//! their criteria, nominees, a winner and an honourable mention per prize, published at the
//! year's ceremony, and ideas taken into use by later applications («vi stjal denne»).
//!
//! The years are written as an exchange document on top of what the database holds (its
//! own export) and brought in by the import, so they pass every check a real import passes
//! and land in one transaction. The text is generated from a municipal vocabulary with a
//! fixed random seed: the same N gives the same data, so runs can be compared.

use prisverdig_domain::category::Scale;
use prisverdig_domain::defaults::CATEGORIES;
use prisverdig_domain::exchange::{
    Adoption, Application, Category, Criterion, Decision, ExchangeDoc, Person, Round,
};
use rand::rngs::StdRng;
use rand::seq::SliceRandom;
use rand::{Rng, SeedableRng};
use time::{Date, Duration, Month, OffsetDateTime, Time};
use uuid::Uuid;

/// Applications per year when N is large; fewer years when N is small.
const MAX_YEARS: usize = 20;
/// How many people own the generated applications.
const OWNERS: usize = 300;

const SUBJECTS: [&str; 24] = [
    "hjemmetjenesten",
    "barnehagen",
    "skolen",
    "biblioteket",
    "sykehjemmet",
    "renholdet",
    "kjøkkenet",
    "byggesaken",
    "legevakten",
    "barnevernet",
    "NAV-kontoret",
    "innkjøpet",
    "vannverket",
    "brannvesenet",
    "kulturskolen",
    "helsestasjonen",
    "frivilligsentralen",
    "eiendomsavdelingen",
    "lønnsavdelingen",
    "servicetorget",
    "ungdomsklubben",
    "avfallstjenesten",
    "parkeringen",
    "arkivet",
];

const ACTIONS: [&str; 16] = [
    "tok i bruk",
    "prøvde ut",
    "utviklet",
    "forenklet",
    "digitaliserte",
    "samordnet",
    "flyttet ut",
    "lånte",
    "stjal med stil",
    "bygde om",
    "testet",
    "skalerte",
    "la ned",
    "gjenbrukte",
    "kartla",
    "automatiserte",
];

const THINGS: [&str; 28] = [
    "sensorer for fallvarsling",
    "en felles bookingløsning",
    "digitale tilsyn om natten",
    "matsvinnregnskap",
    "elsykler til hjemmebesøk",
    "en chatbot for byggesøknader",
    "lesevenner fra videregående",
    "robotstøvsugere i korridorene",
    "felles vaktlister på tvers av sektorer",
    "skjermfri time i klasserommet",
    "ombruk av møbler",
    "et innbyggerpanel",
    "tolketjeneste på video",
    "medisinroboter",
    "fleksible arbeidslister",
    "et nabolagsbibliotek",
    "smarte vannmålere",
    "lavterskel dagtilbud",
    "digitale skjemaer for foreldre",
    "solceller på skoletakene",
    "fellesinnkjøp med nabokommunene",
    "tidlig innsats for lesing",
    "ruteplanlegging for brøyting",
    "ambulerende team",
    "gjenbrukshall for utstyr",
    "nattlig tilsyn med kamera",
    "kurs for pårørende",
    "nye turstier med frivillige",
];

const GROUPS: [&str; 14] = [
    "eldre som bor hjemme",
    "foreldre med små barn",
    "elevene",
    "ansatte i turnus",
    "nye innbyggere",
    "ungdom uten jobb",
    "pårørende",
    "beboerne",
    "næringslivet",
    "brukerne med vedtak",
    "frivillige",
    "innbyggere med dårlig syn",
    "lærerne",
    "sykepleierne",
];

const EFFECTS: [&str; 12] = [
    "sparte mange timer i uken",
    "gav færre innleggelser",
    "gjorde ventetiden kortere",
    "gav tryggere hverdager",
    "halverte matsvinnet",
    "gav flere fornøyde brukere",
    "gjorde arbeidsdagen enklere",
    "kuttet utslipp og kostnader",
    "gav bedre kvalitet på tjenesten",
    "gjorde oss mindre sårbare",
    "lærte oss hva som ikke virker",
    "spredte seg til flere enheter",
];

fn pick<'a>(rng: &mut StdRng, words: &[&'a str]) -> &'a str {
    words.choose(rng).copied().unwrap_or_default()
}

fn sentence(rng: &mut StdRng) -> String {
    let subject = pick(rng, &SUBJECTS);
    let mut s = format!(
        "{}{} {} {} for {}, og det {}.",
        subject[..1].to_uppercase(),
        &subject[1..],
        pick(rng, &ACTIONS),
        pick(rng, &THINGS),
        pick(rng, &GROUPS),
        pick(rng, &EFFECTS)
    );
    if rng.gen_bool(0.3) {
        s.push_str(&format!(" Vi samarbeidet med {}.", pick(rng, &SUBJECTS)));
    }
    s
}

fn paragraph(rng: &mut StdRng, sentences: usize) -> String {
    (0..sentences)
        .map(|_| sentence(rng))
        .collect::<Vec<_>>()
        .join(" ")
}

fn cut(text: String, max_chars: usize) -> String {
    if text.chars().count() <= max_chars {
        return text;
    }
    let mut s: String = text.chars().take(max_chars - 1).collect();
    s.push('…');
    s
}

fn id(rng: &mut StdRng) -> Uuid {
    uuid::Builder::from_random_bytes(rng.r#gen()).into_uuid()
}

fn at(year: i64, month: Month, day: u8, hour: u8) -> OffsetDateTime {
    let date = Date::from_calendar_date(year as i32, month, day).unwrap_or(Date::MIN);
    date.with_time(Time::from_hms(hour, 0, 0).unwrap_or(Time::MIDNIGHT))
        .assume_utc()
}

/// `base` (the database's own export) with `n` submitted applications added in archived
/// years before its earliest round. Units are the base's active ones; owners are generated
/// people at the organisation's demo domain.
pub fn synthetic_years(base: &ExchangeDoc, n: usize, seed: u64) -> ExchangeDoc {
    let mut doc = base.clone();
    let mut rng = StdRng::seed_from_u64(seed);
    let units: Vec<_> = base
        .units
        .iter()
        .filter(|u| !u.archived && u.merged_into.is_none())
        .collect();
    if n == 0 || units.is_empty() {
        return doc;
    }
    // The path of names from the top of the chart, as an application's snapshot holds it.
    let path_of = |unit: Uuid| {
        let mut names = Vec::new();
        let mut at = Some(unit);
        while let Some(u) = at.and_then(|id| base.units.iter().find(|u| u.id == id)) {
            names.insert(0, u.name.clone());
            at = u.parent;
        }
        names
    };
    let owners: Vec<Person> = (0..OWNERS)
        .map(|i| Person {
            email: format!("ansatt{i}@historikk.example"),
            name: format!("Ansatt {i}"),
        })
        .collect();
    doc.users.extend(owners.iter().cloned());
    let years = (n / 50).clamp(1, MAX_YEARS);
    let last_year = base.rounds.iter().map(|r| r.year).min().unwrap_or(2020) - 1;
    let mut earlier: Vec<Uuid> = Vec::new();
    let mut made = 0usize;
    for y in 0..years {
        let year = last_year - (years - 1 - y) as i64;
        let in_year = (n - made) / (years - y);
        let deadline = at(year, Month::October, 1, 21);
        let ceremony = at(year, Month::December, 1, 13);
        let mut categories = Vec::new();
        for (position, def) in CATEGORIES.iter().enumerate() {
            let criteria = def
                .criteria
                .iter()
                .enumerate()
                .map(|(i, c)| {
                    let (shape, (min, max)) = match c.scale {
                        Scale::YesNo => ("yes_no", c.scale.bounds()),
                        Scale::Range { .. } => ("range", c.scale.bounds()),
                    };
                    Criterion {
                        id: id(&mut rng),
                        position: i as i64,
                        text: c.text.to_string(),
                        help: String::new(),
                        shape: shape.to_string(),
                        scale_min: min,
                        scale_max: max,
                        weight: 1,
                    }
                })
                .collect();
            categories.push(Category {
                id: id(&mut rng),
                kind: def.kind.as_str().to_string(),
                name: def.name.to_string(),
                description: def.description.to_string(),
                prize_sum_kr: Some(def.prize_sum_kr),
                deadline,
                extended_deadline: None,
                blind: false,
                peoples_choice: false,
                position: position as i64,
                criteria,
                questions: Vec::new(),
                not_awarded_reason: String::new(),
                applications_received: None,
            });
        }
        let category_ids: Vec<Uuid> = categories.iter().map(|c| c.id).collect();
        doc.rounds.push(Round {
            id: id(&mut rng),
            year,
            title: format!("Innovasjonsprisene {year}"),
            description: format!("Årets innovasjonspriser for {year}."),
            ceremony_name: "Innovasjonsdagen".into(),
            ceremony_at: Some(ceremony),
            ceremony_place: "Rådhuset".into(),
            state: "archived".into(),
            visibility: "on_submit".into(),
            copied_from: None,
            created_at: at(year, Month::August, 15, 8),
            categories,
        });
        let mut of_category: Vec<Vec<Uuid>> = vec![Vec::new(); category_ids.len()];
        let mut this_year = Vec::with_capacity(in_year);
        for k in 0..in_year {
            // Innovasjonsprisen gets most; «Stjæl med stil» and «Beste feil» fewer.
            let c = match rng.gen_range(0..20) {
                0..=11 => 0,
                12..=16 => 1,
                _ => 2,
            };
            let unit = units[rng.gen_range(0..units.len())];
            let submitted =
                deadline - Duration::minutes(rng.gen_range(1..60 * 24 * 50)) - Duration::hours(1);
            let subject = pick(&mut rng, &SUBJECTS);
            let thing = pick(&mut rng, &THINGS);
            let title = cut(format!("{thing} i {subject} ({year}, {k})"), 150);
            let summary = cut(paragraph(&mut rng, 2), 300);
            let steal_from =
                (c == 1 && !earlier.is_empty()).then(|| earlier[rng.gen_range(0..earlier.len())]);
            let owner = &owners[rng.gen_range(0..owners.len())];
            let team: Vec<String> = (0..rng.gen_range(0..3))
                .map(|_| owners[rng.gen_range(0..owners.len())].email.clone())
                .filter(|e| *e != owner.email)
                .collect::<std::collections::BTreeSet<_>>()
                .into_iter()
                .collect();
            let answers = serde_json::json!({
                "what_we_did": cut(paragraph(&mut rng, 6), 4000),
                "three_years_ago": cut(paragraph(&mut rng, 2), 2000),
                "effect": cut(paragraph(&mut rng, 3), 2000),
                "partners": pick(&mut rng, &SUBJECTS),
            });
            let application = Application {
                id: id(&mut rng),
                category: category_ids[c],
                unit: unit.id,
                owner: owner.email.clone(),
                team,
                state: "submitted".into(),
                title,
                summary,
                answers,
                unit_snapshot: path_of(unit.id),
                idea_origin: Some(
                    if steal_from.is_some() {
                        "adopted"
                    } else {
                        "original"
                    }
                    .into(),
                ),
                origin_note: String::new(),
                source_application: steal_from,
                continues: Vec::new(),
                created_at: submitted - Duration::days(3),
                updated_at: submitted,
                submitted_at: Some(submitted),
                withdrawn_at: None,
                other_units: Vec::new(),
                outside_partners: Vec::new(),
            };
            if let Some(source) = steal_from {
                doc.adoptions.push(Adoption {
                    id: id(&mut rng),
                    source_application: source,
                    adopting_unit: Some(unit.id),
                    adopting_application: Some(application.id),
                    note: String::new(),
                    created_by: Some(owner.email.clone()),
                    created_at: submitted,
                });
            }
            of_category[c].push(application.id);
            this_year.push(application.id);
            doc.applications.push(application);
        }
        // Per prize: a winner, an honourable mention and up to four more nominees.
        for ids in &of_category {
            for (rank, application) in ids.iter().take(6).enumerate() {
                let kind = match rank {
                    0 => "winner",
                    1 => "honourable_mention",
                    _ => "nominee",
                };
                let justification = if rank < 2 {
                    paragraph(&mut rng, 2)
                } else {
                    String::new()
                };
                doc.decisions.push(Decision {
                    id: id(&mut rng),
                    application: *application,
                    kind: kind.into(),
                    justification,
                    feedback: String::new(),
                    publish_at: Some(ceremony),
                    published_at: Some(ceremony),
                });
            }
        }
        made += in_year;
        earlier.extend(this_year);
    }
    doc
}

#[cfg(test)]
mod tests {
    use super::*;
    use prisverdig_domain::exchange::{self, Organisation, Unit};

    fn base() -> ExchangeDoc {
        let org = Uuid::from_u128(1);
        let sector = Uuid::from_u128(2);
        let unit = |id: u128, parent: Option<Uuid>, name: &str, kind: &str| Unit {
            id: Uuid::from_u128(id),
            parent,
            name: name.into(),
            kind: kind.into(),
            position: 0,
            archived: false,
            merged_into: None,
        };
        ExchangeDoc {
            format: "prisverdig-exchange".into(),
            version: 2,
            exported_at: at(2026, Month::January, 1, 0),
            organisation: Organisation {
                id: org,
                name: "Fjordvik kommune".into(),
                accent_colour: None,
            },
            units: vec![
                unit(2, None, "Helse og omsorg", "sector"),
                unit(3, Some(sector), "Hjemmetjenesten", "unit"),
            ],
            users: Vec::new(),
            rounds: Vec::new(),
            applications: Vec::new(),
            decisions: Vec::new(),
            adoptions: Vec::new(),
            stories: Vec::new(),
        }
    }

    #[test]
    fn the_years_pass_the_imports_checks_and_hold_n_applications() {
        let doc = synthetic_years(&base(), 1_234, 7);
        assert_eq!(exchange::validate(&doc), Vec::new());
        assert_eq!(doc.applications.len(), 1_234);
        assert_eq!(doc.rounds.len(), MAX_YEARS);
        let years: Vec<_> = doc.rounds.iter().map(|r| r.year).collect();
        assert_eq!(years.first(), Some(&2000));
        assert_eq!(years.last(), Some(&2019));
        // Every prize of every year has its winner; later years steal from earlier ones.
        let winners = doc.decisions.iter().filter(|d| d.kind == "winner").count();
        assert_eq!(winners, MAX_YEARS * 3);
        assert!(doc.adoptions.len() > 50, "{}", doc.adoptions.len());
        let snapshot = &doc.applications[0].unit_snapshot;
        assert!(snapshot.len() == 1 || snapshot[0] == "Helse og omsorg");
    }

    #[test]
    fn the_same_seed_gives_the_same_data_and_few_applications_few_years() {
        let a = synthetic_years(&base(), 120, 7);
        let b = synthetic_years(&base(), 120, 7);
        assert_eq!(
            serde_json::to_string(&a).ok(),
            serde_json::to_string(&b).ok()
        );
        assert_eq!(a.rounds.len(), 2);
        assert_eq!(a.applications.len(), 120);
        assert_eq!(synthetic_years(&base(), 0, 7).applications.len(), 0);
    }
}
