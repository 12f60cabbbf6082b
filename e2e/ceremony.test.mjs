// The ceremony driven with the keyboard alone, as from a presentation clicker: the demo's
// 2020 round rehearsed (winners shown, nothing published), then the awarded 2019 round as
// the show. axe audits the slides; screenshots of a title slide, a nominees slide and a
// reveal go to docs/screenshots/.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import {
  startServer, launchContext, signIn, axe, describeViolations, ACCOUNTS, SCREENSHOT_DIR,
} from './helpers.mjs';

let server;
before(async () => { server = await startServer(); mkdirSync(SCREENSHOT_DIR, { recursive: true }); });
after(async () => { await server?.stop(); });

/** The number of the slide on screen, from the live status line («Lysbilde 3 av 9»). */
async function current(page) {
  const visible = await page.$$eval('.slide', (ss) => ss.filter((s) => s.getBoundingClientRect().height > 0).map((s) => s.id));
  assert.equal(visible.length, 1, `one slide at a time: ${visible}`);
  return Number(visible[0].replace('slide-', ''));
}

test('the ceremony runs on the keyboard alone, and the rehearsal publishes nothing', async () => {
  const context = await launchContext({ width: 1280, height: 720 });
  const page = context.pages()[0] || await context.newPage();
  try {
    await signIn(page, server.base, ACCOUNTS.administrator, server.password);
    await page.goto(`${server.base}/admin/rounds`);
    const rounds = await page.$$eval('main a[href^="/admin/rounds/"]', (as) => as.map((a) => [a.textContent, a.getAttribute('href')]));
    const byYear = (y) => rounds.find(([t]) => t.includes(String(y)))?.[1]?.replace('/admin/rounds/', '/ceremony/');
    const rehearsal = byYear(2020);
    assert.ok(rehearsal, `the 2020 round is listed: ${JSON.stringify(rounds)}`);
    const before = await fetch(`${server.base}/catalogue?status=winner&year=2020`).then((r) => r.text());

    await page.goto(`${server.base}${rehearsal}?rehearsal=true`);
    assert.equal(await current(page), 1);
    await page.screenshot({ path: path.join(SCREENSHOT_DIR, 'ceremony-title.png') });
    const violations = await axe(page);
    assert.deepEqual(violations, [], describeViolations(violations));
    const total = await page.$$eval('.slide', (ss) => ss.length);
    await page.keyboard.press('ArrowRight');
    assert.equal(await current(page), 2);
    assert.match(await page.textContent('#show-status'), /2/);
    await page.screenshot({ path: path.join(SCREENSHOT_DIR, 'ceremony-nominees.png') });
    await page.keyboard.press('PageDown');
    assert.equal(await current(page), 3);
    await page.keyboard.press('Space');
    await page.keyboard.press('PageUp');
    assert.equal(await current(page), 3);
    await page.keyboard.press('ArrowLeft');
    assert.equal(await current(page), 2);
    await page.keyboard.press('End');
    assert.equal(await current(page), total);
    await page.keyboard.press('Home');
    assert.equal(await current(page), 1);
    // Through the whole rehearsal: nothing published.
    for (let i = 1; i < total; i++) await page.keyboard.press('ArrowRight');
    assert.equal(await current(page), total);
    const afterRehearsal = await fetch(`${server.base}/catalogue?status=winner&year=2020`).then((r) => r.text());
    assert.equal(afterRehearsal.match(/class="ds-card"/g)?.length ?? 0, before.match(/class="ds-card"/g)?.length ?? 0);

    // The awarded 2019 round as the show: its results are public, so its reveals show them.
    const show = byYear(2019);
    assert.ok(show, 'the 2019 round is listed');
    await page.goto(`${server.base}${show}`);
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('ArrowRight');
    const reveal = await page.$eval('.slide:not([hidden])', (s) => s.textContent);
    assert.doesNotMatch(reveal, /Juryen har ikke låst/);
    await page.screenshot({ path: path.join(SCREENSHOT_DIR, 'ceremony-reveal.png') });
    const shown = await axe(page);
    assert.deepEqual(shown, [], describeViolations(shown));

    // The diplomas of 2019's winner and honourable mention: the page to print passes axe,
    // printed it is one landscape sheet per diploma, and the PDF beside it is a PDF.
    const awarded = byYear(2019);
    assert.ok(awarded, 'the 2019 round is listed');
    await page.goto(`${server.base}${awarded}/diplomas`);
    const diplomas = await axe(page);
    assert.deepEqual(diplomas, [], describeViolations(diplomas));
    assert.ok(await page.locator('.print-certificate').count() >= 1, 'a diploma per winner');
    await page.emulateMedia({ media: 'print' });
    await page.setViewportSize({ width: 1123, height: 794 });
    await page.locator('.print-certificate').first().screenshot({ path: path.join(SCREENSHOT_DIR, 'diploma.png') });
    await page.emulateMedia({ media: 'screen' });
    const pdf = await page.request.get(`${server.base}${awarded}/diplomas.pdf`);
    assert.equal(pdf.headers()['content-type'], 'application/pdf');
    assert.equal((await pdf.body()).subarray(0, 5).toString(), '%PDF-');
  } finally {
    await context.close();
  }
});
