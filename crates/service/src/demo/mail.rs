//! The demo's e-mail and follow-up: every round whose ceremony has passed asks its nominated
//! and winning teams «ble det varig?» (so the outbox, and with `serve --demo` the mail folder,
//! holds real messages with their links), and one team has answered, so that an innovation's
//! page shows «i bruk etter ett år».

use crate::{Result, Services};
use prisverdig_store::jobs;

impl Services {
    pub(super) async fn demo_follow_up(&self) -> Result<()> {
        let now = self.clock.now();
        let from = self.mail_sender().await?;
        let mut planned = Vec::new();
        for (round, ceremony) in jobs::ceremonies(&self.db).await? {
            if ceremony < now {
                planned.extend(self.plan_follow_up(&from, round).await?);
            }
        }
        let mut tx = self.db.begin().await?;
        let mut first = None;
        for p in &planned {
            if let Some((application, token)) = &p.follow_up {
                prisverdig_store::follow_ups::ask(&mut tx, *application, token, now).await?;
                first.get_or_insert_with(|| token.clone());
            }
            self.queue_letter(&mut tx, now, (&from, &p.to), &p.letter, p.dedupe.clone())
                .await?;
        }
        tx.commit().await?;
        if let Some(token) = first {
            let answer = (
                "yes",
                "Tatt i bruk av alle fire bydelene, og Asker kommune har spurt om oppskriften.",
                "Vi måler nå hver måned. Det som startet som en prøve, er blitt hvordan vi jobber.",
            );
            self.answer_follow_up(&token, 1, answer, None).await?;
        }
        Ok(())
    }
}
