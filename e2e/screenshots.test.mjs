// Screenshots of the main pages for people to look at (docs/screenshots/, committed):
// 1280×900 viewport, and the home page at 320 px.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { startServer, launchContext, signIn, ACCOUNTS, SCREENSHOT_DIR } from './helpers.mjs';
import { startDraft } from './flows.mjs';

let server;
before(async () => { server = await startServer(); mkdirSync(SCREENSHOT_DIR, { recursive: true }); });
after(async () => { await server?.stop(); });

async function shoot(page, name) {
  const file = path.join(SCREENSHOT_DIR, `${name}.png`);
  await page.screenshot({ path: file, type: 'png' });
  const size = statSync(file).size;
  assert.ok(size < 400_000, `${name}.png is ${size} bytes`);
}

test('screenshots of the main pages', async () => {
  const ids = await fetch(`${server.base}/catalogue`).then((r) => r.text())
    .then((html) => [...html.matchAll(/href="\/applications\/([0-9a-f-]{36})"/g)].map((m) => m[1]));
  const context = await launchContext({ width: 1280, height: 900 });
  const page = context.pages()[0] || await context.newPage();
  try {
    await page.goto(server.base);
    await shoot(page, 'home');
    await page.goto(`${server.base}/catalogue`);
    await shoot(page, 'catalogue');
    await page.goto(`${server.base}/applications/${ids[0]}`);
    await shoot(page, 'innovation');
    await signIn(page, server.base, ACCOUNTS.applicant, server.password);
    await startDraft(page, server.base);
    await shoot(page, 'application-form');
    // An invalid link is kept, with its message at the field, after «save draft».
    await page.goto(`${server.base}/apply`);
    const steal = await page.$$eval('label[for^="category_"]', (ls) => ls.find((l) => l.textContent.includes('Stjæl med stil'))?.htmlFor);
    await page.check(`[id="${steal}"]`);
    await page.selectOption('#unit', await page.$eval('#unit option:not([value=""])', (o) => o.value));
    await Promise.all([page.waitForNavigation(), page.click('form[action="/apply"] button[type=submit]')]);
    await page.fill('#title', 'Digitalt tilsyn etter modell fra Asker');
    await page.fill('#source_organisation', 'Asker kommune');
    await page.fill('#source_link', 'asker.kommune.no/digitalt-tilsyn');
    await Promise.all([page.waitForURL('**/edit#error-summary'), page.click('button[form=application-form][value=save]')]);
    assert.equal(await page.inputValue('#source_link'), 'asker.kommune.no/digitalt-tilsyn', 'the link is kept');
    await page.evaluate(() => document.getElementById('source').scrollIntoView({ block: 'start' }));
    await shoot(page, 'application-form-invalid-link');
    await context.clearCookies();
    await signIn(page, server.base, ACCOUNTS.administrator, server.password);
    await page.goto(`${server.base}/admin/rounds`);
    await shoot(page, 'admin-rounds');
    await context.clearCookies();
    await page.setViewportSize({ width: 320, height: 900 });
    await page.goto(server.base);
    await shoot(page, 'home-320');
  } finally {
    await context.close();
  }
});
