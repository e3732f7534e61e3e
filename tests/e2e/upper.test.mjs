// Browser tests of the upper levels and the administration: the province's organization board opens the
// statistics (the demo has closed 2024 and 2025 cycles with results), checks that the chart and its table show the
// API's numbers, changes the year and the kind of subject, follows an outlier, downloads the XLSX; the
// administrator creates an account for a member (a short password refused at its field first, nothing stored),
// grants a role on a unit, resets the password, and the new account signs in to the home page of that role.
// Page load times are printed; screenshots statistics-* and accounts-* (desktop and phone) go to docs/screenshots/.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { DESKTOP, PHONE } from './browser.mjs';
import { ADMIN, PASSWORD, demoSuite, getJson, itemOf, noHorizontalScroll, send, shot, signedInContext } from './support.mjs';

const BOARD = process.env.XEPLOAI_DEMO_BOARD ?? 'bantochuc';
const GRADES = ['HTXSNV', 'HTTNV', 'HTNV', 'KHTNV', 'not_graded', 'pending'];
// Numbers on screen are formatted vi-VN ("1.602"); a cell reads "1.602 (83,5 %)".
const firstNumber = (s) => Number((/^[\d.]+/.exec(s.trim())?.[0] ?? 'NaN').replace(/\./g, ''));

// The years the page compares (this year and the five before), as it asks the API.
const thisYear = new Date().getFullYear();
const YEARS = Array.from({ length: 6 }, (_, i) => thisYear - 5 + i).join(',');

const suite = demoSuite({ width: 30 });
const { measure } = suite;

// Every row of a GradeBars table and every bar shows the API's counts for that row.
async function assertChartMatches(page, testId, rows) {
  const table = page.getByTestId(`${testId}-table`);
  const bars = page.getByTestId(`${testId}-bars`);
  assert.equal(await table.locator('tbody tr').count(), Object.keys(rows).length, `${testId}: one row each`);
  for (const [key, stats] of Object.entries(rows)) {
    const row = table.locator(`tbody tr[data-row="${key}"]`);
    for (const g of GRADES)
      assert.equal(firstNumber(await row.locator(`td[data-grade=${g}]`).innerText()), stats.counts[g], `${testId} ${key} ${g}`);
    assert.equal(firstNumber(await row.locator('td[data-grade=total]').innerText()), stats.total, `${testId} ${key} total`);
    // The bar: one segment per grade present, each the grade's count, widths summing to the whole bar.
    const segments = await bars
      .locator(`.grade-bar-row[data-row="${key}"] .grade-seg`)
      .evaluateAll((els) => els.map((e) => ({ grade: e.dataset.grade, count: Number(e.dataset.count), width: e.getBoundingClientRect().width, bar: e.parentElement.getBoundingClientRect().width })));
    assert.deepEqual(
      segments.map((s) => [s.grade, s.count]),
      GRADES.filter((g) => stats.counts[g] > 0).map((g) => [g, stats.counts[g]]),
      `${testId} ${key}: bar segments`,
    );
    if (segments.length) {
      const sum = segments.reduce((a, s) => a + s.width, 0);
      assert.ok(Math.abs(sum - segments[0].bar) < 2, `${testId} ${key}: segments fill the bar (${sum} of ${segments[0].bar})`);
      for (const s of segments)
        assert.ok(Math.abs(s.width / s.bar - stats.counts[s.grade] / stats.total) < 0.01, `${testId} ${key} ${s.grade}: width is its share`);
    }
  }
}

// Chooses the option whose whole text is `text` in an Ant Design select.
async function pick(page, testId, text) {
  await page.getByTestId(testId).click();
  await page.locator(`.ant-select-dropdown:visible .ant-select-item-option[title="${text}"]`).click();
}

describe('upper levels and administration', () => {
  test('the province board reads the statistics: chart and table match the API, years, kinds, an outlier', async () => {
    const context = await signedInContext(suite.browser, suite.system, DESKTOP, BOARD);
    const root = context.account.roles.find((g) => g.role === 'organization_board').unit_id;
    const api = await getJson(context, `/api/v1/units/${root}/statistics?years=${YEARS}`);
    assert.equal(api.year, 2025, 'the demo closes 2024 and 2025: the latest is shown');
    const page = await context.newPage();

    // From the menu's address (/statistics opens the board's unit).
    await measure(page, 'statistics: the province (cold)', '/statistics', '[data-testid=stats-kinds-table]');
    assert.match(page.url(), new RegExp(`/statistics/${root}`));
    assert.match(await page.getByTestId('stats-title').innerText(), new RegExp(api.unit.name));
    const kinds = Object.fromEntries(
      api.category_legend.filter((c) => api.unit.categories[c.key]?.total > 0).map((c) => [c.key, api.unit.categories[c.key]]),
    );
    assert.ok(kinds.members.total > 1000, `members graded in 2025: ${kinds.members.total}`);
    await assertChartMatches(page, 'stats-kinds', kinds);
    // Over the years (members by default): 2024 and 2025, each as the API counts them.
    const years = Object.fromEntries(api.years.filter((y) => y.cycles.length).map((y) => [String(y.year), y.categories.members]));
    assert.deepEqual(Object.keys(years), ['2024', '2025']);
    await assertChartMatches(page, 'stats-years', years);
    const children = Object.fromEntries(
      api.children.filter((c) => c.categories.members?.total > 0).map((c) => [String(c.unit_id), c.categories.members]),
    );
    await assertChartMatches(page, 'stats-children', children);
    // The progress of the year's cycle is one link away.
    assert.equal(await page.getByTestId('stats-progress').first().getAttribute('href'), `/cycles/${api.cycles[0].id}?unit=${root}`);
    await shot(page, 'statistics-desktop');

    // The kind of subject: the comparison follows (leadership collectives).
    const collectives = api.category_legend.find((c) => c.key === 'leadership_collectives').vi;
    await pick(page, 'stats-kind', collectives);
    await page.getByTestId('stats-years-table').locator('caption', { hasText: collectives }).waitFor();
    await assertChartMatches(
      page,
      'stats-years',
      Object.fromEntries(api.years.filter((y) => y.cycles.length).map((y) => [String(y.year), y.categories.leadership_collectives])),
    );

    // Another year: the page shows the API's 2024.
    const api2024 = await getJson(context, `/api/v1/units/${root}/statistics?year=2024&years=${YEARS}`);
    await pick(page, 'stats-year', '2024');
    await page.getByTestId('stats-kinds-table').locator('caption', { hasText: 'năm 2024' }).waitFor();
    await assertChartMatches(
      page,
      'stats-kinds',
      Object.fromEntries(api2024.category_legend.filter((c) => api2024.unit.categories[c.key]?.total > 0).map((c) => [c.key, api2024.unit.categories[c.key]])),
    );

    // The XLSX of the year shown downloads (the session cookie goes with the link).
    const xlsx = await context.request.get(await page.getByTestId('stats-xlsx').getAttribute('href'));
    assert.equal(xlsx.status(), 200);
    assert.match(xlsx.headers()['content-type'], /spreadsheetml/);

    // An outlier of 2025: a unit where everyone is graded good or above; its own statistics say so.
    await page.goto(`/statistics/${root}?year=2025`);
    const allGood = api.outliers.all_good_units.items[0];
    assert.ok(allGood, 'the demo has units where everyone is graded good or above');
    await page.getByTestId('outlier-all-good').first().waitFor();
    assert.equal(await page.getByTestId('outlier-all-good').count(), api.outliers.all_good_units.items.length);
    assert.equal(await page.getByTestId('outlier-leader').count(), api.outliers.leaders_above_organization.items.length);
    await page.getByTestId('stats-outliers').scrollIntoViewIfNeeded();
    await shot(page, 'statistics-outliers-desktop');
    await page.getByTestId('outlier-all-good').first().getByRole('link', { name: allGood.name }).click();
    await page.waitForURL(new RegExp(`/statistics/${allGood.unit_id}\\?year=2025`));
    await page.getByTestId('stats-title').filter({ hasText: allGood.name }).waitFor();
    await page.getByTestId('stats-kinds-table').waitFor();
    const row = page.getByTestId('stats-kinds-table').locator('tbody tr[data-row=members]');
    assert.equal(firstNumber(await row.locator('td[data-grade=HTNV]').innerText()), 0);
    assert.equal(firstNumber(await row.locator('td[data-grade=KHTNV]').innerText()), 0);
    assert.equal(firstNumber(await row.locator('td[data-grade=HTXSNV]').innerText()), allGood.HTXSNV);
    assert.equal(
      firstNumber(await row.locator('td[data-grade=HTXSNV]').innerText()) +
        firstNumber(await row.locator('td[data-grade=HTTNV]').innerText()),
      allGood.decided,
      'every member decided is graded good or above',
    );
    // A leader graded above the organization they head opens as a person.
    const leader = api.outliers.leaders_above_organization.items[0];
    if (leader) {
      await page.goto(`/statistics/${root}?year=2025`);
      await page.getByTestId('outlier-leader').first().getByRole('link', { name: leader.full_name }).click();
      await page.waitForURL(new RegExp(`/people/${leader.person_id}$`));
    }

    // A unit's page leads to that unit's statistics (the latest year, as the API counts it).
    const child = api.children.find((c) => c.categories.members?.total > 0);
    const childApi = await getJson(context, `/api/v1/units/${child.unit_id}/statistics`);
    await page.goto(`/units/${child.unit_id}`);
    await page.getByTestId('unit-statistics').click();
    await page.waitForURL(new RegExp(`/statistics/${child.unit_id}$`));
    await page.getByTestId('stats-title').filter({ hasText: child.name }).waitFor();
    const members = page.getByTestId('stats-kinds-table').locator('tbody tr[data-row=members]');
    assert.equal(firstNumber(await members.locator('td[data-grade=total]').innerText()), childApi.unit.categories.members.total);
    await context.close();
  });

  test('statistics on a phone: no horizontal scroll, the table scrolls inside itself', async () => {
    const context = await signedInContext(suite.browser, suite.system, PHONE, BOARD);
    const page = await context.newPage();
    await measure(page, 'statistics on a phone (cold)', '/statistics', '[data-testid=stats-kinds-table]');
    assert.ok(await noHorizontalScroll(page), 'the page itself does not scroll sideways at 390 px');
    await shot(page, 'statistics-phone');
    // The home page of the board links the statistics.
    await page.goto('/');
    await page.getByTestId('home-statistics').first().waitFor();
    await context.close();
  });

  test('the administrator creates an account, grants a role, resets the password; the account sees its home', async () => {
    const context = await signedInContext(suite.browser, suite.system, DESKTOP, ADMIN);
    const page = await context.newPage();
    // A grassroots committee and a member of it with no account yet.
    const unit = (await getJson(context, '/api/v1/units?kind=grassroots_committee&page_size=1')).items[0];
    const people = (await getJson(context, `/api/v1/people?unit_id=${unit.id}&page_size=50`)).items;
    const person = people.at(-1);
    const username = `capuy${Date.now() % 100000}`;
    const before = (await getJson(context, '/api/v1/accounts?page_size=1')).total;

    await measure(page, 'accounts (cold)', '/accounts', '[data-testid=account-username]');
    await shot(page, 'accounts-desktop');
    await page.getByTestId('account-new').click();
    // The person by name without diacritics; display name and home unit follow.
    const personSelect = page.getByTestId('account-person');
    await personSelect.click();
    await personSelect.locator('input').fill(person.full_name.normalize('NFD').replace(/\p{M}/gu, '').replace(/đ/gi, 'd'));
    await page.locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: person.full_name }).first().click();
    assert.equal(await page.getByTestId('account-display-name').inputValue(), person.full_name);
    await page.getByTestId('account-username-input').fill(username);
    await page.getByTestId('account-password').fill('short');
    await page.getByTestId('account-submit').click();
    // Refused at the password field (the API's problem), nothing stored.
    const problem = itemOf(page, page.getByTestId('account-password')).locator('.ant-form-item-explain-error');
    await problem.waitFor();
    assert.match(await problem.innerText(), /mật khẩu phải dài 8 đến 256 byte/);
    assert.equal((await getJson(context, '/api/v1/accounts?page_size=1')).total, before, 'the refused account was not stored');
    await page.getByTestId('account-form').scrollIntoViewIfNeeded();
    await page.evaluate(() => document.querySelector('[data-testid=account-form]').scrollIntoView());
    await shot(page, 'accounts-error-desktop');
    await page.getByTestId('account-password').fill('Mat-khau-2026');
    await page.getByTestId('account-submit').click();
    await page.getByTestId('account-form').waitFor({ state: 'detached' });
    const list = await getJson(context, '/api/v1/accounts?page_size=200');
    const created = list.items.find((a) => a.username === username);
    assert.ok(created, 'the account is stored');
    assert.equal(created.person_id, person.id);
    assert.deepEqual(created.roles, []);

    // Grant "committee" on the grassroots committee, chosen by searching its code.
    const rowOf = () => page.locator('[data-testid=accounts-table] tbody tr.ant-table-row', { has: page.locator(`[data-account="${created.id}"]`) });
    await rowOf().waitFor();
    await rowOf().getByTestId('account-grant').click();
    await pick(page, 'grant-role', 'Cấp ủy');
    const unitSelect = page.getByTestId('grant-unit');
    await unitSelect.click();
    await unitSelect.locator('input').fill(unit.code);
    await page.locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: unit.name }).first().click();
    await shot(page, 'accounts-grant-desktop');
    await page.getByTestId('grant-submit').click();
    await rowOf().getByTestId('account-role').first().waitFor();
    assert.match(await rowOf().getByTestId('account-role').first().innerText(), new RegExp(`Cấp ủy — ${unit.name}`));
    assert.deepEqual((await getJson(context, `/api/v1/accounts/${created.id}`)).roles, [{ role: 'committee', unit_id: unit.id }]);

    // Reset the password; the new account signs in with it.
    await rowOf().getByTestId('account-reset').click();
    await page.getByTestId('reset-password').fill('Mat-khau-moi-2026');
    await page.getByTestId('reset-submit').click();
    await page.getByTestId('reset-password').waitFor({ state: 'detached' });
    await context.close();

    const mine = await suite.browser.newContext({ ...DESKTOP, baseURL: suite.system.url, locale: 'vi-VN' });
    const p = await mine.newPage();
    await p.goto('/sign-in');
    await p.getByLabel('Tên đăng nhập').fill(username);
    await p.getByLabel('Mật khẩu', { exact: true }).fill('Mat-khau-moi-2026');
    await p.getByRole('button', { name: 'Đăng nhập' }).click();
    await p.getByTestId('role-grant').first().waitFor();
    assert.match(await p.getByTestId('role-grant').first().innerText(), new RegExp(`Cấp ủy\\s+tại ${unit.name}`));
    assert.equal(await p.getByTestId('scope-card').locator('h2').first().innerText(), unit.name);
    // A committee's menu: reviews, tree, statistics; not the accounts.
    const nav = await p.locator('.shell-nav a').allInnerTexts();
    assert.ok(nav.includes('Thống kê') && !nav.includes('Tài khoản'), nav.join(', '));
    await mine.close();
  });

  test('accounts on a phone, and a role outside the administrator’s reach is refused', async () => {
    const context = await signedInContext(suite.browser, suite.system, PHONE, ADMIN);
    const page = await context.newPage();
    await measure(page, 'accounts on a phone (cold)', '/accounts', '[data-testid=account-username]');
    assert.ok(await noHorizontalScroll(page), 'no sideways scroll at 390 px');
    await shot(page, 'accounts-phone');
    // The board's account may not manage accounts: the menu hides it and the API refuses.
    const board = await signedInContext(suite.browser, suite.system, DESKTOP, BOARD);
    const r = await send(board, 'POST', '/api/v1/accounts', {
      username: 'ban-to-chuc-2',
      display_name: 'Ban Tổ chức 2',
      password: 'Mat-khau-2026',
      home_unit_id: board.account.home_unit_id,
    });
    assert.equal(r.status(), 403, await r.text());
    await board.close();
    await context.close();
  });
});
