// The committee's complaints (/cycles/:id/complaints?unit=): the subjects of the unit's subtree whose grade is
// contested or being re-graded, each complaint with what the member wrote and asked for, and the answer form —
// upheld (the grade is then decided again, on the subject's page, through the same checks) or rejected, with
// reasons either way. The API has no list of complaints by unit, so the page reads the subjects in those states and
// each one's review.
import '../components/decision/decision.css';
import { Alert, App, Button, Card, Empty, Form, Input, Radio, Space, Tag, Typography } from 'antd';
import { Link, useParams, useSearchParams } from 'react-router';
import { api } from '../api/client';
import { decisionApi, type Complaint, type ReviewDetail } from '../api/decision';
import { useApiFieldErrors } from '../api/field_errors';
import { deciderUnit } from '../components/decision/batch';
import { GradeTag } from '../components/decision/grade_bits';
import { LinkButton } from '../components/link_button';
import { Show, useLoad } from '../components/load';
import { cycleName } from '../components/review_bits';
import { formatDate } from '../format';
import { useI18n } from '../i18n/i18n';
import { useSession } from '../session/session';

export function ComplaintsPage() {
  const params = useParams();
  const [search] = useSearchParams();
  const { account } = useSession();
  const id = Number(params.id);
  const unitParam = search.get('unit') ? Number(search.get('unit')) : undefined;
  const loaded = useLoad(async () => {
    const cycle = await api.cycle(id);
    const unitId = deciderUnit(account, cycle, unitParam);
    const [unit, subjects] = await Promise.all([api.unit(unitId), decisionApi.allSubjects(id, unitId)]);
    const contested = subjects.filter((s) => s.state === 'complaint_filed' || s.state === 'regrading');
    const reviews = await Promise.all(contested.map((s) => decisionApi.review(s.subject_id)));
    return { cycle, unit, reviews: reviews.filter((r) => r.complaints.length > 0) };
  }, [id, unitParam]);
  const { t } = useI18n();
  return (
    <Show loaded={loaded}>
      {({ cycle, unit, reviews }) => (
        <Space orientation="vertical" size="large" style={{ width: '100%' }}>
          <div>
            <Typography.Title level={1} className="page-title" style={{ fontSize: 28 }} data-testid="complaints-title">
              {t('complaints.title')}
            </Typography.Title>
            <Typography.Paragraph>
              <Link to={`/cycles/${cycle.id}?unit=${unit.id}`}>{cycleName(cycle, t)}</Link> · {unit.name}
            </Typography.Paragraph>
          </div>
          {reviews.length === 0 ? (
            <Empty description={t('complaints.none')} />
          ) : (
            reviews.map((r) => <ComplaintCard key={r.id} review={r} reload={loaded.reload} />)
          )}
        </Space>
      )}
    </Show>
  );
}

function ComplaintCard({ review: r, reload }: { review: ReviewDetail; reload: () => void }) {
  const { t } = useI18n();
  const latest = r.complaints[r.complaints.length - 1];
  const contested = r.decisions.find((d) => d.id === latest.decision_id);
  return (
    <Card
      data-testid="complaint-item"
      data-subject={r.id}
      title={
        <h2 className="card-title">
          <Link to={`/reviews/${r.id}/result`}>{r.name}</Link>
        </h2>
      }
    >
      <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
        <div>
          {t('complaints.contested')}: <GradeTag grade={contested?.grade ?? r.grade} />{' '}
          {contested && t('results.decision', { number: contested.number, date: formatDate(contested.date) })}
        </div>
        <div>
          <strong>{t('result.filedOn', { date: formatDate(latest.filed_on) })}</strong>
          <div className="pre-line complaint-text">{latest.text}</div>
          {latest.requested && (
            <div>
              {t('complaint.requested')}: <GradeTag grade={latest.requested} />
            </div>
          )}
        </div>
        {latest.outcome === 'pending' ? (
          <AnswerForm complaint={latest} onDone={reload} />
        ) : (
          <>
            <Alert
              type={latest.outcome === 'upheld' ? 'success' : 'info'}
              showIcon
              title={`${t(`complaint.outcome.${latest.outcome}`)} — ${formatDate(latest.answered_on)}`}
              description={<div className="pre-line">{latest.reasons}</div>}
            />
            {r.state === 'regrading' && (
              <div>
                <LinkButton type="primary" size="large" to={`/reviews/${r.id}/result`} data-testid="to-regrade">
                  {t('complaints.regrade')}
                </LinkButton>
              </div>
            )}
          </>
        )}
        <Tag>{t(`state.${r.state}` as Parameters<typeof t>[0])}</Tag>
      </Space>
    </Card>
  );
}

function AnswerForm({ complaint, onDone }: { complaint: Complaint; onDone: () => void }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ outcome: 'upheld' | 'rejected'; reasons: string }>();
  const errors = useApiFieldErrors(form, ['outcome', 'reasons']);
  return (
    <>
      {errors.alert}
      <Form
        form={form}
        layout="vertical"
        onFinish={async (v) => {
          errors.clear();
          try {
            await decisionApi.answerComplaint(complaint.id, { outcome: v.outcome, reasons: v.reasons.trim() });
            message.success(t('complaints.answered'));
            onDone();
          } catch (e) {
            errors.report(e);
          }
        }}
      >
        <Form.Item
          name="outcome"
          label={t('complaints.outcome')}
          rules={[{ required: true, message: t('complaints.outcomeNeeded') }]}
        >
          <Radio.Group data-testid="answer-outcome">
            <Space orientation="vertical">
              <Radio value="rejected" data-testid="answer-rejected">
                {t('complaints.reject')}
              </Radio>
              <Radio value="upheld" data-testid="answer-upheld">
                {t('complaints.uphold')}
              </Radio>
            </Space>
          </Radio.Group>
        </Form.Item>
        <Form.Item
          name="reasons"
          label={t('complaints.reasons')}
          rules={[{ required: true, whitespace: true, message: t('complaints.reasonsNeeded') }]}
        >
          <Input.TextArea data-testid="answer-reasons" autoSize={{ minRows: 3, maxRows: 10 }} />
        </Form.Item>
        <Button type="primary" size="large" htmlType="submit" data-testid="answer">
          {t('complaints.submit')}
        </Button>
      </Form>
    </>
  );
}
