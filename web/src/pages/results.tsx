// "Kết quả của tôi" (/my-results): the member's notifications (a published grade, an answered complaint, a grade
// cancelled for re-grading) and her results across years — each cycle's grade once published, with the decisions
// that gave it and a link to the review's history and the complaint form.
import '../components/decision/decision.css';
import { Button, Card, Empty, List, Space, Tag, Typography } from 'antd';
import { decisionApi, type MyResult, type Notification } from '../api/decision';
import { formatTime, GradeTag } from '../components/decision/grade_bits';
import { LinkButton } from '../components/link_button';
import { Show, useLoad } from '../components/load';
import { formatDate } from '../format';
import { useI18n } from '../i18n/i18n';

export function ResultsPage() {
  const { t } = useI18n();
  const loaded = useLoad(
    () => Promise.all([decisionApi.results(), decisionApi.notifications()]).then(([results, notes]) => ({ results, notes })),
    [],
  );
  return (
    <Space orientation="vertical" size="large" style={{ width: '100%' }}>
      <Typography.Title level={1} className="page-title" style={{ fontSize: 28 }} data-testid="results-title">
        {t('results.title')}
      </Typography.Title>
      <Show loaded={loaded}>
        {({ results, notes }) => (
          <>
            <Notifications notes={notes} reload={loaded.reload} />
            {results.length === 0 ? (
              <Empty description={t('results.none')} />
            ) : (
              [...results]
                .sort((a, b) => b.year - a.year || b.quarter - a.quarter)
                .map((r) => <ResultCard key={r.review_id} result={r} />)
            )}
          </>
        )}
      </Show>
    </Space>
  );
}

function Notifications({ notes, reload }: { notes: Notification[]; reload: () => void }) {
  const { t, lang } = useI18n();
  if (notes.length === 0) return null;
  return (
    <Card title={<h2 className="card-title">{t('results.notifications')}</h2>} data-testid="notifications">
      <List
        dataSource={notes}
        renderItem={(n) => (
          <List.Item data-testid="notification" data-read={n.read_at != null ? 'true' : 'false'}>
            <div className="notification">
              <div>
                {n.read_at == null && (
                  <Tag color="red" data-testid="unread">
                    {t('results.unread')}
                  </Tag>
                )}
                <span className="notification-text">{lang === 'vi' ? n.text_vi : n.text_en}</span>
              </div>
              <div className="notification-meta">
                {formatTime(n.created_at, lang)}
                {n.subject_id != null && (
                  <LinkButton type="link" to={`/reviews/${n.subject_id}/result`}>
                    {t('results.open')}
                  </LinkButton>
                )}
                {n.read_at == null && (
                  <Button
                    size="small"
                    onClick={async () => {
                      await decisionApi.markRead(n.id);
                      reload();
                    }}
                  >
                    {t('results.markRead')}
                  </Button>
                )}
              </div>
            </div>
          </List.Item>
        )}
      />
    </Card>
  );
}

function ResultCard({ result: r }: { result: MyResult }) {
  const { t } = useI18n();
  const shown = r.grade && r.state !== 'regrading' ? r.grade : null;
  return (
    <Card
      data-testid="result"
      data-review={r.review_id}
      title={
        <h2 className="card-title">
          {t('myReviews.cycle', { year: r.year })}
          {r.quarter ? ` — ${t('cycle.quarterN', { n: r.quarter })}` : ''}
        </h2>
      }
    >
      <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
        <div>{r.unit_name}</div>
        <div className="result-grade">
          {shown ? (
            <>
              <span>{t('results.grade')}: </span>
              <GradeTag grade={shown} testId="result-grade" />
            </>
          ) : (
            <Tag data-testid="result-grade" data-grade="">
              {!r.graded ? t('results.notGraded') : t('results.notYet', { state: t(`state.${r.state}` as Parameters<typeof t>[0]) })}
            </Tag>
          )}
        </div>
        {r.decisions.length > 0 && (
          <ul className="plain-list">
            {r.decisions.map((d) => (
              <li key={d.id} data-testid="result-decision">
                {t('results.decision', { number: d.number, date: formatDate(d.date) })}
              </li>
            ))}
          </ul>
        )}
        <div>
          <LinkButton size="large" to={`/reviews/${r.review_id}/result`} data-testid="open-result">
            {t('results.details')}
          </LinkButton>
        </div>
      </Space>
    </Card>
  );
}
