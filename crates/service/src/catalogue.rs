//! What everyone may see: the catalogue and each application's public page.
//! (A first version; the full catalogue with search is issue 4.)

use crate::apply::{form_of, timing};
use crate::search::SearchQuery;
use crate::{Result, ServiceError, Services};
use prisverdig_domain::ValidationError;
use prisverdig_domain::application::ApplicationState;
use prisverdig_domain::application::rules::is_public;
use prisverdig_domain::application_form::ApplicationForm;
use prisverdig_domain::round::Visibility;
use prisverdig_store::applications::{self, ApplicationRow};
use prisverdig_store::audit;
use prisverdig_store::catalogue::{self, AdoptionView, CatalogueEntry, Linked, NewAdoption};
use prisverdig_store::catalogue_query::{self, Card, Filter, Sort};
use prisverdig_store::category_forms::{self, CategoryContext, CriterionRow};
use prisverdig_store::users::User;
use std::collections::HashMap;
use uuid::Uuid;

pub struct PublicApplication {
    pub application: ApplicationRow,
    pub form: ApplicationForm,
    pub category: CategoryContext,
    pub criteria: Vec<CriterionRow>,
}

/// What the innovation's page shows around the application itself.
pub struct Surroundings {
    pub cheers: i64,
    pub cheered_by_me: bool,
    /// «Stjålet fra»: the application whose idea this one adopted.
    pub source: Option<Linked>,
    /// «Stjålet av»: who adopted this idea.
    pub adopted_by: Vec<AdoptionView>,
    pub continues: Vec<Linked>,
    pub continued_by: Vec<Linked>,
}

pub const MAX_ADOPTION_NOTE_CHARS: usize = 1000;

/// Cards per catalogue page.
pub const PER_PAGE: i64 = 24;
/// The most search hits a catalogue view considers.
pub const MAX_SEARCH_HITS: usize = 1000;

/// One page of the catalogue with what the filters can offer.
pub struct CataloguePage {
    pub cards: Vec<Card>,
    pub total: i64,
    pub years: Vec<i64>,
    pub sectors: Vec<String>,
}

impl Services {
    pub async fn catalogue(&self) -> Result<Vec<CatalogueEntry>> {
        Ok(catalogue::visible(&self.db, self.clock.now(), 500).await?)
    }

    /// The catalogue filtered, sorted and paged (`page` counts from 1). With `text`, only
    /// applications the search finds, best match first unless another order is asked for.
    pub async fn catalogue_page(
        &self,
        mut filter: Filter,
        text: &str,
        page: i64,
    ) -> Result<CataloguePage> {
        let now = self.clock.now();
        let offset = (page.max(1) - 1).saturating_mul(PER_PAGE);
        let mut snippets = HashMap::new();
        let searching = !text.trim().is_empty();
        if searching {
            let query = SearchQuery {
                text: text.to_string(),
                page: 1,
                per_page: MAX_SEARCH_HITS,
                ..SearchQuery::default()
            };
            let hits = self.search(query).await?.hits;
            filter.ids = Some(hits.iter().map(|h| h.id).collect());
            snippets = hits.into_iter().map(|h| (h.id, h.snippet_html)).collect();
        }
        let (mut cards, total) = if searching && filter.sort == Sort::Newest {
            // Visibility and filters from the database, order from the search.
            filter.limit = MAX_SEARCH_HITS as i64;
            let (mut all, total) = catalogue_query::page(&self.db, now, &filter).await?;
            let rank: HashMap<Uuid, usize> = filter
                .ids
                .iter()
                .flatten()
                .enumerate()
                .map(|(i, id)| (*id, i))
                .collect();
            all.sort_by_key(|c| rank.get(&c.id).copied().unwrap_or(usize::MAX));
            (
                all.into_iter()
                    .skip(offset as usize)
                    .take(PER_PAGE as usize)
                    .collect(),
                total,
            )
        } else {
            filter.limit = PER_PAGE;
            filter.offset = offset;
            catalogue_query::page(&self.db, now, &filter).await?
        };
        for card in &mut cards {
            card.snippet = snippets.remove(&card.id);
        }
        let (years, sectors) = catalogue_query::facets(&self.db, now).await?;
        Ok(CataloguePage {
            cards,
            total,
            years,
            sectors,
        })
    }

    /// The public page of an application; `NotFound` unless it is visible to everyone.
    pub async fn public_application(&self, id: Uuid) -> Result<PublicApplication> {
        let row = applications::find(&self.db, id)
            .await?
            .ok_or(ServiceError::NotFound)?;
        let category = category_forms::context(&self.db, row.category_id)
            .await?
            .ok_or(ServiceError::NotFound)?;
        let state = ApplicationState::parse(&row.state).unwrap_or(ApplicationState::Draft);
        let visibility =
            Visibility::parse(&category.round_visibility).unwrap_or(Visibility::AfterDeadline);
        if !is_public(state, visibility, timing(self.clock.now(), &category)) {
            return Err(ServiceError::NotFound);
        }
        let continues = applications::continues(&self.db, id).await?;
        Ok(PublicApplication {
            form: form_of(&row, continues),
            criteria: category_forms::criteria(&self.db, category.id).await?,
            application: row,
            category,
        })
    }
}

impl Services {
    pub async fn surroundings(&self, id: Uuid, viewer: Option<&User>) -> Result<Surroundings> {
        let row = applications::find(&self.db, id)
            .await?
            .ok_or(ServiceError::NotFound)?;
        let source = match row.source_application_id {
            Some(source) => catalogue::linked(&self.db, source).await?,
            None => None,
        };
        let (continues, continued_by) = catalogue::thread(&self.db, id).await?;
        let cheered_by_me = match viewer {
            Some(user) => catalogue::has_cheered(&self.db, id, user.id).await?,
            None => false,
        };
        Ok(Surroundings {
            cheers: catalogue::cheer_count(&self.db, id).await?,
            cheered_by_me,
            source,
            adopted_by: catalogue::adoptions_of(&self.db, id).await?,
            continues,
            continued_by,
        })
    }

    /// «Heia!»: one cheer per person; pressing again takes it back.
    pub async fn toggle_cheer(&self, user: &User, id: Uuid) -> Result<bool> {
        self.public_application(id).await?;
        let now = self.clock.now();
        let mut tx = self.db.begin().await?;
        let cheering = catalogue::add_cheer(&mut tx, now, id, user.id).await?;
        if !cheering {
            catalogue::remove_cheer(&mut tx, id, user.id).await?;
        }
        self.commit_public(tx).await?;
        Ok(cheering)
    }

    /// «Vi stjal denne»: a unit records that it adopted the idea, with what it changed.
    pub async fn record_adoption(
        &self,
        user: &User,
        id: Uuid,
        unit: Uuid,
        note: &str,
    ) -> Result<()> {
        self.public_application(id).await?;
        let note = note.trim();
        let mut problems = Vec::new();
        if note.chars().count() > MAX_ADOPTION_NOTE_CHARS {
            problems.push(ValidationError::new("note", "error-too-long"));
        }
        let known = crate::apply::units_with_paths(&self.db)
            .await?
            .iter()
            .any(|(u, _)| *u == unit);
        if !known {
            problems.push(ValidationError::new("unit", "error-choose-one"));
        } else if catalogue::has_adopted(&self.db, id, unit).await? {
            problems.push(ValidationError::new("unit", "error-already-adopted"));
        }
        if !problems.is_empty() {
            return Err(ServiceError::Invalid(problems));
        }
        let now = self.clock.now();
        let mut tx = self.db.begin().await?;
        let adoption = catalogue::add_adoption(
            &mut tx,
            now,
            NewAdoption {
                source: id,
                unit,
                note,
                by: user.id,
            },
        )
        .await?;
        let detail = serde_json::json!({ "adoption": adoption, "unit": unit });
        audit::record(
            &mut tx,
            now,
            audit::AuditEntry {
                actor: Some(user.id),
                action: "adoption.record",
                entity: "application",
                entity_id: Some(id),
                detail,
            },
        )
        .await?;
        self.commit_public(tx).await?;
        Ok(())
    }
}

impl Services {
    /// The newest visible applications, for the feed.
    pub async fn newest(&self, limit: i64) -> Result<Vec<Card>> {
        let filter = Filter {
            limit,
            ..Filter::default()
        };
        Ok(catalogue_query::page(&self.db, self.clock.now(), &filter)
            .await?
            .0)
    }

    /// Published outcomes (winners, nominees, honourable mentions), newest first.
    pub async fn published_results(&self, limit: i64) -> Result<Vec<catalogue::Published>> {
        Ok(catalogue::published(&self.db, self.clock.now(), limit).await?)
    }
}
