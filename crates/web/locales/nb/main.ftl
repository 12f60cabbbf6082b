# Bokmål (default). Keep keys in the same order in nn and en.
language-name = Bokmål
language-switcher = Velg språk
skip-to-content = Hopp til hovedinnhold
nav-label = Hovedmeny
nav-home = Forside
nav-sign-in = Logg inn
nav-sign-out = Logg ut
footer-motto = Alle som søker blir sett. Det er lettere å stjele når man deler.

home-title = Innovasjonsprisene
home-intro = Nytt – nyttig – nyttiggjort. Her søker enhetene om prisene, og alle søknadene blir synlige slik at gode ideer sprer seg.
home-ceremony = Prisutdeling
home-open-calls = Priser du kan søke på nå
home-no-round = Ingen prisrunde er åpen akkurat nå.
category-prize = Prissum
category-deadline = Søknadsfrist
category-extended-deadline = Forlenget frist
home-apply-now = Løp og søk!
home-see-catalogue = Se alle som har søkt – og stjel med stil
format-days-left = { $n } dager igjen
format-hours-left = { $n ->
    [one] { $n } time igjen
   *[other] { $n } timer igjen
}
format-under-an-hour-left = under en time igjen
category-criteria = Kriterier

sign-in-title = Logg inn
sign-in-submit = Logg inn
field-email = E-postadresse
field-password = Passord

form-has-errors = Rett opp dette før du går videre:
form-has-errors-title-prefix = Feil:
error-required = Fyll ut dette feltet.
error-email-invalid = Skriv en gyldig e-postadresse, som navn@eksempel.no.
error-email-taken = Det finnes allerede en bruker med denne e-postadressen.
error-too-long = Teksten er for lang.
error-too-long-max = Teksten er for lang: den kan ha høyst { $max } tegn. Kort den ned, så lagres den.
error-too-many-max = Du kan velge høyst { $max }.
error-password-too-short = Passordet må ha minst 12 tegn.
error-password-too-long = Passordet er for langt.
error-bad-credentials = Feil e-postadresse eller passord.
error-rate-limited = For mange mislykkede forsøk. Vent et kvarter og prøv igjen.

error-go-home = Gå til forsiden
error-400-title = Noe er galt med forespørselen
error-400-text = Vi kunne ikke behandle det som ble sendt. Gå tilbake og prøv igjen.
error-403-title = Ingen tilgang
error-403-text = Du har ikke tilgang til denne siden, eller skjemaet var utløpt. Last inn siden på nytt og prøv igjen.
error-404-title = Fant ikke siden
error-404-text = Siden finnes ikke, eller den er flyttet.
error-405-title = Ikke tillatt
error-405-text = Denne adressen kan ikke brukes på den måten.
error-413-title = For stort innhold
error-413-text = Det du sendte, var større enn det vi tar imot. En fil kan være høyst 10 MB. Gå tilbake og prøv igjen med mindre innhold.
error-409-title = Noen andre har endret dette
error-409-text = Noen andre lagret en endring mens du arbeidet. Last siden på nytt for å se det som er lagret, og gjør endringen din en gang til.
error-410-title = Lenken virker ikke lenger
error-410-text = Lenken er brukt, utløpt eller gjelder en konto som er deaktivert. Be om en ny.
error-429-title = For mange forespørsler
error-429-text = Vent litt og prøv igjen.
error-500-title = Noe gikk galt hos oss
error-500-text = Feilen er logget. Prøv igjen om litt. Ingenting du allerede har lagret, er tapt.

format-date-time = { $day }. { $month } { $year } kl. { $time }
format-kroner = { $amount } kr
month-1 = januar
month-2 = februar
month-3 = mars
month-4 = april
month-5 = mai
month-6 = juni
month-7 = juli
month-8 = august
month-9 = september
month-10 = oktober
month-11 = november
month-12 = desember

# Accessibility statement (/accessibility) and its footer link.
footer-accessibility = Tilgjengelighetserklæring
format-date = { $day }. { $month } { $year }
a11y-title = Tilgjengelighetserklæring
a11y-intro = Offentlige virksomheter skal ha universelt utformede nettløsninger i samsvar med forskrift om universell utforming av IKT-løsninger. Denne erklæringen gjelder Prisverdig hos
a11y-status-heading = Samsvarsstatus
a11y-status-text = Prisverdig er delvis i samsvar med WCAG 2.1 nivå AA. Manglene vi kjenner til, står nedenfor.
a11y-tested-heading = Slik har vi testet
a11y-tested-text = Hver side testes automatisk i Chromium med axe-core for hver rolle, på bokmål og engelsk. Vi tester også at alt kan gjøres med tastaturet alene, at fokus alltid er synlig, at sidene virker 320 piksler brede og med 200 % tekststørrelse, og at feil i skjemaer er knyttet til feltene.
a11y-gaps-heading = Kjente mangler
a11y-gap-screen-readers = Sidene er ikke testet manuelt med skjermleser (NVDA, JAWS, VoiceOver) eller av brukere med nedsatt funksjonsevne.
a11y-gap-attachments = Vedlegg som søkerne laster opp (PDF og kontordokumenter), er ikke nødvendigvis universelt utformet.
a11y-gap-alt-text = Bilder har tekstalternativ som søkerne selv skriver; vi kan ikke garantere at det beskriver bildet godt.
a11y-gap-nynorsk = Den automatiske testingen dekker bokmål og engelsk; nynorsk bruker de samme sidene, men testes ikke for seg.
a11y-feedback-heading = Gi tilbakemelding
a11y-feedback-text = Opplever du hindringer, eller trenger du innhold i en annen form? Skriv til oss:
a11y-contact-placeholder = [virksomhetens e-postadresse]
a11y-authority-text = Får du ikke svar, eller er du ikke fornøyd med svaret, kan du melde fra til Tilsynet for universell utforming av IKT (uutilsynet) i Digitaliseringsdirektoratet:
a11y-date-heading = Dato
a11y-date-text = Erklæringen ble sist oppdatert

# Invitasjonslenker (issue 9)
field-name = Navn
invitation-title = Velg passord
invitation-intro = Du er invitert til Prisverdig. Velg navnet ditt og et passord for kontoen
invitation-field-password = Nytt passord
invitation-password-hint = Minst 12 tegn. Gjerne flere ord etter hverandre.
invitation-field-confirmation = Gjenta passordet
invitation-submit = Lagre og logg inn
invitation-unknown-title = Ukjent invitasjonslenke
invitation-unknown-text = Vi finner ingen invitasjon med denne lenken. Sjekk at du har kopiert hele lenken, eller be om en ny invitasjon.
invitation-gone-title = Lenken virker ikke lenger
invitation-gone-text = Denne invitasjonslenken er allerede brukt, eller den er utløpt. Har du valgt passord, kan du logge inn. Ellers kan du be administratoren om en ny lenke.
error-password-mismatch = Passordene er ikke like.

unsubscribe-title = Meld deg av e-post fra Prisverdig
unsubscribe-ask = Vil du slutte å få påminnelser, kunngjøringer og utlysninger på
unsubscribe-confirm = Meld meg av
unsubscribe-done = Du får ikke lenger påminnelser, kunngjøringer og utlysninger på
unsubscribe-still = Kvitteringer, invitasjoner og meldinger til juryen sendes fortsatt, fordi de hører til noe du selv er med på.
unsubscribe-undo = Meld meg på igjen

follow-up-title = Ble det varig?
follow-up-intro = For ett år siden ble denne innovasjonen nominert eller premiert. Fortell oss hvordan det har gått:
follow-up-in-use = Er innovasjonen fortsatt i bruk?
follow-up-in-use-yes = Ja
follow-up-in-use-partly = Delvis
follow-up-in-use-no = Nei
follow-up-spread = Hvor langt har den spredt seg? (andre enheter, andre kommuner)
follow-up-changed = Hva har endret seg?
follow-up-public = Svaret vises med dato på innovasjonens side i katalogen.
follow-up-submit = Send svaret
follow-up-thanks = Takk! Svaret vises nå på siden til
lasting-heading = I bruk etter ett år?
lasting-yes = I bruk etter ett år
lasting-partly = Delvis i bruk etter ett år
lasting-no = Ikke lenger i bruk
lasting-answered = Svar fra teamet { $date }
lasting-spread = Spredning
lasting-changed = Hva endret seg
