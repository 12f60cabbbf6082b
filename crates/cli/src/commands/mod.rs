//! The subcommands. Each opens the database the settings name and calls the services.

pub mod backup;
pub mod exchange;
pub mod reindex;
pub mod seed;
pub mod serve;
pub mod user;

use crate::settings::{FilesConfig, Settings};
use anyhow::Context;
use prisverdig_service::demo::DemoCredentials;
use prisverdig_service::files::{FileStore, LocalFileStore, S3FileStore};
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
    let files = file_store(settings).await?;
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

/// Where uploaded files are kept. A bucket is listed once here, so that a wrong bucket,
/// endpoint or credentials stop start-up with one line instead of failing the first upload.
pub async fn file_store(settings: &Settings) -> anyhow::Result<Arc<dyn FileStore>> {
    match &settings.files {
        FilesConfig::Local => Ok(Arc::new(LocalFileStore::new(&settings.data_dir))),
        FilesConfig::S3(s3) => {
            let store = S3FileStore::new(s3)
                .map_err(|e| anyhow::anyhow!("setting files_backend = \"s3\": {e}"))?;
            store.check().await.map_err(|e| {
                let reason = e
                    .to_string()
                    .split_whitespace()
                    .collect::<Vec<_>>()
                    .join(" ");
                anyhow::anyhow!(
                    "cannot list {} (check s3_bucket, s3_endpoint, s3_region and the \
                     credentials): {reason}",
                    store.location()
                )
            })?;
            Ok(Arc::new(store))
        }
    }
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
