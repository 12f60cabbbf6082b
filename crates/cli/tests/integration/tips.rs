//! «Tips oss om en kandidat»: the administrators hear of it, and the tipped unit is invited.

use crate::fixtures::{applicant, open_round, user_row};
use crate::on_both_backends;
use prisverdig_domain::round::Visibility;
use prisverdig_service::admin::tips::TipInput;

on_both_backends! {
    async fn a_tipped_unit_is_invited_to_apply(app) {
        let round = open_round(app, Visibility::OnSubmit).await;
        applicant(app, "tipser@fjordvik.example", "Tipser").await;
        let leader = applicant(app, "leder@fjordvik.example", "Leder Renhold").await;
        prisverdig_store::on_pool!(app.services.db(), |pool| sqlx::query("UPDATE users SET unit_id = $1 WHERE id = $2")
            .bind(round.unit).bind(leader).execute(pool).await.map(|_| ())).unwrap();
        let user = user_row(app, "tipser@fjordvik.example").await;
        let unit = round.unit.to_string();
        let input = TipInput { unit: &unit, unit_text: "", innovation: "Sensorstyrt renhold", reason: "Det virker!" };
        app.services.submit_tip(&user, &input).await.unwrap();
        let invited: Vec<(String, String)> = prisverdig_store::on_pool!(app.services.db(), |pool| sqlx::query_as(
            "SELECT recipient, body FROM outbox WHERE subject LIKE 'Dere er tipset%'")
            .fetch_all(pool).await).unwrap();
        assert_eq!(invited.len(), 1, "{invited:?}");
        assert_eq!(invited[0].0, "leder@fjordvik.example");
        assert!(invited[0].1.contains("Sensorstyrt renhold"));
    }
}
