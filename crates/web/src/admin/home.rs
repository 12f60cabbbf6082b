//! The administrator's landing page: links to everything they set up.

use crate::extract::user::Administrator;
use crate::layout::Shell;
use askama::Template;
use askama_web::WebTemplate;

#[derive(Template, WebTemplate)]
#[template(path = "admin/home.html")]
pub struct AdminHome {
    shell: Shell,
}

pub async fn show(Administrator(_): Administrator, shell: Shell) -> AdminHome {
    AdminHome { shell }
}
