//! A story as a teaser in lists: on the front page, `/stories` and an application's page.

use crate::format::date_time;
use crate::i18n::Locale;
use prisverdig_service::model::StoryRow;
use uuid::Uuid;

/// A story in a list: the front page, `/stories`, an application's page.
pub struct StoryTeaser {
    pub id: Uuid,
    pub title: String,
    pub lead: String,
    pub author: String,
    /// When it was published, in the visitor's language.
    pub published: String,
}

impl StoryTeaser {
    pub fn of(locale: Locale, s: StoryRow) -> StoryTeaser {
        StoryTeaser {
            published: s
                .published_at
                .map(|at| date_time(locale, at))
                .unwrap_or_default(),
            id: s.id,
            title: s.title,
            lead: s.lead,
            author: crate::labels::person_name(locale, s.author_name),
        }
    }

    pub fn all(locale: Locale, stories: Vec<StoryRow>) -> Vec<StoryTeaser> {
        stories.into_iter().map(|s| Self::of(locale, s)).collect()
    }
}
