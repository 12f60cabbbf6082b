// Small improvements on every page; every page works without them.
// An error summary that comes with the page takes focus, so that a screen reader reads the
// problems first and a keyboard user starts from them (its links lead to each field).
const summary = document.querySelector('.ds-error-summary');
if (summary) summary.focus();

// A summary link leads into its field: a link to a group (the radio buttons of a fieldset)
// would only scroll there and leave focus on the page, so focus the field's first control.
summary?.addEventListener('click', (event) => {
  const link = event.target.closest('a[href^="#"]');
  const target = link && document.getElementById(decodeURIComponent(link.getAttribute('href').slice(1)));
  const control = target && (target.matches('input, select, textarea') ? target : target.querySelector('input, select, textarea'));
  if (!control) return;
  event.preventDefault();
  control.focus();
});
