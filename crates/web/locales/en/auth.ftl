# Sign-in limits, the second factor and local sign-in switched off (issue 11).
error-sign-in-busy = Many people are signing in right now. Try again in a few seconds.
error-local-sign-in-off = Signing in with a password is switched off here. Use your organisation's sign-in.
error-code-wrong = The code is wrong or has been used. Enter the code your app shows now, or an unused recovery code.
sign-in-local-off = Use your organisation's sign-in. Signing in with a password is only for administrators here.
sign-in-administrator-link = Administrator? Sign in with a password
nav-security = My account

second-factor-code-title = Enter the code from your app
second-factor-field-code = Code
second-factor-code-hint = Six digits from your authenticator app.
second-factor-field-recovery-code = Recovery code
second-factor-recovery-hint = One of the recovery codes you saved when you set up the app. Each works once.
second-factor-code-submit = Confirm
second-factor-use-recovery = Use a recovery code instead
second-factor-use-app = Use the code from your app instead
second-factor-required = Administrators and jurors must confirm their sign-in with a code from an authenticator app.
second-factor-enrol-title = Set up two-step verification
second-factor-enrol-scan = Scan the QR code with an authenticator app (for example Microsoft Authenticator or Google Authenticator), or open the link on this device.
second-factor-enrol-open-app = Open in an authenticator app
second-factor-enrol-type = Or type this key into the app:
second-factor-enrol-confirm-hint = Enter the six digits the app now shows, to confirm that it is set up.
second-factor-enrol-submit = Confirm and turn on

recovery-codes-title = Your recovery codes
recovery-codes-shown-once = Save these codes somewhere safe, such as a password manager or on paper. They are shown only now. Each code signs you in once if you do not have your app.
recovery-codes-continue = I have saved the codes, continue

security-title = My account: sign-in and security
security-second-factor = Two-step verification
security-second-factor-on = Two-step verification is on: signing in asks for a code from your app.
security-second-factor-off = Two-step verification is off. Turn it on to protect your account even if someone learns your password.
security-recovery-codes-left = Unused recovery codes:
security-renew-hint = New codes replace the old ones, which then stop working.
security-renew-recovery-codes = Make new recovery codes
security-set-up = Set up two-step verification
security-sessions = Sign-ins
security-sign-out-everywhere-hint = Signs you out on every device where you are signed in, this one too. Use it if you forgot to sign out somewhere or lost a phone.
security-sign-out-everywhere = Sign out everywhere
