// Error identification (WCAG 3.3.1, 3.3.3, 1.3.1) and status messages (4.1.3): after an invalid
// submit the error summary links to each field, each invalid field says so and points to its
// message; the «saved» message after saving a draft is in a role=status region.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, launchContext, signIn, ACCOUNTS, focused, describe } from './helpers.mjs';
import { startDraft, pressIntent, fillRequired } from './flows.mjs';

let server;
before(async () => { server = await startServer(); });
after(async () => { await server?.stop(); });

/** Checks the summary, its links, and every aria-invalid field on the current page. */
async function checkErrors(page, label) {
  const report = await page.evaluate(() => {
    const summary = document.querySelector('.ds-error-summary');
    if (!summary) return { summary: false };
    const links = [...summary.querySelectorAll('a[href^="#"]')].map((a) => {
      const target = document.getElementById(decodeURIComponent(a.getAttribute('href').slice(1)));
      const control = target && (target.matches('input, select, textarea') ? target : target.querySelector('input, select, textarea'));
      return { href: a.getAttribute('href'), text: a.textContent.trim(), target: Boolean(target), control: Boolean(control), tabIndex: a.tabIndex };
    });
    const invalid = [...document.querySelectorAll('[aria-invalid="true"]')].map((el) => {
      // A radio or checkbox may take its message from its group (fieldset aria-describedby).
      const group = el.matches('[type=radio], [type=checkbox]') ? el.closest('fieldset[aria-describedby]') : null;
      const own = (el.getAttribute('aria-describedby') || '').split(/\s+/).filter(Boolean);
      const ids = [...own, ...(group ? group.getAttribute('aria-describedby').split(/\s+/) : [])];
      const texts = ids.map((id) => document.getElementById(id)?.textContent.trim() || '');
      return { id: el.id, ids, texts };
    });
    const described = [...document.querySelectorAll('fieldset[aria-describedby]')].map((el) => ({ id: el.id, ids: el.getAttribute('aria-describedby').split(/\s+/) }));
    return {
      summary: true,
      role: summary.getAttribute('role'),
      headingLabel: Boolean(summary.getAttribute('aria-labelledby') && document.getElementById(summary.getAttribute('aria-labelledby'))),
      links, invalid, described,
      titleMarked: document.title,
    };
  });
  assert.ok(report.summary, `${label}: the error summary is shown`);
  assert.ok(report.role === 'alert' || report.role === 'status', `${label}: the summary is announced (role ${report.role})`);
  assert.ok(report.headingLabel, `${label}: the summary is labelled by its heading`);
  assert.ok(report.links.length > 0, `${label}: the summary lists the problems`);
  const messages = report.links.map((l) => l.text);
  for (const l of report.links) {
    assert.ok(l.target, `${label}: summary link ${l.href} points at an element`);
    assert.ok(l.control, `${label}: summary link ${l.href} leads to a form control`);
    assert.ok(l.tabIndex >= 0, `${label}: summary link ${l.href} is focusable`);
  }
  assert.ok(report.invalid.length > 0, `${label}: fields are marked aria-invalid`);
  for (const f of report.invalid) {
    assert.ok(f.ids.length > 0, `${label}: #${f.id} has aria-describedby`);
    assert.ok(f.texts.some((t) => t && messages.some((m) => m === t || m.endsWith(`: ${t}`))), `${label}: #${f.id} is described by its message (${f.texts.join(' | ')})`);
  }
  // Every message in the summary is attached to its field (or its group).
  for (const l of report.links) {
    const id = l.href.slice(1);
    const onField = report.invalid.find((f) => f.id === id) || report.described.find((f) => f.id === id);
    assert.ok(onField, `${label}: the field behind ${l.href} carries its message`);
  }
  // Following a summary link with the keyboard moves focus to the field.
  const firstToControl = report.links.find((l) => l.control);
  await page.focus(`.ds-error-summary a[href="${firstToControl.href}"]`);
  await page.keyboard.press('Enter');
  await page.waitForTimeout(50);
  const f = await focused(page);
  const inside = await page.evaluate((id) => {
    const t = document.getElementById(id);
    return Boolean(t && (t === document.activeElement || t.contains(document.activeElement)));
  }, firstToControl.href.slice(1));
  assert.ok(inside, `${label}: following ${firstToControl.href} moves focus to its field, not to ${describe(f)}`);
  assert.match(report.titleMarked, /\S+ .+/, `${label}: the title is present`);
  return report;
}

async function submitEmpty(page, path, button = 'main form button[type=submit]') {
  await page.goto(`${server.base}${path}`);
  await Promise.all([page.waitForNavigation(), page.click(button)]);
}

test('form errors are summarised, linked to their fields and announced', async () => {
  const context = await launchContext();
  const page = context.pages()[0] || await context.newPage();
  try {
    await page.goto(`${server.base}/sign-in`);
    await page.fill('#email', 'ikke-en-adresse');
    await Promise.all([page.waitForNavigation(), page.click('form[action="/sign-in"] button')]);
    await checkErrors(page, 'sign-in');

    await signIn(page, server.base, ACCOUNTS.applicant, server.password);
    await submitEmpty(page, '/apply', 'form[action="/apply"] button[type=submit]');
    await checkErrors(page, 'apply');
    await submitEmpty(page, '/tips/new', 'form[action="/tips/new"] button[type=submit]');
    await checkErrors(page, 'tip');

    await startDraft(page, server.base);
    await pressIntent(page, 'submit');
    const r = await checkErrors(page, 'application');
    assert.ok(r.links.length >= 3, 'an empty application names several missing fields');

    // Saving a draft: the confirmation is a status message.
    assert.equal(await page.$eval('#saved', (e) => e.getAttribute('role')), 'status');
    await fillRequired(page);
    await pressIntent(page, 'save');
    const status = await page.$eval('#saved', (e) => ({ role: e.getAttribute('role'), text: e.textContent.trim() }));
    assert.equal(status.role, 'status');
    assert.ok(status.text.length > 0, 'the saved message is inside the status region');

    await context.clearCookies();
    await signIn(page, server.base, ACCOUNTS.editor, server.password);
    await submitEmpty(page, '/stories/new', '#story-form button[type=submit]');
    const story = await checkErrors(page, 'story');
    assert.ok(story.links.length >= 3, 'an empty story names its title, lead and text');

    await context.clearCookies();
    await signIn(page, server.base, ACCOUNTS.administrator, server.password);
    await page.goto(`${server.base}/admin/rounds/new`);
    await page.fill('#year', '');
    await Promise.all([page.waitForNavigation(), page.click('form[action="/admin/rounds/new"] button[type=submit]')]);
    await checkErrors(page, 'admin round');
  } finally {
    await context.close();
  }
});
