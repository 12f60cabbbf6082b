//! Stories for the innovation blog «Tanketanken»: the limits of a story, who may write them,
//! who may open and change one (`may_edit`: its author or an administrator), and when a
//! story is public (from its `published_at`, which may be scheduled ahead).

use crate::ValidationError;
use crate::role::Role;
use time::OffsetDateTime;
use uuid::Uuid;

pub const MAX_TITLE_CHARS: usize = 150;
pub const MAX_LEAD_CHARS: usize = 400;
pub const MAX_BODY_CHARS: usize = 20_000;
/// At most this many applications linked from one story.
pub const MAX_LINKS: usize = 12;
/// At most this many images on one story.
pub const MAX_IMAGES: usize = 6;
pub const MAX_ALT_CHARS: usize = 300;

/// Editors write stories; administrators may too.
pub fn may_write(roles: &[Role]) -> bool {
    roles
        .iter()
        .any(|r| matches!(r, Role::Editor | Role::Administrator))
}

/// Administrators open and change every story, whoever wrote it.
pub fn edits_every_story(roles: &[Role]) -> bool {
    roles.contains(&Role::Administrator)
}

/// May the user `user_id` (holding `roles`) open, change, publish or preview the story
/// written by `author_id`? Its author, while they may write stories, and administrators.
/// Every use case on one story asks this; to anyone else a story that is not public does
/// not exist, and a public one is only read.
pub fn may_edit(roles: &[Role], user_id: Uuid, author_id: Uuid) -> bool {
    edits_every_story(roles) || (may_write(roles) && user_id == author_id)
}

/// Where a story stands at `now`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StoryStatus {
    Draft,
    /// Published from a time still ahead.
    Scheduled,
    Published,
}

impl StoryStatus {
    pub fn at(published_at: Option<OffsetDateTime>, now: OffsetDateTime) -> StoryStatus {
        match published_at {
            None => StoryStatus::Draft,
            Some(at) if at > now => StoryStatus::Scheduled,
            Some(_) => StoryStatus::Published,
        }
    }
}

/// What an editor writes: the text and the applications it is about.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct StoryText {
    pub title: String,
    pub lead: String,
    pub body: String,
    pub links: Vec<Uuid>,
}

impl StoryText {
    /// Trims the text and drops repeated links, keeping the editor's order.
    pub fn normalised(mut self) -> StoryText {
        self.title = self.title.trim().to_string();
        self.lead = self.lead.trim().to_string();
        self.body = self.body.trim().to_string();
        let mut seen = Vec::with_capacity(self.links.len());
        self.links.retain(|id| {
            let new = !seen.contains(id);
            seen.push(*id);
            new
        });
        self
    }

    /// Every problem at once, each at its field.
    pub fn problems(&self) -> Vec<ValidationError> {
        let mut problems = Vec::new();
        let mut check = |field: &'static str, text: &str, max: usize, required: bool| {
            if required && text.is_empty() {
                problems.push(ValidationError::new(field, "error-required"));
            } else if text.chars().count() > max {
                problems.push(ValidationError::new(field, "error-too-long"));
            }
        };
        check("title", &self.title, MAX_TITLE_CHARS, true);
        check("lead", &self.lead, MAX_LEAD_CHARS, true);
        check("body", &self.body, MAX_BODY_CHARS, true);
        if self.links.len() > MAX_LINKS {
            problems.push(ValidationError::new("links", "error-story-too-many-links"));
        }
        problems
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::datetime;

    fn text() -> StoryText {
        StoryText {
            title: " Renhold som lytter ".into(),
            lead: "Kort.".into(),
            body: "Lang.".into(),
            links: vec![],
        }
    }

    #[test]
    fn a_story_is_public_from_its_publication_time() {
        let now = datetime!(2020-01-20 12:00 UTC);
        assert_eq!(StoryStatus::at(None, now), StoryStatus::Draft);
        assert_eq!(
            StoryStatus::at(Some(now + time::Duration::minutes(1)), now),
            StoryStatus::Scheduled
        );
        assert_eq!(StoryStatus::at(Some(now), now), StoryStatus::Published);
    }

    #[test]
    fn editors_and_administrators_write_stories() {
        assert!(may_write(&[Role::Editor]));
        assert!(may_write(&[Role::Applicant, Role::Administrator]));
        assert!(!may_write(&[Role::Applicant, Role::Juror, Role::Leader]));
    }

    #[test]
    fn only_the_author_and_administrators_edit_a_story() {
        let (author, other) = (Uuid::from_u128(1), Uuid::from_u128(2));
        assert!(may_edit(&[Role::Editor], author, author), "the author");
        assert!(!may_edit(&[Role::Editor], other, author), "another editor");
        assert!(
            may_edit(&[Role::Administrator], other, author),
            "an administrator"
        );
        assert!(
            may_edit(&[Role::Applicant, Role::Administrator], other, author),
            "an administrator who also applies"
        );
        assert!(
            !may_edit(&[Role::Applicant], author, author),
            "an author who is no longer an editor"
        );
        assert!(!may_edit(&[], author, author));
        assert!(!may_edit(&[Role::Juror, Role::JuryChair], other, author));
        assert!(edits_every_story(&[Role::Editor, Role::Administrator]));
        assert!(!edits_every_story(&[Role::Editor]));
    }

    #[test]
    fn limits_are_reported_at_their_fields() {
        assert!(text().normalised().problems().is_empty());
        let mut t = text();
        t.title = "x".repeat(MAX_TITLE_CHARS + 1);
        t.lead = "  ".into();
        t.links = (0..=MAX_LINKS).map(|_| Uuid::now_v7()).collect();
        let fields: Vec<_> = t
            .normalised()
            .problems()
            .iter()
            .map(|p| (p.field, p.message_id))
            .collect();
        assert_eq!(
            fields,
            [
                ("title", "error-too-long"),
                ("lead", "error-required"),
                ("links", "error-story-too-many-links")
            ]
        );
    }

    #[test]
    fn repeated_links_count_once() {
        let id = Uuid::now_v7();
        let mut t = text();
        t.links = vec![id; MAX_LINKS + 5];
        let t = t.normalised();
        assert_eq!(t.links, vec![id]);
        assert_eq!(t.title, "Renhold som lytter");
    }

    #[test]
    fn every_limit_may_be_reached_but_not_passed() {
        let at_limit = StoryText {
            title: "å".repeat(MAX_TITLE_CHARS),
            lead: "å".repeat(MAX_LEAD_CHARS),
            body: "å".repeat(MAX_BODY_CHARS),
            links: (0..MAX_LINKS as u128).map(Uuid::from_u128).collect(),
        };
        assert_eq!(at_limit.problems(), []);
        let over = StoryText {
            lead: "å".repeat(MAX_LEAD_CHARS + 1),
            body: "å".repeat(MAX_BODY_CHARS + 1),
            ..at_limit
        };
        let fields: Vec<_> = over.problems().iter().map(|p| p.field).collect();
        assert_eq!(fields, ["lead", "body"]);
    }
}
