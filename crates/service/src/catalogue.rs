//! What everyone may see: the catalogue and each application's public page.
//! (A first version; the full catalogue with search is issue 4.)

use crate::apply::{form_of, timing};
use crate::search::{SearchFilters, SearchQuery};
use crate::{Result, ServiceError, Services};
use prisverdig_domain::ValidationError;
use prisverdig_domain::application::rules::is_public;
use prisverdig_domain::application_form::ApplicationForm;
use prisverdig_store::applications::{self, ApplicationRow, Collaborators};
use prisverdig_store::audit;
use prisverdig_store::catalogue::{self, AdoptionView, CatalogueEntry, Linked, NewAdoption};
use prisverdig_store::catalogue_query::{self, Card, Facets, Filter, Sort};
use prisverdig_store::categories::{self, CategoryContext};
use prisverdig_store::criteria::{self, CriterionRow};
use prisverdig_store::questions;
use prisverdig_store::users::User;
use std::collections::HashMap;
use uuid::Uuid;

pub struct PublicApplication {
    pub application: ApplicationRow,
    pub form: ApplicationForm,
    pub category: CategoryContext,
    pub criteria: Vec<CriterionRow>,
    /// The category's own questions, answered on the page.
    pub questions: Vec<questions::QuestionRow>,
    /// The names of the people behind it: whoever started it, then the team members who
    /// have signed in (e-mail addresses are never shown; a pending invitation is not yet a
    /// name). See `docs/public-application-page.md`.
    pub team: Vec<String>,
    /// Further units behind it and partners outside the organisation.
    pub collaborators: Collaborators,
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
    /// Its outcome as far as it is public now (read through `outcome_at!`): nothing before
    /// the publication minute.
    pub outcome: Option<catalogue::Published>,
}

/// The number of the last catalogue page for `total` cards (1 when there are none).
pub fn last_page(total: i64) -> i64 {
    ((total + PER_PAGE - 1) / PER_PAGE).max(1)
}

pub const MAX_ADOPTION_NOTE_CHARS: usize = 1000;

/// Cards per catalogue page.
pub const PER_PAGE: i64 = 24;
/// The most search hits a view that filters in SQL considers (outcome filters, sorting by
/// cheers or adoptions).
pub const MAX_SEARCH_HITS: usize = 1000;

/// One page of the catalogue with what the filters can offer.
pub struct CataloguePage {
    pub cards: Vec<Card>,
    pub total: i64,
    /// The page shown: the one asked for, or the last page when it lay beyond (from 1).
    pub page: i64,
    pub years: Vec<i64>,
    pub sectors: Vec<String>,
    /// Custom prizes («egen pris») with visible applications, by name.
    pub prizes: Vec<String>,
}

impl Services {
    #[tracing::instrument(skip_all)]
    pub async fn catalogue(&self) -> Result<Vec<CatalogueEntry>> {
        Ok(catalogue::visible(&self.db, self.clock.now(), 500).await?)
    }

    /// The catalogue filtered, sorted and paged (`page` counts from 1). With `text`, only
    /// applications the search finds, best match first unless another order is asked for.
    #[tracing::instrument(skip_all)]
    pub async fn catalogue_page(
        &self,
        filter: Filter,
        text: &str,
        page: i64,
    ) -> Result<CataloguePage> {
        let mut result = self.catalogue_cards(filter, text, page).await?;
        let facets = self.catalogue_facets().await?;
        (result.years, result.sectors, result.prizes) =
            (facets.years, facets.sectors, facets.prizes);
        Ok(result)
    }

    /// As [`Services::catalogue_page`] without the filters' choices (for the API).
    #[tracing::instrument(skip_all)]
    pub async fn catalogue_cards(
        &self,
        filter: Filter,
        text: &str,
        page: i64,
    ) -> Result<CataloguePage> {
        let searching = !text.trim().is_empty();
        // The index knows visibility, year, prize and sector: such a search is paged there.
        let in_index =
            filter.status.is_none() && filter.prize.is_none() && filter.sort == Sort::Newest;
        if searching && in_index {
            self.searched_page(filter, text, page).await
        } else if searching {
            self.searched_in_sql(filter, text, page).await
        } else {
            let (cards, total, page) = self.sql_page(filter, page).await?;
            Ok(CataloguePage {
                cards,
                total,
                page,
                years: Vec::new(),
                sectors: Vec::new(),
                prizes: Vec::new(),
            })
        }
    }

    /// One page filtered in SQL; a page beyond the last is read as the last page.
    async fn sql_page(&self, mut filter: Filter, page: i64) -> Result<(Vec<Card>, i64, i64)> {
        let now = self.clock.now();
        filter.limit = PER_PAGE;
        filter.offset = (page.max(1) - 1).saturating_mul(PER_PAGE);
        let (cards, total) = catalogue_query::page(&self.db, now, &filter).await?;
        let last = last_page(total);
        if page <= last {
            return Ok((cards, total, page.max(1)));
        }
        filter.offset = (last - 1) * PER_PAGE;
        let (cards, total) = catalogue_query::page(&self.db, now, &filter).await?;
        Ok((cards, total, last))
    }

    /// One page of search hits, counted and paged by the index; only that page's cards are
    /// read from the database (which checks visibility again).
    async fn searched_page(&self, filter: Filter, text: &str, page: i64) -> Result<CataloguePage> {
        let now = self.clock.now();
        let query = SearchQuery {
            text: text.to_string(),
            filters: SearchFilters {
                year: filter.year.and_then(|y| u64::try_from(y).ok()),
                category_kind: filter.kind.map(|k| k.as_str().to_string()),
                sector: filter.sector.clone(),
                visible_at: Some(now),
                ..SearchFilters::default()
            },
            page: usize::try_from(page.max(1)).unwrap_or(1),
            per_page: PER_PAGE as usize,
            ..SearchQuery::default()
        };
        let found = self.search(query).await?;
        let order: Vec<Uuid> = found.hits.iter().map(|h| h.id).collect();
        let mut snippets: HashMap<Uuid, String> = found
            .hits
            .into_iter()
            .map(|h| (h.id, h.snippet_html))
            .collect();
        let by_id = Filter {
            ids: Some(order.clone()),
            limit: PER_PAGE,
            ..filter
        };
        let (mut cards, _) = catalogue_query::page(&self.db, now, &by_id).await?;
        let rank: HashMap<Uuid, usize> = order.iter().enumerate().map(|(i, id)| (*id, i)).collect();
        cards.sort_by_key(|c| rank.get(&c.id).copied().unwrap_or(usize::MAX));
        for card in &mut cards {
            card.snippet = snippets.remove(&card.id);
        }
        Ok(CataloguePage {
            cards,
            total: found.total as i64,
            page: i64::try_from(found.page).unwrap_or(1),
            years: Vec::new(),
            sectors: Vec::new(),
            prizes: Vec::new(),
        })
    }

    /// A search combined with what only the database knows (published outcomes, cheers and
    /// adoptions): up to [`MAX_SEARCH_HITS`] hits, filtered and ordered in SQL.
    async fn searched_in_sql(
        &self,
        mut filter: Filter,
        text: &str,
        page: i64,
    ) -> Result<CataloguePage> {
        let now = self.clock.now();
        let query = SearchQuery {
            text: text.to_string(),
            filters: SearchFilters {
                visible_at: Some(now),
                ..SearchFilters::default()
            },
            page: 1,
            per_page: MAX_SEARCH_HITS,
            ..SearchQuery::default()
        };
        let hits = self.search(query).await?.hits;
        filter.ids = Some(hits.iter().map(|h| h.id).collect());
        let mut snippets: HashMap<Uuid, String> =
            hits.into_iter().map(|h| (h.id, h.snippet_html)).collect();
        let (mut cards, total, page) = self.sql_page(filter, page).await?;
        for card in &mut cards {
            card.snippet = snippets.remove(&card.id);
        }
        Ok(CataloguePage {
            cards,
            total,
            page,
            years: Vec::new(),
            sectors: Vec::new(),
            prizes: Vec::new(),
        })
    }

    /// The years, sectors and custom prizes with visible applications: derived data,
    /// computed again only after public data changed (or a deadline passed).
    #[tracing::instrument(skip_all)]
    pub async fn catalogue_facets(&self) -> Result<Facets> {
        let version = self.public_version();
        let now = self.clock.now();
        if let Some(memo) = self.facets.lock().map_err(poisoned)?.as_ref()
            && memo.version == version
            && memo.valid_until.is_none_or(|until| now < until)
        {
            return Ok(memo.facets.clone());
        }
        let valid_until = self.public_valid_until().await?;
        let facets = catalogue_query::facets(&self.db, now).await?;
        *self.facets.lock().map_err(poisoned)? = Some(crate::public_changes::Facets {
            version,
            valid_until,
            facets: facets.clone(),
        });
        Ok(facets)
    }

    /// The public page of an application; `NotFound` unless it is visible to everyone.
    #[tracing::instrument(skip_all)]
    pub async fn public_application(&self, id: Uuid) -> Result<PublicApplication> {
        let row = applications::find(&self.db, id)
            .await?
            .ok_or(ServiceError::NotFound)?;
        let category = categories::context(&self.db, row.category_id)
            .await?
            .ok_or(ServiceError::NotFound)?;
        if !is_public(
            row.state,
            category.round_visibility,
            timing(self.clock.now(), &category),
        ) {
            return Err(ServiceError::NotFound);
        }
        let continues = applications::continues(&self.db, id).await?;
        let team = self.team_names(&row).await?;
        Ok(PublicApplication {
            collaborators: applications::collaborators(&self.db, id).await?,
            form: form_of(&row, continues),
            criteria: criteria::of_category(&self.db, category.id).await?,
            questions: questions::of_category(&self.db, category.id).await?,
            team,
            application: row,
            category,
        })
    }
}

impl Services {
    /// The names of the people behind an application, as its public page shows them:
    /// whoever started it, then the team members who have signed in. E-mail addresses are
    /// never shown, and a pending invitation is not yet a name. The ceremony's slides and
    /// diplomas read the same list.
    pub(crate) async fn team_names(&self, row: &ApplicationRow) -> Result<Vec<String>> {
        let owner = prisverdig_store::users::find(&self.db, row.owner_id).await?;
        let mut team: Vec<String> = owner.map(|o| o.name).into_iter().collect();
        for member in applications::team(&self.db, row.id).await? {
            if let Some(name) = member.name.filter(|n| !team.contains(n)) {
                team.push(name);
            }
        }
        Ok(team)
    }

    #[tracing::instrument(skip_all)]
    pub async fn surroundings(&self, id: Uuid, viewer: Option<&User>) -> Result<Surroundings> {
        let row = applications::find(&self.db, id)
            .await?
            .ok_or(ServiceError::NotFound)?;
        let source = match row.source_application_id {
            Some(source) => catalogue::linked(&self.db, self.clock.now(), source).await?,
            None => None,
        };
        let (continues, continued_by) = catalogue::thread(&self.db, self.clock.now(), id).await?;
        let cheered_by_me = match viewer {
            Some(user) => catalogue::has_cheered(&self.db, id, user.id).await?,
            None => false,
        };
        Ok(Surroundings {
            cheers: catalogue::cheer_count(&self.db, id).await?,
            cheered_by_me,
            source,
            adopted_by: catalogue::adoptions_of(&self.db, self.clock.now(), id).await?,
            continues,
            continued_by,
            outcome: catalogue::outcome_of(&self.db, self.clock.now(), id).await?,
        })
    }

    /// «Heia!»: one cheer per person; pressing again takes it back.
    #[tracing::instrument(skip_all)]
    pub async fn toggle_cheer(&self, user: &User, id: Uuid) -> Result<bool> {
        self.public_application(id).await?;
        let now = self.clock.now();
        let mut tx = self.db.begin().await?;
        let cheering = catalogue::add_cheer(&mut tx, now, id, user.id).await?;
        if !cheering {
            catalogue::remove_cheer(&mut tx, id, user.id).await?;
        }
        self.commit_cheer(tx, id).await?;
        Ok(cheering)
    }

    /// «Vi stjal denne»: a unit records that it adopted the idea, with what it changed.
    #[tracing::instrument(skip_all)]
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
        let new = NewAdoption {
            source: id,
            unit,
            note,
            by: user.id,
        };
        // The check above answers the ordinary case; the unique index decides a race.
        let adoption = match catalogue::add_adoption(&mut tx, now, new).await {
            Err(prisverdig_store::StoreError::Duplicate(_)) => {
                let problem = ValidationError::new("unit", "error-already-adopted");
                return Err(ServiceError::Invalid(vec![problem]));
            }
            other => other?,
        };
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
    #[tracing::instrument(skip_all)]
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
    #[tracing::instrument(skip_all)]
    pub async fn published_results(&self, limit: i64) -> Result<Vec<catalogue::Published>> {
        Ok(catalogue::published(&self.db, self.clock.now(), limit).await?)
    }
}

fn poisoned<T>(_: std::sync::PoisonError<T>) -> ServiceError {
    ServiceError::broken("catalogue facets lock poisoned")
}
