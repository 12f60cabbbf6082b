// Keyboard-only journeys: Tab, Shift+Tab, Enter, Space and arrow keys, never the mouse.
// At every Tab stop the focus must be visible (outline or box-shadow); the skip link is the
// first stop and moves focus to the main content.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import {
  startServer, launchContext, ACCOUNTS, focused, tabUntil, pressAndWait, describe, nextTotpCode,
} from './helpers.mjs';
import { textFor } from './flows.mjs';

let server;
before(async () => { server = await startServer(); });
after(async () => { await server?.stop(); });

async function withPage(fn) {
  const context = await launchContext();
  const page = context.pages()[0] || await context.newPage();
  try { await fn(page); } finally { await context.close(); }
}

/** First Tab reaches the skip link; Enter on it puts focus on <main>. */
async function skipToMain(page) {
  await page.keyboard.press('Tab');
  const first = await focused(page);
  assert.equal(first.href, '#main', `the first Tab stop is the skip link, not ${describe(first)}`);
  assert.ok(first.visible, 'the skip link shows its focus');
  assert.ok(await page.$eval('.ds-skip-link', (a) => a.getBoundingClientRect().height > 0), 'the focused skip link is shown');
  await page.keyboard.press('Enter');
  assert.equal((await focused(page)).id, 'main', 'the skip link moves focus to main');
}

/** Signs in with the keyboard from /sign-in: skip link, e-mail, password, button — in that order. */
async function keyboardSignIn(page, email) {
  await page.goto(`${server.base}/sign-in`);
  await skipToMain(page);
  const stops = await tabUntil(page, (f) => f.id === 'email', { what: 'the e-mail field', max: 5 });
  assert.equal(stops.length, 1, 'the e-mail field is the first stop in main');
  await page.keyboard.type(email);
  await page.keyboard.press('Tab');
  assert.equal((await focused(page)).id, 'password', 'password follows e-mail');
  await page.keyboard.type(server.password);
  await page.keyboard.press('Tab');
  const button = await focused(page);
  assert.equal(button.tag, 'button', `the submit button follows the password, not ${describe(button)}`);
  await pressAndWait(page, 'Enter');
  if (new URL(page.url()).pathname === '/sign-in/code') {
    // The second factor: the code field is the first stop in main, then its button.
    await skipToMain(page);
    const toCode = await tabUntil(page, (f) => f.id === 'code', { what: 'the code field', max: 3 });
    assert.equal(toCode.length, 1, 'the code field is the first stop in main');
    await page.keyboard.type(await nextTotpCode(server.base, email));
    await page.keyboard.press('Tab');
    assert.equal((await focused(page)).tag, 'button', 'the confirm button follows the code');
    await pressAndWait(page, 'Enter');
  }
  assert.ok(!['/sign-in', '/sign-in/code'].includes(new URL(page.url()).pathname), 'signed in');
}

test('a visitor searches the catalogue, filters it and opens an innovation with the keyboard', async () => {
  await withPage(async (page) => {
    await page.goto(server.base);
    await skipToMain(page);
    // Back into the header with Shift+Tab: the catalogue link in the main menu.
    await tabUntil(page, (f) => f.href === '/catalogue', { back: true, what: 'the catalogue link' });
    await pressAndWait(page, 'Enter');
    assert.equal(new URL(page.url()).pathname, '/catalogue');
    await skipToMain(page);
    // The search field is the first stop in main; an inflected form finds the others.
    const toSearch = await tabUntil(page, (f) => f.id === 'q', { what: 'the search field', max: 3 });
    assert.equal(toSearch.length, 1, 'the search field is the first stop in main');
    await page.keyboard.type('innbyggerne');
    await pressAndWait(page, 'Enter');
    assert.equal(new URL(page.url()).searchParams.get('q'), 'innbyggerne', 'the search is in the URL');
    await skipToMain(page);
    // A filter: the prize, chosen with the arrow keys, shown with the button.
    await tabUntil(page, (f) => f.id === 'category', { what: 'the prize filter', max: 4 });
    await page.keyboard.press('ArrowDown');
    assert.equal(await page.$eval('#category', (s) => s.value), 'innovation', 'ArrowDown chooses a prize');
    await tabUntil(page, (f) => f.tag === 'button', { what: 'the show button', max: 6 });
    await pressAndWait(page, 'Enter');
    assert.equal(new URL(page.url()).searchParams.get('category'), 'innovation', 'the filter is in the URL');
    await skipToMain(page);
    await tabUntil(page, (f) => /^\/applications\/[^/]+$/.test(f.href || ''), { what: 'an innovation', max: 12 });
    const title = (await focused(page)).text;
    await pressAndWait(page, 'Enter');
    assert.match(new URL(page.url()).pathname, /^\/applications\/[^/]+$/);
    assert.equal((await page.textContent('h1')).trim(), title, 'the innovation page has the linked title');
    // The language switcher: Shift+Tab back into the header to «English», Enter.
    await skipToMain(page);
    await tabUntil(page, (f) => f.name === 'lang' && f.value === 'en', { back: true, what: 'the English button' });
    await pressAndWait(page, 'Enter');
    assert.equal(await page.getAttribute('html', 'lang'), 'en', 'the page is now in English');
    assert.match(new URL(page.url()).pathname, /^\/applications\/[^/]+$/, 'the switcher comes back to the same page');
  });
});

test('an applicant starts, fills, illustrates, shares and submits an application with the keyboard', async () => {
  await withPage(async (page) => {
    await keyboardSignIn(page, ACCOUNTS.applicant);
    // To /apply through the main menu.
    await tabUntil(page, (f) => f.href === '/apply', { what: 'the apply link in the menu' });
    await pressAndWait(page, 'Enter');
    assert.equal(new URL(page.url()).pathname, '/apply');
    await skipToMain(page);
    // Category: a radio group; Space chooses the focused one.
    await tabUntil(page, (f) => f.name === 'category', { what: 'the category choice' });
    await page.keyboard.press('Space');
    assert.ok(await page.$eval(':focus', (e) => e.checked), 'Space chooses the category');
    await tabUntil(page, (f) => f.id === 'unit', { what: 'the unit picker', max: 3 });
    await page.keyboard.press('ArrowDown');
    assert.notEqual(await page.$eval('#unit', (s) => s.value), '', 'ArrowDown chooses a unit');
    const button = (await tabUntil(page, (f) => f.tag === 'button', { what: 'the start button', max: 3 })).at(-1);
    assert.equal(button.type, 'submit');
    await pressAndWait(page, 'Enter');
    const edit = new URL(page.url()).pathname;
    assert.match(edit, /^\/applications\/[^/]+\/edit$/, 'the draft opens');

    // Fill every empty text field in the form, in Tab order; choose the first origin.
    await skipToMain(page);
    const order = [];
    for (let i = 0; i < 120; i++) {
      await page.keyboard.press('Tab');
      const f = await focused(page);
      assert.notEqual(f.tag, 'body', `Tab ${i + 1} lost the focus to the page body; order so far: ${order.join(' → ')}`);
      assert.ok(f.visible, `focus is visible on ${describe(f)}`);
      order.push(f.id || f.name || f.tag);
      if (f.tag === 'button' && f.value === 'save') break;
      const inForm = await page.evaluate(() => Boolean(document.activeElement.closest('#application-form')));
      if (!inForm) continue;
      if ((f.tag === 'textarea' || (f.tag === 'input' && f.type === 'text')) && !f.text) {
        const max = await page.$eval(':focus', (e) => e.maxLength);
        await page.keyboard.type(textFor(f.id, max > 0 ? max : undefined));
      } else if (f.tag === 'input' && f.type === 'radio' && f.name === 'idea_origin') {
        await page.keyboard.press('Space');
      } else if (f.tag === 'input' && f.type === 'radio' && f.name === 'mistake_decision') {
        await page.keyboard.press('Space');
      } else if (f.tag === 'button' && f.value === 'save') {
        break;
      }
    }
    assert.equal((await focused(page)).value, 'save', `reached «save draft»; order: ${order.join(' → ')}`);
    const fieldsInOrder = await page.$$eval('#application-form .ds-input', (els) => els.map((e) => e.id));
    const visited = order.filter((id) => fieldsInOrder.includes(id));
    const expected = fieldsInOrder.filter((id) => visited.includes(id));
    assert.deepEqual(visited.filter((v, i) => visited.indexOf(v) === i), expected, 'fields are reached in document order');
    await pressAndWait(page, 'Enter');
    assert.match(await page.textContent('#saved[role=status]'), /\S/, 'the saved message is in a status region');

    // An image with alt text: the file chooser cannot be typed, so set the focused input's file.
    await tabUntil(page, (f) => f.id === 'attachment', { what: 'the file input' });
    const png = await page.screenshot({ clip: { x: 0, y: 0, width: 64, height: 48 }, type: 'png' });
    await page.setInputFiles('#attachment:focus', { name: 'skisse.png', mimeType: 'image/png', buffer: png });
    await page.keyboard.press('Tab');
    assert.equal((await focused(page)).id, 'alt_text', 'the alt text follows the file');
    await page.keyboard.type('Skisse av den nye løsningen');
    await tabUntil(page, (f) => f.tag === 'button', { what: 'the upload button', max: 3 });
    await pressAndWait(page, 'Enter');
    assert.ok(await page.$('.attachment-list img[alt="Skisse av den nye løsningen"]'), 'the image is listed with its alt text');

    // A teammate.
    await tabUntil(page, (f) => f.id === 'team_email', { what: 'the teammate field' });
    await page.keyboard.type(ACCOUNTS.teammate);
    await tabUntil(page, (f) => f.tag === 'button', { what: 'the invite button', max: 3 });
    await pressAndWait(page, 'Enter');
    assert.match(await page.textContent('main'), new RegExp(ACCOUNTS.teammate.replace('.', '\\.')), 'the teammate is listed');

    // Submit: back up from wherever focus starts to the submit button.
    await tabUntil(page, (f) => f.tag === 'button' && f.value === 'submit', { what: 'the submit button' });
    await pressAndWait(page, 'Enter');
    assert.match(new URL(page.url()).pathname, /\/receipt$/, `submitted; ended at ${page.url()}`);
    assert.match(await page.textContent('[role=status]'), /\S/, 'the receipt confirms in a status region');
  });
});

test('an administrator creates a round with the default prizes with the keyboard', async () => {
  await withPage(async (page) => {
    await keyboardSignIn(page, ACCOUNTS.administrator);
    await tabUntil(page, (f) => f.href === '/admin', { what: 'the admin link' });
    await pressAndWait(page, 'Enter');
    await tabUntil(page, (f) => f.href === '/admin/rounds', { what: 'the rounds link' });
    await pressAndWait(page, 'Enter');
    await tabUntil(page, (f) => f.href === '/admin/rounds/new', { what: 'the new-round link' });
    await pressAndWait(page, 'Enter');
    assert.equal(new URL(page.url()).pathname, '/admin/rounds/new');
    await skipToMain(page);
    await tabUntil(page, (f) => f.id === 'year', { what: 'the year' });
    await page.keyboard.press('Control+A');
    await page.keyboard.type('2031');
    await tabUntil(page, (f) => f.id === 'title', { max: 2 });
    await page.keyboard.type('Innovasjonsprisene 2031');
    await tabUntil(page, (f) => f.id === 'description', { max: 2 });
    await page.keyboard.type('Runden for 2031.');
    await tabUntil(page, (f) => f.name === 'visibility', { what: 'the visibility choice' });
    await page.keyboard.press('Space');
    await tabUntil(page, (f) => f.id === 'default_prizes', { what: 'the default prizes box' });
    if (!(await page.$eval('#default_prizes', (c) => c.checked))) await page.keyboard.press('Space');
    assert.ok(await page.$eval('#default_prizes', (c) => c.checked), 'default prizes chosen');
    await tabUntil(page, (f) => f.tag === 'button', { what: 'save', max: 3 });
    await pressAndWait(page, 'Enter');
    const path = new URL(page.url()).pathname;
    assert.match(path, /^\/admin\/rounds\/[^/]+$/, `the round page opens, not ${page.url()}: ${await page.textContent('main')}`);
    const main = await page.textContent('main');
    assert.match(main, /Innovasjonsprisene 2031/);
    assert.ok((await page.$$('main a[href^="/admin/categories/"]')).length >= 3, 'the round has the default categories');
  });
});
