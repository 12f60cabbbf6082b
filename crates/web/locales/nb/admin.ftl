# Administrasjon (Bokmål). Keep keys in the same order in nn and en.
nav-admin = Administrasjon
nav-tip = Tips oss
admin-title = Administrasjon
admin-save = Lagre
admin-edit = Endre
admin-remove = Fjern
admin-choose = Velg …
admin-move-up = Flytt opp
admin-move-down = Flytt ned
admin-oslo-time-hint = Norsk tid (Europe/Oslo).
admin-field-date = Dato
admin-field-time = Klokkeslett
admin-field-description = Beskrivelse
admin-field-help = Hjelpetekst

admin-units-title = Organisasjonskart
admin-units-empty = Organisasjonskartet er tomt. Legg til en enhet eller importer fra CSV.
admin-unit-new-title = Ny enhet
admin-unit-create = Legg til enhet
admin-field-unit-name = Navn på enheten
admin-field-unit-kind = Type
admin-unit-kind-sector = tjenesteområde
admin-unit-kind-area = område
admin-unit-kind-unit = tjenestested
admin-field-parent = Ligger under
admin-parent-none = (øverste nivå)
admin-unit-rename = Gi nytt navn
admin-unit-move = Flytt enheten
admin-unit-merge = Slå sammen
admin-unit-merge-help = Alle brukere, søknader og underenheter flyttes til enheten du velger, og denne enheten arkiveres. Søknadene beholder enhetsnavnene slik de var da de ble sendt inn.
admin-field-merge-into = Slå sammen med
admin-units-archived-title = Arkiverte og sammenslåtte enheter
admin-unit-archived = arkivert
admin-unit-archived-only = Arkivert, ikke slått sammen
admin-unit-archived-read-only = Enheten er ikke lenger i organisasjonskartet. Siden kan bare leses.
admin-unit-merged-into = Slått sammen med
admin-unit-merged-at = Slått sammen
admin-unit-merged-unknown = Ukjent tidspunkt
admin-unit-merged-by = Slått sammen av
admin-unit-merged-moved = Flyttet ved sammenslåingen
admin-unit-moved-list = { $people }, { $applications } og { $units }
admin-unit-moved-people = { $count ->
    [1] én person
   *[other] { $count } personer
}
admin-unit-moved-applications = { $count ->
    [1] én søknad
   *[other] { $count } søknader
}
admin-unit-moved-units = { $count ->
    [1] én underenhet
   *[other] { $count } underenheter
}
admin-unit-unmerge = Angre sammenslåing
admin-unit-unmerge-help = Enheten kommer tilbake i organisasjonskartet der den lå. Personer, søknader og underenheter som ble flyttet ved sammenslåingen og fortsatt hører til enheten de ble flyttet til, flyttes tilbake. Det som er flyttet videre siden, blir der det er.
admin-unit-unmerge-unrecorded = Denne sammenslåingen ble gjort før Prisverdig begynte å lagre hva som ble flyttet. Enheten kommer tilbake i organisasjonskartet, men ingen personer, søknader eller underenheter flyttes tilbake; flytt dem selv etterpå.

admin-import-title = Importer organisasjonskart
admin-import-help = Én linje per enhet og én kolonne per nivå, fra øverste nivå og nedover. Skill kolonnene med semikolon eller komma. Enheter som finnes fra før, blir gjenbrukt.
admin-field-csv = CSV-innhold
admin-field-has-header = Første linje er en overskrift
admin-import-submit = Importer
admin-import-rejected = Ingenting ble importert. Rett opp disse linjene:
admin-import-line-error = Linje { $line }: { $reason }
admin-import-done = Importert. { $count } nye enheter ble lagt til.

admin-rounds-title = Prisrunder
admin-rounds-empty = Det finnes ingen prisrunder ennå.
admin-round-new-title = Ny prisrunde
admin-round-edit-title = Endre prisrunden
admin-round-copy = Kopier til neste år
admin-round-state = Status
admin-field-year = År
admin-field-title = Tittel
admin-field-ceremony-name = Prisutdeling
admin-field-ceremony-at = Tidspunkt for prisutdelingen
admin-field-ceremony-place = Sted
admin-field-print-language = Språk på diplomer og program
admin-field-print-language-hint = Diplomene, seremoniprogrammet og nominasjonssidene skrives på dette språket, uansett hvilket språk du bruker nettstedet på.
admin-field-visibility = Når blir søknadene synlige i katalogen?
admin-visibility-on-submit = Når de sendes inn
admin-visibility-after-deadline = Etter søknadsfristen
admin-field-default-prizes = Start med standardprisene (Innovasjonsprisen, Stjæl med stil, Beste feil)
admin-state-draft = Kladd
admin-state-open = Åpen
admin-state-closed = Stengt
admin-state-judging = Juryvurdering
admin-state-nominated = Nominerte offentliggjort
admin-state-awarded = Vinnere kåret
admin-state-archived = Arkivert
admin-move-open = Åpne runden
admin-move-closed = Steng runden
admin-move-judging = Start juryvurderingen
admin-move-nominated = Offentliggjør de nominerte
admin-move-awarded = Kår vinnerne
admin-move-archived = Arkiver runden

admin-categories-title = Priskategorier
admin-categories-empty = Runden har ingen priskategorier ennå.
admin-category-new-title = Ny priskategori
admin-field-category-name = Navn på priskategorien
admin-field-category-kind = Type
admin-category-kind-innovation = Innovasjonsprisen
admin-category-kind-steal = Stjæl med stil
admin-category-kind-mistake = Beste feil
admin-category-kind-custom = Egen pris
admin-field-prize = Prissum (kr)
admin-field-deadline = Søknadsfrist
admin-field-extended = Forlenget frist
admin-field-peoples-choice = Folkets favoritt (alle ansatte kan stemme én gang etter fristen, til resultatene publiseres)
admin-field-blind = Anonym vurdering (juryen ser ikke hvem som har søkt)

admin-criteria-title = Kriterier
admin-criteria-empty = Ingen kriterier ennå.
admin-criteria-locked-notice = Kriterier og spørsmål kan ikke endres lenger, fordi minst én søknad er sendt inn i denne kategorien.
admin-criterion-title = Kriterium
admin-criterion-new-title = Nytt kriterium
admin-field-criterion-text = Kriterium
admin-field-weight = Vekt
admin-field-shape = Svarform
admin-shape-yes-no = Ja/nei
admin-shape-range = Skala
admin-field-scale-min = Laveste verdi på skalaen
admin-field-scale-max = Høyeste verdi på skalaen

admin-questions-title = Spørsmål
admin-questions-empty = Ingen egne spørsmål ennå.
admin-question-title = Spørsmål
admin-question-new-title = Nytt spørsmål
admin-field-question-text = Spørsmål
admin-field-required = Må besvares

admin-tips-title = Tips om kandidater
admin-tips-empty = Ingen tips ennå.
admin-tip-from = Tipset av
admin-tip-handled = Behandlet
admin-tip-mark-handled = Merk som behandlet

tips-title = Tips oss om en kandidat
tips-intro = Kjenner du til en innovasjon som fortjener en pris? Fortell oss om den, så inviterer vi enheten til å søke.
tips-field-unit = Enhet
tips-unit-not-listed = Enheten står ikke i listen
tips-field-unit-text = Enhet (skriv navnet hvis den ikke står i listen)
tips-field-innovation = Innovasjonen
tips-field-reason = Hvorfor fortjener den en pris?
tips-submit = Send tipset
tips-thanks = Takk for tipset! Prisarbeidsgruppen ser på det.

error-number-invalid = Skriv et helt tall.
error-number-out-of-range = Tallet er utenfor det som er tillatt.
error-date-time-invalid = Skriv en gyldig dato og et gyldig klokkeslett.
error-extension-not-after-deadline = Den forlengede fristen må være etter søknadsfristen.
error-scale-max-not-above-min = Høyeste verdi må være større enn laveste verdi.
error-criteria-locked = Kriterier og spørsmål kan ikke endres etter at den første søknaden er sendt inn.
error-transition-not-allowed = Runden kan ikke gå til denne statusen fra den statusen den har nå.
error-unit-cycle = En enhet kan ikke flyttes inn under seg selv eller en av sine egne underenheter.
error-merge-into-own-unit = En enhet kan ikke slås sammen med seg selv eller en av sine egne underenheter.
error-unmerge-target-gone = Sammenslåingen kan ikke angres: enheten den ble slått sammen med, er selv slått sammen eller arkivert siden. Angre den sammenslåingen først.
error-unmerge-cycle = Sammenslåingen kan ikke angres: enheten den lå under, er siden flyttet inn under en av underenhetene som skulle flyttes tilbake. Flytt den enheten et annet sted først.
error-unit-not-merged = Enheten er ikke slått sammen med noen annen, så det er ingen sammenslåing å angre.
error-tip-unit-required = Velg enheten i listen eller skriv navnet.
error-import-empty = Filen inneholder ingen enheter.
error-import-gap = Et nivå mangler navn foran et annet nivå.
error-import-too-deep = Linjen har for mange nivåer.
error-import-too-long = Et enhetsnavn er for langt.
error-import-malformed = Linjen kan ikke leses som CSV (sjekk anførselstegnene).

# Admin home: what needs attention
admin-attention-heading = Til oppfølging
admin-attention-none = Ingenting trenger oppfølging akkurat nå.
admin-attention-tips = Tips som ikke er fulgt opp
admin-attention-outbox-failed = E-poster som ikke kom fram (avsenderen har gitt opp)
admin-attention-outbox = E-poster som venter på å bli sendt
admin-alert-draft-deadline-passed = fristen er allerede passert, men runden er ikke åpnet. Sett en ny frist før du åpner den.
admin-alert-nobody-yet = fristen er under en uke unna, og ingen har søkt ennå. Vurder å minne om prisen eller forlenge fristen.
admin-alert-nobody-at-deadline = fristen er ute, og ingen søkte. Forleng fristen, eller la prisen stå uten vinner i år.
admin-alert-ready-to-close = fristen er ute. Steng runden når juryen skal begynne.
admin-under-way-heading = Runder som pågår
admin-under-way-none = Ingen runde pågår.
admin-under-way-category = Pris og runde
admin-under-way-submitted = Sendt inn
admin-under-way-drafts = Kladder
admin-under-way-extended = forlenget
admin-under-way-passed = Fristen er ute
admin-setup-heading = Oppsett
# Issue 9: rounds that cannot break the front page.
error-round-year-taken = Det finnes allerede en prisrunde for dette året. Velg et annet år, eller endre den runden som finnes.
error-copy-year-taken = Det finnes allerede en prisrunde for neste år, så runden kan ikke kopieres dit. Endre eller slett den runden først.
error-open-deadlines-past = Runden kan ikke åpnes: fristen har gått ut for alle kategoriene.
error-open-deadlines-past-named = Runden kan ikke åpnes: fristen har gått ut for { $categories }. Flytt fristene fram i tid først.
error-round-delete-not-draft = Bare runder som er utkast, kan slettes.
error-round-delete-has-applications = Runden har søknader og kan ikke slettes.
admin-list-and = og
admin-round-past-deadlines = Fristen har gått ut for
admin-deadline-passed = Fristen er ute
admin-round-delete = Slett utkastet
admin-round-delete-title = Slette prisrunden
admin-round-delete-warning = Runden slettes for godt, med alle priskategoriene og deres kriterier og spørsmål:
admin-round-delete-confirm = Ja, slett runden
admin-round-delete-cancel = Nei, behold runden
admin-round-deleted = Prisrunden er slettet.
admin-category-saved = Priskategorien er lagret.
admin-category-deadline-past = Fristen for denne kategorien har allerede gått ut, så den tar ikke imot søknader. Sjekk fristen:
admin-category-kind-auto = Ut fra navnet (en av standardprisene, ellers egen pris)
admin-users-title = Brukere
admin-users-search = Søk etter navn eller e-postadresse
admin-users-search-submit = Søk
admin-users-count = Antall brukere
admin-users-empty = Ingen brukere passer med søket.
admin-user-new-title = Legg til bruker
admin-user-new-help = Brukeren får ikke noe passord, men en invitasjonslenke på e-post. Du ser lenken også én gang etter at brukeren er lagt til.
admin-user-create = Legg til bruker
admin-user-roles = Roller
admin-user-status = Status
admin-user-active = Aktiv
admin-user-inactive = Deaktivert
admin-user-pending = Invitert, venter
admin-role-applicant = Søker
admin-role-leader = Leder
admin-role-juror = Jurymedlem
admin-role-jury-chair = Juryleder
admin-role-administrator = Administrator
admin-role-editor = Redaktør
admin-user-link-heading = Invitasjonslenke
admin-user-link-help = Lenken er sendt på e-post. Den vises bare nå, så kopier den hvis du vil gi den videre selv.
admin-user-self-note = Du kan ikke fjerne din egen administratorrolle.
admin-user-access = Tilgang
admin-user-deactivate-help = En deaktivert bruker mister tilgangen med en gang. Søknader og vurderinger blir liggende.
admin-user-reactivate-help = Brukeren er deaktivert og kan ikke logge inn.
admin-user-deactivate = Deaktiver brukeren
admin-user-reactivate = Aktiver brukeren igjen
admin-user-invitation = Invitasjon
admin-user-invitation-help = Brukeren har ikke logget inn ennå. En ny lenke gjør at den gamle slutter å virke.
admin-user-invitation-renew = Lag ny invitasjonslenke
error-user-self-deactivate = Du kan ikke deaktivere din egen konto.
error-user-self-admin = Du kan ikke fjerne din egen administratorrolle.
error-user-conflict = Noen andre endret brukeren samtidig. Slik ser den ut nå; prøv igjen.
error-user-not-pending = Brukeren har allerede logget inn og trenger ingen invitasjon.
admin-user-unit = Enhet
admin-user-unit-field = Enheten personen hører til
admin-user-unit-none = Ingen enhet

admin-outbox-title = Utgående e-post
admin-outbox-folder = Ingen e-posttjener er satt opp: hver e-post skrives som en .eml-fil i datamappen (mail/). Last ned en e-post for å lese den i et e-postprogram.
admin-outbox-smtp = E-post sendes gjennom e-posttjeneren. En e-post som ikke kommer fram, prøves igjen med økende mellomrom til avsenderen gir opp.
admin-outbox-states = Vis e-poster
admin-outbox-pending = Venter
admin-outbox-sent = Sendt
admin-outbox-failed = Ga opp
admin-outbox-empty = Ingen e-poster her.
admin-outbox-written = Skrevet
admin-outbox-recipient = Til
admin-outbox-subject = Emne
admin-outbox-status = Status
admin-outbox-actions = Handlinger
admin-outbox-sent-at = Sendt
admin-outbox-given-up = Avsenderen ga opp
admin-outbox-next = Neste forsøk
admin-outbox-attempts = Forsøk
admin-outbox-error = Feil
admin-outbox-download = Last ned (.eml)
admin-outbox-resend = Send igjen

admin-jobs-title = Planlagte jobber
admin-jobs-intro = Frister, publiseringer, påminnelser og opprydding kjøres av seg selv på sitt minutt, én gang, også når flere prosesser deler databasen. En jobb som skulle kjørt mens tjenesten var nede, kjøres når den er oppe igjen.
admin-jobs-upcoming = Kommende
admin-jobs-recent = Siste kjøringer
admin-jobs-none = Ingen jobber er planlagt.
admin-jobs-none-run = Ingen jobber har kjørt ennå.
admin-jobs-when = Når
admin-jobs-ran = Kjørt
admin-jobs-what = Hva
admin-jobs-status = Status
admin-jobs-outcome = Resultat
admin-jobs-waiting = Venter
admin-jobs-failed = Feilet, prøves igjen
job-close-category = Søknadsfristen går ut
job-deadline-reminder = Påminnelse om utkast { $days } dager før fristen
job-announce-nominees = Nominerte publiseres: e-post til de nominerte
job-announce-results = Resultatene publiseres: e-post til alle som søkte
job-jury-reminder = Påminnelse til juryen { $days } dager før publisering
job-follow-up = «Ble det varig?»: spørsmål til nominerte og vinnere
job-retention = Daglig opprydding
job-outcome-messages = { $count ->
    [0] Ingen e-poster
    [1] Én e-post
   *[other] { $count } e-poster
}
job-outcome-submitted = Lukket med { $count } innsendte søknader
job-outcome-stale = Utgått (tidspunktet ble endret)
job-outcome-done = Ferdig
admin-round-call = Send utlysningen på e-post
admin-round-called = { $count ->
    [0] Alle har allerede fått utlysningen.
    [1] Utlysningen er lagt i utboksen til én mottaker.
   *[other] Utlysningen er lagt i utboksen til { $count } mottakere.
}
error-call-nothing-open = Ingen kategori i runden har en frist fram i tid, så det er ingenting å søke på.
