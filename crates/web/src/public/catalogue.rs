//! The catalogue: every visible application («alle som søker blir sett»).

use crate::error::WebError;
use crate::layout::Shell;
use crate::router::AppState;
use askama::Template;
use askama_web::WebTemplate;
use axum::extract::State;
use prisverdig_store::catalogue::CatalogueEntry;

#[derive(Template, WebTemplate)]
#[template(path = "public/catalogue.html")]
pub struct CataloguePage {
    shell: Shell,
    entries: Vec<CatalogueEntry>,
}

pub async fn show(State(state): State<AppState>, shell: Shell) -> Result<CataloguePage, WebError> {
    let entries = state.services.catalogue().await?;
    Ok(CataloguePage { shell, entries })
}
