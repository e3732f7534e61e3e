// A stored decision (/decisions/:id), read-only: the record, the grades it gave (and those they replaced), the quota
// meters it was decided with; the deciding committee publishes it (after confirming), which notifies each subject
// and makes the results final.
import '../components/decision/decision.css';
import { Alert, App, Button, Card, Descriptions, Space, Tag, Typography } from 'antd';
import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { DocumentDownloads } from '../components/document_downloads';
import { decisionApi, type Decision } from '../api/decision';
import { formatTime, GradeTag, QuotaMeterView } from '../components/decision/grade_bits';
import { ErrorBox, Show, useLoad } from '../components/load';
import { formatDate } from '../format';
import { useI18n } from '../i18n/i18n';
import { hasRole, useSession } from '../session/session';

export function DecisionRecordPage() {
  const params = useParams();
  const id = Number(params.id);
  const loaded = useLoad(() => decisionApi.decision(id), [id]);
  return <Show loaded={loaded}>{(d) => <DecisionRecord decision={d} reload={loaded.reload} />}</Show>;
}

function DecisionRecord({ decision: d, reload }: { decision: Decision; reload: () => void }) {
  const { t, lang } = useI18n();
  const { modal, message } = App.useApp();
  const { account } = useSession();
  const [failure, setFailure] = useState<unknown>(null);
  const canPublish = hasRole(account, 'committee') && d.published_at == null;

  function publish() {
    modal.confirm({
      title: t('record.confirmTitle'),
      content: t('record.confirmText', { n: d.grades.length }),
      okText: t('record.publish'),
      cancelText: t('common.cancel'),
      okButtonProps: { 'data-testid': 'confirm-publish' },
      onOk: async () => {
        try {
          await decisionApi.publish(d.id);
          message.success(t('record.published'));
          reload();
        } catch (e) {
          setFailure(e);
        }
      },
    });
  }

  return (
    <Space orientation="vertical" size="large" style={{ width: '100%' }}>
      <div>
        <Typography.Title level={1} className="page-title" style={{ fontSize: 28 }} data-testid="record-title">
          {t('record.title', { number: d.number, date: formatDate(d.date) })}
        </Typography.Title>
        <Typography.Paragraph>
          {d.published_at != null ? (
            <Tag color="green" data-testid="record-status" data-published="true">
              {t('record.publishedAt', { when: formatTime(d.published_at, lang) })}
            </Tag>
          ) : (
            <Tag color="gold" data-testid="record-status" data-published="false">
              {t('record.notPublished')}
            </Tag>
          )}
        </Typography.Paragraph>
      </div>
      {failure != null && <ErrorBox error={failure} />}
      <Card title={<h2 className="card-title">{t('decide.record')}</h2>} data-testid="record">
        <Descriptions
          column={1}
          bordered
          size="small"
          items={[
            { key: 'organ', label: t('decide.organ'), children: `${t(`record.organ.${d.organ}`)} — ${d.unit_name}` },
            { key: 'number', label: t('decide.number'), children: <span data-testid="record-number">{d.number}</span> },
            { key: 'date', label: t('decide.date'), children: formatDate(d.date) },
            { key: 'signer', label: t('decide.signer'), children: d.signer },
            { key: 'kind', label: t('record.kind'), children: t(`record.kind.${d.kind}`) },
            ...(d.body ? [{ key: 'body', label: t('decide.body'), children: <div className="pre-line">{d.body}</div> }] : []),
          ]}
        />
      </Card>
      {d.quotas.length > 0 && (
        <Card title={<h2 className="card-title">{t('decide.quotaTitle')}</h2>}>
          {d.quotas.map((q) => (
            <QuotaMeterView key={`${q.unit_id}-${q.part ?? ''}-${q.rule}`} quota={q} />
          ))}
        </Card>
      )}
      <Card title={<h2 className="card-title">{t('record.grades', { n: d.grades.length })}</h2>}>
        <ol className="appraisal-list">
          {d.grades.map((g) => (
            <li key={g.subject_id} className="appraisal-row" data-testid="record-row" data-subject={g.subject_id}>
              <div className="appraisal-who">
                <Link to={`/reviews/${g.subject_id}/result`} className="member-name">
                  {g.name}
                </Link>
                {g.kind !== 'member' && <Tag>{t(`decide.kind.${g.kind}`)}</Tag>}
              </div>
              <dl className="appraisal-grades">
                <div>
                  <dt>{t('decide.grade')}</dt>
                  <dd>
                    <GradeTag grade={g.grade} testId="record-grade" />
                  </dd>
                </div>
                {g.previous_grade && (
                  <div>
                    <dt>{t('record.previous')}</dt>
                    <dd>
                      <GradeTag grade={g.previous_grade} />
                    </dd>
                  </div>
                )}
              </dl>
            </li>
          ))}
        </ol>
      </Card>
      <DocumentDownloads path={`/decisions/${d.id}/document`} testId="decision-document" />
      {canPublish && (
        <Card>
          <Alert type="info" showIcon title={t('record.publishHelp')} style={{ marginBottom: 16 }} />
          <Button type="primary" size="large" onClick={publish} data-testid="publish">
            {t('record.publish')}
          </Button>
        </Card>
      )}
    </Space>
  );
}
