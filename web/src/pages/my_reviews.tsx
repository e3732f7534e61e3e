// "Bản kiểm điểm của tôi" (/my-reviews): the member's reviews in open cycles (GET /me/reviews), each with its form,
// deadline and state; a member who is not reviewed or not graded this time sees the rule that says why.
import { Alert, Card, Empty, Space, Tag, Typography } from 'antd';
import { api } from '../api/client';
import type { MyReview } from '../api/types';
import { LinkButton } from '../components/link_button';
import { Show, useLoad } from '../components/load';
import { useI18n } from '../i18n/i18n';
import { DueNote } from './statement';

export function MyReviewsPage() {
  const { t } = useI18n();
  const reviews = useLoad(() => api.myReviews(), []);
  return (
    <Space orientation="vertical" size="large" style={{ width: '100%' }}>
      <Typography.Title level={1} className="page-title" style={{ fontSize: 28 }}>
        {t('myReviews.title')}
      </Typography.Title>
      <Show loaded={reviews}>
        {(items) =>
          items.length === 0 ? (
            <Card>
              <Empty description={t('myReviews.none')} />
            </Card>
          ) : (
            items.map((r) => <ReviewCard key={r.id} review={r} />)
          )
        }
      </Show>
    </Space>
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
