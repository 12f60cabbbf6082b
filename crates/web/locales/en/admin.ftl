# Administration (English). Keep keys in the same order as nb.
nav-admin = Administration
nav-tip = Tip us
admin-title = Administration
admin-save = Save
admin-edit = Edit
admin-remove = Remove
admin-choose = Choose …
admin-move-up = Move up
admin-move-down = Move down
admin-oslo-time-hint = Norwegian time (Europe/Oslo).
admin-field-date = Date
admin-field-time = Time
admin-field-description = Description
admin-field-help = Help text

admin-units-title = Organisation chart
admin-units-empty = The organisation chart is empty. Add a unit or import from CSV.
admin-unit-new-title = New unit
admin-unit-create = Add unit
admin-field-unit-name = Name of the unit
admin-field-unit-kind = Kind
admin-unit-kind-sector = sector
admin-unit-kind-area = area
admin-unit-kind-unit = unit
admin-field-parent = Belongs under
admin-parent-none = (top level)
admin-unit-rename = Rename
admin-unit-move = Move the unit
admin-unit-merge = Merge
admin-unit-merge-help = All users, applications and sub-units move to the unit you choose, and this unit is archived. Applications keep the unit names as they were when submitted.
admin-field-merge-into = Merge into
admin-units-archived-title = Archived and merged units
admin-unit-archived = archived
admin-unit-archived-only = Archived, not merged
admin-unit-archived-read-only = The unit is no longer in the organisation chart. This page is read-only.
admin-unit-merged-into = Merged into
admin-unit-merged-at = Merged
admin-unit-merged-unknown = Time unknown
admin-unit-merged-by = Merged by
admin-unit-merged-moved = Moved by the merge
admin-unit-moved-list = { $people }, { $applications } and { $units }
admin-unit-moved-people = { $count ->
    [1] one person
   *[other] { $count } people
}
admin-unit-moved-applications = { $count ->
    [1] one application
   *[other] { $count } applications
}
admin-unit-moved-units = { $count ->
    [1] one sub-unit
   *[other] { $count } sub-units
}
admin-unit-unmerge = Undo merge
admin-unit-unmerge-help = The unit returns to the organisation chart where it was. People, applications and sub-units that the merge moved and that still belong to the unit they were moved to move back. Anything moved on since stays where it is.
admin-unit-unmerge-unrecorded = This merge was made before Prisverdig began recording what a merge moves. The unit returns to the organisation chart, but no people, applications or sub-units move back; move them yourself afterwards.

admin-import-title = Import the organisation chart
admin-import-help = One line per unit and one column per level, from the top level down. Separate the columns with semicolons or commas. Units that already exist are reused.
admin-field-csv = CSV content
admin-field-has-header = The first line is a header
admin-import-submit = Import
admin-import-rejected = Nothing was imported. Correct these lines:
admin-import-line-error = Line { $line }: { $reason }
admin-import-done = Imported. { $count } new units were added.

admin-rounds-title = Prize rounds
admin-rounds-empty = There are no prize rounds yet.
admin-round-new-title = New prize round
admin-round-edit-title = Edit the round
admin-round-copy = Copy to next year
admin-round-state = State
admin-field-year = Year
admin-field-title = Title
admin-field-ceremony-name = Award ceremony
admin-field-ceremony-at = Time of the award ceremony
admin-field-ceremony-place = Place
admin-field-print-language = Language of diplomas and programme
admin-field-print-language-hint = The diplomas, the ceremony's programme and the nominee pages are written in this language, whichever language you use the site in.
admin-field-visibility = When do applications appear in the catalogue?
admin-visibility-on-submit = When they are submitted
admin-visibility-after-deadline = After the deadline
admin-field-default-prizes = Start with the default prizes (Innovation prize, Steal with style, Best mistake)
admin-state-draft = Draft
admin-state-open = Open
admin-state-closed = Closed
admin-state-judging = Judging
admin-state-nominated = Nominees published
admin-state-awarded = Winners announced
admin-state-archived = Archived
admin-move-open = Open the round
admin-move-closed = Close the round
admin-move-judging = Start judging
admin-move-nominated = Publish the nominees
admin-move-awarded = Announce the winners
admin-move-archived = Archive the round

admin-categories-title = Prize categories
admin-categories-empty = The round has no prize categories yet.
admin-category-new-title = New prize category
admin-field-category-name = Name of the category
admin-field-category-kind = Kind
admin-category-kind-innovation = Innovation prize
admin-category-kind-steal = Steal with style
admin-category-kind-mistake = Best mistake
admin-category-kind-custom = Custom prize
admin-field-prize = Prize (NOK)
admin-field-deadline = Deadline
admin-field-extended = Extended deadline
admin-field-peoples-choice = People's choice (every employee may vote once after the deadline, until the results are published)
admin-field-blind = Blind assessment (the jury does not see who applied)

admin-criteria-title = Criteria
admin-criteria-empty = No criteria yet.
admin-criteria-locked-notice = Criteria and questions can no longer change, because at least one application has been submitted in this category.
admin-criterion-title = Criterion
admin-criterion-new-title = New criterion
admin-field-criterion-text = Criterion
admin-field-weight = Weight
admin-field-shape = Answer form
admin-shape-yes-no = Yes/no
admin-shape-range = Scale
admin-field-scale-min = Lowest value on the scale
admin-field-scale-max = Highest value on the scale

admin-questions-title = Questions
admin-questions-empty = No questions of its own yet.
admin-question-title = Question
admin-question-new-title = New question
admin-field-question-text = Question
admin-field-required = Must be answered

admin-tips-title = Tips about candidates
admin-tips-empty = No tips yet.
admin-tip-from = Tip from
admin-tip-handled = Handled
admin-tip-mark-handled = Mark as handled

tips-title = Tip us about a candidate
tips-intro = Do you know of an innovation that deserves a prize? Tell us about it, and we will invite the unit to apply.
tips-field-unit = Unit
tips-unit-not-listed = The unit is not in the list
tips-field-unit-text = Unit (type the name if it is not in the list)
tips-field-innovation = The innovation
tips-field-reason = Why does it deserve a prize?
tips-submit = Send the tip
tips-thanks = Thank you for the tip! The prize team will look at it.

error-number-invalid = Enter a whole number.
error-number-out-of-range = The number is outside what is allowed.
error-date-time-invalid = Enter a valid date and time.
error-extension-not-after-deadline = The extended deadline must be after the deadline.
error-scale-max-not-above-min = The highest value must be greater than the lowest.
error-criteria-locked = Criteria and questions cannot change once the first application has been submitted.
error-transition-not-allowed = The round cannot move to this state from the state it is in.
error-unit-cycle = A unit cannot be moved under itself or one of its own sub-units.
error-merge-into-own-unit = A unit cannot be merged into itself or one of its own sub-units.
error-unmerge-target-gone = The merge cannot be undone: the unit it was merged into has itself been merged or archived since. Undo that merge first.
error-unmerge-cycle = The merge cannot be undone: the unit it sat under has since been moved below one of the sub-units that would move back. Move that unit elsewhere first.
error-unit-not-merged = The unit was not merged into another, so there is no merge to undo.
error-tip-unit-required = Choose the unit in the list or type its name.
error-import-empty = The file holds no units.
error-import-gap = A level has no name before another level.
error-import-too-deep = The line has too many levels.
error-import-too-long = A unit name is too long.
error-import-malformed = The line cannot be read as CSV (check the quotation marks).

# Admin home: what needs attention
admin-attention-heading = Needs attention
admin-attention-none = Nothing needs attention right now.
admin-attention-tips = Tips not followed up
admin-attention-outbox-failed = E-mails that did not get through (the sender gave up)
admin-attention-outbox = E-mails waiting to be sent
admin-alert-draft-deadline-passed = the deadline has already passed, but the round is not open. Set a new deadline before opening it.
admin-alert-nobody-yet = the deadline is less than a week away and nobody has applied yet. Consider a reminder or extending the deadline.
admin-alert-nobody-at-deadline = the deadline has passed and nobody applied. Extend the deadline, or leave the prize unawarded this year.
admin-alert-ready-to-close = the deadline has passed. Close the round when the jury is to begin.
admin-under-way-heading = Rounds under way
admin-under-way-none = No round is under way.
admin-under-way-category = Prize and round
admin-under-way-submitted = Submitted
admin-under-way-drafts = Drafts
admin-under-way-extended = extended
admin-under-way-passed = The deadline has passed
admin-setup-heading = Setup
# Issue 9: rounds that cannot break the front page.
error-round-year-taken = There is already a prize round for this year. Choose another year, or change the round that exists.
error-copy-year-taken = There is already a prize round for next year, so the round cannot be copied there. Change or delete that round first.
error-open-deadlines-past = The round cannot be opened: the deadline has passed for every category.
error-open-deadlines-past-named = The round cannot be opened: the deadline has passed for { $categories }. Move the deadlines ahead first.
error-round-delete-not-draft = Only rounds that are drafts can be deleted.
error-round-delete-has-applications = The round has applications and cannot be deleted.
admin-list-and = and
admin-round-past-deadlines = The deadline has passed for
admin-deadline-passed = Deadline passed
admin-round-delete = Delete the draft
admin-round-delete-title = Delete the prize round
admin-round-delete-warning = The round is deleted for good, with every prize category and their criteria and questions:
admin-round-delete-confirm = Yes, delete the round
admin-round-delete-cancel = No, keep the round
admin-round-deleted = The prize round has been deleted.
admin-category-saved = The prize category has been saved.
admin-category-deadline-past = The deadline for this category has already passed, so it takes no applications. Check the deadline:
admin-category-kind-auto = From the name (one of the default prizes, else a custom prize)
admin-users-title = Users
admin-users-search = Search by name or e-mail address
admin-users-search-submit = Search
admin-users-count = Number of users
admin-users-empty = No users match the search.
admin-user-new-title = Add a user
admin-user-new-help = The user gets no password but an invitation link by e-mail. You also see the link once after adding the user.
admin-user-create = Add user
admin-user-roles = Roles
admin-user-status = Status
admin-user-active = Active
admin-user-inactive = Deactivated
admin-user-pending = Invited, waiting
admin-role-applicant = Applicant
admin-role-leader = Unit leader
admin-role-juror = Juror
admin-role-jury-chair = Jury chair
admin-role-administrator = Administrator
admin-role-editor = Editor
admin-user-link-heading = Invitation link
admin-user-link-help = The link was sent by e-mail. It is shown only now, so copy it if you want to hand it over yourself.
admin-user-self-note = You cannot remove your own administrator role.
admin-user-access = Access
admin-user-deactivate-help = A deactivated user loses access at once. Applications and assessments stay.
admin-user-reactivate-help = The user is deactivated and cannot sign in.
admin-user-deactivate = Deactivate the user
admin-user-reactivate = Reactivate the user
admin-user-invitation = Invitation
admin-user-invitation-help = The user has not signed in yet. A new link makes the old one stop working.
admin-user-invitation-renew = Make a new invitation link
error-user-self-deactivate = You cannot deactivate your own account.
error-user-self-admin = You cannot remove your own administrator role.
error-user-conflict = Someone else changed the user at the same time. This is how it looks now; try again.
error-user-not-pending = The user has already signed in and needs no invitation.
admin-user-unit = Unit
admin-user-unit-field = The unit the person belongs to
admin-user-unit-none = No unit

admin-outbox-title = Outgoing e-mail
admin-outbox-folder = No mail server is set up: every e-mail is written as an .eml file into the data directory (mail/). Download an e-mail to read it in a mail program.
admin-outbox-smtp = E-mail is sent through the mail server. An e-mail that does not get through is tried again at growing intervals until the sender gives up.
admin-outbox-states = Show e-mails
admin-outbox-pending = Waiting
admin-outbox-sent = Sent
admin-outbox-failed = Given up
admin-outbox-empty = No e-mails here.
admin-outbox-written = Written
admin-outbox-recipient = To
admin-outbox-subject = Subject
admin-outbox-status = Status
admin-outbox-actions = Actions
admin-outbox-sent-at = Sent
admin-outbox-given-up = The sender gave up
admin-outbox-next = Next attempt
admin-outbox-attempts = Attempts
admin-outbox-error = Error
admin-outbox-download = Download (.eml)
admin-outbox-resend = Send again

admin-jobs-title = Scheduled jobs
admin-jobs-intro = Deadlines, publications, reminders and clean-up run by themselves at their minute, once, even when several processes share the database. A job that was due while the service was down runs when it is back.
admin-jobs-upcoming = Coming up
admin-jobs-recent = Last runs
admin-jobs-none = No jobs are scheduled.
admin-jobs-none-run = No job has run yet.
admin-jobs-when = When
admin-jobs-ran = Ran
admin-jobs-what = What
admin-jobs-status = Status
admin-jobs-outcome = Outcome
admin-jobs-waiting = Waiting
admin-jobs-failed = Failed, will be retried
job-close-category = The application deadline passes
job-deadline-reminder = Reminder about drafts { $days } days before the deadline
job-announce-nominees = Nominees are published: e-mail to the nominees
job-announce-results = Results are published: e-mail to everyone who applied
job-jury-reminder = Reminder to the jury { $days } days before publication
job-follow-up = “Did it last?”: questions to nominees and winners
job-retention = Daily clean-up
job-outcome-messages = { $count ->
    [0] No e-mails
    [1] One e-mail
   *[other] { $count } e-mails
}
job-outcome-submitted = Closed with { $count } submitted applications
job-outcome-stale = Expired (the time was changed)
job-outcome-done = Done
admin-round-call = Send the call by e-mail
admin-round-called = { $count ->
    [0] Everyone has already received the call.
    [1] The call was put in the outbox for one recipient.
   *[other] The call was put in the outbox for { $count } recipients.
}
error-call-nothing-open = No category in this round has a deadline ahead, so there is nothing to apply for.
