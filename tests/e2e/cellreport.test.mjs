// Browser tests of the cell's own report (issue 5) against the real server and a fresh demo province: the year's
// cycle is opened through the API; the cell secretary finds her cell's own report on the cycle page of her cell ("not
// started"), writes it on Mẫu 01 (a draft kept across a reload), submits it, and the card shows it submitted while
// the API holds what she typed; the committee above reads it but gets no write button (it writes its own organization's); a plain member of the cell
// gets no write button. The statement page names the organization and fits a phone. Screenshots cell-report-*.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { DESKTOP, PHONE } from './browser.mjs';
import { ADMIN, MEMBER, SECRETARY, demoSuite, getJson, noHorizontalScroll, send, shot, signedInContext } from './support.mjs';

const COMMITTEE = process.env.XEPLOAI_DEMO_COMMITTEE ?? 'capuy';
const suite = demoSuite({ width: 30 });
const { measure } = suite;
const state = {};

// Mẫu 01's sections required to submit, and one optional (hints).
const SECTIONS = {
  strengths: 'Chi bộ lãnh đạo tổ dân phố hoàn thành các chỉ tiêu năm; sinh hoạt đều đặn, đúng quy định.',
  limitations: 'Nội dung sinh hoạt chuyên đề còn ít; một số đảng viên chưa tham gia đầy đủ.',
  remedy: 'Đã khắc phục hạn chế năm trước về ghi biên bản sinh hoạt.',
  responsibility: 'Trách nhiệm chính thuộc chi ủy và đồng chí bí thư chi bộ.',
  direction: 'Mỗi quý một chuyên đề; phân công đảng viên theo dõi từng tổ.',
};

const rowOf = (page, kind) => page.locator(`[data-testid=own-report-row][data-kind=${kind}]`);

describe("the cell's own report", () => {
  test('the cell secretary writes and submits her cell’s own report from the cycle page', async () => {
    const admin = await signedInContext(suite.browser, suite.system, DESKTOP, ADMIN);
    const year = new Date().getFullYear();
    const opened = await send(admin, 'POST', '/api/v1/cycles', { year, unit_id: admin.account.roles[0].unit_id });
    assert.equal(opened.status(), 201, await opened.text());
    state.cycleId = (await opened.json()).id;
    await admin.close();

    const context = await signedInContext(suite.browser, suite.system, DESKTOP, SECRETARY);
    const page = await context.newPage();
    const cell = context.account.roles.find((g) => g.role === 'cell_secretary').unit_id;
    state.cell = cell;
    const unit = await getJson(context, `/api/v1/units/${cell}`);
    // What the card must show: the cell's own subjects (its organization and its collectives), not its members'.
    const subjects = await getJson(context, `/api/v1/cycles/${state.cycleId}/subjects?unit_id=${cell}&page_size=500`);
    const own = subjects.items.filter((s) => s.person_id === null && s.unit_id === cell);
    const organization = own.find((s) => s.kind === 'party_organization');
    assert.ok(organization, 'opening the cycle made the cell’s own subject');
    state.subject = organization.subject_id;

    // The home to-do names the cell's reports beside its members'.
    await measure(page, 'home (secretary)', '/', '[data-testid=todo-own-report]');
    assert.match(await page.getByTestId('todo-own-report').innerText(), new RegExp(`đã nộp 0 / ${own.length}`));

    const cycleUrl = `/cycles/${state.cycleId}?unit=${cell}`;
    await measure(page, 'cycle (cell, own report)', cycleUrl, '[data-testid=own-report-row]');
    assert.equal(await page.getByTestId('own-report-row').count(), own.length, 'one row per own subject, no member');
    // The breadcrumb names every unit from the cycle's root down to the cell (GET /units/{id}'s ancestors).
    const trail = (await page.locator('.ant-breadcrumb li:not(.ant-breadcrumb-separator)').allInnerTexts()).map((x) => x.trim());
    assert.deepEqual(trail, [...unit.ancestors.map((a) => a.name), unit.name]);
    const row = rowOf(page, 'party_organization');
    assert.match(await row.innerText(), new RegExp(unit.name));
    assert.match(await row.getByTestId('state-tag').innerText(), /Chưa viết/);
    assert.equal(await rowOf(page, 'leadership_collective').count(), own.length - 1);

    await row.getByTestId('own-report-write').click();
    await page.waitForURL(new RegExp(`/reviews/${state.subject}\\?unit=${cell}$`));
    await page.getByTestId('section-strengths').waitFor();
    // The page names the organization, not a person, and is not "entered on behalf of".
    assert.equal(await page.getByTestId('statement-title').innerText(), `Báo cáo kiểm điểm của ${unit.name}`);
    assert.equal(await page.getByTestId('on-behalf-banner').count(), 0);
    assert.match(await page.locator('.statement-form-name').innerText(), /tập thể — mẫu 01/i);

    // A draft: the first two sections and the score, kept across a reload.
    await page.getByTestId('section-strengths').fill(SECTIONS.strengths);
    await page.getByTestId('section-limitations').fill(SECTIONS.limitations);
    await page.getByTestId('score-general').fill('26');
    await page.getByTestId('save-draft').click();
    await page.getByTestId('draft-note').waitFor();
    await page.reload();
    await page.getByTestId('section-strengths').waitFor();
    assert.equal(await page.getByTestId('section-strengths').inputValue(), SECTIONS.strengths);
    assert.equal(await page.getByTestId('section-limitations').inputValue(), SECTIONS.limitations);
    assert.equal(Number(await page.getByTestId('score-general').inputValue()), 26);
    let stored = await getJson(context, `/api/v1/reviews/${state.subject}/statement`);
    assert.equal(stored.status, 'draft');

    await page.goto(cycleUrl);
    await rowOf(page, 'party_organization').getByTestId('own-report-write').waitFor();
    assert.match(await rowOf(page, 'party_organization').getByTestId('state-tag').innerText(), /bản nháp/);
    assert.match(await rowOf(page, 'party_organization').getByTestId('own-report-write').innerText(), /Tiếp tục viết/);
    await rowOf(page, 'party_organization').getByTestId('own-report-write').click();
    await page.getByTestId('section-strengths').waitFor();

    for (const key of ['remedy', 'responsibility', 'direction']) await page.getByTestId(`section-${key}`).fill(SECTIONS[key]);
    await page.getByTestId('score-tasks').fill('60');
    await page.getByTestId('add-task').click();
    await page.getByTestId('task-0-title').fill('Lãnh đạo vận động xây dựng tuyến phố văn minh');
    await page.getByTestId('task-0-evidence').fill('https://example.vn/bao-cao-tuyen-pho.pdf');
    await page.getByTestId('limitations-identified').fill('1');
    await page.getByTestId('limitations-remedied').fill('1');
    await page.locator('.grade-group').getByText('Hoàn thành tốt nhiệm vụ', { exact: true }).click();
    await page.getByTestId('submit-statement').click();
    await page.getByTestId('confirm-submit').click();
    await page.getByTestId('submitted-banner').waitFor();
    assert.match(await page.getByTestId('submitted-banner').innerText(), /Báo cáo đã nộp/);
    assert.doesNotMatch(await page.getByTestId('submitted-banner').innerText(), /nhập thay/);

    stored = await getJson(context, `/api/v1/reviews/${state.subject}/statement`);
    assert.equal(stored.status, 'submitted');
    assert.deepEqual(stored.sections, SECTIONS);
    assert.deepEqual(stored.scores, { general: 26, tasks: 60 });
    assert.deepEqual([stored.proposed, stored.tasks.length, stored.tasks[0].evidence[0]], ['HTTNV', 1, 'https://example.vn/bao-cao-tuyen-pho.pdf']);

    await page.goto(cycleUrl);
    const done = rowOf(page, 'party_organization');
    await done.getByTestId('own-report-view').waitFor();
    assert.match(await done.getByTestId('state-tag').innerText(), /Đã nộp/);
    assert.equal(await done.getByTestId('own-report-write').count(), 0, 'submitted: read, no longer written');
    await page.getByTestId('own-report').scrollIntoViewIfNeeded();
    await shot(page, 'cell-report-desktop');
    await context.close();
  });

  test('the statement page of a collective fits a phone', async () => {
    assert.ok(state.cell, 'needs the cycle opened above');
    const context = await signedInContext(suite.browser, suite.system, PHONE, SECRETARY);
    const page = await context.newPage();
    await page.goto(`/cycles/${state.cycleId}?unit=${state.cell}`);
    const collective = rowOf(page, 'leadership_collective').first();
    await collective.getByTestId('own-report-write').waitFor();
    assert.ok(await noHorizontalScroll(page), 'the cycle page with the card fits a phone');
    await collective.getByTestId('own-report-write').click();
    await page.getByTestId('section-strengths').waitFor();
    // The leadership collective goes by its own name (the cell's committee), the cell under it.
    assert.match(await page.getByTestId('statement-title').innerText(), /^Báo cáo kiểm điểm của /);
    assert.ok(await noHorizontalScroll(page), 'the collective’s report fits a phone');
    await shot(page, 'cell-report-phone');
    await context.close();
  });

  test('the committee above reads the report without a write button, and writes its own; a plain member gets no write button', async () => {
    assert.ok(state.subject, 'needs the submitted report above');
    const committee = await signedInContext(suite.browser, suite.system, DESKTOP, COMMITTEE);
    const page = await committee.newPage();
    await page.goto(`/cycles/${state.cycleId}?unit=${state.cell}`);
    await rowOf(page, 'party_organization').getByTestId('own-report-view').waitFor();
    assert.equal(await page.getByTestId('own-report-write').count(), 0);
    // Not started: nothing to read yet, so no button at all.
    const notStarted = rowOf(page, 'leadership_collective').first();
    assert.match(await notStarted.getByTestId('state-tag').innerText(), /Chưa viết/);
    assert.equal(await notStarted.getByRole('link').count(), 0);
    await rowOf(page, 'party_organization').getByTestId('own-report-view').click();
    await page.getByTestId('statement-view').waitFor();
    assert.equal(await page.locator('textarea, input').count(), 0, 'read only');
    // Its own organization's report is the committee's to write (write_own_report on its unit).
    const own = committee.account.roles.find((g) => g.role === 'committee').unit_id;
    await page.goto(`/cycles/${state.cycleId}?unit=${own}`);
    await rowOf(page, 'party_organization').getByTestId('own-report-write').waitFor();
    await committee.close();

    const member = await signedInContext(suite.browser, suite.system, DESKTOP, MEMBER);
    assert.equal(member.account.home_unit_id, state.cell, 'the demo member belongs to the secretary’s cell');
    const p = await member.newPage();
    await p.goto(`/cycles/${state.cycleId}?unit=${state.cell}`);
    // A plain member may not read the cell (read_unit): the page answers with its error box, or with the calendar
    // alone should members be let in; either way without the card and its write button.
    await p.locator('[data-testid=calendar], [role=alert]').first().waitFor();
    assert.equal(await p.getByTestId('own-report-write').count(), 0);
    assert.equal(await p.getByTestId('own-report').count(), 0, 'a member does not read the cell’s reviews');
    // The API agrees: the member may not write the cell's report.
    const refused = await send(member, 'PUT', `/api/v1/reviews/${state.subject}/statement`, { version: 0 });
    assert.equal(refused.status(), 403);
    await member.close();
  });
});
