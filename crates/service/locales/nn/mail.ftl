# E-post, nynorsk.
mail-greeting = Hei!
mail-signature = Helsing { $organisation }
mail-about = Denne e-posten er send frå Prisverdig hos { $organisation }.
mail-unsubscribe = Vil du ikkje ha slike e-postar frå Prisverdig? Meld deg av her:
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
mail-outcome-winner = vinnar
mail-outcome-nominee = nominert
mail-outcome-honourable_mention = heidra med omtale

mail-call-subject = Søk om { $round }
mail-call-intro = { $organisation } deler ut { $round }. Alle einingar kan søkje, og alle som søkjer, blir sett.
mail-call-categories = Prisane og fristane:
mail-call-item = { $category }: frist { $deadline }
mail-call-action = Les utlysinga og søk

mail-receipt-subject = Søknaden er motteken: { $title }
mail-receipt-body = Takk! Søknaden «{ $title }» til { $category } vart send inn { $at }. Alle som søkjer, blir sett: søknaden blir vist i katalogen når han er publisert.
mail-receipt-action = Sjå søknaden

mail-account-subject = Du er invitert til Prisverdig
mail-account-body = { $inviter } har invitert deg til Prisverdig. Opne lenkja for å velje passord og kome i gang. Lenkja verkar éin gong, og til { $expires }.
mail-account-action = Vel passord

mail-team-subject = Du er med i søknaden «{ $title }»
mail-team-body = { $inviter } har lagt deg til i teamet bak søknaden «{ $title }». De kan skrive på han saman fram til fristen.
mail-team-action = Opne søknaden

mail-reminder-subject = { $days ->
    [1] Éin dag
   *[other] { $days } dagar
} til fristen: { $title }
mail-reminder-body = Søknaden «{ $title }» til { $category } er ikkje send inn enno. Fristen er { $deadline }.
mail-reminder-action = Fullfør søknaden

mail-extended-subject = Fristen er forlengd: { $category }
mail-extended-body = Fristen for å søkje { $category } er forlengd til { $deadline }.
mail-extended-action = Søk om pris

mail-nominees-subject = De er nominerte: { $title }
mail-nominees-body = Gratulerer! Søknaden «{ $title }» er nominert til { $category }.
mail-nominees-ceremony = Vinnaren blir kåra { $at }.
mail-nominees-action = Sjå nominasjonen

mail-results-subject = Resultatet er klart: { $category }
mail-results-winner = Gratulerer! «{ $title }» vann { $category }. Grunngjevinga til juryen:
mail-results-mention = Gratulerer! «{ $title }» fekk heiderleg omtale i { $category }. Grunngjevinga til juryen:
mail-results-nominee = «{ $title }» var nominert til { $category }. Vinnaren er no kåra.
mail-results-other = Juryen har kåra vinnaren av { $category }. Takk for at de søkte med «{ $title }» – alle søknader blir verande synlege i katalogen.
mail-results-action = Sjå resultatet

mail-feedback-subject = Tilbakemelding frå juryen: { $title }
mail-feedback-body = Juryen har skrive ei tilbakemelding til søknaden «{ $title }».
mail-feedback-action = Les tilbakemeldinga

mail-juror-subject = Du er med i juryen for { $category }
mail-juror-body = Du er { $role } i juryen for { $category }. Søknadene kan vurderast når fristen er ute, { $deadline }. Sei frå i Prisverdig om du er ugild i ein søknad.
mail-juror-role-chair = leiar
mail-juror-role-deputy = nestleiar
mail-juror-role-member = medlem
mail-juror-action = Opne sida til juryen

mail-jury-reminder-subject = { $count ->
    [1] Éi vurdering
   *[other] { $count } vurderingar
} står att: { $category }
mail-jury-reminder-body = Du har { $count ->
    [1] éi vurdering
   *[other] { $count } vurderingar
} i { $category } som ikkje er sende inn. Juryen publiserer { $at }.
mail-jury-reminder-action = Gå til vurderingane

mail-tip-subject = Nytt tips om ein kandidat
mail-tip-body = { $tipper } ({ $email }) tipsar om ein kandidat.
mail-tip-unit = Eining: { $unit }
mail-tip-innovation = Innovasjon: { $innovation }
mail-tip-action = Sjå tipsa

mail-tip-invitation-subject = De er tipsa som kandidat til innovasjonsprisane
mail-tip-invitation-body = Nokon har tipsa oss om at { $unit } har ein innovasjon som fortener å bli sett: { $innovation }.
mail-tip-invitation-apply = Alle som søkjer, blir sett. Logg inn i Prisverdig og vel «Søk om pris» for å søkje.
mail-tip-invitation-action = Søk om pris

mail-follow-up-subject = Vart det varig? «{ $title }»
mail-follow-up-body = For eitt år sidan vart «{ $title }» { $outcome } i { $category }. Er innovasjonen framleis i bruk, og har han spreidd seg?
mail-follow-up-shown = Svar på tre korte spørsmål. Svaret blir vist på sida til innovasjonen i katalogen, så andre kan sjå kva som varte.
mail-follow-up-action = Svar no
