// Browser tests of the web app against the real server and a real demo province (2,000 members): sign-in,
// home per role, the organization tree, diacritic-free member search, a person, creating a unit and the API's
// validation error beside the field, the English switch. Page load times (navigation timing) are printed, and
// screenshots of the main screens (desktop 1366x768, phone 390x844) are written to docs/screenshots/.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { DESKTOP, PHONE } from './browser.mjs';
import { ADMIN, PASSWORD, SECRETARY, demoSuite, shot, signedInContext } from './support.mjs';

// "Nguyễn Văn Đức" -> "nguyen van duc", as the server's search keys fold.
const fold = (s) =>
  s.normalize('NFD').replace(/\p{M}/gu, '').replace(/đ/g, 'd').replace(/Đ/g, 'D').toLowerCase();
// Numbers on screen are formatted vi-VN ("2.000") or en ("2,000").
const number = (s) => Number(s.replace(/[^\d]/g, ''));

const suite = demoSuite({ width: 22 });
const { measure } = suite;

describe('xeploai web app', () => {
  test('sign-in refuses a wrong password and an empty form in plain Vietnamese', async () => {
    const context = await suite.browser.newContext({ ...DESKTOP, baseURL: suite.system.url });
    const page = await context.newPage();
    await measure(page, 'sign-in', '/', 'form button[type=submit]');
    assert.match(page.url(), /\/sign-in$/, 'an anonymous visitor is sent to the sign-in page');
    await page.getByRole('button', { name: 'Đăng nhập' }).click();
    await page.getByText('Vui lòng nhập tên đăng nhập').waitFor();
    await page.getByLabel('Tên đăng nhập').fill(ADMIN);
    await page.getByLabel('Mật khẩu', { exact: true }).fill('not the password');
    await page.getByRole('button', { name: 'Đăng nhập' }).click();
    const error = page.getByTestId('sign-in-error');
    await error.waitFor();
    assert.match(await error.innerText(), /không đúng/);
    assert.match(page.url(), /\/sign-in$/);
    await shot(page, 'sign-in-error-desktop');
    await context.close();
  });

  test('the administrator signs in and sees their roles and the counts in scope', async () => {
    const context = await suite.browser.newContext({ ...DESKTOP, baseURL: suite.system.url });
    const page = await context.newPage();
    await page.goto('/sign-in');
    await page.getByLabel('Tên đăng nhập').fill(ADMIN);
    await page.getByLabel('Mật khẩu', { exact: true }).fill(PASSWORD);
    await page.getByRole('button', { name: 'Đăng nhập' }).click();
    await page.getByTestId('stat-units').waitFor();
    const session = await (await context.request.get('/api/v1/session')).json();
    assert.equal(await page.getByTestId('signed-in-as').innerText(), session.account.display_name);
    assert.match(await page.getByTestId('role-grant').first().innerText(), /Quản trị hệ thống/);
    const units = await (await context.request.get('/api/v1/units?page_size=1')).json();
    const people = await (await context.request.get(`/api/v1/people?page_size=1&unit_id=${session.account.roles[0].unit_id}`)).json();
    assert.ok(units.total > 1 && people.total >= 2000, `demo province: ${units.total} units, ${people.total} people`);
    assert.equal(number(await page.getByTestId('stat-units').locator('.ant-statistic-content').innerText()), units.total);
    assert.equal(number(await page.getByTestId('stat-people').locator('.ant-statistic-content').innerText()), people.total);
    await measure(page, 'home (administrator)', '/', '[data-testid=stat-units]');
    await shot(page, 'home-admin-desktop');
    await context.close();
  });

  test('the tree opens level by level and leads to a unit', async () => {
    const context = await signedInContext(suite.browser, suite.system, DESKTOP, ADMIN);
    const page = await context.newPage();
    await measure(page, 'organization tree', '/units', '[data-testid=tree-node]');
    const nodes = page.getByTestId('tree-node');
    assert.equal(await nodes.count(), 1, 'one root: the province');
    await page.locator('.ant-tree-switcher').first().click();
    await page.waitForFunction(() => document.querySelectorAll('[data-testid=tree-node]').length > 1);
    const childCount = await nodes.count();
    const session = await (await context.request.get('/api/v1/session')).json();
    const root = session.account.roles[0].unit_id;
    const children = await (await context.request.get(`/api/v1/units?parent_id=${root}&page_size=500`)).json();
    assert.equal(childCount - 1, children.total, 'the root opens to exactly its children');
    await shot(page, 'tree-desktop');
    const child = nodes.nth(1);
    const childName = await child.locator('strong').innerText();
    await child.click();
    await page.waitForURL(/\/units\/\d+$/);
    assert.equal(await page.getByTestId('unit-name').innerText(), childName);
    await context.close();
  });

  test('members are found without diacritics, in Vietnamese order, and a person opens', async () => {
    const context = await signedInContext(suite.browser, suite.system, DESKTOP, ADMIN);
    const page = await context.newPage();
    const session = await (await context.request.get('/api/v1/session')).json();
    const root = session.account.roles[0].unit_id;
    await measure(page, 'unit (province)', `/units/${root}`, '[data-testid=member-link]');
    await page.getByTestId('member-search').locator('input').fill('nguyen van');
    await page.waitForFunction(() => {
      const links = [...document.querySelectorAll('[data-testid=member-link]')];
      const fold = (s) => s.normalize('NFD').replace(/\p{M}/gu, '').replace(/đ/g, 'd').replace(/Đ/g, 'D').toLowerCase();
      return links.length > 0 && links.every((a) => fold(a.textContent).includes('nguyen van'));
    });
    const names = await page.getByTestId('member-link').allInnerTexts();
    assert.ok(names.every((n) => fold(n).includes('nguyen van')), names.join(', '));
    assert.ok(names.some((n) => n !== fold(n)), 'the names come back with their diacritics');
    const collator = new Intl.Collator('vi', { sensitivity: 'base' });
    const given = names.map((n) => n.split(' ').at(-1));
    for (let i = 1; i < given.length; i++)
      assert.ok(collator.compare(given[i - 1], given[i]) <= 0, `ordered by given name: ${given.join(', ')}`);
    await shot(page, 'unit-search-desktop');
    const first = page.getByTestId('member-link').first();
    const name = await first.innerText();
    await first.click();
    await page.waitForURL(/\/people\/\d+$/);
    assert.equal(await page.getByTestId('person-name').innerText(), name);
    const personUrl = new URL(page.url()).pathname;
    await measure(page, 'person', personUrl, '[data-testid=person-name]');
    await shot(page, 'person-desktop');
    await context.close();

    const phone = await signedInContext(suite.browser, suite.system, PHONE, ADMIN);
    const phonePage = await phone.newPage();
    await phonePage.goto(personUrl);
    await phonePage.getByTestId('person-name').waitFor();
    await shot(phonePage, 'person-phone');
    await phonePage.goto(`/units/${root}`);
    await phonePage.getByTestId('member-link').first().waitFor();
    await shot(phonePage, 'unit-phone');
    await phone.close();
  });

  test('the administrator creates a unit; a duplicate code is refused beside the field and nothing is stored', async () => {
    const context = await signedInContext(suite.browser, suite.system, DESKTOP, ADMIN);
    const page = await context.newPage();
    const session = await (await context.request.get('/api/v1/session')).json();
    const root = session.account.roles[0].unit_id;
    const code = `E2E${Date.now() % 1_000_000}`;
    const name = `Đảng bộ Khối thử nghiệm ${code}`;
    await measure(page, 'new unit form', `/units/new?parent_id=${root}`, '[data-testid=unit-name-input]');
    await page.getByTestId('unit-kind').click();
    await page.locator('.ant-select-item-option', { hasText: 'Đảng bộ cấp trên cơ sở' }).click();
    await page.getByTestId('unit-name-input').fill(name);
    await page.getByTestId('unit-code-input').fill(code);
    await page.getByTestId('submit').click();
    await page.waitForURL(/\/units\/\d+$/);
    assert.equal(await page.getByTestId('unit-name').innerText(), name);
    const id = Number(page.url().split('/').at(-1));
    const created = await (await context.request.get(`/api/v1/units/${id}`)).json();
    assert.deepEqual([created.kind, created.code, created.parent_id], ['upper_grassroots_committee', code, root]);

    await page.goto(`/units/new?parent_id=${root}`);
    await page.getByTestId('unit-kind').click();
    await page.locator('.ant-select-item-option', { hasText: 'Đảng bộ cấp trên cơ sở' }).click();
    await page.getByTestId('unit-name-input').fill('Đơn vị trùng mã');
    await page.getByTestId('unit-code-input').fill(code);
    await page.getByTestId('submit').click();
    await page.getByTestId('form-error').waitFor();
    const codeItem = page.locator('.ant-form-item', { has: page.getByTestId('unit-code-input') });
    const problem = codeItem.locator('.ant-form-item-explain-error');
    await problem.waitFor();
    assert.match(await problem.innerText(), new RegExp(`${code}.*đã có`));
    assert.match(page.url(), /\/units\/new/, 'the form stays open');
    await shot(page, 'unit-form-error-desktop');
    const same = await (await context.request.get(`/api/v1/units?q=${code}&page_size=10`)).json();
    assert.equal(same.total, 1, 'the refused unit was not stored');
    await context.close();
  });

  test('the cell secretary sees her cell and its members, on a phone, and can switch to English', async () => {
    const context = await signedInContext(suite.browser, suite.system, PHONE, SECRETARY);
    const page = await context.newPage();
    await measure(page, 'home (secretary)', '/', '[data-testid=stat-people]');
    const session = await (await context.request.get('/api/v1/session')).json();
    const grant = session.account.roles.find((g) => g.role === 'cell_secretary');
    assert.ok(grant, 'the demo secretary has the cell_secretary role');
    const members = await (await context.request.get(`/api/v1/people?unit_id=${grant.unit_id}&page_size=1`)).json();
    assert.ok(members.total > 0);
    assert.equal(number(await page.getByTestId('stat-people').locator('.ant-statistic-content').innerText()), members.total);
    assert.equal(await page.getByTestId('stat-units').count(), 0, 'a secretary sees her cell, not unit counts');
    await shot(page, 'home-secretary-phone');
    await page.getByRole('button', { name: /English/ }).click();
    await page.getByRole('button', { name: 'Sign out' }).waitFor();
    await page.reload();
    await page.getByRole('button', { name: 'Sign out' }).waitFor();
    await page.getByRole('button', { name: /Tiếng Việt/ }).click();
    await page.getByRole('button', { name: 'Đăng xuất' }).click();
    await page.waitForURL(/\/sign-in$/);
    const after = await context.request.get('/api/v1/session');
    assert.equal(after.status(), 401, 'signed out on the server too');
    await context.close();
  });
});
