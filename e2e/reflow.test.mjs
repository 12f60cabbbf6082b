// Reflow (WCAG 1.4.10) and text resize (1.4.4): at 320 px wide nothing scrolls sideways; at
// 200 % text size nothing is cut off.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, launchContext, signIn, ACCOUNTS } from './helpers.mjs';
import { startDraft } from './flows.mjs';

let server;
let publicId;
before(async () => {
  server = await startServer();
  const html = await fetch(`${server.base}/catalogue`).then((r) => r.text());
  publicId = html.match(/href="\/applications\/([0-9a-f-]{36})"/)[1];
});
after(async () => { await server?.stop(); });

/** Elements whose text is cut: overflow hidden/clip and content wider or taller than the box. */
function clipped() {
  const out = [];
  for (const el of document.querySelectorAll('main *, header *, footer *')) {
    const s = getComputedStyle(el);
    const hides = (v) => v === 'hidden' || v === 'clip';
    if (!(hides(s.overflowX) || hides(s.overflowY))) continue;
    if (el.classList.contains('ds-sr-only') || s.position === 'absolute' && el.clientWidth <= 1) continue;
    if (!el.textContent.trim()) continue;
    const wide = hides(s.overflowX) && el.scrollWidth > el.clientWidth + 1;
    const tall = hides(s.overflowY) && el.scrollHeight > el.clientHeight + 1;
    if (wide || tall) out.push(`${el.tagName.toLowerCase()}.${[...el.classList].join('.')} ${el.scrollWidth}x${el.scrollHeight} in ${el.clientWidth}x${el.clientHeight}`);
  }
  return out;
}

/** The main pages signed out, as an applicant (with a draft) and as the administrator. */
async function eachPage(context, fn) {
  const page = context.pages()[0] || await context.newPage();
  const visit = async (path) => { await page.goto(`${server.base}${path}`); await fn(page, path); };
  for (const path of ['/', '/catalogue', `/applications/${publicId}`, '/sign-in', '/accessibility', '/statistics']) await visit(path);
  await signIn(page, server.base, ACCOUNTS.applicant, server.password);
  const draft = await startDraft(page, server.base);
  for (const path of ['/', '/apply', `/applications/${draft}/edit`, '/my-applications', '/tips/new']) await visit(path);
  await context.clearCookies();
  await signIn(page, server.base, ACCOUNTS.administrator, server.password);
  for (const path of ['/admin', '/admin/rounds', '/admin/rounds/new', '/admin/units', '/admin/tips', '/admin/users', '/admin/statistics']) await visit(path);
}

test('at 320 px wide no page scrolls sideways', async () => {
  const context = await launchContext({ width: 320, height: 640 });
  const problems = [];
  try {
    await eachPage(context, async (page, path) => {
      const w = await page.evaluate(() => document.documentElement.scrollWidth);
      if (w > 321) {
        const wide = await page.evaluate(() => [...document.querySelectorAll('body *')]
          .filter((e) => e.getBoundingClientRect().right > 322)
          .slice(0, 5).map((e) => `${e.tagName.toLowerCase()}${e.id ? '#' + e.id : ''}.${[...e.classList].join('.')} right=${Math.round(e.getBoundingClientRect().right)}`));
        problems.push(`${path}: scrollWidth ${w}; e.g. ${wide.join(', ')}`);
      }
    });
  } finally { await context.close(); }
  assert.deepEqual(problems, []);
});

test('at 200 % text size nothing is cut off or scrolls sideways', async () => {
  const context = await launchContext({ width: 1280, height: 900 });
  const problems = [];
  try {
    await eachPage(context, async (page, path) => {
      await page.addStyleTag({ content: 'html { font-size: 200% !important; }' });
      const r = await page.evaluate(`(${clipped.toString()})()`);
      const w = await page.evaluate(() => [document.body.scrollWidth, window.innerWidth]);
      if (w[0] > w[1]) problems.push(`${path}: body ${w[0]} px wide in a ${w[1]} px viewport`);
      for (const c of r) problems.push(`${path}: ${c}`);
    });
  } finally { await context.close(); }
  assert.deepEqual(problems, []);
});

test('at 1280 px the header takes two rows, whoever is signed in', async () => {
  const context = await launchContext({ width: 1280, height: 900 });
  try {
    const page = await context.newPage();
    await signIn(page, server.base, ACCOUNTS.administrator, server.password);
    for (const path of ['/', '/catalogue', '/admin']) {
      await page.goto(`${server.base}${path}`);
      const rows = await page.evaluate(() => {
        const tops = [...document.querySelectorAll('.site-header a, .site-header button, .site-header .site-nav__user')]
          .filter((e) => e.getBoundingClientRect().width > 0)
          .map((e) => Math.round(e.getBoundingClientRect().top / 24));
        return new Set(tops).size;
      });
      assert.ok(rows <= 3, `${path}: the header's controls sit on ${rows} lines`);
      const nav = await page.$$eval('.site-nav a', (as) => new Set(as.map((a) => Math.round(a.getBoundingClientRect().top))).size);
      assert.equal(nav, 1, `${path}: the menu is one row`);
    }
  } finally { await context.close(); }
});
