//! What everyone may see: the catalogue and each application's public page.
//! (A first version; the full catalogue with search is issue 4.)

use crate::apply::{form_of, timing};
use crate::{Result, ServiceError, Services};
use prisverdig_domain::application::ApplicationState;
use prisverdig_domain::application::rules::is_public;
use prisverdig_domain::application_form::ApplicationForm;
use prisverdig_domain::round::Visibility;
use prisverdig_store::applications::{self, ApplicationRow};
use prisverdig_store::catalogue::{self, CatalogueEntry};
use prisverdig_store::category_forms::{self, CategoryContext, CriterionRow};
use uuid::Uuid;

pub struct PublicApplication {
    pub application: ApplicationRow,
    pub form: ApplicationForm,
    pub category: CategoryContext,
    pub criteria: Vec<CriterionRow>,
}

impl Services {
    pub async fn catalogue(&self) -> Result<Vec<CatalogueEntry>> {
        Ok(catalogue::visible(&self.db, self.clock.now(), 500).await?)
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
