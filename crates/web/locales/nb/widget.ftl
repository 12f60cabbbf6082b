# nb: the intranet widget (/widget, /widget.html) and the administrator's embed code. Keep keys in the same order in every language.
widget-title = Innovasjonsprisene
widget-calls-heading = Åpen utlysning
widget-no-open-call = Ingen åpen utlysning akkurat nå.
widget-deadline = Søknadsfrist
widget-extended = forlenget
widget-apply = Søk om en pris
widget-results-heading = Siste vinnere og nominerte
widget-no-results = Ingen resultater er offentliggjort ennå.
widget-catalogue-link = Se alle søknadene i katalogen
widget-embed-heading = Bygg inn på intranettet
widget-embed-intro = Vis åpne utlysninger, frister og de siste vinnerne på intranettets forside. Lim inn koden under. Intranettets adresse må stå i innstillingen «widget_origins».
widget-embed-code = Kode for iframe
widget-embed-fragment = Som HTML-utdrag til å hente på tjeneren:
widget-embed-preview = Se widgeten
widget-frame-title = Innovasjonsprisene: åpne utlysninger og siste vinnere
