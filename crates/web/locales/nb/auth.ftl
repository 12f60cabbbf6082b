# Grenser for innlogging, totrinnsbekreftelse og lokal innlogging slått av (sak 11).
error-sign-in-busy = Mange logger inn akkurat nå. Prøv igjen om noen sekunder.
error-local-sign-in-off = Innlogging med passord er slått av her. Bruk organisasjonens innlogging.
error-code-wrong = Koden er feil eller allerede brukt. Skriv koden appen viser nå, eller en ubrukt gjenopprettingskode.
sign-in-local-off = Bruk organisasjonens innlogging. Innlogging med passord er her bare for administratorer.
sign-in-administrator-link = Administrator? Logg inn med passord
nav-security = Min konto

second-factor-code-title = Skriv koden fra appen
second-factor-field-code = Kode
second-factor-code-hint = Seks sifre fra autentiseringsappen din.
second-factor-field-recovery-code = Gjenopprettingskode
second-factor-recovery-hint = En av gjenopprettingskodene du lagret da du satte opp appen. Hver virker én gang.
second-factor-code-submit = Bekreft
second-factor-use-recovery = Bruk en gjenopprettingskode i stedet
second-factor-use-app = Bruk koden fra appen i stedet
second-factor-required = Administratorer og jurymedlemmer må bekrefte innloggingen med en kode fra en autentiseringsapp.
second-factor-enrol-title = Sett opp totrinnsbekreftelse
second-factor-enrol-scan = Skann QR-koden med en autentiseringsapp (for eksempel Microsoft Authenticator eller Google Authenticator), eller åpne lenken på denne enheten.
second-factor-enrol-open-app = Åpne i en autentiseringsapp
second-factor-enrol-type = Eller skriv denne nøkkelen inn i appen:
second-factor-enrol-confirm-hint = Skriv de seks sifrene appen viser nå, for å bekrefte at den er satt opp.
second-factor-enrol-submit = Bekreft og slå på

recovery-codes-title = Gjenopprettingskodene dine
recovery-codes-shown-once = Lagre kodene et trygt sted, for eksempel i en passordbehandler eller på papir. De vises bare nå. Hver kode logger deg inn én gang hvis du ikke har appen.
recovery-codes-continue = Jeg har lagret kodene, gå videre

security-title = Min konto: innlogging og sikkerhet
security-second-factor = Totrinnsbekreftelse
security-second-factor-on = Totrinnsbekreftelse er på: innloggingen ber om en kode fra appen din.
security-second-factor-off = Totrinnsbekreftelse er av. Slå den på for å beskytte kontoen selv om noen får vite passordet ditt.
security-recovery-codes-left = Ubrukte gjenopprettingskoder:
security-renew-hint = Nye koder erstatter de gamle, som da slutter å virke.
security-renew-recovery-codes = Lag nye gjenopprettingskoder
security-set-up = Sett opp totrinnsbekreftelse
security-sessions = Innlogginger
security-sign-out-everywhere-hint = Logger deg ut på alle enheter der du er logget inn, også denne. Bruk det hvis du har glemt å logge ut et sted eller mistet en telefon.
security-sign-out-everywhere = Logg ut på alle enheter
