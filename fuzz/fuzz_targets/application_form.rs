//! Form decoding: any posted body (the application form's, as a browser or an attacker sends
//! it) decodes without a panic, and the form's rules run on what came out.
#![no_main]

use libfuzzer_sys::fuzz_target;
use prisverdig_domain::application_form::ApplicationForm;
use prisverdig_domain::category::CategoryKind;

fuzz_target!(|body: &[u8]| {
    let mut form = prisverdig_web::fuzzing::application_form(body);
    for kind in [
        CategoryKind::Innovation,
        CategoryKind::Steal,
        CategoryKind::Mistake,
    ] {
        let mut fitted = form.clone();
        fitted.fit_to(kind, 6);
        let _ = fitted.keep_storable(&ApplicationForm::default());
    }
    let _ = form.keep_storable(&ApplicationForm::default());
});
