// ONE review cycle played through the UI from its opening to the member reading her grade, against the real server
// and a fresh demo province (2,000 members), in the order of the work (issue 5, "Done when"):
//  1. the administrator opens the year's cycle from his home page (UI; the refusals of the cycle form are
//     review.test.mjs's);
//  2. the demo member (`dangvien`) writes and submits her statement (UI); the other members of her cell are brought
//     to `submitted` through the API (the secretary entering on their behalf, support.mjs `send`);
//  3. her cell's secretary (`bithu`) runs the meeting (UI): convenes it, calls the roll (one approved absence),
//     one subject by a secret ballot cast by real member accounts on their own phones, every other subject by a
//     show of hands, each concluded, the meeting closed and its minutes frozen;
//  4. the commune's other cells: statements and meetings through the statement and meeting routes (API), with
//     enough members voted "Hoàn thành xuất sắc nhiệm vụ" to exceed the commune's quota;
//  5. the committee's staff (`vanphong`) appraise with the quota meter (UI), the committee (`capuy`) is REFUSED over
//     quota with the reason shown and nothing stored, the staff lower proposals within the quota, the committee
//     decides and publishes (UI);
//  6. the member sees her grade and the notification on a phone, reached from the navigation (UI).
// After each step the test reads back what the API stored. Page loads are printed; screenshots: docs/screenshots/
// cycle-run-*.png.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { DESKTOP, PHONE } from './browser.mjs';
import {
  ADMIN,
  MEMBER,
  PASSWORD,
  SECRETARY,
  fillStatement,
  getJson,
  noHorizontalScroll,
  send,
  shot,
  signedInContext,
  submitStatement,
  demoSuite,
} from './support.mjs';
import { openCycleFromHome } from './steps/cycle.mjs';
import {
  callTheRoll,
  closeMeeting,
  concludeByHands,
  conclude,
  conveneMeeting,
  memberAccounts,
  recordSubject,
  runSecretBallot,
  settle,
  submitCellStatements,
} from './steps/meeting.mjs';
import { bringCellsToReviewed, decidedWithinQuota, memberResults, meters, refusedOverQuota, subjectsOf } from './steps/decision.mjs';

const STAFF = 'vanphong';
const COMMITTEE = 'capuy';
const PREP_SECRETARY = 'e2e-chuanbi'; // a cell secretary over the commune, made by the admin for the other cells
const RESIDENCE = 'Chi ủy nơi cư trú nhận xét: gương mẫu, gần gũi nhân dân.';

const suite = demoSuite({ width: 30 });
const { measure } = suite;
// Filled as the tests go: they play one cycle in order.
const state = {};

describe('the whole cycle through the UI', () => {
  test('1. the administrator opens the year\'s cycle from his home page', async () => {
    const admin = await signedInContext(suite.browser, suite.system, DESKTOP, ADMIN);
    const page = await admin.newPage();
    const root = admin.account.roles[0].unit_id;
    await measure(page, 'home (admin, no cycle)', '/', '[data-testid=todo-no-cycle]');
    state.cycleId = await openCycleFromHome(page);
    const cycle = await getJson(admin, `/api/v1/cycles/${state.cycleId}`);
    state.year = new Date().getFullYear();
    assert.deepEqual([cycle.year, cycle.root_unit_id, cycle.ruleset], [state.year, root, 'qd366-2025']);
    assert.equal(cycle.calendar.find((c) => c.level === 'cell').meeting, `${state.year}-12-12`);

    const committee = await signedInContext(suite.browser, suite.system, DESKTOP, COMMITTEE);
    const member = await signedInContext(suite.browser, suite.system, DESKTOP, MEMBER);
    const secretary = await signedInContext(suite.browser, suite.system, DESKTOP, SECRETARY);
    state.commune = committee.account.roles.find((g) => g.role === 'committee').unit_id;
    state.cellId = secretary.account.roles.find((g) => g.role === 'cell_secretary').unit_id;
    assert.equal(member.account.home_unit_id, state.cellId, 'the demo member is in the secretary\'s cell');
    state.memberPerson = member.account.person_id;
    state.secretaryPerson = secretary.account.person_id;
    const made = await send(admin, 'POST', '/api/v1/accounts', {
      username: PREP_SECRETARY,
      display_name: 'Thư ký chuẩn bị kiểm điểm',
      password: PASSWORD,
      home_unit_id: state.commune,
      roles: [{ role: 'cell_secretary', unit_id: state.commune }],
    });
    assert.equal(made.status(), 201, await made.text());
    await Promise.all([admin.close(), committee.close(), member.close(), secretary.close()]);
  });

  test('2. the member submits her statement in the UI; her cell\'s other statements through the API', async () => {
    const context = await signedInContext(suite.browser, suite.system, DESKTOP, MEMBER);
    const page = await context.newPage();
    const mine = (await getJson(context, '/api/v1/me/reviews')).items.find((r) => r.cycle_id === state.cycleId);
    assert.ok(mine?.reviewed, 'the demo member is reviewed in the new cycle');
    state.memberReview = mine.id;
    await measure(page, 'home (member)', '/', '[data-testid=my-review]');
    await page.getByTestId('open-statement').click();
    await page.waitForURL(new RegExp(`/reviews/${mine.id}$`));
    await page.getByTestId('section-strengths').waitFor();
    await fillStatement(page, { evidence: 'https://example.vn/bao-cao-ca-nhan.pdf' });
    await submitStatement(page);
    await page.getByTestId('submitted-banner').waitFor();
    const stored = await getJson(context, `/api/v1/reviews/${mine.id}/statement`);
    assert.deepEqual([stored.status, stored.on_behalf, stored.proposed], ['submitted', false, 'HTTNV']);
    assert.deepEqual(stored.scores, { general: 27, tasks: 63 });
    await context.close();

    const secretary = await signedInContext(suite.browser, suite.system, DESKTOP, SECRETARY);
    await submitCellStatements(secretary, state.cycleId, state.cellId);
    const subjects = (await subjectsOf(secretary, state.cycleId, state.cellId)).filter((s) => s.reviewed);
    assert.ok(subjects.length >= 5);
    assert.ok(subjects.every((s) => s.state === 'submitted'), 'every statement of the cell is submitted');
    await secretary.close();
  });

  test('3. the secretary runs the meeting in the UI: roll call, a secret ballot on the members\' phones, every subject concluded, the minutes', async () => {
    const context = await signedInContext(suite.browser, suite.system, DESKTOP, SECRETARY);
    const page = await context.newPage();
    const { cycleId, cellId } = state;
    await measure(page, 'cycle (cell, before meeting)', `/cycles/${cycleId}?unit=${cellId}`, '[data-testid=new-meeting]');
    const people = (await getJson(context, `/api/v1/people?unit_id=${cellId}&page_size=500`)).items;
    const other = people.find((p) => p.id !== state.secretaryPerson && p.id !== state.memberPerson && p.status === 'active');
    const form = await conveneMeeting(page, { cycleId, cellId, place: 'Nhà văn hóa tổ dân phố', secretaryName: other.full_name });
    const meetingId = await form.submit();
    state.meetingId = meetingId;
    let m = await getJson(context, `/api/v1/meetings/${meetingId}`);
    assert.deepEqual([m.place, m.chair_id, m.secretary_id, m.status], ['Nhà văn hóa tổ dân phố', state.secretaryPerson, other.id, 'open']);

    // The roll call: one member away on duty, with the reason approved by the chair; everyone else present.
    const away = m.attendees.find(
      (a) => a.voter && ![state.secretaryPerson, state.memberPerson, other.id].includes(a.person_id),
    );
    const quorum = await callTheRoll(page, [
      { person_id: away.person_id, presence: 'absent_with_reason', reason: 'Đi công tác', approved: true },
    ]);
    assert.match(quorum, /đủ điều kiện tiến hành/);
    m = await getJson(context, `/api/v1/meetings/${meetingId}`);
    assert.equal(m.quorum.met, true);
    const awayStored = m.attendees.find((a) => a.person_id === away.person_id);
    assert.deepEqual([awayStored.presence, awayStored.absence_reason, awayStored.absence_approved], ['absent_with_reason', 'Đi công tác', true]);
    const present = m.attendees.filter((a) => a.voter && a.presence === 'present');

    // The ballot's voters: the secretary, the member and accounts made for others present, a majority of the base.
    const need = Math.floor(m.quorum.base / 2) + 1;
    const others = present.filter((a) => ![state.secretaryPerson, state.memberPerson].includes(a.person_id));
    const admin = await signedInContext(suite.browser, suite.system, DESKTOP, ADMIN);
    const accounts = await memberAccounts(admin, cellId, others.slice(0, need - 2), 'e2e-chuky');
    await admin.close();
    const voters = [SECRETARY, MEMBER, ...accounts.map((a) => a.username)];
    const ballotSubject = m.subjects.find((s, i) => i > 0 && s.graded);

    for (const s of m.subjects) {
      if (s.subject_id === ballotSubject.subject_id) {
        // While open nobody reads a tally; the member reaches the ballot from her home page on her phone.
        const panel = await runSecretBallot(page, suite.browser, suite.system, s, voters, (i) => (i === 0 ? 'HTXSNV' : 'HTTNV'));
        await recordSubject(page, s, { residence: RESIDENCE, civilGrade: 'HTTNV' });
        assert.match(await conclude(page, panel), /Hoàn thành tốt nhiệm vụ/);
        continue;
      }
      const said = await concludeByHands(page, s, present.length, 'HTTNV', RESIDENCE);
      assert.match(said, s.graded ? /Hoàn thành tốt nhiệm vụ/ : /không xếp loại/);
    }
    m = await getJson(context, `/api/v1/meetings/${meetingId}`);
    assert.ok(m.subjects.every((s) => s.concluded), 'every subject concluded');
    for (const s of m.subjects) {
      assert.equal((await getJson(context, `/api/v1/reviews/${s.subject_id}`)).state, 'reviewed');
      assert.equal(s.meeting_grade, s.graded ? 'HTTNV' : null);
    }
    const ballot = m.subjects.find((s) => s.subject_id === ballotSubject.subject_id);
    assert.deepEqual([ballot.tally_source, ballot.tally.total], ['secret_ballot', voters.length]);

    const shown = await closeMeeting(page);
    const minutes = await getJson(context, `/api/v1/meetings/${meetingId}/minutes`);
    assert.equal(minutes.frozen, true);
    assert.equal(shown.trim(), minutes.text.trim(), 'the minutes are shown as stored');
    assert.match(shown, new RegExp(`Vắng mặt: ${away.full_name} \\(có lý do: Đi công tác\\)`));
    assert.equal((await getJson(context, `/api/v1/meetings/${meetingId}`)).status, 'closed');
    // The cell's cycle page now leads to the closed meeting.
    await measure(page, 'cycle (cell, after meeting)', `/cycles/${cycleId}?unit=${cellId}`, '[data-testid=open-meeting]');
    await page.getByTestId('meeting-entry').scrollIntoViewIfNeeded();
    await settle(page);
    await shot(page, 'cycle-run-cell-desktop');
    await context.close();
  });

  test('4. the commune\'s other cells: statements and meetings through the API, over the commune\'s quota', async () => {
    const prep = await signedInContext(suite.browser, suite.system, DESKTOP, PREP_SECRETARY);
    const { cycleId, commune, cellId } = state;
    const tree = (await getJson(prep, `/api/v1/units/${commune}/tree?depth=1`)).unit;
    const cells = tree.children.filter((c) => c.kind === 'cell' && c.id !== cellId && c.members > 0).map((c) => c.id);
    assert.ok(cells.length >= 1, 'the commune has other cells');
    const inCells = (await subjectsOf(prep, cycleId, commune)).filter((s) => s.unit_id === cellId || cells.includes(s.unit_id));
    const graded = inCells.filter((s) => s.kind === 'member' && s.reviewed && s.graded);
    // 366 Điều 11: HTXSNV ≤ floor(20 % × HTTNV). One more than the fewest that exceed it, all in the other cells.
    let x = 1;
    while (x <= Math.floor(0.2 * (graded.length - x))) ++x;
    const candidates = graded.filter((s) => s.unit_id !== cellId);
    assert.ok(candidates.length > x + 1, 'enough members in the other cells');
    const outstanding = candidates.slice(0, x + 1);
    const subjects = await bringCellsToReviewed(prep, cycleId, cells, { outstanding: new Set(outstanding.map((s) => s.person_id)) });
    assert.ok(subjects.filter((s) => s.reviewed !== false).every((s) => s.state === 'reviewed'), 'every cell reviewed');
    state.outstanding = outstanding.map((s) => s.subject_id);
    await prep.close();
  });

  test('5. the committee appraises with the quota meter, is refused over quota, then decides within it and publishes', async () => {
    const { cycleId, commune } = state;
    const staff = await signedInContext(suite.browser, suite.system, DESKTOP, STAFF);
    const whatIf = async (overrides = {}) =>
      (await send(staff, 'POST', `/api/v1/cycles/${cycleId}/appraisal`, { unit_id: commune, overrides })).json();
    const start = (await whatIf()).quotas.find((q) => q.unit_id === commune) ?? (await whatIf()).quotas[0];
    assert.equal(start.ok, false, 'the meetings voted over the quota');
    assert.equal(start.count, state.outstanding.length);
    const page = await staff.newPage();
    await measure(page, 'appraisal (commune)', `/cycles/${cycleId}/appraisal?unit=${commune}`, '[data-testid=quota-meter]');
    assert.deepEqual((await meters(page))[0], { unit: commune, count: start.count, limit: start.limit, ok: false });
    await page.getByTestId('over-quota').waitFor();
    const committee = await signedInContext(suite.browser, suite.system, DESKTOP, COMMITTEE);
    const cpage = await committee.newPage();
    const sequence = { staff: page, committee: cpage, measure, cycleId, unitId: commune };
    const signer = 'Lê Văn Mạnh, Bí thư Đảng ủy';
    const body = `Công nhận kết quả xếp loại chất lượng đảng viên năm ${state.year}`;
    // The proposals as the meetings voted: refused over the quota.
    const refused = await refusedOverQuota({
      ...sequence,
      expectCount: start.count,
      record: { number: '21-QĐ/ĐU', signer, body },
      untouched: state.memberReview,
    });
    const proposed = await getJson(staff, `/api/v1/reviews/${state.memberReview}`);
    assert.equal(proposed.proposed_grade, 'HTTNV');
    assert.match(
      refused.quotaProblems.join(' '),
      new RegExp(`${start.count} đảng viên “Hoàn thành xuất sắc nhiệm vụ” vượt hạn mức ${start.limit}`),
    );
    assert.deepEqual(refused.rowProblems, {}, 'no grade above its maximum');
    await shot(cpage, 'cycle-run-refused-desktop');

    // Within the quota: the fewest outstanding proposals lowered (found with the server's what-if), with reasons.
    let k = 1;
    const lowered = (n) => Object.fromEntries(state.outstanding.slice(0, n).map((id) => [id, 'HTTNV']));
    while (!(await whatIf(lowered(k))).quotas.every((q) => q.ok)) ++k;
    const reason = 'Giữ trong hạn mức 20 % của đảng bộ; thành tích chưa nổi bật bằng các đồng chí khác';
    const decision = await decidedWithinQuota({
      ...sequence,
      grades: lowered(k),
      reasons: Object.fromEntries(state.outstanding.slice(0, k).map((id) => [id, reason])),
      expectCount: start.count - k,
      record: { number: '22-QĐ/ĐU', signer, body },
    });
    await staff.close();
    const byId = new Map(decision.grades.map((g) => [g.subject_id, g.grade]));
    for (const [i, id] of state.outstanding.entries()) assert.equal(byId.get(id), i < k ? 'HTTNV' : 'HTXSNV');
    assert.equal(byId.get(state.memberReview), 'HTTNV');
    // The cycle page's decision steps list the published decision.
    await cpage.goto(`/cycles/${cycleId}?unit=${commune}`);
    const listed = cpage.locator(`[data-testid=cycle-decision][data-decision="${decision.id}"]`);
    assert.match(await listed.innerText(), /22-QĐ\/ĐU[\s\S]*Đã công bố/, 'the cycle page lists the stored decision');
    await committee.close();
  });

  test('6. the member sees her grade and her notification on a phone, from the navigation', async () => {
    const member = await signedInContext(suite.browser, suite.system, PHONE, MEMBER);
    const page = await member.newPage();
    await measure(page, 'home (member, phone)', '/', '[data-testid=my-review]');
    // The navigation leads a member to her secret ballot (none open now) and to her results.
    await page.locator('.shell-nav').getByRole('link', { name: 'Bỏ phiếu kín' }).click();
    await page.waitForURL(/\/ballot$/);
    await page.getByTestId('ballot-none').waitFor();
    await page.locator('.shell-nav').getByRole('link', { name: 'Kết quả của tôi' }).click();
    await page.waitForURL(/\/my-results$/);
    const seen = await memberResults(page, state.memberReview);
    assert.equal(seen.grade, 'HTTNV');
    const review = await getJson(member, `/api/v1/reviews/${state.memberReview}`);
    assert.equal(review.decisions.length, 1, 'decided once');
    const notes = (await getJson(member, '/api/v1/me/notifications')).items;
    assert.ok(notes.length >= 1, 'notified');
    assert.ok(seen.notes.some((n) => n.includes(notes[0].text_vi)), 'the notification is shown');
    assert.ok(await noHorizontalScroll(page), 'the results fit a phone');
    await shot(page, 'cycle-run-result-phone');
    await measure(page, 'my results (phone)', '/my-results', '[data-testid=result]');
    await member.close();
  });
});
