//! The second factor's pages. After a right password the session holds a [`Pending`]
//! sign-in, never the user: `GET/POST /sign-in/code` asks for a TOTP or recovery code, and
//! `GET/POST /account/second-factor` enrols an authenticator (for a pending sign-in whose
//! roles require one, or for a signed-in user who wants one). The user is signed in only
//! after the code; new recovery codes are shown once, at `/account/recovery-codes`.

use crate::error::WebError;
use crate::extract::client::ClientAddress;
use crate::extract::user::{MaybeUser, SignedIn, start_session};
use crate::layout::{FormErrors, Shell};
use crate::state::AppState;
use askama::Template;
use askama_web::WebTemplate;
use axum::Form;
use axum::extract::{Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use prisverdig_domain::sign_in::Assurance;
use prisverdig_service::ServiceError;
use serde::{Deserialize, Serialize};
use time::OffsetDateTime;
use tower_sessions::Session;
use uuid::Uuid;

/// A sign-in whose password was right, waiting for its second factor.
const PENDING_KEY: &str = "pending_sign_in";
/// The secret shown on the enrolment page until a code confirms it.
const SECRET_KEY: &str = "enrolment_secret";
/// Recovery codes just made, shown once, and where to go on from them.
const NEW_CODES_KEY: &str = "new_recovery_codes";
/// A pending sign-in lasts this long.
const PENDING_MINUTES: i64 = 10;

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Pending {
    user: Uuid,
    next: String,
    started: i64,
}

impl Pending {
    pub fn new(user: Uuid, next: String, now: OffsetDateTime) -> Pending {
        Pending {
            user,
            next,
            started: now.unix_timestamp(),
        }
    }
}

#[derive(Debug, Clone, Serialize, Deserialize)]
struct NewCodes {
    codes: Vec<String>,
    next: String,
}

/// The session's pending sign-in, if it has one that has not expired.
async fn pending(state: &AppState, session: &Session) -> Result<Option<Pending>, WebError> {
    let Some(pending) = session.get::<Pending>(PENDING_KEY).await? else {
        return Ok(None);
    };
    let age = state.services.clock.now().unix_timestamp() - pending.started;
    if !(0..=PENDING_MINUTES * 60).contains(&age) {
        session.remove::<Pending>(PENDING_KEY).await?;
        return Ok(None);
    }
    Ok(Some(pending))
}

/// Leaves `pending` in a fresh session and sends the browser to the code page.
pub async fn ask_for_code(session: &Session, pending: Pending) -> Result<Response, WebError> {
    session.cycle_id().await?;
    session.insert(PENDING_KEY, pending).await?;
    Ok(Redirect::to("/sign-in/code").into_response())
}

/// Leaves `pending` in a fresh session and sends the browser to enrol.
pub async fn ask_to_enrol(session: &Session, pending: Pending) -> Result<Response, WebError> {
    session.cycle_id().await?;
    session.insert(PENDING_KEY, pending).await?;
    Ok(Redirect::to("/account/second-factor").into_response())
}

/// Signs the pending user in: a fresh session id holding the user, nothing pending.
async fn complete(session: &Session, user: Uuid) -> Result<(), WebError> {
    session.remove::<Pending>(PENDING_KEY).await?;
    session.remove::<String>(SECRET_KEY).await?;
    start_session(session, user, Assurance::SecondFactor).await
}

#[derive(Template, WebTemplate)]
#[template(path = "auth/code.html")]
pub struct CodePage {
    shell: Shell,
    /// Asks for a recovery code instead of the app's code.
    recovery: bool,
    errors: FormErrors,
}

#[derive(Deserialize, Default)]
pub struct CodeQuery {
    #[serde(default)]
    recovery: Option<String>,
}

pub async fn code_form(
    State(state): State<AppState>,
    shell: Shell,
    session: Session,
    Query(query): Query<CodeQuery>,
) -> Result<Response, WebError> {
    if pending(&state, &session).await?.is_none() {
        return Ok(Redirect::to("/sign-in").into_response());
    }
    let page = CodePage {
        shell,
        recovery: query.recovery.is_some(),
        errors: FormErrors::default(),
    };
    Ok(page.into_response())
}

#[derive(Deserialize)]
pub struct CodeForm {
    #[serde(default)]
    code: String,
    #[serde(default)]
    recovery: Option<String>,
}

pub async fn code_submit(
    State(state): State<AppState>,
    shell: Shell,
    session: Session,
    ClientAddress(address): ClientAddress,
    Form(form): Form<CodeForm>,
) -> Result<Response, WebError> {
    let Some(pending) = pending(&state, &session).await? else {
        return Ok(Redirect::to("/sign-in").into_response());
    };
    let mut errors = FormErrors::default();
    let status = if form.code.trim().is_empty() {
        errors.add(shell.locale, "code", "error-required");
        StatusCode::UNPROCESSABLE_ENTITY
    } else {
        let outcome = state
            .services
            .sign_in_with_code(pending.user, &form.code, address)
            .await;
        match outcome {
            Ok(user) => {
                complete(&session, user.id).await?;
                return Ok(Redirect::to(&pending.next).into_response());
            }
            Err(ServiceError::Invalid(problems)) => {
                errors = FormErrors::of(shell.locale, &problems);
                StatusCode::UNPROCESSABLE_ENTITY
            }
            Err(ServiceError::RateLimited) => {
                errors.add(shell.locale, "code", "error-rate-limited");
                StatusCode::TOO_MANY_REQUESTS
            }
            Err(other) => return Err(other.into()),
        }
    };
    let page = CodePage {
        shell,
        recovery: form.recovery.is_some(),
        errors,
    };
    Ok((status, page).into_response())
}

#[derive(Template, WebTemplate)]
#[template(path = "auth/enrol.html")]
pub struct EnrolPage {
    shell: Shell,
    /// Signing in: the roles require this before going on.
    required: bool,
    secret: String,
    uri: String,
    /// The URI as a QR code, an SVG document rendered as markup.
    qr_svg: String,
    errors: FormErrors,
}

/// Who is enrolling: a pending sign-in, or else the signed-in user.
async fn enrolling(
    state: &AppState,
    session: &Session,
    signed_in: Option<prisverdig_service::model::User>,
) -> Result<Option<(prisverdig_service::model::User, bool)>, WebError> {
    if let Some(pending) = pending(state, session).await? {
        return Ok(state.services.user(pending.user).await?.map(|u| (u, true)));
    }
    Ok(signed_in.map(|u| (u, false)))
}

fn qr_svg(uri: &str) -> Result<String, WebError> {
    let code = qrcode::QrCode::new(uri.as_bytes())
        .map_err(|e| ServiceError::internal("drawing the QR code", e.to_string()))?;
    Ok(code
        .render::<qrcode::render::svg::Color<'_>>()
        .min_dimensions(200, 200)
        .quiet_zone(true)
        .build())
}

async fn enrol_page(
    state: &AppState,
    shell: Shell,
    session: &Session,
    email: &str,
    required: bool,
    errors: FormErrors,
) -> Result<EnrolPage, WebError> {
    let kept = session.get::<String>(SECRET_KEY).await?;
    let issuer = state.organisation_name().await.to_string();
    let enrolment = state
        .services
        .totp_enrolment(&issuer, email, kept.as_deref())?;
    if kept.is_none() {
        session.insert(SECRET_KEY, &enrolment.secret).await?;
    }
    Ok(EnrolPage {
        shell,
        required,
        qr_svg: qr_svg(&enrolment.uri)?,
        secret: enrolment.secret,
        uri: enrolment.uri,
        errors,
    })
}

pub async fn enrol_form(
    State(state): State<AppState>,
    shell: Shell,
    session: Session,
    MaybeUser(user): MaybeUser,
) -> Result<Response, WebError> {
    let Some((user, required)) = enrolling(&state, &session, user).await? else {
        return Ok(Redirect::to("/sign-in?next=%2Faccount%2Fsecond-factor").into_response());
    };
    if state.services.second_factor_status(&user).await?.enrolled {
        return Ok(Redirect::to("/account/security").into_response());
    }
    let page = enrol_page(
        &state,
        shell,
        &session,
        &user.email,
        required,
        FormErrors::default(),
    );
    Ok(page.await?.into_response())
}

#[derive(Deserialize)]
pub struct EnrolForm {
    #[serde(default)]
    code: String,
}

pub async fn enrol_submit(
    State(state): State<AppState>,
    shell: Shell,
    session: Session,
    MaybeUser(user): MaybeUser,
    Form(form): Form<EnrolForm>,
) -> Result<Response, WebError> {
    let Some((user, required)) = enrolling(&state, &session, user).await? else {
        return Ok(Redirect::to("/sign-in").into_response());
    };
    let Some(secret) = session.get::<String>(SECRET_KEY).await? else {
        return Ok(Redirect::to("/account/second-factor").into_response());
    };
    let outcome = state
        .services
        .enrol_second_factor(user.id, &secret, &form.code)
        .await;
    match outcome {
        Ok(codes) => {
            let next = match pending(&state, &session).await? {
                Some(pending) => {
                    complete(&session, user.id).await?;
                    pending.next
                }
                None => {
                    session.remove::<String>(SECRET_KEY).await?;
                    "/account/security".to_string()
                }
            };
            session
                .insert(NEW_CODES_KEY, NewCodes { codes, next })
                .await?;
            Ok(Redirect::to("/account/recovery-codes").into_response())
        }
        Err(ServiceError::Invalid(problems)) => {
            let errors = FormErrors::of(shell.locale, &problems);
            let page = enrol_page(&state, shell, &session, &user.email, required, errors).await?;
            Ok((StatusCode::UNPROCESSABLE_ENTITY, page).into_response())
        }
        Err(ServiceError::Conflict) => Ok(Redirect::to("/account/security").into_response()),
        Err(other) => Err(other.into()),
    }
}

#[derive(Template, WebTemplate)]
#[template(path = "auth/recovery_codes.html")]
pub struct RecoveryCodesPage {
    shell: Shell,
    codes: Vec<String>,
    next: String,
}

/// The codes just made, once: a reload finds them gone.
pub async fn recovery_codes(
    shell: Shell,
    session: Session,
    SignedIn(_user): SignedIn,
) -> Result<Response, WebError> {
    let Some(new) = session.remove::<NewCodes>(NEW_CODES_KEY).await? else {
        return Ok(Redirect::to("/account/security").into_response());
    };
    let page = RecoveryCodesPage {
        shell,
        codes: new.codes,
        next: new.next,
    };
    Ok(page.into_response())
}

/// Ten new recovery codes; the old ones stop working.
pub async fn renew_recovery_codes(
    State(state): State<AppState>,
    session: Session,
    SignedIn(user): SignedIn,
) -> Result<Response, WebError> {
    let codes = state.services.renew_recovery_codes(&user).await?;
    let next = "/account/security".to_string();
    session
        .insert(NEW_CODES_KEY, NewCodes { codes, next })
        .await?;
    Ok(Redirect::to("/account/recovery-codes").into_response())
}

#[derive(Template, WebTemplate)]
#[template(path = "auth/security.html")]
pub struct SecurityPage {
    shell: Shell,
    enrolled: bool,
    recovery_codes_left: i64,
    required: bool,
}

pub async fn security(
    State(state): State<AppState>,
    shell: Shell,
    SignedIn(user): SignedIn,
) -> Result<SecurityPage, WebError> {
    let status = state.services.second_factor_status(&user).await?;
    Ok(SecurityPage {
        shell,
        enrolled: status.enrolled,
        recovery_codes_left: status.recovery_codes_left,
        required: prisverdig_domain::sign_in::requires_second_factor(&user.roles),
    })
}
