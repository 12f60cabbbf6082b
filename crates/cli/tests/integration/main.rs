//! The one integration test binary: the real server on loopback, on both backends.

mod harness;

mod admin;
mod auth;
mod binary;
mod demo;
mod pages;
mod schema;
mod writes;
