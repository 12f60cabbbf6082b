//! Pages everyone can see.

pub mod accessibility;
pub mod application;
pub mod catalogue;
pub mod family;
pub mod feeds;
pub mod hall_of_fame;
pub mod home;
pub mod language;
pub mod reactions;
pub mod tips;
