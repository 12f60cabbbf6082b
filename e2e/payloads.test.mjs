// Issue 16, bad input: a corpus of XSS and SQL-injection payloads typed into every text field
// of the forms people fill in (the application, a tip, a story, an adoption note, a new
// round), then every page that shows them opened in Chromium. No script may run (no dialog,
// no flag set by a payload) and no Content-Security-Policy violation may be reported: the
// text must arrive escaped, not merely blocked. The SQL payloads must come back as text,
// with the tables they name still there.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, launchContext, signIn, ACCOUNTS } from './helpers.mjs';
import { startDraft, pressIntent } from './flows.mjs';

let server;
before(async () => { server = await startServer(); });
after(async () => { await server?.stop(); });

// OWASP filter-evasion classics, Markdown's own ways in, template and SQL injection.
const PAYLOADS = [
  '<script>window.__pwned=1;alert(1)</script>',
  '"><img src=x onerror="window.__pwned=1;alert(1)">',
  "'><svg onload=window.__pwned=1>",
  '<a href="jav&#x09;ascript:window.__pwned=1">klikk</a>',
  '[klikk](javascript:window.__pwned=1)',
  '<iframe src="javascript:window.__pwned=1"></iframe>',
  '<body onload=window.__pwned=1>',
  '<details open ontoggle=window.__pwned=1>',
  '{{constructor.constructor("window.__pwned=1")()}} ${7*7}',
  "' OR '1'='1'; DROP TABLE application; --",
  'Robert"); DELETE FROM users WHERE ("1"="1',
];

/** A payload that fits in `max` characters (the server refuses longer ones anyway). */
function payload(i, max) {
  const p = PAYLOADS[i % PAYLOADS.length];
  return max > 0 && max < p.length ? p.slice(0, max) : p;
}

async function guarded(context) {
  const seen = [];
  await context.addInitScript(() => {
    window.__violations = [];
    document.addEventListener('securitypolicyviolation', (e) => {
      window.__violations.push(`${e.violatedDirective} ${e.blockedURI} ${e.sample}`);
    });
  });
  context.on('page', (p) => p.on('dialog', (d) => { seen.push(`dialog: ${d.message()}`); d.dismiss(); }));
  for (const p of context.pages()) p.on('dialog', (d) => { seen.push(`dialog: ${d.message()}`); d.dismiss(); });
  return seen;
}

/** Opens `path` and checks that nothing ran and nothing was blocked; returns the page's text. */
async function inspect(page, path, seen, checked) {
  const res = await page.goto(`${server.base}${path}`);
  assert.ok(res.status() < 500, `${path}: ${res.status()}`);
  await page.waitForTimeout(150);
  const { pwned, violations, text } = await page.evaluate(() => ({
    pwned: Boolean(window.__pwned),
    violations: window.__violations || [],
    text: document.body.innerText,
  }));
  assert.equal(pwned, false, `${path}: a payload ran`);
  assert.deepEqual(violations, [], `${path}: CSP violations`);
  assert.deepEqual(seen, [], `${path}: dialogs`);
  checked.push(path);
  return text;
}

/** Fills every text field and text area inside `scope` with payloads. */
async function fillAll(page, scope) {
  const fields = await page.$$eval(
    `${scope} input[type=text], ${scope} input:not([type]), ${scope} textarea`,
    (els) => els.filter((e) => e.id && !e.disabled && !e.readOnly).map((e) => ({ id: e.id, max: e.maxLength })),
  );
  for (const [i, f] of fields.entries()) {
    await page.fill(`[id="${f.id}"]`, payload(i, f.max));
  }
  return fields.length;
}

test('payloads in every form come back as text, and no script runs anywhere', async () => {
  const checked = [];
  // The applicant: every field of an application, submitted; a tip; an adoption note.
  let context = await launchContext({ enforceCsp: true });
  let seen = await guarded(context);
  let page = context.pages()[0] || await context.newPage();
  await signIn(page, server.base, ACCOUNTS.applicant, server.password);
  // The watch itself works: markup that slips through is caught by the CSP report.
  await page.goto(`${server.base}/catalogue`);
  await page.evaluate(() => document.body.insertAdjacentHTML('beforeend', '<img src="/no-such-image.png" onerror="window.__pwned=1">'));
  // The handler would run when the image fails to load: the report follows that.
  const caught = await page.waitForFunction(() => window.__violations.length > 0, null, { timeout: 10000 })
    .then(() => true, () => false);
  assert.ok(caught, 'an inline handler that reached the page is reported');
  assert.equal(await page.evaluate(() => Boolean(window.__pwned)), false, 'and blocked');
  const id = await startDraft(page, server.base);
  const filled = await fillAll(page, '#application-form');
  assert.ok(filled >= 5, `the application has text fields: ${filled}`);
  if (await page.$('#idea_origin_original')) await page.check('#idea_origin_original');
  if (await page.$('#mistake_decision_changed_course')) await page.check('#mistake_decision_changed_course');
  await pressIntent(page, 'save');
  await inspect(page, `/applications/${id}/edit`, seen, checked);
  await pressIntent(page, 'submit');
  const shown = await inspect(page, `/applications/${id}`, seen, checked);
  assert.ok(shown.includes(PAYLOADS[0].slice(0, 40)), 'the title shows as the text typed');
  await inspect(page, `/applications/${id}/receipt`, seen, checked);
  await inspect(page, '/my-applications', seen, checked);
  await inspect(page, `/catalogue?q=${encodeURIComponent(PAYLOADS[1])}`, seen, checked);
  await inspect(page, `/catalogue?q=${encodeURIComponent(PAYLOADS[9])}`, seen, checked);
  await inspect(page, '/catalogue', seen, checked);

  await page.goto(`${server.base}/tips/new`);
  await fillAll(page, 'form[action="/tips/new"]');
  await Promise.all([page.waitForNavigation(), page.click('form[action="/tips/new"] button[type=submit]')]);
  await inspect(page, new URL(page.url()).pathname + new URL(page.url()).search, seen, checked);

  // «Vi stjal denne» with a payload as the note, on another team's innovation.
  await page.goto(`${server.base}/catalogue`);
  const others = await page.$$eval('main a[href^="/applications/"]', (as) => as.map((a) => a.getAttribute('href')));
  const other = others.find((h) => /^\/applications\/[0-9a-f-]{36}$/.test(h) && !h.includes(id));
  assert.ok(other, 'another innovation in the catalogue');
  await page.goto(`${server.base}${other}`);
  const adopt = await page.$(`form[action="${other}/adopt"]`);
  if (adopt) {
    await fillAll(page, `form[action="${other}/adopt"]`);
    await Promise.all([page.waitForNavigation(), page.click(`form[action="${other}/adopt"] button[type=submit]`)]);
  }
  await inspect(page, other, seen, checked);
  await inspect(page, `${other}/family`, seen, checked);
  await context.close();

  // The editor: a story with payloads in its title, lead and Markdown body, published.
  context = await launchContext({ enforceCsp: true });
  seen = await guarded(context);
  page = context.pages()[0] || await context.newPage();
  await signIn(page, server.base, ACCOUNTS.editor, server.password);
  await page.goto(`${server.base}/stories/new`);
  await fillAll(page, '#story-form');
  await page.fill('#body', PAYLOADS.join('\n\n'));
  await page.check('#story-form input[name="application"]');
  await Promise.all([page.waitForNavigation(), page.click('#story-form button[type=submit]')]);
  const edit = new URL(page.url()).pathname;
  assert.match(edit, /^\/stories\/[^/]+\/edit$/, `the story was saved: ${page.url()}`);
  await inspect(page, edit, seen, checked);
  await page.check('#when_now');
  await Promise.all([page.waitForNavigation(), page.click('form[action$="/publish"] button[type=submit]')]);
  const story = edit.replace(/\/edit$/, '');
  const storyText = await inspect(page, story, seen, checked);
  assert.ok(storyText.includes("DROP TABLE application"), 'the SQL payload is text in the story');
  await inspect(page, '/stories', seen, checked);
  await inspect(page, '/', seen, checked);
  await context.close();

  // The administrator: a round with payloads in its texts; the tips and the audit log.
  context = await launchContext({ enforceCsp: true });
  seen = await guarded(context);
  page = context.pages()[0] || await context.newPage();
  await signIn(page, server.base, ACCOUNTS.administrator, server.password);
  await page.goto(`${server.base}/admin/rounds/new`);
  await fillAll(page, 'form[action="/admin/rounds/new"]');
  await page.fill('#year', '2031');
  await Promise.all([page.waitForNavigation(), page.click('form[action="/admin/rounds/new"] button[type=submit]')]);
  const round = new URL(page.url()).pathname;
  assert.match(round, /^\/admin\/rounds\/[0-9a-f-]{36}$/, `the round was made: ${page.url()}`);
  await inspect(page, round, seen, checked);
  await inspect(page, '/admin/rounds', seen, checked);
  await inspect(page, '/admin/tips', seen, checked);
  await inspect(page, '/admin/audit', seen, checked);
  await inspect(page, `/ceremony${round.replace('/admin/rounds', '')}/programme`, seen, checked);
  await context.close();

  // The tables the SQL payloads name are all there, and so is what was written.
  const api = await fetch(`${server.base}/api/v1/applications/${id}`).then((r) => r.json());
  assert.equal(api.title, payload(0, 0).slice(0, api.title.length), 'the title is stored as typed');
  const count = await fetch(`${server.base}/api/v1/applications`).then((r) => r.json());
  assert.ok(count.total > 1, 'applications remain');
  console.log(`payloads: ${PAYLOADS.length} payloads through the forms; ${checked.length} pages checked with no script run and no CSP violation`);
});
