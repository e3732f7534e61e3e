// What every browser test file shares: the demo accounts, a signed-in browser context, JSON calls with the CSRF
// token, page-load timing with a printed table, screenshots into docs/screenshots/.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { after, before } from 'node:test';
import { launchBrowser, timedGoto } from './browser.mjs';
import { repoRoot, startSystem } from './server.mjs';

// The demo accounts (src/demo/province.cpp): one per role, one shared password.
export const ADMIN = process.env.XEPLOAI_DEMO_ADMIN ?? 'quantri';
export const SECRETARY = process.env.XEPLOAI_DEMO_SECRETARY ?? 'bithu';
export const MEMBER = process.env.XEPLOAI_DEMO_MEMBER ?? 'dangvien';
export const PASSWORD = process.env.XEPLOAI_DEMO_PASSWORD ?? 'XepLoai@2026';

export const shots = path.join(repoRoot, 'docs/screenshots');

// A browser context signed in as `username` (Vietnamese locale) with its CSRF token and account on it.
export async function signedInContext(browser, system, options, username, password = PASSWORD) {
  const context = await browser.newContext({ ...options, locale: 'vi-VN', baseURL: system.url });
  const r = await context.request.post('/api/v1/sessions', { data: { username, password } });
  assert.equal(r.status(), 201, `sign-in of ${username}: ${await r.text()}`);
  const session = await r.json();
  context.csrf = session.csrf_token;
  context.account = session.account;
  return context;
}

export async function getJson(context, url) {
  const r = await context.request.get(url);
  assert.equal(r.status(), 200, `${url}: ${await r.text()}`);
  return r.json();
}

// A write through the API as the context's account; returns the response (the caller asserts its status).
export function send(context, method, url, data) {
  return context.request.fetch(url, { method, headers: { 'X-CSRF-Token': context.csrf }, data });
}

// Page-load times of one test file: measure() records, print() writes the table when the file ends.
export function loadTimings(width = 28) {
  const timings = [];
  return {
    timings,
    async measure(page, name, url, ready) {
      const t = await timedGoto(page, url, ready);
      timings.push({ page: name, ...t });
      return t;
    },
    print() {
      if (!timings.length) return;
      console.log('\npage load times (ms since navigation start; content = main content visible):');
      for (const t of timings)
        console.log(
          `  ${t.page.padEnd(width)} domContentLoaded ${String(t.domContentLoaded).padStart(5)}  load ${String(t.load).padStart(5)}  content ${String(t.contentReady).padStart(5)}  main thread ${String(t.mainThread).padStart(5)}  transferred ${Math.round(t.transferBytes / 1024)} KiB`,
        );
    },
  };
}

// One fresh demo province served by the real binary and one browser for a whole test file: started before its first
// test, stopped after its last, the file's page-load table printed. Called at the top of a test file (node:test's
// root hooks, which run before the file's own describe() hooks); tests use suite.system, suite.browser and
// suite.measure.
export function demoSuite({ members = 2000, width = 28 } = {}) {
  const timings = loadTimings(width);
  const suite = { system: null, browser: null, measure: timings.measure };
  before(async () => {
    suite.system = await startSystem({ members });
    suite.browser = await launchBrowser();
  });
  after(async () => {
    timings.print();
    await suite.browser?.close();
    await suite.system?.stop();
  });
  return suite;
}

export async function shot(page, name) {
  fs.mkdirSync(shots, { recursive: true });
  await page.screenshot({ path: path.join(shots, `${name}.png`), fullPage: false });
}

// The form item (label, control and the problems shown under it) around an element.
export const itemOf = (page, locator) => page.locator('.ant-form-item', { has: locator }).last();

export function noHorizontalScroll(page) {
  return page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth);
}

// Fills a 366 statement (Mẫu 02B) through the page: every required section, the two score groups, one task.
export async function fillStatement(page, { evidence, general = 27, tasks = 63, proposed = 'Hoàn thành tốt nhiệm vụ' }) {
  for (const key of ['strengths', 'commitments', 'limitations', 'remedy', 'direction'])
    await page.getByTestId(`section-${key}`).fill(`Nội dung phần ${key}: thực hiện nghiêm túc, đúng quy định.`);
  await page.getByTestId('score-general').fill(String(general));
  await page.getByTestId('score-tasks').fill(String(tasks));
  await page.getByTestId('add-task').click();
  await page.getByTestId('task-0-title').fill('Tuyên truyền nghị quyết tại tổ dân phố');
  await page.getByTestId('task-0-evidence').fill(evidence);
  await page.getByTestId('limitations-identified').fill('2');
  await page.getByTestId('limitations-remedied').fill('1');
  await page.locator('.grade-group').getByText(proposed, { exact: true }).click();
}

export async function submitStatement(page) {
  await page.getByTestId('submit-statement').click();
  await page.getByTestId('confirm-submit').click();
}
