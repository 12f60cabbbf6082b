//! The form of one question on a category's application form: text, help text, required.

use super::listed_form::{ItemForm, ItemPage};
use crate::layout::{FormErrors, Shell};
use askama::Template;
use askama_web::WebTemplate;
use axum::response::{IntoResponse, Response};
use prisverdig_domain::setup::QuestionInput;
use prisverdig_service::admin::categories::CategoryView;
use prisverdig_service::model::User;
use prisverdig_service::{ServiceError, Services};
use serde::Deserialize;
use uuid::Uuid;

#[derive(Template, WebTemplate)]
#[template(path = "admin/question_form.html")]
pub struct QuestionPage {
    shell: Shell,
    category: Uuid,
    category_name: String,
    id: Option<Uuid>,
    form: QuestionForm,
    errors: FormErrors,
}

#[derive(Deserialize, Default)]
pub struct QuestionForm {
    #[serde(default)]
    text: String,
    #[serde(default)]
    help: String,
    #[serde(default)]
    required: Option<String>,
    /// The version the edit started from (0 when missing: refused as stale).
    #[serde(default)]
    version: i64,
}

impl ItemForm for QuestionForm {
    fn fresh() -> Self {
        QuestionForm {
            required: Some("1".into()),
            ..QuestionForm::default()
        }
    }

    fn stored(view: &CategoryView, id: Uuid) -> Option<Self> {
        let q = view.questions.iter().find(|q| q.id == id)?;
        let required = q.required.then(|| "1".into());
        Some(QuestionForm {
            text: q.text.clone(),
            help: q.help.clone(),
            required,
            version: q.version,
        })
    }

    async fn save(
        &self,
        services: &Services,
        user: &User,
        category: Uuid,
        id: Option<Uuid>,
    ) -> Result<(), ServiceError> {
        let required = self.required.is_some();
        let input = QuestionInput {
            text: &self.text,
            help: &self.help,
            required,
        };
        match id {
            None => services
                .add_question(user, category, &input)
                .await
                .map(|_| ()),
            Some(id) => {
                services
                    .update_question(user, category, id, self.version, &input)
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
        QuestionPage {
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
