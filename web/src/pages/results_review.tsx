// One review's result (/reviews/:id/result): the grade, the decisions that gave it (and the grades they replaced),
// the complaints and their answers, and the whole history. The subject files a complaint here within the cycle's
// complaint period (the form is shown disabled, with the reason, outside it). A committee re-grades here: the level
// above cancels a decided or published grade (with a reason), and a grade being re-graded (after a cancellation or
// an upheld complaint) is decided again through the same checks as any decision.
import '../components/decision/decision.css';
import { Alert, App, Button, Card, Form, Input, Select, Space, Tag, Typography } from 'antd';
import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { DocumentDownloads } from '../components/document_downloads';
import { api } from '../api/client';
import { decisionApi, type ReviewDetail } from '../api/decision';
import { useApiFieldErrors } from '../api/field_errors';
import { GRADES, type Account, type Cycle, type Grade } from '../api/types';
import { DateField } from '../components/date_field';
import { todayIso } from '../components/decision/batch';
import { formatTime, GradeTag, HistoryTimeline } from '../components/decision/grade_bits';
import { sortRefusal, type Refusal } from '../components/decision/refusal';
import { RefusalAlert } from '../components/decision/refusal_alert';
import { Show, useLoad } from '../components/load';
import { formatDate } from '../format';
import { useI18n } from '../i18n/i18n';
import { hasRole, useSession } from '../session/session';

const DAY_MS = 86_400_000;

export function ReviewResultPage() {
  const params = useParams();
  const id = Number(params.id);
  const loaded = useLoad(async () => {
    const review = await decisionApi.review(id);
    const cycle = await api.cycle(review.cycle_id);
    return { review, cycle };
  }, [id]);
  return <Show loaded={loaded}>{(d) => <ReviewResult {...d} reload={loaded.reload} />}</Show>;
}

// The complaint period: from the publication of the grade in force until `complaint_days` after it.
export function complaintWindow(review: ReviewDetail, cycle: Cycle, now = Date.now()) {
  const published = review.decisions
    .map((d) => d.published_at)
    .filter((p): p is number => p != null)
    .sort((a, b) => b - a)[0];
  const days = cycle.complaint_days ?? 30;
  if (published == null) return { open: false, reason: 'notPublished' as const, until: null };
  const until = published + days * DAY_MS;
  if (review.state === 'complaint_filed') return { open: false, reason: 'pending' as const, until };
  if (review.state !== 'published') return { open: false, reason: 'state' as const, until };
  if (now > until) return { open: false, reason: 'over' as const, until };
  return { open: true, reason: null, until };
}

function ReviewResult({ review: r, cycle, reload }: { review: ReviewDetail; cycle: Cycle; reload: () => void }) {
  const { t, lang } = useI18n();
  const { account } = useSession();
  const mine = account?.person_id != null && account.person_id === r.person_id;
  const shown = r.grade && r.state !== 'regrading' ? r.grade : null;
  const decidedBy = new Set(r.decisions.map((d) => d.unit_id));
  // A committee other than the one that decided: the level above may cancel (the server checks the level).
  const superior = !mine && (account?.roles ?? []).some((g) => g.role === 'committee' && !decidedBy.has(g.unit_id));
  return (
    <Space orientation="vertical" size="large" style={{ width: '100%' }}>
      <div>
        <Typography.Title level={1} className="page-title" style={{ fontSize: 28 }} data-testid="result-title">
          {mine ? t('result.mineTitle', { year: r.year }) : t('result.title', { name: r.name, year: r.year })}
        </Typography.Title>
        <Space wrap>
          <Tag data-testid="review-state" data-state={r.state}>
            {t(`state.${r.state}` as Parameters<typeof t>[0])}
          </Tag>
          {shown ? <GradeTag grade={shown} testId="review-grade" /> : null}
        </Space>
      </div>
      <Card title={<h2 className="card-title">{t('result.decisions')}</h2>}>
        {r.decisions.length === 0 ? (
          <Typography.Paragraph style={{ marginBottom: 0 }}>{t('result.noDecision')}</Typography.Paragraph>
        ) : (
          <ul className="plain-list">
            {r.decisions.map((d) => (
              <li key={d.id} data-testid="review-decision" className="decision-line">
                {mine ? (
                  <strong>{t('results.decision', { number: d.number, date: formatDate(d.date) })}</strong>
                ) : (
                  <Link to={`/decisions/${d.id}`}>
                    {t('results.decision', { number: d.number, date: formatDate(d.date) })}
                  </Link>
                )}{' '}
                · {d.unit_name} · {d.signer} · <GradeTag grade={d.grade} />
                {d.previous_grade && (
                  <>
                    {' '}
                    ({t('record.previous')}: <GradeTag grade={d.previous_grade} />)
                  </>
                )}
                {d.published_at == null ? (
                  <Tag color="gold">{t('record.notPublished')}</Tag>
                ) : (
                  <Tag color="green">{t('record.publishedAt', { when: formatTime(d.published_at, lang) })}</Tag>
                )}
              </li>
            ))}
          </ul>
        )}
      </Card>
      {r.decisions.some((d) => d.published_at != null) && (
        <DocumentDownloads path={`/reviews/${r.id}/notification`} testId="notification-document" />
      )}
      {r.complaints.length > 0 && (
        <Card title={<h2 className="card-title">{t('result.complaints')}</h2>} data-testid="complaints">
          {r.complaints.map((c) => (
            <div key={c.id} className="complaint" data-testid="complaint" data-outcome={c.outcome}>
              <div>
                <strong>{t('result.filedOn', { date: formatDate(c.filed_on) })}</strong>{' '}
                <Tag color={c.outcome === 'pending' ? 'gold' : c.outcome === 'upheld' ? 'green' : 'default'}>
                  {t(`complaint.outcome.${c.outcome}`)}
                </Tag>
              </div>
              <div className="pre-line">{c.text}</div>
              {c.requested && (
                <div>
                  {t('complaint.requested')}: <GradeTag grade={c.requested} />
                </div>
              )}
              {c.outcome !== 'pending' && (
                <Alert
                  type={c.outcome === 'upheld' ? 'success' : 'info'}
                  showIcon
                  data-testid="complaint-answer"
                  title={t('result.answeredOn', { date: formatDate(c.answered_on) })}
                  description={<div className="pre-line">{c.reasons}</div>}
                />
              )}
            </div>
          ))}
        </Card>
      )}
      {mine && <ComplaintForm review={r} cycle={cycle} onDone={reload} />}
      {!mine && superior && (r.state === 'decided' || r.state === 'published') && (
        <CancelForm review={r} onDone={reload} />
      )}
      {!mine && hasRole(account, 'committee') && r.state === 'regrading' && (
        <RegradeForm review={r} account={account} onDone={reload} />
      )}
      <Card title={<h2 className="card-title">{t('result.history')}</h2>}>
        <div data-testid="history-wrap">
          <HistoryTimeline transitions={r.transitions} />
        </div>
      </Card>
    </Space>
  );
}

function ComplaintForm({ review, cycle, onDone }: { review: ReviewDetail; cycle: Cycle; onDone: () => void }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ text: string; requested?: Grade }>();
  const errors = useApiFieldErrors(form, ['text', 'requested']);
  const [sending, setSending] = useState(false);
  const period = complaintWindow(review, cycle);
  const closedReason =
    period.reason === 'notPublished'
      ? t('complaint.closed.notPublished')
      : period.reason === 'pending'
        ? t('complaint.closed.pending')
        : period.reason === 'over'
          ? t('complaint.closed.over', { days: cycle.complaint_days ?? 30, date: formatDate(new Date(period.until!).toISOString()) })
          : period.reason === 'state'
            ? t('complaint.closed.state')
            : null;
  return (
    <Card title={<h2 className="card-title">{t('complaint.title')}</h2>} data-testid="complaint-card">
      {period.open ? (
        <Typography.Paragraph data-testid="complaint-window">
          {t('complaint.until', { date: formatDate(new Date(period.until!).toISOString()), days: cycle.complaint_days ?? 30 })}
        </Typography.Paragraph>
      ) : (
        <Alert type="info" showIcon title={closedReason} data-testid="complaint-closed" style={{ marginBottom: 16 }} />
      )}
      {errors.alert}
      {period.reason !== 'pending' && (
        <Form
          form={form}
          layout="vertical"
          disabled={!period.open || sending}
          onFinish={async (values) => {
            errors.clear();
            setSending(true);
            try {
              await decisionApi.fileComplaint(review.id, { text: values.text.trim(), requested: values.requested });
              message.success(t('complaint.filed'));
              form.resetFields();
              onDone();
            } catch (e) {
              errors.report(e);
            } finally {
              setSending(false);
            }
          }}
        >
          <Form.Item
            name="text"
            label={t('complaint.text')}
            rules={[{ required: true, whitespace: true, message: t('complaint.textNeeded') }]}
            extra={t('complaint.textHelp')}
          >
            <Input.TextArea data-testid="complaint-text" autoSize={{ minRows: 3, maxRows: 10 }} />
          </Form.Item>
          <Form.Item name="requested" label={t('complaint.requested')}>
            <Select
              data-testid="complaint-requested"
              allowClear
              options={GRADES.map((g) => ({ value: g, label: t(`grade.${g}`) }))}
              style={{ maxWidth: 420 }}
            />
          </Form.Item>
          <Button type="primary" size="large" htmlType="submit" loading={sending} data-testid="file-complaint">
            {t('complaint.submit')}
          </Button>
        </Form>
      )}
    </Card>
  );
}

function CancelForm({ review, onDone }: { review: ReviewDetail; onDone: () => void }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ reason: string }>();
  const errors = useApiFieldErrors(form, ['reason']);
  return (
    <Card title={<h2 className="card-title">{t('regrade.cancelTitle')}</h2>} data-testid="cancel-card">
      <Typography.Paragraph type="secondary">{t('regrade.cancelHelp')}</Typography.Paragraph>
      {errors.alert}
      <Form
        form={form}
        layout="vertical"
        onFinish={async ({ reason }) => {
          errors.clear();
          try {
            await decisionApi.cancel(review.id, reason.trim());
            message.success(t('regrade.cancelled'));
            onDone();
          } catch (e) {
            errors.report(e);
          }
        }}
      >
        <Form.Item
          name="reason"
          label={t('regrade.reason')}
          rules={[{ required: true, whitespace: true, message: t('decide.required') }]}
        >
          <Input.TextArea data-testid="cancel-reason" autoSize={{ minRows: 2, maxRows: 6 }} />
        </Form.Item>
        <Button danger size="large" htmlType="submit" data-testid="cancel-grade">
          {t('regrade.cancel')}
        </Button>
      </Form>
    </Card>
  );
}

// Re-grading one subject: after an upheld complaint the committee that made the contested decision decides again
// (with the complaint's id); after a cancellation, the committee of the caller's grant (the level above, R-REGRADE-2).
function RegradeForm({ review, account, onDone }: { review: ReviewDetail; account: Account | null; onDone: () => void }) {
  const { t, lang, pick } = useI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ grade: Grade; number: string; date: string; signer: string }>();
  const [refusal, setRefusal] = useState<Refusal | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  const upheld = [...review.complaints].reverse().find((c) => c.outcome === 'upheld');
  const contested = upheld ? review.decisions.find((d) => d.id === upheld.decision_id) : undefined;
  const grants = (account?.roles ?? []).filter((g) => g.role === 'committee').map((g) => g.unit_id);
  const unitId = contested?.unit_id ?? grants[0];
  return (
    <Card title={<h2 className="card-title">{t('regrade.title')}</h2>} data-testid="regrade-card">
      <Typography.Paragraph type="secondary">
        {upheld ? t('regrade.afterComplaint') : t('regrade.afterCancel')}
      </Typography.Paragraph>
      {refusal && <RefusalAlert refusal={refusal} style={{ marginBottom: 16 }} />}
      {failure && <Alert type="error" showIcon role="alert" title={failure} style={{ marginBottom: 16 }} />}
      <Form
        form={form}
        layout="vertical"
        initialValues={{
          grade: upheld?.requested ?? review.proposed_grade ?? review.meeting_grade ?? undefined,
          date: todayIso(),
        }}
        onFinish={async (v) => {
          setRefusal(null);
          setFailure(null);
          try {
            await decisionApi.decide(review.cycle_id, {
              unit_id: unitId,
              number: v.number.trim(),
              date: v.date,
              signer: v.signer.trim(),
              subject_ids: [review.id],
              grades: { [String(review.id)]: v.grade },
              complaint_id: upheld?.id,
            });
            message.success(t('regrade.done'));
            onDone();
          } catch (e) {
            const sorted = sortRefusal(e, lang, pick);
            if (sorted) setRefusal(sorted);
            else setFailure(e instanceof Error ? pick(e.message) : String(e));
          }
        }}
      >
        <Form.Item name="grade" label={t('decide.grade')} rules={[{ required: true, message: t('decide.required') }]}>
          <Select
            data-testid="regrade-grade"
            options={GRADES.map((g) => ({ value: g, label: t(`grade.${g}`) }))}
            style={{ maxWidth: 420 }}
          />
        </Form.Item>
        <Form.Item name="number" label={t('decide.number')} rules={[{ required: true, whitespace: true, message: t('decide.required') }]}>
          <Input data-testid="regrade-number" style={{ maxWidth: 320 }} />
        </Form.Item>
        <Form.Item name="date" label={t('decide.date')} rules={[{ required: true, message: t('decide.required') }]}>
          <DateField />
        </Form.Item>
        <Form.Item name="signer" label={t('decide.signer')} rules={[{ required: true, whitespace: true, message: t('decide.required') }]}>
          <Input data-testid="regrade-signer" />
        </Form.Item>
        <Button type="primary" size="large" htmlType="submit" data-testid="regrade">
          {t('regrade.submit')}
        </Button>
      </Form>
    </Card>
  );
}
