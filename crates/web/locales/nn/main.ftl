# Nynorsk. Keep keys in the same order as nb.
language-name = Nynorsk
language-switcher = Vel språk
skip-to-content = Hopp til hovudinnhaldet
nav-label = Hovudmeny
nav-home = Framside
nav-sign-in = Logg inn
nav-sign-out = Logg ut
footer-motto = Alle som søkjer, blir sedde. Det er lettare å stele når ein deler.

home-title = Innovasjonsprisane
home-intro = Nytt – nyttig – nyttiggjort. Her søkjer einingane om prisane, og alle søknadene blir synlege slik at gode idear spreier seg.
home-ceremony = Prisutdeling
home-open-calls = Prisar du kan søkje på no
home-no-round = Ingen prisrunde er open akkurat no.
category-prize = Prissum
category-deadline = Søknadsfrist
category-extended-deadline = Forlengd frist
home-apply-now = Spring og søk!
home-see-catalogue = Sjå alle som har søkt – og stel med stil
format-days-left = { $n } dagar att
format-hours-left = { $n ->
    [one] { $n } time att
   *[other] { $n } timar att
}
format-under-an-hour-left = under ein time att
category-criteria = Kriterium

sign-in-title = Logg inn
sign-in-submit = Logg inn
field-email = E-postadresse
field-password = Passord

form-has-errors = Rett opp dette før du går vidare:
form-has-errors-title-prefix = Feil:
error-required = Fyll ut dette feltet.
error-email-invalid = Skriv ei gyldig e-postadresse, som namn@døme.no.
error-email-taken = Det finst alt ein brukar med denne e-postadressa.
error-too-long = Teksten er for lang.
error-too-long-max = Teksten er for lang: han kan ha høgst { $max } teikn. Kort han ned, så blir han lagra.
error-too-many-max = Du kan velje høgst { $max }.
error-password-too-short = Passordet må ha minst 12 teikn.
error-password-too-long = Passordet er for langt.
error-bad-credentials = Feil e-postadresse eller passord.
error-rate-limited = For mange mislukka forsøk. Vent eit kvarter og prøv igjen.

error-go-home = Gå til framsida
error-400-title = Noko er gale med førespurnaden
error-400-text = Vi kunne ikkje handsame det som vart sendt. Gå tilbake og prøv igjen.
error-403-title = Inga tilgang
error-403-text = Du har ikkje tilgang til denne sida, eller skjemaet var utgått. Last inn sida på nytt og prøv igjen.
error-404-title = Fann ikkje sida
error-404-text = Sida finst ikkje, eller ho er flytta.
error-405-title = Ikkje tillate
error-405-text = Denne adressa kan ikkje brukast på den måten.
error-413-title = For stort innhald
error-413-text = Det du sende, var større enn det vi tek imot. Ei fil kan vere høgst 10 MB. Gå tilbake og prøv igjen med mindre innhald.
error-409-title = Nokon andre har endra dette
error-409-text = Nokon andre lagra ei endring medan du arbeidde. Last sida på nytt for å sjå det som er lagra, og gjer endringa di ein gong til.
error-410-title = Lenkja verkar ikkje lenger
error-410-text = Lenkja er brukt, gått ut eller gjeld ein konto som er deaktivert. Be om ei ny.
error-429-title = For mange førespurnader
error-429-text = Vent litt og prøv igjen.
error-500-title = Noko gjekk gale hos oss
error-500-text = Feilen er logga. Prøv igjen om litt. Ingenting du alt har lagra, er tapt.

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
footer-accessibility = Tilgjengeerklæring
format-date = { $day }. { $month } { $year }
a11y-title = Tilgjengeerklæring
a11y-intro = Offentlege verksemder skal ha universelt utforma nettløysingar i samsvar med forskrift om universell utforming av IKT-løysingar. Denne erklæringa gjeld Prisverdig hos
a11y-status-heading = Samsvarsstatus
a11y-status-text = Prisverdig er delvis i samsvar med WCAG 2.1 nivå AA. Manglane vi kjenner til, står nedanfor.
a11y-tested-heading = Slik har vi testa
a11y-tested-text = Kvar side blir testa automatisk i Chromium med axe-core for kvar rolle, på bokmål og engelsk. Vi testar òg at alt kan gjerast med tastaturet åleine, at fokus alltid er synleg, at sidene verkar 320 pikslar breie og med 200 % tekststorleik, og at feil i skjema er knytte til felta.
a11y-gaps-heading = Kjende manglar
a11y-gap-screen-readers = Sidene er ikkje testa manuelt med skjermlesar (NVDA, JAWS, VoiceOver) eller av brukarar med nedsett funksjonsevne.
a11y-gap-attachments = Vedlegg som søkjarane lastar opp (PDF og kontordokument), er ikkje nødvendigvis universelt utforma.
a11y-gap-alt-text = Bilete har tekstalternativ som søkjarane sjølve skriv; vi kan ikkje garantere at det skildrar biletet godt.
a11y-gap-nynorsk = Den automatiske testinga dekkjer bokmål og engelsk; nynorsk bruker dei same sidene, men blir ikkje testa for seg.
a11y-feedback-heading = Gi tilbakemelding
a11y-feedback-text = Opplever du hindringar, eller treng du innhald i ei anna form? Skriv til oss:
a11y-contact-placeholder = [e-postadressa til verksemda]
a11y-authority-text = Får du ikkje svar, eller er du ikkje nøgd med svaret, kan du melde frå til Tilsynet for universell utforming av IKT (uutilsynet) i Digitaliseringsdirektoratet:
a11y-date-heading = Dato
a11y-date-text = Erklæringa vart sist oppdatert

# Invitasjonslenker (issue 9)
field-name = Namn
invitation-title = Vel passord
invitation-intro = Du er invitert til Prisverdig. Vel namnet ditt og eit passord for kontoen
invitation-field-password = Nytt passord
invitation-password-hint = Minst 12 teikn. Gjerne fleire ord etter kvarandre.
invitation-field-confirmation = Gjenta passordet
invitation-submit = Lagre og logg inn
invitation-unknown-title = Ukjend invitasjonslenkje
invitation-unknown-text = Vi finn ingen invitasjon med denne lenkja. Sjekk at du har kopiert heile lenkja, eller be om ein ny invitasjon.
invitation-gone-title = Lenkja verkar ikkje lenger
invitation-gone-text = Denne invitasjonslenkja er alt brukt, eller ho har gått ut. Har du valt passord, kan du logge inn. Elles kan du be administratoren om ei ny lenkje.
error-password-mismatch = Passorda er ikkje like.

unsubscribe-title = Meld deg av e-post frå Prisverdig
unsubscribe-ask = Vil du slutte å få påminningar, kunngjeringar og utlysingar på
unsubscribe-confirm = Meld meg av
unsubscribe-done = Du får ikkje lenger påminningar, kunngjeringar og utlysingar på
unsubscribe-still = Kvitteringar, invitasjonar og meldingar til juryen blir framleis sende, fordi dei høyrer til noko du sjølv er med på.
unsubscribe-undo = Meld meg på igjen

follow-up-title = Vart det varig?
follow-up-intro = For eitt år sidan vart denne innovasjonen nominert eller premiert. Fortel oss korleis det har gått:
follow-up-in-use = Er innovasjonen framleis i bruk?
follow-up-in-use-yes = Ja
follow-up-in-use-partly = Delvis
follow-up-in-use-no = Nei
follow-up-spread = Kor langt har han spreidd seg? (andre einingar, andre kommunar)
follow-up-changed = Kva har endra seg?
follow-up-public = Svaret blir vist med dato på sida til innovasjonen i katalogen.
follow-up-submit = Send svaret
follow-up-thanks = Takk! Svaret blir no vist på sida til
lasting-heading = I bruk etter eitt år?
lasting-yes = I bruk etter eitt år
lasting-partly = Delvis i bruk etter eitt år
lasting-no = Ikkje lenger i bruk
lasting-answered = Svar frå teamet { $date }
lasting-spread = Spreiing
lasting-changed = Kva endra seg
