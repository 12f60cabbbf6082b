//! Assignment of the jury's work, on both backends: a fixed number of reviewers per
//! application balanced over the jurors without a conflict, previewed before it is saved,
//! version-checked, changed by hand; jurors see only what they are assigned; the overview
//! tells unassigned cells from missing work and warns about applications left short.

use crate::admin::admin;
use crate::catalogue::{setup, submitted};
use crate::fixtures::{DEADLINE, user_row};
use crate::harness::{TestApp, hidden_value, new_client};
use crate::jury::person;
use crate::on_both_backends;
use prisverdig_domain::category::CategoryKind;
use prisverdig_domain::jury::conflict::Grounds;
use prisverdig_domain::jury::{AssignmentMode, JuryRole, Progress};
use prisverdig_domain::role::Role;
use prisverdig_service::ServiceError;
use prisverdig_service::jury::assignment::AssignmentChoice;
use prisverdig_service::jury::overview::OverviewSort;
use prisverdig_service::model::User;
use std::collections::{BTreeMap, BTreeSet};
use time::Duration;
use uuid::Uuid;

const TITLES: [&str; 6] = [
    "Idé Alfa",
    "Idé Beta",
    "Idé Gamma",
    "Idé Delta",
    "Idé Epsilon",
    "Idé Zeta",
];

struct World {
    category: Uuid,
    admin: User,
    /// Chair, deputy, Mona, Jon: the jury's order.
    jurors: Vec<User>,
    apps: Vec<Uuid>,
}

impl World {
    fn mona(&self) -> &User {
        &self.jurors[2]
    }
    fn jon(&self) -> &User {
        &self.jurors[3]
    }
    fn page(&self) -> String {
        format!("/admin/categories/{}/jury/assignment", self.category)
    }
}

/// Six submitted innovations, a jury of four without automatic conflicts, the clock past
/// the deadline, and two conflicts: Mona's on the first application (confirmed) and Jon's
/// on the second (declared, which binds at once). The app's own client is the administrator.
async fn world(app: &TestApp) -> World {
    let round = setup(app).await;
    let category = round.category(CategoryKind::Innovation);
    let mut apps = Vec::new();
    for title in TITLES {
        apps.push(submitted(app, &round, CategoryKind::Innovation, title, None).await);
    }
    let admin = admin(app).await;
    let mut jurors = Vec::new();
    for (email, name, role) in [
        ("leder@fjordvik.example", "Cecilie Leder", JuryRole::Chair),
        (
            "nestleder@fjordvik.example",
            "Dag Nestleder",
            JuryRole::Deputy,
        ),
        ("mona@fjordvik.example", "Mona Jurymedlem", JuryRole::Member),
        ("jon@fjordvik.example", "Jon Jurymedlem", JuryRole::Member),
    ] {
        let juror = person(app, email, name, &[Role::Juror, Role::JuryChair]).await;
        app.services
            .add_juror(&admin, category, juror.id, role)
            .await
            .unwrap();
        jurors.push(juror);
    }
    app.clock.set(DEADLINE + Duration::hours(1));
    let s = &app.services;
    let (mona, jon) = (&jurors[2], &jurors[3]);
    s.declare_conflict(mona, apps[0], Grounds::Family, "Søsteren min.")
        .await
        .unwrap();
    let c = s.conflicts(&admin).await.unwrap().remove(0);
    s.decide_conflict(&admin, c.id, c.version, true, "Bekreftet.")
        .await
        .unwrap();
    s.declare_conflict(jon, apps[1], Grounds::ClosePersonalTie, "Nær venn.")
        .await
        .unwrap();
    World {
        category,
        admin,
        jurors,
        apps,
    }
}

/// The stored pairs, by juror.
async fn stored(app: &TestApp, w: &World) -> BTreeMap<Uuid, BTreeSet<Uuid>> {
    let mut out: BTreeMap<Uuid, BTreeSet<Uuid>> = BTreeMap::new();
    for (a, u) in prisverdig_store::assignments::of_category(app.services.db(), w.category)
        .await
        .unwrap()
    {
        out.entry(u).or_default().insert(a);
    }
    out
}

async fn stored_mode(app: &TestApp, w: &World) -> AssignmentMode {
    prisverdig_store::jury::state(app.services.db(), w.category)
        .await
        .unwrap()
        .unwrap()
        .mode
}

/// Posts the choice form as the administrator: (status, body).
async fn choose(app: &TestApp, w: &World, fields: &[(&str, &str)]) -> (u16, String) {
    let page = w.page();
    let res = app.post_form(&page, &page, fields).await;
    (res.status().as_u16(), res.text().await.unwrap())
}

async fn version(app: &TestApp, w: &World) -> String {
    let html = app.get(&w.page()).await.text().await.unwrap();
    hidden_value(&html, "version").unwrap()
}

/// Saves two reviewers per application through the page.
async fn save_two(app: &TestApp, w: &World) {
    let v = version(app, w).await;
    let (status, _) = choose(
        app,
        w,
        &[
            ("version", &v),
            ("mode", "fixed"),
            ("reviewers", "2"),
            ("action", "save"),
        ],
    )
    .await;
    assert_eq!(status, 303);
}

on_both_backends! {
    async fn the_preview_shows_a_balanced_split_and_stores_nothing_until_saved(app) {
        let w = world(app).await;
        let v = version(app, &w).await;
        let (status, html) = choose(app, &w, &[("version", &v), ("mode", "fixed"), ("reviewers", "2"), ("action", "preview")]).await;
        assert_eq!(status, 200);
        assert!(html.contains("Forhåndsvisning") && html.contains("id=\"split-applications\""));
        assert!(html.contains("name=\"action\" value=\"save\""), "the preview offers saving");
        // Mona is named beside no application she is conflicted on: the preview's row of
        // «Idé Alfa» names two reviewers, neither of them Mona.
        let row = html.split("<th scope=\"row\">Idé Alfa</th>").nth(1).unwrap().split("</tr>").next().unwrap();
        assert!(!row.contains("Mona") && row.matches(", ").count() == 1, "{row}");
        assert!(stored(app, &w).await.is_empty(), "the preview stored no pair");
        assert_eq!(stored_mode(app, &w).await, AssignmentMode::All);

        save_two(app, &w).await;
        assert_eq!(stored_mode(app, &w).await, AssignmentMode::PerApplication { reviewers: 2 });
        let by_juror = stored(app, &w).await;
        let mut per_app: BTreeMap<Uuid, usize> = BTreeMap::new();
        for apps in by_juror.values() {
            for a in apps {
                *per_app.entry(*a).or_default() += 1;
            }
        }
        assert_eq!(per_app.len(), 6);
        assert!(per_app.values().all(|n| *n == 2), "{per_app:?}");
        assert!(!by_juror[&w.mona().id].contains(&w.apps[0]), "never a confirmed conflict");
        assert!(!by_juror[&w.jon().id].contains(&w.apps[1]), "never a declared one");
        let loads: Vec<usize> = w.jurors.iter().map(|j| by_juror.get(&j.id).map_or(0, BTreeSet::len)).collect();
        assert_eq!(loads.iter().sum::<usize>(), 12);
        assert!(loads.iter().max().unwrap() - loads.iter().min().unwrap() <= 1, "{loads:?}");
        // The page now shows the stored split; the save is in the audit log.
        let html = app.get(&w.page()).await.text().await.unwrap();
        assert!(html.contains("2 vurderere per søknad") && html.contains("Fordelingen nå"));
        let filter = prisverdig_service::model::AuditFilter::default();
        let audit = app.services.audit_page(&w.admin, filter, 1).await.unwrap();
        assert_eq!(audit.entries[0].action, "jury.assignment");
        // Back to «everyone reviews everything»: every juror sees all six again.
        let v = version(app, &w).await;
        let (status, _) = choose(app, &w, &[("version", &v), ("mode", "all"), ("action", "save")]).await;
        assert_eq!(status, 303);
        assert_eq!(stored_mode(app, &w).await, AssignmentMode::All);
        let seats = app.services.jury_seats(&w.jurors[1]).await.unwrap();
        assert_eq!(seats[0].applications.len(), 6);
    }

    async fn a_juror_sees_only_the_applications_assigned_to_them(app) {
        let w = world(app).await;
        let before = app.services.jury_seats(&w.jurors[1]).await.unwrap();
        assert_eq!(before[0].applications.len(), 6, "everyone sees everything by default");
        save_two(app, &w).await;
        let by_juror = stored(app, &w).await;
        for juror in &w.jurors {
            let mine = by_juror.get(&juror.id).cloned().unwrap_or_default();
            let seats = app.services.jury_seats(juror).await.unwrap();
            let listed: BTreeSet<Uuid> = seats[0].applications.iter().map(|(a, _)| a.id).collect();
            assert_eq!(listed, mine, "{}", juror.name);
            for a in w.apps.iter().filter(|a| !mine.contains(a)) {
                assert!(matches!(app.services.review_page(juror, *a).await, Err(ServiceError::NotFound)));
            }
        }
        // Over HTTP, as the deputy: the list names only hers, an unassigned review page is
        // refused exactly as an unknown application is.
        let deputy = &w.jurors[1];
        let mine = &by_juror[&deputy.id];
        let client = TestApp::client_for(app, "nestleder@fjordvik.example").await;
        let list = client.get(app.url("/jury")).send().await.unwrap().text().await.unwrap();
        for (a, title) in w.apps.iter().zip(TITLES) {
            assert_eq!(list.contains(title), mine.contains(a), "{title}");
        }
        let other = w.apps.iter().find(|a| !mine.contains(a)).unwrap();
        let own = mine.iter().next().unwrap();
        let get = |id: Uuid| client.get(app.url(&format!("/jury/applications/{id}"))).send();
        let unassigned = get(*other).await.unwrap();
        let unknown = get(Uuid::now_v7()).await.unwrap();
        assert_eq!((unassigned.status().as_u16(), unknown.status().as_u16()), (404, 404));
        assert_eq!(unassigned.text().await.unwrap(), unknown.text().await.unwrap());
        assert_eq!(get(*own).await.unwrap().status(), 200);
        // A withdrawn application drops out of her list (withdrawn as the store would: none
        // is withdrawable after the deadline).
        prisverdig_store::on_pool!(app.services.db(), |pool| sqlx::query("UPDATE application SET state = 'withdrawn' WHERE id = $1").bind(*own).execute(pool).await.map(|_| ())).unwrap();
        let seats = app.services.jury_seats(deputy).await.unwrap();
        assert_eq!(seats[0].applications.len(), mine.len() - 1);
    }

    async fn the_overview_tells_unassigned_from_missing_and_warns_when_short(app) {
        let w = world(app).await;
        let overview = |user: User| {
            let s = app.services.clone();
            let c = w.category;
            async move { s.jury_overview(&user, c, OverviewSort::Received).await.unwrap() }
        };
        let all = overview(w.admin.clone()).await;
        assert_eq!(all.missing_reviews, 24 - 2, "everyone owes everything but the two conflicts");
        save_two(app, &w).await;
        let o = overview(w.admin.clone()).await;
        assert_eq!(o.missing_reviews, 12, "only the assigned reviews are owed");
        let cells: Vec<Progress> = o.rows.iter().flat_map(|r| r.cells.clone()).collect();
        assert_eq!(cells.iter().filter(|p| **p == Progress::Unassigned).count(), 24 - 12 - 2);
        assert_eq!(cells.iter().filter(|p| **p == Progress::Conflicted).count(), 2);
        assert_eq!(o.short_applications, 0);
        // The chair's page says «Ikke tildelt», not «Ikke påbegynt», for those cells.
        let chair = TestApp::client_for(app, "leder@fjordvik.example").await;
        let html = chair.get(app.url(&format!("/jury/categories/{}", w.category))).send().await.unwrap().text().await.unwrap();
        assert!(html.contains("Ikke tildelt") && !html.contains("id=\"overview-short\""));
        // A juror assigned to «Idé Gamma» gets a conflict: the application is short of one.
        let gamma = w.apps[2];
        let by_juror = stored(app, &w).await;
        let (juror, _) = w.jurors.iter().map(|j| (j, &by_juror[&j.id])).find(|(_, a)| a.contains(&gamma)).unwrap();
        app.services.declare_conflict(juror, gamma, Grounds::Family, "Svogeren min.").await.unwrap();
        let o = overview(w.admin.clone()).await;
        let row = o.rows.iter().find(|r| r.application.id == gamma).unwrap();
        assert_eq!(row.lacking, 1);
        assert_eq!(o.short_applications, 1);
        assert_eq!(o.missing_reviews, 11);
        let html = chair.get(app.url(&format!("/jury/categories/{}", w.category))).send().await.unwrap().text().await.unwrap();
        assert!(html.contains("id=\"overview-short\""));
        let page = app.services.jury_assignment(&w.admin, w.category).await.unwrap();
        assert_eq!(page.current.short, vec![(gamma, 1)]);
        // Running the split again fills the gap and keeps the work under way: the deputy's
        // draft stays hers.
        let deputy = &w.jurors[1];
        let draft_on = *by_juror[&deputy.id].iter().find(|a| **a != gamma).unwrap();
        let entries = crate::jury::entries_for(app, deputy, draft_on, &["1"]).await;
        crate::jury::review(app, deputy, draft_on, &entries, prisverdig_service::jury::reviews::ReviewIntent::Save).await.unwrap();
        save_two(app, &w).await;
        assert!(stored(app, &w).await[&deputy.id].contains(&draft_on));
        assert_eq!(overview(w.admin.clone()).await.short_applications, 0);
    }

    async fn a_stale_save_is_refused_and_keeps_what_was_saved(app) {
        let w = world(app).await;
        let v = version(app, &w).await;
        save_two(app, &w).await;
        let before = stored(app, &w).await;
        let (status, html) = choose(app, &w, &[("version", &v), ("mode", "fixed"), ("reviewers", "3"), ("action", "save")]).await;
        assert_eq!(status, 409);
        assert!(html.contains("Noen andre har endret") && html.contains("value=\"3\""), "the message, and the choice kept");
        assert_eq!(stored_mode(app, &w).await, AssignmentMode::PerApplication { reviewers: 2 });
        assert_eq!(stored(app, &w).await, before, "nothing lost, nothing overwritten");
        // The service says the same.
        let choice = AssignmentChoice { mode: "all", reviewers: "" };
        let stale: i64 = v.parse().unwrap();
        assert!(matches!(app.services.save_assignment(&w.admin, w.category, stale, choice).await, Err(ServiceError::Conflict)));
        assert!(matches!(app.services.set_assignment(&w.admin, w.category, stale, (w.apps[3], w.jurors[0].id), false).await, Err(ServiceError::Conflict)));
        assert_eq!(stored(app, &w).await, before);
    }

    async fn an_invalid_number_is_refused_at_its_field(app) {
        let w = world(app).await;
        let v = version(app, &w).await;
        for (typed, message) in [("0", "Skriv et helt tall fra 1 til 50."), ("to", "Skriv et helt tall fra 1 til 50."), ("5", "Juryen har bare 4 medlemmer.")] {
            for action in ["preview", "save"] {
                let (status, html) = choose(app, &w, &[("version", &v), ("mode", "fixed"), ("reviewers", typed), ("action", action)]).await;
                assert_eq!(status, 422, "{typed} {action}");
                assert!(html.contains("id=\"error-summary\"") && html.contains("href=\"#reviewers\""), "{typed}");
                assert!(html.contains("aria-describedby=\"reviewers-hint reviewers-error\""));
                assert!(html.contains(&format!("id=\"reviewers-error\">{message}")), "{typed}: {html}");
                assert!(html.contains(&format!("value=\"{typed}\"")), "what was typed is kept");
            }
        }
        assert!(stored(app, &w).await.is_empty());
        assert_eq!(stored_mode(app, &w).await, AssignmentMode::All);
        assert_eq!(version(app, &w).await, v, "nothing was claimed");
    }

    async fn single_assignments_change_by_hand_and_never_to_a_conflicted_juror(app) {
        let w = world(app).await;
        let pair = format!("{}/pair", w.page());
        let post = |fields: Vec<(&'static str, String)>| {
            let (page, pair) = (w.page(), pair.clone());
            async move {
                let fields: Vec<(&str, &str)> = fields.iter().map(|(k, v)| (*k, v.as_str())).collect();
                let res = app.post_form(&page, &pair, &fields).await;
                (res.status().as_u16(), res.text().await.unwrap())
            }
        };
        let fields = |v: &str, a: Uuid, j: Uuid, action: &str| vec![("version", v.to_string()), ("application", a.to_string()), ("juror", j.to_string()), ("action", action.to_string())];
        // In the «all» mode there is nothing to change by hand.
        let v = version(app, &w).await;
        let (status, html) = post(fields(&v, w.apps[3], w.jurors[0].id, "remove")).await;
        assert_eq!(status, 422);
        assert!(html.contains("id=\"juror-error\""));
        save_two(app, &w).await;
        let by_juror = stored(app, &w).await;
        let mona = w.mona();
        // Remove Mona from one of hers: she no longer sees it.
        let hers = *by_juror[&mona.id].iter().next().unwrap();
        let v = version(app, &w).await;
        let (status, _) = post(fields(&v, hers, mona.id, "remove")).await;
        assert_eq!(status, 303);
        assert!(matches!(app.services.review_page(mona, hers).await, Err(ServiceError::NotFound)));
        // And back.
        let v = version(app, &w).await;
        let (status, _) = post(fields(&v, hers, mona.id, "add")).await;
        assert_eq!(status, 303);
        assert!(app.services.review_page(mona, hers).await.is_ok());
        // Never on her confirmed conflict: the message at the juror, nothing stored.
        let before = stored(app, &w).await;
        let v = version(app, &w).await;
        let (status, html) = post(fields(&v, w.apps[0], mona.id, "add")).await;
        assert_eq!(status, 422);
        assert!(html.contains("aria-describedby=\"juror-error\"") && html.contains("er inhabil for denne søknaden"));
        assert_eq!(stored(app, &w).await, before);
        assert_eq!(version(app, &w).await, v);
        let filter = prisverdig_service::model::AuditFilter::default();
        let audit = app.services.audit_page(&w.admin, filter, 1).await.unwrap();
        let actions: Vec<_> = audit.entries.iter().map(|e| e.action.as_str()).collect();
        assert_eq!(&actions[..3], ["jury.assignment_pair", "jury.assignment_pair", "jury.assignment"]);
    }

    async fn only_administrators_assign(app) {
        let w = world(app).await;
        let s = &app.services;
        let chair = &w.jurors[0];
        let kari = user_row(app, "kari@fjordvik.example").await;
        let choice = AssignmentChoice { mode: "fixed", reviewers: "2" };
        for user in [chair, w.mona(), &kari] {
            assert!(matches!(s.jury_assignment(user, w.category).await, Err(ServiceError::Forbidden)));
            assert!(matches!(s.preview_assignment(user, w.category, choice).await, Err(ServiceError::Forbidden)));
            assert!(matches!(s.save_assignment(user, w.category, 1, choice).await, Err(ServiceError::Forbidden)));
            assert!(matches!(s.set_assignment(user, w.category, 1, (w.apps[3], chair.id), true).await, Err(ServiceError::Forbidden)));
        }
        // Over HTTP the chair gets 403 and nothing changes.
        let client = TestApp::client_for(app, "leder@fjordvik.example").await;
        assert_eq!(client.get(app.url(&w.page())).send().await.unwrap().status(), 403);
        let token = app.csrf_with(&client, "/jury").await;
        let v = version(app, &w).await;
        let res = client.post(app.url(&w.page())).form(&[("_csrf", token.as_str()), ("version", &v), ("mode", "fixed"), ("reviewers", "2"), ("action", "save")]).send().await.unwrap();
        assert_eq!(res.status(), 403);
        assert_eq!(stored_mode(app, &w).await, AssignmentMode::All);
        assert!(stored(app, &w).await.is_empty());
        let signed_out = new_client().get(app.url(&w.page())).send().await.unwrap();
        assert_eq!(signed_out.status(), 303);
    }
}
