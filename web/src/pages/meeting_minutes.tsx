// The minutes of a meeting (/meetings/:id/minutes), read-only and exactly as the server keeps them: generated on
// read while the meeting is open (a preview), frozen at the close. Printable.
import { Alert, Button, Card, Space, Typography } from 'antd';
import { useParams } from 'react-router';
import { DocumentDownloads } from '../components/document_downloads';
import { meetingApi } from '../api/meeting';
import { LinkButton } from '../components/link_button';
import { Show, useLoad } from '../components/load';
import '../components/meeting/meeting.css';
import { useI18n } from '../i18n/i18n';

function dateTime(ms: number): string {
  const d = new Date(ms);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${pad(d.getHours())}:${pad(d.getMinutes())} ${pad(d.getDate())}/${pad(d.getMonth() + 1)}/${d.getFullYear()}`;
}

export function MeetingMinutesPage() {
  const { t } = useI18n();
  const id = Number(useParams().id);
  const loaded = useLoad(() => meetingApi.minutes(id), [id]);
  return (
    <Show loaded={loaded}>
      {(m) => (
        <Space orientation="vertical" size="large" style={{ width: '100%' }}>
          <Typography.Title level={1} className="page-title" style={{ fontSize: 28 }} data-testid="minutes-title">
            {t('meeting.minutesTitle')}
          </Typography.Title>
          {m.frozen ? (
            <Alert
              type="success"
              showIcon
              data-testid="minutes-frozen"
              title={m.closed_at ? t('meeting.minutesFrozenAt', { at: dateTime(m.closed_at) }) : t('meeting.minutesFrozen')}
            />
          ) : (
            <Alert type="info" showIcon data-testid="minutes-preview" title={t('meeting.minutesPreview')} />
          )}
          <Card>
            <pre className="minutes-text" data-testid="minutes-text">
              {m.text}
            </pre>
          </Card>
          <Space wrap className="no-print">
            <LinkButton to={`/meetings/${id}`}>{t('meeting.backToMeeting')}</LinkButton>
            <Button size="large" onClick={() => window.print()}>
              {t('meeting.print')}
            </Button>
          </Space>
          {m.frozen && <DocumentDownloads path={`/meetings/${id}/minutes`} testId="minutes-document" />}
        </Space>
      )}
    </Show>
  );
}
