// Nothing an applicant writes is lost when autosave fails: an invalid field, a version
// conflict, a sign-in that ended, the network gone. Each is told next to the field being
// edited and in the status region, and the text survives until the server has stored it.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, launchContext, signIn, ACCOUNTS } from './helpers.mjs';

let server;
before(async () => { server = await startServer(); });
after(async () => { await server?.stop(); });

/** Starts a draft in the open category whose label contains `prize`; returns its edit URL. */
async function startIn(page, prize) {
  await page.goto(`${server.base}/apply`);
  const id = await page.$$eval('label[for^="category_"]', (labels, prize) => labels.find((l) => l.textContent.includes(prize))?.htmlFor, prize);
  assert.ok(id, `an open category «${prize}» in the demo`);
  await page.check(`[id="${id}"]`);
  const unit = await page.$eval('#unit option:not([value=""])', (o) => o.value);
  await page.selectOption('#unit', unit);
  await Promise.all([page.waitForNavigation(), page.click('form[action="/apply"] button[type=submit]')]);
  assert.match(new URL(page.url()).pathname, /\/edit$/);
  return page.url();
}

/** Types into a field and waits for the autosave it causes to be answered. */
async function typeAndWait(page, selector, text) {
  const answered = page.waitForResponse((r) => r.url().endsWith('/save') && r.request().method() === 'POST', { timeout: 15_000 });
  await page.fill(selector, text);
  await page.dispatchEvent(selector, 'input');
  return answered;
}

const unsaved = (page) => page.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith('prisverdig-unsaved-')).map((k) => localStorage.getItem(k)).join('\n'));

async function withApplicant(fn) {
  const context = await launchContext();
  try {
    const page = await context.newPage();
    await signIn(page, server.base, ACCOUNTS.applicant, server.password);
    await fn(page, context);
  } finally {
    await context.close();
  }
}

test('an invalid link is told at its field; everything else is saved and the link survives a reload', async () => {
  await withApplicant(async (page) => {
    const edit = await startIn(page, 'Stjæl med stil');
    await page.fill('#title', 'Lånt med stil');
    const res = await typeAndWait(page, '#source_link', 'asker.kommune.no/tilsyn');
    assert.equal(res.status(), 200);
    await page.waitForSelector('#source_link-error');
    assert.match(await page.textContent('#source_link-error'), /https:\/\//, 'the message is at the field');
    assert.equal(await page.getAttribute('#source_link', 'aria-invalid'), 'true');
    assert.ok((await page.getAttribute('#source_link', 'aria-describedby')).includes('source_link-error'));
    assert.match(await page.textContent('#saved[role=status]'), /unntatt/, 'the status region says what was not saved');
    assert.ok(await page.$('#autosave-note'), 'a note next to the field being edited');
    await page.goto(edit);
    assert.equal(await page.inputValue('#title'), 'Lånt med stil', 'the valid text was stored');
    assert.equal(await page.inputValue('#source_link'), 'asker.kommune.no/tilsyn', 'the invalid link is still there after a reload');
  });
});

test('a version conflict is told, keeps the text, and shows both versions', async () => {
  await withApplicant(async (page, context) => {
    const edit = await startIn(page, 'Innovasjonsprisen');
    const other = await context.newPage();
    await other.goto(edit);
    const theirs = await typeAndWait(other, '#summary', 'Skrevet i den andre fanen');
    assert.equal(theirs.status(), 200);
    await other.close();
    const mine = await typeAndWait(page, '#title', 'Min tittel som ikke må gå tapt');
    assert.equal(mine.status(), 409);
    await page.waitForSelector('#autosave-note');
    assert.match(await page.textContent('#saved[role=status]'), /Noen andre har lagret/);
    assert.match(await unsaved(page), /Min tittel som ikke må gå tapt/, 'the browser keeps the text');
    await Promise.all([page.waitForNavigation(), page.click('#saved button')]);
    assert.equal(await page.inputValue('#title'), 'Min tittel som ikke må gå tapt', 'your text is in the form');
    assert.match(await page.textContent('#conflict'), /Skrevet i den andre fanen/, 'their version is shown beside it');
  });
});

test('a sign-in that ended is told; the text is saved once signed in again', async () => {
  await withApplicant(async (page, context) => {
    const edit = await startIn(page, 'Innovasjonsprisen');
    const cookies = await context.cookies();
    await context.clearCookies();
    await context.addCookies(cookies.filter((c) => c.name !== 'prisverdig_session'));
    const res = await typeAndWait(page, '#title', 'Skrevet etter at innloggingen gikk ut');
    assert.equal(res.status(), 401);
    await page.waitForSelector('#autosave-note');
    assert.match(await page.textContent('#saved[role=status]'), /ikke logget inn/);
    assert.ok(await page.$('#saved a[href^="/sign-in?next="][target=_blank]'), 'a way to sign in without leaving the page');
    assert.match(await unsaved(page), /Skrevet etter at innloggingen gikk ut/);
    const again = await context.newPage();
    await signIn(again, server.base, ACCOUNTS.applicant, server.password);
    await again.close();
    const saved = await typeAndWait(page, '#summary', 'Og litt til');
    assert.equal(saved.status(), 200);
    await page.goto(edit);
    assert.equal(await page.inputValue('#title'), 'Skrevet etter at innloggingen gikk ut', 'nothing lost');
  });
});

test('with the network gone the text stays in the browser and is saved when it is back', async () => {
  await withApplicant(async (page, context) => {
    const edit = await startIn(page, 'Innovasjonsprisen');
    await context.setOffline(true);
    await page.fill('#what_we_did', 'En lang tekst skrevet uten nett');
    await page.dispatchEvent('#what_we_did', 'input');
    await page.waitForFunction(() => /Ingen forbindelse/.test(document.querySelector('#saved')?.textContent || ''), null, { timeout: 15_000 });
    assert.ok(await page.$('#autosave-note'), 'told next to the field');
    assert.match(await unsaved(page), /En lang tekst skrevet uten nett/);
    await page.close();
    await context.setOffline(false);
    const back = await context.newPage();
    const saved = back.waitForResponse((r) => r.url().endsWith('/save'), { timeout: 15_000 });
    await back.goto(edit);
    assert.equal(await back.inputValue('#what_we_did'), 'En lang tekst skrevet uten nett', 'put back from the browser');
    assert.match(await back.textContent('#saved'), /satt inn igjen/);
    assert.equal((await saved).status(), 200, 'and saved');
    await back.goto(edit);
    assert.equal(await back.inputValue('#what_we_did'), 'En lang tekst skrevet uten nett', 'stored on the server');
  });
});

test('the save button waits for an autosave under way instead of racing it into a conflict', async () => {
  await withApplicant(async (page) => {
    const edit = await startIn(page, 'Innovasjonsprisen');
    // The autosave reaches the server (new version stored) but its answer is held back,
    // so the button is pressed while the page still holds the old version.
    let release;
    const held = new Promise((r) => { release = r; });
    let stored;
    const reached = new Promise((r) => { stored = r; });
    await page.route('**/save', async (route) => {
      if (!route.request().headers()['x-autosave']) return route.continue();
      const response = await route.fetch();
      stored();
      await held;
      await route.fulfill({ response });
    });
    await page.fill('#title', 'Raskt lagret');
    await page.dispatchEvent('#title', 'change');
    await reached;
    const posted = page.waitForResponse((r) => r.url().endsWith('/save') && !r.request().headers()['x-autosave']);
    await page.click('button[form=application-form][value=save]');
    release();
    const res = await posted;
    assert.equal(res.headers().location?.endsWith('/edit#saved'), true, `the button save is stored, not refused (${res.headers().location})`);
    await page.waitForFunction(() => /Kladden er lagret\./.test(document.querySelector('#saved')?.textContent || ''));
    await page.unroute('**/save');
    await page.goto(edit);
    assert.equal(await page.inputValue('#title'), 'Raskt lagret');
  });
});
