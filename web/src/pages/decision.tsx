// The decision (/cycles/:id/decide?unit=): the record (number, date, signer; the organ follows from the unit) and
// the batch of proposed subjects with their grades, the engine's highest allowed grade and the quota meter.
// "Quyết định" submits the batch in one request: stored whole, or refused whole — every reason is then shown beside
// the subject or the quota it concerns and listed in a summary, and nothing is stored.
import '../components/decision/decision.css';
import { Alert, Button, Card, Checkbox, Form, Input, Space, Tag, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { Link, useNavigate, useParams, useSearchParams } from 'react-router';
import { decisionApi } from '../api/decision';
import { DateField } from '../components/date_field';
import { decidable, loadBatch, todayIso, type Batch } from '../components/decision/batch';
import { GradeTag, QuotaMeterView } from '../components/decision/grade_bits';
import { sortRefusal, type Refusal } from '../components/decision/refusal';
import { RefusalAlert } from '../components/decision/refusal_alert';
import { LinkButton } from '../components/link_button';
import { ErrorBox, Show, useLoad } from '../components/load';
import { cycleName } from '../components/review_bits';
import { useI18n } from '../i18n/i18n';
import { useSession } from '../session/session';

export function DecisionPage() {
  const params = useParams();
  const [search] = useSearchParams();
  const { account } = useSession();
  const id = Number(params.id);
  const unitParam = search.get('unit') ? Number(search.get('unit')) : undefined;
  const loaded = useLoad(() => loadBatch(id, account, unitParam, false), [id, unitParam]);
  return <Show loaded={loaded}>{(b) => <DecisionForm batch={b} />}</Show>;
}

interface RecordFields {
  number: string;
  date: string;
  signer: string;
  body?: string;
}

function DecisionForm({ batch }: { batch: Batch }) {
  const { t, lang, pick } = useI18n();
  const navigate = useNavigate();
  const [form] = Form.useForm<RecordFields>();
  const { cycle, unit, appraisal } = batch;
  const rows = useMemo(() => decidable(appraisal, ['proposed']), [appraisal]);
  const waiting = useMemo(() => decidable(appraisal, ['reviewed']), [appraisal]);
  const [included, setIncluded] = useState<Set<number>>(() => new Set(rows.map((s) => s.subject_id)));
  const [refusal, setRefusal] = useState<Refusal | null>(null);
  const [failure, setFailure] = useState<unknown>(null);
  const [sending, setSending] = useState(false);

  async function decide(values: RecordFields) {
    setRefusal(null);
    setFailure(null);
    setSending(true);
    try {
      const decision = await decisionApi.decide(cycle.id, {
        unit_id: unit.id,
        number: values.number.trim(),
        date: values.date,
        signer: values.signer.trim(),
        body: values.body?.trim() || undefined,
        subject_ids: rows.filter((s) => included.has(s.subject_id)).map((s) => s.subject_id),
      });
      navigate(`/decisions/${decision.id}`);
    } catch (e) {
      const sorted = sortRefusal(e, lang, pick);
      if (!sorted) {
        setFailure(e);
      } else {
        setRefusal(sorted);
        form.setFields(
          (['number', 'date', 'signer', 'body'] as const).map((name) => ({
            name,
            errors: sorted.byField[name] ? [sorted.byField[name]] : [],
          })),
        );
      }
    } finally {
      setSending(false);
    }
  }

  return (
    <Space orientation="vertical" size="large" style={{ width: '100%' }}>
      <div>
        <Typography.Title level={1} className="page-title" style={{ fontSize: 28 }} data-testid="decision-title">
          {t('decide.title')}
        </Typography.Title>
        <Typography.Paragraph style={{ marginBottom: 0 }}>
          <Link to={`/cycles/${cycle.id}?unit=${unit.id}`}>{cycleName(cycle, t)}</Link> · {unit.name}
        </Typography.Paragraph>
        <Typography.Paragraph type="secondary">{t('decide.help')}</Typography.Paragraph>
      </div>
      {refusal && <RefusalAlert refusal={refusal} />}
      {failure != null && <ErrorBox error={failure} />}
      <Card title={<h2 className="card-title">{t('decide.quotaTitle')}</h2>} data-testid="quota-card">
        {appraisal.quotas.length === 0 ? (
          <Typography.Paragraph style={{ marginBottom: 0 }}>{t('decide.noQuota')}</Typography.Paragraph>
        ) : (
          appraisal.quotas.map((q) => (
            <QuotaMeterView
              key={`${q.unit_id}-${q.part ?? ''}-${q.rule}`}
              quota={q}
              problem={refusal?.byQuota[q.unit_id]?.join(' ')}
            />
          ))
        )}
        {refusal &&
          Object.entries(refusal.byQuota)
            .filter(([u]) => !appraisal.quotas.some((q) => q.unit_id === Number(u)))
            .map(([u, texts]) => (
              <Alert key={u} type="error" showIcon title={texts.join(' ')} data-testid="quota-problem" />
            ))}
      </Card>
      <Card title={<h2 className="card-title">{t('decide.batch', { n: included.size })}</h2>} data-testid="batch">
        {rows.length === 0 ? (
          <Alert type="info" showIcon title={t('decide.nothing')} data-testid="decision-empty" />
        ) : (
          <ol className="appraisal-list">
            {rows.map((s) => (
              <li key={s.subject_id} className="appraisal-row" data-testid="batch-row" data-subject={s.subject_id}>
                <div className="appraisal-who">
                  <Checkbox
                    checked={included.has(s.subject_id)}
                    onChange={(e) =>
                      setIncluded((set) => {
                        const next = new Set(set);
                        if (e.target.checked) next.add(s.subject_id);
                        else next.delete(s.subject_id);
                        return next;
                      })
                    }
                    aria-label={t('decide.include', { name: s.name })}
                  />
                  <Link to={`/reviews/${s.subject_id}/result`} className="member-name">
                    {s.name}
                  </Link>
                  {s.kind !== 'member' && <Tag>{t(`decide.kind.${s.kind}`)}</Tag>}
                </div>
                <dl className="appraisal-grades">
                  <div>
                    <dt>{t('decide.grade')}</dt>
                    <dd>
                      <GradeTag grade={s.proposed} testId="batch-grade" />
                    </dd>
                  </div>
                  <div>
                    <dt>{t('appraisal.max')}</dt>
                    <dd>
                      <GradeTag grade={s.max} />
                    </dd>
                  </div>
                </dl>
                {(refusal?.bySubject[s.subject_id] ?? []).map((x, i) => (
                  <div key={i} className="row-problem" role="alert" data-testid="row-problem">
                    {x}
                  </div>
                ))}
              </li>
            ))}
          </ol>
        )}
        {waiting.length > 0 && (
          <Typography.Paragraph type="secondary" style={{ marginTop: 12 }} data-testid="not-proposed">
            {t('decide.notProposed', { n: waiting.length })}{' '}
            <Link to={`/cycles/${cycle.id}/appraisal?unit=${unit.id}`}>{t('decide.toAppraisal')}</Link>
          </Typography.Paragraph>
        )}
      </Card>
      <Card title={<h2 className="card-title">{t('decide.record')}</h2>}>
        <Form<RecordFields>
          form={form}
          layout="vertical"
          requiredMark="optional"
          initialValues={{ date: todayIso() }}
          onFinish={decide}
          scrollToFirstError
        >
          <p data-testid="organ">
            {t('decide.organ')}: <strong>{t('decide.organOf', { unit: unit.name })}</strong>
          </p>
          <Form.Item
            name="number"
            label={t('decide.number')}
            rules={[{ required: true, whitespace: true, message: t('decide.required') }]}
            extra={t('decide.numberHelp')}
          >
            <Input data-testid="decision-number" autoComplete="off" style={{ maxWidth: 320 }} />
          </Form.Item>
          <Form.Item name="date" label={t('decide.date')} rules={[{ required: true, message: t('decide.required') }]}>
            <DateField />
          </Form.Item>
          <Form.Item
            name="signer"
            label={t('decide.signer')}
            rules={[{ required: true, whitespace: true, message: t('decide.required') }]}
            extra={t('decide.signerHelp')}
          >
            <Input data-testid="decision-signer" autoComplete="off" />
          </Form.Item>
          <Form.Item name="body" label={t('decide.body')}>
            <Input.TextArea data-testid="decision-body" autoSize={{ minRows: 2, maxRows: 8 }} />
          </Form.Item>
          <div className="form-actions">
            <Button
              type="primary"
              size="large"
              htmlType="submit"
              loading={sending}
              disabled={included.size === 0}
              data-testid="decide"
            >
              {t('decide.submit')}
            </Button>
            <LinkButton size="large" to={`/cycles/${cycle.id}/appraisal?unit=${unit.id}`}>
              {t('decide.toAppraisal')}
            </LinkButton>
          </div>
        </Form>
      </Card>
    </Space>
  );
}
