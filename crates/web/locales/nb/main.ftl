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
error-password-too-short = Passordet må ha minst 12 tegn.
error-password-too-long = Passordet er for langt.
error-bad-credentials = Feil e-postadresse eller passord.
error-rate-limited = For mange forsøk. Vent et minutt og prøv igjen.

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
error-413-text = Det du sendte, var større enn det vi tar imot.
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
