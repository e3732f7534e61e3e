// The member's secret ballot (/ballot), on her phone in the meeting room: each subject whose electronic ballot is
// open in a meeting she attends, one choice (four big buttons and "no choice"), sent once; the page then says the
// ballot was counted and how many have been cast — never what anyone chose (the API keeps no link between a
// ballot and its voter, and shows the tally only after the close). Looks again every few seconds, so the next
// subject's ballot appears by itself.
import { Alert, App, Button, Card, Space, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { ApiError } from '../api/client';
import { meetingApi, type Meeting, type MeetingSubject } from '../api/meeting';
import { GRADES, type Grade } from '../api/types';
import { ErrorBox, Show, useLoad } from '../components/load';
import '../components/meeting/meeting.css';
import { subjectName } from '../components/meeting/subject_panel';
import { formatNumber } from '../format';
import { useI18n } from '../i18n/i18n';

interface OpenBallot {
  meeting: Meeting;
  subject: MeetingSubject;
}

async function openBallots(): Promise<OpenBallot[]> {
  const list = await meetingApi.list({ page_size: 50 });
  const withBallots = list.items.filter((m) => m.status === 'open' && m.open_ballots > 0);
  const meetings = await Promise.all(withBallots.map((m) => meetingApi.get(m.id)));
  return meetings.flatMap((meeting) =>
    meeting.subjects.filter((s) => s.ballot === 'open').map((subject) => ({ meeting, subject })),
  );
}

export function BallotPage() {
  const { t } = useI18n();
  const loaded = useLoad(openBallots, []);
  const { reload } = loaded;
  useEffect(() => {
    const timer = window.setInterval(reload, 4000);
    return () => window.clearInterval(timer);
  }, [reload]);
  return (
    <Space orientation="vertical" size="large" style={{ width: '100%' }}>
      <Typography.Title level={1} className="page-title" style={{ fontSize: 28 }} data-testid="ballot-title">
        {t('ballot.title')}
      </Typography.Title>
      <Typography.Paragraph>{t('ballot.help')}</Typography.Paragraph>
      <Show loaded={loaded}>
        {(items) =>
          items.length === 0 ? (
            <Alert type="info" showIcon data-testid="ballot-none" title={t('ballot.none')} description={t('ballot.noneHelp')} />
          ) : (
            <>
              {items.map(({ meeting, subject }) => (
                <BallotCard key={`${subject.subject_id}-${subject.version}`} meeting={meeting} subject={subject} />
              ))}
            </>
          )
        }
      </Show>
    </Space>
  );
}

function BallotCard({ meeting, subject }: { meeting: Meeting; subject: MeetingSubject }) {
  const { t, lang } = useI18n();
  const { message } = App.useApp();
  const [choice, setChoice] = useState<Grade | null | undefined>(undefined);
  const [busy, setBusy] = useState(false);
  const [counted, setCounted] = useState<number | null>(null);
  const [error, setError] = useState<unknown>(null);
  const voted = subject.you_voted || counted !== null;
  const name = subjectName(subject, meeting.unit_name);

  const cast = async () => {
    if (choice === undefined) return;
    setBusy(true);
    setError(null);
    try {
      const r = await meetingApi.castBallot(subject.subject_id, choice);
      setCounted(r.ballots_cast);
      message.success(t('ballot.counted'));
    } catch (e) {
      // Already voted (another tab, a double tap): say it plainly rather than as an error.
      if (e instanceof ApiError && e.status === 409 && /already voted/.test(e.message)) setCounted(subject.ballots_cast ?? 0);
      else setError(e);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Card
      data-testid="ballot-card"
      data-subject={subject.subject_id}
      title={<h2 className="card-title">{name}</h2>}
    >
      <Typography.Paragraph type="secondary">{meeting.unit_name}</Typography.Paragraph>
      {voted ? (
        <Alert
          type="success"
          showIcon
          role="status"
          data-testid="ballot-done"
          title={t('ballot.done')}
          description={
            counted !== null
              ? t('ballot.castSoFar', { n: formatNumber(counted, lang) })
              : t('ballot.castSoFar', { n: formatNumber(subject.ballots_cast ?? 0, lang) })
          }
        />
      ) : (
        <>
          <Typography.Paragraph strong id={`ask-${subject.subject_id}`}>
            {t('ballot.ask', { name })}
          </Typography.Paragraph>
          <div className="ballot-choices" role="group" aria-labelledby={`ask-${subject.subject_id}`}>
            {[...GRADES, null].map((g) => (
              <Button
                key={g ?? 'blank'}
                size="large"
                aria-pressed={choice === g}
                type={choice === g ? 'primary' : 'default'}
                className={choice === g ? 'chosen' : undefined}
                onClick={() => setChoice(g)}
                data-testid={`choice-${g ?? 'blank'}`}
              >
                {g ? t(`grade.${g}`) : t('ballot.blank')}
              </Button>
            ))}
          </div>
          {error ? <div style={{ marginTop: 12 }}><ErrorBox error={error} /></div> : null}
          <Button
            type="primary"
            size="large"
            block
            disabled={choice === undefined}
            loading={busy}
            onClick={cast}
            style={{ marginTop: 16, minHeight: 56, fontSize: 19 }}
            data-testid="cast-ballot"
          >
            {choice === undefined
              ? t('ballot.pickFirst')
              : t('ballot.send', { choice: choice ? t(`grade.${choice}`) : t('ballot.blank') })}
          </Button>
          <Typography.Paragraph type="secondary" style={{ marginTop: 8 }}>
            {t('ballot.once')}
          </Typography.Paragraph>
        </>
      )}
    </Card>
  );
}
