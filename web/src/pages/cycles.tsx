// The review cycles the caller sees (/cycles), newest first, and the way to open one for those who may.
import { Card, Empty, Progress, Space, Tag, Typography } from 'antd';
import { Link } from 'react-router';
import { api } from '../api/client';
import type { Cycle } from '../api/types';
import { LinkButton } from '../components/link_button';
import { Show, useLoad } from '../components/load';
import { formatNumber } from '../format';
import { useI18n } from '../i18n/i18n';
import { useSession } from '../session/session';
import { cycleName, OPENING_ROLES } from '../components/review_bits';

export function CyclesPage() {
  const { t } = useI18n();
  const { account } = useSession();
  const cycles = useLoad(() => api.cycles({ page_size: 50 }), []);
  const opening = (account?.roles ?? []).filter((g) => OPENING_ROLES.includes(g.role));
  return (
    <Space orientation="vertical" size="large" style={{ width: '100%' }}>
      <Typography.Title level={1} className="page-title" style={{ fontSize: 28 }}>
        {t('cycles.title')}
      </Typography.Title>
      {opening.length > 0 && (
        <Space wrap>
          {[...new Set(opening.map((g) => g.unit_id))].map((unitId) => (
            <LinkButton key={unitId} type="primary" size="large" to={`/cycles/new?unit_id=${unitId}`} data-testid="open-cycle">
              {t('cycles.open')}
            </LinkButton>
          ))}
        </Space>
      )}
      <Show loaded={cycles}>
        {(page) =>
          page.items.length === 0 ? (
            <Card>
              <Empty description={t('cycles.none')} />
            </Card>
          ) : (
            page.items.map((c) => <CycleCard key={c.id} cycle={c} />)
          )
        }
      </Show>
    </Space>
  );
}

function CycleCard({ cycle: c }: { cycle: Cycle }) {
  const { t, lang } = useI18n();
  const s = c.subjects;
  return (
    <Card
      data-testid="cycle-card"
      title={
        <h2 className="card-title">
          <Link to={`/cycles/${c.id}`}>{t('cycle.title', { name: cycleName(c, t) })}</Link> — {c.root_unit_name}
        </h2>
      }
      extra={<Tag color={c.status === 'open' ? 'green' : 'default'}>{t(`cycle.status.${c.status}`)}</Tag>}
    >
      <div>
        {t('cycle.ruleset')}: {t(`ruleset.${c.ruleset}` as Parameters<typeof t>[0])}
      </div>
      {s && s.reviewed > 0 && (
        <div style={{ maxWidth: 520 }}>
          {t('cycle.submittedOf', { done: formatNumber(s.submitted, lang), total: formatNumber(s.reviewed, lang) })}
          <Progress percent={Math.round((100 * s.submitted) / s.reviewed)} aria-hidden />
        </div>
      )}
    </Card>
  );
}
