// The way into a cell's review meeting from the cycle page: the meeting when it exists (with its progress and the
// minutes once closed), otherwise — for whoever runs meetings there, once the cell has submitted statements — the
// button to convene it.
import { Card, Space, Typography } from 'antd';
import { meetingApi } from '../../api/meeting';
import type { Cycle, Unit } from '../../api/types';
import { formatDate, formatNumber } from '../../format';
import { useI18n } from '../../i18n/i18n';
import { LinkButton } from '../link_button';
import { useLoad } from '../load';
import { hasRole, useSession } from '../../session/session';

export function MeetingEntry({ cycle, unit, submitted }: { cycle: Cycle; unit: Unit; submitted: number }) {
  const { t, lang } = useI18n();
  const { account } = useSession();
  // Who may convene (run_meeting): the cell secretary, the committee, its staff.
  const runs = hasRole(account, 'cell_secretary', 'committee', 'committee_staff');
  const loaded = useLoad(
    () => meetingApi.list({ cycle_id: cycle.id, unit_id: unit.id }).then((p) => p.items.find((m) => m.unit_id === unit.id) ?? null),
    [cycle.id, unit.id],
  );
  if (loaded.data === undefined) return null;
  const m = loaded.data;
  if (!m && (!runs || cycle.status !== 'open')) return null;
  return (
    <Card title={<h2 className="card-title">{t('meeting.title')}</h2>} data-testid="meeting-entry">
      {m ? (
        <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
          <div>
            {formatDate(m.date)} · {m.place} ·{' '}
            {t('meeting.concludedOf', { done: formatNumber(m.concluded, lang), total: formatNumber(m.subjects, lang) })}
            {m.status === 'closed' ? ` · ${t('meeting.status.closed')}` : ''}
          </div>
          <Space wrap>
            <LinkButton type="primary" size="large" to={`/meetings/${m.id}`} data-testid="open-meeting">
              {m.status === 'closed' ? t('meeting.view') : t('meeting.continue')}
            </LinkButton>
            <LinkButton size="large" to={`/meetings/${m.id}/minutes`}>
              {t('meeting.minutes')}
            </LinkButton>
          </Space>
        </Space>
      ) : submitted > 0 ? (
        <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
          <Typography.Paragraph style={{ marginBottom: 0 }}>
            {t('meeting.entryHelp', { n: formatNumber(submitted, lang) })}
          </Typography.Paragraph>
          <div>
            <LinkButton
              type="primary"
              size="large"
              to={`/meetings/new?cycle=${cycle.id}&unit=${unit.id}`}
              data-testid="new-meeting"
            >
              {t('meeting.convene')}
            </LinkButton>
          </div>
        </Space>
      ) : (
        <Typography.Paragraph style={{ marginBottom: 0 }}>{t('meeting.entryWait')}</Typography.Paragraph>
      )}
    </Card>
  );
}
