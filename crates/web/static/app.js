// Small improvements on every page; every page works without them.
// An error summary that comes with the page takes focus, so that a screen reader reads the
// problems first and a keyboard user starts from them (its links lead to each field).
const summary = document.querySelector('.ds-error-summary');
if (summary) summary.focus();
