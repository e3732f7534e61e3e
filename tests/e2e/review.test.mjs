// Browser tests of the review screens against the real server and a fresh demo province (2,000 members, no open
// cycle): the administrator opens the year's cycle (a calendar date out of order refused beside the field first); the
// member writes and submits a statement (a bad product link refused beside the field first; a save by someone else
// meanwhile answered plainly); the cell secretary sees the member as submitted and enters a statement on behalf of
// another member; a third statement is completed with the keyboard only; the statement form has no horizontal
// scroll at 125 % zoom of a 1280 px window nor on a phone. Load times to content are printed; screenshots go to
// docs/screenshots/.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { DESKTOP, PHONE } from './browser.mjs';
import { ADMIN, MEMBER, PASSWORD, SECRETARY, demoSuite, fillStatement, getJson, itemOf, noHorizontalScroll, shot, signedInContext, submitStatement } from './support.mjs';

const EXEMPT = 'e2e-mien'; // made by the first test
// 125 % browser zoom of a 1280 px wide window: 1024 CSS pixels drawn at 1.25 device pixels each.
const ZOOM_125 = { viewport: { width: 1024, height: 800 }, deviceScaleFactor: 1.25 };

const suite = demoSuite({ width: 28 });
const { measure } = suite;
// Filled as the tests go: they play one cycle in order.
const state = {};

describe('review screens', () => {
  test('the administrator opens the cycle of the year; a calendar out of order is refused beside the date', async () => {
    const context = await signedInContext(suite.browser, suite.system, DESKTOP, ADMIN);
    const page = await context.newPage();
    const root = context.account.roles[0].unit_id;
    // A member exempt from party work in the demo member's cell, with an account: not reviewed in the cycle.
    const member = await signedInContext(suite.browser, suite.system, DESKTOP, MEMBER);
    const cell = member.account.home_unit_id;
    await member.close();
    const write = (url, data) => context.request.post(url, { headers: { 'X-CSRF-Token': context.csrf }, data });
    const exempt = await write('/api/v1/people', {
      full_name: 'Đinh Thị Miễn',
      status: 'exempt',
      unit_id: cell,
      admitted_on: '2000-05-19',
      official_on: '2001-05-19',
      joined_on: '2000-05-19',
    });
    assert.equal(exempt.status(), 201, await exempt.text());
    const account = await write('/api/v1/accounts', {
      username: EXEMPT,
      display_name: 'Đinh Thị Miễn',
      password: PASSWORD,
      home_unit_id: cell,
      person_id: (await exempt.json()).id,
      roles: [{ role: 'member', unit_id: cell }],
    });
    assert.equal(account.status(), 201, await account.text());
    await measure(page, 'home (admin, no cycle)', '/', '[data-testid=todo-no-cycle]');
    await page.getByTestId('todo-open-cycle').click();
    await page.waitForURL(/\/cycles\/new\?unit_id=\d+$/);
    await page.getByTestId('calendar-cell').waitFor();
    const year = Number(await page.getByTestId('cycle-year').inputValue());
    assert.equal(year, new Date().getFullYear(), 'the year is prefilled');
    // The cell level's meeting is prefilled with 12/12 (43-HD); put it before the statements' deadline.
    const meeting = page.getByTestId('calendar-cell').locator('.ant-form-item', { hasText: 'Họp kiểm điểm' }).locator('input');
    assert.equal(await meeting.inputValue(), `12/12/${year}`);
    await meeting.fill(`01/12/${year}`);
    await meeting.press('Tab');
    await shot(page, 'cycle-new-desktop');
    await page.getByTestId('submit').click();
    await page.getByTestId('form-error').waitFor();
    const problem = page
      .getByTestId('calendar-cell')
      .locator('.ant-form-item', { hasText: 'Họp kiểm điểm' })
      .locator('.ant-form-item-explain-error');
    await problem.waitFor();
    assert.match(await problem.innerText(), new RegExp(`01/12/${year}.*sớm hơn hạn của bước trước`));
    // The demo may hold closed cycles of past years; none of this year exists.
    const none = await getJson(context, `/api/v1/cycles?unit_id=${root}&page_size=100`);
    assert.equal(none.items.filter((c) => c.year === year).length, 0, 'the refused cycle was not stored');
    await shot(page, 'cycle-new-error-desktop');

    await meeting.fill(`12/12/${year}`);
    await meeting.press('Tab');
    await page.getByTestId('submit').click();
    await page.waitForURL(/\/cycles\/\d+$/);
    await page.getByTestId('unit-progress').waitFor();
    state.cycleId = Number(new URL(page.url()).pathname.split('/').at(-1));
    const cycle = await getJson(context, `/api/v1/cycles/${state.cycleId}`);
    assert.deepEqual([cycle.year, cycle.quarter, cycle.ruleset, cycle.root_unit_id], [year, 0, 'qd366-2025', root]);
    assert.equal(cycle.calendar.find((c) => c.level === 'cell').meeting, `${year}-12-12`);
    assert.ok(cycle.subjects.reviewed > 0);
    state.year = year;
    await measure(page, 'cycle (province)', `/cycles/${state.cycleId}`, '[data-testid=child-progress]');
    await shot(page, 'cycle-desktop');
    await context.close();

    const phone = await signedInContext(suite.browser, suite.system, PHONE, ADMIN);
    const p = await phone.newPage();
    await p.goto(`/cycles/new?unit_id=${root}`);
    await p.getByTestId('calendar-cell').waitFor();
    assert.ok(await noHorizontalScroll(p), 'the cycle form fits a phone');
    await shot(p, 'cycle-new-phone');
    await p.goto(`/cycles/${state.cycleId}`);
    await p.getByTestId('child-progress').first().waitFor();
    assert.ok(await noHorizontalScroll(p), 'the cycle page fits a phone');
    await shot(p, 'cycle-phone');
    await phone.close();
  });

  test('the member writes the statement: a bad link refused at its field, a concurrent save explained, then submitted', async () => {
    assert.ok(state.cycleId, 'needs the cycle opened above');
    const context = await signedInContext(suite.browser, suite.system, DESKTOP, MEMBER);
    const page = await context.newPage();
    const [mine] = (await getJson(context, '/api/v1/me/reviews')).items;
    assert.ok(mine && mine.reviewed, 'the demo member is reviewed');
    state.memberReview = mine.id;
    state.memberPerson = context.account.person_id;
    await measure(page, 'home (member)', '/', '[data-testid=my-review]');
    assert.match(await page.getByTestId('due-note').innerText(), new RegExp(`Hạn nộp: 05/12/${state.year}`));
    await page.getByTestId('open-statement').click();
    await page.waitForURL(new RegExp(`/reviews/${mine.id}$`));
    await page.getByTestId('section-strengths').waitFor();
    assert.equal(await page.getByTestId('on-behalf-banner').count(), 0, 'the member writes for herself');

    await fillStatement(page, { evidence: 'bien ban hop chi bo' });
    assert.match(await page.getByTestId('score-total').innerText(), /Tổng điểm: 90 \/ 100.*Hoàn thành xuất sắc nhiệm vụ/);
    await submitStatement(page);
    await page.getByTestId('form-error').waitFor();
    const evidenceProblem = itemOf(page, page.getByTestId('task-0-evidence')).locator('.ant-form-item-explain-error');
    await evidenceProblem.waitFor();
    assert.match(await evidenceProblem.innerText(), /https:\/\//);
    await shot(page, 'statement-error-desktop');
    let stored = await getJson(context, `/api/v1/reviews/${mine.id}/statement`);
    assert.equal(stored.status, 'not_started', 'nothing stored on a refusal');

    // A draft, then someone else saves meanwhile (the secretary through the API): the member is told plainly.
    await page.getByTestId('task-0-evidence').fill('https://example.vn/bien-ban-hop-chi-bo.pdf');
    await page.getByTestId('save-draft').click();
    await page.getByTestId('draft-note').waitFor();
    stored = await getJson(context, `/api/v1/reviews/${mine.id}/statement`);
    assert.equal(stored.status, 'draft');
    assert.equal(stored.scores.general, 27);
    const secretary = await signedInContext(suite.browser, suite.system, DESKTOP, SECRETARY);
    const other = await secretary.request.put(`/api/v1/reviews/${mine.id}/statement`, {
      headers: { 'X-CSRF-Token': secretary.csrf },
      data: { version: stored.version, sections: { strengths: 'Bí thư sửa' } },
    });
    assert.equal(other.status(), 200, await other.text());
    await page.getByTestId('section-hints').fill('Không có');
    await page.getByTestId('save-draft').click();
    const stale = page.getByTestId('stale-error');
    await stale.waitFor();
    assert.match(await stale.innerText(), /người khác lưu/);
    await secretary.close();

    await stale.getByRole('button').click();
    // The latest version replaces the form: the secretary's draft had only one section.
    await page.waitForFunction(
      () => document.querySelector('[data-testid=section-strengths]')?.value === 'Bí thư sửa',
    );
    assert.equal(await page.getByTestId('task').count(), 0);
    await fillStatement(page, { evidence: 'https://example.vn/bien-ban-hop-chi-bo.pdf', general: 26, tasks: 62 });
    await page.getByTestId('add-task').click();
    await page.getByTestId('task-1-title').fill('Tham gia tổng vệ sinh khu dân cư');
    await page.getByTestId('task-1-evidence').fill('https://example.vn/anh-tong-ve-sinh.jpg');
    await submitStatement(page);
    await page.getByTestId('submitted-banner').waitFor();
    // Read-only after submission: the statement as a document, no field and no button to change it.
    await page.getByTestId('statement-view').waitFor();
    assert.equal(await page.locator('textarea, input').count(), 0, 'no field left to edit');
    assert.equal(await page.getByTestId('submit-statement').count(), 0);
    assert.equal(await page.getByTestId('view-task').count(), 2);
    assert.match(await page.getByTestId('view-proposed').innerText(), /Hoàn thành tốt nhiệm vụ \(HTTNV\)/);
    stored = await getJson(context, `/api/v1/reviews/${mine.id}/statement`);
    assert.deepEqual([stored.status, stored.on_behalf, stored.proposed, stored.tasks.length], ['submitted', false, 'HTTNV', 2]);
    assert.deepEqual(stored.scores, { general: 26, tasks: 62 });
    await measure(page, 'statement (submitted)', `/reviews/${mine.id}`, '[data-testid=submitted-banner]');
    await shot(page, 'statement-submitted-desktop');
    await measure(page, 'my reviews', '/my-reviews', '[data-testid=my-review]');
    assert.match(await page.getByTestId('state-tag').first().innerText(), /Đã nộp/);
    await context.close();
  });

  test('the secretary sees the member as submitted and enters a statement on behalf of another member', async () => {
    assert.ok(state.memberReview, 'needs the submitted statement above');
    const context = await signedInContext(suite.browser, suite.system, DESKTOP, SECRETARY);
    const page = await context.newPage();
    const cell = context.account.roles.find((g) => g.role === 'cell_secretary').unit_id;
    await measure(page, 'home (secretary)', '/', '[data-testid=todo-cycle]');
    const progress = await getJson(context, `/api/v1/cycles/${state.cycleId}/progress?unit_id=${cell}`);
    assert.match(
      await page.getByTestId('todo-pending').innerText(),
      new RegExp(`Còn ${progress.unit.pending.self_review} trong ${progress.unit.total} đảng viên`),
    );
    await page.getByTestId('todo-open-progress').click();
    await page.waitForURL(new RegExp(`/cycles/${state.cycleId}\\?unit=${cell}$`));
    await page.getByTestId('cell-members').waitFor();
    assert.match(await page.getByTestId('progress-summary').innerText(), new RegExp(`Đã nộp 1 / ${progress.unit.total}`));
    // The member who submitted is no longer among those to chase; every pending one is, with its state.
    const pendingRows = page.getByTestId('pending-row');
    assert.equal(await pendingRows.count(), progress.not_submitted.length);
    assert.equal(await page.locator(`[data-testid=pending-row][data-person="${state.memberPerson}"]`).count(), 0);
    const memberRow = page.locator(`[data-testid=other-row][data-person="${state.memberPerson}"]`);
    assert.equal(await memberRow.count(), 1, 'the member is listed outside the pending group');
    assert.match(await memberRow.innerText(), /Đã nộp/);
    await measure(page, 'cycle (cell members)', `/cycles/${state.cycleId}?unit=${cell}`, '[data-testid=pending-row]');
    await shot(page, 'cell-members-desktop');

    // Another member who has not submitted (not the secretary herself).
    const target = progress.not_submitted.find((n) => n.person_id !== context.account.person_id);
    state.keyboardTarget = progress.not_submitted.find(
      (n) => n.person_id !== context.account.person_id && n.person_id !== target.person_id,
    );
    await page
      .locator(`[data-testid=pending-row][data-person="${target.person_id}"]`)
      .getByTestId('enter-on-behalf')
      .click();
    await page.waitForURL(new RegExp(`/reviews/${target.subject_id}\\?person=${target.person_id}$`));
    const banner = page.getByTestId('on-behalf-banner');
    await banner.waitFor();
    assert.match(await banner.innerText(), new RegExp(`Nhập thay cho đồng chí ${target.full_name}`));
    await fillStatement(page, { evidence: 'https://example.vn/so-theo-doi.pdf', general: 25, tasks: 60 });
    await page.evaluate(() => window.scrollTo(0, 0));
    await shot(page, 'statement-on-behalf-desktop');
    await submitStatement(page);
    await page.getByTestId('submitted-banner').waitFor();
    const stored = await getJson(context, `/api/v1/reviews/${target.subject_id}/statement`);
    assert.deepEqual([stored.status, stored.on_behalf, stored.entered_by], ['submitted', true, context.account.id]);
    await context.close();

    const phone = await signedInContext(suite.browser, suite.system, PHONE, SECRETARY);
    const p = await phone.newPage();
    await p.goto(`/cycles/${state.cycleId}?unit=${cell}`);
    await p.getByTestId('pending-row').first().waitFor();
    assert.match(await p.getByTestId('progress-summary').innerText(), new RegExp(`Đã nộp 2 / ${progress.unit.total}`));
    assert.ok(await noHorizontalScroll(p), 'the cell list fits a phone');
    await shot(p, 'cell-members-phone');
    await p.goto('/');
    await p.getByTestId('todo-cycle').waitFor();
    await shot(p, 'home-secretary-todo-phone');
    await phone.close();
  });

  test('the statement form fits 125 % zoom and a phone, and is completed with the keyboard alone', async () => {
    assert.ok(state.keyboardTarget, 'needs a member still to submit');
    const { subject_id: id, person_id: person } = state.keyboardTarget;

    const zoomed = await signedInContext(suite.browser, suite.system, ZOOM_125, SECRETARY);
    const z = await zoomed.newPage();
    await z.goto(`/reviews/${id}?person=${person}`);
    await z.getByTestId('section-strengths').waitFor();
    assert.equal(await z.evaluate(() => window.innerWidth), 1024, '1280 px at 125 % is 1024 CSS pixels');
    assert.ok(await noHorizontalScroll(z), 'no horizontal scroll at 125 % zoom');
    await zoomed.close();

    const phone = await signedInContext(suite.browser, suite.system, PHONE, MEMBER);
    const p = await phone.newPage();
    await measure(p, 'statement (phone)', `/reviews/${state.memberReview}`, '[data-testid=submitted-banner]');
    assert.ok(await noHorizontalScroll(p), 'no horizontal scroll on a phone');
    await shot(p, 'statement-submitted-phone');
    await p.goto('/');
    await p.getByTestId('my-review').waitFor();
    await shot(p, 'home-member-phone');
    await phone.close();

    const phoneSecretary = await signedInContext(suite.browser, suite.system, PHONE, SECRETARY);
    const ps = await phoneSecretary.newPage();
    await ps.goto(`/reviews/${id}?person=${person}`);
    await ps.getByTestId('section-strengths').waitFor();
    await shot(ps, 'statement-phone');
    await phoneSecretary.close();

    const context = await signedInContext(suite.browser, suite.system, DESKTOP, SECRETARY);
    const page = await context.newPage();
    await measure(page, 'statement (empty form)', `/reviews/${id}?person=${person}`, '[data-testid=section-strengths]');
    await shot(page, 'statement-desktop');
    const focused = () => page.evaluate(() => document.activeElement?.getAttribute('data-testid') ?? document.activeElement?.tagName);
    await page.getByTestId('section-strengths').focus();
    const type = async (text) => page.keyboard.type(text);
    const tab = async () => page.keyboard.press('Tab');
    for (const key of ['strengths', 'commitments', 'limitations', 'remedy', 'hints', 'responsibility', 'direction']) {
      assert.equal(await focused(), `section-${key}`);
      if (key !== 'hints' && key !== 'responsibility') await type(`Phần ${key} gõ bằng bàn phím.`);
      await tab();
    }
    assert.equal(await focused(), 'score-general');
    await type('24');
    await tab();
    assert.equal(await focused(), 'score-tasks');
    await type('58');
    await tab();
    assert.equal(await focused(), 'add-task');
    await page.keyboard.press('Enter');
    await page.waitForFunction(() => document.activeElement?.getAttribute('data-testid') === 'task-0-title');
    await type('Vận động hội viên đóng góp quỹ');
    await tab(); // the result: "completed on time" is chosen already
    await tab(); // a key target
    await tab(); // exceeded
    await tab();
    assert.equal(await focused(), 'task-0-evidence');
    await type('https://example.vn/danh-sach-dong-gop.pdf');
    await tab();
    assert.equal(await focused(), 'add-task');
    await tab();
    assert.equal(await focused(), 'limitations-identified');
    await type('0');
    await tab();
    await tab();
    // The proposed grade: the radio group takes the focus on its first choice; Space picks, arrows move.
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('ArrowDown');
    await tab();
    assert.equal(await focused(), 'save-draft');
    await tab();
    assert.equal(await focused(), 'submit-statement');
    await page.keyboard.press('Enter');
    await page.getByTestId('confirm-submit').waitFor();
    await page.waitForFunction(() => document.activeElement?.getAttribute('data-testid') === 'confirm-submit');
    await page.keyboard.press('Enter');
    await page.getByTestId('submitted-banner').waitFor();
    const stored = await getJson(context, `/api/v1/reviews/${id}/statement`);
    assert.equal(stored.status, 'submitted');
    assert.equal(stored.proposed, 'HTNV', 'two steps down from the first choice');
    assert.deepEqual(stored.scores, { general: 24, tasks: 58 });
    assert.equal(stored.tasks[0].evidence[0], 'https://example.vn/danh-sach-dong-gop.pdf');
    assert.ok(!('hints' in stored.sections), 'empty optional sections are left out');
    await context.close();
  });

  test('under 124-QĐ/TW the statement is a 4-level rating per criterion with a running count', async () => {
    // A 2024 cycle for the member's cell only (another period: it does not clash with this year's).
    const admin = await signedInContext(suite.browser, suite.system, DESKTOP, ADMIN);
    const member = await signedInContext(suite.browser, suite.system, DESKTOP, MEMBER);
    const [current] = (await getJson(member, '/api/v1/me/reviews')).items;
    const opened = await admin.request.post('/api/v1/cycles', {
      headers: { 'X-CSRF-Token': admin.csrf },
      data: { unit_id: current.unit_id, year: 2024 },
    });
    assert.equal(opened.status(), 201, await opened.text());
    assert.equal((await opened.json()).ruleset, 'qd124-2023', 'the ruleset follows the year');
    await admin.close();
    const review = (await getJson(member, '/api/v1/me/reviews')).items.find((r) => r.year === 2024);
    const form = (await getJson(member, `/api/v1/reviews/${review.id}/statement`)).form;
    assert.equal(form.points, false);
    const page = await member.newPage();
    await page.goto(`/reviews/${review.id}`);
    await page.getByTestId('rating-total').waitFor();
    assert.equal(await page.getByTestId('score-total').count(), 0, 'no points under 124');
    const groups = page.locator('.statement-part .choice-group').filter({ has: page.getByText('Xuất sắc', { exact: true }) });
    assert.equal(await groups.count(), form.criteria.length, 'one choice of four levels per criterion');
    assert.match(await page.getByTestId('rating-total').innerText(), new RegExp(`còn ${form.criteria.length} tiêu chí`));
    await groups.nth(0).getByText('Tốt', { exact: true }).click();
    await groups.nth(1).getByText('Xuất sắc', { exact: true }).click();
    assert.match(
      await page.getByTestId('rating-total').innerText(),
      new RegExp(`Xuất sắc: 1 · Tốt: 1 — còn ${form.criteria.length - 2} tiêu chí`),
    );
    await page.getByTestId('save-draft').click();
    await page.getByTestId('draft-note').waitFor();
    const stored = await getJson(member, `/api/v1/reviews/${review.id}/statement`);
    assert.deepEqual(stored.ratings, { [form.criteria[0]]: 'tot', [form.criteria[1]]: 'xuat_sac' });
    await member.close();
  });

  test('a member exempt from party work sees that she is not reviewed, and why', async () => {
    assert.ok(state.cycleId, 'needs the cycle opened above');
    const context = await signedInContext(suite.browser, suite.system, PHONE, EXEMPT);
    // This year's cycle, and the 2024 one the test above opened for the cell: not reviewed in either.
    const reviews = (await getJson(context, '/api/v1/me/reviews')).items;
    assert.ok(reviews.some((r) => r.cycle_id === state.cycleId));
    assert.ok(reviews.every((r) => !r.reviewed && r.reasons.length > 0));
    const page = await context.newPage();
    await measure(page, 'home (member not reviewed)', '/', '[data-testid=not-reviewed]');
    const notes = page.getByTestId('not-reviewed');
    assert.equal(await notes.count(), reviews.length, 'one note per review, in the same order');
    for (const [i, review] of reviews.entries()) {
      const text = await notes.nth(i).innerText();
      assert.match(text, /không thuộc diện kiểm điểm/);
      for (const reason of review.reasons) assert.ok(text.includes(reason.vi), reason.vi);
    }
    assert.equal(await page.getByTestId('open-statement').count(), 0, 'nothing to write');
    await shot(page, 'home-not-reviewed-phone');
    await context.close();
  });
});
