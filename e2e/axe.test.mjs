// axe-core (WCAG 2.1 A/AA) on every page of the demo, as every role, in Bokmål and English;
// then two completeness checks: every `page` route of the product's route table
// (e2e/routes.txt, which an integration test holds to the running router) was reached as a
// 200 page and audited, and every same-origin page linked from an audited page was audited
// itself. A 403, 404 or 422 answer is audited by axe but covers no route.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  startServer, launchContext, setLanguage, signIn, axe, describeViolations,
  completeSecondFactor, totpCode,
  pattern, sameOriginLinks, ACCOUNTS, mailLinks,
} from './helpers.mjs';
import { startDraft, fillRequired, pressIntent } from './flows.mjs';

const ROLES = ['anonymous', 'applicant', 'juror', 'editor', 'administrator'];
const LANGS = ['nb', 'en'];

/** The route table: `{ kind, route, pattern, re }` per line of routes.txt. */
function routeTable() {
  const file = path.resolve(path.dirname(fileURLToPath(import.meta.url)), 'routes.txt');
  return readFileSync(file, 'utf8').split('\n')
    .filter((l) => l.trim() && !l.startsWith('#'))
    .map((l) => {
      const [kind, route] = l.trim().split(/\s+/);
      const re = new RegExp(`^${route.replace(/\{\*[^}]+\}/g, '.*').replace(/\{[^}]+\}/g, '[^/]+')}$`);
      return { kind, route, pattern: route.replace(/\{\*?[a-z_]+\}/g, '{id}'), re };
    });
}
const ROUTES = routeTable();
/** Assets, files, feeds, the API, operator endpoints and htmx fragments: not pages. */
const notPage = (p) => ROUTES.some((r) => r.kind !== 'page' && r.re.test(p));
const ADMIN_CAP = 40;

let server;
const audited = new Map(); // pattern -> Set of "role/lang", for pages answered with 200
const otherStatus = new Map(); // pattern -> Set of other statuses it answered with
const linked = new Map(); // pattern -> first page that linked it
const failures = [];
const counts = {};
let crawled = false;

before(async () => { server = await startServer(); });
after(async () => { await server?.stop(); });

async function audit(page, role, lang, label) {
  const url = new URL(page.url());
  const key = `${role}/${lang}`;
  const p = pattern(url.pathname);
  // The status of the document on screen, however it was reached (link, form, redirect).
  const status = await page.evaluate(() => performance.getEntriesByType('navigation')[0]?.responseStatus);
  const into = status === 200 ? audited : otherStatus;
  if (!into.has(p)) into.set(p, new Set());
  into.get(p).add(status === 200 ? key : status);
  counts[key] = (counts[key] || 0) + 1;
  for (const link of await sameOriginLinks(page, server.base)) {
    if (link === url.pathname) continue; // the skip link and other anchors on this page
    const lp = pattern(link);
    if (!linked.has(lp)) linked.set(lp, url.pathname);
  }
  const violations = await axe(page);
  if (violations.length) {
    failures.push(`${key} ${label || url.pathname + url.search}:\n${describeViolations(violations)}`);
  }
}

async function visit(page, role, lang, path, label) {
  const res = await page.goto(`${server.base}${path}`);
  assert.ok(res, `no response for ${path}`);
  assert.ok(res.status() < 500, `${role}/${lang} ${path} answered ${res.status()}`);
  await audit(page, role, lang, label);
  return res;
}

/** The admin pages: breadth-first from `start`, one page per path pattern, capped. */
async function crawlAdmin(page, lang, start = '/admin') {
  const seen = new Set();
  let frontier = [start];
  for (let depth = 0; frontier.length && depth <= 4; depth++) {
    const next = [];
    for (const path of frontier) {
      const p = pattern(path);
      if (seen.has(p) || seen.size >= ADMIN_CAP) continue;
      seen.add(p);
      await visit(page, 'administrator', lang, path);
      for (const link of await sameOriginLinks(page, server.base)) {
        if (link.startsWith('/admin') && !notPage(link) && !seen.has(pattern(link))) next.push(link);
      }
    }
    frontier = next;
  }
  return seen.size;
}

test('axe-core finds no WCAG 2.1 A/AA violations on any page, as any role, in nb and en', async () => {
  // Public ids come from the catalogue.
  const ids = await fetch(`${server.base}/catalogue`).then((r) => r.text())
    .then((html) => [...html.matchAll(/href="\/applications\/([0-9a-f-]{36})"/g)].map((m) => m[1]));
  assert.ok(ids.length >= 2, 'the demo catalogue lists applications');
  const publicIds = [ids[0], ids[ids.length - 1]];
  // Stories («Tanketanken») from the demo: the first linked application's page shows them too.
  const storyIds = await fetch(`${server.base}/stories`).then((r) => r.text())
    .then((html) => [...new Set([...html.matchAll(/href="\/stories\/([0-9a-f-]{36})"/g)].map((m) => m[1]))]);
  assert.ok(storyIds.length >= 2, 'the demo has published stories');
  const featured = await fetch(`${server.base}/stories/${storyIds[0]}`).then((r) => r.text())
    .then((html) => html.match(/href="\/applications\/([0-9a-f-]{36})"/)[1]);

  for (const role of ROLES) {
    const context = await launchContext();
    const page = context.pages()[0] || await context.newPage();
    try {
      if (role === 'juror' || role === 'administrator') {
        // The second factor's code page, with its errors, on the way in.
        await page.goto(`${server.base}/sign-in`);
        await page.fill('#email', ACCOUNTS[role]);
        await page.fill('#password', server.password);
        await Promise.all([page.waitForNavigation(), page.click('form[action="/sign-in"] button[type=submit]')]);
        assert.equal(new URL(page.url()).pathname, '/sign-in/code', `${role} is asked for a code`);
        await audit(page, role, 'nb', '/sign-in/code');
        await page.fill('#code', '000000');
        await Promise.all([page.waitForNavigation(), page.click('form[action="/sign-in/code"] button[type=submit]')]);
        await audit(page, role, 'nb', '/sign-in/code (errors)');
        await visit(page, role, 'nb', '/sign-in/code?recovery=1', '/sign-in/code (recovery code)');
        await page.goto(`${server.base}/sign-in/code`);
        await completeSecondFactor(page, server.base, ACCOUNTS[role]);
        assert.notEqual(new URL(page.url()).pathname, '/sign-in/code', `${role} signed in`);
      } else if (role !== 'anonymous') {
        await signIn(page, server.base, ACCOUNTS[role], server.password);
      }
      let draft;
      let submitted;
      for (const lang of LANGS) {
        await setLanguage(context, server.base, lang);
        for (const path of ['/', '/catalogue', ...publicIds.map((id) => `/applications/${id}`),
          ...publicIds.map((id) => `/applications/${id}/family`),
          '/accessibility', '/sign-in', '/apply', '/my-applications', '/tips/new', '/hall-of-fame',
          '/rounds', '/rounds/2019', '/rounds/2020', '/catalogue?year=2019&category=steal',
          '/catalogue?q=innbyggerne&category=innovation', '/catalogue?page=2',
          '/stories', ...storyIds.map((id) => `/stories/${id}`), `/applications/${featured}`,
          '/widget', '/statistics', '/statistics?from=2019&to=2019']) {
          await visit(page, role, lang, path);
        }
        // The statistics with a year range it cannot read: the messages at the fields.
        await page.goto(`${server.base}/statistics?from=tjue&to=1800`);
        await audit(page, role, lang, '/statistics (errors)');
        // The error page.
        const missing = await page.goto(`${server.base}/no-such-page`);
        assert.equal(missing.status(), 404);
        await audit(page, role, lang, '404 page');
        if (role === 'anonymous') {
          // The sign-in form with its error summary.
          await page.goto(`${server.base}/sign-in`);
          await page.fill('#email', 'not-an-address');
          await Promise.all([page.waitForNavigation(), page.click('form[action="/sign-in"] button[type=submit]')]);
          await audit(page, role, lang, '/sign-in (errors)');
        } else {
          // The tip form with its errors.
          await page.goto(`${server.base}/tips/new`);
          await Promise.all([page.waitForNavigation(), page.click('main form button[type=submit]')]);
          await audit(page, role, lang, '/tips/new (errors)');
        }
        if (role === 'applicant' && lang === 'nb') {
          // Two-step verification, set up by choice: the page, its errors, the codes shown once.
          await visit(page, role, lang, '/account/security', '/account/security (off)');
          await visit(page, role, lang, '/account/second-factor');
          await page.fill('#code', '000000');
          await Promise.all([page.waitForNavigation(), page.click('form[action="/account/second-factor"] button[type=submit]')]);
          await audit(page, role, lang, '/account/second-factor (errors)');
          const secret = await page.$eval('#totp-secret', (c) => c.textContent.trim());
          await page.fill('#code', totpCode(secret, Math.floor(Date.now() / 30_000)));
          await Promise.all([page.waitForNavigation(), page.click('form[action="/account/second-factor"] button[type=submit]')]);
          assert.equal(new URL(page.url()).pathname, '/account/recovery-codes', 'enrolled');
          await audit(page, role, lang, '/account/recovery-codes');
        }
        if (role !== 'anonymous') {
          await visit(page, role, lang, '/account/security');
          // Deleting the account: the page, and its errors with an address that is not theirs
          // (never the right one: the crawl goes on with this account).
          await visit(page, role, lang, '/account/delete');
          // (A sign-in older than 15 minutes gets «sign in again» instead of the form.)
          if (await page.$('#confirm')) {
            await page.fill('#confirm', 'not.me@fjordvik.example');
            await Promise.all([page.waitForNavigation(), page.click('form[action="/account/delete"] button[type=submit]')]);
            await audit(page, role, lang, '/account/delete (errors)');
          }
        }
        if (role === 'applicant') {
          // /apply with errors, a draft (empty, with errors, saved), then submitted and its receipt.
          await page.goto(`${server.base}/apply`);
          await Promise.all([page.waitForNavigation(), page.click('form[action="/apply"] button[type=submit]')]);
          await audit(page, role, lang, '/apply (errors)');
          draft = await startDraft(page, server.base);
          await audit(page, role, lang, 'draft');
          await pressIntent(page, 'submit');
          await audit(page, role, lang, 'draft (errors)');
          await fillRequired(page);
          await pressIntent(page, 'save');
          await audit(page, role, lang, 'draft (saved)');
          // With an image and a teammate.
          const png = await page.screenshot({ clip: { x: 0, y: 0, width: 64, height: 48 }, type: 'png' });
          await page.setInputFiles('#attachment', { name: 'skisse.png', mimeType: 'image/png', buffer: png });
          await page.fill('#alt_text', 'Skisse av løsningen');
          await Promise.all([page.waitForNavigation(), page.click('form[enctype="multipart/form-data"] button[type=submit]')]);
          await page.fill('#team_email', ACCOUNTS.teammate);
          await Promise.all([page.waitForNavigation(), page.click('form[action$="/team"] button[type=submit]')]);
          await audit(page, role, lang, 'draft (image, teammate)');
          await page.fill('#team_email', 'ikke-en-adresse');
          await Promise.all([page.waitForNavigation(), page.click('form[action$="/team"] button[type=submit]')]);
          await audit(page, role, lang, 'draft (team error)');
          await pressIntent(page, 'submit');
          assert.match(page.url(), /\/receipt$/, 'submitting a complete draft shows the receipt');
          submitted = draft;
          await audit(page, role, lang, 'receipt');
          await visit(page, role, lang, `/applications/${submitted}/edit`, 'submitted application, editable');
          await visit(page, role, lang, `/applications/${submitted}`, 'public page with an image');
          await visit(page, role, lang, '/my-applications', '/my-applications (with applications)');
        }
        if (role === 'juror') {
          // The jury's pages: the list, a review (saved as a draft, then with an error in its
          // declaration, and its discussion), the chair's overview and a decision with its
          // feedback.
          await visit(page, role, lang, '/jury');
          const links = await sameOriginLinks(page, server.base);
          const review = links.find((l) => /^\/jury\/applications\/[^/]+$/.test(l));
          const overview = links.find((l) => /^\/jury\/categories\/[^/]+$/.test(l));
          assert.ok(review && overview, 'the chair sees applications to review and the overview');
          await visit(page, role, lang, review, 'review page');
          if (await page.$('#review-form button[value="save"]:not([disabled])')) {
            await Promise.all([page.waitForNavigation(), page.click('#review-form button[value="save"]')]);
            await audit(page, role, lang, 'review page (saved)');
          }
          if (await page.$('form[action$="/conflict"]')) {
            await page.click('details.ds-details summary');
            await Promise.all([page.waitForNavigation(), page.click('form[action$="/conflict"] button[type=submit]')]);
            await audit(page, role, lang, 'review page (declaration errors)');
          }
          if (await page.$('form[action$="/discussion"]')) {
            // The jury's discussion: an empty post refused at its field, then a post shown.
            await page.goto(`${server.base}${review}`);
            await Promise.all([page.waitForNavigation(), page.click('form[action$="/discussion"] button[type=submit]')]);
            await audit(page, role, lang, 'review page (discussion error)');
            await page.fill('#post', `Et innlegg i diskusjonen (${lang}).`);
            await Promise.all([page.waitForNavigation(), page.click('form[action$="/discussion"] button[type=submit]')]);
            await audit(page, role, lang, 'review page (discussion)');
          }
          await visit(page, role, lang, overview, 'overview');
          await visit(page, role, lang, `${overview}?sort=calibrated`, 'overview (sorted)');
          const decision = (await sameOriginLinks(page, server.base)).find((l) => l.endsWith('/decision'));
          assert.ok(decision, 'the chair decides on some application');
          await visit(page, role, lang, decision, 'decision page');
          await page.goto(`${server.base}${overview}`);
          await page.fill('#results_date_input', '2019-12-01');
          await Promise.all([page.waitForNavigation(), page.click('form[action$="/publication"] button[type=submit]:not([name])')]);
          await audit(page, role, lang, 'overview (publication errors)');
        }
        if (role === 'editor') {
          // The story desk, a new story with its errors, then saved; its edit page with an
          // image, its preview, and publishing with an error.
          await visit(page, role, lang, '/stories/drafts');
          await visit(page, role, lang, '/stories/new');
          await Promise.all([page.waitForNavigation(), page.click('#story-form button[type=submit]')]);
          await audit(page, role, lang, '/stories/new (errors)');
          await page.fill('#title', `Historie ${lang}`);
          await page.fill('#lead', 'Kort ingress.');
          await page.fill('#body', 'Lang **tekst**.');
          await page.check('#story-form input[name="application"]');
          await Promise.all([page.waitForNavigation(), page.click('#story-form button[type=submit]')]);
          assert.match(new URL(page.url()).pathname, /^\/stories\/[^/]+\/edit$/, `story created: ${page.url()}`);
          await audit(page, role, lang, 'story (saved)');
          const png = await page.screenshot({ clip: { x: 0, y: 0, width: 64, height: 48 }, type: 'png' });
          await page.setInputFiles('#attachment', { name: 'bilde.png', mimeType: 'image/png', buffer: png });
          await page.fill('#alt_text', 'Skjermbilde av forsiden');
          await Promise.all([page.waitForNavigation(), page.click('form[enctype="multipart/form-data"] button[type=submit]')]);
          await audit(page, role, lang, 'story (image)');
          // The draft previewed at its own address (banner, link back), then back to editing.
          const edit = new URL(page.url()).pathname;
          const preview = await visit(page, role, lang, edit.replace(/\/edit$/, ''), 'story preview (draft)');
          assert.equal(preview.status(), 200, 'the author previews the draft');
          await page.goto(`${server.base}${edit}`);
          await page.check('#when_later');
          await Promise.all([page.waitForNavigation(), page.click('form[action$="/publish"] button[type=submit]')]);
          await audit(page, role, lang, 'story (publish error)');
          await page.check('#when_now');
          await Promise.all([page.waitForNavigation(), page.click('form[action$="/publish"] button[type=submit]')]);
          const story = new URL(page.url()).pathname.replace(/\/edit$/, '');
          await visit(page, role, lang, story, 'published story with an image');
        }
        if (role === 'administrator') {
          await crawlAdmin(page, lang);
          // The strategy unit's statistics (every submitted application).
          await visit(page, role, lang, '/admin/statistics');
          // The ceremony of the demo's round under way, rehearsed and as the show (on its
          // title slide: nothing is revealed until the show reaches a prize's reveal).
          await page.goto(`${server.base}/admin/rounds`);
          const shown = await page.$$eval('main a[href^="/admin/rounds/"]', (as) => as.map((a) => a.getAttribute('href'))
            .find((h) => /^\/admin\/rounds\/[0-9a-f-]{36}$/.test(h)));
          const show = shown.replace('/admin/rounds/', '/ceremony/');
          await visit(page, role, lang, `${show}?rehearsal=true`, 'ceremony (rehearsal)');
          await visit(page, role, lang, show, 'ceremony');
          // Its printed matter, as pages to print.
          for (const printed of ['programme', 'diplomas', 'nominees']) {
            await visit(page, role, lang, `${show}/${printed}`, `ceremony ${printed}`);
          }
          // The jury's assignment: a preview of two reviewers per application (nothing saved),
          // then a number the form refuses, with its messages at the field.
          await page.goto(`${server.base}/admin`);
          const juryCategory = await page.$eval('main a[href^="/admin/categories/"]', (a) => a.getAttribute('href'));
          await visit(page, role, lang, `${juryCategory}/jury/assignment`);
          await page.check('#mode-fixed');
          await page.fill('#reviewers', '2');
          await Promise.all([page.waitForNavigation(), page.click('#assignment-form button[value="preview"]')]);
          await audit(page, role, lang, 'assignment (preview)');
          await page.fill('#reviewers', '0');
          await Promise.all([page.waitForNavigation(), page.click('#assignment-form button[value="preview"]')]);
          await audit(page, role, lang, 'assignment (errors)');
          // A new round with the default prizes: its categories are still open for criteria
          // and questions (the demo round's are locked by its applications).
          await page.goto(`${server.base}/admin/rounds/new`);
          await page.fill('#year', lang === 'nb' ? '2031' : '2032');
          await page.fill('#title', `Runde ${lang}`);
          await page.check('#visibility-on-submit');
          await page.check('#default_prizes');
          await Promise.all([page.waitForNavigation(), page.click('form[action="/admin/rounds/new"] button[type=submit]')]);
          assert.match(new URL(page.url()).pathname, /^\/admin\/rounds\/[^/]+$/, `round created: ${page.url()}`);
          const round = new URL(page.url()).pathname;
          // A question on its first category, so the question's edit page exists.
          const category = await page.$eval('main a[href^="/admin/categories/"]', (a) => a.getAttribute('href'));
          await page.goto(`${server.base}${category}/questions/new`);
          await Promise.all([page.waitForNavigation(), page.click('main form button[type=submit]')]);
          await audit(page, role, lang, 'question form (errors)');
          await page.fill('#text', 'Hvem kan ta løsningen i bruk?');
          await Promise.all([page.waitForNavigation(), page.click('main form button[type=submit]')]);
          await crawlAdmin(page, lang, round);
          // A form with its errors.
          await page.goto(`${server.base}/admin/rounds/new`);
          await page.fill('#year', '');
          await Promise.all([page.waitForNavigation(), page.click('form[action="/admin/rounds/new"] button[type=submit]')]);
          await audit(page, role, lang, '/admin/rounds/new (errors)');
          // Users: the add form with its errors, a new user's page with the link shown once,
          // then the invitation page (with errors) and an unknown link.
          await page.goto(`${server.base}/admin/users/new`);
          await Promise.all([page.waitForNavigation(), page.click('form[action="/admin/users/new"] button[type=submit]')]);
          await audit(page, role, lang, '/admin/users/new (errors)');
          await page.fill('#name', `Ny bruker ${lang}`);
          await page.fill('#email', `ny.bruker.${lang}@fjordvik.example`);
          await page.check('#role-applicant');
          await Promise.all([page.waitForNavigation(), page.click('form[action="/admin/users/new"] button[type=submit]')]);
          assert.match(new URL(page.url()).pathname, /^\/admin\/users\/[^/]+$/, `user added: ${page.url()}`);
          await audit(page, role, lang, 'new user with invitation link');
          const link = await page.$eval('#new-link code', (c) => c.textContent.trim());
          const invitation = new URL(link).pathname;
          await visit(page, role, lang, invitation, 'invitation form');
          await page.fill('#password', 'kort');
          await Promise.all([page.waitForNavigation(), page.click('main form button[type=submit]')]);
          await audit(page, role, lang, 'invitation form (errors)');
          await visit(page, role, lang, `/invitation/${'ab'.repeat(32)}`, 'unknown invitation link');
          // The e-mails' own links (the demo asked its awarded round «ble det varig?»): the
          // follow-up's form with its errors, and the unsubscribe page.
          const links = await mailLinks(page, server.base);
          assert.ok(links['follow-up'] && links.unsubscribe, `links in the outbox: ${JSON.stringify(links)}`);
          await visit(page, role, lang, links['follow-up'], 'follow-up form');
          await Promise.all([page.waitForNavigation(), page.click('main form button[type=submit]')]);
          await audit(page, role, lang, 'follow-up form (sent)');
          await visit(page, role, lang, links.unsubscribe, 'unsubscribe page');
          // The audit log with a filter it cannot read: the messages at the fields.
          await page.goto(`${server.base}/admin/audit?from=1.%20mars&entity=abc`);
          await audit(page, role, lang, '/admin/audit (errors)');
        }
      }
    } finally {
      await context.close();
    }
  }

  crawled = true;
  const summary = Object.entries(counts).map(([k, n]) => `${k}: ${n}`).join(', ');
  console.log(`# axe: audited pages per role/language: ${summary}`);
  console.log(`# axe: distinct path patterns audited: ${[...audited.keys()].sort().join(' ')}`);
  assert.equal(failures.length, 0, `axe violations on ${failures.length} page(s):\n${failures.join('\n')}`);
});

test('every page route in the route table was reached as a 200 page and audited', () => {
  assert.ok(crawled, 'the crawl above finished');
  const pages = ROUTES.filter((r) => r.kind === 'page');
  assert.ok(pages.length > 10, `read the route table (${pages.length} page routes)`);
  const missing = pages.filter((r) => !audited.has(r.pattern)).map((r) => {
    const seen = otherStatus.get(r.pattern);
    return seen ? `${r.route} (answered only ${[...seen].join(', ')})` : `${r.route} (never reached)`;
  });
  assert.deepEqual(missing, [], 'page routes never audited as a 200 page: reach them in e2e/axe.test.mjs');
});

test('every linked page was audited (crawl completeness)', () => {
  assert.ok(crawled, 'the crawl above finished');
  const missing = [...linked.entries()]
    .filter(([p]) => !notPage(p))
    .filter(([p]) => !audited.has(p))
    .map(([p, from]) => `${p} (linked from ${from})`);
  assert.deepEqual(missing, [], 'pages linked but never audited: add them to e2e/axe.test.mjs');
});
