// Browser tests of the restructuring screens (issue 5, "Administration: units and restructuring, people, roles")
// against the real server and a demo province: the administrator moves a cell under another commune, merges two
// cells, splits one assigning its members, moves a member to another cell and gives her a post; every change is
// checked against the API afterwards. Refused input (an effective date before the unit's history, a split with
// fewer than two parts) shows the server's problem under the field and changes nothing. The tree shows a past day.
// A cell secretary sees none of the actions. Screenshots restructure-* go to docs/screenshots/.
import assert from 'node:assert/strict';
import { before, describe, test } from 'node:test';
import { DESKTOP, PHONE } from './browser.mjs';
import { ADMIN, SECRETARY, demoSuite, getJson, itemOf, noHorizontalScroll, shot, signedInContext } from './support.mjs';

const suite = demoSuite({ width: 30 });
const { measure } = suite;

const iso = (d) =>
  `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
const today = iso(new Date());
const yesterday = iso(new Date(Date.now() - 86_400_000));
const ddmmyyyy = (isoDate) => isoDate.split('-').reverse().join('/');

// Chooses a unit in a UnitPicker by searching its code (codes are unique; names repeat across communes).
async function pickUnit(page, testId, unit) {
  const select = page.getByTestId(testId);
  await select.click();
  await select.locator('input').fill(unit.code);
  await page.locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: `(${unit.code})` }).click();
  await page.keyboard.press('Escape'); // a multiple select stays open
  await page.waitForFunction(() => !document.querySelector('.ant-select-dropdown:not(.ant-select-dropdown-hidden)'));
}

// Types a date into the dialog's date field (dd/mm/yyyy) by its label.
async function fillDate(page, label, isoDate) {
  const input = page.locator('.ant-modal .ant-form-item', { hasText: label }).locator('.ant-picker input');
  await input.fill(ddmmyyyy(isoDate));
  await input.press('Tab');
}

// Chooses an option of an Ant Design select by its text, then waits for the list to close (the next select's list
// must not be confused with this one's while it fades).
async function choose(page, select, text) {
  await select.click();
  await page.locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: text }).click();
  await page.waitForFunction(() => !document.querySelector('.ant-select-dropdown:not(.ant-select-dropdown-hidden)'));
}

// Continue → the confirmation sentence (returned) → confirm.
async function review(page) {
  await page.getByTestId('action-next').click();
  const summary = page.getByTestId('action-summary');
  await summary.waitFor();
  return summary.innerText();
}

const problemUnder = (page, locator) => itemOf(page, locator).locator('.ant-form-item-explain-error');

describe('restructuring in the web app', () => {
  let admin;
  let secretaryCell;
  let communes; // two communes with their current cells (the secretary's cell left out)

  before(async () => {
    admin = await signedInContext(suite.browser, suite.system, DESKTOP, ADMIN);
    const secretary = await signedInContext(suite.browser, suite.system, DESKTOP, SECRETARY);
    secretaryCell = secretary.account.roles.find((g) => g.role === 'cell_secretary').unit_id;
    await secretary.close();
    const all = (await getJson(admin, '/api/v1/units?kind=grassroots_committee&page_size=100')).items;
    communes = [];
    for (const c of all.filter((u) => /^Đảng bộ (phường|xã|thị trấn) /.test(u.name))) {
      const cells = (await getJson(admin, `/api/v1/units?parent_id=${c.id}&kind=cell&page_size=100`)).items.filter(
        (u) => u.id !== secretaryCell,
      );
      if (cells.length >= 5) communes.push({ ...c, cells });
      if (communes.length === 2) break;
    }
    assert.equal(communes.length, 2, 'the demo province has two communes with cells');
  });

  test('a cell moves under another commune; an effective date before its history is refused and changes nothing', async () => {
    const [from, to] = communes;
    const cell = from.cells.at(-1);
    const members = (await getJson(admin, `/api/v1/people?unit_id=${cell.id}&page_size=1`)).total;
    const page = await admin.newPage();
    await measure(page, 'unit with its actions', `/units/${cell.id}`, '[data-testid=unit-move]');
    await page.getByTestId('unit-move').click();
    await pickUnit(page, 'move-parent', to);
    await fillDate(page, 'Có hiệu lực từ ngày', '1990-01-01');
    const summary = await review(page);
    assert.match(summary, new RegExp(`«${cell.name}».*«${from.name}».*«${to.name}».*01/01/1990`));
    assert.match(summary, new RegExp(`${members} đảng viên`), summary);
    await page.getByTestId('action-confirm').click();
    const problem = problemUnder(page, page.locator('.ant-picker'));
    await problem.waitFor();
    assert.match(await problem.innerText(), /phải từ ngày \d{2}\/\d{2}\/\d{4} trở đi/);
    assert.equal((await getJson(admin, `/api/v1/units/${cell.id}`)).parent_id, from.id, 'refused: nothing moved');
    await shot(page, 'restructure-move-error-desktop');

    await fillDate(page, 'Có hiệu lực từ ngày', today);
    await review(page);
    await shot(page, 'restructure-move-desktop');
    await page.getByTestId('action-confirm').click();
    await page.waitForURL(new RegExp(`/units/${to.id}$`));
    const moved = await getJson(admin, `/api/v1/units/${cell.id}`);
    assert.equal(moved.parent_id, to.id);
    assert.equal((await getJson(admin, `/api/v1/people?unit_id=${to.id}&page_size=1`)).total >= members, true);
    const past = await getJson(admin, `/api/v1/units/${from.id}/tree?as_of=${yesterday}&depth=1`);
    assert.ok(past.unit.children.some((c) => c.id === cell.id), 'the history keeps it under the old commune');
    await page.close();
  });

  test('two cells merge into one: the members move, the other is dissolved', async () => {
    const [from] = communes;
    const [keep, gone] = [from.cells[0], from.cells[1]];
    const count = async (id) => (await getJson(admin, `/api/v1/people?unit_id=${id}&page_size=1`)).total;
    const [keepBefore, goneBefore] = [await count(keep.id), await count(gone.id)];
    const page = await admin.newPage();
    await page.goto(`/units/${keep.id}`);
    await page.getByTestId('unit-merge').click();
    await pickUnit(page, 'merge-others', gone);
    const summary = await review(page);
    assert.match(summary, new RegExp(`1 đơn vị \\(«${gone.name}»\\) sẽ sáp nhập vào «${keep.name}»`), summary);
    assert.match(summary, new RegExp(`${goneBefore} đảng viên`), summary);
    await shot(page, 'restructure-merge-desktop');
    await page.getByTestId('action-confirm').click();
    // Merged into the unit on screen: the page reloads and lists the members who came.
    await page.getByTestId('action-summary').waitFor({ state: 'detached' });
    await page.locator('.ant-pagination-total-text', { hasText: `Tổng cộng ${keepBefore + goneBefore}` }).waitFor();
    assert.equal((await getJson(admin, `/api/v1/units/${gone.id}`)).dissolved_on, today);
    assert.equal(await count(keep.id), keepBefore + goneBefore, 'the members of the merged cell moved');
    assert.equal(await count(gone.id), 0);
    await page.close();
  });

  test('a cell splits in two with its members assigned; fewer than two parts is refused', async () => {
    const [from] = communes;
    const cell = from.cells[2];
    const members = (await getJson(admin, `/api/v1/people?unit_id=${cell.id}&page_size=500`)).items;
    assert.ok(members.length >= 2, `${cell.name} has members`);
    const page = await admin.newPage();
    await page.goto(`/units/${cell.id}`);
    await page.getByTestId('unit-split').click();
    await page.getByTestId('split-members').waitFor();
    // One part only: the server's problem appears under the parts, nothing changes.
    await page.getByTestId('part-1-remove').click();
    await page.getByTestId('part-0-name').fill(`${cell.name} A`);
    await page.getByTestId('part-0-code').fill(`${cell.code}.A`);
    await review(page);
    await page.getByTestId('action-confirm').click();
    const whole = page.locator('.ant-modal .ant-form-item-explain-error', { hasText: 'cần ít nhất hai phần' });
    await whole.waitFor();
    assert.equal((await getJson(admin, `/api/v1/units/${cell.id}`)).dissolved_on, null, 'refused: not split');
    await shot(page, 'restructure-split-error-desktop');

    await page.getByTestId('part-add').click();
    await page.getByTestId('part-1-name').fill(`${cell.name} B`);
    await page.getByTestId('part-1-code').fill(`${cell.code}.B`);
    // The last two members go to the second part, the others stay with the first.
    const second = members.slice(-2);
    for (const m of second) await choose(page, page.getByTestId(`assign-m${m.id}`), `${cell.name} B`);
    const summary = await review(page);
    assert.match(summary, new RegExp(`${members.length - 2} đảng viên`), summary);
    assert.match(summary, /: 0 đơn vị trực thuộc, 2 đảng viên/, summary);
    await shot(page, 'restructure-split-desktop');
    await page.getByTestId('action-confirm').click();
    await page.waitForURL(new RegExp(`/units/${from.id}$`));

    assert.equal((await getJson(admin, `/api/v1/units/${cell.id}`)).dissolved_on, today);
    const parts = (await getJson(admin, `/api/v1/units?parent_id=${from.id}&q=${encodeURIComponent(cell.code)}&page_size=10`)).items;
    const a = parts.find((u) => u.code === `${cell.code}.A`);
    const b = parts.find((u) => u.code === `${cell.code}.B`);
    assert.ok(a && b, `both parts exist under the commune: ${JSON.stringify(parts)}`);
    const idsOf = async (id) =>
      (await getJson(admin, `/api/v1/people?unit_id=${id}&page_size=500`)).items.map((p) => p.id).sort();
    assert.deepEqual(await idsOf(b.id), second.map((m) => m.id).sort());
    assert.deepEqual(await idsOf(a.id), members.slice(0, -2).map((m) => m.id).sort());
    await page.close();
  });

  test('the tree as of yesterday still shows the merged cell', async () => {
    const [from] = communes;
    const gone = from.cells[1];
    const page = await admin.newPage();
    await page.goto('/units');
    await page.getByTestId('tree-node').first().waitFor();
    const input = page.locator('#tree-as-of');
    await input.fill(ddmmyyyy(yesterday));
    await input.press('Enter');
    await page.getByTestId('tree-as-of-note').waitFor();
    // Open the branch down to the commune: its ancestors come from the API.
    const chain = [];
    for (let id = from.id; id; ) {
      const u = await getJson(admin, `/api/v1/units/${id}`);
      chain.unshift(u);
      id = u.parent_id;
    }
    for (const u of chain) {
      const node = page.locator('.ant-tree-treenode', { has: page.locator('strong', { hasText: new RegExp(`^${u.name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`) }) }).first();
      await node.locator('.ant-tree-switcher').click();
    }
    const goneNode = page.getByTestId('tree-node').filter({ hasText: gone.code });
    await goneNode.waitFor();
    await shot(page, 'restructure-tree-as-of-desktop');
    await page.close();
  });

  test('a member moves to another cell and is given a post, then the post ends', async () => {
    const [, to] = communes;
    const [cell, next] = [to.cells[0], to.cells[1]];
    const people = (await getJson(admin, `/api/v1/people?unit_id=${cell.id}&page_size=100`)).items;
    const person = people.find((p) => p.gender === 'female') ?? people[0];
    const page = await admin.newPage();
    await measure(page, 'person with its actions', `/people/${person.id}`, '[data-testid=person-move]');
    await page.getByTestId('person-move').click();
    await pickUnit(page, 'person-move-cell', next);
    const summary = await review(page);
    assert.match(summary, new RegExp(`«${person.full_name}».*«${cell.name}».*«${next.name}».*${ddmmyyyy(today)}`));
    await shot(page, 'restructure-person-move-desktop');
    await page.getByTestId('action-confirm').click();
    await page.getByTestId('action-summary').waitFor({ state: 'detached' });
    const moved = await getJson(admin, `/api/v1/people/${person.id}`);
    assert.equal(moved.unit_id, next.id);
    assert.ok(moved.memberships.some((m) => m.unit_id === cell.id && m.valid_to === today), 'the old membership ends today');

    await page.getByTestId('post-add').click();
    await page.getByTestId('post-title-input').fill('Phó Bí thư chi bộ');
    const postSummary = await review(page);
    assert.match(postSummary, new RegExp(`«Phó Bí thư chi bộ» tại «${next.name}»`), postSummary);
    await shot(page, 'restructure-post-desktop');
    await page.getByTestId('action-confirm').click();
    await page.getByTestId('post-title').filter({ hasText: 'Phó Bí thư chi bộ' }).waitFor();
    const posts = await getJson(admin, `/api/v1/people/${person.id}/posts`);
    const post = posts.items.find((p) => p.title === 'Phó Bí thư chi bộ');
    assert.ok(post, JSON.stringify(posts));
    assert.equal(post.unit_id, next.id);
    assert.equal(post.valid_from, today);
    assert.equal(post.is_head, false);

    const row = page.locator('[data-testid=posts] tr', { hasText: 'Phó Bí thư chi bộ' });
    await row.getByTestId('post-end').click();
    await review(page);
    await page.getByTestId('action-confirm').click();
    await page.getByTestId('action-summary').waitFor({ state: 'detached' });
    const ended = (await getJson(admin, `/api/v1/people/${person.id}/posts?include_past=true`)).items.find(
      (p) => p.id === post.id,
    );
    assert.equal(ended.valid_to, today);
    await page.close();
  });

  test('the dialogs fit a phone', async () => {
    const phone = await signedInContext(suite.browser, suite.system, PHONE, ADMIN);
    const page = await phone.newPage();
    const cell = communes[1].cells[3];
    await page.goto(`/units/${cell.id}`);
    await page.getByTestId('unit-split').click();
    await page.getByTestId('split-members').waitFor();
    assert.ok(await noHorizontalScroll(page), 'no sideways scrolling on a phone');
    await shot(page, 'restructure-split-phone');
    await phone.close();
  });

  test('a cell secretary sees none of the actions', async () => {
    const context = await signedInContext(suite.browser, suite.system, DESKTOP, SECRETARY);
    const page = await context.newPage();
    await page.goto(`/units/${secretaryCell}`);
    await page.getByTestId('member-link').first().waitFor();
    assert.equal(await page.getByTestId('unit-actions').count(), 0);
    assert.equal(await page.getByTestId('unit-move').count(), 0);
    await page.getByTestId('member-link').first().click();
    await page.getByTestId('person-name').waitFor();
    await page.getByText('Quá trình sinh hoạt').waitFor();
    assert.equal(await page.getByTestId('person-move').count(), 0);
    assert.equal(await page.getByTestId('post-add').count(), 0);
    await context.close();
  });
});
