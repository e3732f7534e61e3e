// The appraisal, decision, publication, results and complaint steps of a cycle, reusable by any browser test file
// (decision.test.mjs, and the whole-cycle test that chains them after the meeting screens). The API preparation
// (`bringCellsToReviewed`) plays what the member and meeting screens do, through the same routes, so that these steps
// can also run on their own from a fresh demo.
import assert from 'node:assert/strict';
import { getJson, send } from '../support.mjs';

const STRONG = { general: 29, tasks: 66 }; // 95: the 366 band allows HTXSNV
const GOOD = { general: 26, tasks: 60 }; // 86: HTTNV at most

async function ok(response, what) {
  const text = await response.text();
  assert.ok(response.status() < 300, `${what}: ${response.status()} ${text}`);
  return text ? JSON.parse(text) : null;
}

// Every subject of the cycle under `unitId` (all pages).
export async function subjectsOf(context, cycleId, unitId) {
  const out = [];
  for (let page = 1; ; ++page) {
    const r = await getJson(context, `/api/v1/cycles/${cycleId}/subjects?unit_id=${unitId}&page=${page}&page_size=100`);
    out.push(...r.items);
    if (out.length >= r.total || r.items.length === 0) return out;
  }
}

// Submits a subject's statement (the secretary entering it on behalf) unless it is already submitted.
async function submitStatement(secretary, subjectId, strong) {
  const path = `/api/v1/reviews/${subjectId}/statement`;
  const got = await getJson(secretary, path);
  if (got.state !== 'not_started' && got.state !== 'draft') return;
  const sections = Object.fromEntries(got.form.sections.map((s) => [s.key, `Nội dung phần ${s.title ?? s.key}: thực hiện nghiêm túc.`]));
  const scores = strong ? STRONG : GOOD;
  const saved = await ok(
    await send(secretary, 'PUT', path, {
      version: got.version ?? 0,
      sections,
      scores,
      tasks: [
        {
          title: 'Tuyên truyền, vận động nhân dân thực hiện nghị quyết',
          status: 'completed_on_time',
          exceeded: strong,
          key: strong,
          evidence: ['https://phuong.example/bao-cao-nhiem-vu'],
        },
      ],
      limitations: { identified: 1, remedied: 1 },
      proposed: strong ? 'HTXSNV' : 'HTTNV',
    }),
    `save statement ${subjectId}`,
  );
  await ok(await send(secretary, 'POST', `${path}/submit`, { version: saved.version }), `submit statement ${subjectId}`);
}

// Brings the given cells of an open cycle to `reviewed` through the routes the member and meeting screens use:
// every statement submitted (entered by `secretary`, a cell secretary over them), the cell's meeting created with
// everyone present, each subject voted by show of hands (HTXSNV for the people in `outstanding`, HTTNV for the
// others) and concluded in the meeting's order (collective, head, deputies, members). Returns the subjects.
export async function bringCellsToReviewed(secretary, cycleId, cellIds, { outstanding = new Set() } = {}) {
  const all = [];
  for (const cell of cellIds) {
    const subjects = (await subjectsOf(secretary, cycleId, cell)).filter((s) => s.reviewed !== false && s.unit_id === cell);
    for (const s of subjects)
      if (['not_started', 'draft'].includes(s.state)) await submitStatement(secretary, s.subject_id, outstanding.has(s.person_id));
    const people = subjects.filter((s) => s.kind === 'member' && s.person_id);
    const existing = (await getJson(secretary, `/api/v1/meetings?cycle_id=${cycleId}&unit_id=${cell}`)).items ?? [];
    let meetingId = existing.find((m) => m.unit_id === cell)?.id;
    if (!meetingId) {
      const created = await ok(
        await send(secretary, 'POST', '/api/v1/meetings', {
          cycle_id: cycleId,
          unit_id: cell,
          date: (await getJson(secretary, `/api/v1/cycles/${cycleId}`)).calendar.find((c) => c.level === 'cell').meeting,
          place: 'Hội trường tổ dân phố',
          chair_id: people[0].person_id,
          secretary_id: people[1].person_id,
        }),
        `meeting of ${cell}`,
      );
      meetingId = created.id;
    }
    const meetingPath = `/api/v1/meetings/${meetingId}`;
    const meeting = await getJson(secretary, meetingPath);
    const voters = meeting.quorum.present;
    for (const listed of meeting.subjects) {
      const subject = subjects.find((s) => s.subject_id === listed.subject_id);
      if (!subject || listed.concluded) continue;
      const current = () => getJson(secretary, meetingPath).then((m) => m.subjects.find((x) => x.subject_id === listed.subject_id));
      let now = await current();
      const grade = outstanding.has(subject.person_id) ? 'HTXSNV' : 'HTTNV';
      // Reviewed but not graded at this meeting (e.g. a post reviewed here, graded elsewhere): no vote.
      if (listed.graded !== false)
        await ok(
        await send(secretary, 'PUT', `/api/v1/reviews/${listed.subject_id}/meeting/tally`, {
          version: now.version,
          method: 'show_of_hands',
          tally: { [grade]: voters },
        }),
        `tally ${listed.subject_id}`,
      );
      now = await current();
      let concluded = await send(secretary, 'POST', `/api/v1/reviews/${listed.subject_id}/meeting/conclude`, { version: now.version });
      if (concluded.status() === 400) {
        // What this member's assignment requires at the meeting (comments from the residence place, the
        // civil-servant grade): supplied, then concluded again.
        const paths = (await concluded.json()).error.details.map((d) => d.path);
        const body = { version: now.version };
        if (paths.some((p) => p.startsWith('received')))
          body.received = paths
            .filter((p) => p.startsWith('received.'))
            .map((p) => ({ source: p.split('.')[1], text: 'Gương mẫu, tham gia tốt sinh hoạt nơi cư trú' }));
        if (paths.includes('civil_servant_grade')) body.civil_servant_grade = 'HTTNV';
        await ok(await send(secretary, 'PUT', `/api/v1/reviews/${listed.subject_id}/meeting`, body), `record ${listed.subject_id}`);
        now = await current();
        concluded = await send(secretary, 'POST', `/api/v1/reviews/${listed.subject_id}/meeting/conclude`, { version: now.version });
      }
      await ok(concluded, `conclude ${listed.subject_id}`);
    }
    all.push(...(await subjectsOf(secretary, cycleId, cell)).filter((s) => s.unit_id === cell));
  }
  return all;
}

// ---- The screens ------------------------------------------------------------------------------------------------

const GRADE_VI = {
  HTXSNV: 'Hoàn thành xuất sắc nhiệm vụ',
  HTTNV: 'Hoàn thành tốt nhiệm vụ',
  HTNV: 'Hoàn thành nhiệm vụ',
  KHTNV: 'Không hoàn thành nhiệm vụ',
};

const row = (page, testId, subjectId) => page.locator(`[data-testid=${testId}][data-subject="${subjectId}"]`);

// The quota meters on the page as numbers: [{unit, count, limit, ok}].
export async function meters(page) {
  return page.getByTestId('quota-meter').evaluateAll((els) =>
    els.map((e) => ({
      unit: Number(e.dataset.unit),
      count: Number(e.dataset.count),
      limit: Number(e.dataset.limit),
      ok: e.dataset.ok === 'true',
    })),
  );
}

// Waits until the first meter counts `count` (the debounced what-if has answered).
async function meterCounts(page, count) {
  await page.waitForFunction(
    (n) => Number(document.querySelector('[data-testid=quota-meter]')?.getAttribute('data-count')) === n,
    count,
    { timeout: 10_000 },
  );
}

// Picks an option of the antd Select just opened, by its words (a list still closing from an earlier choice is
// left alone).
async function pickOption(page, label) {
  await page
    .locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden):not([class*="-leave"])')
    .getByText(label, { exact: true })
    .click();
}

// Chooses a grade in the appraisal row of `subjectId`.
export async function chooseGrade(page, subjectId, grade) {
  await row(page, 'appraisal-row', subjectId).getByTestId('proposal-select').click();
  await pickOption(page, GRADE_VI[grade]);
}

// The same with the keyboard alone: focus the choice, open it (↓), move from the current grade to `grade` (↓/↑),
// Enter; then Tab to the reason field that appears and type the reason.
const ORDER = ['HTXSNV', 'HTTNV', 'HTNV', 'KHTNV'];
export async function chooseGradeWithKeyboard(page, subjectId, from, grade, reason) {
  await row(page, 'appraisal-row', subjectId).getByRole('combobox').focus();
  await page.keyboard.press('ArrowDown');
  await page.locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden):not([class*="-leave"])').waitFor();
  const steps = ORDER.indexOf(grade) - ORDER.indexOf(from);
  for (let i = 0; i < Math.abs(steps); ++i) await page.keyboard.press(steps > 0 ? 'ArrowDown' : 'ArrowUp');
  await page.keyboard.press('Enter');
  if (reason) {
    // As a user does: once the list has closed and the reason field has appeared below the choice.
    const field = row(page, 'appraisal-row', subjectId).getByTestId('proposal-reason');
    await field.waitFor();
    await page.waitForFunction(() => !document.querySelector('.ant-select-dropdown:not(.ant-select-dropdown-hidden)'));
    await page.keyboard.press('Tab');
    assert.equal(await field.evaluate((e) => e === document.activeElement), true, 'Tab leads to the reason field');
    await page.keyboard.type(reason);
  }
}

export async function openAppraisal(page, { cycleId, unitId }) {
  await page.goto(`/cycles/${cycleId}/appraisal?unit=${unitId}`);
  await page.getByTestId('quota-card').waitFor();
}

// On the appraisal screen: sets grades ({subject id: grade}) with a reason where the grade differs from the
// meeting's, waits for the meter to count `expectCount`, then saves the proposals. Returns the meters before saving.
// `byKeyboard`: {subject id: [from, to]} changed with the keyboard alone (with reasons[id] typed after a Tab).
export async function appraise(page, { cycleId, unitId, grades = {}, reasons = {}, byKeyboard = {}, expectCount, shotName, shot }) {
  await openAppraisal(page, { cycleId, unitId });
  for (const [id, [from, to]] of Object.entries(byKeyboard)) await chooseGradeWithKeyboard(page, id, from, to, reasons[id]);
  for (const [id, grade] of Object.entries(grades)) {
    await chooseGrade(page, id, grade);
    if (reasons[id]) await row(page, 'appraisal-row', id).getByTestId('proposal-reason').fill(reasons[id]);
  }
  if (expectCount !== undefined) await meterCounts(page, expectCount);
  await page.getByTestId('what-if-checking').waitFor({ state: 'detached' });
  const before = await meters(page);
  if (shot && shotName) await shot(page, shotName);
  await page.getByTestId('save-proposals').click();
  const saved = await Promise.race([
    page.locator('.ant-message-success').waitFor().then(() => true),
    page.getByTestId('save-error').waitFor().then(() => false),
  ]);
  if (!saved) {
    const problems = await page.getByTestId('row-problem').allInnerTexts();
    assert.fail(`saving the proposals was refused: ${await page.getByTestId('save-error').innerText()} ${problems.join(' | ')}`);
  }
  await page.getByTestId('quota-card').waitFor();
  return before;
}

// The decision screen: fills the record and presses "Quyết định". Returns {refused, reasons, rowProblems, url}.
export async function decide(page, { cycleId, unitId, number, date, signer, body }) {
  await page.goto(`/cycles/${cycleId}/decide?unit=${unitId}`);
  await page.getByTestId('batch').waitFor();
  await page.getByTestId('decision-number').fill(number);
  if (date) {
    const input = page.locator('.ant-picker input').first();
    await input.fill(date);
    await input.press('Enter');
  }
  await page.getByTestId('decision-signer').fill(signer);
  if (body) await page.getByTestId('decision-body').fill(body);
  await page.getByTestId('decide').click();
  const outcome = await Promise.race([
    page.getByTestId('refusal').waitFor().then(() => 'refused'),
    page.waitForURL(/\/decisions\/\d+$/).then(() => 'stored'),
  ]);
  if (outcome === 'stored') {
    await page.getByTestId('record').waitFor();
    return { refused: false, decisionId: Number(new URL(page.url()).pathname.split('/').at(-1)) };
  }
  const reasons = await page.getByTestId('refusal-reason').allInnerTexts();
  const rowProblems = {};
  for (const r of await page.getByTestId('batch-row').all()) {
    const texts = await r.getByTestId('row-problem').allInnerTexts();
    if (texts.length) rowProblems[await r.getAttribute('data-subject')] = texts;
  }
  const quotaProblems = await page.getByTestId('quota-problem').allInnerTexts();
  return { refused: true, reasons, rowProblems, quotaProblems };
}

// The stored decision's page: publish after confirming.
export async function publish(page, decisionId) {
  if (!page.url().endsWith(`/decisions/${decisionId}`)) await page.goto(`/decisions/${decisionId}`);
  await page.getByTestId('publish').click();
  await page.getByTestId('confirm-publish').click();
  await page.locator('[data-testid=record-status][data-published=true]').waitFor();
}

// ---- The decision sequence over the quota, then within it (cycle.test.mjs and decision.test.mjs) ----------------
// `staff` and `committee` are pages signed in as the committee's staff and the committee; `record` is the decision's
// {number, signer, body}; `measure` the test file's page-load timer.

// The staff save the proposals (`grades` and `reasons`: those changed from the meetings' votes; the meter first
// counts `expectCount`), the committee decides and is refused with its reasons, and nothing is stored: the review
// `untouched` stays proposed with no decision. Returns the refusal {reasons, rowProblems, quotaProblems}.
export async function refusedOverQuota({ staff, committee, measure, cycleId, unitId, grades, reasons, expectCount, record, untouched }) {
  await appraise(staff, { cycleId, unitId, grades, reasons, expectCount });
  await measure(committee, 'decision (over quota)', `/cycles/${cycleId}/decide?unit=${unitId}`, '[data-testid=batch-row]');
  const refused = await decide(committee, { cycleId, unitId, ...record });
  assert.ok(refused.refused, 'over the quota the decision is refused');
  assert.ok(refused.reasons.length >= 1, 'with its reasons');
  const after = await getJson(committee.context(), `/api/v1/reviews/${untouched}`);
  assert.deepEqual([after.state, after.decisions.length], ['proposed', 0], 'nothing stored');
  return refused;
}

// The staff lower proposals within the quota (`grades`, `reasons`, `byKeyboard` as appraise() takes them, the meter
// counting `expectCount`), the committee decides: stored, not published; `beforePublish(decision, committee)` may
// look at the stored record; then it is published and its page measured. Returns the decision as the API reads it.
export async function decidedWithinQuota({ staff, committee, measure, cycleId, unitId, grades, reasons, byKeyboard, expectCount, record, beforePublish }) {
  const before = await appraise(staff, { cycleId, unitId, grades, reasons, byKeyboard, expectCount });
  assert.equal(before[0].ok, true, 'the meter is within the quota before saving');
  const stored = await decide(committee, { cycleId, unitId, ...record });
  assert.equal(stored.refused, false, 'within the quota the decision is stored');
  const path = `/api/v1/decisions/${stored.decisionId}`;
  const decision = await getJson(committee.context(), path);
  assert.deepEqual([decision.number, decision.published_at], [record.number, null]);
  if (beforePublish) await beforePublish(decision, committee);
  await publish(committee, stored.decisionId);
  const published = await getJson(committee.context(), path);
  assert.notEqual(published.published_at, null, 'published');
  assert.equal(await committee.getByTestId('publish').count(), 0, 'nothing to publish any more');
  await measure(committee, 'decision record', `/decisions/${stored.decisionId}`, '[data-testid=record-row]');
  return published;
}

// The member's "Kết quả của tôi": returns the grade shown for the review and the notifications' texts.
export async function memberResults(page, reviewId) {
  await page.goto('/my-results');
  const card = page.locator(`[data-testid=result][data-review="${reviewId}"]`);
  await card.waitFor();
  const grade = await card.getByTestId('result-grade').getAttribute('data-grade');
  const notes = await page.getByTestId('notification').allInnerTexts();
  return { grade, notes };
}

// The member files a complaint from her result's page (`beforeSubmit(page)`: e.g. a screenshot of the filled form).
export async function fileComplaint(page, { reviewId, text, requested, beforeSubmit }) {
  await page.goto(`/reviews/${reviewId}/result`);
  await page.getByTestId('complaint-card').waitFor();
  await page.getByTestId('complaint-text').fill(text);
  if (requested) {
    await page.getByTestId('complaint-requested').click();
    await pickOption(page, GRADE_VI[requested]);
  }
  if (beforeSubmit) await beforeSubmit(page);
  await page.getByTestId('file-complaint').click();
  await page.locator('[data-testid=complaint][data-outcome=pending]').waitFor();
}

// The committee answers the complaint about `subjectId` on its complaints page.
export async function answerComplaint(page, { cycleId, unitId, subjectId, outcome, reasons }) {
  await page.goto(`/cycles/${cycleId}/complaints?unit=${unitId}`);
  const item = page.locator(`[data-testid=complaint-item][data-subject="${subjectId}"]`);
  await item.waitFor();
  await item.getByTestId(outcome === 'upheld' ? 'answer-upheld' : 'answer-rejected').click();
  await item.getByTestId('answer-reasons').fill(reasons);
  await item.getByTestId('answer').click();
  await page.locator('.ant-message-success').waitFor();
}

// The level above cancels a grade on the subject's page, with a reason.
export async function cancelGrade(page, { reviewId, reason }) {
  await page.goto(`/reviews/${reviewId}/result`);
  await page.getByTestId('cancel-card').waitFor();
  await page.getByTestId('cancel-reason').fill(reason);
  await page.getByTestId('cancel-grade').click();
  await page.locator('[data-testid=review-state][data-state=regrading]').waitFor();
}

// Decides one subject's grade again on its page (after a cancellation or an upheld complaint). Returns
// {refused, reasons} or {refused: false, decisionId}.
export async function regrade(page, { reviewId, grade, number, signer }) {
  if (!page.url().endsWith(`/reviews/${reviewId}/result`)) await page.goto(`/reviews/${reviewId}/result`);
  await page.getByTestId('regrade-card').waitFor();
  if (grade) {
    await page.getByTestId('regrade-grade').click();
    await pickOption(page, GRADE_VI[grade]);
  }
  await page.getByTestId('regrade-number').fill(number);
  await page.getByTestId('regrade-signer').fill(signer);
  await page.getByTestId('regrade').click();
  const outcome = await Promise.race([
    page.locator('[data-testid=regrade-card] [data-testid=refusal]').waitFor().then(() => 'refused'),
    page.getByTestId('regrade-card').waitFor({ state: 'detached' }).then(() => 'stored'),
  ]);
  if (outcome === 'refused') return { refused: true, reasons: await page.getByTestId('refusal-reason').allInnerTexts() };
  const link = page.getByTestId('review-decision').last().locator('a');
  const href = (await link.count()) ? await link.getAttribute('href') : null;
  return { refused: false, decisionId: href ? Number(href.split('/').at(-1)) : null };
}
