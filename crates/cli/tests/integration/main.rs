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
mod jury;
mod jury_assignment;
mod oidc;
mod page_cache;
mod pages;
mod privacy;
mod refusals;
mod request_ids;
mod rounds;
mod route_table;
mod schema;
mod second_factor;
mod sessions;
mod stories;
mod tips;
mod uploads;
mod users;
mod visibility;
mod writes;
