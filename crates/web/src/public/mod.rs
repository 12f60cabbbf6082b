//! Pages everyone can see.

pub mod home;
pub mod language;
pub mod tips;
