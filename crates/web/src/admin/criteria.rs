//! The form of one criterion: text, help text, weight, and a yes/no or range scale.

use super::listed_form::{ItemForm, ItemPage};
use crate::layout::{FormErrors, Shell};
use askama::Template;
use askama_web::WebTemplate;
use axum::response::{IntoResponse, Response};
use prisverdig_domain::setup::CriterionInput;
use prisverdig_service::admin::categories::CategoryView;
use prisverdig_service::model::User;
use prisverdig_service::{ServiceError, Services};
use serde::Deserialize;
use uuid::Uuid;

#[derive(Template, WebTemplate)]
#[template(path = "admin/criterion_form.html")]
pub struct CriterionPage {
    shell: Shell,
    category: Uuid,
    category_name: String,
    id: Option<Uuid>,
    form: CriterionForm,
    errors: FormErrors,
}

#[derive(Deserialize, Default)]
pub struct CriterionForm {
    #[serde(default)]
    text: String,
    #[serde(default)]
    help: String,
    #[serde(default)]
    weight: String,
    #[serde(default)]
    shape: String,
    #[serde(default)]
    scale_min: String,
    #[serde(default)]
    scale_max: String,
    /// The version the edit started from (0 when missing: refused as stale).
    #[serde(default)]
    version: i64,
}

impl ItemForm for CriterionForm {
    fn fresh() -> Self {
        let (weight, shape) = ("1".into(), "range".into());
        let (scale_min, scale_max) = ("1".into(), "6".into());
        CriterionForm {
            weight,
            shape,
            scale_min,
            scale_max,
            ..CriterionForm::default()
        }
    }

    fn stored(view: &CategoryView, id: Uuid) -> Option<Self> {
        let c = view.criteria.iter().find(|c| c.id == id)?;
        Some(CriterionForm {
            text: c.text.clone(),
            help: c.help.clone(),
            weight: c.weight.to_string(),
            shape: c.scale.shape().to_string(),
            scale_min: c.scale.bounds().0.to_string(),
            scale_max: c.scale.bounds().1.to_string(),
            version: c.version,
        })
    }

    async fn save(
        &self,
        services: &Services,
        user: &User,
        category: Uuid,
        id: Option<Uuid>,
    ) -> Result<(), ServiceError> {
        let input = CriterionInput {
            text: &self.text,
            help: &self.help,
            weight: &self.weight,
            shape: &self.shape,
            scale_min: &self.scale_min,
            scale_max: &self.scale_max,
        };
        match id {
            None => services
                .add_criterion(user, category, &input)
                .await
                .map(|_| ()),
            Some(id) => {
                services
                    .update_criterion(user, category, id, self.version, &input)
                    .await
            }
        }
    }

    fn render(p: ItemPage<Self>) -> Response {
        let ItemPage {
            shell,
            category,
            category_name,
            id,
            form,
            errors,
        } = p;
        CriterionPage {
            shell,
            category,
            category_name,
            id,
            form,
            errors,
        }
        .into_response()
    }
}
