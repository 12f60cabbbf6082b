//! Prisverdig's pure domain rules: types with `parse()`, state machines, deadlines and
//! access rules. No I/O, no async, no database: every time rule takes `now` as an argument.

pub mod account;
pub mod application;
pub mod application_form;
pub mod attention;
pub mod category;
pub mod colour;
pub mod defaults;
pub mod email;
pub mod endorsement;
pub mod error;
pub mod exchange;
pub mod follow_up;
pub mod jury;
pub mod language;
pub mod local_time;
pub mod mail;
pub mod outcome;
pub mod password;
pub mod peoples_choice;
pub mod public_answers;
pub mod results;
pub mod role;
pub mod round;
pub mod schedule;
pub mod scoring;
pub mod session;
pub mod setup;
pub mod sign_in;
pub mod statistics;
pub mod story;
pub mod unit;
pub mod unit_import;
pub mod unit_merge;

pub use error::ValidationError;
