// The committee's complaints (/cycles/:id/complaints?unit=): the complaints filed about the subjects of the unit's
// subtree, newest first (all, not answered yet, or answered), each with what the member wrote and asked for, the
// contested decision and grade, and the answer form — upheld (the grade is then decided again, on the subject's
// page, through the same checks) or rejected, with reasons either way. One request reads the page of complaints
// (GET /cycles/{id}/complaints).
import '../components/decision/decision.css';
import { Alert, App, Button, Card, Empty, Form, Input, Pagination, Radio, Space, Tag, Typography } from 'antd';
import { useState } from 'react';
import { Link, useParams, useSearchParams } from 'react-router';
import { api } from '../api/client';
import { decisionApi, type Complaint, type ComplaintListItem } from '../api/decision';
import { useApiFieldErrors } from '../api/field_errors';
import { deciderUnit } from '../components/decision/batch';
import { GradeTag } from '../components/decision/grade_bits';
import { LinkButton } from '../components/link_button';
import { Show, useLoad } from '../components/load';
import { cycleName } from '../components/review_bits';
import { formatDate } from '../format';
import { useI18n } from '../i18n/i18n';
import { useSession } from '../session/session';

const PAGE_SIZE = 20;
const EMPTY = { all: 'complaints.noneFiled', open: 'complaints.none', answered: 'complaints.noneAnswered' } as const;

export function ComplaintsPage() {
  const params = useParams();
  const [search] = useSearchParams();
  const { account } = useSession();
  const id = Number(params.id);
  const unitParam = search.get('unit') ? Number(search.get('unit')) : undefined;
  const [status, setStatus] = useState<'all' | 'open' | 'answered'>('all');
  const [page, setPage] = useState(1);
  const loaded = useLoad(async () => {
    const cycle = await api.cycle(id);
    const unitId = deciderUnit(account, cycle, unitParam);
    const [unit, complaints] = await Promise.all([
      api.unit(unitId),
      decisionApi.complaints(id, unitId, { status: status === 'all' ? undefined : status, page, pageSize: PAGE_SIZE }),
    ]);
    return { cycle, unit, complaints };
  }, [id, unitParam, status, page]);
  const { t } = useI18n();
  return (
    <Show loaded={loaded}>
      {({ cycle, unit, complaints }) => (
        <Space orientation="vertical" size="large" style={{ width: '100%' }}>
          <div>
            <Typography.Title level={1} className="page-title" style={{ fontSize: 28 }} data-testid="complaints-title">
              {t('complaints.title')}
            </Typography.Title>
            <Typography.Paragraph>
              <Link to={`/cycles/${cycle.id}?unit=${unit.id}`}>{cycleName(cycle, t)}</Link> · {unit.name}
            </Typography.Paragraph>
            <Radio.Group
              optionType="button"
              value={status}
              data-testid="complaint-filter"
              onChange={(e) => {
                setStatus(e.target.value);
                setPage(1);
              }}
              options={[
                { value: 'all', label: t('complaints.filterAll') },
                { value: 'open', label: t('complaints.filterOpen') },
                { value: 'answered', label: t('complaints.filterAnswered') },
              ]}
            />
          </div>
          {complaints.items.length === 0 ? (
            <Empty description={t(EMPTY[status])} />
          ) : (
            complaints.items.map((c) => <ComplaintCard key={c.id} complaint={c} reload={loaded.reload} />)
          )}
          {complaints.total > PAGE_SIZE && (
            <Pagination
              current={page}
              pageSize={PAGE_SIZE}
              total={complaints.total}
              showSizeChanger={false}
              onChange={setPage}
            />
          )}
        </Space>
      )}
    </Show>
  );
}

function ComplaintCard({ complaint: c, reload }: { complaint: ComplaintListItem; reload: () => void }) {
  const { t } = useI18n();
  return (
    <Card
      data-testid="complaint-item"
      data-subject={c.subject_id}
      data-complaint={c.id}
      data-status={c.status}
      title={
        <h2 className="card-title">
          <Link to={`/reviews/${c.review_id}/result`}>{c.subject_name}</Link>{' '}
          <Typography.Text type="secondary">· {c.unit_name}</Typography.Text>
        </h2>
      }
    >
      <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
        <div>
          {t('complaints.contested')}: <GradeTag grade={c.contested_grade} />{' '}
          <Link to={`/decisions/${c.decision_id}`}>
            {t('results.decision', { number: c.decision_number, date: formatDate(c.decision_date) })}
          </Link>
        </div>
        <div>
          <strong>{t('result.filedOn', { date: formatDate(c.filed_on) })}</strong>
          <div className="pre-line complaint-text">{c.text}</div>
          {c.requested && (
            <div>
              {t('complaint.requested')}: <GradeTag grade={c.requested} />
            </div>
          )}
        </div>
        {c.outcome === 'pending' ? (
          <AnswerForm complaint={c} onDone={reload} />
        ) : (
          <>
            <Alert
              type={c.outcome === 'upheld' ? 'success' : 'info'}
              showIcon
              title={`${t(`complaint.outcome.${c.outcome}`)} — ${formatDate(c.answered_on)}`}
              description={<div className="pre-line">{c.reasons}</div>}
            />
            {c.state === 'regrading' && (
              <div>
                <LinkButton type="primary" size="large" to={`/reviews/${c.review_id}/result`} data-testid="to-regrade">
                  {t('complaints.regrade')}
                </LinkButton>
              </div>
            )}
          </>
        )}
        <Tag>{t(`state.${c.state}` as Parameters<typeof t>[0])}</Tag>
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
