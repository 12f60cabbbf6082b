# en: the intranet widget (/widget, /widget.html) and the administrator's embed code. Keep keys in the same order in every language.
widget-title = Innovation prizes
widget-calls-heading = Open call
widget-no-open-call = No open call right now.
widget-deadline = Deadline
widget-extended = extended
widget-apply = Apply for a prize
widget-results-heading = Latest winners and nominees
widget-no-results = No results have been published yet.
widget-catalogue-link = See all applications in the catalogue
widget-embed-heading = Embed on the intranet
widget-embed-intro = Show open calls, deadlines and the latest winners on the intranet's front page. Paste the code below. The intranet's address must be in the setting «widget_origins».
widget-embed-code = Code for an iframe
widget-embed-fragment = As an HTML fragment to fetch on the server:
widget-embed-preview = See the widget
widget-frame-title = Innovation prizes: open calls and latest winners
