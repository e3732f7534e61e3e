// Browser test of the cell's review meeting against the real server and a fresh demo province (2,000 members): the
// cycle is opened and the cell's statements submitted through the API; then the secretary, in the UI, convenes the
// meeting from the cell's cycle page, calls the roll with too few present (the quorum refused, with why), approves
// the absences (quorum met), and reviews every subject in the API's order — a show of hands whose total exceeds the
// voters present refused at the counts, a required residence comment missing refused at its field, one secret
// ballot cast by real member accounts on their own phones (one with the keyboard alone; the live count only, no
// choice shown while open), the rest by a show of hands — then closes the meeting, reads the frozen minutes and
// switches to English. Page loads are printed; screenshots go to docs/screenshots/meeting-*.png.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { DESKTOP, PHONE } from './browser.mjs';
import { ADMIN, MEMBER, SECRETARY, demoSuite, getJson, noHorizontalScroll, send, shot, signedInContext } from './support.mjs';
import {
  GRADE_VI,
  callTheRoll,
  castOnPhone,
  closeBallot,
  closeMeeting,
  conclude,
  concludeRefused,
  conveneMeeting,
  enterHands,
  memberAccounts,
  openBallot,
  openSubject,
  recordSubject,
  settle,
  submitCellStatements,
} from './steps/meeting.mjs';

// 125 % browser zoom of a 1280 px wide window: 1024 CSS pixels drawn at 1.25 device pixels each.
const ZOOM_125 = { viewport: { width: 1024, height: 800 }, deviceScaleFactor: 1.25 };

const suite = demoSuite({ width: 28 });
const { measure } = suite;
const state = {};

describe('cell meeting', () => {
  test('set-up through the API: the cycle open, the cell statements submitted, member accounts to vote', async () => {
    const admin = await signedInContext(suite.browser, suite.system, DESKTOP, ADMIN);
    const secretary = await signedInContext(suite.browser, suite.system, DESKTOP, SECRETARY);
    const member = await signedInContext(suite.browser, suite.system, DESKTOP, MEMBER);
    const root = admin.account.roles[0].unit_id;
    const year = new Date().getFullYear();
    const opened = await send(admin, 'POST', '/api/v1/cycles', { unit_id: root, year });
    assert.equal(opened.status(), 201, await opened.text());
    state.cycleId = (await opened.json()).id;
    state.cellId = secretary.account.roles.find((g) => g.role === 'cell_secretary').unit_id;
    state.secretaryPerson = secretary.account.person_id;
    state.memberPerson = member.account.person_id;
    const subjects = await submitCellStatements(secretary, state.cycleId, state.cellId);
    assert.ok(subjects.filter((s) => s.reviewed).length >= 5, 'the demo cell has subjects to review');
    const people = (await getJson(secretary, `/api/v1/people?unit_id=${state.cellId}&page_size=500`)).items;
    state.people = people;
    await member.close();
    await secretary.close();
    state.admin = admin;
  });

  test('the secretary convenes the meeting and calls the roll: too few present is refused with why, then the quorum is met', async () => {
    const context = await signedInContext(suite.browser, suite.system, DESKTOP, SECRETARY);
    const page = await context.newPage();
    await measure(page, 'cycle (cell, meeting entry)', `/cycles/${state.cycleId}?unit=${state.cellId}`, '[data-testid=new-meeting]');
    // The meeting's secretary: another official member of the cell.
    const other = state.people.find((p) => p.id !== state.secretaryPerson && p.id !== state.memberPerson && p.status === 'active');
    const form = await conveneMeeting(page, {
      cycleId: state.cycleId,
      cellId: state.cellId,
      place: 'Hội trường nhà văn hóa tổ dân phố',
      secretaryName: other.full_name,
    });
    await shot(page, 'meeting-new-desktop');
    state.meetingId = await form.submit();
    const stored = await getJson(context, `/api/v1/meetings/${state.meetingId}`);
    assert.deepEqual(
      [stored.place, stored.chair_id, stored.secretary_id, stored.status],
      ['Hội trường nhà văn hóa tổ dân phố', state.secretaryPerson, other.id, 'open'],
    );
    const cycle = await getJson(context, `/api/v1/cycles/${state.cycleId}`);
    assert.equal(stored.date, cycle.calendar.find((c) => c.level === 'cell').meeting, 'the date defaults to the cell deadline');
    state.meetingSecretary = other.id;

    // The members counted in the base (official, not suspended, not elsewhere; all present now): half of them or
    // fewer present is not "more than half". Absentees are taken among those not exempt (an exempt member absent
    // leaves the base).
    const counted = stored.attendees.filter((a) => a.official && !a.suspended && !a.temporarily_elsewhere);
    assert.equal(counted.length, stored.quorum.base);
    const keep = new Set([state.secretaryPerson, state.memberPerson, other.id]);
    const absent = counted
      .filter((a) => !keep.has(a.person_id) && !a.exempt)
      .slice(0, Math.ceil(counted.length / 2));
    const voters = counted;
    state.absent = absent.map((a) => a.person_id);
    const quorumText = await callTheRoll(
      page,
      absent.map((a) => ({ person_id: a.person_id, presence: 'absent_without_reason' })),
    );
    assert.match(quorumText, /chưa đủ số lượng/);
    assert.match(quorumText, new RegExp(`Có mặt ${voters.length - absent.length} trên ${voters.length} đảng viên`));
    assert.match(await page.getByTestId('quorum-why').innerText(), /Còn thiếu \d+ đồng chí/);
    let m = await getJson(context, `/api/v1/meetings/${state.meetingId}`);
    assert.equal(m.quorum.met, false);
    // Without a quorum no vote counts: the first subject cannot be concluded (the API says why).
    const first = m.subjects[0];
    const firstPanel = await openSubject(page, first.subject_id);
    await enterHands(firstPanel, { HTTNV: 1 });
    const problems = await concludeRefused(page, firstPanel);
    const top = await firstPanel.getByTestId('form-error').innerText();
    assert.match(top + problems.join('\n'), /Có mặt \d+ trên \d+ đảng viên|\d+\/\d+ đảng viên có mặt|không đủ số lượng/);
    await page.getByTestId('quorum').scrollIntoViewIfNeeded();
    await settle(page);
    await shot(page, 'meeting-quorum-desktop');
    m = await getJson(context, `/api/v1/meetings/${state.meetingId}`);
    assert.equal(m.subjects[0].concluded, false, 'nothing concluded without a quorum');

    // The absentees had sent their reasons; the chair approves them. One reason left out first: refused under
    // that member's row, nothing stored.
    await callTheRoll(page, [{ person_id: absent[0].person_id, presence: 'absent_with_reason', reason: '', approved: true }]);
    const row = page.locator(`[data-testid=attendee][data-person="${absent[0].person_id}"]`);
    await row.locator('.ant-form-item-explain-error').waitFor();
    assert.match(await row.locator('.ant-form-item-explain-error').innerText(), /Cần ghi lý do vắng|phải ghi lý do/);
    m = await getJson(context, `/api/v1/meetings/${state.meetingId}`);
    assert.equal(m.attendees.find((a) => a.person_id === absent[0].person_id).presence, 'absent_without_reason');
    await settle(page);
    await row.scrollIntoViewIfNeeded();
    await shot(page, 'meeting-roll-error-desktop');
    // Then every absence with its reason, approved: they leave the base, the quorum is met.
    const text = await callTheRoll(
      page,
      absent.map((a) => ({ person_id: a.person_id, presence: 'absent_with_reason', reason: 'Đi công tác', approved: true })),
    );
    assert.match(text, /đủ điều kiện tiến hành/);
    m = await getJson(context, `/api/v1/meetings/${state.meetingId}`);
    assert.equal(m.quorum.met, true);
    assert.equal(m.quorum.base, voters.length - absent.length);
    assert.ok(m.attendees.filter((a) => state.absent.includes(a.person_id)).every((a) => a.presence === 'absent_with_reason' && a.absence_reason === 'Đi công tác' && a.absence_approved));
    state.base = m.quorum.base;
    state.votersPresent = m.attendees.filter((a) => a.voter && a.presence === 'present').length;
    await context.close();

    // The open meeting, roll call unfolded, at 125 % zoom of a 1280 px window and on a phone: nothing runs off the side.
    const zoomed = await signedInContext(suite.browser, suite.system, ZOOM_125, SECRETARY);
    const z = await zoomed.newPage();
    await z.goto(`/meetings/${state.meetingId}`);
    await z.getByTestId('attendee').first().waitFor();
    assert.ok(await noHorizontalScroll(z), 'no horizontal scroll at 125 % zoom');
    await zoomed.close();
    const phone = await signedInContext(suite.browser, suite.system, PHONE, SECRETARY);
    const p = await phone.newPage();
    await p.goto(`/meetings/${state.meetingId}`);
    await p.getByTestId('attendee').first().waitFor();
    assert.ok(await noHorizontalScroll(p), 'the roll call fits a phone');
    await p.getByTestId('attendee').first().scrollIntoViewIfNeeded();
    await shot(p, 'meeting-roll-phone');
    await phone.close();
  });

  test('every subject in order: counts above those present and a missing residence comment refused at their fields, one secret ballot on the members\' phones, the rest by a show of hands', async () => {
    const context = await signedInContext(suite.browser, suite.system, DESKTOP, SECRETARY);
    const page = await context.newPage();
    await measure(page, 'meeting (secretary)', `/meetings/${state.meetingId}`, '[data-testid=subject-header]');
    const meeting = await getJson(context, `/api/v1/meetings/${state.meetingId}`);
    const P = state.votersPresent;
    const speaker = meeting.attendees.find((a) => a.person_id === state.meetingSecretary).full_name;
    const absentName = meeting.attendees.find((a) => a.person_id === state.absent[0]).full_name;
    const order = meeting.subjects.map((s) => s.rank);
    const rankOrder = ['collective', 'head', 'deputy', 'member'];
    assert.deepEqual([...order].sort((a, b) => rankOrder.indexOf(a) - rankOrder.indexOf(b)), order, 'the API orders the subjects');

    // The secret ballot on the first graded subject after the first one; voters: enough present members with an
    // account of their own (the demo member, the secretary herself, and accounts made for others) for a majority.
    const ballotSubject = meeting.subjects.find((s, i) => i > 0 && s.graded);
    const need = Math.floor(state.base / 2) + 1;
    const presentVoters = meeting.attendees.filter((a) => a.voter && a.presence === 'present');
    const others = presentVoters.filter((a) => a.person_id !== state.secretaryPerson && a.person_id !== state.memberPerson);
    const made = await memberAccounts(state.admin, state.cellId, others.slice(0, need - 1));
    const ballotVoters = [SECRETARY, MEMBER, ...made.map((a) => a.username)];
    assert.ok(ballotVoters.length >= need);

    let refusedCounts = false;
    let refusedComment = false;
    for (const s of meeting.subjects) {
      if (s.subject_id === ballotSubject.subject_id) {
        const panel = await openBallot(page, s);
        await settle(page);
    await shot(page, 'meeting-ballot-open-desktop');
        // While open nobody — not even the secretary — reads a tally.
        const during = await getJson(context, `/api/v1/meetings/${state.meetingId}`);
        assert.equal(during.subjects.find((x) => x.subject_id === s.subject_id).tally, null);
        for (const [i, username] of ballotVoters.entries()) {
          const grade = i === 0 ? 'HTXSNV' : 'HTTNV';
          const r = await castOnPhone(suite.browser, suite.system, username, s.subject_id, grade, i === 1 ? async (p, when) => {
            assert.ok(await noHorizontalScroll(p), 'the ballot fits a phone');
            await shot(p, when === 'chosen' ? 'meeting-ballot-phone' : 'meeting-ballot-done-phone');
          } : undefined, { keyboard: i === 2 });
          assert.match(r.done, /đã được ghi nhận/);
          assert.match(r.done, new RegExp(`đã có ${i + 1} phiếu`));
          // The member's page names no choice of anyone: no grade counts, only her confirmation.
          assert.doesNotMatch(r.text, /\d+ phiếu cho|Hoàn thành tốt nhiệm vụ: \d/);
          // The secretary's screen counts the ballots live.
          await panel.getByTestId('ballots-cast').filter({ hasText: new RegExp(`Đã bỏ ${i + 1} /`) }).waitFor({ timeout: 15_000 });
        }
        const memberView = await signedInContext(suite.browser, suite.system, DESKTOP, MEMBER);
        const seen = await getJson(memberView, `/api/v1/meetings/${state.meetingId}`);
        const mine = seen.subjects.find((x) => x.subject_id === s.subject_id);
        assert.deepEqual([mine.ballot, mine.tally, mine.you_voted], ['open', null, true]);
        const again = await memberView.request.post(`/api/v1/reviews/${s.subject_id}/meeting/ballot`, {
          headers: { 'X-CSRF-Token': memberView.csrf },
          data: { grade: 'KHTNV' },
        });
        assert.equal(again.status(), 409, 'one ballot per member');
        await memberView.close();
        await closeBallot(page, s, ballotVoters.length);
        assert.equal(await panel.getByTestId('tally-view-HTTNV').locator('strong').innerText(), String(ballotVoters.length - 1));
        assert.equal(await panel.getByTestId('tally-view-HTXSNV').locator('strong').innerText(), '1');
        await recordSubject(page, s, { residence: 'Chi ủy nơi cư trú nhận xét: gương mẫu, gần gũi nhân dân.', civilGrade: 'HTTNV' });
        await panel.scrollIntoViewIfNeeded();
        await settle(page);
    await shot(page, 'meeting-ballot-closed-desktop');
        const said = await conclude(page, panel);
        assert.match(said, new RegExp(GRADE_VI.HTTNV));
        continue;
      }
      const panel = await recordSubject(page, s, {
        comment: s.rank === 'member' && !refusedComment ? { speaker, text: 'Đồng chí gương mẫu, cần phát huy hơn nữa vai trò tuyên truyền.' } : undefined,
        // The first subject that needs a residence comment is left without it once.
        residence: s.required_comments.length && !refusedComment ? undefined : 'Chi ủy nơi cư trú nhận xét: gương mẫu, gần gũi nhân dân.',
        civilGrade: 'HTTNV',
      });
      if (!s.graded) {
        const said = await conclude(page, panel);
        assert.match(said, /không xếp loại/);
        continue;
      }
      if (!refusedCounts) {
        // One more than those present: the running total warns, the API refuses at the counts, nothing stored.
        const before = (await getJson(context, `/api/v1/meetings/${state.meetingId}`)).subjects.find((x) => x.subject_id === s.subject_id).tally;
        await enterHands(panel, { HTTNV: P, HTNV: 1 });
        assert.match(await panel.getByTestId('tally-total').innerText(), new RegExp(`${P + 1} / ${P}.*nhiều hơn`));
        await panel.getByTestId('save-subject').click();
        const counts = panel.locator('.ant-form-item').filter({ has: page.getByTestId('tally-total') }).last();
        await counts.locator('.ant-form-item-explain-error').waitFor();
        assert.match(await counts.locator('.ant-form-item-explain-error').innerText(), new RegExp(`${P + 1} phiếu cho ${P} (đảng viên|người biểu quyết)`));
        const after = await getJson(context, `/api/v1/meetings/${state.meetingId}`);
        assert.deepEqual(after.subjects.find((x) => x.subject_id === s.subject_id).tally, before, 'the refused count is not stored');
        await settle(page);
    await shot(page, 'meeting-tally-error-desktop');
        refusedCounts = true;
      }
      await enterHands(panel, { HTXSNV: 1, HTTNV: P - 1, HTNV: 0, KHTNV: 0, blank: 0 });
      if (s.required_comments.length && !refusedComment) {
        const problems = await concludeRefused(page, panel);
        const residenceItem = panel.locator('.ant-form-item').filter({ has: page.getByTestId('received-residence') }).last();
        assert.match(await residenceItem.locator('.ant-form-item-explain-error').innerText(), /Còn thiếu nhận xét bắt buộc|cần ý kiến nhận xét của/);
        assert.ok(problems.length >= 1);
        const stored = await getJson(context, `/api/v1/reviews/${s.subject_id}`);
        assert.equal(stored.state, 'submitted', 'not concluded');
        await residenceItem.scrollIntoViewIfNeeded();
        await settle(page);
    await shot(page, 'meeting-error-desktop');
        refusedComment = true;
        await panel.getByTestId('received-residence').fill('Chi ủy nơi cư trú nhận xét: gương mẫu, gần gũi nhân dân.');
      }
      const said = await conclude(page, panel);
      assert.match(said, new RegExp(GRADE_VI.HTTNV));
    }
    assert.ok(refusedCounts && refusedComment);

    const done = await getJson(context, `/api/v1/meetings/${state.meetingId}`);
    assert.ok(done.subjects.every((s) => s.concluded), 'every subject concluded');
    for (const s of done.subjects) {
      const review = await getJson(context, `/api/v1/reviews/${s.subject_id}`);
      assert.equal(review.state, 'reviewed');
      assert.equal(s.meeting_grade, s.graded ? 'HTTNV' : null);
    }
    const ballot = done.subjects.find((s) => s.subject_id === ballotSubject.subject_id);
    assert.equal(ballot.tally_source, 'secret_ballot');
    assert.equal(ballot.tally.total, ballotVoters.length);
    assert.equal(await page.getByTestId('concluded-count').innerText(), `Đã kết luận ${done.subjects.length}/${done.subjects.length}`);
    await settle(page);
    await shot(page, 'meeting-desktop');
    state.absentName = absentName;
    await context.close();
  });

  test('the meeting is closed and its minutes read as stored, on a desktop and a phone', async () => {
    const context = await signedInContext(suite.browser, suite.system, DESKTOP, SECRETARY);
    const page = await context.newPage();
    await page.goto(`/meetings/${state.meetingId}`);
    await page.getByTestId('close-card').waitFor();
    const shown = await closeMeeting(page);
    const stored = await getJson(context, `/api/v1/meetings/${state.meetingId}/minutes`);
    assert.equal(stored.frozen, true);
    assert.equal(shown.trim(), stored.text.trim(), 'the minutes are shown as stored');
    assert.match(shown, /BIÊN BẢN HỘI NGHỊ KIỂM ĐIỂM/);
    assert.match(shown, new RegExp(`Vắng mặt: ${state.absentName} \\(có lý do: Đi công tác\\)`));
    assert.match(shown, /bỏ phiếu kín/);
    const m = await getJson(context, `/api/v1/meetings/${state.meetingId}`);
    assert.equal(m.status, 'closed');
    await measure(page, 'meeting minutes', `/meetings/${state.meetingId}/minutes`, '[data-testid=minutes-text]');
    await shot(page, 'meeting-minutes-desktop');
    // Closed: read-only — no roll call to save, no conclusion, no close.
    await page.goto(`/meetings/${state.meetingId}`);
    await page.getByTestId('subjects').waitFor();
    assert.equal(await page.getByTestId('save-attendance').count(), 0);
    assert.equal(await page.getByTestId('close-card').count(), 0);
    // The English switch.
    await page.getByRole('button', { name: /English/ }).click();
    await page.getByTestId('meeting-title').filter({ hasText: 'Review meeting' }).waitFor();
    assert.match(await page.getByTestId('concluded-count').innerText(), /concluded/);
    assert.match(await page.getByTestId('meeting-status').innerText(), /Closed/);
    await context.close();

    const phone = await signedInContext(suite.browser, suite.system, PHONE, SECRETARY);
    const p = await phone.newPage();
    await measure(p, 'meeting (phone)', `/meetings/${state.meetingId}`, '[data-testid=subject-header]');
    assert.ok(await noHorizontalScroll(p), 'the meeting fits a phone');
    await shot(p, 'meeting-phone');
    await p.goto(`/meetings/${state.meetingId}/minutes`);
    await p.getByTestId('minutes-text').waitFor();
    assert.ok(await noHorizontalScroll(p), 'the minutes fit a phone');
    await shot(p, 'meeting-minutes-phone');
    await phone.close();

    // The member's ballot page, now that nothing is open.
    const member = await signedInContext(suite.browser, suite.system, PHONE, MEMBER);
    const mp = await member.newPage();
    await measure(mp, 'ballot (member, phone)', '/ballot', '[data-testid=ballot-none]');
    await member.close();
    await state.admin.close();
  });
});
