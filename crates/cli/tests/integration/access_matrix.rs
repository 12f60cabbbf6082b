//! The access matrix: every route × every kind of viewer × the state of what it shows →
//! the answer, and no hidden title anywhere. A completeness check fails when a route of the
//! product (GET or POST, read from the web crate's source) has no rule here.
//!
//! State-changing routes are asked only by viewers who may not use them (their answer must be
//! a refusal, and nothing may change); the viewers who may are covered by each area's tests.

use crate::catalogue::submitted;
use crate::fixtures::{DEADLINE, PASSWORD, applicant, open_round};
use crate::harness::{TestApp, new_client};
use crate::on_both_backends;
use prisverdig_domain::category::CategoryKind;
use prisverdig_domain::role::Role;
use prisverdig_domain::round::Visibility;
use prisverdig_service::users::AddUser;
use std::collections::{BTreeMap, BTreeSet};
use uuid::Uuid;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Viewer {
    SignedOut,
    Employee,
    Owner,
    TeamMember,
    Leader,
    /// On the category's jury (a member, not its chair).
    Juror,
    /// On the same jury, working in the applying unit: conflicted on every application.
    ConflictedJuror,
    /// The author of the matrix's stories.
    Editor,
    /// An editor who did not write them: another's unpublished story does not exist for them.
    OtherEditor,
    Administrator,
}

const VIEWERS: [Viewer; 10] = [
    Viewer::SignedOut,
    Viewer::Employee,
    Viewer::Owner,
    Viewer::TeamMember,
    Viewer::Leader,
    Viewer::Juror,
    Viewer::ConflictedJuror,
    Viewer::Editor,
    Viewer::OtherEditor,
    Viewer::Administrator,
];

impl Viewer {
    fn on_team(self) -> bool {
        matches!(self, Viewer::Owner | Viewer::TeamMember)
    }

    fn on_jury(self) -> bool {
        matches!(self, Viewer::Juror | Viewer::ConflictedJuror)
    }

    /// Holds a role that needs the second factor (enrolled at sign-in).
    fn enrolled(self) -> bool {
        matches!(
            self,
            Viewer::Administrator | Viewer::Juror | Viewer::ConflictedJuror
        )
    }
}

/// The application a route shows, by its state.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum State {
    Draft,
    /// Submitted in a round that shows applications after the deadline, before it.
    Hidden,
    Withdrawn,
    /// The hidden one, once the deadline has passed.
    Public,
}

/// Who may use a route.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Rule {
    /// Everyone, signed in or not.
    Anyone,
    /// Anyone signed in; the signed-out are sent to sign in.
    SignedIn,
    Administrator,
    /// Editors and administrators.
    Writer,
    /// The application's team only; to everyone else it does not exist (404).
    Team,
    /// Everyone once the application is public; before, the team only.
    Published,
    /// Backing an application: leaders of its unit (or above), once it is public.
    Endorse,
    /// A published story: everyone.
    PublishedStory,
    /// A draft story's public address: a preview for its author and administrators
    /// (`story::may_edit`); to everyone else it does not exist until it is published.
    DraftStory,
    /// An event stream for everyone: answered 200 with `text/event-stream`, never read to
    /// its end.
    EventStream,
    /// A draft story in the JSON API: nobody, writers included.
    UnpublishedStory,
    /// The editor's pages of a draft story: its author and administrators; to another
    /// editor it does not exist (404); anyone else may not write stories (403).
    WriterOnStory,
    /// An application's files: the team always, everyone once the application is public.
    Files,
    /// An invitation link that is not valid: the same answer to everyone.
    UnknownToken,
    /// Finishing a single sign-on that was never started: sent back to sign in.
    NoPendingSignIn,
    /// A form whose fields are all required, posted empty: refused before anything is read.
    EmptyForm,
    /// Setting up a second factor: anyone signed in who has none yet (the matrix's
    /// administrator and juror enrolled when they signed in; they are sent to their security page).
    Enrol,
    /// New recovery codes, shown once right after they were made: anyone else is sent to
    /// their security page.
    ShownOnce,
    /// Only with the metrics token.
    MetricsToken,
    /// A review page: the category's jury once the deadline has passed (a conflicted juror
    /// gets the page that says so); to everyone else the application does not exist.
    Jury,
    /// Saving a review: the jury once the deadline has passed, except a conflicted juror
    /// (403); to everyone else it does not exist.
    JuryScore,
    /// A decision on an application: its acting chair only (the matrix's jurors are
    /// members: 403 once the deadline has passed); to anyone off the jury it does not exist.
    JuryChair,
    /// The chair's overview and its actions: administrators and the jury's chair and deputy.
    JuryLead,
    /// A vote for the people's choice: the matrix's category has none, so the ballot does
    /// not exist for anyone signed in (`peoples_choice.rs` covers a category that has one).
    NoBallot,
    /// The jury's discussion of an application (the fragment a page polls, and posting): the
    /// jurors who may review it once the deadline has passed. To everyone else, a conflicted
    /// juror and an administrator included, the application does not exist.
    JuryDiscussion,
}

/// Every route of the product with its rule. `{id}` is filled by the rule's resource.
const ROUTES: &[(&str, &str, Rule)] = &[
    ("GET", "/", Rule::Anyone),
    ("GET", "/accessibility", Rule::Anyone),
    // The intranet widget: the page for an iframe and its HTML fragment.
    ("GET", "/widget", Rule::Anyone),
    ("GET", "/widget.html", Rule::Anyone),
    ("GET", "/catalogue", Rule::Anyone),
    ("GET", "/hall-of-fame", Rule::Anyone),
    ("GET", "/rounds", Rule::Anyone),
    // The world's round (2020), open: public, with no title of a hidden application in it.
    ("GET", "/rounds/{year}", Rule::Anyone),
    // The statistics: the public's figures for everyone, the strategy unit's for
    // administrators; one table as CSV each.
    ("GET", "/statistics", Rule::Anyone),
    ("GET", "/statistics/csv/{table}", Rule::Anyone),
    ("GET", "/admin/statistics", Rule::Administrator),
    ("GET", "/admin/statistics/csv/{table}", Rule::Administrator),
    ("GET", "/feeds/applications.atom", Rule::Anyone),
    ("GET", "/feeds/results.atom", Rule::Anyone),
    ("GET", "/feeds/stories.atom", Rule::Anyone),
    ("GET", "/api/v1/applications", Rule::Anyone),
    ("GET", "/api/openapi.json", Rule::Anyone),
    ("GET", "/api/v1/stories", Rule::Anyone),
    // The live updates of public pages: an event stream anyone may follow.
    ("GET", "/events/results", Rule::EventStream),
    // A draft story through the API: nobody, editors included (the API is the public's).
    ("GET", "/api/v1/stories/{id}", Rule::UnpublishedStory),
    ("GET", "/sign-in", Rule::Anyone),
    ("GET", "/tips/new", Rule::SignedIn),
    ("GET", "/stories", Rule::Anyone),
    ("GET", "/healthz", Rule::Anyone),
    ("GET", "/metrics", Rule::MetricsToken),
    ("GET", "/brand.css", Rule::Anyone),
    ("GET", "/favicon.ico", Rule::Anyone),
    ("GET", "/static/{*path}", Rule::Anyone),
    ("GET", "/brand/logo", Rule::UnknownToken),
    ("GET", "/invitation/{token}", Rule::UnknownToken),
    ("POST", "/invitation/{token}", Rule::UnknownToken),
    ("POST", "/language", Rule::Anyone),
    ("POST", "/sign-out", Rule::Anyone),
    ("GET", "/sign-in/code", Rule::NoPendingSignIn),
    ("POST", "/sign-in/code", Rule::NoPendingSignIn),
    ("GET", "/account/security", Rule::SignedIn),
    ("GET", "/account/data.json", Rule::SignedIn),
    ("GET", "/account/delete", Rule::SignedIn),
    ("GET", "/account/second-factor", Rule::Enrol),
    ("POST", "/account/second-factor", Rule::SignedIn),
    ("GET", "/account/recovery-codes", Rule::ShownOnce),
    ("POST", "/account/recovery-codes", Rule::SignedIn),
    ("POST", "/sign-in/sso/{provider}", Rule::UnknownToken),
    (
        "GET",
        "/sign-in/sso/{provider}/callback",
        Rule::UnknownToken,
    ),
    ("GET", "/sign-in/sso/complete", Rule::NoPendingSignIn),
    ("POST", "/sign-in/sso/complete", Rule::EmptyForm),
    ("POST", "/sign-out/everywhere", Rule::SignedIn),
    ("POST", "/account/delete", Rule::SignedIn),
    ("GET", "/apply", Rule::SignedIn),
    ("GET", "/my-applications", Rule::SignedIn),
    ("GET", "/applications/{id}", Rule::Published),
    ("GET", "/applications/{id}/family", Rule::Published),
    ("GET", "/api/v1/applications/{id}", Rule::Published),
    ("GET", "/files/{id}", Rule::Files),
    ("GET", "/files/{id}/thumbnail", Rule::Files),
    ("POST", "/applications/{id}/cheer", Rule::Published),
    ("POST", "/applications/{id}/vote", Rule::NoBallot),
    ("POST", "/applications/{id}/adopt", Rule::Published),
    ("POST", "/applications/{id}/endorse", Rule::Endorse),
    ("POST", "/applications/{id}/endorse/remove", Rule::Published),
    ("GET", "/applications/{id}/edit", Rule::Team),
    ("GET", "/applications/{id}/receipt", Rule::Team),
    ("GET", "/applications/{id}/sources", Rule::Team),
    ("GET", "/applications/{id}/continues", Rule::Team),
    ("POST", "/applications/{id}/save", Rule::Team),
    ("POST", "/applications/{id}/withdraw", Rule::Team),
    ("POST", "/applications/{id}/team", Rule::Team),
    ("POST", "/applications/{id}/team/remove", Rule::Team),
    ("POST", "/applications/{id}/attachments", Rule::Team),
    (
        "POST",
        "/applications/{id}/attachments/{attachment}/remove",
        Rule::Team,
    ),
    ("GET", "/stories/new", Rule::Writer),
    ("POST", "/stories/new", Rule::Writer),
    ("GET", "/stories/drafts", Rule::Writer),
    ("GET", "/stories/link-candidates", Rule::Writer),
    ("GET", "/stories/{id}", Rule::DraftStory),
    ("GET", "/stories/{id}/edit", Rule::WriterOnStory),
    ("POST", "/stories/{id}/edit", Rule::WriterOnStory),
    ("POST", "/stories/{id}/publish", Rule::WriterOnStory),
    ("POST", "/stories/{id}/unpublish", Rule::WriterOnStory),
    ("POST", "/stories/{id}/images", Rule::WriterOnStory),
    (
        "POST",
        "/stories/{id}/images/{image}/remove",
        Rule::WriterOnStory,
    ),
    ("GET", "/story-images/{id}", Rule::PublishedStory),
    ("GET", "/story-images/{id}/thumbnail", Rule::PublishedStory),
    ("GET", "/admin", Rule::Administrator),
    ("GET", "/admin/units", Rule::Administrator),
    ("GET", "/admin/units/import", Rule::Administrator),
    ("POST", "/admin/units/import", Rule::Administrator),
    ("GET", "/admin/units/{id}", Rule::Administrator),
    ("POST", "/admin/units/{id}/{action}", Rule::Administrator),
    ("GET", "/admin/rounds", Rule::Administrator),
    ("GET", "/admin/rounds/new", Rule::Administrator),
    ("POST", "/admin/rounds/new", Rule::Administrator),
    ("GET", "/admin/rounds/{id}", Rule::Administrator),
    ("GET", "/admin/rounds/{id}/edit", Rule::Administrator),
    ("POST", "/admin/rounds/{id}/edit", Rule::Administrator),
    ("POST", "/admin/rounds/{id}/transition", Rule::Administrator),
    ("POST", "/admin/rounds/{id}/copy", Rule::Administrator),
    ("GET", "/admin/rounds/{id}/delete", Rule::Administrator),
    ("POST", "/admin/rounds/{id}/delete", Rule::Administrator),
    (
        "GET",
        "/admin/rounds/{id}/categories/new",
        Rule::Administrator,
    ),
    (
        "POST",
        "/admin/rounds/{id}/categories/new",
        Rule::Administrator,
    ),
    ("GET", "/admin/categories/{id}", Rule::Administrator),
    ("POST", "/admin/categories/{id}", Rule::Administrator),
    (
        "GET",
        "/admin/categories/{id}/criteria/new",
        Rule::Administrator,
    ),
    (
        "POST",
        "/admin/categories/{id}/criteria/new",
        Rule::Administrator,
    ),
    (
        "GET",
        "/admin/categories/{id}/criteria/{item}",
        Rule::Administrator,
    ),
    (
        "POST",
        "/admin/categories/{id}/criteria/{item}",
        Rule::Administrator,
    ),
    (
        "GET",
        "/admin/categories/{id}/questions/new",
        Rule::Administrator,
    ),
    (
        "POST",
        "/admin/categories/{id}/questions/new",
        Rule::Administrator,
    ),
    (
        "GET",
        "/admin/categories/{id}/questions/{item}",
        Rule::Administrator,
    ),
    (
        "POST",
        "/admin/categories/{id}/questions/{item}",
        Rule::Administrator,
    ),
    (
        "POST",
        "/admin/categories/{id}/{list}/{item}/remove",
        Rule::Administrator,
    ),
    (
        "POST",
        "/admin/categories/{id}/{list}/{item}/move",
        Rule::Administrator,
    ),
    ("GET", "/admin/users", Rule::Administrator),
    ("GET", "/admin/users/new", Rule::Administrator),
    ("POST", "/admin/users/new", Rule::Administrator),
    ("GET", "/admin/users/{id}", Rule::Administrator),
    ("POST", "/admin/users/{id}/roles", Rule::Administrator),
    ("POST", "/admin/users/{id}/active", Rule::Administrator),
    ("POST", "/admin/users/{id}/unit", Rule::Administrator),
    ("POST", "/admin/users/{id}/invitation", Rule::Administrator),
    ("GET", "/admin/audit", Rule::Administrator),
    ("GET", "/admin/audit.csv", Rule::Administrator),
    ("GET", "/admin/tips", Rule::Administrator),
    ("GET", "/admin/outbox", Rule::Administrator),
    ("GET", "/admin/outbox/{id}/message.eml", Rule::Administrator),
    ("POST", "/admin/outbox/{id}/resend", Rule::Administrator),
    ("GET", "/admin/jobs", Rule::Administrator),
    ("POST", "/admin/rounds/{id}/call", Rule::Administrator),
    ("GET", "/unsubscribe/{token}", Rule::UnknownToken),
    ("POST", "/unsubscribe/{token}", Rule::UnknownToken),
    ("GET", "/follow-up/{token}", Rule::UnknownToken),
    ("POST", "/follow-up/{token}", Rule::UnknownToken),
    ("GET", "/admin/categories/{id}/jury", Rule::Administrator),
    ("POST", "/admin/categories/{id}/jury", Rule::Administrator),
    (
        "POST",
        "/admin/categories/{id}/jury/{member}",
        Rule::Administrator,
    ),
    (
        "GET",
        "/admin/categories/{id}/jury/assignment",
        Rule::Administrator,
    ),
    (
        "POST",
        "/admin/categories/{id}/jury/assignment",
        Rule::Administrator,
    ),
    (
        "POST",
        "/admin/categories/{id}/jury/assignment/pair",
        Rule::Administrator,
    ),
    ("GET", "/admin/conflicts", Rule::Administrator),
    (
        "POST",
        "/admin/categories/{id}/jury/round",
        Rule::Administrator,
    ),
    (
        "GET",
        "/admin/categories/{id}/redactions",
        Rule::Administrator,
    ),
    (
        "GET",
        "/admin/applications/{id}/redaction",
        Rule::Administrator,
    ),
    (
        "POST",
        "/admin/applications/{id}/redaction",
        Rule::Administrator,
    ),
    ("POST", "/admin/conflicts/{id}", Rule::Administrator),
    ("GET", "/jury", Rule::SignedIn),
    ("GET", "/jury/applications/{id}", Rule::Jury),
    ("POST", "/jury/applications/{id}/review", Rule::JuryScore),
    ("POST", "/jury/applications/{id}/conflict", Rule::Jury),
    (
        "GET",
        "/jury/applications/{id}/discussion",
        Rule::JuryDiscussion,
    ),
    (
        "POST",
        "/jury/applications/{id}/discussion",
        Rule::JuryDiscussion,
    ),
    ("GET", "/jury/applications/{id}/decision", Rule::JuryChair),
    ("POST", "/jury/applications/{id}/decision", Rule::JuryChair),
    ("POST", "/jury/applications/{id}/feedback", Rule::JuryChair),
    ("GET", "/jury/categories/{id}", Rule::JuryLead),
    // The ceremony: administrators and the prizes' chairs (the matrix's juror is a member).
    ("GET", "/ceremony/{round}", Rule::Administrator),
    // Its printed matter: the show's access, so the same rule.
    ("GET", "/ceremony/{round}/diplomas", Rule::Administrator),
    ("GET", "/ceremony/{round}/diplomas.pdf", Rule::Administrator),
    ("GET", "/ceremony/{round}/programme", Rule::Administrator),
    (
        "GET",
        "/ceremony/{round}/programme.pdf",
        Rule::Administrator,
    ),
    ("GET", "/ceremony/{round}/nominees", Rule::Administrator),
    ("GET", "/ceremony/{round}/nominees.pdf", Rule::Administrator),
    // Revealing the matrix's prize: the jury has not locked its scores, so the administrator
    // is answered 422 (nothing published), everyone else refused.
    (
        "POST",
        "/ceremony/{round}/reveal/{category}",
        Rule::JuryLead,
    ),
    ("GET", "/jury/categories/{id}/export.csv", Rule::JuryLead),
    ("GET", "/jury/categories/{id}/export.xlsx", Rule::JuryLead),
    ("POST", "/jury/categories/{id}/lock", Rule::JuryLead),
    ("POST", "/jury/categories/{id}/publication", Rule::JuryLead),
    ("POST", "/applications/{id}/conflict", Rule::Team),
    ("POST", "/admin/tips/{id}/handled", Rule::Administrator),
    ("POST", "/sign-in", Rule::Anyone),
    ("POST", "/tips/new", Rule::SignedIn),
    ("POST", "/apply", Rule::SignedIn),
    ("POST", "/admin/units", Rule::Administrator),
];

/// Every `(method, path)` routed in crates/web/src: `.route("…", get(…).post(…))`.
fn routes_in_source() -> BTreeSet<(String, String)> {
    // The handler expression may nest calls two deep (`post(h).layer(limit())`).
    let route =
        regex::Regex::new(r#"\.route\(\s*"([^"]+)",\s*((?:[^()]|\((?:[^()]|\([^()]*\))*\))*)\)"#)
            .unwrap();
    let method = regex::Regex::new(r"\b(get|post)\(").unwrap();
    let mut found = BTreeSet::new();
    let mut dirs = vec![std::path::PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../web/src")];
    while let Some(dir) = dirs.pop() {
        for entry in std::fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                dirs.push(path);
            } else if path.extension().is_some_and(|e| e == "rs") {
                let text = std::fs::read_to_string(&path).unwrap();
                for c in route.captures_iter(&text) {
                    for m in method.captures_iter(&c[2]) {
                        found.insert((m[1].to_uppercase(), c[1].to_string()));
                    }
                }
            }
        }
    }
    found
}

#[test]
fn every_route_has_a_rule() {
    let source = routes_in_source();
    assert!(
        source.len() > 60,
        "the route calls were found ({})",
        source.len()
    );
    let ruled: BTreeSet<(String, String)> = ROUTES
        .iter()
        .map(|(m, p, _)| (m.to_string(), p.to_string()))
        .collect();
    let missing: Vec<_> = source.difference(&ruled).collect();
    assert!(
        missing.is_empty(),
        "routes without a rule in the access matrix: {missing:?}"
    );
    let stale: Vec<_> = ruled.difference(&source).collect();
    assert!(
        stale.is_empty(),
        "rules for routes that do not exist: {stale:?}"
    );
}

/// What a viewer must get: allowed (a GET answers 200; a POST is not refused), or refused
/// with this status.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Expect {
    Allowed,
    SignIn,
    Refused(u16),
    /// Sent elsewhere (303 to this path): nothing to show here now.
    Redirect(&'static str),
}

fn expect(method: &str, pattern: &str, rule: Rule, viewer: Viewer, state: State) -> Expect {
    let signed_out = viewer == Viewer::SignedOut;
    let writer = matches!(
        viewer,
        Viewer::Editor | Viewer::OtherEditor | Viewer::Administrator
    );
    // The matrix's stories are the editor's.
    let edits_story = matches!(viewer, Viewer::Editor | Viewer::Administrator);
    let public = state == State::Public;
    match rule {
        Rule::Anyone | Rule::PublishedStory | Rule::EventStream => Expect::Allowed,
        Rule::UnknownToken => Expect::Refused(404),
        Rule::MetricsToken => Expect::Refused(401),
        Rule::DraftStory if edits_story => Expect::Allowed,
        Rule::DraftStory | Rule::UnpublishedStory => Expect::Refused(404),
        Rule::NoPendingSignIn => Expect::SignIn,
        Rule::EmptyForm => Expect::Refused(400),
        // What is not public does not exist for the signed-out; changes ask them to sign in.
        Rule::Published | Rule::Files if signed_out && method == "GET" => {
            if public {
                Expect::Allowed
            } else {
                Expect::Refused(404)
            }
        }
        _ if signed_out => Expect::SignIn,
        Rule::SignedIn => Expect::Allowed,
        // The administrator and juror enrolled at sign-in: their new codes are shown to them
        // once (the first round of asking), then no more.
        Rule::ShownOnce if viewer.enrolled() && state == State::Draft => Expect::Allowed,
        Rule::ShownOnce => Expect::Redirect("/account/security"),
        Rule::Enrol if viewer.enrolled() => Expect::Redirect("/account/security"),
        Rule::Enrol => Expect::Allowed,
        Rule::Administrator if viewer == Viewer::Administrator => Expect::Allowed,
        Rule::Administrator => Expect::Refused(403),
        Rule::Writer if writer => Expect::Allowed,
        Rule::WriterOnStory if edits_story => Expect::Allowed,
        Rule::WriterOnStory if writer => Expect::Refused(404),
        Rule::Writer | Rule::WriterOnStory => Expect::Refused(403),
        // A draft has no receipt, not even for its team.
        Rule::Team
            if pattern.ends_with("/receipt") && state == State::Draft && viewer.on_team() =>
        {
            Expect::Refused(404)
        }
        Rule::Team if viewer.on_team() => Expect::Allowed,
        Rule::Team => Expect::Refused(403),
        Rule::Files if viewer.on_team() || public => Expect::Allowed,
        Rule::Files => Expect::Refused(404),
        Rule::Endorse if !public => Expect::Refused(404),
        // The matrix's leader leads the round's sector, above the application's unit.
        Rule::Endorse if viewer == Viewer::Leader => Expect::Allowed,
        Rule::Endorse => Expect::Refused(403),
        Rule::Published if public => Expect::Allowed,
        Rule::Published => Expect::Refused(404),
        Rule::Jury if viewer.on_jury() && public => Expect::Allowed,
        Rule::JuryScore if viewer == Viewer::Juror && public => Expect::Allowed,
        Rule::JuryScore if viewer == Viewer::ConflictedJuror && public => Expect::Refused(403),
        Rule::JuryChair if viewer.on_jury() && public => Expect::Refused(403),
        Rule::Jury | Rule::JuryScore | Rule::JuryChair => Expect::Refused(404),
        Rule::JuryLead if viewer == Viewer::Administrator => Expect::Allowed,
        Rule::JuryLead => Expect::Refused(403),
        Rule::NoBallot => Expect::Refused(404),
        Rule::JuryDiscussion if viewer == Viewer::Juror && public => Expect::Allowed,
        Rule::JuryDiscussion => Expect::Refused(404),
    }
}

struct World {
    apps: BTreeMap<State, Uuid>,
    files: BTreeMap<State, String>,
    clients: BTreeMap<Viewer, reqwest::Client>,
    round: Uuid,
    category: Uuid,
    criterion: Uuid,
    question: Uuid,
    unit: Uuid,
    user: Uuid,
    draft_story: Uuid,
    story_image: Uuid,
    /// A message in the outbox (a receipt), for the outbox's own pages.
    message: Uuid,
}

/// The title of the editor's unpublished story.
const DRAFT_STORY_TITLE: &str = "Et utkast til en historie";

const TITLES: [(State, &str); 3] = [
    (State::Draft, "Utkastet ingen ser"),
    (State::Hidden, "Innsendt men skjult"),
    (State::Withdrawn, "Trukket tilbake i stillhet"),
];

async fn world(app: &TestApp) -> World {
    let round = open_round(app, Visibility::AfterDeadline).await;
    applicant(app, "kari@fjordvik.example", "Kari Nordmann").await;
    applicant(app, "ola@fjordvik.example", "Ola Nordmann").await;
    applicant(app, "per@fjordvik.example", "Per Ansatt").await;
    for (email, role) in [
        ("leder@fjordvik.example", Role::Leader),
        ("jury@fjordvik.example", Role::Juror),
        ("inhabil@fjordvik.example", Role::Juror),
        ("red@fjordvik.example", Role::Editor),
        ("red2@fjordvik.example", Role::Editor),
        ("admin@fjordvik.example", Role::Administrator),
    ] {
        let input = AddUser {
            email,
            name: email,
            roles: &[role],
            password: PASSWORD,
        };
        app.services.add_user(input).await.unwrap();
    }
    let leader = crate::fixtures::user_row(app, "leder@fjordvik.example").await;
    let sql = "UPDATE users SET unit_id = $1 WHERE id = $2";
    match app.services.db() {
        prisverdig_store::Db::Sqlite(p) => {
            sqlx::query(sql)
                .bind(round.sector)
                .bind(leader.id)
                .execute(p)
                .await
                .unwrap();
        }
        prisverdig_store::Db::Postgres(p) => {
            sqlx::query(sql)
                .bind(round.sector)
                .bind(leader.id)
                .execute(p)
                .await
                .unwrap();
        }
    }
    let kari = crate::fixtures::user_row(app, "kari@fjordvik.example").await;
    let category = round.category(CategoryKind::Innovation);
    let admin = crate::fixtures::user_row(app, "admin@fjordvik.example").await;
    // A jury of two members: one of them works in the applying unit (conflicted on all).
    let conflicted = crate::fixtures::user_row(app, "inhabil@fjordvik.example").await;
    prisverdig_store::on_pool!(app.services.db(), |pool| sqlx::query(sql)
        .bind(round.unit)
        .bind(conflicted.id)
        .execute(pool)
        .await
        .map(|_| ()))
    .unwrap();
    for email in ["jury@fjordvik.example", "inhabil@fjordvik.example"] {
        let juror = crate::fixtures::user_row(app, email).await;
        app.services
            .add_juror(
                &admin,
                category,
                juror.id,
                prisverdig_domain::jury::JuryRole::Member,
            )
            .await
            .unwrap();
    }
    // A question of its own, while the category takes changes (before any submission).
    let question = prisverdig_domain::setup::QuestionInput {
        text: "Hva lærte dere?",
        help: "",
        required: false,
    };
    app.services
        .add_question(&admin, category, &question)
        .await
        .unwrap();
    let mut apps = BTreeMap::new();
    let draft = app
        .services
        .start_application(&kari, round.category(CategoryKind::Innovation), round.unit)
        .await
        .unwrap();
    let mut form = prisverdig_domain::application_form::ApplicationForm {
        title: TITLES[0].1.into(),
        ..Default::default()
    };
    form.answers.criteria = vec![String::new(); 6];
    app.services
        .save_application(
            &kari,
            draft,
            1,
            form,
            prisverdig_service::apply::Intent::Save,
        )
        .await
        .unwrap();
    apps.insert(State::Draft, draft);
    apps.insert(
        State::Hidden,
        submitted(app, &round, CategoryKind::Innovation, TITLES[1].1, None).await,
    );
    let withdrawn = submitted(app, &round, CategoryKind::Innovation, TITLES[2].1, None).await;
    apps.insert(State::Withdrawn, withdrawn);

    // Kari (the app's own client) puts Ola on every team and a picture on each application.
    assert_eq!(
        app.sign_in("kari@fjordvik.example", PASSWORD)
            .await
            .status(),
        303
    );
    let mut files = BTreeMap::new();
    for state in [State::Draft, State::Hidden, State::Withdrawn] {
        let id = apps[&state];
        let edit = format!("/applications/{id}/edit");
        let res = app
            .post_form(
                &edit,
                &format!("/applications/{id}/team"),
                &[("email", "ola@fjordvik.example")],
            )
            .await;
        assert_eq!(res.status(), 303, "{state:?}");
        let res = crate::uploads::post_file(
            app,
            (&edit, &format!("/applications/{id}/attachments")),
            "bilde.png",
            crate::uploads::PNG.to_vec(),
            "Et bilde",
        )
        .await;
        assert_eq!(res.status(), 303, "{state:?}");
        let page = app.get(&edit).await.text().await.unwrap();
        files.insert(
            state,
            crate::uploads::attachment_ids(&page)
                .into_iter()
                .next()
                .unwrap(),
        );
    }
    let v = app
        .services
        .editable(&kari, withdrawn)
        .await
        .unwrap()
        .application
        .version;
    app.services
        .withdraw_application(&kari, withdrawn, v)
        .await
        .unwrap();
    let mut clients = BTreeMap::new();
    for (viewer, email) in [
        (Viewer::Employee, "per@fjordvik.example"),
        (Viewer::Owner, "kari@fjordvik.example"),
        (Viewer::TeamMember, "ola@fjordvik.example"),
        (Viewer::Leader, "leder@fjordvik.example"),
        (Viewer::Juror, "jury@fjordvik.example"),
        (Viewer::ConflictedJuror, "inhabil@fjordvik.example"),
        (Viewer::Editor, "red@fjordvik.example"),
        (Viewer::OtherEditor, "red2@fjordvik.example"),
        (Viewer::Administrator, "admin@fjordvik.example"),
    ] {
        clients.insert(viewer, TestApp::client_for(app, email).await);
    }
    clients.insert(Viewer::SignedOut, new_client());

    let editor = crate::fixtures::user_row(app, "red@fjordvik.example").await;
    let text = |title: &str| prisverdig_domain::story::StoryText {
        title: title.into(),
        lead: "Ingress.".into(),
        body: "Tekst.".into(),
        links: vec![],
    };
    let draft_story = app
        .services
        .create_story(&editor, text(DRAFT_STORY_TITLE))
        .await
        .unwrap();
    let published = app
        .services
        .create_story(&editor, text("En publisert historie"))
        .await
        .unwrap();
    let upload = prisverdig_service::files::Upload {
        file_name: "b.png",
        bytes: crate::uploads::PNG.to_vec(),
        alt_text: "Bilde",
    };
    let story_image = app
        .services
        .add_story_image(&editor, published, upload)
        .await
        .unwrap();
    let version = app
        .services
        .editable_story(&editor, published)
        .await
        .unwrap()
        .story
        .version;
    app.services
        .publish_story(&editor, published, version, None)
        .await
        .unwrap();

    let setup = app.services.category_view(&admin, category).await.unwrap();
    let message: Uuid = prisverdig_store::on_pool!(app.services.db(), |pool| sqlx::query_scalar(
        "SELECT id FROM outbox ORDER BY created_at LIMIT 1"
    )
    .fetch_one(pool)
    .await)
    .unwrap();
    World {
        message,
        apps,
        files,
        clients,
        round: round.id,
        category,
        criterion: setup.criteria[0].id,
        question: setup.questions[0].id,
        unit: round.unit,
        user: kari.id,
        draft_story,
        story_image,
    }
}

impl World {
    /// The path for `pattern` with its placeholders filled for `rule` and `state`.
    fn path(&self, pattern: &str, rule: Rule, state: State) -> String {
        let file_route = pattern.starts_with("/files/");
        let id = match rule {
            _ if file_route => self.files.get(&state).cloned().unwrap_or_default(),
            Rule::Team | Rule::Published | Rule::Endorse => self.apps[&state].to_string(),
            Rule::Jury | Rule::JuryScore | Rule::JuryChair | Rule::JuryDiscussion => {
                self.apps[&state].to_string()
            }
            Rule::JuryLead => self.category.to_string(),
            Rule::DraftStory | Rule::WriterOnStory | Rule::UnpublishedStory => {
                self.draft_story.to_string()
            }
            Rule::PublishedStory => self.story_image.to_string(),
            _ if pattern.starts_with("/admin/rounds/") => self.round.to_string(),
            _ if pattern.starts_with("/admin/outbox/") => self.message.to_string(),
            _ if pattern.starts_with("/admin/categories/") => self.category.to_string(),
            _ if pattern.starts_with("/admin/units/") => self.unit.to_string(),
            _ if pattern.starts_with("/admin/users/") => self.user.to_string(),
            // A submitted application: what a redacted copy is written of.
            _ if pattern.starts_with("/admin/applications/") => {
                self.apps[&State::Hidden].to_string()
            }
            _ => Uuid::now_v7().to_string(),
        };
        if pattern.starts_with("/ceremony/") {
            return pattern
                .replace("{round}", &self.round.to_string())
                .replace("{category}", &self.category.to_string());
        }
        let item = if pattern.contains("/questions/") {
            self.question
        } else {
            self.criterion
        };
        pattern
            .replace("{*path}", "app.css")
            .replace("{token}", &"ab".repeat(32))
            .replace("{provider}", "ukjent")
            .replace("{year}", "2020")
            .replace("{table}", "most-adopted")
            .replace("{id}", &id)
            .replace("{item}", &item.to_string())
            .replace("{list}", "criteria")
            .replace("{action}", "archive")
            .replace("{attachment}", &Uuid::now_v7().to_string())
            .replace("{image}", &Uuid::now_v7().to_string())
            .replace("{member}", &Uuid::now_v7().to_string())
    }
}

/// The states a rule's answer depends on; other rules are asked once.
fn states_of(rule: Rule, public_phase: bool) -> Vec<State> {
    match (rule, public_phase) {
        (
            Rule::Team
            | Rule::Published
            | Rule::Files
            | Rule::Endorse
            | Rule::Jury
            | Rule::JuryScore
            | Rule::JuryChair
            | Rule::JuryDiscussion,
            false,
        ) => vec![State::Draft, State::Hidden, State::Withdrawn],
        (
            Rule::Team
            | Rule::Published
            | Rule::Files
            | Rule::Endorse
            | Rule::Jury
            | Rule::JuryScore
            | Rule::JuryChair
            | Rule::JuryDiscussion,
            true,
        ) => vec![State::Public],
        // Asked once per round of asking; the second round is told apart as `Public`.
        (Rule::ShownOnce, true) => vec![State::Public],
        (_, _) => vec![State::Draft],
    }
}

async fn ask(app: &TestApp, world: &World, public_phase: bool, problems: &mut Vec<String>) {
    for viewer in VIEWERS {
        let client = &world.clients[&viewer];
        let token = app.csrf_with(client, "/").await;
        for &(method, pattern, rule) in ROUTES {
            for state in states_of(rule, public_phase) {
                let wanted = expect(method, pattern, rule, viewer, state);
                // Allowed changes are not made here (they would change the world).
                if method == "POST" && wanted == Expect::Allowed {
                    continue;
                }
                let path = world.path(
                    pattern,
                    rule,
                    if state == State::Public {
                        State::Hidden
                    } else {
                        state
                    },
                );
                let res = if method == "GET" {
                    client.get(app.url(&path)).send().await.unwrap()
                } else if pattern.ends_with("/attachments") || pattern.ends_with("/images") {
                    // Uploads are multipart, their token in the query (as the page sends them).
                    let form = reqwest::multipart::Form::new().text("alt_text", "x");
                    client
                        .post(app.url(&format!("{path}?_csrf={token}")))
                        .multipart(form)
                        .send()
                        .await
                        .unwrap()
                } else {
                    client
                        .post(app.url(&path))
                        .form(&[("_csrf", token.as_str())])
                        .send()
                        .await
                        .unwrap()
                };
                let status = res.status().as_u16();
                if rule == Rule::EventStream {
                    let stream = res
                        .headers()
                        .get("content-type")
                        .is_some_and(|t| t == "text/event-stream");
                    if status != 200 || !stream {
                        problems.push(format!(
                            "{method} {pattern} as {viewer:?}: not an event stream ({status})"
                        ));
                    }
                    continue;
                }
                let location = res
                    .headers()
                    .get("location")
                    .map(|l| l.to_str().unwrap().to_string())
                    .unwrap_or_default();
                let body = res.text().await.unwrap_or_default();
                let got_ok = match wanted {
                    // Answered (a page, or a page explaining why not now), not refused.
                    Expect::Allowed => status == 200 || status == 422,
                    Expect::SignIn => status == 303 && location.starts_with("/sign-in"),
                    Expect::Refused(code) => status == code,
                    Expect::Redirect(to) => status == 303 && location == to,
                };
                if !got_ok {
                    problems.push(format!("{method} {pattern} as {viewer:?} ({state:?}): wanted {wanted:?}, got {status} {location}"));
                }
                // No title of an application that is not public reaches anyone off its team.
                // Editors pick from every submitted application for stories, and administrators
                // run the round: their own pages may name what is not public yet.
                let trusted = wanted == Expect::Allowed
                    && matches!(
                        rule,
                        Rule::Writer | Rule::WriterOnStory | Rule::Administrator | Rule::JuryLead
                    );
                // An unpublished story's title reaches only those who may edit it.
                let story_editor = matches!(viewer, Viewer::Editor | Viewer::Administrator);
                if !story_editor && body.contains(DRAFT_STORY_TITLE) {
                    problems.push(format!(
                        "{method} {pattern} as {viewer:?}: the draft story's title leaks"
                    ));
                }
                if !viewer.on_team() && !trusted {
                    for (hidden, title) in TITLES {
                        let still_hidden = hidden != State::Hidden || !public_phase;
                        if still_hidden && body.contains(title) {
                            problems.push(format!("{method} {pattern} as {viewer:?}: the title of the {hidden:?} application leaks"));
                        }
                    }
                }
            }
        }
    }
}

on_both_backends! {
    async fn every_route_answers_every_viewer_as_the_rules_say(app) {
        let world = world(app).await;
        let mut problems = Vec::new();
        ask(app, &world, false, &mut problems).await;
        app.clock.set(DEADLINE);
        ask(app, &world, true, &mut problems).await;
        assert!(problems.is_empty(), "{} problems:\n{}", problems.len(), problems.join("\n"));
    }
}
