// Browser tests of the appraisal, decision, publication, results and complaint screens against the real server and
// a fresh demo province: the commune's committee (`capuy`) opens the year's cycle; two of its cells are brought to
// `reviewed` through the statement and meeting routes (five members voted HTXSNV: over the commune's quota); then in
// the browser the committee's staff (`vanphong`) appraise with the quota meter (one member raised above the grade
// the rules allow), the committee is refused with every reason shown and nothing stored, the staff lower the
// proposals within the quota, the committee decides and publishes; the member (`dangvien`) sees her grade and the
// notification on a phone and files a complaint; the committee rejects it with reasons and the member reads the
// answer. Load times are printed; screenshots go to docs/screenshots/.
import assert from 'node:assert/strict';
import { before, describe, test } from 'node:test';
import { DESKTOP, PHONE } from './browser.mjs';
import { ADMIN, MEMBER, PASSWORD, demoSuite, getJson, noHorizontalScroll, send, shot, signedInContext } from './support.mjs';
import {
  answerComplaint,
  bringCellsToReviewed,
  cancelGrade,
  chooseGrade,
  decide,
  decidedWithinQuota,
  fileComplaint,
  memberResults,
  meters,
  openAppraisal,
  publish,
  refusedOverQuota,
  regrade,
  subjectsOf,
} from './steps/decision.mjs';

const STAFF = 'vanphong';
const ZOOM_125 = { viewport: { width: 1024, height: 800 }, deviceScaleFactor: 1.25 };
const COMMITTEE = 'capuy';
const PREP_SECRETARY = 'e2e-thuky'; // a cell secretary over the commune, made by the admin to enter statements
const SIGNER = 'Lê Văn Mạnh, Bí thư Đảng ủy';
const BODY = (year) => `Công nhận kết quả xếp loại chất lượng đảng viên năm ${year}`;

const suite = demoSuite({ width: 30 });
const { measure } = suite;
const state = {};

describe('appraisal, decision and complaint screens', () => {
  before(async () => {
    const committee = await signedInContext(suite.browser, suite.system, DESKTOP, COMMITTEE);
    const admin = await signedInContext(suite.browser, suite.system, DESKTOP, ADMIN);
    const member = await signedInContext(suite.browser, suite.system, DESKTOP, MEMBER);
    const commune = committee.account.roles.find((g) => g.role === 'committee').unit_id;
    const year = new Date().getFullYear();
    const opened = await send(committee, 'POST', '/api/v1/cycles', { unit_id: commune, year });
    assert.equal(opened.status(), 201, await opened.text());
    const cycleId = (await opened.json()).id;
    const account = await send(admin, 'POST', '/api/v1/accounts', {
      username: PREP_SECRETARY,
      display_name: 'Thư ký kiểm điểm',
      password: PASSWORD,
      home_unit_id: commune,
      roles: [{ role: 'cell_secretary', unit_id: commune }],
    });
    assert.equal(account.status(), 201, await account.text());
    const secretary = await signedInContext(suite.browser, suite.system, DESKTOP, PREP_SECRETARY);
    // The member's cell and the commune's smallest other cell.
    const memberCell = member.account.home_unit_id;
    const tree = (await getJson(committee, `/api/v1/units/${commune}/tree?depth=1`)).unit;
    const small = tree.children
      .filter((c) => c.kind === 'cell' && c.id !== memberCell && c.members > 0)
      .sort((a, b) => a.members - b.members)[0];
    const inCell = (await subjectsOf(secretary, cycleId, memberCell)).filter((s) => s.kind === 'member' && s.reviewed);
    const others = inCell.filter((s) => s.person_id !== member.account.person_id && s.graded);
    const outstanding = others.slice(0, 5);
    const subjects = await bringCellsToReviewed(secretary, cycleId, [memberCell, small.id], {
      outstanding: new Set(outstanding.map((s) => s.person_id)),
    });
    assert.ok(subjects.filter((s) => s.state === 'reviewed').length > 20, 'the two cells are reviewed');
    Object.assign(state, {
      year,
      cycleId,
      commune,
      memberReview: inCell.find((s) => s.person_id === member.account.person_id).subject_id,
      outstanding: outstanding.map((s) => s.subject_id),
      outstandingPeople: outstanding.map((s) => s.person_id),
      memberCell,
      province: admin.account.roles[0].unit_id,
      raised: others[6].subject_id, // a member whose statement allows HTTNV at most
    });
    await Promise.all([committee.close(), admin.close(), member.close(), secretary.close()]);
  });

  test('the staff appraise with the quota meter; the committee is refused with every reason and nothing is stored', async () => {
    const staff = await signedInContext(suite.browser, suite.system, DESKTOP, STAFF);
    const page = await staff.newPage();
    const { cycleId, commune } = state;
    const api = async (overrides = {}) =>
      (await send(staff, 'POST', `/api/v1/cycles/${cycleId}/appraisal`, { unit_id: commune, overrides })).json();
    const start = await api();
    // The way in: the cycle page of the commune offers the appraisal, the decision and the complaints.
    await page.goto(`/cycles/${cycleId}?unit=${commune}`);
    await page.getByTestId('open-appraisal').click();
    await page.waitForURL(`**/cycles/${cycleId}/appraisal?unit=${commune}`);
    await page.getByTestId('quota-meter').waitFor();
    await measure(page, 'appraisal (commune)', `/cycles/${cycleId}/appraisal?unit=${commune}`, '[data-testid=quota-meter]');
    // The meter is the server's: five HTXSNV over a limit of four.
    const [quota] = start.quotas;
    assert.deepEqual((await meters(page))[0], { unit: commune, count: quota.count, limit: quota.limit, ok: quota.ok });
    assert.equal(quota.count, 5);
    assert.equal(quota.ok, false);
    await page.getByTestId('over-quota').waitFor();
    // Each subject with its findings beside it: the raised member is capped at HTTNV by her score.
    const raisedRow = page.locator(`[data-testid=appraisal-row][data-subject="${state.raised}"]`);
    assert.equal(await raisedRow.getByTestId('max-grade').getAttribute('data-grade'), 'HTTNV');
    assert.equal(await raisedRow.getByTestId('meeting-grade').getAttribute('data-grade'), 'HTTNV');
    await raisedRow.locator('summary').click();
    assert.match(await raisedRow.getByTestId('findings').innerText(), /86 điểm/);
    // Raising her without a reason is refused on the page, nothing sent.
    await chooseGrade(page, state.raised, 'HTXSNV');
    // The server's what-if answers: above her maximum, so the engine does not count her in the quota.
    await raisedRow.getByTestId('above-max').waitFor();
    await page.getByTestId('what-if-checking').waitFor({ state: 'detached' });
    assert.equal((await meters(page))[0].count, 5);
    await page.getByTestId('save-proposals').click();
    assert.match(await raisedRow.getByTestId('row-problem').innerText(), /Cần ghi lý do/);
    assert.equal((await getJson(staff, `/api/v1/reviews/${state.raised}`)).state, 'reviewed', 'nothing proposed');
    await shot(page, 'appraisal-desktop');
    // With the reason, every proposal is saved (the others as the meeting voted); the committee is refused.
    const committee = await signedInContext(suite.browser, suite.system, DESKTOP, COMMITTEE);
    const cpage = await committee.newPage();
    const refused = await refusedOverQuota({
      staff: page,
      committee: cpage,
      measure,
      cycleId,
      unitId: commune,
      grades: { [state.raised]: 'HTXSNV' },
      reasons: { [state.raised]: 'Có thành tích đột xuất trong công tác dân vận' },
      expectCount: 5,
      record: { number: '15-QĐ/ĐU', signer: SIGNER, body: BODY(state.year) },
      untouched: state.raised,
    });
    const raised = await getJson(staff, `/api/v1/reviews/${state.raised}`);
    assert.equal(raised.proposed_grade, 'HTXSNV');
    assert.equal(raised.transitions.at(-1).reason, 'Có thành tích đột xuất trong công tác dân vận');
    await staff.close();
    // Every reason: the raised member above her maximum (beside her) and the quota (beside the meter), in words.
    assert.equal(refused.reasons.length, 2, refused.reasons.join('\n'));
    assert.match(refused.rowProblems[state.raised]?.join(' ') ?? '', /cao hơn mức cao nhất được phép là “Hoàn thành tốt nhiệm vụ”/);
    assert.match(refused.quotaProblems.join(' '), /5 đảng viên “Hoàn thành xuất sắc nhiệm vụ” vượt hạn mức 4/);
    assert.doesNotMatch(refused.reasons.join(' '), /\bHTXSNV\b/, 'no grade codes left in the reasons');
    await shot(cpage, 'decision-refused-desktop');
    await committee.close();

    const phone = await signedInContext(suite.browser, suite.system, PHONE, COMMITTEE);
    const p = await phone.newPage();
    await decide(p, { cycleId, unitId: commune, number: '15-QĐ/ĐU', signer: SIGNER });
    await p.getByTestId('refusal').scrollIntoViewIfNeeded();
    assert.ok(await noHorizontalScroll(p), 'the refused decision fits a phone');
    await shot(p, 'decision-refused-phone');
    await phone.close();
    const sp = await signedInContext(suite.browser, suite.system, PHONE, STAFF);
    const sPage = await sp.newPage();
    await openAppraisal(sPage, { cycleId, unitId: commune });
    assert.ok(await noHorizontalScroll(sPage), 'the appraisal fits a phone');
    await shot(sPage, 'appraisal-phone');
    await sp.close();
    // 125 % browser zoom of a 1280 px wide window: 1024 CSS pixels drawn at 1.25 device pixels each.
    const zoomed = await signedInContext(suite.browser, suite.system, ZOOM_125, STAFF);
    const zPage = await zoomed.newPage();
    await openAppraisal(zPage, { cycleId, unitId: commune });
    assert.ok(await noHorizontalScroll(zPage), 'the appraisal fits at 125 % zoom');
    await zPage.goto(`/cycles/${cycleId}/decide?unit=${commune}`);
    await zPage.getByTestId('batch').waitFor();
    assert.ok(await noHorizontalScroll(zPage), 'the decision fits at 125 % zoom');
    await zoomed.close();
  });

  test('within the quota the committee decides and publishes; the record is read-only', async () => {
    const { cycleId, commune } = state;
    const staff = await signedInContext(suite.browser, suite.system, DESKTOP, STAFF);
    const page = await staff.newPage();
    const [first, second] = state.outstanding;
    const committee = await signedInContext(suite.browser, suite.system, DESKTOP, COMMITTEE);
    const cpage = await committee.newPage();
    const keep = 'Giữ trong hạn mức 20 % của đảng bộ; thành tích chưa nổi bật bằng các đồng chí khác';
    const decision = await decidedWithinQuota({
      staff: page,
      committee: cpage,
      measure,
      cycleId,
      unitId: commune,
      grades: { [state.raised]: 'HTTNV', [first]: 'HTTNV' },
      byKeyboard: { [second]: ['HTXSNV', 'HTTNV'] }, // the keyboard alone: focus, ↓ opens, ↓ moves, Enter, Tab, type
      reasons: { [first]: keep, [second]: keep },
      expectCount: 3,
      record: { number: '16-QĐ/ĐU', signer: SIGNER, body: BODY(state.year) },
      beforePublish: async (stored) => {
        const byId = new Map(stored.grades.map((g) => [g.subject_id, g.grade]));
        assert.equal(byId.get(first), 'HTTNV');
        assert.equal(byId.get(state.outstanding[2]), 'HTXSNV');
        assert.equal(byId.get(state.memberReview), 'HTTNV');
        assert.equal(await cpage.getByTestId('record-row').count(), stored.grades.length);
        await shot(cpage, 'decision-desktop');
      },
    });
    // The reason typed with the keyboard alone is the one her proposal was saved with.
    const keyed = await getJson(staff, `/api/v1/reviews/${second}`);
    const proposal = keyed.transitions.findLast((x) => x.to === 'proposed');
    assert.deepEqual([keyed.proposed_grade, proposal.reason], ['HTTNV', keep]);
    await staff.close();
    await shot(cpage, 'decision-published-desktop');
    state.decisionId = decision.id;
    await committee.close();

    const phone = await signedInContext(suite.browser, suite.system, PHONE, COMMITTEE);
    const p = await phone.newPage();
    await p.goto(`/decisions/${decision.id}`);
    await p.getByTestId('record-row').first().waitFor();
    assert.ok(await noHorizontalScroll(p), 'the decision record fits a phone');
    await shot(p, 'decision-phone');
    await phone.close();
  });

  test('the member reads her result on a phone and complains; the committee rejects it with reasons', async () => {
    const { cycleId, commune, memberReview } = state;
    const member = await signedInContext(suite.browser, suite.system, PHONE, MEMBER);
    const page = await member.newPage();
    await page.goto('/');
    await page.getByTestId('home-my-results').click();
    await page.waitForURL('**/my-results');
    await measure(page, 'my results (phone)', '/my-results', '[data-testid=result]');
    const seen = await memberResults(page, memberReview);
    assert.equal(seen.grade, 'HTTNV');
    const notes = (await getJson(member, '/api/v1/me/notifications')).items;
    assert.ok(notes.length >= 1, 'notified');
    assert.ok(seen.notes.some((n) => n.includes(notes[0].text_vi)), 'the notification is shown');
    assert.ok(await noHorizontalScroll(page), 'the results fit a phone');
    await shot(page, 'results-phone');
    // "Đã đọc" marks the notification read, for her only.
    const unread = page.locator('[data-testid=notification][data-read=false]').first();
    await unread.getByRole('button', { name: 'Đã đọc' }).click();
    await page.locator('[data-testid=notification][data-read=false]').waitFor({ state: 'detached' });
    assert.notEqual((await getJson(member, '/api/v1/me/notifications')).items[0].read_at, null);
    await measure(page, 'my result (phone)', `/reviews/${memberReview}/result`, '[data-testid=complaint-card]');
    await page.getByTestId('complaint-window').waitFor();
    // The history: every step of her review, the decision last.
    const history = (await getJson(member, `/api/v1/reviews/${memberReview}`)).transitions;
    assert.equal(await page.locator('[data-testid=history-wrap] .history-entry').count(), history.length);
    await fileComplaint(page, {
      reviewId: memberReview,
      text: 'Tôi đề nghị xem xét lại vì trong năm tôi đã hoàn thành vượt mức chỉ tiêu vận động quỹ khuyến học.',
      requested: 'HTXSNV',
      beforeSubmit: async (p) => {
        assert.ok(await noHorizontalScroll(p), 'the complaint form fits a phone');
        await p.getByTestId('complaint-text').scrollIntoViewIfNeeded();
        await shot(p, 'complaint-phone');
      },
    });
    const filed = await getJson(member, `/api/v1/reviews/${memberReview}`);
    assert.equal(filed.state, 'complaint_filed');
    assert.equal(filed.complaints[0].requested, 'HTXSNV');
    await page.getByTestId('complaint-closed').waitFor(); // a second complaint waits for the answer
    assert.equal(await page.getByTestId('complaint-text').count(), 0);

    const committee = await signedInContext(suite.browser, suite.system, DESKTOP, COMMITTEE);
    const cpage = await committee.newPage();
    await measure(cpage, 'complaints (commune)', `/cycles/${cycleId}/complaints?unit=${commune}`, '[data-testid=complaint-item]');
    await shot(cpage, 'complaint-answer-desktop');
    await answerComplaint(cpage, {
      cycleId,
      unitId: commune,
      subjectId: memberReview,
      outcome: 'rejected',
      reasons: 'Kết quả vận động quỹ khuyến học đã được tính; điểm tự chấm 86 chưa đạt mức 90 của Hoàn thành xuất sắc.',
    });
    const answered = await getJson(committee, `/api/v1/reviews/${memberReview}`);
    assert.deepEqual([answered.state, answered.complaints[0].outcome], ['published', 'rejected']);
    await committee.close();

    await page.goto(`/reviews/${memberReview}/result`);
    await page.locator('[data-testid=complaint][data-outcome=rejected]').waitFor();
    assert.match(await page.getByTestId('complaint-answer').innerText(), /điểm tự chấm 86/);
    await shot(page, 'results-answer-phone');
    const desk = await signedInContext(suite.browser, suite.system, DESKTOP, MEMBER);
    const d = await desk.newPage();
    await measure(d, 'my results (desktop)', '/my-results', '[data-testid=result]');
    await shot(d, 'results-desktop');
    await desk.close();
    await member.close();
  });

  test('an upheld complaint is re-graded through the same checks, published and seen by the member', async () => {
    const { cycleId, commune, memberCell } = state;
    // The first member lowered within the quota (her statement allows HTXSNV) gets an account and complains.
    const [reviewId] = state.outstanding;
    const admin = await signedInContext(suite.browser, suite.system, DESKTOP, ADMIN);
    const made = await send(admin, 'POST', '/api/v1/accounts', {
      username: 'e2e-khieunai',
      display_name: 'Đảng viên khiếu nại',
      password: PASSWORD,
      home_unit_id: memberCell,
      person_id: state.outstandingPeople[0],
      roles: [{ role: 'member', unit_id: memberCell }],
    });
    assert.equal(made.status(), 201, await made.text());
    await admin.close();
    const member = await signedInContext(suite.browser, suite.system, PHONE, 'e2e-khieunai');
    const page = await member.newPage();
    assert.equal((await memberResults(page, reviewId)).grade, 'HTTNV');
    await fileComplaint(page, {
      reviewId,
      text: 'Chi bộ đã biểu quyết tôi Hoàn thành xuất sắc nhiệm vụ; đề nghị giữ mức chi bộ đã biểu quyết.',
      requested: 'HTXSNV',
    });

    const committee = await signedInContext(suite.browser, suite.system, DESKTOP, COMMITTEE);
    const cpage = await committee.newPage();
    await answerComplaint(cpage, {
      cycleId,
      unitId: commune,
      subjectId: reviewId,
      outcome: 'upheld',
      reasons: 'Đồng chí đạt 95 điểm và vượt mức nhiệm vụ; hạn mức của đảng bộ còn chỗ.',
    });
    const item = cpage.locator(`[data-testid=complaint-item][data-subject="${reviewId}"]`);
    await item.getByTestId('to-regrade').click();
    await cpage.getByTestId('regrade-card').waitFor();
    await shot(cpage, 'complaint-regrade-desktop');
    const stored = await regrade(cpage, { reviewId, number: '17-QĐ/ĐU', signer: 'Lê Văn Mạnh, Bí thư Đảng ủy' });
    assert.equal(stored.refused, false);
    const review = await getJson(committee, `/api/v1/reviews/${reviewId}`);
    assert.deepEqual([review.state, review.grade], ['decided', 'HTXSNV']);
    const last = review.decisions.at(-1);
    assert.deepEqual([last.kind, last.complaint_id, last.previous_grade], ['complaint', review.complaints[0].id, 'HTTNV']);
    await publish(cpage, last.id);
    await committee.close();

    assert.equal((await memberResults(page, reviewId)).grade, 'HTXSNV');
    await shot(page, 'results-regraded-phone');
    await member.close();
  });

  test('the level above cancels a grade with a reason and re-grades it; a grade above the maximum is refused first', async () => {
    const admin = await signedInContext(suite.browser, suite.system, DESKTOP, ADMIN);
    const made = await send(admin, 'POST', '/api/v1/accounts', {
      username: 'e2e-bch-tinh',
      display_name: 'Ban Thường vụ Tỉnh ủy',
      password: PASSWORD,
      home_unit_id: state.province,
      roles: [{ role: 'committee', unit_id: state.province }],
    });
    assert.equal(made.status(), 201, await made.text());
    await admin.close();
    const superior = await signedInContext(suite.browser, suite.system, DESKTOP, 'e2e-bch-tinh');
    const page = await superior.newPage();
    const reviewId = state.raised; // decided HTTNV; her statement allows no more
    await cancelGrade(page, { reviewId, reason: 'Kiểm tra phát hiện hồ sơ chưa đầy đủ, cần xem xét lại' });
    const cancelled = await getJson(superior, `/api/v1/reviews/${reviewId}`);
    assert.deepEqual([cancelled.state, cancelled.grade], ['regrading', null]);
    assert.equal(cancelled.transitions.at(-1).reason, 'Kiểm tra phát hiện hồ sơ chưa đầy đủ, cần xem xét lại');
    await shot(page, 'results-cancel-desktop');
    const refused = await regrade(page, { reviewId, grade: 'HTXSNV', number: '05-QĐ/TU', signer: 'Ban Thường vụ Tỉnh ủy' });
    assert.ok(refused.refused, 'above her maximum: refused');
    assert.match(refused.reasons.join(' '), /cao hơn mức cao nhất được phép/);
    assert.equal((await getJson(superior, `/api/v1/reviews/${reviewId}`)).state, 'regrading', 'nothing stored');
    const stored = await regrade(page, { reviewId, grade: 'HTNV', number: '05-QĐ/TU', signer: 'Ban Thường vụ Tỉnh ủy' });
    assert.equal(stored.refused, false);
    const after = await getJson(superior, `/api/v1/reviews/${reviewId}`);
    assert.deepEqual([after.state, after.grade, after.decisions.at(-1).kind], ['decided', 'HTNV', 'regrade']);
    await superior.close();
  });
});
