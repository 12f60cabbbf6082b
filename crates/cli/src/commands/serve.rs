//! `prisverdig serve`: migrate, optionally seed the demo, then serve until stopped.

use crate::settings::Settings;
use anyhow::Context;
use prisverdig_store::sessions::DbSessionStore;
use prisverdig_web::{AppState, WebSettings, router};
use tower_sessions::session_store::ExpiredDeletion;

pub async fn run(settings: Settings, demo: bool) -> anyhow::Result<()> {
    let listener = tokio::net::TcpListener::bind(settings.bind)
        .await
        .with_context(|| format!("cannot listen on {}", settings.bind))?;
    let services = super::open(&settings).await?;
    let transport = settings
        .mail
        .transport(&settings.data_dir)
        .map_err(|e| anyhow::anyhow!("setting smtp_url: {e}"))?;
    // The demo's round closed in 2019: with --demo its drafts are kept, so that a new user
    // sees them; without it, `draft_retention_days` applies to them like to any others.
    let services = if demo {
        services.with_draft_retention_days(0)
    } else {
        services
    };
    if demo && services.is_empty().await? {
        super::print_credentials(&services.seed_demo().await?);
    }
    let web = WebSettings {
        secure_cookies: settings.secure_cookies(),
        sessions: prisverdig_domain::session::SessionPolicy {
            idle: time::Duration::minutes(settings.session_idle_minutes),
            absolute: time::Duration::hours(settings.session_max_hours),
            recent: prisverdig_domain::session::RECENT_SIGN_IN,
        },
        contact_email: settings.contact_email.clone(),
        brand: brand(&settings)?,
        public_url: settings.public_url.clone(),
        metrics_token: settings.metrics_token.clone(),
        trusted_proxies: settings.trusted_proxies.clone(),
        widget: settings.widget.clone(),
    };
    let state = AppState::new(services.clone(), web).await?;
    // The search index is derived data: opened (or rebuilt) in the background, then kept
    // in step with changes other processes make.
    let warm = services.clone();
    tokio::spawn(async move {
        if let Err(e) = warm.search_index().await {
            tracing::error!(error = %e, "search index unavailable");
        }
        warm.follow_changes(std::time::Duration::from_secs(2)).await;
    });
    // Cached public pages go stale when another process changes public data.
    let follow = services.clone();
    tokio::spawn(async move {
        follow
            .follow_public_changes(std::time::Duration::from_secs(1))
            .await;
    });
    // Open pages hear within a second when nominees or results become public (a reveal at
    // the ceremony in any process, or a publication minute passing).
    let live = services.clone();
    tokio::spawn(async move {
        live.follow_results(std::time::Duration::from_secs(1)).await;
    });
    tokio::spawn(delete_expired_sessions(services.session_store()));
    if let Some(bind) = settings.metrics_bind {
        let listener = tokio::net::TcpListener::bind(bind)
            .await
            .with_context(|| format!("setting metrics_bind: cannot listen on {bind}"))?;
        let metrics = prisverdig_web::metrics_router(state.clone());
        tokio::spawn(async move { axum::serve(listener, metrics).await });
    }
    // Scheduled work (deadlines, publication minutes, reminders, the daily clean-up) and the
    // e-mail sender: every process runs both; the database decides who runs what once.
    let scheduler = services.clone();
    tokio::spawn(async move {
        scheduler
            .run_scheduler(std::time::Duration::from_secs(30))
            .await;
    });
    let sender = services.clone();
    tokio::spawn(async move {
        sender
            .run_mail_sender(transport, std::time::Duration::from_secs(5))
            .await;
    });
    println!("Prisverdig is serving at http://{}", settings.bind);
    tracing::info!(
        bind = %settings.bind,
        database = ?services.db().backend(),
        files = %services.files.location(),
        "serving"
    );
    // The peer's address reaches the handlers, for the sign-in limits per address.
    let app = router(state).into_make_service_with_connect_info::<std::net::SocketAddr>();
    axum::serve(listener, app)
        .with_graceful_shutdown(shutdown())
        .await
        .context("server stopped with an error")?;
    services.db().close().await;
    Ok(())
}

async fn shutdown() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let term = async {
        if let Ok(mut s) = tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate())
        {
            s.recv().await;
        }
    };
    #[cfg(not(unix))]
    let term = std::future::pending::<()>();
    tokio::select! {
        () = ctrl_c => {},
        () = term => {},
    }
}

/// Removes expired sessions once an hour; a failure is logged and retried next hour.
async fn delete_expired_sessions(store: DbSessionStore) {
    let mut every_hour = tokio::time::interval(tokio::time::Duration::from_secs(3600));
    loop {
        every_hour.tick().await;
        if let Err(e) = store.delete_expired().await {
            tracing::warn!(error = %e, "could not delete expired sessions");
        }
    }
}

/// The organisation's look from the settings; a logo that is not an image stops start-up.
fn brand(settings: &Settings) -> anyhow::Result<prisverdig_web::brand::Brand> {
    let logo = match &settings.logo_file {
        None => None,
        Some(path) => {
            let bytes = std::fs::read(path)
                .with_context(|| format!("setting logo_file: cannot read {}", path.display()))?;
            let inspected = prisverdig_service::files::inspect(&bytes, &Default::default())
                .ok()
                .filter(|i| i.kind == prisverdig_service::files::FileKind::Image)
                .with_context(|| {
                    format!(
                        "setting logo_file: {} is not a PNG, JPEG, WebP or GIF image",
                        path.display()
                    )
                })?;
            Some((inspected.content_type, bytes))
        }
    };
    Ok(prisverdig_web::brand::Brand {
        accent: settings.accent_colour,
        logo,
    })
}
