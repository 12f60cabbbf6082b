// Steps several tests share: start an application, fill it, submit it (with the mouse API;
// the keyboard journeys do the same with the keyboard alone).

/** Starts a draft in the first open category and unit; returns its id (on the edit page). */
export async function startDraft(page, base) {
  await page.goto(`${base}/apply`);
  await page.check('input[name=category]:first-of-type >> nth=0');
  const unit = await page.$eval('#unit option:not([value=""])', (o) => o.value);
  await page.selectOption('#unit', unit);
  await Promise.all([page.waitForNavigation(), page.click('form[action="/apply"] button[type=submit]')]);
  const m = new URL(page.url()).pathname.match(/^\/applications\/([^/]+)\/edit$/);
  if (!m) throw new Error(`starting an application ended at ${page.url()}`);
  return m[1];
}

/** Text for a field, within its maxlength. */
export function textFor(name, max) {
  const text = `Prøvetekst for ${name}: en bedre hverdag for innbyggerne i Fjordvik.`;
  return max && max < text.length ? text.slice(0, max) : text;
}

/** Fills every empty required field and the first idea-origin choice. */
export async function fillRequired(page) {
  const fields = await page.$$eval(
    '#application-form input.ds-input[type=text], #application-form textarea.ds-input',
    (els) => els.map((e) => ({ id: e.id, max: e.maxLength, empty: !e.value.trim() })),
  );
  for (const f of fields) {
    if (f.empty) await page.fill(`[id="${f.id}"]`, textFor(f.id, f.max > 0 ? f.max : undefined));
  }
  if (await page.$('#idea_origin_original')) await page.check('#idea_origin_original');
  if (await page.$('#mistake_decision_changed_course')) await page.check('#mistake_decision_changed_course');
}

/** Presses the button with the given intent and waits for the next page. */
export async function pressIntent(page, intent) {
  await Promise.all([
    page.waitForNavigation(),
    page.click(`button[form=application-form][name=intent][value=${intent}]`),
  ]);
}
