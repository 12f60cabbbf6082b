//! What an applicant typed that the server could not store yet, kept in their session
//! until a save stores everything. A refused or partly stored save redirects (303) to the
//! edit page, which shows the typed text again with each problem at its field, also after
//! a reload (Post/Redirect/Get without losing a character).

use crate::i18n::Locale;
use crate::layout::FormErrors;
use serde::{Deserialize, Serialize};
use tower_sessions::Session;
use uuid::Uuid;

/// A problem as kept: field, message id and the limit it names.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct KeptProblem {
    pub field: String,
    pub message_id: String,
    pub limit: Option<usize>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Kept {
    /// The application's version right after the refused or partial save. A later
    /// version means someone saved since: the page then shows both, as for a conflict.
    pub version: i64,
    /// The posted form, as sent.
    pub body: String,
    pub problems: Vec<KeptProblem>,
    pub conflict: bool,
}

impl Kept {
    pub fn new(version: i64, body: &[u8], problems: &[KeptProblem], conflict: bool) -> Kept {
        Kept {
            version,
            body: String::from_utf8_lossy(body).into_owned(),
            problems: problems.to_vec(),
            conflict,
        }
    }

    pub fn errors(&self, locale: Locale) -> FormErrors {
        let mut errors = FormErrors::default();
        for p in &self.problems {
            errors.add_translated(locale, &p.field, &p.message_id, p.limit);
        }
        errors
    }
}

fn key(id: Uuid) -> String {
    format!("apply-kept-{id}")
}

fn saved_key(id: Uuid) -> String {
    format!("apply-saved-{id}")
}

pub async fn keep(
    session: &Session,
    id: Uuid,
    kept: &Kept,
) -> Result<(), tower_sessions::session::Error> {
    session.insert(&key(id), kept).await
}

pub async fn kept(
    session: &Session,
    id: Uuid,
) -> Result<Option<Kept>, tower_sessions::session::Error> {
    session.get(&key(id)).await
}

/// Everything was stored: forget what was kept, and say «saved» once on the next page.
pub async fn stored(
    session: &Session,
    id: Uuid,
    say_saved: bool,
) -> Result<(), tower_sessions::session::Error> {
    take::<Kept>(session, &key(id)).await?;
    if say_saved {
        session.insert(&saved_key(id), true).await?;
    }
    Ok(())
}

/// Whether the last save stored everything (told once).
pub async fn take_saved(
    session: &Session,
    id: Uuid,
) -> Result<bool, tower_sessions::session::Error> {
    Ok(take::<bool>(session, &saved_key(id))
        .await?
        .unwrap_or(false))
}

/// Removes `key` when the session holds it. tower-sessions counts every `remove` as a
/// change, even of nothing, and writes a changed session back to the database after the
/// request: each autosave and each view of the form was a second write (issue 16: the
/// draft saves' tail with 50 writers).
async fn take<T: serde::de::DeserializeOwned>(
    session: &Session,
    key: &str,
) -> Result<Option<T>, tower_sessions::session::Error> {
    if session.get_value(key).await?.is_none() {
        return Ok(None);
    }
    session.remove(key).await
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::Arc;
    use tower_sessions::MemoryStore;

    fn session() -> Session {
        Session::new(None, Arc::new(MemoryStore::default()), None)
    }

    #[tokio::test]
    async fn a_save_with_nothing_kept_leaves_the_session_unchanged() {
        let session = session();
        let id = Uuid::now_v7();
        stored(&session, id, false).await.unwrap();
        assert!(!take_saved(&session, id).await.unwrap());
        assert!(
            !session.is_modified(),
            "nothing to forget: nothing to write"
        );
    }

    #[tokio::test]
    async fn what_was_kept_is_forgotten_and_saved_is_told_once() {
        let session = session();
        let id = Uuid::now_v7();
        keep(&session, id, &Kept::new(3, b"title=x", &[], false))
            .await
            .unwrap();
        assert!(kept(&session, id).await.unwrap().is_some());
        stored(&session, id, true).await.unwrap();
        assert!(session.is_modified());
        assert!(kept(&session, id).await.unwrap().is_none());
        assert!(take_saved(&session, id).await.unwrap());
        assert!(!take_saved(&session, id).await.unwrap());
    }
}
