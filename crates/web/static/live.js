// Public pages that show results (the front page, the catalogue, a round, an innovation, the
// hall of fame) reload when nominees or results become public: a reveal at the ceremony or a
// publication minute passing. The server sends an event within a second
// (GET /events/results); without JavaScript the page shows it on the next load.
if ('EventSource' in window) {
  const source = new EventSource('/events/results');
  source.addEventListener('results', () => {
    source.close();
    window.location.reload();
  });
}
