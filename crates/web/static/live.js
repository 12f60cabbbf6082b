// Public pages that show results (the front page, the catalogue, a round, an innovation, the
// hall of fame) reload when nominees or results become public: a reveal at the ceremony or a
// publication minute passing. The server sends an event within a second
// (GET /events/results); without JavaScript the page shows it on the next load. A page where
// the visitor has begun to type (an adoption note, a search) is not reloaded under them: it
// shows the results at its next load.
if ('EventSource' in window) {
  const source = new EventSource('/events/results');
  const typing = () => [...document.querySelectorAll('input, textarea')]
    .some((f) => (f.type === 'text' || f.type === 'search' || f.tagName === 'TEXTAREA')
      && (f.value !== f.defaultValue || f === document.activeElement));
  source.addEventListener('results', () => {
    if (typing()) return;
    source.close();
    window.location.reload();
  });
}
