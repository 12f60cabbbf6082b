//! Endpoints for operators: health and metrics.

pub mod health;
pub mod metrics;
