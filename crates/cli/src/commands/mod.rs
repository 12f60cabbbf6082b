//! The subcommands. Each opens the database the settings name and calls the services.

pub mod backup;
pub mod exchange;
pub mod reindex;
pub mod seed;
pub mod serve;
pub mod user;

use crate::settings::Settings;
use anyhow::Context;
use prisverdig_service::demo::DemoCredentials;
use prisverdig_service::files::LocalFileStore;
use prisverdig_service::{Services, SystemClock};
use prisverdig_store::Db;
use std::sync::Arc;

/// Opens (creating the data directory for SQLite) and migrates the database.
pub async fn open(settings: &Settings) -> anyhow::Result<Services> {
    let url = settings.database_url();
    if !url.starts_with("postgres") {
        std::fs::create_dir_all(&settings.data_dir).with_context(|| {
            format!(
                "cannot create the data directory {}",
                settings.data_dir.display()
            )
        })?;
    }
    let db = Db::connect(&url, settings.db_max_connections).await?;
    db.migrate().await.context("cannot migrate the database")?;
    let files = Arc::new(LocalFileStore::new(&settings.data_dir));
    let search_dir = settings.data_dir.join("search");
    Services::new(db, Arc::new(SystemClock), files)
        .with_search_dir(search_dir)
        .with_invitation_days(settings.invitation_days)
        .with_draft_retention_days(settings.draft_retention_days)
        .with_sign_in_limits(Default::default(), settings.password_checks)
        .with_local_sign_in(settings.local_sign_in)
        .with_mail(settings.mail.service_settings(&settings.public_url))
        .with_sso(&settings.public_url, settings.oidc.clone())
        .map_err(|e| anyhow::anyhow!("setting {e}"))
}

pub async fn migrate(settings: &Settings) -> anyhow::Result<()> {
    open(settings).await?;
    println!("The database is up to date.");
    Ok(())
}

pub async fn demo(settings: &Settings) -> anyhow::Result<()> {
    let services = open(settings).await?;
    let credentials = services.seed_demo().await?;
    print_credentials(&credentials);
    Ok(())
}

pub fn print_credentials(c: &DemoCredentials) {
    println!("Demo data created. Sign in as the administrator:");
    println!("  e-mail:   {}", c.admin_email);
    println!("  password: {}", c.password);
    println!("  TOTP secret: {}", c.totp_secret);
    println!("  TOTP URI: {}", c.totp_uri);
    println!("Add the secret to an authenticator app (or open the URI): after the password, the");
    println!("administrator and the jurors are asked for its six-digit code.");
    println!("The same password works for the other demo accounts:");
    for (email, roles) in &c.other_accounts {
        let roles: Vec<_> = roles.iter().map(|r| r.as_str()).collect();
        println!("  {email} ({})", roles.join(", "));
    }
    println!("Editors (and the administrator) write stories for «Tanketanken» at /stories/drafts.");
    println!("This password is shown only once.");
}
