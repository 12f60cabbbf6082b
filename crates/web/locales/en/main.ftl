# English. Keep keys in the same order as nb.
language-name = English
language-switcher = Choose language
skip-to-content = Skip to main content
nav-label = Main menu
nav-home = Home
nav-sign-in = Sign in
nav-sign-out = Sign out
footer-motto = Everyone who applies is seen. Stealing is easier when we share.

home-title = Innovation prizes
home-intro = New – useful – put to use. Units apply for the prizes here, and every application is visible so that good ideas spread.
home-ceremony = Award ceremony
home-open-calls = Prizes open for applications
home-no-round = No prize round is open right now.
category-prize = Prize
category-deadline = Deadline
category-extended-deadline = Extended deadline
home-apply-now = Go on, apply!
home-see-catalogue = See everyone who has applied – and steal with style
format-days-left = { $n } days left
format-hours-left = { $n ->
    [one] { $n } hour left
   *[other] { $n } hours left
}
format-under-an-hour-left = under an hour left
category-criteria = Criteria

sign-in-title = Sign in
sign-in-submit = Sign in
field-email = E-mail address
field-password = Password

form-has-errors = Please correct the following:
form-has-errors-title-prefix = Error:
error-required = Fill in this field.
error-email-invalid = Enter a valid e-mail address, like name@example.com.
error-email-taken = A user with this e-mail address already exists.
error-too-long = The text is too long.
error-too-long-max = The text is too long: it can have at most { $max } characters. Shorten it and it will be saved.
error-too-many-max = You can choose at most { $max }.
error-password-too-short = The password must have at least 12 characters.
error-password-too-long = The password is too long.
error-bad-credentials = Wrong e-mail address or password.
error-rate-limited = Too many failed attempts. Wait a quarter of an hour and try again.

error-go-home = Go to the home page
error-400-title = Something is wrong with the request
error-400-text = We could not process what was sent. Go back and try again.
error-403-title = No access
error-403-text = You do not have access to this page, or the form had expired. Reload the page and try again.
error-404-title = Page not found
error-404-text = The page does not exist, or it has moved.
error-405-title = Not allowed
error-405-text = This address cannot be used that way.
error-413-title = Too large
error-413-text = What you sent was larger than we accept. A file can be at most 10 MB. Go back and try again with less.
error-409-title = Someone else changed this
error-409-text = Someone else saved a change while you were working. Reload the page to see what is saved, and make your change again.
error-410-title = This link no longer works
error-410-text = The link has been used, has expired or belongs to a deactivated account. Ask for a new one.
error-429-title = Too many requests
error-429-text = Wait a little and try again.
error-500-title = Something went wrong on our side
error-500-text = The error has been logged. Try again in a moment. Nothing you have already saved is lost.

format-date-time = { $day } { $month } { $year } at { $time }
format-kroner = NOK { $amount }
month-1 = January
month-2 = February
month-3 = March
month-4 = April
month-5 = May
month-6 = June
month-7 = July
month-8 = August
month-9 = September
month-10 = October
month-11 = November
month-12 = December

# Accessibility statement (/accessibility) and its footer link.
footer-accessibility = Accessibility statement
format-date = { $day } { $month } { $year }
a11y-title = Accessibility statement
a11y-intro = Public bodies in Norway must provide universally designed web solutions under the regulations on universal design of ICT. This statement covers Prisverdig at
a11y-status-heading = Conformance status
a11y-status-text = Prisverdig partially conforms to WCAG 2.1 level AA. The gaps we know of are listed below.
a11y-tested-heading = How we tested
a11y-tested-text = Every page is tested automatically in Chromium with axe-core as every role, in Bokmål and English. We also test that everything can be done with the keyboard alone, that focus is always visible, that pages work 320 pixels wide and at 200 % text size, and that form errors are linked to their fields.
a11y-gaps-heading = Known gaps
a11y-gap-screen-readers = The pages have not been tested manually with screen readers (NVDA, JAWS, VoiceOver) or by users with disabilities.
a11y-gap-attachments = Attachments uploaded by applicants (PDF and office documents) are not necessarily accessible.
a11y-gap-alt-text = Images carry text alternatives written by the applicants; we cannot guarantee they describe the image well.
a11y-gap-nynorsk = The automated testing covers Bokmål and English; Nynorsk uses the same pages but is not tested on its own.
a11y-feedback-heading = Give feedback
a11y-feedback-text = Do you meet barriers, or need content in another format? Write to us:
a11y-contact-placeholder = [the organisation's e-mail address]
a11y-authority-text = If you get no answer, or are not satisfied with it, you can report it to the Authority for Universal Design of ICT (uutilsynet) at the Norwegian Digitalisation Agency:
a11y-date-heading = Date
a11y-date-text = This statement was last updated

# Invitation links (issue 9)
field-name = Name
invitation-title = Choose a password
invitation-intro = You are invited to Prisverdig. Choose your name and a password for the account
invitation-field-password = New password
invitation-password-hint = At least 12 characters. Several words in a row work well.
invitation-field-confirmation = Repeat the password
invitation-submit = Save and sign in
invitation-unknown-title = Unknown invitation link
invitation-unknown-text = We find no invitation with this link. Check that you copied the whole link, or ask for a new invitation.
invitation-gone-title = The link no longer works
invitation-gone-text = This invitation link has already been used, or it has expired. If you chose a password, you can sign in. Otherwise, ask the administrator for a new link.
error-password-mismatch = The passwords do not match.

unsubscribe-title = Unsubscribe from Prisverdig e-mails
unsubscribe-ask = Stop getting reminders, announcements and calls for applications at
unsubscribe-confirm = Unsubscribe me
unsubscribe-done = You no longer get reminders, announcements and calls for applications at
unsubscribe-still = Receipts, invitations and messages to the jury are still sent, because they belong to something you take part in.
unsubscribe-undo = Subscribe me again

follow-up-title = Did it last?
follow-up-intro = A year ago this innovation was nominated or awarded. Tell us how it has gone:
follow-up-in-use = Is the innovation still in use?
follow-up-in-use-yes = Yes
follow-up-in-use-partly = Partly
follow-up-in-use-no = No
follow-up-spread = How far has it spread? (other units, other municipalities)
follow-up-changed = What has changed?
follow-up-public = Your answer is shown with its date on the innovation's page in the catalogue.
follow-up-submit = Send the answer
follow-up-thanks = Thank you! The answer is now shown on the page of
lasting-heading = In use after a year?
lasting-yes = In use after a year
lasting-partly = Partly in use after a year
lasting-no = No longer in use
lasting-answered = Answer from the team, { $date }
lasting-spread = Spread
lasting-changed = What changed
