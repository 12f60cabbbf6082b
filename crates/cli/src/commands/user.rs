//! `prisverdig user add`: create a local account and print its one-time password.

use crate::settings::Settings;
use clap::Subcommand;
use prisverdig_domain::role::Role;
use prisverdig_service::ServiceError;
use prisverdig_service::users::{AddUser, generate_password};
use std::io::BufRead;

#[derive(Subcommand)]
pub enum UserCommand {
    /// Add a user with one or more roles.
    Add {
        #[arg(long)]
        email: String,
        #[arg(long)]
        name: String,
        /// applicant, leader, juror, administrator or editor; repeat for several.
        #[arg(long = "role", required = true, value_parser = parse_role)]
        roles: Vec<Role>,
        /// Read the password from the first line of standard input instead of generating one.
        #[arg(long)]
        password_stdin: bool,
    },
    /// Break-glass: remove a user's second factor (authenticator and recovery codes), for one
    /// who lost both; their next sign-in sets up a new authenticator.
    ResetSecondFactor {
        #[arg(long)]
        email: String,
    },
}

fn parse_role(input: &str) -> Result<Role, String> {
    Role::parse(input).ok_or_else(|| {
        let names: Vec<_> = Role::ALL.iter().map(|r| r.as_str()).collect();
        format!("unknown role {input:?}; use one of {}", names.join(", "))
    })
}

pub async fn run(settings: &Settings, command: UserCommand) -> anyhow::Result<()> {
    let (email, name, roles, password_stdin) = match command {
        UserCommand::Add {
            email,
            name,
            roles,
            password_stdin,
        } => (email, name, roles, password_stdin),
        UserCommand::ResetSecondFactor { email } => {
            return reset_second_factor(settings, &email).await;
        }
    };
    let password = if password_stdin {
        let mut line = String::new();
        std::io::stdin().lock().read_line(&mut line)?;
        line.trim_end_matches(['\r', '\n']).to_string()
    } else {
        generate_password()
    };
    let services = super::open(settings).await?;
    let input = AddUser {
        email: &email,
        name: &name,
        roles: &roles,
        password: &password,
    };
    match services.add_user(input).await {
        Ok(_) => {}
        Err(ServiceError::Invalid(errors)) => {
            let problems: Vec<_> = errors
                .iter()
                .map(|e| format!("{} ({})", e.field, e.message_id))
                .collect();
            anyhow::bail!("cannot add the user: {}", problems.join(", "));
        }
        Err(e) => return Err(e.into()),
    }
    println!("Added {email}.");
    if !password_stdin {
        println!("One-time password: {password}");
    }
    Ok(())
}

async fn reset_second_factor(settings: &Settings, email: &str) -> anyhow::Result<()> {
    let services = super::open(settings).await?;
    if !services.remove_second_factor(email).await? {
        anyhow::bail!("no user with the e-mail address {email}");
    }
    println!("Removed the second factor of {email}; their next sign-in sets up a new one.");
    Ok(())
}
