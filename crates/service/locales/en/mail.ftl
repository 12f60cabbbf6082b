# E-mail, English.
mail-greeting = Hello,
mail-signature = Kind regards, { $organisation }
mail-about = This e-mail was sent by Prisverdig at { $organisation }.
mail-unsubscribe = Don't want e-mails like this from Prisverdig? Unsubscribe here:
mail-unsubscribe-label = Unsubscribe
mail-date-time = { $day } { $month } { $year } at { $time }
mail-month-1 = January
mail-month-2 = February
mail-month-3 = March
mail-month-4 = April
mail-month-5 = May
mail-month-6 = June
mail-month-7 = July
mail-month-8 = August
mail-month-9 = September
mail-month-10 = October
mail-month-11 = November
mail-month-12 = December
mail-outcome-winner = the winner
mail-outcome-nominee = nominated
mail-outcome-honourable_mention = given an honourable mention

mail-call-subject = Apply for { $round }
mail-call-intro = { $organisation } is awarding { $round }. Every unit may apply, and everyone who applies is seen.
mail-call-categories = The prizes and their deadlines:
mail-call-item = { $category }: deadline { $deadline }
mail-call-action = Read the call and apply

mail-receipt-subject = Application received: { $title }
mail-receipt-body = Thank you! The application “{ $title }” for { $category } was submitted on { $at }. Everyone who applies is seen: the application appears in the catalogue once it is published.
mail-receipt-action = View the application

mail-account-subject = You are invited to Prisverdig
mail-account-body = { $inviter } has invited you to Prisverdig. Open the link to choose a password and get started. The link works once, until { $expires }.
mail-account-action = Choose a password

mail-team-subject = You are on the application “{ $title }”
mail-team-body = { $inviter } has added you to the team behind the application “{ $title }”. You can write it together until the deadline.
mail-team-action = Open the application

mail-reminder-subject = { $days ->
    [1] One day
   *[other] { $days } days
} to the deadline: { $title }
mail-reminder-body = The application “{ $title }” for { $category } has not been submitted yet. The deadline is { $deadline }.
mail-reminder-action = Finish the application

mail-extended-subject = Deadline extended: { $category }
mail-extended-body = The deadline to apply for { $category } has been extended to { $deadline }.
mail-extended-action = Apply for a prize

mail-nominees-subject = You are nominated: { $title }
mail-nominees-body = Congratulations! The application “{ $title }” is nominated for { $category }.
mail-nominees-ceremony = The winner is announced on { $at }.
mail-nominees-action = View the nomination

mail-results-subject = The results are out: { $category }
mail-results-winner = Congratulations! “{ $title }” won { $category }. The jury's justification:
mail-results-mention = Congratulations! “{ $title }” received an honourable mention in { $category }. The jury's justification:
mail-results-nominee = “{ $title }” was nominated for { $category }. The winner has now been announced.
mail-results-other = The jury has chosen the winner of { $category }. Thank you for applying with “{ $title }” – every application stays visible in the catalogue.
mail-results-action = View the results

mail-feedback-subject = The jury's feedback: { $title }
mail-feedback-body = The jury has written feedback on the application “{ $title }”.
mail-feedback-action = Read the feedback

mail-juror-subject = You are on the jury for { $category }
mail-juror-body = You are { $role } of the jury for { $category }. Applications can be reviewed once the deadline has passed, { $deadline }. Tell Prisverdig if you have a conflict of interest with an application.
mail-juror-role-chair = the chair
mail-juror-role-deputy = the deputy chair
mail-juror-role-member = a member
mail-juror-action = Open the jury's page

mail-jury-reminder-subject = { $count ->
    [1] One review
   *[other] { $count } reviews
} left: { $category }
mail-jury-reminder-body = You have { $count ->
    [1] one review
   *[other] { $count } reviews
} in { $category } not yet submitted. The jury publishes on { $at }.
mail-jury-reminder-action = Go to the reviews

mail-tip-subject = New tip about a candidate
mail-tip-body = { $tipper } ({ $email }) suggests a candidate.
mail-tip-unit = Unit: { $unit }
mail-tip-innovation = Innovation: { $innovation }
mail-tip-action = View the tips

mail-tip-invitation-subject = You have been suggested as a candidate for the innovation prizes
mail-tip-invitation-body = Someone told us that { $unit } has an innovation that deserves to be seen: { $innovation }.
mail-tip-invitation-apply = Everyone who applies is seen. Sign in to Prisverdig and choose “Apply for a prize” to apply.
mail-tip-invitation-action = Apply for a prize

mail-follow-up-subject = Did it last? “{ $title }”
mail-follow-up-body = A year ago, “{ $title }” was { $outcome } in { $category }. Is the innovation still in use, and has it spread?
mail-follow-up-shown = Answer three short questions. Your answer is shown on the innovation's page in the catalogue, so others can see what lasted.
mail-follow-up-action = Answer now
