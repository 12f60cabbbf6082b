# Administrasjon (Nynorsk). Keep keys in the same order as nb.
nav-admin = Administrasjon
nav-tip = Tips oss
admin-title = Administrasjon
admin-save = Lagre
admin-edit = Endre
admin-remove = Fjern
admin-choose = Vel …
admin-move-up = Flytt opp
admin-move-down = Flytt ned
admin-oslo-time-hint = Norsk tid (Europe/Oslo).
admin-field-date = Dato
admin-field-time = Klokkeslett
admin-field-description = Skildring
admin-field-help = Hjelpetekst

admin-units-title = Organisasjonskart
admin-units-empty = Organisasjonskartet er tomt. Legg til ei eining eller importer frå CSV.
admin-unit-new-title = Ny eining
admin-unit-create = Legg til eining
admin-field-unit-name = Namn på eininga
admin-field-unit-kind = Type
admin-unit-kind-sector = tenesteområde
admin-unit-kind-area = område
admin-unit-kind-unit = tenestestad
admin-field-parent = Ligg under
admin-parent-none = (øvste nivå)
admin-unit-rename = Gi nytt namn
admin-unit-move = Flytt eininga
admin-unit-merge = Slå saman
admin-unit-merge-help = Alle brukarar, søknader og undereiningar blir flytte til eininga du vel, og denne eininga blir arkivert. Søknadene held på einingsnamna slik dei var då dei vart sende inn.
admin-field-merge-into = Slå saman med
admin-units-archived-title = Arkiverte og samanslåtte einingar
admin-unit-archived = arkivert
admin-unit-archived-only = Arkivert, ikkje slått saman
admin-unit-archived-read-only = Eininga er ikkje lenger i organisasjonskartet. Sida kan berre lesast.
admin-unit-merged-into = Slått saman med
admin-unit-merged-at = Slått saman
admin-unit-merged-unknown = Ukjent tidspunkt
admin-unit-merged-by = Slått saman av
admin-unit-merged-moved = Flytta ved samanslåinga
admin-unit-moved-list = { $people }, { $applications } og { $units }
admin-unit-moved-people = { $count ->
    [1] éin person
   *[other] { $count } personar
}
admin-unit-moved-applications = { $count ->
    [1] éin søknad
   *[other] { $count } søknader
}
admin-unit-moved-units = { $count ->
    [1] éi undereining
   *[other] { $count } undereiningar
}
admin-unit-unmerge = Angre samanslåing
admin-unit-unmerge-help = Eininga kjem tilbake i organisasjonskartet der ho låg. Personar, søknader og undereiningar som vart flytte ved samanslåinga og framleis høyrer til eininga dei vart flytte til, blir flytte tilbake. Det som er flytt vidare sidan, blir verande der det er.
admin-unit-unmerge-unrecorded = Denne samanslåinga vart gjord før Prisverdig byrja å lagre kva som vart flytt. Eininga kjem tilbake i organisasjonskartet, men ingen personar, søknader eller undereiningar blir flytte tilbake; flytt dei sjølv etterpå.

admin-import-title = Importer organisasjonskart
admin-import-help = Éi linje per eining og éin kolonne per nivå, frå øvste nivå og nedover. Skil kolonnane med semikolon eller komma. Einingar som finst frå før, blir brukte om att.
admin-field-csv = CSV-innhald
admin-field-has-header = Første linja er ei overskrift
admin-import-submit = Importer
admin-import-rejected = Ingenting vart importert. Rett opp desse linjene:
admin-import-line-error = Linje { $line }: { $reason }
admin-import-done = Importert. { $count } nye einingar vart lagde til.

admin-rounds-title = Prisrundar
admin-rounds-empty = Det finst ingen prisrundar enno.
admin-round-new-title = Ny prisrunde
admin-round-edit-title = Endre prisrunden
admin-round-copy = Kopier til neste år
admin-round-state = Status
admin-field-year = År
admin-field-title = Tittel
admin-field-ceremony-name = Prisutdeling
admin-field-ceremony-at = Tidspunkt for prisutdelinga
admin-field-ceremony-place = Stad
admin-field-print-language = Språk på diplom og program
admin-field-print-language-hint = Diploma, seremoniprogrammet og sidene om dei nominerte blir skrivne på dette språket, same kva språk du bruker nettstaden på.
admin-field-visibility = Når blir søknadene synlege i katalogen?
admin-visibility-on-submit = Når dei blir sende inn
admin-visibility-after-deadline = Etter søknadsfristen
admin-field-default-prizes = Start med standardprisane (Innovasjonsprisen, Stjel med stil, Beste feil)
admin-state-draft = Utkast
admin-state-open = Open
admin-state-closed = Stengd
admin-state-judging = Juryvurdering
admin-state-nominated = Nominerte offentleggjorde
admin-state-awarded = Vinnarar kåra
admin-state-archived = Arkivert
admin-move-open = Opne runden
admin-move-closed = Steng runden
admin-move-judging = Start juryvurderinga
admin-move-nominated = Offentleggjer dei nominerte
admin-move-awarded = Kår vinnarane
admin-move-archived = Arkiver runden

admin-categories-title = Priskategoriar
admin-categories-empty = Runden har ingen priskategoriar enno.
admin-category-new-title = Ny priskategori
admin-field-category-name = Namn på priskategorien
admin-field-category-kind = Type
admin-category-kind-innovation = Innovasjonsprisen
admin-category-kind-steal = Stjel med stil
admin-category-kind-mistake = Beste feil
admin-category-kind-custom = Eigen pris
admin-field-prize = Prissum (kr)
admin-field-deadline = Søknadsfrist
admin-field-extended = Forlengd frist
admin-field-peoples-choice = Folkets favoritt (alle tilsette kan røyste éin gong etter fristen, til resultata blir publiserte)
admin-field-blind = Anonym vurdering (juryen ser ikkje kven som har søkt)

admin-criteria-title = Kriterium
admin-criteria-empty = Ingen kriterium enno.
admin-criteria-locked-notice = Kriterium og spørsmål kan ikkje endrast lenger, fordi minst éin søknad er send inn i denne kategorien.
admin-criterion-title = Kriterium
admin-criterion-new-title = Nytt kriterium
admin-field-criterion-text = Kriterium
admin-field-weight = Vekt
admin-field-shape = Svarform
admin-shape-yes-no = Ja/nei
admin-shape-range = Skala
admin-field-scale-min = Lågaste verdi på skalaen
admin-field-scale-max = Høgaste verdi på skalaen

admin-questions-title = Spørsmål
admin-questions-empty = Ingen eigne spørsmål enno.
admin-question-title = Spørsmål
admin-question-new-title = Nytt spørsmål
admin-field-question-text = Spørsmål
admin-field-required = Må svarast på

admin-tips-title = Tips om kandidatar
admin-tips-empty = Ingen tips enno.
admin-tip-from = Tipsa av
admin-tip-handled = Handsama
admin-tip-mark-handled = Merk som handsama

tips-title = Tips oss om ein kandidat
tips-intro = Kjenner du til ein innovasjon som fortener ein pris? Fortel oss om han, så inviterer vi eininga til å søkje.
tips-field-unit = Eining
tips-unit-not-listed = Eininga står ikkje i lista
tips-field-unit-text = Eining (skriv namnet om ho ikkje står i lista)
tips-field-innovation = Innovasjonen
tips-field-reason = Kvifor fortener han ein pris?
tips-submit = Send tipset
tips-thanks = Takk for tipset! Prisarbeidsgruppa ser på det.

error-number-invalid = Skriv eit heilt tal.
error-number-out-of-range = Talet er utanfor det som er tillate.
error-date-time-invalid = Skriv ein gyldig dato og eit gyldig klokkeslett.
error-extension-not-after-deadline = Den forlengde fristen må vere etter søknadsfristen.
error-scale-max-not-above-min = Høgaste verdi må vere større enn lågaste verdi.
error-criteria-locked = Kriterium og spørsmål kan ikkje endrast etter at den første søknaden er send inn.
error-transition-not-allowed = Runden kan ikkje gå til denne statusen frå den statusen han har no.
error-unit-cycle = Ei eining kan ikkje flyttast inn under seg sjølv eller ei av sine eigne undereiningar.
error-merge-into-own-unit = Ei eining kan ikkje slåast saman med seg sjølv eller ei av sine eigne undereiningar.
error-unmerge-target-gone = Samanslåinga kan ikkje angrast: eininga ho vart slått saman med, er sjølv slått saman eller arkivert sidan. Angre den samanslåinga først.
error-unmerge-cycle = Samanslåinga kan ikkje angrast: eininga ho låg under, er sidan flytt inn under ei av undereiningane som skulle flyttast tilbake. Flytt den eininga ein annan stad først.
error-unit-not-merged = Eininga er ikkje slått saman med nokon annan, så det er inga samanslåing å angre.
error-tip-unit-required = Vel eininga i lista eller skriv namnet.
error-import-empty = Fila inneheld ingen einingar.
error-import-gap = Eit nivå manglar namn framfor eit anna nivå.
error-import-too-deep = Linja har for mange nivå.
error-import-too-long = Eit einingsnamn er for langt.
error-import-malformed = Linja kan ikkje lesast som CSV (sjekk hermeteikna).

# Admin home: what needs attention
admin-attention-heading = Til oppfølging
admin-attention-none = Ingenting treng oppfølging akkurat no.
admin-attention-tips = Tips som ikkje er følgde opp
admin-attention-outbox-failed = E-postar som ikkje kom fram (avsendaren har gitt opp)
admin-attention-outbox = E-postar som ventar på å bli sende
admin-alert-draft-deadline-passed = fristen er alt passert, men runden er ikkje opna. Set ein ny frist før du opnar han.
admin-alert-nobody-yet = fristen er under ei veke unna, og ingen har søkt enno. Vurder å minne om prisen eller forlengje fristen.
admin-alert-nobody-at-deadline = fristen er ute, og ingen søkte. Forleng fristen, eller la prisen stå utan vinnar i år.
admin-alert-ready-to-close = fristen er ute. Steng runden når juryen skal byrje.
admin-under-way-heading = Rundar som går føre seg
admin-under-way-none = Ingen runde går føre seg.
admin-under-way-category = Pris og runde
admin-under-way-submitted = Sende inn
admin-under-way-drafts = Kladdar
admin-under-way-extended = forlengd
admin-under-way-passed = Fristen er ute
admin-setup-heading = Oppsett
# Issue 9: rounds that cannot break the front page.
error-round-year-taken = Det finst alt ein prisrunde for dette året. Vel eit anna år, eller endre den runden som finst.
error-copy-year-taken = Det finst alt ein prisrunde for neste år, så runden kan ikkje kopierast dit. Endre eller slett den runden først.
error-open-deadlines-past = Runden kan ikkje opnast: fristen har gått ut for alle kategoriane.
error-open-deadlines-past-named = Runden kan ikkje opnast: fristen har gått ut for { $categories }. Flytt fristane fram i tid først.
error-round-delete-not-draft = Berre rundar som er utkast, kan slettast.
error-round-delete-has-applications = Runden har søknader og kan ikkje slettast.
admin-list-and = og
admin-round-past-deadlines = Fristen har gått ut for
admin-deadline-passed = Fristen er ute
admin-round-delete = Slett utkastet
admin-round-delete-title = Slette prisrunden
admin-round-delete-warning = Runden blir sletta for godt, med alle priskategoriane og kriteria og spørsmåla deira:
admin-round-delete-confirm = Ja, slett runden
admin-round-delete-cancel = Nei, behald runden
admin-round-deleted = Prisrunden er sletta.
admin-category-saved = Priskategorien er lagra.
admin-category-deadline-past = Fristen for denne kategorien har alt gått ut, så han tek ikkje imot søknader. Sjekk fristen:
admin-category-kind-auto = Ut frå namnet (ein av standardprisane, elles eigen pris)
admin-users-title = Brukarar
admin-users-search = Søk etter namn eller e-postadresse
admin-users-search-submit = Søk
admin-users-count = Tal på brukarar
admin-users-empty = Ingen brukarar passar med søket.
admin-user-new-title = Legg til brukar
admin-user-new-help = Brukaren får ikkje noko passord, men ei invitasjonslenkje på e-post. Du ser lenkja òg éin gong etter at brukaren er lagd til.
admin-user-create = Legg til brukar
admin-user-roles = Roller
admin-user-status = Status
admin-user-active = Aktiv
admin-user-inactive = Deaktivert
admin-user-pending = Invitert, ventar
admin-role-applicant = Søkjar
admin-role-leader = Leiar
admin-role-juror = Jurymedlem
admin-role-jury-chair = Juryleiar
admin-role-administrator = Administrator
admin-role-editor = Redaktør
admin-user-link-heading = Invitasjonslenkje
admin-user-link-help = Lenkja er send på e-post. Ho blir vist berre no, så kopier ho om du vil gje ho vidare sjølv.
admin-user-self-note = Du kan ikkje fjerne di eiga administratorrolle.
admin-user-access = Tilgang
admin-user-deactivate-help = Ein deaktivert brukar mistar tilgangen med ein gong. Søknader og vurderingar blir liggjande.
admin-user-reactivate-help = Brukaren er deaktivert og kan ikkje logge inn.
admin-user-deactivate = Deaktiver brukaren
admin-user-reactivate = Aktiver brukaren igjen
admin-user-invitation = Invitasjon
admin-user-invitation-help = Brukaren har ikkje logga inn enno. Ei ny lenkje gjer at den gamle sluttar å verke.
admin-user-invitation-renew = Lag ny invitasjonslenkje
error-user-self-deactivate = Du kan ikkje deaktivere din eigen konto.
error-user-self-admin = Du kan ikkje fjerne di eiga administratorrolle.
error-user-conflict = Nokon andre endra brukaren samtidig. Slik ser han ut no; prøv igjen.
error-user-not-pending = Brukaren har alt logga inn og treng ingen invitasjon.
admin-user-unit = Eining
admin-user-unit-field = Eininga personen høyrer til
admin-user-unit-none = Inga eining

admin-outbox-title = Utgåande e-post
admin-outbox-folder = Ingen e-posttenar er sett opp: kvar e-post blir skriven som ei .eml-fil i datamappa (mail/). Last ned ein e-post for å lese han i eit e-postprogram.
admin-outbox-smtp = E-post blir send gjennom e-posttenaren. Ein e-post som ikkje kjem fram, blir prøvd igjen med aukande mellomrom til avsendaren gir opp.
admin-outbox-states = Vis e-postar
admin-outbox-pending = Ventar
admin-outbox-sent = Send
admin-outbox-failed = Gav opp
admin-outbox-empty = Ingen e-postar her.
admin-outbox-written = Skriven
admin-outbox-recipient = Til
admin-outbox-subject = Emne
admin-outbox-status = Status
admin-outbox-actions = Handlingar
admin-outbox-sent-at = Send
admin-outbox-given-up = Avsendaren gav opp
admin-outbox-next = Neste forsøk
admin-outbox-attempts = Forsøk
admin-outbox-error = Feil
admin-outbox-download = Last ned (.eml)
admin-outbox-resend = Send igjen

admin-jobs-title = Planlagde jobbar
admin-jobs-intro = Fristar, publiseringar, påminningar og opprydding blir køyrde av seg sjølv på minuttet sitt, éin gong, også når fleire prosessar deler databasen. Ein jobb som skulle ha køyrt medan tenesta var nede, blir køyrd når ho er oppe att.
admin-jobs-upcoming = Kommande
admin-jobs-recent = Siste køyringar
admin-jobs-none = Ingen jobbar er planlagde.
admin-jobs-none-run = Ingen jobbar har køyrt enno.
admin-jobs-when = Når
admin-jobs-ran = Køyrd
admin-jobs-what = Kva
admin-jobs-status = Status
admin-jobs-outcome = Resultat
admin-jobs-waiting = Ventar
admin-jobs-failed = Feila, blir prøvd igjen
job-close-category = Søknadsfristen går ut
job-deadline-reminder = Påminning om utkast { $days } dagar før fristen
job-announce-nominees = Nominerte blir publiserte: e-post til dei nominerte
job-announce-results = Resultata blir publiserte: e-post til alle som søkte
job-jury-reminder = Påminning til juryen { $days } dagar før publisering
job-follow-up = «Vart det varig?»: spørsmål til nominerte og vinnarar
job-retention = Dagleg opprydding
job-outcome-messages = { $count ->
    [0] Ingen e-postar
    [1] Éin e-post
   *[other] { $count } e-postar
}
job-outcome-submitted = Lukka med { $count } innsende søknader
job-outcome-stale = Gått ut (tidspunktet vart endra)
job-outcome-done = Ferdig
admin-round-call = Send utlysinga på e-post
admin-round-called = { $count ->
    [0] Alle har alt fått utlysinga.
    [1] Utlysinga er lagd i utboksen til éin mottakar.
   *[other] Utlysinga er lagd i utboksen til { $count } mottakarar.
}
error-call-nothing-open = Ingen kategori i runden har ein frist fram i tid, så det er ingenting å søkje på.
