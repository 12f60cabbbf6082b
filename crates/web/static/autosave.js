// Autosave for the application form and the jury's review form, and a copy in this browser of everything typed until
// the server has stored it. Without JavaScript the form saves with its buttons and the
// server keeps what it could not store (crates/web/src/apply/save.rs).
//
// Every failure is told next to the field being edited and in the page's status region:
// a field the server refused (at that field), a version conflict, a sign-in that ended,
// the network gone. The copy in localStorage is removed only once a save stored it all.

const form = document.getElementById('application-form') || document.getElementById('review-form');
if (form && form.dataset.autosave) start(form);

function start(form) {
  const key = `prisverdig-unsaved-${form.dataset.application}`;
  const text = document.getElementById('autosave-messages').dataset;
  const status = document.getElementById('saved');
  const version = document.getElementById('version');
  const state = { timer: 0, busy: false, again: false, stopped: false, delay: 2000, last: null, submitting: false, submitter: null };

  restore();
  form.addEventListener('input', (event) => {
    state.last = event.target;
    keepCopy();
    schedule(2000);
  });
  form.addEventListener('change', (event) => {
    state.last = event.target;
    keepCopy();
    schedule(500);
  });
  // A button save waits for an autosave under way, so that the two never race each other
  // into a version conflict; after it, autosave stops (the page is leaving).
  form.addEventListener('submit', (event) => {
    clearTimeout(state.timer);
    state.stopped = true;
    if (state.busy) {
      event.preventDefault();
      state.submitting = true;
      state.submitter = event.submitter || null;
    }
  });
  window.addEventListener('online', () => schedule(0));
  document.addEventListener('visibilitychange', () => {
    if (document.visibilityState === 'visible' && localStorage.getItem(key)) schedule(0);
  });

  /** The form's named values, as the server reads them. */
  function snapshot() {
    const values = {};
    for (const [name, value] of new FormData(form)) {
      if (name === '_csrf' || name === 'version' || name.endsWith('_q')) continue;
      (values[name] ||= []).push(String(value));
    }
    return values;
  }

  function keepCopy() {
    try {
      localStorage.setItem(key, JSON.stringify({ version: version.value, values: snapshot() }));
    } catch (_) { /* storage full or off: the server copy is all there is */ }
  }

  function schedule(ms) {
    if (state.stopped) return;
    clearTimeout(state.timer);
    state.timer = setTimeout(save, ms);
  }

  async function save() {
    if (state.busy) { state.again = true; return; }
    state.busy = true;
    const sent = JSON.stringify(snapshot());
    const body = new URLSearchParams(new FormData(form));
    let answer = null;
    let response = null;
    try {
      response = await fetch(form.action, {
        method: 'POST',
        body,
        credentials: 'same-origin',
        redirect: 'manual',
        headers: { 'X-Autosave': '1', Accept: 'application/json' },
      });
      answer = await response.json().catch(() => null);
    } catch (_) {
      tell(text.offline, 'warning');
      retry();
    }
    state.busy = false;
    if (response) handle(response.status, answer, sent);
    if (state.submitting) {
      state.submitting = false;
      form.requestSubmit(state.submitter || undefined);
      return;
    }
    if (state.again) { state.again = false; schedule(0); }
  }

  function handle(code, answer, sent) {
    if (!answer) { tell(text.failed, 'warning'); retry(); return; }
    if (answer.version !== undefined) version.value = String(answer.version);
    showProblems(answer.problems || []);
    if (code === 200) {
      state.delay = 2000;
      const unchanged = JSON.stringify(snapshot()) === sent;
      if (answer.status === 'saved' && unchanged) localStorage.removeItem(key);
      else keepCopy();
      tell(answer.message, answer.status === 'saved' ? 'success' : 'warning');
    } else if (code === 401) {
      const link = document.createElement('a');
      link.className = 'ds-link';
      link.href = `/sign-in?next=${encodeURIComponent(location.pathname)}`;
      link.target = '_blank';
      link.textContent = text.signIn;
      tell(answer.message, 'warning', link);
    } else if (code === 409) {
      state.stopped = true;
      const button = document.createElement('button');
      button.type = 'button';
      button.className = 'ds-button';
      button.dataset.variant = 'secondary';
      button.dataset.size = 'sm';
      button.textContent = text.showBoth;
      button.addEventListener('click', () => location.reload());
      tell(answer.message, 'warning', button);
    } else if (code === 422) {
      tell(answer.message, 'warning');
    } else {
      tell(answer.message || text.failed, 'warning');
      retry();
    }
  }

  function retry() {
    state.delay = Math.min(state.delay * 2, 30000);
    schedule(state.delay);
  }

  /** The message in the status region, and beside the field being edited. */
  function tell(message, colour, extra) {
    const alert = document.createElement('div');
    alert.className = 'ds-alert';
    alert.dataset.color = colour;
    const p = document.createElement('p');
    p.className = 'ds-paragraph';
    p.textContent = message;
    if (extra) { p.append(' ', extra); }
    alert.append(p);
    status.replaceChildren(alert);
    let note = document.getElementById('autosave-note');
    if (colour === 'success') { note?.remove(); return; }
    if (!note) {
      note = document.createElement('p');
      note.id = 'autosave-note';
      note.className = 'autosave-note';
    }
    note.textContent = message;
    if (extra) note.append(' ', extra.cloneNode(true));
    note.querySelector('button')?.addEventListener('click', () => location.reload());
    const near = state.last?.closest('.ds-field, fieldset') || form.querySelector('.ds-field');
    near?.after(note);
  }

  /** Each refused field says why, as the server's own page would. */
  function showProblems(problems) {
    for (const old of form.querySelectorAll('[data-autosave-error]')) {
      const control = document.getElementById(old.dataset.autosaveError);
      if (!problems.some((p) => p.field === old.dataset.autosaveError)) {
        control?.removeAttribute('aria-invalid');
        if (control) describe(control, old.id, false);
        old.remove();
      }
    }
    for (const { field, message } of problems) {
      const control = document.getElementById(field);
      if (!control) continue;
      const id = `${field}-error`;
      let p = document.getElementById(id);
      if (!p) {
        p = document.createElement('p');
        p.className = 'ds-validation-message';
        p.dataset.field = 'validation';
        p.id = id;
        (control.closest('.ds-field') || control).append(p);
      }
      p.dataset.autosaveError = field;
      p.textContent = message;
      control.setAttribute('aria-invalid', 'true');
      describe(control, id, true);
    }
  }

  function describe(control, id, on) {
    const ids = (control.getAttribute('aria-describedby') || '').split(/\s+/).filter((x) => x && x !== id);
    if (on) ids.push(id);
    if (ids.length) control.setAttribute('aria-describedby', ids.join(' '));
    else control.removeAttribute('aria-describedby');
  }

  /** Text typed here that the server never got is put back, and said so. */
  function restore() {
    let copy = null;
    try { copy = JSON.parse(localStorage.getItem(key) || 'null'); } catch (_) { copy = null; }
    if (!copy) return;
    const now = snapshot();
    let changed = false;
    for (const [name, values] of Object.entries(copy.values || {})) {
      if (JSON.stringify(now[name] || []) === JSON.stringify(values)) continue;
      const controls = form.querySelectorAll(`[name="${CSS.escape(name)}"]`);
      for (const control of controls) {
        if (control.type === 'radio' || control.type === 'checkbox') {
          control.checked = values.includes(control.value);
        } else if (control.tagName !== 'SELECT' || [...control.options].some((o) => o.value === values[0])) {
          control.value = values[0] ?? '';
        }
      }
      changed = true;
    }
    if (!changed) { localStorage.removeItem(key); return; }
    tell(text.restored, 'info');
    // Saved at once only if nobody saved since the copy was made; otherwise on the next edit.
    if (copy.version === version.value) schedule(1000);
  }
}
