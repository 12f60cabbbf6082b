//! Shared set-ups: an open round with the three default prizes, units and applicants.

use crate::harness::TestApp;
use prisverdig_domain::category::CategoryKind;
use prisverdig_domain::defaults::CATEGORIES;
use prisverdig_domain::email::Email;
use prisverdig_domain::role::Role;
use prisverdig_domain::round::{RoundState, Visibility};
use prisverdig_store::categories::{self, NewCategory};
use prisverdig_store::criteria;
use prisverdig_store::organisation::{self, NewUnit};
use prisverdig_store::rounds::{self, NewRound};
use prisverdig_store::users;
use std::collections::HashMap;
use time::OffsetDateTime;
use time::macros::datetime;
use uuid::Uuid;

pub const PASSWORD: &str = "korrekt hest batteri";
/// 1 November 2019 at 23:59 in Oslo.
pub const DEADLINE: OffsetDateTime = datetime!(2019-11-01 22:59 UTC);

pub struct Round {
    pub id: Uuid,
    pub categories: HashMap<CategoryKind, Uuid>,
    pub unit: Uuid,
    /// The unit's sector, itself a unit one can act for.
    pub sector: Uuid,
}

impl Round {
    pub fn category(&self, kind: CategoryKind) -> Uuid {
        self.categories[&kind]
    }
}

/// An open round «Innovasjonsprisene 2020» with the default prizes, a sector and a unit.
pub async fn open_round(app: &TestApp, visibility: Visibility) -> Round {
    let now = app.services.clock.now();
    let mut tx = app.services.db().begin().await.unwrap();
    let org = organisation::insert(&mut tx, now, "Fjordvik kommune")
        .await
        .unwrap();
    let sector = organisation::insert_unit(
        &mut tx,
        NewUnit {
            organisation_id: org,
            parent_id: None,
            name: "Eiendom",
            kind: "sector",
            position: 0,
        },
    )
    .await
    .unwrap();
    let unit = organisation::insert_unit(
        &mut tx,
        NewUnit {
            organisation_id: org,
            parent_id: Some(sector),
            name: "Renhold",
            kind: "unit",
            position: 0,
        },
    )
    .await
    .unwrap();
    let settings = (RoundState::Open, visibility, DEADLINE);
    let (id, categories) = add_round(&mut tx, now, org, 2020, settings).await;
    tx.commit().await.unwrap();
    Round {
        id,
        categories,
        unit,
        sector,
    }
}

/// A round of `year` in `org` with the default prizes and their criteria, in `state`, with
/// `visibility` and every prize's `deadline`.
pub async fn add_round(
    tx: &mut prisverdig_store::Tx,
    now: OffsetDateTime,
    org: Uuid,
    year: i64,
    (state, visibility, deadline): (RoundState, Visibility, OffsetDateTime),
) -> (Uuid, HashMap<CategoryKind, Uuid>) {
    let title = format!("Innovasjonsprisene {year}");
    let round = NewRound {
        organisation_id: org,
        year,
        title: &title,
        description: "",
        ceremony_name: "Bærumskonferansen",
        ceremony_at: Some(
            datetime!(2020-01-20 12:00 UTC) + time::Duration::days(365 * (year - 2020)),
        ),
        ceremony_place: "",
        state,
        visibility,
    };
    let id = rounds::insert(tx, now, round).await.unwrap();
    let mut categories = HashMap::new();
    for (i, def) in CATEGORIES.iter().enumerate() {
        let c = NewCategory {
            round_id: id,
            kind: def.kind,
            name: def.name,
            description: "",
            prize_sum_kr: def.prize_sum_kr,
            deadline,
            extended_deadline: None,
            position: i as i64,
        };
        let cid = categories::insert(tx, c).await.unwrap();
        for (j, k) in def.criteria.iter().enumerate() {
            criteria::insert(tx, cid, j as i64, k.text, k.scale)
                .await
                .unwrap();
        }
        categories.insert(def.kind, cid);
    }
    (id, categories)
}

/// An applicant account that can sign in with [`PASSWORD`].
pub async fn applicant(app: &TestApp, email: &str, name: &str) -> Uuid {
    let input = prisverdig_service::users::AddUser {
        email,
        name,
        roles: &[Role::Applicant],
        password: PASSWORD,
    };
    app.services.add_user(input).await.unwrap()
}

pub async fn user_row(app: &TestApp, email: &str) -> users::User {
    users::find_for_sign_in(app.services.db(), &Email::parse(email).unwrap())
        .await
        .unwrap()
        .unwrap()
        .0
}
