//! A juror's review of an application: a score and a comment per criterion (either may be
//! empty), an overall comment, draft or submitted, version-checked like applications.

use crate::decode;
use crate::{Db, Result, StoreError, Tx, on_pool, on_tx, utc};
use prisverdig_domain::jury::ReviewState;
use time::OffsetDateTime;
use uuid::Uuid;

/// One criterion of a review.
#[derive(Debug, Clone, PartialEq)]
pub struct ScoreRow {
    pub criterion_id: Uuid,
    pub value: Option<i64>,
    pub comment: String,
}

#[derive(Debug, Clone)]
pub struct ReviewRow {
    pub id: Uuid,
    pub application_id: Uuid,
    pub juror_id: Uuid,
    pub state: ReviewState,
    pub comment: String,
    pub updated_at: OffsetDateTime,
    pub submitted_at: Option<OffsetDateTime>,
    pub version: i64,
    pub scores: Vec<ScoreRow>,
}

impl ReviewRow {
    pub fn score(&self, criterion: Uuid) -> Option<&ScoreRow> {
        self.scores.iter().find(|s| s.criterion_id == criterion)
    }
}

#[derive(sqlx::FromRow)]
struct Stored {
    id: Uuid,
    application_id: Uuid,
    juror_id: Uuid,
    state: String,
    comment: String,
    updated_at: OffsetDateTime,
    submitted_at: Option<OffsetDateTime>,
    version: i64,
}

impl TryFrom<Stored> for ReviewRow {
    type Error = StoreError;

    fn try_from(r: Stored) -> Result<ReviewRow> {
        Ok(ReviewRow {
            state: decode::code(ReviewState::parse, "review", r.id, "state", r.state)?,
            id: r.id,
            application_id: r.application_id,
            juror_id: r.juror_id,
            comment: r.comment,
            updated_at: r.updated_at,
            submitted_at: r.submitted_at,
            version: r.version,
            scores: Vec::new(),
        })
    }
}

#[derive(sqlx::FromRow)]
struct StoredScore {
    review_id: Uuid,
    criterion_id: Uuid,
    value: Option<i64>,
    comment: String,
}

macro_rules! columns {
    () => {
        "SELECT r.id, r.application_id, r.juror_id, r.state, r.comment, r.updated_at, \
         r.submitted_at, r.version "
    };
}

fn with_scores(mut reviews: Vec<ReviewRow>, scores: Vec<StoredScore>) -> Vec<ReviewRow> {
    let at: std::collections::HashMap<Uuid, usize> =
        reviews.iter().enumerate().map(|(i, r)| (r.id, i)).collect();
    for s in scores {
        if let Some(r) = at.get(&s.review_id).map(|&i| &mut reviews[i]) {
            r.scores.push(ScoreRow {
                criterion_id: s.criterion_id,
                value: s.value,
                comment: s.comment,
            });
        }
    }
    reviews
}

/// Every review of an application's category, drafts included: the overview's matrix and
/// the totals read this once.
pub async fn of_category(db: &Db, category_id: Uuid) -> Result<Vec<ReviewRow>> {
    let reviews = decode::all::<Stored, ReviewRow>(on_pool!(db, |pool| sqlx::query_as(concat!(
        columns!(),
        "FROM review r JOIN application a ON a.id = r.application_id \
         WHERE a.category_id = $1 ORDER BY r.id"
    ))
    .bind(category_id)
    .fetch_all(pool)
    .await)?)?;
    let scores: Vec<StoredScore> = on_pool!(db, |pool| sqlx::query_as(
        "SELECT s.review_id, s.criterion_id, s.value, s.comment FROM score s \
         JOIN review r ON r.id = s.review_id JOIN application a ON a.id = r.application_id \
         WHERE a.category_id = $1"
    )
    .bind(category_id)
    .fetch_all(pool)
    .await)?;
    Ok(with_scores(reviews, scores))
}

/// Every review of one application.
pub async fn of_application(db: &Db, application_id: Uuid) -> Result<Vec<ReviewRow>> {
    let reviews = decode::all::<Stored, ReviewRow>(on_pool!(db, |pool| sqlx::query_as(concat!(
        columns!(),
        "FROM review r WHERE r.application_id = $1 ORDER BY r.id"
    ))
    .bind(application_id)
    .fetch_all(pool)
    .await)?)?;
    let scores: Vec<StoredScore> = on_pool!(db, |pool| sqlx::query_as(
        "SELECT s.review_id, s.criterion_id, s.value, s.comment FROM score s \
         JOIN review r ON r.id = s.review_id WHERE r.application_id = $1"
    )
    .bind(application_id)
    .fetch_all(pool)
    .await)?;
    Ok(with_scores(reviews, scores))
}

/// What a juror writes, saved whole.
pub struct ReviewContent<'a> {
    pub comment: &'a str,
    pub scores: &'a [ScoreRow],
    /// Its weighted total on 0..1, computed by the domain from `scores`.
    pub fraction: Option<f64>,
}

/// A review as the overview reads it: whose, how far, its weighted total.
#[derive(Debug, Clone)]
pub struct ReviewSummary {
    pub application_id: Uuid,
    pub juror_id: Uuid,
    pub state: ReviewState,
    pub fraction: Option<f64>,
}

#[derive(sqlx::FromRow)]
struct StoredSummary {
    id: Uuid,
    application_id: Uuid,
    juror_id: Uuid,
    state: String,
    fraction: Option<f64>,
}

/// Every review of a category without its scores: the overview and the juror's list.
pub async fn summaries_of_category(db: &Db, category_id: Uuid) -> Result<Vec<ReviewSummary>> {
    let rows: Vec<StoredSummary> = on_pool!(db, |pool| sqlx::query_as(
        "SELECT r.id, r.application_id, r.juror_id, r.state, r.fraction FROM review r \
         JOIN application a ON a.id = r.application_id WHERE a.category_id = $1"
    )
    .bind(category_id)
    .fetch_all(pool)
    .await)?;
    rows.into_iter()
        .map(|r| {
            Ok(ReviewSummary {
                state: decode::code(ReviewState::parse, "review", r.id, "state", r.state)?,
                application_id: r.application_id,
                juror_id: r.juror_id,
                fraction: r.fraction,
            })
        })
        .collect()
}

/// Saves a juror's review: a new one when `expected` is `None` (a second first save of the
/// same review loses with [`StoreError::Duplicate`]), otherwise only if nobody saved since
/// `expected`. Returns the review's id and new version.
pub async fn save(
    tx: &mut Tx,
    now: OffsetDateTime,
    application_id: Uuid,
    juror_id: Uuid,
    expected: Option<i64>,
    content: ReviewContent<'_>,
) -> Result<(Uuid, i64)> {
    let (id, version) = match expected {
        None => {
            let id = Uuid::now_v7();
            on_tx!(tx, |conn| sqlx::query(
                "INSERT INTO review (id, application_id, juror_id, state, comment, fraction, \
                 created_at, updated_at, version) VALUES ($1, $2, $3, $4, $5, $6, $7, $7, 1)"
            )
            .bind(id)
            .bind(application_id)
            .bind(juror_id)
            .bind(ReviewState::Draft.as_str())
            .bind(content.comment)
            .bind(content.fraction)
            .bind(utc(now))
            .execute(conn)
            .await
            .map(|_| ()))
            .map_err(|e| StoreError::unique_as(e, "review"))?;
            (id, 1)
        }
        Some(expected) => {
            let id: Option<(Uuid,)> = on_tx!(tx, |conn| {
                sqlx::query_as(
                "UPDATE review SET comment = $1, fraction = $6, updated_at = $2, version = version + 1 \
                 WHERE application_id = $3 AND juror_id = $4 AND version = $5 RETURNING id"
            )
            .bind(content.comment)
            .bind(utc(now))
            .bind(application_id)
            .bind(juror_id)
            .bind(expected)
            .bind(content.fraction)
            .fetch_optional(conn)
            .await
            })?;
            let Some((id,)) = id else {
                return Err(StoreError::VersionConflict {
                    entity: "review",
                    expected,
                });
            };
            on_tx!(tx, |conn| sqlx::query(
                "DELETE FROM score WHERE review_id = $1"
            )
            .bind(id)
            .execute(conn)
            .await
            .map(|_| ()))?;
            (id, expected + 1)
        }
    };
    // One statement for all criteria: a form has at most a few dozen.
    if !content.scores.is_empty() {
        let mut sql =
            String::from("INSERT INTO score (review_id, criterion_id, value, comment) VALUES ");
        for i in 0..content.scores.len() {
            let n = i * 3;
            if i > 0 {
                sql.push_str(", ");
            }
            sql.push_str(&format!("($1, ${}, ${}, ${})", n + 2, n + 3, n + 4));
        }
        on_tx!(tx, |conn| {
            let mut q = sqlx::query(sqlx::AssertSqlSafe(sql.clone())).bind(id);
            for s in content.scores {
                q = q.bind(s.criterion_id).bind(s.value).bind(&s.comment);
            }
            q.execute(conn).await.map(|_| ())
        })?;
    }
    Ok((id, version))
}

/// Submits or reopens a review if nobody changed it since `expected`.
pub async fn set_state(
    tx: &mut Tx,
    now: OffsetDateTime,
    id: Uuid,
    expected: i64,
    state: ReviewState,
) -> Result<i64> {
    let submitted_at = (state == ReviewState::Submitted).then(|| utc(now));
    let n = on_tx!(tx, |conn| {
        sqlx::query(
        "UPDATE review SET state = $1, submitted_at = $2, updated_at = $3, version = version + 1 \
         WHERE id = $4 AND version = $5"
    )
    .bind(state.as_str())
    .bind(submitted_at)
    .bind(utc(now))
    .bind(id)
    .bind(expected)
    .execute(conn)
    .await
    .map(|r| r.rows_affected())
    })?;
    StoreError::checked(n, "review", expected)
}
