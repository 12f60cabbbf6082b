// The ceremony driven by keyboard or a presentation clicker: →, PageDown, space and Enter
// move on; ←, PageUp and Backspace go back; Home and End jump; F toggles full screen.
// Every slide is in the page from the start, so nothing waits on the network but the
// reveal itself: arriving at a prize's reveal slide publishes its results (POST), unless
// this is the rehearsal, and only then shows the winners (kept in a <template> until then).
const slides = Array.from(document.querySelectorAll('.slide'));
const status = document.getElementById('show-status');
const root = document.documentElement;
root.classList.add('js');
const rehearsal = document.body.dataset.rehearsal === 'true';
const csrf = document.body.dataset.csrf;
const target = window.location.hash && document.getElementById(window.location.hash.slice(1));
let at = Math.max(0, target ? slides.indexOf(target.closest('.slide')) : 0);
document.querySelector('.show-nav')?.removeAttribute('hidden');

async function reveal(slide) {
  const url = slide.dataset.revealUrl;
  if (!url || slide.dataset.revealed === 'true') return true;
  if (!rehearsal) {
    const res = await fetch(url, { method: 'POST', headers: { 'X-CSRF-Token': csrf } });
    if (!res.ok) {
      const error = slide.querySelector('.show-error');
      if (error) error.hidden = false;
      return false;
    }
  }
  const template = slide.querySelector('template');
  if (template) slide.querySelector('.reveal-form')?.replaceWith(template.content.cloneNode(true));
  slide.dataset.revealed = 'true';
  return true;
}

async function show(n) {
  at = Math.min(Math.max(n, 0), slides.length - 1);
  const slide = slides[at];
  slides.forEach((s, i) => { s.hidden = i !== at; });
  await reveal(slide);
  history.replaceState(null, '', '#' + slide.id);
  status.textContent = slide.getAttribute('aria-label');
  slide.querySelector('h1, h2')?.focus();
}

document.addEventListener('keydown', (e) => {
  if (e.altKey || e.ctrlKey || e.metaKey) return;
  if (e.target.closest && e.target.closest('button, a, input, select, textarea')) {
    if (e.key === ' ' || e.key === 'Enter') return;
  }
  const next = ['ArrowRight', 'PageDown', ' ', 'Enter'];
  const back = ['ArrowLeft', 'PageUp', 'Backspace'];
  if (next.includes(e.key)) show(at + 1);
  else if (back.includes(e.key)) show(at - 1);
  else if (e.key === 'Home') show(0);
  else if (e.key === 'End') show(slides.length - 1);
  else if (e.key === 'f' || e.key === 'F') {
    if (document.fullscreenElement) document.exitFullscreen();
    else document.documentElement.requestFullscreen?.();
  } else return;
  e.preventDefault();
});
document.getElementById('show-next')?.addEventListener('click', () => show(at + 1));
document.getElementById('show-back')?.addEventListener('click', () => show(at - 1));
// Without the script the reveal is a form; with it, moving on to the slide reveals.
document.querySelectorAll('.reveal-form').forEach((form) => {
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    reveal(form.closest('.slide'));
  });
});
show(at);
