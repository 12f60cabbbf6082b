// Shared helpers for the browser tests: start the real binary with the demo, drive Debian's
// Chromium through playwright-core, run axe-core, sign in, and normalise paths to patterns.
import { spawn } from 'node:child_process';
import { createHmac } from 'node:crypto';
import { mkdtempSync, rmSync, existsSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createRequire } from 'node:module';
import { chromium } from 'playwright-core';

const here = path.dirname(fileURLToPath(import.meta.url));
const require = createRequire(import.meta.url);

export const BIN = process.env.PRISVERDIG_BIN
  ? path.resolve(process.env.PRISVERDIG_BIN)
  : path.resolve(here, '../target/debug/prisverdig');
export const CHROMIUM = process.env.PRISVERDIG_CHROMIUM || '/usr/bin/chromium';
export const AXE_SOURCE = require.resolve('axe-core/axe.min.js');
export const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];
export const SCREENSHOT_DIR = path.resolve(here, '../docs/screenshots');

/** The demo accounts (they share the printed password; administrator and jurors also the
 * printed TOTP secret, asked for after the password). */
export const ACCOUNTS = {
  administrator: 'admin@fjordvik.example',
  juror: 'jury1@fjordvik.example',
  editor: 'redaktor@fjordvik.example',
  applicant: 'ingrid.solheim@fjordvik.example',
  teammate: 'marius.dahl@fjordvik.example',
};

function freePort() {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
  });
}

/**
 * Starts `prisverdig serve --demo` on a free loopback port with a fresh data directory,
 * reads the printed credentials and waits for /healthz. Returns { base, password, adminEmail, stop }.
 */
export async function startServer() {
  if (!existsSync(BIN)) {
    throw new Error(`${BIN} is missing: run \`cargo build -p prisverdig\` or set PRISVERDIG_BIN`);
  }
  const dataDir = mkdtempSync(path.join(tmpdir(), 'prisverdig-e2e-'));
  const port = await freePort();
  const bind = `127.0.0.1:${port}`;
  const child = spawn(BIN, ['serve', '--demo', '--bind', bind, '--data-dir', dataDir], {
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, PRISVERDIG_LOG: process.env.PRISVERDIG_LOG || 'warn', PRISVERDIG_PUBLIC_URL: `http://${bind}` },
  });
  let out = '';
  let err = '';
  child.stdout.setEncoding('utf8').on('data', (d) => { out += d; });
  child.stderr.setEncoding('utf8').on('data', (d) => { err += d; });
  const exited = new Promise((resolve) => child.on('exit', (code) => resolve(code)));
  const base = `http://${bind}`;
  const deadline = Date.now() + 60_000;
  let healthy = false;
  while (Date.now() < deadline && child.exitCode === null) {
    if (/password:\s+\S+/.test(out) && /serving at/.test(out)) {
      try {
        const res = await fetch(`${base}/healthz`);
        if (res.ok) { healthy = true; break; }
      } catch { /* not yet listening */ }
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  if (!healthy) {
    child.kill('SIGKILL');
    throw new Error(`server did not become healthy.\nstdout:\n${out}\nstderr:\n${err}`);
  }
  const password = out.match(/password:\s+(\S+)/)[1];
  const adminEmail = out.match(/e-mail:\s+(\S+)/)[1];
  const totpSecret = out.match(/TOTP secret:\s+(\S+)/)[1];
  TOTP_SECRETS.set(base, totpSecret);
  return {
    base,
    password,
    adminEmail,
    totpSecret,
    output: () => out + err,
    async stop() {
      if (child.exitCode === null) {
        child.kill('SIGTERM');
        const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
        await exited;
        clearTimeout(timer);
      }
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** A fresh Chromium profile (own cookies) with the flags known to work on these machines. */
export async function launchContext({ width = 1280, height = 900, lang, enforceCsp = false } = {}) {
  const profile = mkdtempSync(path.join(tmpdir(), 'prisverdig-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    chromiumSandbox: false,
    // Our CSP forbids inline script (good); axe-core is injected by the test, so let it in.
    // The payload test enforces the CSP, to hear of every violation.
    bypassCSP: !enforceCsp,
    viewport: { width, height },
    locale: lang === 'en' ? 'en-GB' : 'nb-NO',
    args: [
      '--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync',
    ],
  });
  const close = context.close.bind(context);
  context.close = async () => {
    await close();
    rmSync(profile, { recursive: true, force: true });
  };
  return context;
}

/** Sets the language cookie the switcher sets. */
export async function setLanguage(context, base, lang) {
  await context.addCookies([{ name: 'prisverdig_lang', value: lang, url: base }]);
}

/** The printed TOTP secret of each running demo server, by base URL. */
const TOTP_SECRETS = new Map();
/** The last TOTP step a code was made for, by base URL and e-mail: the server takes each once. */
const USED_STEPS = new Map();

/** RFC 4648 base32 to bytes. */
function base32(text) {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
  let bits = '';
  for (const c of text.replace(/=+$/, '').toUpperCase()) {
    const v = alphabet.indexOf(c);
    if (v < 0) throw new Error(`not base32: ${c}`);
    bits += v.toString(2).padStart(5, '0');
  }
  const bytes = [];
  for (let i = 0; i + 8 <= bits.length; i += 8) bytes.push(parseInt(bits.slice(i, i + 8), 2));
  return Buffer.from(bytes);
}

/** The six-digit RFC 6238 code (HMAC-SHA1, 30-second steps) of `secret` for time step `step`. */
export function totpCode(secret, step) {
  const counter = Buffer.alloc(8);
  counter.writeBigUInt64BE(BigInt(step));
  const mac = createHmac('sha1', base32(secret)).update(counter).digest();
  const offset = mac[mac.length - 1] & 0x0f;
  const value = (mac.readUInt32BE(offset) & 0x7fffffff) % 1_000_000;
  return String(value).padStart(6, '0');
}

/**
 * A code for `email` on the server at `base` for a step not used yet: the earliest the server
 * accepts (one step of skew), waiting for the clock when all of them are used.
 */
export async function nextTotpCode(base, email) {
  const secret = TOTP_SECRETS.get(base);
  if (!secret) throw new Error(`no TOTP secret printed by ${base}`);
  const key = `${base} ${email}`;
  for (;;) {
    const now = Math.floor(Date.now() / 30_000);
    const step = Math.max(now - 1, (USED_STEPS.get(key) ?? -Infinity) + 1);
    if (step <= now + 1) {
      USED_STEPS.set(key, step);
      return totpCode(secret, step);
    }
    await new Promise((r) => setTimeout(r, 1000));
  }
}

/** After the password: types the code when the product asks for one. */
export async function completeSecondFactor(page, base, email) {
  if (new URL(page.url()).pathname !== '/sign-in/code') return;
  await page.fill('#code', await nextTotpCode(base, email));
  await Promise.all([page.waitForNavigation(), page.click('form[action="/sign-in/code"] button[type=submit]')]);
}

/** Signs in through the form (not keyboard-only; journeys do that themselves). */
export async function signIn(page, base, email, password) {
  await page.goto(`${base}/sign-in`);
  await page.fill('#email', email);
  await page.fill('#password', password);
  await Promise.all([page.waitForNavigation(), page.click('form[action="/sign-in"] button[type=submit]')]);
  await completeSecondFactor(page, base, email);
  if (['/sign-in', '/sign-in/code'].includes(new URL(page.url()).pathname)) {
    throw new Error(`sign-in failed for ${email}`);
  }
}

/** Runs axe-core with the WCAG 2.1 A/AA tags; returns the violations. */
export async function axe(page) {
  const loaded = await page.evaluate(() => typeof window.axe !== 'undefined');
  if (!loaded) await page.addScriptTag({ path: AXE_SOURCE });
  return page.evaluate(async (tags) => {
    const result = await window.axe.run(document, { runOnly: { type: 'tag', values: tags }, resultTypes: ['violations'] });
    return result.violations.map((v) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      nodes: v.nodes.slice(0, 5).map((n) => ({ target: n.target.join(' '), summary: n.failureSummary })),
    }));
  }, AXE_TAGS);
}

export function describeViolations(list) {
  return list
    .map((v) => `  [${v.impact}] ${v.id}: ${v.help}\n${v.nodes.map((n) => `      ${n.target}\n        ${(n.summary || '').replace(/\n/g, '\n        ')}`).join('\n')}`)
    .join('\n');
}

const ID_SEGMENT = /^([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}|\d+|[0-9A-HJKMNP-TV-Z]{26}|[0-9a-f]{16,})$/i;

/** `/applications/0193…/edit` → `/applications/{id}/edit`; queries and fragments dropped. */
export function pattern(pathname) {
  return pathname
    .split('/')
    .map((s) => (ID_SEGMENT.test(s) ? '{id}' : s))
    .join('/')
    .replace(/\/+$/, '') || '/';
}

/** Same-origin links on the page (path only, without query or fragment). */
export async function sameOriginLinks(page, base) {
  const hrefs = await page.$$eval('a[href]', (as) => as.map((a) => a.href));
  const origin = new URL(base).origin;
  return hrefs
    .map((h) => { try { return new URL(h); } catch { return null; } })
    .filter((u) => u && u.origin === origin)
    .map((u) => u.pathname);
}

/** The element that has focus, described for messages and order checks. */
export async function focused(page) {
  return page.evaluate(() => {
    const el = document.activeElement;
    if (!el || el === document.body) return { tag: 'body' };
    const style = getComputedStyle(el);
    const outline = style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) > 0;
    const shadow = style.boxShadow && style.boxShadow !== 'none';
    return {
      tag: el.tagName.toLowerCase(),
      id: el.id,
      name: el.getAttribute('name'),
      type: el.getAttribute('type'),
      value: el.getAttribute('value'),
      href: el.getAttribute('href'),
      text: (el.innerText || el.value || '').trim().slice(0, 60),
      visible: Boolean(outline || shadow),
      outline: `${style.outlineStyle} ${style.outlineWidth} / ${style.boxShadow}`,
    };
  });
}

export function describe(f) {
  return `<${f.tag}${f.id ? `#${f.id}` : ''}${f.name ? ` name=${f.name}` : ''}${f.href ? ` href=${f.href}` : ''}> ${f.text || ''}`;
}

/**
 * Presses Tab (or Shift+Tab) until `match(focused)` holds; at every stop the focus must be
 * visible. Returns the stops passed, in order.
 */
export async function tabUntil(page, match, { back = false, max = 200, what = 'the target' } = {}) {
  const stops = [];
  for (let i = 0; i < max; i++) {
    await page.keyboard.press(back ? 'Shift+Tab' : 'Tab');
    const f = await focused(page);
    stops.push(f);
    // Focus on <body> means it left the page's controls: the failure a keyboard user feels.
    if (f.tag === 'body') {
      throw new Error(`Tab ${stops.length} lost the focus to the page body on ${page.url()}; passed:\n${stops.map(describe).join('\n')}`);
    }
    if (!f.visible) {
      throw new Error(`focus is not visible on ${describe(f)} (${f.outline}) at ${page.url()}`);
    }
    if (match(f)) return stops;
  }
  throw new Error(`${max} Tab presses did not reach ${what} on ${page.url()}; passed:\n${stops.map(describe).join('\n')}`);
}

/** Presses a key and waits for the navigation it causes. */
export async function pressAndWait(page, key = 'Enter') {
  await Promise.all([page.waitForNavigation(), page.keyboard.press(key)]);
}

/** The text of an e-mail file's parts, decoded (quoted-printable or base64). */
export function decodeEml(eml) {
  const parts = eml.split(/\r?\n--[^\r\n]+\r?\n/);
  return parts.map((part) => {
    const split = part.search(/\r?\n\r?\n/);
    if (split < 0) return part;
    const head = part.slice(0, split);
    const body = part.slice(split).trim();
    if (/content-transfer-encoding:\s*base64/i.test(head)) {
      return Buffer.from(body.replace(/\s+/g, ''), 'base64').toString('utf8');
    }
    if (/content-transfer-encoding:\s*quoted-printable/i.test(head)) {
      const joined = body.replace(/=\r?\n/g, '');
      const bytes = [];
      for (let i = 0; i < joined.length; i += 1) {
        if (joined[i] === '=' && /^[0-9A-F]{2}$/i.test(joined.slice(i + 1, i + 3))) {
          bytes.push(parseInt(joined.slice(i + 1, i + 3), 16));
          i += 2;
        } else {
          bytes.push(...Buffer.from(joined[i], 'utf8'));
        }
      }
      return Buffer.from(bytes).toString('utf8');
    }
    return body;
  }).join('\n');
}

/**
 * The paths of the first links to `/follow-up/…` and `/unsubscribe/…` in the outbox's messages,
 * read as an administrator through `/admin/outbox` and each message's `.eml`.
 */
export async function mailLinks(page, base) {
  const found = {};
  for (const state of ['pending', 'sent']) {
    const html = await (await page.request.get(`${base}/admin/outbox?state=${state}`)).text();
    const emls = [...html.matchAll(/href="(\/admin\/outbox\/[^"]+\/message\.eml)"/g)].map((m) => m[1]);
    for (const eml of emls) {
      const text = decodeEml(await (await page.request.get(`${base}${eml}`)).text());
      for (const kind of ['follow-up', 'unsubscribe']) {
        const m = text.match(new RegExp(`https?://[^\\s"<>]+(/${kind}/[0-9a-f]+)`));
        if (m && !found[kind]) found[kind] = m[1];
      }
      if (found['follow-up'] && found.unsubscribe) return found;
    }
  }
  return found;
}
