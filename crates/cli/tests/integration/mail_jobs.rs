//! Scheduled jobs (issue 13): made ahead of their minute from the stored schedules, a job due
//! while the server was down runs once when it is back, two processes run each job once, a
//! moved deadline makes the old job stale, and the unsubscribe link keeps the optional
//! messages away.

use crate::catalogue::setup;
use crate::fixtures::{DEADLINE, user_row};
use crate::harness::TestApp;
use crate::on_both_backends;
use prisverdig_domain::category::CategoryKind;
use time::Duration;

async fn count(app: &TestApp, sql: &str) -> i64 {
    prisverdig_store::on_pool!(app.services.db(), |pool| sqlx::query_scalar(
        sqlx::AssertSqlSafe(sql.to_string())
    )
    .fetch_one(pool)
    .await)
    .unwrap()
}

/// The first link in a text that starts with `prefix`.
fn link(text: &str, prefix: &str) -> String {
    let start = text.find(prefix).expect("a link");
    text[start..].split_whitespace().next().unwrap().to_string()
}

on_both_backends! {
    async fn a_reminder_due_while_the_server_was_down_runs_once_when_it_is_back(app) {
        let round = setup(app).await;
        let kari = user_row(app, "kari@fjordvik.example").await;
        app.services.start_application(&kari, round.category(CategoryKind::Innovation), round.unit).await.unwrap();
        // 15 October: the jobs are made ahead (deadline 1 November, reminders 14 and 3 days before).
        assert!(app.services.plan_jobs().await.unwrap() >= 3);
        assert_eq!(app.services.plan_jobs().await.unwrap(), 0, "made once");
        assert_eq!(app.services.run_due_jobs().await.unwrap(), 0, "nothing due yet");
        // The server is down across the 14-day reminder's minute; it comes back on 20 October
        // as two processes at once.
        app.clock.set(DEADLINE - Duration::days(12));
        let other = app.another_process().await;
        let (one, two) = tokio::join!(app.services.run_due_jobs(), other.run_due_jobs());
        // Due: the 14-day reminder of each of the three categories and the daily clean-up.
        let done = count(app, "SELECT COUNT(*) FROM job WHERE done_at IS NOT NULL").await;
        assert_eq!(done, 4);
        assert_eq!(one.unwrap() + two.unwrap(), 4, "each job ran once, in one process or the other");
        assert_eq!(count(app, "SELECT COUNT(*) FROM outbox WHERE kind = 'deadline-reminder'").await, 1);
        assert_eq!(app.services.run_due_jobs().await.unwrap(), 0);
        let text: String = prisverdig_store::on_pool!(app.services.db(), |pool| sqlx::query_scalar(
            "SELECT body FROM outbox WHERE kind = 'deadline-reminder'").fetch_one(pool).await).unwrap();
        assert!(text.contains("14 dager til fristen") || text.contains("Fristen er"), "{text}");
        assert!(text.contains("/edit"), "{text}");
        // The optional reminder carries the unsubscribe link; using it keeps the next away.
        let unsubscribe = link(&text, "http://prisverdig.test/unsubscribe/");
        let path = unsubscribe.trim_start_matches("http://prisverdig.test");
        let page = app.get(path).await.text().await.unwrap();
        assert!(page.contains("kari@fjordvik.example"), "{page}");
        let res = app.post_form(path, path, &[("off", "1")]).await;
        assert_eq!(res.status(), 303);
        app.clock.set(DEADLINE - Duration::days(2));
        assert_eq!(app.services.run_due_jobs().await.unwrap(), 3, "the 3-day reminders ran");
        assert_eq!(count(app, "SELECT COUNT(*) FROM outbox WHERE kind = 'deadline-reminder'").await, 1, "but Kari opted out");
        // After the deadline the closing is recorded.
        app.clock.set(DEADLINE + Duration::minutes(1));
        assert_eq!(app.services.run_due_jobs().await.unwrap(), 3, "one closing per category");
        assert_eq!(count(app, "SELECT COUNT(*) FROM audit_log WHERE action = 'category.closed'").await, 3);
    }

    async fn a_moved_deadline_makes_the_old_job_stale_and_a_new_one(app) {
        let round = setup(app).await;
        let kari = user_row(app, "kari@fjordvik.example").await;
        let category = round.category(CategoryKind::Innovation);
        app.services.start_application(&kari, category, round.unit).await.unwrap();
        app.services.plan_jobs().await.unwrap();
        let later = DEADLINE + Duration::days(7);
        prisverdig_store::on_pool!(app.services.db(), |pool| sqlx::query(
            "UPDATE category SET extended_deadline = $1 WHERE id = $2")
            .bind(later).bind(category).execute(pool).await.map(|_| ())).unwrap();
        app.services.plan_jobs().await.unwrap();
        app.clock.set(DEADLINE - Duration::days(3) + Duration::minutes(1));
        app.services.run_due_jobs().await.unwrap();
        // The old minutes' reminders (14 and 3 days before 1 November) are stale; the new
        // 14-day reminder (7 days later) was due and ran.
        assert_eq!(count(app, "SELECT COUNT(*) FROM job WHERE outcome = 'stale'").await, 2);
        assert_eq!(count(app, "SELECT COUNT(*) FROM outbox WHERE kind = 'deadline-reminder'").await, 1);
        app.clock.set(later - Duration::days(3) + Duration::minutes(1));
        app.services.run_due_jobs().await.unwrap();
        assert_eq!(count(app, "SELECT COUNT(*) FROM outbox WHERE kind = 'deadline-reminder'").await, 2, "the new 3-day reminder ran");
        crate::admin::admin(app).await;
        let page = app.get("/admin/jobs").await.text().await.unwrap();
        assert!(page.contains("Påminnelse om utkast 3 dager før fristen"), "{page}");
        assert!(page.contains("Utgått (tidspunktet ble endret)"), "{page}");
    }

    async fn history_imported_with_past_minutes_sends_nothing(app) {
        let round = setup(app).await;
        let kari = user_row(app, "kari@fjordvik.example").await;
        app.services.start_application(&kari, round.category(CategoryKind::Innovation), round.unit).await.unwrap();
        // The server first starts long after the round: its minutes are history.
        app.clock.set(DEADLINE + Duration::days(400));
        app.services.plan_jobs().await.unwrap();
        assert_eq!(app.services.run_due_jobs().await.unwrap(), 0);
        assert_eq!(count(app, "SELECT COUNT(*) FROM outbox").await, 0);
    }
}

on_both_backends! {
    async fn a_year_after_the_ceremony_the_team_says_whether_it_lasted(app) {
        let round = setup(app).await;
        let id = crate::catalogue::submitted(app, &round, CategoryKind::Innovation, "Digital postkasse", None).await;
        let published = time::macros::datetime!(2019-12-01 12:00 UTC);
        crate::decisions::decide_with(app, id, "winner", Some(published), "Modig.").await;
        app.services.plan_jobs().await.unwrap();
        // The ceremony was 20 January 2020; a year later the job asks the team.
        app.clock.set(time::macros::datetime!(2021-01-21 09:00 UTC));
        app.services.run_due_jobs().await.unwrap();
        let text: String = prisverdig_store::on_pool!(app.services.db(), |pool| sqlx::query_scalar(
            "SELECT body FROM outbox WHERE kind = 'follow-up'").fetch_one(pool).await).unwrap();
        assert!(text.contains("Ble det varig?") || text.contains("For ett år siden"), "{text}");
        let path = link(&text, "http://prisverdig.test/follow-up/").trim_start_matches("http://prisverdig.test").to_string();
        let page = app.get(&path).await.text().await.unwrap();
        assert!(page.contains("Digital postkasse"), "{page}");
        let refused = app.post_form(&path, &path, &[("in_use", ""), ("version", "1")]).await;
        assert_eq!(refused.status(), 422);
        let sent = app.post_form(&path, &path, &[("in_use", "partly"), ("spread", "To skoler i Asker"), ("changed", ""), ("version", "1")]).await;
        assert_eq!(sent.status(), 303);
        let public = crate::harness::new_client();
        let shown = public.get(app.url(&format!("/applications/{id}"))).send().await.unwrap().text().await.unwrap();
        assert!(shown.contains("Delvis i bruk etter ett år"), "{shown}");
        assert!(shown.contains("To skoler i Asker"), "{shown}");
        let catalogue = public.get(app.url("/catalogue")).send().await.unwrap().text().await.unwrap();
        assert!(catalogue.contains("Delvis i bruk etter ett år"), "the card says it too");
        // A stale form (someone answered since) is refused, nothing lost.
        let stale = app.post_form(&path, &path, &[("in_use", "no"), ("version", "1")]).await;
        assert_eq!(stale.status(), 409);
        assert_eq!(count(app, "SELECT COUNT(*) FROM audit_log WHERE action = 'follow_up.answer'").await, 1);
    }
}

/// A person with `role`, as the administrator adds them.
async fn person(
    app: &TestApp,
    email: &str,
    role: prisverdig_domain::role::Role,
) -> prisverdig_service::model::User {
    let input = prisverdig_service::users::AddUser {
        email,
        name: email,
        roles: &[role],
        password: crate::fixtures::PASSWORD,
    };
    let id = app.services.add_user(input).await.unwrap();
    app.services.user(id).await.unwrap().unwrap()
}

async fn bodies(app: &TestApp, kind: &str) -> Vec<(String, String)> {
    prisverdig_store::on_pool!(app.services.db(), |pool| sqlx::query_as(
        "SELECT recipient, body FROM outbox WHERE kind = $1 ORDER BY recipient"
    )
    .bind(kind)
    .fetch_all(pool)
    .await)
    .unwrap()
}

on_both_backends! {
    async fn the_call_reaches_every_leader_once_and_an_extension_the_teams_with_drafts(app) {
        use prisverdig_domain::role::Role;
        let round = setup(app).await;
        let leader = person(app, "leder@fjordvik.example", Role::Leader).await;
        prisverdig_store::on_pool!(app.services.db(), |pool| sqlx::query("UPDATE users SET locale = 'en' WHERE id = $1")
            .bind(leader.id).execute(pool).await.map(|_| ())).unwrap();
        crate::admin::admin(app).await;
        let page = format!("/admin/rounds/{}", round.id);
        let res = app.post_form(&page, &format!("{page}/call"), &[]).await;
        assert_eq!(res.status(), 303);
        assert!(crate::admin::location(&res).ends_with("?called=1"), "{}", crate::admin::location(&res));
        let call = bodies(app, "call").await;
        assert_eq!(call.len(), 1);
        assert_eq!(call[0].0, "leder@fjordvik.example");
        assert!(call[0].1.contains("Apply for Innovasjonsprisene 2020") || call[0].1.contains("Innovasjonsprisen: deadline 1 November 2019 at 23:59"), "{}", call[0].1);
        let again = app.post_form(&page, &format!("{page}/call"), &[]).await;
        assert!(crate::admin::location(&again).ends_with("?called=0"), "pressing again reaches nobody twice");
        // The deadline moves a week: the team with a draft and the leader hear of it.
        let kari = user_row(app, "kari@fjordvik.example").await;
        let category = round.category(CategoryKind::Innovation);
        app.services.start_application(&kari, category, round.unit).await.unwrap();
        let admin = user_row(app, "admin@fjordvik.example").await;
        let input = prisverdig_domain::setup::CategoryInput {
            kind: "innovation", name: "Innovasjonsprisen", description: "", prize_sum_kr: "50000",
            deadline_date: "2019-11-01", deadline_time: "23:59", extended_date: "2019-11-08", extended_time: "23:59", blind: false, peoples_choice: false,
        };
        app.services.update_category(&admin, category, 1, &input).await.unwrap();
        let extended = bodies(app, "deadline-extended").await;
        let to: Vec<&str> = extended.iter().map(|(r, _)| r.as_str()).collect();
        assert_eq!(to, ["kari@fjordvik.example", "leder@fjordvik.example"]);
        assert!(extended[0].1.contains("8. november 2019 kl. 23:59"), "{}", extended[0].1);
        // A juror given a seat is told, in their language.
        let juror = person(app, "jurist@fjordvik.example", Role::Juror).await;
        app.services.add_juror(&admin, category, juror.id, prisverdig_domain::jury::JuryRole::Member).await.unwrap();
        let seat = bodies(app, "juror-assigned").await;
        assert_eq!(seat.len(), 1);
        assert!(seat[0].1.contains("Du er medlem i juryen for Innovasjonsprisen"), "{}", seat[0].1);
    }
}
