//! The jury's work through the use cases, on both backends: conflicts of interest found,
//! declared and pointed out hiding exactly what they should (the deputy acting for a
//! conflicted chair), others' scores hidden until one's own review is submitted, the
//! overview's totals against a hand-computed case, locks, version checks, and the
//! nominees and results secret until their minute and public from it.

use crate::admin::admin;
use crate::catalogue::{setup, submitted};
use crate::fixtures::{DEADLINE, PASSWORD, applicant, user_row};
use crate::harness::{TestApp, new_client};
use crate::on_both_backends;
use prisverdig_domain::category::CategoryKind;
use prisverdig_domain::jury::conflict::Grounds;
use prisverdig_domain::jury::review::Entry;
use prisverdig_domain::jury::{Access, JuryRole, Progress, ReviewState};
use prisverdig_domain::outcome::Outcome;
use prisverdig_domain::role::Role;
use prisverdig_service::ServiceError;
use prisverdig_service::jury::decisions::Publication;
use prisverdig_service::jury::overview::OverviewSort;
use prisverdig_service::jury::reviews::{ReviewInput, ReviewIntent};
use prisverdig_service::model::User;
use prisverdig_store::organisation::{self, NewUnit};
use time::Duration;
use uuid::Uuid;

pub(crate) struct Jury {
    pub round: crate::fixtures::Round,
    pub category: Uuid,
    pub admin: User,
    pub chair: User,
    pub deputy: User,
    pub mona: User,
    pub jon: User,
    /// Kari's two applications (unit Renhold) and Per's (unit Skole).
    pub a: Uuid,
    pub b: Uuid,
    pub p: Uuid,
}

pub(crate) async fn person(app: &TestApp, email: &str, name: &str, roles: &[Role]) -> User {
    let input = prisverdig_service::users::AddUser {
        email,
        name,
        roles,
        password: PASSWORD,
    };
    app.services.add_user(input).await.unwrap();
    user_row(app, email).await
}

async fn set_unit(app: &TestApp, user: Uuid, unit: Uuid) {
    prisverdig_store::on_pool!(app.services.db(), |pool| sqlx::query(
        "UPDATE users SET unit_id = $1 WHERE id = $2"
    )
    .bind(unit)
    .bind(user)
    .execute(pool)
    .await
    .map(|_| ()))
    .unwrap();
}

/// Three submitted innovations, a jury of four (the chair works in Renhold, so the rules
/// find her conflicted on Kari's two), and the clock past the deadline.
pub(crate) async fn jury(app: &TestApp) -> Jury {
    let round = setup(app).await;
    let category = round.category(CategoryKind::Innovation);
    let a = submitted(app, &round, CategoryKind::Innovation, "Smart renhold", None).await;
    let b = submitted(
        app,
        &round,
        CategoryKind::Innovation,
        "Digital postkasse",
        None,
    )
    .await;
    let skole = {
        let org = organisation::first(app.services.db())
            .await
            .unwrap()
            .unwrap()
            .id;
        let mut tx = app.services.db().begin().await.unwrap();
        let unit = NewUnit {
            organisation_id: org,
            parent_id: None,
            name: "Skole",
            kind: "sector",
            position: 1,
        };
        let id = organisation::insert_unit(&mut tx, unit).await.unwrap();
        tx.commit().await.unwrap();
        id
    };
    applicant(app, "per@fjordvik.example", "Per Hansen").await;
    let per = user_row(app, "per@fjordvik.example").await;
    let p = app
        .services
        .start_application(&per, category, skole)
        .await
        .unwrap();
    let mut form = prisverdig_domain::application_form::ApplicationForm {
        title: "Lesevenner".into(),
        summary: "Eldre leser med barn.".into(),
        idea_origin: Some(prisverdig_domain::application::IdeaOrigin::Original),
        ..Default::default()
    };
    let ans = &mut form.answers;
    (
        ans.what_we_did,
        ans.three_years_ago,
        ans.effect,
        ans.contact,
    ) = ("Lest.".into(), "Før.".into(), "Bedre.".into(), "Per".into());
    ans.criteria = vec!["Ja".into(); 6];
    app.services
        .save_application(&per, p, 1, form, prisverdig_service::apply::Intent::Submit)
        .await
        .unwrap();
    let admin = admin(app).await;
    let chair = person(
        app,
        "leder@fjordvik.example",
        "Cecilie Leder",
        &[Role::Juror, Role::JuryChair],
    )
    .await;
    set_unit(app, chair.id, round.unit).await;
    let deputy = person(
        app,
        "nestleder@fjordvik.example",
        "Dag Nestleder",
        &[Role::Juror],
    )
    .await;
    let mona = person(
        app,
        "mona@fjordvik.example",
        "Mona Jurymedlem",
        &[Role::Juror],
    )
    .await;
    let jon = person(
        app,
        "jon@fjordvik.example",
        "Jon Jurymedlem",
        &[Role::Juror],
    )
    .await;
    let s = &app.services;
    s.add_juror(&admin, category, chair.id, JuryRole::Chair)
        .await
        .unwrap();
    s.add_juror(&admin, category, deputy.id, JuryRole::Deputy)
        .await
        .unwrap();
    s.add_juror(&admin, category, mona.id, JuryRole::Member)
        .await
        .unwrap();
    s.add_juror(&admin, category, jon.id, JuryRole::Member)
        .await
        .unwrap();
    app.clock.set(DEADLINE + Duration::hours(1));
    Jury {
        round,
        category,
        admin,
        chair,
        deputy,
        mona,
        jon,
        a,
        b,
        p,
    }
}

/// Criterion values in the category's order ("" leaves one empty).
pub(crate) async fn entries(
    app: &TestApp,
    j: &Jury,
    juror: &User,
    values: &[&str],
) -> Vec<(Uuid, Entry)> {
    entries_for(app, juror, j.p, values).await
}

/// Criterion values in the order of `application`'s category.
pub(crate) async fn entries_for(
    app: &TestApp,
    juror: &User,
    application: Uuid,
    values: &[&str],
) -> Vec<(Uuid, Entry)> {
    let page = app.services.review_page(juror, application).await.unwrap();
    page.criteria
        .iter()
        .zip(values.iter().chain(std::iter::repeat(&"")))
        .map(|(c, v)| {
            (
                c.id,
                Entry {
                    value: v.to_string(),
                    comment: format!("om {v}"),
                },
            )
        })
        .collect()
}

pub(crate) async fn review(
    app: &TestApp,
    juror: &User,
    application: Uuid,
    entries: &[(Uuid, Entry)],
    intent: ReviewIntent,
) -> Result<i64, ServiceError> {
    let version = app
        .services
        .review_page(juror, application)
        .await?
        .own
        .map(|r| r.version);
    let input = ReviewInput {
        version,
        entries,
        overall: "Samlet sett bra.",
        intent,
    };
    let saved = app.services.save_review(juror, application, input).await?;
    Ok(saved.expect("no problems").version)
}

fn forbidden<T>(r: Result<T, ServiceError>) -> bool {
    matches!(r, Err(ServiceError::Forbidden))
}

on_both_backends! {
    async fn jurors_see_nothing_before_the_deadline_and_only_their_category(app) {
        let j = jury(app).await;
        app.clock.set(DEADLINE - Duration::minutes(1));
        assert!(matches!(app.services.review_page(&j.mona, j.p).await, Err(ServiceError::NotFound)));
        let seats = app.services.jury_seats(&j.mona).await.unwrap();
        assert_eq!(seats.len(), 1);
        assert!(!seats[0].open && seats[0].applications.is_empty(), "nothing listed before the deadline");
        app.clock.set(DEADLINE);
        let seats = app.services.jury_seats(&j.mona).await.unwrap();
        assert_eq!(seats[0].applications.len(), 3);
        // Someone not on the jury learns nothing.
        let kari = user_row(app, "kari@fjordvik.example").await;
        assert!(matches!(app.services.review_page(&kari, j.p).await, Err(ServiceError::NotFound)));
        assert!(forbidden(app.services.jury_overview(&j.mona, j.category, OverviewSort::Received).await));
        assert!(forbidden(app.services.jury_overview(&kari, j.category, OverviewSort::Received).await));
        // A withdrawn application drops out of the lists (none is withdrawable after the
        // deadline, so it is withdrawn as the store would).
        prisverdig_store::on_pool!(app.services.db(), |pool| sqlx::query("UPDATE application SET state = 'withdrawn' WHERE id = $1").bind(j.b).execute(pool).await.map(|_| ())).unwrap();
        let seats = app.services.jury_seats(&j.mona).await.unwrap();
        assert_eq!(seats[0].applications.len(), 2);
        assert!(matches!(app.services.review_page(&j.mona, j.b).await, Err(ServiceError::NotFound)));
    }

    async fn automatic_conflicts_follow_the_chart_as_it_was_at_submission(app) {
        let j = jury(app).await;
        let db = app.services.db();
        let renhold = prisverdig_store::applications::find(db, j.a).await.unwrap().unwrap().unit_id;
        let skole = prisverdig_store::applications::find(db, j.p).await.unwrap().unwrap().unit_id;
        let sector = organisation::unit(db, renhold).await.unwrap().unwrap().parent_id.expect("Renhold lies under a sector");
        // Mona leads the sector Kari's unit lay under when she submitted; Jon works at Skole.
        set_unit(app, j.mona.id, sector).await;
        set_unit(app, j.jon.id, skole).await;
        let access = |user: User, id: Uuid| {
            let s = app.services.clone();
            async move { s.review_page(&user, id).await.unwrap().access }
        };
        assert_eq!(access(j.mona.clone(), j.a).await, Access::Conflicted);
        assert_eq!(access(j.jon.clone(), j.a).await, Access::Review);
        // After the deadline Renhold is moved under Skole: the chart as it was still decides.
        let row = organisation::unit(db, renhold).await.unwrap().unwrap();
        let mut tx = db.begin().await.unwrap();
        organisation::move_unit(&mut tx, renhold, row.version, Some(skole), 0).await.unwrap();
        tx.commit().await.unwrap();
        assert_eq!(access(j.mona.clone(), j.a).await, Access::Conflicted, "the sector it lay under when submitted");
        assert_eq!(access(j.jon.clone(), j.a).await, Access::Review, "Skole was not above it then");
    }

    async fn an_automatic_conflict_keeps_the_chair_out_and_the_deputy_acts(app) {
        let j = jury(app).await;
        let page = app.services.review_page(&j.chair, j.a).await.unwrap();
        assert_eq!(page.access, Access::Conflicted);
        assert_eq!(page.conflict.as_ref().map(|c| c.grounds), Some(Grounds::RoleInApplyingUnit));
        assert!(page.own.is_none() && page.others.is_none());
        let values = entries(app, &j, &j.deputy, &["1", "6"]).await;
        assert!(forbidden(review(app, &j.chair, j.a, &values, ReviewIntent::Save).await));
        // Not conflicted on Per's.
        assert_eq!(app.services.review_page(&j.chair, j.p).await.unwrap().access, Access::Review);
        // Decisions on Kari's are the deputy's; on Per's the chair's.
        let s = &app.services;
        assert!(forbidden(s.decide_application(&j.chair, j.a, None, Some(Outcome::Nominee), "").await));
        s.decide_application(&j.deputy, j.a, None, Some(Outcome::Nominee), "God idé.").await.unwrap();
        assert!(forbidden(s.decide_application(&j.deputy, j.p, None, Some(Outcome::Winner), "").await));
        s.decide_application(&j.chair, j.p, None, Some(Outcome::Winner), "Best.").await.unwrap();
        assert!(forbidden(s.write_feedback(&j.chair, j.a, None, "Bra").await));
        s.write_feedback(&j.deputy, j.a, None, "Bra jobba.").await.unwrap();
        // Deputy reviews Kari's; the chair's overview shows the row as conflicted, with
        // neither totals nor the decision.
        review(app, &j.deputy, j.a, &values, ReviewIntent::Submit).await.unwrap();
        let overview = s.jury_overview(&j.chair, j.category, OverviewSort::Received).await.unwrap();
        let row = overview.rows.iter().find(|r| r.application.id == j.a).unwrap();
        assert!(row.viewer_conflicted && row.total.is_none() && row.decision.is_none() && row.feedback.is_none());
        assert_eq!(row.cells[0], Progress::Conflicted, "the chair's own cell");
        assert_eq!(row.cells[1], Progress::Submitted);
        let admin_view = s.jury_overview(&j.admin, j.category, OverviewSort::Received).await.unwrap();
        let row = admin_view.rows.iter().find(|r| r.application.id == j.a).unwrap();
        assert!(row.total.as_ref().is_some_and(|t| t.reviews == 1), "the administrator sees it");
        assert_eq!(row.decision.as_ref().map(|d| d.kind), Some(Outcome::Nominee));
        // A conflict is not missing work: Kari's two count the chair as conflicted.
        assert_eq!(admin_view.missing_reviews, 3 * 4 - 2 - 1);
    }

    async fn declared_and_pointed_out_conflicts_bind_as_the_rules_say(app) {
        let j = jury(app).await;
        let s = &app.services;
        let values = entries(app, &j, &j.mona, &["1", "4"]).await;
        // Mona declares on Per's: it binds at once, while it waits for the administrator.
        review(app, &j.mona, j.p, &values, ReviewIntent::Save).await.unwrap();
        s.declare_conflict(&j.mona, j.p, Grounds::Family, "Per er min bror.").await.unwrap();
        assert_eq!(s.review_page(&j.mona, j.p).await.unwrap().access, Access::Conflicted);
        assert!(forbidden(review(app, &j.mona, j.p, &values, ReviewIntent::Submit).await));
        let declared = s.conflicts(&j.admin).await.unwrap();
        assert_eq!(declared.len(), 1);
        assert!(matches!(s.conflicts(&j.mona).await, Err(ServiceError::Forbidden)));
        // A reason is required to decide; dismissing lets her back.
        let c = &declared[0];
        assert!(matches!(s.decide_conflict(&j.admin, c.id, c.version, false, " ").await, Err(ServiceError::Invalid(_))));
        s.decide_conflict(&j.admin, c.id, c.version, false, "Ikke bror, fetter langt ute.").await.unwrap();
        assert_eq!(s.review_page(&j.mona, j.p).await.unwrap().access, Access::Review);
        assert!(matches!(s.decide_conflict(&j.admin, c.id, c.version + 1, true, "Likevel").await, Err(ServiceError::Invalid(_))), "decided once");

        // Kari points out Jon on her application: it does not bind until confirmed.
        let kari = user_row(app, "kari@fjordvik.example").await;
        assert!(forbidden(s.point_out_conflict(&j.mona, j.a, j.jon.id, Grounds::ClosePersonalTie, "Nei").await));
        s.point_out_conflict(&kari, j.a, j.jon.id, Grounds::ClosePersonalTie, "Jon er nær venn av teamet.").await.unwrap();
        review(app, &j.jon, j.a, &values, ReviewIntent::Submit).await.unwrap();
        review(app, &j.deputy, j.a, &entries(app, &j, &j.deputy, &["1", "6", "6"]).await, ReviewIntent::Submit).await.unwrap();
        let before = s.jury_overview(&j.admin, j.category, OverviewSort::Received).await.unwrap();
        let total = |o: &prisverdig_service::jury::overview::Overview| {
            o.rows.iter().find(|r| r.application.id == j.a).unwrap().total.clone().unwrap()
        };
        assert_eq!(total(&before).reviews, 2, "pending: Jon's review counts");
        let pending = s.conflicts(&j.admin).await.unwrap().into_iter().find(|c| c.user_id == j.jon.id).unwrap();
        s.decide_conflict(&j.admin, pending.id, pending.version, true, "Bekreftet i samtale.").await.unwrap();
        let after = s.jury_overview(&j.admin, j.category, OverviewSort::Received).await.unwrap();
        assert_eq!(total(&after).reviews, 1, "confirmed: Jon is left out of the totals");
        let page = s.review_page(&j.jon, j.a).await.unwrap();
        assert!(page.access == Access::Conflicted && page.own.is_none() && page.others.is_none());
        // The deputy no longer sees Jon's review among the others.
        let others = s.review_page(&j.deputy, j.a).await.unwrap().others.unwrap();
        assert!(others.is_empty(), "a conflicted juror's scores are shown to nobody");
        // Every change is in the audit log.
        let (_, rows) = audit_actions(app, &j.admin).await;
        assert!(rows.iter().filter(|a| a.as_str() == "conflict.raised").count() == 2);
        assert!(rows.iter().filter(|a| a.as_str() == "conflict.decided").count() == 2);
    }

    async fn others_scores_show_only_after_ones_own_is_submitted(app) {
        let j = jury(app).await;
        let s = &app.services;
        let full = entries(app, &j, &j.deputy, &["1", "6", "6", "6", "6", "6"]).await;
        let low = entries(app, &j, &j.jon, &["0", "1"]).await;
        review(app, &j.deputy, j.p, &full, ReviewIntent::Submit).await.unwrap();
        assert!(s.review_page(&j.jon, j.p).await.unwrap().others.is_none(), "nothing of one's own yet");
        review(app, &j.jon, j.p, &low, ReviewIntent::Save).await.unwrap();
        assert!(s.review_page(&j.jon, j.p).await.unwrap().others.is_none(), "a draft is not enough");
        let chair_view = s.jury_overview(&j.chair, j.category, OverviewSort::Received).await.unwrap();
        let row = chair_view.rows.iter().find(|r| r.application.id == j.p).unwrap();
        assert!(row.total.is_none(), "the chair sees no totals before her own review");
        review(app, &j.jon, j.p, &low, ReviewIntent::Submit).await.unwrap();
        let others = s.review_page(&j.jon, j.p).await.unwrap().others.unwrap();
        assert_eq!(others.len(), 1);
        assert_eq!(others[0].0, "Dag Nestleder");
        assert_eq!(others[0].1.scores.iter().filter(|x| x.value == Some(6)).count(), 5);

        // Hand-computed (docs/scoring.md): 1 yes/no + 5 criteria of 1–6, weight 1 each, so
        // the category's scale is 1 + 5 × 5 = 26. Dag: all full → 1.0. Jon: «no» (0) and
        // the lowest 1 (0), four left empty → (0 + 0) / 2 = 0.0. Mean 0.5 → 13.0 of 26;
        // spread (population sd) 0.5 > 0.25 → disagreement; both jurors scored fewer than
        // three, so the calibrated total is the raw one and flagged.
        let view = s.jury_overview(&j.admin, j.category, OverviewSort::Received).await.unwrap();
        let t = view.rows.iter().find(|r| r.application.id == j.p).unwrap().total.clone().unwrap();
        assert_eq!(view.scale.full, 26.0);
        assert!((t.raw.unwrap() - 0.5).abs() < 1e-9 && (view.scale.show(t.raw.unwrap()) - 13.0).abs() < 1e-9);
        assert!((t.spread.unwrap() - 0.5).abs() < 1e-9 && t.disagreement);
        assert!(t.uncalibrated_juror && (t.calibrated.unwrap() - 0.5).abs() < 1e-9);
        assert_eq!(t.raw_rank, Some(1));
        // Reopening until the lock; after it nothing changes.
        let v = review(app, &j.jon, j.p, &low, ReviewIntent::Reopen).await.unwrap();
        assert!(v > 0);
        assert_eq!(s.review_page(&j.jon, j.p).await.unwrap().own.unwrap().state, ReviewState::Draft);
        review(app, &j.jon, j.p, &low, ReviewIntent::Submit).await.unwrap();
        let state = view.state.jury_version;
        assert!(forbidden(s.lock_scores(&j.mona, j.category, state, true).await));
        s.lock_scores(&j.chair, j.category, state, true).await.unwrap();
        let refused = review(app, &j.jon, j.p, &low, ReviewIntent::Reopen).await;
        assert!(matches!(refused, Err(ServiceError::Invalid(ref p)) if p[0].message_id == "error-review-locked"));
        let refused = review(app, &j.mona, j.p, &low, ReviewIntent::Save).await;
        assert!(matches!(refused, Err(ServiceError::Invalid(_))));
    }

    async fn two_saves_of_the_same_review_never_overwrite_each_other(app) {
        let j = jury(app).await;
        let s = &app.services;
        let one = entries(app, &j, &j.mona, &["1", "2"]).await;
        let two = entries(app, &j, &j.mona, &["0", "5"]).await;
        let first = |values: &'static [(Uuid, Entry)]| {
            let input = ReviewInput { version: None, entries: values, overall: "", intent: ReviewIntent::Save };
            s.save_review(&j.mona, j.p, input)
        };
        let one: &'static [(Uuid, Entry)] = Box::leak(one.into_boxed_slice());
        let two: &'static [(Uuid, Entry)] = Box::leak(two.into_boxed_slice());
        let (x, y) = tokio::join!(first(one), first(two));
        let won = [&x, &y].iter().filter(|r| matches!(r, Ok(Ok(_)))).count();
        let lost = [&x, &y].iter().filter(|r| matches!(r, Err(ServiceError::Conflict))).count();
        assert_eq!((won, lost), (1, 1), "{x:?} {y:?}");
        let v = s.review_page(&j.mona, j.p).await.unwrap().own.unwrap().version;
        let again = |values: &'static [(Uuid, Entry)]| {
            let input = ReviewInput { version: Some(v), entries: values, overall: "", intent: ReviewIntent::Save };
            s.save_review(&j.mona, j.p, input)
        };
        let (x, y) = tokio::join!(again(one), again(two));
        let won = [&x, &y].iter().filter(|r| matches!(r, Ok(Ok(_)))).count();
        assert_eq!(won, 1, "one of two saves from the same version wins: {x:?} {y:?}");
        // A value off its scale is refused at its criterion and nothing is stored.
        let bad = entries(app, &j, &j.mona, &["3"]).await;
        let input = ReviewInput { version: Some(v + 1), entries: &bad, overall: "", intent: ReviewIntent::Save };
        let problems = s.save_review(&j.mona, j.p, input).await.unwrap().unwrap_err();
        assert_eq!(problems[0].criterion, Some(bad[0].0));
        assert_eq!(s.review_page(&j.mona, j.p).await.unwrap().own.unwrap().version, v + 1);
    }

    async fn nominees_and_results_are_secret_until_their_minute(app) {
        let j = jury(app).await;
        let s = &app.services;
        s.decide_application(&j.chair, j.p, None, Some(Outcome::Winner), "Juryen mener Lesevenner er best.").await.unwrap();
        s.decide_application(&j.deputy, j.b, None, Some(Outcome::Nominee), "Lovende.").await.unwrap();
        s.write_feedback(&j.chair, j.p, None, "Takk for en flott søknad.").await.unwrap();
        let now = s.clock.now();
        let (t1, t2) = (now + Duration::hours(1), now + Duration::hours(2));
        let version = |app: &TestApp| {
            let s = app.services.clone();
            let c = j.category;
            async move { prisverdig_store::jury::state(s.db(), c).await.unwrap().unwrap().jury_version }
        };
        let publication = Publication { nominees_at: Some(t1), results_at: Some(t2), no_winner_reason: "" };
        let refused = s.schedule_publication(&j.chair, j.category, version(app).await, publication).await;
        assert!(matches!(refused, Err(ServiceError::Invalid(ref p)) if p[0].message_id == "error-results-need-lock"));
        s.lock_scores(&j.chair, j.category, version(app).await, true).await.unwrap();
        let publication = Publication { nominees_at: Some(t1), results_at: Some(t2), no_winner_reason: "" };
        s.schedule_publication(&j.chair, j.category, version(app).await, publication).await.unwrap();

        let visitor = new_client();
        let page = |path: &str| {
            let (visitor, url) = (visitor.clone(), app.url(path));
            async move { visitor.get(url).send().await.unwrap().text().await.unwrap() }
        };
        let kari = user_row(app, "kari@fjordvik.example").await;
        let per = user_row(app, "per@fjordvik.example").await;
        // Before the nominees' minute: nothing anywhere (the page is cached now, too).
        let nominees = page("/catalogue?status=nominee").await;
        assert!(!nominees.contains("Digital postkasse") && !nominees.contains("Lesevenner"));
        assert!(!page("/catalogue?status=winner").await.contains("Lesevenner"));
        assert!(!page(&format!("/applications/{}", j.p)).await.contains("Juryen mener"));
        assert!(s.team_feedback(&per, j.p).await.unwrap().is_none());
        // From the nominees' minute: both as nominees, no winner yet.
        app.clock.set(t1);
        let nominees = page("/catalogue?status=nominee").await;
        assert!(nominees.contains("Digital postkasse") && nominees.contains("Lesevenner"), "the cached page was not served");
        assert!(!page("/catalogue?status=winner").await.contains("Lesevenner"));
        assert!(!page("/hall-of-fame").await.contains("Lesevenner"));
        assert!(!page("/feeds/results.atom").await.contains("Juryen mener"));
        assert!(s.team_feedback(&per, j.p).await.unwrap().is_none());
        let api = page("/api/v1/applications?status=winner").await;
        assert!(!api.contains("Lesevenner"));
        // From the results' minute: the winner everywhere, the feedback to its team.
        app.clock.set(t2);
        assert!(page("/catalogue?status=winner").await.contains("Lesevenner"));
        assert!(page("/hall-of-fame").await.contains("Lesevenner"));
        assert!(page("/feeds/results.atom").await.contains("Juryen mener"));
        assert!(page("/api/v1/applications?status=winner").await.contains("Lesevenner"));
        let nominees = page("/catalogue?status=nominee").await;
        assert!(nominees.contains("Digital postkasse") && !nominees.contains("Lesevenner"));
        let fb = s.team_feedback(&per, j.p).await.unwrap().unwrap();
        assert_eq!(fb.feedback.unwrap().text, "Takk for en flott søknad.");
        assert_eq!(fb.outcome, Some(Outcome::Winner));
        assert!(forbidden(s.team_feedback(&kari, j.p).await), "only its team");
        // Published results stay: no unlocking, no new decisions.
        assert!(matches!(s.lock_scores(&j.chair, j.category, version(app).await, false).await, Err(ServiceError::Invalid(_))));
        assert!(matches!(s.decide_application(&j.chair, j.p, Some(1), None, "").await, Err(ServiceError::Invalid(_))));
    }

    async fn a_category_without_a_winner_says_why(app) {
        let j = jury(app).await;
        let s = &app.services;
        let v = prisverdig_store::jury::state(s.db(), j.category).await.unwrap().unwrap().jury_version;
        s.lock_scores(&j.deputy, j.category, v, true).await.unwrap();
        let now = s.clock.now();
        let publication = Publication { nominees_at: None, results_at: Some(now), no_winner_reason: "" };
        let refused = s.schedule_publication(&j.chair, j.category, v + 1, publication).await;
        assert!(matches!(refused, Err(ServiceError::Invalid(ref p)) if p[0].field == "no_winner_reason"));
        let publication = Publication { nominees_at: None, results_at: Some(now), no_winner_reason: "Ingen søknad oppfylte kriteriene." };
        // A stale version loses.
        assert!(matches!(s.schedule_publication(&j.chair, j.category, v, publication).await, Err(ServiceError::Conflict)));
        let publication = Publication { nominees_at: None, results_at: Some(now), no_winner_reason: "Ingen søknad oppfylte kriteriene." };
        s.schedule_publication(&j.chair, j.category, v + 1, publication).await.unwrap();
        let state = prisverdig_store::jury::state(s.db(), j.category).await.unwrap().unwrap();
        assert_eq!(state.no_winner_reason, "Ingen søknad oppfylte kriteriene.");
        assert!(state.results_at.is_some());
    }

    async fn only_jurors_get_a_seat_and_one_chair(app) {
        let j = jury(app).await;
        let s = &app.services;
        let kari = user_row(app, "kari@fjordvik.example").await;
        let refused = s.add_juror(&j.admin, j.category, kari.id, JuryRole::Member).await;
        assert!(matches!(refused, Err(ServiceError::Invalid(ref p)) if p[0].message_id == "error-jury-not-juror"));
        let other = person(app, "ny@fjordvik.example", "Ny Jurist", &[Role::Juror]).await;
        let refused = s.add_juror(&j.admin, j.category, other.id, JuryRole::Chair).await;
        assert!(matches!(refused, Err(ServiceError::Invalid(ref p)) if p[0].message_id == "error-jury-seat-taken"));
        assert!(forbidden(s.add_juror(&j.chair, j.category, other.id, JuryRole::Member).await));
        s.add_juror(&j.admin, j.category, other.id, JuryRole::Member).await.unwrap();
        s.set_juror_role(&j.admin, j.category, other.id, None).await.unwrap();
        let members = s.jury_members(&j.admin, j.category).await.unwrap();
        assert_eq!(members.members.len(), 4);
        assert!(members.candidates.iter().any(|(id, _, _)| *id == other.id));
    }
}

/// The audit log's actions, newest first.
async fn audit_actions(app: &TestApp, admin: &User) -> (i64, Vec<String>) {
    let filter = prisverdig_service::model::AuditFilter::default();
    let page = app.services.audit_page(admin, filter, 1).await.unwrap();
    (
        page.total,
        page.entries.into_iter().map(|r| r.action).collect(),
    )
}

on_both_backends! {
    async fn the_review_form_saves_refuses_at_the_field_and_autosaves(app) {
        let j = jury(app).await;
        let juror = TestApp::client_for(app, "jon@fjordvik.example").await;
        let path = format!("/jury/applications/{}", j.p);
        let page = juror.get(app.url(&path)).send().await.unwrap();
        assert_eq!(page.status(), 200);
        let html = page.text().await.unwrap();
        assert!(html.contains("Lesevenner") && html.contains("id=\"review-form\""));
        let criteria = app.services.review_page(&j.jon, j.p).await.unwrap().criteria;
        let (yes_no, range) = (criteria[0].id, criteria[1].id);
        let token = app.csrf_with(&juror, &path).await;
        let post = |fields: Vec<(String, String)>, autosave: bool| {
            let mut req = juror.post(app.url(&format!("{path}/review"))).form(&fields);
            if autosave {
                req = req.header("x-autosave", "1");
            }
            req.send()
        };
        let field = |k: &str, v: &str| (k.to_string(), v.to_string());
        // A value off the scale: 422, the message at its criterion, what was typed kept.
        let res = post(vec![field("_csrf", &token), field(&format!("score-{range}"), "9"), field("comment", "Tekst som blir stående")], false).await.unwrap();
        assert_eq!(res.status(), 422);
        let html = res.text().await.unwrap();
        assert!(html.contains(&format!("id=\"score-{range}-error\"")) && html.contains("Velg en verdi på skalaen."));
        assert!(html.contains("Tekst som blir stående"));
        assert!(app.services.review_page(&j.jon, j.p).await.unwrap().own.is_none(), "nothing stored");
        // Autosave: JSON with the new version.
        let res = post(vec![field("_csrf", &token), field(&format!("score-{yes_no}"), "1"), field(&format!("note-{yes_no}"), "Tatt i bruk")], true).await.unwrap();
        assert_eq!(res.status(), 200);
        let answer: serde_json::Value = res.json().await.unwrap();
        assert_eq!(answer["status"], "saved");
        assert_eq!(answer["version"], 1);
        // The same version again loses: 409 for the script.
        let stale = post(vec![field("_csrf", &token), field("version", "0"), field(&format!("score-{yes_no}"), "0")], true).await.unwrap();
        assert_eq!(stale.status(), 409);
        // Submitted with the button: 303 back to the page, which now shows it submitted.
        let res = post(vec![field("_csrf", &token), field("version", "1"), field(&format!("score-{yes_no}"), "1"), field("action", "submit")], false).await.unwrap();
        assert_eq!(res.status(), 303);
        let own = app.services.review_page(&j.jon, j.p).await.unwrap().own.unwrap();
        assert_eq!(own.state, ReviewState::Submitted);
        assert_eq!(own.score(yes_no).unwrap().value, Some(1));
        // The conflicted chair's page of Kari's application shows no review form and no
        // other juror's comments.
        review(app, &j.deputy, j.a, &entries(app, &j, &j.deputy, &["1", "5"]).await, ReviewIntent::Submit).await.unwrap();
        let chair = TestApp::client_for(app, "leder@fjordvik.example").await;
        let html = chair.get(app.url(&format!("/jury/applications/{}", j.a))).send().await.unwrap().text().await.unwrap();
        assert!(!html.contains("id=\"review-form\"") && !html.contains("om 5") && !html.contains("Samlet sett bra."));
        // The overview for the chair: her row on Kari's says conflicted, nothing else.
        let overview = chair.get(app.url(&format!("/jury/categories/{}", j.category))).send().await.unwrap();
        assert_eq!(overview.status(), 200);
        let html = overview.text().await.unwrap();
        assert!(html.contains("Du er inhabil"));
    }
}

on_both_backends! {
    async fn the_export_shows_what_the_overview_shows_its_reader(app) {
        let j = jury(app).await;
        let s = &app.services;
        let full = entries(app, &j, &j.deputy, &["1", "6", "6", "6", "6", "6"]).await;
        review(app, &j.deputy, j.a, &full, ReviewIntent::Submit).await.unwrap();
        review(app, &j.deputy, j.p, &full, ReviewIntent::Submit).await.unwrap();
        review(app, &j.chair, j.p, &entries(app, &j, &j.chair, &["0", "2"]).await, ReviewIntent::Submit).await.unwrap();
        s.decide_application(&j.chair, j.p, None, Some(Outcome::Winner), "=HYPERLINK(\"x\")").await.unwrap();
        // The chair is conflicted on Kari's two: neither they nor their reviews are in hers.
        let chair = s.jury_export(&j.chair, j.category).await.unwrap();
        let titles: Vec<_> = chair.applications.iter().map(|a| a.title.as_str()).collect();
        assert_eq!(titles, ["Lesevenner"]);
        assert_eq!(chair.reviews.len(), 2, "the deputy's and her own review of Per's");
        assert!(chair.reviews.iter().all(|r| r.application == "Lesevenner"));
        // The administrator's has all three, with the deputy's review of Kari's.
        let admin = s.jury_export(&j.admin, j.category).await.unwrap();
        assert_eq!(admin.applications.len(), 3);
        assert_eq!(admin.reviews.len(), 3);
        let lesevenner = admin.applications.iter().find(|a| a.title == "Lesevenner").unwrap();
        // Hand-computed: Dag 1.0 and Cecilie (no; 2 of 1–6 → 0.2) → (0 + 0.2) / 2 = 0.1;
        // mean (1.0 + 0.1) / 2 = 0.55 → 14.3 of 26.
        assert!((lesevenner.raw.unwrap() - 14.3).abs() < 1e-9, "{:?}", lesevenner.raw);
        assert!(forbidden(s.jury_export(&j.mona, j.category).await));
        // Over HTTP: the CSV defuses a formula, the XLSX is a workbook.
        let client = TestApp::client_for(app, "leder@fjordvik.example").await;
        let res = client.get(app.url(&format!("/jury/categories/{}/export.csv", j.category))).send().await.unwrap();
        assert_eq!(res.status(), 200);
        assert_eq!(res.headers()["content-type"], "text/csv; charset=utf-8");
        let csv = res.text().await.unwrap();
        assert!(csv.contains("'=HYPERLINK") && !csv.contains(",=HYPERLINK"));
        assert!(!csv.contains("Smart renhold") && !csv.contains("Digital postkasse"));
        let res = client.get(app.url(&format!("/jury/categories/{}/export.xlsx", j.category))).send().await.unwrap();
        assert_eq!(res.status(), 200);
        let bytes = res.bytes().await.unwrap();
        assert!(bytes.starts_with(b"PK\x03\x04") && bytes.len() > 2000, "a zip container");
    }
}

on_both_backends! {
    async fn a_blind_category_shows_the_jury_neither_team_nor_unit(app) {
        let j = jury(app).await;
        prisverdig_store::on_pool!(app.services.db(), |pool| sqlx::query("UPDATE category SET blind = TRUE WHERE id = $1").bind(j.category).execute(pool).await.map(|_| ())).unwrap();
        let page = app.services.review_page(&j.mona, j.a).await.unwrap();
        assert!(page.blind && page.team.is_empty() && page.application.unit_snapshot.0.is_empty());
        let client = TestApp::client_for(app, "mona@fjordvik.example").await;
        for path in [format!("/jury/applications/{}", j.a), "/jury".to_string()] {
            let html = client.get(app.url(&path)).send().await.unwrap().text().await.unwrap();
            assert!(!html.contains("Kari Nordmann") && !html.contains("Renhold") && !html.contains("Eiendom"), "{path}");
        }
        assert!(app.services.jury_export(&j.admin, j.category).await.unwrap().applications.iter().all(|a| a.unit.is_empty()));
        // Not blind: the team and the unit are there.
        prisverdig_store::on_pool!(app.services.db(), |pool| sqlx::query("UPDATE category SET blind = FALSE WHERE id = $1").bind(j.category).execute(pool).await.map(|_| ())).unwrap();
        let html = client.get(app.url(&format!("/jury/applications/{}", j.a))).send().await.unwrap().text().await.unwrap();
        assert!(html.contains("Kari Nordmann") && html.contains("Renhold"));
    }
}

on_both_backends! {
    async fn a_redacted_copy_is_what_a_blind_jury_reads(app) {
        let j = jury(app).await;
        let set_blind = |on: bool| {
            let (s, c) = (app.services.clone(), j.category);
            async move {
                prisverdig_store::on_pool!(s.db(), |pool| sqlx::query("UPDATE category SET blind = $1 WHERE id = $2").bind(on).bind(c).execute(pool).await.map(|_| ())).unwrap();
            }
        };
        set_blind(true).await;
        // The administrator (signed in on the app's client) finds the copy from the jury's page.
        let jury_page = app.get(&format!("/admin/categories/{}/jury", j.category)).await.text().await.unwrap();
        assert!(jury_page.contains(&format!("/admin/categories/{}/redactions", j.category)));
        let list = app.get(&format!("/admin/categories/{}/redactions", j.category)).await.text().await.unwrap();
        assert!(list.contains(&format!("/admin/applications/{}/redaction", j.a)) && list.contains("Smart renhold"));
        let edit = format!("/admin/applications/{}/redaction", j.a);
        let form = app.get(&edit).await.text().await.unwrap();
        assert!(form.contains("name=\"what_we_did\"") && form.contains(">Gjort.</textarea>"), "starts from the original");
        assert!(form.contains("Ingen kopi er lagret ennå."), "a suggestion until a copy is saved");
        // Refused at the field, nothing stored.
        let too_long = "x".repeat(10_001);
        let res = app.post_form(&edit, &edit, &[("version", ""), ("title", " "), ("what_we_did", &too_long)]).await;
        assert_eq!(res.status(), 422);
        let body = res.text().await.unwrap();
        assert_eq!(crate::harness::element_text(&body, "title-error").as_deref(), Some("Fyll ut dette feltet."));
        assert!(crate::harness::element_text(&body, "what_we_did-error").is_some_and(|m| m.contains("10")), "{body}");
        assert_eq!(crate::admin::audit_count(app, "jury.redaction").await, 0);
        let res = app.post_form(&edit, &edit, &[("version", ""), ("title", "Sensorstyrt rengjøring"), ("what_we_did", "[Teamet] gjorde det.")]).await;
        assert_eq!(res.status(), 303);
        assert!(!app.get(&edit).await.text().await.unwrap().contains("Ingen kopi er lagret ennå."));
        // A second copy written from the same starting point is stale.
        let res = app.post_form(&edit, &edit, &[("version", ""), ("title", "Noe annet")]).await;
        assert_eq!(res.status(), 409);
        assert_eq!(crate::admin::audit_count(app, "jury.redaction").await, 1);

        // The blind jury reads the copy on every page; the original is nowhere in them.
        let mona = TestApp::client_for(app, "mona@fjordvik.example").await;
        for path in [format!("/jury/applications/{}", j.a), "/jury".to_string()] {
            let html = mona.get(app.url(&path)).send().await.unwrap().text().await.unwrap();
            assert!(html.contains("Sensorstyrt rengjøring") && !html.contains("Smart renhold"), "{path}");
        }
        let review = mona.get(app.url(&format!("/jury/applications/{}", j.a))).send().await.unwrap().text().await.unwrap();
        assert!(review.contains("[Teamet] gjorde det.") && !review.contains("<p>Gjort.</p>"), "{review}");
        let deputy = TestApp::client_for(app, "nestleder@fjordvik.example").await;
        let overview = deputy.get(app.url(&format!("/jury/categories/{}", j.category))).send().await.unwrap().text().await.unwrap();
        assert!(overview.contains("Sensorstyrt rengjøring") && !overview.contains("Smart renhold"));
        let export = app.services.jury_export(&j.deputy, j.category).await.unwrap();
        assert!(export.applications.iter().any(|a| a.title == "Sensorstyrt rengjøring"));
        assert!(export.applications.iter().all(|a| a.title != "Smart renhold"));
        // Everywhere else the application is as the team wrote it, and so is the jury's page
        // once the category is not blind.
        let public = new_client().get(app.url(&format!("/applications/{}", j.a))).send().await.unwrap().text().await.unwrap();
        assert!(public.contains("Smart renhold") && !public.contains("Sensorstyrt"));
        set_blind(false).await;
        let html = mona.get(app.url(&format!("/jury/applications/{}", j.a))).send().await.unwrap().text().await.unwrap();
        assert!(html.contains("Smart renhold") && !html.contains("Sensorstyrt rengjøring"));
    }
}

on_both_backends! {
    async fn the_jury_is_shared_with_the_rounds_other_categories(app) {
        let j = jury(app).await;
        let db = app.services.db();
        let round = prisverdig_store::categories::context(db, j.category).await.unwrap().unwrap().round_id;
        let others: Vec<Uuid> = prisverdig_store::categories::of_round(db, round).await.unwrap().into_iter().map(|c| c.id).filter(|c| *c != j.category).collect();
        assert_eq!(others.len(), 2);
        // The second category already has a chair of its own.
        app.services.add_juror(&j.admin, others[1], j.mona.id, JuryRole::Chair).await.unwrap();
        let before = crate::admin::audit_count(app, "jury.member_added").await;
        let told_before: i64 = prisverdig_store::on_pool!(app.services.db(), |pool| sqlx::query_scalar(
            "SELECT COUNT(*) FROM outbox WHERE kind = 'juror-assigned'")
            .fetch_one(pool).await).unwrap();
        let page = format!("/admin/categories/{}/jury", j.category);
        let action = format!("/admin/categories/{}/jury/round", j.category);
        let res = app.post_form(&page, &action, &[]).await;
        assert_eq!(res.status(), 303);
        assert_eq!(crate::admin::location(&res), format!("{page}?shared=7"), "4 seats in one, 3 in the other");
        let seats = |c: Uuid| {
            let (s, admin) = (app.services.clone(), j.admin.clone());
            async move {
                let mut v: Vec<(String, JuryRole)> = s.jury_members(&admin, c).await.unwrap().members.into_iter().map(|m| (m.name, m.role)).collect();
                v.sort_by(|a, b| a.0.cmp(&b.0));
                v
            }
        };
        assert_eq!(seats(others[0]).await, seats(j.category).await, "the same seats");
        let kept = seats(others[1]).await;
        assert!(kept.contains(&("Mona Jurymedlem".to_string(), JuryRole::Chair)), "its own chair stays: {kept:?}");
        assert!(kept.contains(&("Cecilie Leder".to_string(), JuryRole::Member)), "the other chair sits as a member: {kept:?}");
        assert!(kept.contains(&("Dag Nestleder".to_string(), JuryRole::Deputy)));
        assert_eq!(crate::admin::audit_count(app, "jury.member_added").await, before + 7);
        let told: i64 = prisverdig_store::on_pool!(app.services.db(), |pool| sqlx::query_scalar(
            "SELECT COUNT(*) FROM outbox WHERE kind = 'juror-assigned'")
            .fetch_one(pool).await).unwrap();
        assert_eq!(told - told_before, 7, "each new seat is told by e-mail");
        let shown = app.get(&format!("{page}?shared=7")).await.text().await.unwrap();
        assert!(shown.contains("7 plasser lagt til i rundens andre kategorier."));
        // Again: nothing more to add.
        let res = app.post_form(&page, &action, &[]).await;
        assert_eq!(crate::admin::location(&res), format!("{page}?shared=0"));
        // Only administrators share a jury.
        assert!(forbidden(app.services.share_jury_with_round(&j.chair, j.category).await));
    }
}
