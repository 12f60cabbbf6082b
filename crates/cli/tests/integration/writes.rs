//! Concurrent writers queue instead of failing with "database is locked".

use crate::on_both_backends;
use prisverdig_domain::role::Role;
use prisverdig_service::users::AddUser;

on_both_backends! {
    async fn concurrent_writers_all_succeed(app) {
        let mut tasks = Vec::new();
        for i in 0..24 {
            let services = app.services.clone();
            tasks.push(tokio::spawn(async move {
                let email = format!("person{i}@fjordvik.example");
                let input = AddUser { email: &email, name: "Person", roles: &[Role::Applicant], password: "a long enough password" };
                services.add_user(input).await
            }));
        }
        for task in tasks {
            task.await.unwrap().expect("every concurrent write succeeds");
        }
        assert_eq!(prisverdig_store::users::count(app.services.db()).await.unwrap(), 24);
    }

    async fn a_duplicate_address_is_refused_at_the_field(app) {
        let input = || AddUser { email: "a@fjordvik.example", name: "A", roles: &[Role::Juror], password: "a long enough password" };
        app.services.add_user(input()).await.unwrap();
        match app.services.add_user(input()).await {
            Err(prisverdig_service::ServiceError::Invalid(errors)) => {
                assert_eq!(errors[0].field, "email");
                assert_eq!(errors[0].message_id, "error-email-taken");
            }
            other => panic!("expected a validation error, got {other:?}"),
        }
    }
}
