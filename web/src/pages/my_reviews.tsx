// "Bản kiểm điểm của tôi" (/my-reviews): the member's reviews in open cycles (GET /me/reviews), each with its form,
// deadline and state; a member who is not reviewed or not graded this time sees the rule that says why.
import { Card, Empty, Space, Typography } from 'antd';
import { api } from '../api/client';
import { Show, useLoad } from '../components/load';
import { useI18n } from '../i18n/i18n';
import { ReviewCard } from '../components/review_bits';

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

