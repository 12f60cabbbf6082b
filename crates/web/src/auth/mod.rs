//! Signing in and out with a local account, and invitation links that set its password.

pub mod invitation;
pub mod sign_in;
pub mod sign_out;
