# nn: the intranet widget (/widget, /widget.html) and the administrator's embed code. Keep keys in the same order in every language.
widget-title = Innovasjonsprisane
widget-calls-heading = Open utlysing
widget-no-open-call = Inga open utlysing akkurat no.
widget-deadline = Søknadsfrist
widget-extended = forlengd
widget-apply = Søk om ein pris
widget-results-heading = Siste vinnarar og nominerte
widget-no-results = Ingen resultat er offentleggjorde enno.
widget-catalogue-link = Sjå alle søknadene i katalogen
widget-embed-heading = Byggje inn på intranettet
widget-embed-intro = Vis opne utlysingar, fristar og dei siste vinnarane på framsida til intranettet. Lim inn koden under. Adressa til intranettet må stå i innstillinga «widget_origins».
widget-embed-code = Kode for iframe
widget-embed-fragment = Som HTML-utdrag til å hente på tenaren:
widget-embed-preview = Sjå widgeten
widget-frame-title = Innovasjonsprisane: opne utlysingar og siste vinnarar
