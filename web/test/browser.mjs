// Opens the built page in Chromium and holds it to the CLI: every policy test case, the catalog, two questionnaires answered through the page, no network, the budgets.
//
// Run after `cargo build` and scripts/build-web.sh (see .ci/run). Writes screenshots to target/web/;
// with UPDATE_SCREENSHOTS=1 also the Chinese ones to docs/ for the README.
import { chromium } from 'playwright-core';
import { parse } from 'smol-toml';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const out = path.join(root, 'target/web');
const pageFile = path.join(out, 'caiju.html');
const countyFile = path.join(out, 'caiju-county.html');
const cli = path.join(root, 'target/debug/caiju');
const AS_OF = '2026-08-01';
const BUDGET = { bytes: 1_500_000, firstQuestionMs: 300, answerMs: 50 };

let passed = 0;
let failed = 0;
function expect(name, ok, detail) {
  if (ok) {
    passed++;
  } else {
    failed++;
    console.log(`FAIL ${name}${detail ? `\n  ${detail}` : ''}`);
  }
}

/** Where two JSON values first differ, for the failure message. */
function difference(a, b, at = '') {
  if (isDeepStrictEqual(a, b)) return null;
  if (a && b && typeof a === 'object' && typeof b === 'object') {
    for (const key of new Set([...Object.keys(a), ...Object.keys(b)])) {
      const d = difference(a[key], b[key], `${at}.${key}`);
      if (d) return d;
    }
  }
  return `${at || '(top)'}: page ${JSON.stringify(a)} vs CLI ${JSON.stringify(b)}`;
}

/** A TOML table as the JSON a profile file holds: dates as YYYY-MM-DD. */
function plain(value) {
  if (value instanceof Date) return value.toISOString();
  if (Array.isArray(value)) return value.map(plain);
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, plain(v)]));
  }
  return value;
}

const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'caiju-web-'));
function caiju(args, cwd = root) {
  return JSON.parse(execFileSync(cli, args, { cwd, encoding: 'utf8', env: { ...process.env, CAIJU_LANG: '', LANG: '' } }));
}
function checkCli(profile, asOf, lang, extra = [], cwd = root) {
  const file = path.join(scratch, 'profile.json');
  fs.writeFileSync(file, JSON.stringify(profile));
  return caiju([...extra, 'check', '--format', 'json', '--as-of', asOf, '--lang', lang, file], cwd);
}

const browser = await chromium.launchPersistentContext(fs.mkdtempSync(path.join(os.tmpdir(), 'caiju-chromium-')), {
  executablePath: '/usr/bin/chromium',
  headless: true,
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
    '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  viewport: { width: 1280, height: 900 },
  acceptDownloads: true,
});

/** Opens a page and watches it: every request, every error, every CSP violation. */
async function open(file, viewport) {
  const page = await browser.newPage();
  if (viewport) await page.setViewportSize(viewport);
  const url = pathToFileURL(file).href;
  const trouble = [];
  page.on('request', (r) => {
    const u = r.url();
    if (u !== url && !u.startsWith('data:') && !u.startsWith('blob:')) trouble.push(`request to ${u}`);
  });
  page.on('websocket', (w) => trouble.push(`websocket to ${w.url()}`));
  page.on('pageerror', (e) => trouble.push(`page error: ${e.message}`));
  page.on('console', (m) => { if (m.type() === 'error') trouble.push(`console error: ${m.text()}`); });
  await page.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (e) => console.error(`CSP violation: ${e.violatedDirective} ${e.blockedURI}`));
  });
  await page.goto(url);
  await page.waitForFunction(() => document.documentElement.dataset.ready === 'true', null, { timeout: 20_000 });
  return { page, trouble };
}

function closed(name, { trouble }) {
  expect(`${name}: no request leaves the page, no error`, trouble.length === 0, trouble.join('\n  '));
}

// ---- size and first question ----
const bytes = fs.statSync(pageFile).size;
expect(`page under ${BUDGET.bytes} bytes`, bytes < BUDGET.bytes, `${bytes} bytes`);
const firsts = [];
for (let i = 0; i < 5; i++) {
  const opened = await open(pageFile);
  firsts.push(await opened.page.evaluate(() => window.caiju.timings.question));
  closed(`load ${i + 1}`, opened);
  await opened.page.close();
}
firsts.sort((a, b) => a - b);
const firstMedian = firsts[2];
expect(`first question within ${BUDGET.firstQuestionMs} ms (median of 5 loads)`, firstMedian <= BUDGET.firstQuestionMs, `${firsts.map(Math.round).join(', ')} ms`);

// ---- every policy test case, and the catalog ----
const main = await open(pageFile);
const { page } = main;
const firstStep = await page.$('[data-step="subject"] input[data-field="subject"]');
expect('the first question has its data-field input', firstStep !== null);
const caseFiles = fs.readdirSync(path.join(root, 'tests/policy')).filter((f) => f.endsWith('.toml')).sort();
const cases = [];
for (const file of caseFiles) {
  for (const c of parse(fs.readFileSync(path.join(root, 'tests/policy', file), 'utf8')).cases) {
    cases.push({ name: `${file}: ${c.name}`, profile: plain(c.profile || {}), asOf: plain(c.as_of) });
  }
}
let caseMismatches = 0;
for (const c of cases) {
  for (const lang of ['zh', 'en']) {
    const fromCli = checkCli(c.profile, c.asOf, lang);
    const fromPage = await page.evaluate(([p, a, l]) => window.caiju.check(p, a, l), [c.profile, c.asOf, lang]);
    const d = difference(fromPage, fromCli);
    if (d) caseMismatches++;
    expect(`${c.name} (${lang}) as caiju check`, !d, d);
  }
}
console.log(`policy cases: ${cases.length}, each in zh and en; ${caseMismatches} differ from the CLI`);
for (const lang of ['zh', 'en']) {
  const fromPage = await page.evaluate(([a, l]) => window.caiju.measures(a, l), [AS_OF, lang]);
  const d = difference(fromPage, caiju(['measures', '--format', 'json', '--as-of', AS_OF, '--lang', lang]));
  expect(`measures (${lang}) as caiju measures`, !d, d);
}
const refused = await page.evaluate(() => {
  try {
    window.caiju.check({ education: 'astronaut' }, '2026-08-01');
    return null;
  } catch (e) {
    return e.message;
  }
});
expect('a bad profile is refused, naming the value', refused && refused.includes('astronaut'), refused);
closed('policy cases', main);
await page.close();

// ---- a page with a county overlay baked in ----
if (fs.existsSync(countyFile)) {
  const county = await open(countyFile);
  const examples = path.join(root, 'examples');
  const overlay = ['--overlay', 'county-overlay.toml'];
  for (const c of cases.filter((_, i) => i % 4 === 0)) {
    const fromPage = await county.page.evaluate(([p, a]) => window.caiju.check(p, a), [c.profile, c.asOf]);
    const d = difference(fromPage, checkCli(c.profile, c.asOf, 'zh', overlay, examples));
    expect(`${c.name} with the county overlay`, !d, d);
  }
  const fromPage = await county.page.evaluate((a) => window.caiju.measures(a, 'en'), AS_OF);
  const d = difference(fromPage, caiju([...overlay, 'measures', '--format', 'json', '--as-of', AS_OF, '--lang', 'en'], examples));
  expect('measures with the county overlay', !d, d);
  closed('county page', county);
  await county.page.close();
}

// ---- two questionnaires answered through the page's own inputs ----

/** Whether a person with this profile ticks a checklist item. */
function ticks(value) {
  return value !== undefined && value !== false && value !== 0 && value !== 'none';
}

async function answerAll(page, profile) {
  const asked = [];
  for (let turn = 0; turn < 40; turn++) {
    const { result } = await page.evaluate(() => window.caiju.current());
    if (result.done) return asked;
    const step = result.steps[result.steps.length - 1];
    const count = await page.evaluate(() => window.caiju.timings.updates.length);
    asked.push(step.field);
    const field = step.field;
    if (step.kind === 'checklist') {
      for (const option of step.options) {
        if (ticks(profile[option.value])) await page.check(`#q-checklist input[value="${option.value}"]`);
      }
      await page.click('#q-checklist button.confirm');
    } else if (step.kind === 'choice') {
      let value = field === 'subject' ? (profile.subject || 'person') : profile[field];
      if (value === true) value = 'yes';
      if (value === false) value = 'no';
      await page.check(`input[data-field="${field}"][value="${value === undefined ? '' : value}"]`);
    } else {
      const value = field === 'birth_date' && profile.birth_date === undefined ? profile.id_number : profile[field];
      if (value === undefined) {
        await page.click(`#q-${field} button.unknown`);
      } else {
        await page.fill(`input[data-field="${field}"]`, String(value));
        await page.press(`input[data-field="${field}"]`, 'Enter');
      }
    }
    await page.waitForFunction((n) => window.caiju.timings.updates.length > n, count);
  }
  throw new Error(`no end after 40 questions: ${asked.join(', ')}`);
}

const answerTimes = [];
const journeys = [
  ['master\'s graduate', 'examples/graduate.toml'],
  ['junior-college graduate', 'examples/junior-college.toml'],
];
for (const [name, file] of journeys) {
  const profile = plain(parse(fs.readFileSync(path.join(root, file), 'utf8')));
  const session = await open(pageFile, name.startsWith('junior') ? { width: 375, height: 812 } : null);
  const p = session.page;
  const opened = await p.evaluate(() => window.caiju.timings.updates.length);
  await p.fill('#as-of', AS_OF);
  await p.waitForFunction((n) => window.caiju.timings.updates.length > n, opened);
  const before = await p.evaluate(() => window.caiju.timings.updates.length);
  const asked = await answerAll(p, profile);
  const times = (await p.evaluate(() => window.caiju.timings.updates)).slice(before);
  answerTimes.push(...times);
  console.log(`${name}: ${asked.length} questions (${asked.join(', ')}); answer to result ${times.map(Math.round).join(', ')} ms`);
  const report = (await p.evaluate(() => window.caiju.current())).result.report;
  // The page's result is caiju check's on the profile the page saves …
  const [download] = await Promise.all([p.waitForEvent('download'), p.click('#save')]);
  const saved = path.join(scratch, `${path.basename(file, '.toml')}-saved.toml`);
  await download.saveAs(saved);
  const d = difference(report, caiju(['check', '--format', 'json', '--as-of', AS_OF, saved]));
  expect(`${name}: the page's result is caiju check's on the saved answers`, !d, d);
  // … and gives what caiju check gives for the whole profile.
  const whole = caiju(['check', '--format', 'json', '--as-of', AS_OF, path.join(root, file)]);
  expect(`${name}: the same totals as caiju check on ${file}`, isDeepStrictEqual(report.totals, whole.totals), `${JSON.stringify(report.totals)} vs ${JSON.stringify(whole.totals)}`);
  for (const m of whole.measures.filter((m) => ['eligible', 'pending', 'may_apply'].includes(m.status))) {
    const got = report.measures.find((x) => x.id === m.id);
    expect(`${name}: ${m.id} ${m.status} ${m.amount}`, got && got.status === m.status && got.amount === m.amount, JSON.stringify(got));
  }
  const shown = await p.$$eval('#groups .group-now [data-measure]', (cards) => cards.map((c) => c.dataset.measure));
  const money = report.measures.filter((m) => m.status === 'eligible' && m.kind !== 'in-kind').map((m) => m.id);
  expect(`${name}: the money measures are shown under money you get`, isDeepStrictEqual(shown, money), `${shown} vs ${money}`);
  // Printing gives a one-page summary.
  await p.emulateMedia({ media: 'print' });
  const pdf = (await p.pdf({ format: 'A4' })).toString('latin1');
  await p.emulateMedia({ media: 'screen' });
  const pages = [...pdf.matchAll(/\/Type \/Page\b/g)].length;
  expect(`${name}: the printed summary is one A4 page`, pages === 1, `${pages} pages`);
  // Loading the saved file in a new page gives the same result.
  const again = await open(pageFile);
  await again.page.fill('#as-of', AS_OF);
  await again.page.setInputFiles('#load', saved);
  await again.page.waitForFunction(() => window.caiju.current().result.done);
  const reloaded = (await again.page.evaluate(() => window.caiju.current())).result.report;
  expect(`${name}: loading the saved answers gives the same result`, isDeepStrictEqual(reloaded, report), difference(reloaded, report));
  closed(`${name}, loaded again`, again);
  await again.page.close();

  if (name.startsWith('master')) {
    for (const lang of ['zh', 'en']) {
      if (lang === 'en') {
        await p.click('#lang');
        await p.waitForFunction(() => window.caiju.current().lang === 'en');
        const english = (await p.evaluate(() => window.caiju.current())).result.report;
        const d = difference(english, caiju(['check', '--format', 'json', '--lang', 'en', '--as-of', AS_OF, saved]));
        expect(`${name}: the English result is caiju check --lang en's`, !d, d);
      }
      for (const width of [1280, 375]) {
        await p.setViewportSize({ width, height: width === 375 ? 812 : 900 });
        // The desktop from the top, the phone at its result.
        await p.evaluate((w) => {
          if (document.activeElement) document.activeElement.blur();
          if (w === 375) document.getElementById('result').scrollIntoView();
          else window.scrollTo(0, 0);
        }, width);
        const shot = path.join(out, `caiju-${lang}-${width}.png`);
        await p.screenshot({ path: shot });
        if (lang === 'zh' && process.env.UPDATE_SCREENSHOTS === '1') {
          fs.copyFileSync(shot, path.join(root, 'docs', `web-${width}.png`));
        }
      }
    }
  }
  closed(name, session);
  await session.page.close();
}

// ---- keyboard and screen reader: every input named, the result announced ----
const a11y = await open(pageFile, { width: 375, height: 812 });
await a11y.page.keyboard.press('Tab');
const skip = await a11y.page.evaluate(() => document.activeElement.className);
expect('the first Tab reaches the skip link', skip === 'skip', skip);
await a11y.page.keyboard.press('Tab');
await a11y.page.keyboard.press('Tab');
const focused = await a11y.page.evaluate(() => document.activeElement.dataset.field || document.activeElement.textContent);
expect('then the language switch, then the first question', focused === 'subject', focused);
await a11y.page.keyboard.press('Space');
await a11y.page.waitForFunction(() => window.caiju.current().result.steps.length > 1);
const next = await a11y.page.evaluate(() => document.activeElement.dataset.field);
expect('answering moves the focus to the next question', next && next !== 'subject', next);
const unnamed = await a11y.page.$$eval('input, button', (nodes) => nodes
  .filter((n) => n.type !== 'file' && !n.hidden)
  .filter((n) => !(n.closest('label') || n.getAttribute('aria-labelledby') || n.textContent.trim() || n.labels.length))
  .map((n) => n.outerHTML));
expect('every control has a name', unnamed.length === 0, unnamed.join('\n  '));
const live = await a11y.page.$eval('#summary', (n) => n.getAttribute('aria-live'));
expect('the result summary is a live region', live === 'polite');
closed('keyboard', a11y);
await browser.close();

answerTimes.sort((a, b) => a - b);
const slowest = answerTimes[answerTimes.length - 1];
expect(`each answer updates within ${BUDGET.answerMs} ms`, slowest <= BUDGET.answerMs, `slowest ${Math.round(slowest)} ms`);
const median = answerTimes[Math.floor(answerTimes.length / 2)];
console.log(`budgets: page ${bytes} bytes (≤ ${BUDGET.bytes}); first question ${Math.round(firstMedian)} ms median of 5 loads (≤ ${BUDGET.firstQuestionMs}); answer to result ${Math.round(median)} ms median, ${Math.round(slowest)} ms slowest of ${answerTimes.length} (≤ ${BUDGET.answerMs})`);
fs.rmSync(scratch, { recursive: true, force: true });
console.log(`browser: ${passed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
