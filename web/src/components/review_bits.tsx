// Pieces the review screens share (home, my reviews, the statement, cycles): the deadline note, a review's state
// tag, a member's review card, a cycle's name, the roles that open cycles.
import { Alert, Card, Space, Tag } from 'antd';
import type { Cycle, MyReview } from '../api/types';
import { formatDate } from '../format';
import { useI18n } from '../i18n/i18n';
import { daysUntil } from '../review';
import { LinkButton } from './link_button';

// Roles that may open a cycle over their unit (service/auth open_cycle).
export const OPENING_ROLES = ['administrator', 'organization_board', 'committee'];

export function cycleName(c: Cycle, t: ReturnType<typeof useI18n>['t']): string {
  return c.quarter ? `${t('cycle.year', { year: c.year })}, ${t('cycle.quarterN', { n: c.quarter })}` : t('cycle.year', { year: c.year });
}

export function DueNote({ due }: { due: string }) {
  const { t } = useI18n();
  const days = daysUntil(due);
  const when =
    days > 1
      ? t('due.inDays', { days })
      : days === 1
        ? t('due.tomorrow')
        : days === 0
          ? t('due.today')
          : t('due.late', { days: -days });
  return (
    <Alert
      type={days < 0 ? 'error' : days <= 3 ? 'warning' : 'info'}
      showIcon
      data-testid="due-note"
      title={t('statement.due', { date: formatDate(due), when })}
    />
  );
}

export function ReviewCard({ review: r }: { review: MyReview }) {
  const { t, lang } = useI18n();
  const submitted = r.statement_status === 'submitted';
  return (
    <Card
      data-testid="my-review"
      title={
        <h2 className="card-title">
          {t('myReviews.cycle', { year: r.year })}
          {r.quarter ? ` — ${t('cycle.quarterN', { n: r.quarter })}` : ''}
        </h2>
      }
    >
      <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
        <div>
          {r.unit_name}
          {r.place === 'post' && r.post_title ? ` — ${r.post_title}` : ''}
          <br />
          {t('myReviews.form', { form: r.form })}
        </div>
        {!r.reviewed ? (
          <Alert
            type="info"
            showIcon
            data-testid="not-reviewed"
            title={t('myReviews.notReviewed')}
            description={<Reasons review={r} lang={lang} />}
          />
        ) : (
          <>
            <div>
              <StateTag state={submitted ? 'submitted' : (r.statement_status ?? 'not_started')} />
            </div>
            {!r.graded && (
              <Alert
                type="info"
                showIcon
                data-testid="not-graded"
                title={t('myReviews.notGraded')}
                description={<Reasons review={r} lang={lang} />}
              />
            )}
            {!submitted && r.self_review_due && <DueNote due={r.self_review_due} />}
            <div>
              <LinkButton type="primary" size="large" to={`/reviews/${r.id}`} data-testid="open-statement">
                {submitted ? t('myReviews.view') : r.statement_status ? t('myReviews.continue') : t('myReviews.write')}
              </LinkButton>
            </div>
          </>
        )}
      </Space>
    </Card>
  );
}

function Reasons({ review, lang }: { review: MyReview; lang: 'vi' | 'en' }) {
  if (!review.reasons.length) return null;
  return (
    <ul className="plain-list">
      {review.reasons.map((x) => (
        <li key={x.rule}>{lang === 'vi' ? x.vi : x.en}</li>
      ))}
    </ul>
  );
}

export function StateTag({ state }: { state: string }) {
  const { t } = useI18n();
  const color = state === 'submitted' ? 'green' : state === 'draft' ? 'gold' : 'default';
  return (
    <Tag color={color} className="state-tag" data-testid="state-tag">
      {t(`state.${state}` as Parameters<typeof t>[0])}
    </Tag>
  );
}
