//! The one integration test binary: the real server on loopback, on both backends.

mod harness;

mod access_matrix;
mod admin;
mod admin_edits;
mod apply;
mod attention;
mod audit;
mod auth;
mod binary;
mod catalogue;
mod contracts;
mod decisions;
mod demo;
mod endorsements;
mod exchange;
mod fixtures;
mod history;
mod jury;
mod jury_assignment;
mod jury_discussion;
mod mail;
mod mail_jobs;
mod oidc;
mod page_cache;
mod pages;
mod peoples_choice;
mod privacy;
mod public_answers;
mod refusals;
mod request_ids;
mod round_archive;
mod rounds;
mod route_table;
mod schema;
mod search;
mod second_factor;
mod sessions;
#[path = "../../../../bench/src/smtp_sink.rs"]
mod smtp_sink;
mod stories;
mod tips;
mod uploads;
mod users;
mod visibility;
mod writes;
