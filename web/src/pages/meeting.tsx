// The cell's review meeting (/meetings/:id), run by the secretary in the room: what, when and who; the roll call
// with the quorum as the API computes it; then every subject in the order the API enforces (the collective, the
// head, the deputies, the members), the current one open; and closing the meeting, after which the minutes are
// frozen. A member attending sees the meeting read-only and is sent to the ballot page when a ballot is open.
import { Alert, App, Button, Card, Collapse, Modal, Progress, Space, Tag, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { useNavigate, useParams } from 'react-router';
import { meetingApi, type Meeting, type MeetingSubject } from '../api/meeting';
import { useErrorText, Show, useLoad } from '../components/load';
import { LinkButton } from '../components/link_button';
import { AttendanceCard } from '../components/meeting/attendance';
import '../components/meeting/meeting.css';
import { SubjectPanel, subjectName } from '../components/meeting/subject_panel';
import { StateTag } from '../components/review_bits';
import { formatDate, formatNumber } from '../format';
import { useI18n } from '../i18n/i18n';
import { hasRole, useSession } from '../session/session';

export function MeetingPage() {
  const params = useParams();
  const id = Number(params.id);
  const loaded = useLoad(() => meetingApi.get(id), [id]);
  return <Show loaded={loaded}>{(m) => <MeetingView key={m.id} initial={m} />}</Show>;
}

function MeetingView({ initial }: { initial: Meeting }) {
  const { t, lang } = useI18n();
  const { account } = useSession();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const errorText = useErrorText();
  const [meeting, setMeeting] = useState(initial);
  const [closing, setClosing] = useState(false);
  const [closeError, setCloseError] = useState<unknown>(null);
  // The secretary (or a committee) runs it; an attendee without that role only reads.
  const runs = hasRole(account, 'cell_secretary', 'committee', 'committee_staff');
  const current = meeting.subjects.find((s) => !s.concluded);
  const [open, setOpen] = useState<string[]>(current ? [String(current.subject_id)] : []);
  const done = meeting.subjects.filter((s) => s.concluded).length;
  const ballotOpen = meeting.subjects.some((s) => s.ballot === 'open');
  const person = (id: number) => meeting.attendees.find((a) => a.person_id === id)?.full_name ?? `#${id}`;

  const onSubjectChanged = (s: MeetingSubject, concluded: boolean) => {
    setMeeting((m) => {
      const subjects = m.subjects.map((x) => (x.subject_id === s.subject_id ? s : x));
      return { ...m, subjects };
    });
    // The meeting's own version and figures may move with a subject's write: read it again behind the scenes.
    meetingApi
      .get(meeting.id)
      .then((fresh) => setMeeting((m) => (fresh.version >= m.version ? fresh : m)))
      .catch(() => undefined);
    if (concluded) {
      // The next subject in the order opens by itself.
      const idx = meeting.subjects.findIndex((x) => x.subject_id === s.subject_id);
      const next = meeting.subjects.slice(idx + 1).find((x) => !x.concluded);
      if (next) {
        setOpen([String(next.subject_id)]);
        window.setTimeout(
          () =>
            document
              .querySelector(`[data-subject="${next.subject_id}"]`)
              ?.scrollIntoView({ behavior: 'smooth', block: 'start' }),
          50,
        );
      } else setOpen([]);
    }
  };

  useEffect(() => setCloseError(null), [meeting.version]);

  const close = async () => {
    setClosing(false);
    try {
      const fresh = await meetingApi.get(meeting.id);
      await meetingApi.close(fresh.id, fresh.version);
      message.success(t('meeting.closedToast'));
      navigate(`/meetings/${meeting.id}/minutes`);
    } catch (e) {
      setCloseError(e);
      // A stale version (attendance saved in another window): read the meeting again.
      setMeeting(await meetingApi.get(meeting.id).catch(() => meeting));
    }
  };

  const closed = meeting.status === 'closed';
  return (
    <Space orientation="vertical" size="large" style={{ width: '100%' }}>
      <div>
        <Typography.Title level={1} className="page-title" style={{ fontSize: 28 }} data-testid="meeting-title">
          {t('meeting.title')} — {meeting.unit_name}
        </Typography.Title>
        <Tag color={closed ? 'default' : 'green'} data-testid="meeting-status">
          {closed ? t('meeting.status.closed') : t('meeting.status.open')}
        </Tag>
      </div>
      <Card>
        <dl className="meeting-facts">
          <div>
            <dt>{t('meeting.date')}</dt>
            <dd data-testid="meeting-date">{formatDate(meeting.date)}</dd>
          </div>
          <div>
            <dt>{t('meeting.place')}</dt>
            <dd data-testid="meeting-place">{meeting.place}</dd>
          </div>
          <div>
            <dt>{t('meeting.chair')}</dt>
            <dd>{person(meeting.chair_id)}</dd>
          </div>
          <div>
            <dt>{t('meeting.secretary')}</dt>
            <dd>{person(meeting.secretary_id)}</dd>
          </div>
        </dl>
        <Space wrap style={{ marginTop: 12 }}>
          <LinkButton to={`/meetings/${meeting.id}/minutes`} data-testid="open-minutes">
            {t('meeting.minutes')}
          </LinkButton>
          {ballotOpen && account?.person_id != null && (
            <LinkButton to="/ballot" data-testid="go-ballot">
              {t('ballot.title')}
            </LinkButton>
          )}
        </Space>
      </Card>

      {runs ? (
        <AttendanceCard
          key={meeting.version}
          meeting={meeting}
          ballotOpen={ballotOpen}
          onSaved={(m) => setMeeting(m)}
        />
      ) : null}

      <Card
        title={<h2 className="card-title">{t('meeting.subjects')}</h2>}
        data-testid="subjects"
        extra={
          <span data-testid="concluded-count">
            {t('meeting.concludedOf', {
              done: formatNumber(done, lang),
              total: formatNumber(meeting.subjects.length, lang),
            })}
          </span>
        }
      >
        <Progress percent={meeting.subjects.length ? Math.round((100 * done) / meeting.subjects.length) : 0} aria-hidden />
        <Typography.Paragraph type="secondary">{t('meeting.orderHelp')}</Typography.Paragraph>
        <Collapse
          activeKey={open}
          onChange={(keys) => setOpen(Array.isArray(keys) ? keys : [keys])}
          items={meeting.subjects.map((s, i) => ({
            key: String(s.subject_id),
            'data-subject': s.subject_id,
            label: (
              <div className="subject-header" data-testid="subject-header" data-subject={s.subject_id}>
                <span className="subject-name">
                  {i + 1}. {subjectName(s, meeting.unit_name)}
                </span>
                <Tag>{t(`meeting.rank.${s.rank}`)}</Tag>
                {s.concluded ? (
                  <Tag color="green" data-testid="subject-done">
                    {s.meeting_grade ? t(`grade.${s.meeting_grade}`) : t('meeting.concluded')}
                  </Tag>
                ) : s.ballot === 'open' ? (
                  <Tag color="gold">{t('meeting.ballotOpenTag')}</Tag>
                ) : (
                  <StateTag state={s.state} />
                )}
              </div>
            ),
            children: runs ? (
              <SubjectPanel meeting={meeting} subject={s} onChanged={onSubjectChanged} />
            ) : (
              <ReadOnlySubject subject={s} />
            ),
          }))}
        />
      </Card>

      {runs && !closed && (
        <Card title={<h2 className="card-title">{t('meeting.closeTitle')}</h2>} data-testid="close-card">
          <Typography.Paragraph>
            {done < meeting.subjects.length
              ? t('meeting.closeNotDone', { n: formatNumber(meeting.subjects.length - done, lang) })
              : t('meeting.closeHelp')}
          </Typography.Paragraph>
          {closeError ? (
            <Alert type="error" showIcon role="alert" title={errorText(closeError)} style={{ marginBottom: 12 }} />
          ) : null}
          <Button size="large" danger onClick={() => setClosing(true)} disabled={ballotOpen} data-testid="close-meeting">
            {t('meeting.close')}
          </Button>
        </Card>
      )}
      <Modal
        open={closing}
        title={t('meeting.closeTitle')}
        okText={t('meeting.close')}
        cancelText={t('common.cancel')}
        onOk={close}
        onCancel={() => setClosing(false)}
        okButtonProps={{ danger: true, ...({ 'data-testid': 'confirm-close' } as Record<string, string>) }}
      >
        <p>{t('meeting.closeConfirm')}</p>
      </Modal>
    </Space>
  );
}

function ReadOnlySubject({ subject }: { subject: MeetingSubject }) {
  const { t } = useI18n();
  return (
    <div>
      {subject.concluded
        ? subject.meeting_grade
          ? t('meeting.concludedGrade', { grade: t(`grade.${subject.meeting_grade}`) })
          : t('meeting.concludedNotGraded')
        : t('meeting.notYet')}
    </div>
  );
}
