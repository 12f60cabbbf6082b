# Grenser for innlogging, totrinnsstadfesting og lokal innlogging slått av (sak 11).
error-sign-in-busy = Mange loggar inn akkurat no. Prøv igjen om nokre sekund.
error-local-sign-in-off = Innlogging med passord er slått av her. Bruk innlogginga til organisasjonen.
error-code-wrong = Koden er feil eller allereie brukt. Skriv koden appen viser no, eller ein ubrukt gjenopprettingskode.
sign-in-local-off = Bruk innlogginga til organisasjonen. Innlogging med passord er her berre for administratorar.
sign-in-administrator-link = Administrator? Logg inn med passord
nav-security = Kontoen min

second-factor-code-title = Skriv koden frå appen
second-factor-field-code = Kode
second-factor-code-hint = Seks siffer frå autentiseringsappen din.
second-factor-field-recovery-code = Gjenopprettingskode
second-factor-recovery-hint = Ein av gjenopprettingskodane du lagra då du sette opp appen. Kvar verkar éin gong.
second-factor-code-submit = Stadfest
second-factor-use-recovery = Bruk ein gjenopprettingskode i staden
second-factor-use-app = Bruk koden frå appen i staden
second-factor-required = Administratorar og jurymedlemmer må stadfeste innlogginga med ein kode frå ein autentiseringsapp.
second-factor-enrol-title = Set opp totrinnsstadfesting
second-factor-enrol-scan = Skann QR-koden med ein autentiseringsapp (til dømes Microsoft Authenticator eller Google Authenticator), eller opne lenka på denne eininga.
second-factor-enrol-open-app = Opne i ein autentiseringsapp
second-factor-enrol-type = Eller skriv denne nøkkelen inn i appen:
second-factor-enrol-confirm-hint = Skriv dei seks siffera appen viser no, for å stadfeste at han er sett opp.
second-factor-enrol-submit = Stadfest og slå på

recovery-codes-title = Gjenopprettingskodane dine
recovery-codes-shown-once = Lagre kodane ein trygg stad, til dømes i ein passordhandsamar eller på papir. Dei blir viste berre no. Kvar kode loggar deg inn éin gong om du ikkje har appen.
recovery-codes-continue = Eg har lagra kodane, gå vidare

security-title = Kontoen min: innlogging og tryggleik
security-second-factor = Totrinnsstadfesting
security-second-factor-on = Totrinnsstadfesting er på: innlogginga ber om ein kode frå appen din.
security-second-factor-off = Totrinnsstadfesting er av. Slå ho på for å verne kontoen sjølv om nokon får vite passordet ditt.
security-recovery-codes-left = Ubrukte gjenopprettingskodar:
security-renew-hint = Nye kodar erstattar dei gamle, som då sluttar å verke.
security-renew-recovery-codes = Lag nye gjenopprettingskodar
security-set-up = Set opp totrinnsstadfesting
security-sessions = Innloggingar
security-sign-out-everywhere-hint = Loggar deg ut på alle einingar der du er innlogga, også denne. Bruk det om du har gløymt å logge ut ein stad eller mista ein telefon.
security-sign-out-everywhere = Logg ut på alle einingar
