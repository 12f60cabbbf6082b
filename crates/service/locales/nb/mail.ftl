# E-mail, Bokmål. Every message: a subject, paragraphs, and one action (a link).
mail-greeting = Hei!
mail-signature = Hilsen { $organisation }
mail-about = Denne e-posten er sendt fra Prisverdig hos { $organisation }.
mail-unsubscribe = Vil du ikke ha slike e-poster fra Prisverdig? Meld deg av her:
mail-unsubscribe-label = Meld deg av
mail-date-time = { $day }. { $month } { $year } kl. { $time }
mail-month-1 = januar
mail-month-2 = februar
mail-month-3 = mars
mail-month-4 = april
mail-month-5 = mai
mail-month-6 = juni
mail-month-7 = juli
mail-month-8 = august
mail-month-9 = september
mail-month-10 = oktober
mail-month-11 = november
mail-month-12 = desember
mail-outcome-winner = vinner
mail-outcome-nominee = nominert
mail-outcome-honourable_mention = hedrende omtalt

mail-call-subject = Søk om { $round }
mail-call-intro = { $organisation } deler ut { $round }. Alle enheter kan søke, og alle som søker blir sett.
mail-call-categories = Prisene og fristene:
mail-call-item = { $category }: frist { $deadline }
mail-call-action = Les utlysningen og søk

mail-receipt-subject = Søknaden er mottatt: { $title }
mail-receipt-body = Takk! Søknaden «{ $title }» til { $category } ble sendt inn { $at }. Alle som søker blir sett: søknaden vises i katalogen når den er publisert.
mail-receipt-action = Se søknaden

mail-account-subject = Du er invitert til Prisverdig
mail-account-body = { $inviter } har invitert deg til Prisverdig. Åpne lenken for å velge passord og komme i gang. Lenken virker én gang, og til { $expires }.
mail-account-action = Velg passord

mail-team-subject = Du er med i søknaden «{ $title }»
mail-team-body = { $inviter } har lagt deg til i teamet bak søknaden «{ $title }». Dere kan skrive på den sammen fram til fristen.
mail-team-action = Åpne søknaden

mail-reminder-subject = { $days ->
    [1] Én dag
   *[other] { $days } dager
} til fristen: { $title }
mail-reminder-body = Søknaden «{ $title }» til { $category } er ikke sendt inn ennå. Fristen er { $deadline }.
mail-reminder-action = Fullfør søknaden

mail-extended-subject = Fristen er forlenget: { $category }
mail-extended-body = Fristen for å søke { $category } er forlenget til { $deadline }.
mail-extended-action = Søk om pris

mail-nominees-subject = Dere er nominert: { $title }
mail-nominees-body = Gratulerer! Søknaden «{ $title }» er nominert til { $category }.
mail-nominees-ceremony = Vinneren kåres { $at }.
mail-nominees-action = Se nominasjonen

mail-results-subject = Resultatet er klart: { $category }
mail-results-winner = Gratulerer! «{ $title }» vant { $category }. Juryens begrunnelse:
mail-results-mention = Gratulerer! «{ $title }» fikk hedrende omtale i { $category }. Juryens begrunnelse:
mail-results-nominee = «{ $title }» var nominert til { $category }. Vinneren er nå kåret.
mail-results-other = Juryen har kåret vinneren av { $category }. Takk for at dere søkte med «{ $title }» – alle søknader blir værende synlige i katalogen.
mail-results-action = Se resultatet

mail-feedback-subject = Juryens tilbakemelding: { $title }
mail-feedback-body = Juryen har skrevet en tilbakemelding til søknaden «{ $title }».
mail-feedback-action = Les tilbakemeldingen

mail-juror-subject = Du er med i juryen for { $category }
mail-juror-body = Du er { $role } i juryen for { $category }. Søknadene kan vurderes når fristen er ute, { $deadline }. Si fra i Prisverdig om du er inhabil i en søknad.
mail-juror-role-chair = leder
mail-juror-role-deputy = nestleder
mail-juror-role-member = medlem
mail-juror-action = Åpne juryens side

mail-jury-reminder-subject = { $count ->
    [1] Én vurdering
   *[other] { $count } vurderinger
} gjenstår: { $category }
mail-jury-reminder-body = Du har { $count ->
    [1] én vurdering
   *[other] { $count } vurderinger
} i { $category } som ikke er sendt inn. Juryen publiserer { $at }.
mail-jury-reminder-action = Gå til vurderingene

mail-tip-subject = Nytt tips om en kandidat
mail-tip-body = { $tipper } ({ $email }) tipser om en kandidat.
mail-tip-unit = Enhet: { $unit }
mail-tip-innovation = Innovasjon: { $innovation }
mail-tip-action = Se tipsene

mail-tip-invitation-subject = Dere er tipset som kandidat til innovasjonsprisene
mail-tip-invitation-body = Noen har tipset oss om at { $unit } har en innovasjon som fortjener å bli sett: { $innovation }.
mail-tip-invitation-apply = Alle som søker blir sett. Logg inn i Prisverdig og velg «Søk om pris» for å søke.
mail-tip-invitation-action = Søk om pris

mail-follow-up-subject = Ble det varig? «{ $title }»
mail-follow-up-body = For ett år siden ble «{ $title }» { $outcome } i { $category }. Er innovasjonen fortsatt i bruk, og har den spredt seg?
mail-follow-up-shown = Svar på tre korte spørsmål. Svaret vises på innovasjonens side i katalogen, så andre kan se hva som varte.
mail-follow-up-action = Svar nå
