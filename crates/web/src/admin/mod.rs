//! The administrator's pages: the organisation chart, rounds, categories with their
//! criteria and questions, tips, user accounts, the outbox and the scheduled jobs.

mod assignment;
mod audit;
mod categories;
mod criteria;
mod home;
mod jobs;
mod jury;
mod listed;
mod listed_form;
mod outbox;
mod questions;
mod redaction;
mod round_form;
mod round_show;
mod rounds;
mod tips;
mod unit_archived;
mod unit_edit;
mod unit_import;
mod units;
mod user_form;
mod users;

use crate::state::AppState;
use axum::Router;
use axum::routing::{get, post};

pub fn routes() -> Router<AppState> {
    use criteria::CriterionForm as Criterion;
    use listed_form as item;
    use questions::QuestionForm as Question;
    Router::new()
        .route("/admin", get(home::show))
        .route("/admin/units", get(units::show).post(units::create))
        .route(
            "/admin/units/import",
            get(unit_import::form).post(unit_import::submit),
        )
        .route("/admin/units/{id}", get(unit_edit::show))
        .route("/admin/units/{id}/{action}", post(unit_edit::change))
        .route("/admin/rounds", get(rounds::show))
        .route(
            "/admin/rounds/new",
            get(round_form::new_form).post(round_form::create),
        )
        .route("/admin/rounds/{id}", get(round_show::show))
        .route(
            "/admin/rounds/{id}/edit",
            get(round_form::edit_form).post(round_form::update),
        )
        .route(
            "/admin/rounds/{id}/transition",
            post(round_show::transition),
        )
        .route("/admin/rounds/{id}/copy", post(round_show::copy))
        .route("/admin/rounds/{id}/call", post(round_show::call))
        .route(
            "/admin/rounds/{id}/delete",
            get(round_show::confirm_delete).post(round_show::delete),
        )
        .route(
            "/admin/rounds/{id}/categories/new",
            get(categories::new_form).post(categories::create),
        )
        .route(
            "/admin/categories/{id}",
            get(categories::edit_form).post(categories::update),
        )
        .route(
            "/admin/categories/{id}/criteria/new",
            get(item::new_form::<Criterion>).post(item::create::<Criterion>),
        )
        .route(
            "/admin/categories/{id}/criteria/{item}",
            get(item::edit_form::<Criterion>).post(item::update::<Criterion>),
        )
        .route(
            "/admin/categories/{id}/questions/new",
            get(item::new_form::<Question>).post(item::create::<Question>),
        )
        .route(
            "/admin/categories/{id}/questions/{item}",
            get(item::edit_form::<Question>).post(item::update::<Question>),
        )
        .route(
            "/admin/categories/{id}/{list}/{item}/remove",
            post(listed::remove),
        )
        .route(
            "/admin/categories/{id}/{list}/{item}/move",
            post(listed::move_item),
        )
        .route("/admin/users", get(users::list))
        .route(
            "/admin/users/new",
            get(user_form::form).post(user_form::create),
        )
        .route("/admin/users/{id}", get(users::show))
        .route("/admin/users/{id}/roles", post(users::roles))
        .route("/admin/users/{id}/active", post(users::active))
        .route("/admin/users/{id}/unit", post(users::unit))
        .route("/admin/users/{id}/invitation", post(users::renew))
        .route("/admin/audit", get(audit::list))
        .route("/admin/audit.csv", get(audit::download))
        .route(
            "/admin/categories/{id}/jury",
            get(jury::show).post(jury::add),
        )
        .route(
            "/admin/categories/{id}/jury/assignment",
            get(assignment::show).post(assignment::choose),
        )
        .route(
            "/admin/categories/{id}/jury/assignment/pair",
            post(assignment::pair),
        )
        .route("/admin/categories/{id}/jury/{member}", post(jury::change))
        .route("/admin/categories/{id}/jury/round", post(jury::share))
        .route("/admin/categories/{id}/redactions", get(redaction::list))
        .route(
            "/admin/applications/{id}/redaction",
            get(redaction::show).post(redaction::save),
        )
        .route("/admin/conflicts", get(jury::conflicts))
        .route("/admin/conflicts/{id}", post(jury::decide))
        .route("/admin/outbox", get(outbox::list))
        .route("/admin/outbox/{id}/message.eml", get(outbox::eml))
        .route("/admin/outbox/{id}/resend", post(outbox::resend))
        .route("/admin/jobs", get(jobs::list))
        .route("/admin/tips", get(tips::list))
        .route("/admin/tips/{id}/handled", post(tips::handled))
}
