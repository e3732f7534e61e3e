// Appraisal (thẩm định) of a deciding unit's batch in a cycle (/cycles/:id/appraisal?unit=): every subject the unit
// decides with the meeting's grade, the proposal (editable; a grade other than the meeting's needs a reason), the
// engine's findings and highest allowed grade beside it, and the quota meter of the scope, recomputed by the
// server's what-if (overrides, debounced) as grades change. "Lưu đề xuất" proposes each changed or new row.
import '../components/decision/decision.css';
import { Alert, App, Button, Card, Input, Select, Space, Tag, Typography } from 'antd';
import { useEffect, useMemo, useRef, useState } from 'react';
import { Link, useParams, useSearchParams } from 'react-router';
import { decisionApi, type Appraisal, type AppraisedSubject } from '../api/decision';
import { GRADES, type Grade } from '../api/types';
import { Findings, GradeTag, QuotaMeterView } from '../components/decision/grade_bits';
import { decidable, loadBatch, type Batch } from '../components/decision/batch';
import { LinkButton } from '../components/link_button';
import { Show, useErrorText, useLoad } from '../components/load';
import { cycleName } from '../components/review_bits';
import { formatNumber } from '../format';
import { useI18n } from '../i18n/i18n';
import { useSession } from '../session/session';

const EDITABLE = ['reviewed', 'proposed'];
const WHAT_IF_DELAY_MS = 400;

export function AppraisalPage() {
  const params = useParams();
  const [search] = useSearchParams();
  const { account } = useSession();
  const id = Number(params.id);
  const unitParam = search.get('unit') ? Number(search.get('unit')) : undefined;
  const loaded = useLoad(() => loadBatch(id, account, unitParam, true), [id, unitParam]);
  return <Show loaded={loaded}>{(b) => <AppraisalView batch={b} reload={loaded.reload} />}</Show>;
}

function AppraisalView({ batch, reload }: { batch: Batch; reload: () => void }) {
  const { t, lang } = useI18n();
  const { message } = App.useApp();
  const errorText = useErrorText();
  const { cycle, unit, appraisal } = batch;
  const rows = useMemo(() => decidable(appraisal, EDITABLE), [appraisal]);
  const settled = useMemo(
    () => appraisal.subjects.filter((s) => s.in_scope && s.graded && !EDITABLE.includes(s.state)),
    [appraisal],
  );
  // The grade chosen per subject, starting from the standing proposal (else the meeting's grade, as the engine
  // says), and the reason for each change.
  const [chosen, setChosen] = useState<Record<number, Grade | null>>(() =>
    Object.fromEntries(rows.map((s) => [s.subject_id, s.proposed])),
  );
  const [reasons, setReasons] = useState<Record<number, string>>({});
  const [problems, setProblems] = useState<Record<number, string>>({});
  const [live, setLive] = useState<Appraisal>(appraisal);
  const [checking, setChecking] = useState(false);
  const [saving, setSaving] = useState(false);
  const [saveError, setSaveError] = useState<string | null>(null);

  const overrides = useMemo(() => {
    const out: Record<string, Grade> = {};
    for (const s of rows) {
      const g = chosen[s.subject_id];
      if (g && g !== s.proposed) out[String(s.subject_id)] = g;
    }
    return out;
  }, [rows, chosen]);
  const overridesKey = JSON.stringify(overrides);

  // The what-if: the server recomputes the meters and findings with the changed grades; the last answer wins.
  const sequence = useRef(0);
  useEffect(() => {
    if (overridesKey === '{}') {
      // Back to the stored proposals: the loaded appraisal is the answer; an earlier what-if still on its way is void.
      ++sequence.current;
      setChecking(false);
      setLive(appraisal);
      return;
    }
    const mine = ++sequence.current;
    setChecking(true);
    const timer = setTimeout(() => {
      decisionApi
        .appraisal(cycle.id, unit.id, JSON.parse(overridesKey) as Record<string, Grade>)
        .then((a) => mine === sequence.current && setLive(a))
        .catch((e: unknown) => mine === sequence.current && setSaveError(errorText(e)))
        .finally(() => mine === sequence.current && setChecking(false));
    }, WHAT_IF_DELAY_MS);
    return () => clearTimeout(timer);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [overridesKey, appraisal]);

  const liveById = useMemo(() => new Map(live.subjects.map((s) => [s.subject_id, s])), [live]);
  const meetingGrade = (s: AppraisedSubject) => batch.subjects?.get(s.subject_id)?.meeting_grade ?? null;
  const storedProposal = (s: AppraisedSubject) => batch.subjects?.get(s.subject_id)?.proposed_grade ?? null;
  const needsReason = (s: AppraisedSubject) => {
    const m = meetingGrade(s);
    return !!m && !!chosen[s.subject_id] && chosen[s.subject_id] !== m;
  };
  // What saving sends: every subject not yet proposed, and every proposal changed here.
  const toPropose = rows.filter(
    (s) => s.state === 'reviewed' || (chosen[s.subject_id] && chosen[s.subject_id] !== storedProposal(s)),
  );

  async function save() {
    setSaveError(null);
    const missing: Record<number, string> = {};
    for (const s of toPropose)
      if (needsReason(s) && !(reasons[s.subject_id] ?? '').trim()) missing[s.subject_id] = t('appraisal.reasonNeeded');
    setProblems(missing);
    if (Object.keys(missing).length) {
      setSaveError(t('appraisal.fixRows', { n: Object.keys(missing).length }));
      focusRow(Number(Object.keys(missing)[0]));
      return;
    }
    setSaving(true);
    const failed: Record<number, string> = {};
    let done = 0;
    // A few at a time: each needs the review's current version first.
    const queue = [...toPropose];
    await Promise.all(
      Array.from({ length: 4 }, async () => {
        for (let s = queue.shift(); s; s = queue.shift()) {
          try {
            const review = await decisionApi.review(s.subject_id);
            const grade = chosen[s.subject_id] ?? undefined;
            const reason = needsReason(s) ? reasons[s.subject_id].trim() : undefined;
            await decisionApi.propose(s.subject_id, { version: review.version, grade, reason });
            ++done;
          } catch (e) {
            failed[s.subject_id] = errorText(e);
          }
        }
      }),
    );
    setSaving(false);
    setProblems(failed);
    if (Object.keys(failed).length) {
      setSaveError(t('appraisal.someFailed', { done, n: Object.keys(failed).length }));
      focusRow(Number(Object.keys(failed)[0]));
      return;
    }
    message.success(t('appraisal.saved', { n: done }));
    reload();
  }

  const overQuota = live.quotas.some((q) => !q.ok);
  return (
    <Space orientation="vertical" size="large" style={{ width: '100%' }}>
      <div>
        <Typography.Title level={1} className="page-title" style={{ fontSize: 28 }} data-testid="appraisal-title">
          {t('appraisal.title')}
        </Typography.Title>
        <Typography.Paragraph style={{ marginBottom: 0 }}>
          <Link to={`/cycles/${cycle.id}?unit=${unit.id}`}>{cycleName(cycle, t)}</Link> · {unit.name}
        </Typography.Paragraph>
        <Typography.Paragraph type="secondary">{t('appraisal.help')}</Typography.Paragraph>
      </div>
      <Card
        title={<h2 className="card-title">{t('decide.quotaTitle')}</h2>}
        className="quota-card"
        data-testid="quota-card"
        extra={checking ? <Tag data-testid="what-if-checking">{t('appraisal.checking')}</Tag> : null}
      >
        {live.quotas.length === 0 ? (
          <Typography.Paragraph style={{ marginBottom: 0 }}>{t('decide.noQuota')}</Typography.Paragraph>
        ) : (
          live.quotas.map((q) => <QuotaMeterView key={`${q.unit_id}-${q.part ?? ''}-${q.rule}`} quota={q} />)
        )}
        {overQuota && (
          <Alert type="warning" showIcon title={t('appraisal.overQuota')} style={{ marginTop: 12 }} data-testid="over-quota" />
        )}
      </Card>
      <Card title={<h2 className="card-title">{t('appraisal.counts')}</h2>}>
        <ul className="plain-list" data-testid="appraisal-counts">
          <li>{t('appraisal.toPropose', { n: formatNumber(rows.filter((s) => s.state === 'reviewed').length, lang) })}</li>
          <li>{t('appraisal.proposedN', { n: formatNumber(rows.filter((s) => s.state === 'proposed').length, lang) })}</li>
          <li>{t('appraisal.settledN', { n: formatNumber(settled.length, lang) })}</li>
          <li>{t('appraisal.pendingN', { n: formatNumber(appraisal.pending.length, lang) })}</li>
        </ul>
      </Card>
      {rows.length === 0 ? (
        <Alert type="info" showIcon title={t('appraisal.nothing')} data-testid="appraisal-empty" />
      ) : (
        <Card title={<h2 className="card-title">{t('appraisal.subjects', { n: rows.length })}</h2>}>
          <ol className="appraisal-list">
            {rows.map((s) => {
              const now = liveById.get(s.subject_id) ?? s;
              const meeting = meetingGrade(s);
              const info = batch.subjects?.get(s.subject_id);
              return (
                <li
                  key={s.subject_id}
                  className="appraisal-row"
                  data-testid="appraisal-row"
                  data-subject={s.subject_id}
                  id={`subject-${s.subject_id}`}
                  tabIndex={-1}
                >
                  <div className="appraisal-who">
                    <Link to={`/reviews/${s.subject_id}/result`} className="member-name">
                      {s.name}
                    </Link>
                    <div className="appraisal-unit">
                      {s.kind !== 'member' && <Tag>{t(`decide.kind.${s.kind}`)}</Tag>}
                      {info?.unit_name}
                      {info?.post_title ? ` — ${info.post_title}` : ''}
                    </div>
                    <Tag data-testid="row-state">{t(`state.${s.state}`)}</Tag>
                  </div>
                  <dl className="appraisal-grades">
                    <div>
                      <dt>{t('appraisal.meeting')}</dt>
                      <dd>
                        <GradeTag grade={meeting} testId="meeting-grade" />
                      </dd>
                    </div>
                    <div>
                      <dt>{t('appraisal.max')}</dt>
                      <dd>
                        <GradeTag grade={now.max} testId="max-grade" />
                      </dd>
                    </div>
                    <div>
                      <dt>
                        <label htmlFor={`grade-${s.subject_id}`}>{t('appraisal.proposal')}</label>
                      </dt>
                      <dd>
                        <Select
                          id={`grade-${s.subject_id}`}
                          data-testid="proposal-select"
                          className="grade-select"
                          value={chosen[s.subject_id] ?? undefined}
                          onChange={(g: Grade) => {
                            setChosen((c) => ({ ...c, [s.subject_id]: g }));
                            setProblems((p) => ({ ...p, [s.subject_id]: '' }));
                          }}
                          options={GRADES.map((g) => ({ value: g, label: t(`grade.${g}`) }))}
                        />
                      </dd>
                    </div>
                  </dl>
                  {needsReason(s) && (
                    <div className="appraisal-reason">
                      <label htmlFor={`reason-${s.subject_id}`}>{t('appraisal.reason')}</label>
                      <Input.TextArea
                        id={`reason-${s.subject_id}`}
                        data-testid="proposal-reason"
                        autoSize={{ minRows: 1, maxRows: 4 }}
                        value={reasons[s.subject_id] ?? ''}
                        status={problems[s.subject_id] ? 'error' : undefined}
                        onChange={(e) => setReasons((r) => ({ ...r, [s.subject_id]: e.target.value }))}
                      />
                    </div>
                  )}
                  {now.proposal_above_max && (
                    <Alert
                      type="error"
                      showIcon
                      data-testid="above-max"
                      title={t('appraisal.aboveMax', { grade: now.max ? t(`grade.${now.max}`) : '—' })}
                    />
                  )}
                  {problems[s.subject_id] && (
                    <div className="row-problem" role="alert" data-testid="row-problem">
                      {problems[s.subject_id]}
                    </div>
                  )}
                  <details className="appraisal-findings">
                    <summary>{t('appraisal.findings', { n: now.findings.length })}</summary>
                    <Findings findings={now.findings} />
                  </details>
                </li>
              );
            })}
          </ol>
        </Card>
      )}
      {saveError && <Alert type="error" showIcon role="alert" title={saveError} data-testid="save-error" />}
      <div className="form-actions">
        <Button
          type="primary"
          size="large"
          loading={saving}
          disabled={toPropose.length === 0}
          onClick={save}
          data-testid="save-proposals"
        >
          {t('appraisal.save', { n: toPropose.length })}
        </Button>
        <LinkButton size="large" to={`/cycles/${cycle.id}/decide?unit=${unit.id}`} data-testid="to-decision">
          {t('appraisal.toDecision')}
        </LinkButton>
      </div>
    </Space>
  );
}

function focusRow(id: number) {
  const el = document.getElementById(`subject-${id}`);
  el?.scrollIntoView({ block: 'center' });
  el?.focus();
}
