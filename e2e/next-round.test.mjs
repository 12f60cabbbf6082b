// Creating next year's round in December and applying in it: the default prizes get
// deadlines that lie ahead, the front page then calls for both open rounds (soonest
// deadline first), and an applicant can apply in the new one.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { startServer, launchContext, signIn, ACCOUNTS, SCREENSHOT_DIR } from './helpers.mjs';
import { fillRequired, pressIntent } from './flows.mjs';

let server;
before(async () => { server = await startServer(); });
after(async () => { await server?.stop(); });

test('a round created in December opens with deadlines ahead, shows beside the other open round, and takes applications', async () => {
  // The demo's open round is for next year; the new one is named after this year's award,
  // whose applications are written now: in December its old default deadline (1 November)
  // had already passed.
  const year = new Date().getFullYear();
  const title = `Innovasjonsprisene ${year} – ekstrarunde`;
  const context = await launchContext({ width: 1280, height: 900 });
  try {
    const page = await context.newPage();
    await signIn(page, server.base, ACCOUNTS.administrator, server.password);
    await page.goto(`${server.base}/admin/rounds/new`);
    await page.fill('#year', String(year));
    await page.fill('#title', title);
    await page.fill('#description', 'En ekstra runde før årsskiftet.');
    await page.check('input[name=visibility] >> nth=0');
    if (!(await page.isChecked('#default_prizes'))) await page.check('#default_prizes');
    await Promise.all([page.waitForNavigation(), page.click('main form button[type=submit]')]);
    assert.match(new URL(page.url()).pathname, /^\/admin\/rounds\/[^/]+$/, await page.textContent('main'));
    assert.equal(await page.$('#past-deadlines'), null, 'no default deadline lies in the past');
    await Promise.all([page.waitForNavigation(), page.click('button[name=to][value=open]')]);
    assert.match(await page.textContent('#state'), /Åpen/, 'the round is open');

    await page.goto(server.base);
    const main = await page.textContent('main');
    assert.ok(main.includes(title), 'the new round is called for on the front page');
    const left = await page.$$eval('main .ds-tag', (tags) => tags.map((t) => t.textContent).filter((t) => /igjen/.test(t)));
    assert.ok(left.length >= 6, `every open category of both rounds with its time left (${left.length})`);
    await page.setViewportSize({ width: 1280, height: 1700 });
    await page.screenshot({ path: path.join(SCREENSHOT_DIR, 'home-two-open-rounds.png') });
    await page.setViewportSize({ width: 1280, height: 900 });

    await context.clearCookies();
    await signIn(page, server.base, ACCOUNTS.applicant, server.password);
    await page.goto(`${server.base}/apply`);
    const id = await page.$$eval('input[name=category]', (radios, t) => radios.find((r) => r.closest('.ds-field')?.textContent.includes(t))?.id, title);
    assert.ok(id, 'the new round\'s prizes can be chosen');
    await page.check(`[id="${id}"]`);
    await page.selectOption('#unit', await page.$eval('#unit option:not([value=""])', (o) => o.value));
    await Promise.all([page.waitForNavigation(), page.click('form[action="/apply"] button[type=submit]')]);
    await fillRequired(page);
    await pressIntent(page, 'submit');
    assert.match(new URL(page.url()).pathname, /\/receipt$/, `submitted in the new round; ended at ${page.url()}: ${await page.textContent('main')}`);
  } finally {
    await context.close();
  }
});
