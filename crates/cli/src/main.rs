//! The `prisverdig` binary: commands, configuration, logging and wiring. Every failure
//! ends in one line on stderr and a non-zero exit code, never a panic trace.

mod commands;
mod progress;
mod settings;

use clap::{Parser, Subcommand};
use settings::Settings;
use std::net::SocketAddr;
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(Parser)]
#[command(
    name = "prisverdig",
    version,
    about = "Innovation prizes where everyone who applies is seen"
)]
struct Cli {
    /// Configuration file (TOML); see config/default.toml.
    #[arg(long, global = true, env = "PRISVERDIG_CONFIG")]
    config: Option<PathBuf>,
    /// Directory for the embedded database, files and mail.
    #[arg(long, global = true)]
    data_dir: Option<PathBuf>,
    /// Database URL: sqlite://FILE or postgres://…
    #[arg(long, global = true)]
    database_url: Option<String>,
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Run the web server (migrations run first).
    Serve {
        /// Address to listen on.
        #[arg(long)]
        bind: Option<SocketAddr>,
        /// Fill an empty database with the demo organisation first.
        #[arg(long)]
        demo: bool,
    },
    /// Apply database migrations and exit.
    Migrate,
    /// Fill an existing, empty database with the demo organisation.
    Demo,
    /// Write units, rounds, applications, decisions and adoptions to FILE as JSON
    /// (docs/exchange-format.md).
    Export { file: PathBuf },
    /// Read FILE written by `export`: checks everything first and imports all or nothing.
    Import { file: PathBuf },
    /// Write a consistent backup of the database and the uploaded files to FILE while the
    /// server runs (docs/backup.md).
    Backup { file: PathBuf },
    /// Restore FILE written by `backup` into an empty data directory (or empty PostgreSQL
    /// database), checking every checksum and table first.
    Restore { file: PathBuf },
    /// Add N generated applications in archived years before the earliest round (the demo
    /// first, when the database is empty): for trying the product at scale and for the
    /// benchmarks (bench/scale.sh). The same N gives the same data.
    Seed {
        /// How many applications.
        #[arg(long)]
        applications: usize,
    },
    /// Build the search index anew from the database (stop the server first); servers keep
    /// it up to date themselves, and import and seed bring it up to date.
    Reindex,
    /// Manage user accounts.
    User {
        #[command(subcommand)]
        command: commands::user::UserCommand,
    },
}

fn settings(cli: &Cli, bind: Option<SocketAddr>) -> Result<Settings, String> {
    let mut settings = Settings::load(cli.config.as_ref(), &|name| std::env::var(name).ok())?;
    if let Some(dir) = &cli.data_dir {
        settings.data_dir = dir.clone();
    }
    if let Some(url) = &cli.database_url {
        settings.database_url = Some(url.clone());
    }
    if let Some(bind) = bind {
        settings.bind = bind;
    }
    Ok(settings)
}

fn init_logging(filter: &str) {
    let filter = tracing_subscriber::EnvFilter::try_new(filter)
        .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new("info"));
    tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_writer(std::io::stderr)
        .init();
}

async fn run(cli: Cli) -> anyhow::Result<()> {
    let bind = match &cli.command {
        Command::Serve { bind, .. } => *bind,
        _ => None,
    };
    let settings = settings(&cli, bind).map_err(anyhow::Error::msg)?;
    init_logging(&settings.log);
    match cli.command {
        Command::Serve { demo, .. } => commands::serve::run(settings, demo).await,
        Command::Migrate => commands::migrate(&settings).await,
        Command::Demo => commands::demo(&settings).await,
        Command::Export { file } => commands::exchange::export(&settings, &file).await,
        Command::Import { file } => commands::exchange::import(&settings, &file).await,
        Command::Backup { file } => commands::backup::backup(&settings, &file).await,
        Command::Restore { file } => commands::backup::restore(&settings, &file).await,
        Command::Reindex => commands::reindex::run(&settings).await,
        Command::Seed { applications } => commands::seed::run(&settings, applications).await,
        Command::User { command } => commands::user::run(&settings, command).await,
    }
}

fn main() -> ExitCode {
    prisverdig_service::memory::limit_arenas();
    let cli = Cli::parse();
    let runtime = match tokio::runtime::Runtime::new() {
        Ok(rt) => rt,
        Err(e) => {
            eprintln!("prisverdig: cannot start the async runtime: {e}");
            return ExitCode::FAILURE;
        }
    };
    match runtime.block_on(run(cli)) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("prisverdig: {e:#}");
            ExitCode::FAILURE
        }
    }
}
