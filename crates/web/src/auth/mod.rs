//! Signing in and out with a local account.

pub mod sign_in;
pub mod sign_out;
