// One subject at the meeting: the statement's summary and proposed grade, the comments raised (who said what),
// the written comments the rules require (residence place, previous cell…) and the civil-servant grade where the
// member is one, then the vote — a show of hands (the counts entered and checked against the voters present) or
// the electronic secret ballot (opened, a live count of ballots cast and nothing else, closed, the tally) — and the
// conclusion with the grade the vote reached. Every refusal of the API is shown at the field its path names.
import { Alert, App, Button, Card, Checkbox, Form, Input, Modal, Radio, Select, Space, Tag, Typography, type FormInstance } from 'antd';
import { useEffect, useRef, useState } from 'react';
import { api, ApiError } from '../../api/client';
import { useApiFieldErrors, type FieldName } from '../../api/field_errors';
import {
  meetingApi,
  votersPresent,
  type Meeting,
  type MeetingSubject,
  type ReceivedSource,
  type SubjectRecord,
  type VoteMethod,
} from '../../api/meeting';
import { GRADES, type Grade } from '../../api/types';
import { formatNumber } from '../../format';
import { useI18n } from '../../i18n/i18n';
import { LinkButton } from '../link_button';
import { Show, useLoad } from '../load';
import { nameSearch } from './people';
import { localizeMeetingError } from './problems';
import { tallyFilled, TallyInput, TallyView, toTally, type TallyValue } from './tally';

interface CommentValues {
  speaker_id?: number;
  text?: string;
  criticism?: boolean;
}

interface Values {
  comments?: CommentValues[];
  received?: Partial<Record<ReceivedSource, string>>;
  civil_servant_grade?: Grade | null;
  vote_method: VoteMethod;
  tally?: TallyValue;
}

export function subjectName(s: MeetingSubject, unitName: string): string {
  const base = s.name || unitName;
  return s.post_title ? `${base} (${s.post_title})` : base;
}

// The written comments a subject needs or has: the sources the rules require first, then any other received.
function receivedSources(s: MeetingSubject): ReceivedSource[] {
  const out: ReceivedSource[] = [];
  for (const r of s.required_comments) if (!out.includes(r.source)) out.push(r.source);
  for (const r of s.received) if (!out.includes(r.source)) out.push(r.source);
  return out;
}

function initialValues(s: MeetingSubject): Values {
  const received: Partial<Record<ReceivedSource, string>> = {};
  for (const r of s.received) received[r.source] = r.text;
  return {
    comments: s.comments.map((c) => ({ speaker_id: c.speaker_id, text: c.text, criticism: c.criticism })),
    received,
    civil_servant_grade: s.civil_servant_grade,
    vote_method: s.vote_method,
    tally: s.tally && s.tally_source !== 'secret_ballot' ? { ...s.tally } : {},
  };
}

export function SubjectPanel({
  meeting,
  subject: fromMeeting,
  onChanged,
}: {
  meeting: Meeting;
  subject: MeetingSubject;
  onChanged: (s: MeetingSubject, concluded: boolean) => void;
}) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const [subject, setSubject] = useState(fromMeeting);
  const [busy, setBusy] = useState(false);
  const [confirm, setConfirm] = useState<MeetingSubject | null>(null);
  // The order of the received comments as last sent, to place "received[1].text" under its source's field.
  const sent = useRef<ReceivedSource[]>([]);
  const errors = useApiFieldErrors(form, (raw: string): FieldName | null => {
    const path = raw.replace(/^subjects\[\d+\]\./, '');
    let m = /^comments\[(\d+)\]\.(speaker|speaker_id|text)$/.exec(path);
    if (m) return ['comments', Number(m[1]), m[2] === 'text' ? 'text' : 'speaker_id'];
    m = /^received\.(residence|previous_cell|temporary_cell)$/.exec(path);
    if (m) return ['received', m[1]];
    m = /^received\[(\d+)\]/.exec(path);
    if (m && sent.current[Number(m[1])]) return ['received', sent.current[Number(m[1])]];
    if (path === 'civil_servant_grade') return 'civil_servant_grade';
    if (/^tally(\.|$)/.test(path)) return 'tally';
    return null;
  });

  // A newer version read by the page (a ballot count, another window) replaces the local one.
  useEffect(() => {
    if (fromMeeting.version > subject.version || fromMeeting.ballots_cast !== subject.ballots_cast)
      setSubject(fromMeeting);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [fromMeeting]);

  const method = (Form.useWatch('vote_method', form) as VoteMethod | undefined) ?? subject.vote_method;
  const voters = votersPresent(meeting);
  const closed = meeting.status === 'closed';
  const ballotOpen = subject.ballot === 'open';
  const presentOptions = meeting.attendees
    .filter((a) => a.presence === 'present')
    .map((a) => ({ value: a.person_id, label: a.full_name }));

  const clearFieldErrors = () =>
    (form as FormInstance).setFields(
      form
        .getFieldsError()
        .filter((fe) => fe.errors.length)
        .map((fe) => ({ name: fe.name, errors: [] })),
    );

  const fail = (e: unknown) => {
    const names = errors.report(
      localizeMeetingError(e, (id) => {
        const s = meeting.subjects.find((x) => x.subject_id === id);
        return s ? subjectName(s, meeting.unit_name) : `#${id}`;
      }),
    );
    if (names.length) form.scrollToField(names[0], { block: 'center', focus: true });
  };

  const update = (s: MeetingSubject, concluded = false) => {
    setSubject(s);
    onChanged(s, concluded);
  };

  // Saves what is typed: the record (comments, received, civil-servant grade, method), then a show of hands' counts
  // when entered. Returns the subject as stored, or null after showing the refusal.
  const save = async (): Promise<MeetingSubject | null> => {
    errors.clear();
    clearFieldErrors();
    const v = form.getFieldsValue(true) as Values;
    const sources = receivedSources(subject);
    const received = sources
      .filter((src) => (v.received?.[src] ?? '').trim())
      .map((src) => {
        const unit = subject.required_comments.find((r) => r.source === src)?.unit_id;
        return { source: src, text: (v.received?.[src] ?? '').trim(), ...(unit ? { unit_id: unit } : {}) };
      });
    sent.current = received.map((r) => r.source);
    const body: SubjectRecord = {
      version: subject.version,
      comments: (v.comments ?? [])
        .filter((c) => c && (c.speaker_id || (c.text ?? '').trim()))
        .map((c) => ({ speaker_id: c.speaker_id ?? 0, text: (c.text ?? '').trim(), criticism: !!c.criticism })),
      received,
      vote_method: v.vote_method,
    };
    if (subject.civil_servant_grade_needed) body.civil_servant_grade = v.civil_servant_grade ?? null;
    try {
      let s = subject;
      // Each accepted write is kept at once (its version), even when the next one is refused.
      if (!ballotOpen) {
        s = await meetingApi.record(subject.subject_id, body);
        update(s);
      }
      if (s.vote_method === 'show_of_hands' && subject.graded && tallyFilled(v.tally)) {
        const next = toTally(v.tally ?? {});
        const same =
          s.tally && (['HTXSNV', 'HTTNV', 'HTNV', 'KHTNV', 'blank'] as const).every((k) => s.tally?.[k] === next[k]);
        if (!same || s.tally_source !== 'show_of_hands') {
          s = await meetingApi.tally(s.subject_id, s.version, next);
          update(s);
        }
      }
      return s;
    } catch (e) {
      fail(e);
      return null;
    }
  };

  const run = async (action: () => Promise<void>) => {
    setBusy(true);
    try {
      await action();
    } finally {
      setBusy(false);
    }
  };

  const onSave = () =>
    run(async () => {
      if (await save()) message.success(t('common.saved'));
    });

  const onConclude = () =>
    run(async () => {
      const s = await save();
      if (!s) return;
      // A graded subject without a majority goes straight to the server, which says why it cannot conclude.
      if (s.graded && !s.outcome) return conclude(s);
      setConfirm(s);
    });

  const conclude = async (s: MeetingSubject) => {
    setConfirm(null);
    errors.clear();
    try {
      const done = await meetingApi.conclude(s.subject_id, s.version);
      message.success(t('meeting.concludedToast'));
      update(done, true);
    } catch (e) {
      fail(e);
    }
  };

  const openBallot = () =>
    run(async () => {
      const s = await save();
      if (!s) return;
      try {
        update(await meetingApi.openBallot(s.subject_id, s.version));
      } catch (e) {
        fail(e);
      }
    });

  const closeBallot = () =>
    run(async () => {
      errors.clear();
      try {
        update(await meetingApi.closeBallot(subject.subject_id, subject.version));
      } catch (e) {
        fail(e);
      }
    });

  // While the ballot is open the count of ballots cast is read again every two seconds (never the choices: the
  // API shows the tally only once the ballot is closed).
  useEffect(() => {
    if (!ballotOpen) return;
    let stop = false;
    const timer = window.setInterval(async () => {
      try {
        const m = await meetingApi.get(meeting.id);
        const s = m.subjects.find((x) => x.subject_id === subject.subject_id);
        if (!stop && s) setSubject((cur) => (s.version >= cur.version ? s : cur));
      } catch {
        // a missed poll is read again at the next tick
      }
    }, 2000);
    return () => {
      stop = true;
      window.clearInterval(timer);
    };
  }, [ballotOpen, meeting.id, subject.subject_id]);

  if (subject.concluded) return <ConcludedView meeting={meeting} subject={subject} />;

  const sources = receivedSources(subject);
  return (
    <div data-testid="subject-form">
      <StatementSummary subject={subject} />
      {errors.alert}
      <Form<Values>
        form={form}
        layout="vertical"
        size="large"
        disabled={busy || closed}
        initialValues={initialValues(subject)}
      >
        <h3 className="group-title">{t('meeting.comments')}</h3>
        <Form.List name="comments">
          {(fields, { add, remove }) => (
            <>
              {fields.length === 0 && <Typography.Paragraph type="secondary">{t('meeting.noComments')}</Typography.Paragraph>}
              {fields.map((field, i) => (
                <Card key={field.key} size="small" className="comment-card" data-testid="comment">
                  <Form.Item name={[field.name, 'speaker_id']} label={t('meeting.speaker')}>
                    <Select
                      showSearch={nameSearch}
                      options={presentOptions}
                      style={{ maxWidth: 420 }}
                      data-testid={`comment-${i}-speaker`}
                    />
                  </Form.Item>
                  <Form.Item name={[field.name, 'text']} label={t('meeting.commentText')}>
                    <Input.TextArea autoSize={{ minRows: 2, maxRows: 8 }} data-testid={`comment-${i}-text`} />
                  </Form.Item>
                  <Space wrap>
                    <Form.Item name={[field.name, 'criticism']} valuePropName="checked" noStyle>
                      <Checkbox>{t('meeting.criticism')}</Checkbox>
                    </Form.Item>
                    <Button onClick={() => remove(field.name)} aria-label={`${t('meeting.removeComment')} ${i + 1}`}>
                      {t('meeting.removeComment')}
                    </Button>
                  </Space>
                </Card>
              ))}
              <Button
                onClick={() => {
                  add({ criticism: false });
                  // The new comment's speaker takes the focus, so the secretary can type on.
                  window.setTimeout(
                    () =>
                      document
                        .querySelector<HTMLElement>(`[data-testid="comment-${fields.length}-speaker"] input`)
                        ?.focus(),
                    0,
                  );
                }}
                data-testid="add-comment"
              >
                {t('meeting.addComment')}
              </Button>
            </>
          )}
        </Form.List>

        {sources.length > 0 && <h3 className="group-title">{t('meeting.received')}</h3>}
        {sources.map((src) => {
          const required = subject.required_comments.some((r) => r.source === src);
          const have = subject.received.some((r) => r.source === src && r.text);
          return (
            <Form.Item
              key={src}
              name={['received', src]}
              label={
                <span>
                  {t(`meeting.source.${src}`)}{' '}
                  {required && (
                    <Tag color={have ? 'green' : 'red'} data-testid={`required-${src}`}>
                      {have ? t('meeting.requiredHave') : t('meeting.requiredMissing')}
                    </Tag>
                  )}
                </span>
              }
            >
              <Input.TextArea autoSize={{ minRows: 2, maxRows: 8 }} data-testid={`received-${src}`} />
            </Form.Item>
          );
        })}

        {subject.civil_servant_grade_needed && (
          <Form.Item
            name="civil_servant_grade"
            label={
              <span>
                {t('meeting.civilServantGrade')}{' '}
                <Tag color={subject.civil_servant_grade ? 'green' : 'red'}>
                  {subject.civil_servant_grade ? t('meeting.requiredHave') : t('meeting.requiredMissing')}
                </Tag>
              </span>
            }
            help={t('meeting.civilServantHelp')}
          >
            <Radio.Group
              optionType="button"
              buttonStyle="solid"
              className="choice-group"
              data-testid="civil-servant-grade"
              options={GRADES.map((g) => ({ value: g, label: t(`grade.${g}`) }))}
            />
          </Form.Item>
        )}

        {subject.graded ? (
          <>
            <h3 className="group-title">{t('meeting.vote')}</h3>
            <Form.Item name="vote_method" label={t('meeting.method')}>
              <Radio.Group
                optionType="button"
                buttonStyle="solid"
                className="choice-group"
                disabled={subject.ballot === 'open'}
                data-testid="vote-method"
                options={[
                  { value: 'show_of_hands', label: t('meeting.method.show_of_hands') },
                  { value: 'secret_ballot', label: t('meeting.method.secret_ballot') },
                ]}
              />
            </Form.Item>
            {method === 'show_of_hands' ? (
              <Form.Item name="tally" label={t('meeting.handsCount')}>
                <TallyInput voters={voters} id={`tally-${subject.subject_id}`} />
              </Form.Item>
            ) : (
              <Form.Item name="tally" label={t('meeting.secretBallot')}>
                <BallotBox
                  subject={subject}
                  voters={voters}
                  busy={busy}
                  onOpen={openBallot}
                  onClose={closeBallot}
                />
              </Form.Item>
            )}
            <Outcome subject={subject} />
          </>
        ) : (
          <Alert type="info" showIcon title={t('meeting.notGradedHere')} style={{ marginBottom: 16 }} />
        )}

        {!closed && (
          <Space wrap style={{ marginTop: 8 }}>
            <Button size="large" onClick={onSave} loading={busy} disabled={ballotOpen} data-testid="save-subject">
              {t('meeting.saveSubject')}
            </Button>
            <Button
              type="primary"
              size="large"
              onClick={onConclude}
              loading={busy}
              disabled={ballotOpen}
              data-testid="conclude"
            >
              {t('meeting.conclude')}
            </Button>
          </Space>
        )}
      </Form>
      <Modal
        open={!!confirm}
        title={t('meeting.confirmTitle')}
        okText={t('meeting.confirmOk')}
        cancelText={t('common.cancel')}
        onOk={() => confirm && run(() => conclude(confirm))}
        onCancel={() => setConfirm(null)}
        okButtonProps={{ autoFocus: true, ...({ 'data-testid': 'confirm-conclude' } as Record<string, string>) }}
      >
        <p data-testid="confirm-text">
          {confirm?.graded && confirm.outcome
            ? t('meeting.confirmGrade', {
                name: subjectName(subject, meeting.unit_name),
                grade: t(`grade.${confirm.outcome}`),
              })
            : t('meeting.confirmNotGraded', { name: subjectName(subject, meeting.unit_name) })}
        </p>
        <p>{t('meeting.confirmFinal')}</p>
      </Modal>
    </div>
  );
}

function Outcome({ subject }: { subject: MeetingSubject }) {
  const { t } = useI18n();
  if (!subject.tally || (subject.ballot === 'open' && subject.vote_method === 'secret_ballot')) return null;
  return subject.outcome ? (
    <Alert
      type="success"
      showIcon
      data-testid="outcome"
      title={t('meeting.outcome', { grade: t(`grade.${subject.outcome}`) })}
      style={{ marginBottom: 16 }}
    />
  ) : (
    <Alert type="warning" showIcon data-testid="outcome" title={t('meeting.noMajority')} style={{ marginBottom: 16 }} />
  );
}

function BallotBox({
  subject,
  voters,
  busy,
  onOpen,
  onClose,
}: {
  subject: MeetingSubject;
  voters: number;
  busy: boolean;
  onOpen: () => void;
  onClose: () => void;
}) {
  const { t, lang } = useI18n();
  if (subject.ballot === 'open')
    return (
      <div data-testid="ballot-open">
        <Typography.Paragraph>{t('meeting.ballotOpenHelp')}</Typography.Paragraph>
        <div className="ballot-count" aria-live="polite" data-testid="ballots-cast">
          {t('meeting.ballotsCast', {
            n: formatNumber(subject.ballots_cast ?? 0, lang),
            voters: formatNumber(voters, lang),
          })}
        </div>
        <Button type="primary" danger size="large" onClick={onClose} loading={busy} data-testid="close-ballot" style={{ marginTop: 12 }}>
          {t('meeting.closeBallot')}
        </Button>
      </div>
    );
  if (subject.ballot === 'closed' && subject.tally)
    return (
      <div data-testid="ballot-closed">
        <Typography.Paragraph>
          {t('meeting.ballotClosed', { n: formatNumber(subject.ballots_cast ?? subject.tally.total ?? 0, lang) })}
        </Typography.Paragraph>
        <TallyView tally={subject.tally} />
        {!subject.outcome && (
          <Button size="large" onClick={onOpen} loading={busy} style={{ marginTop: 12 }} data-testid="reopen-ballot">
            {t('meeting.ballotAgain')}
          </Button>
        )}
      </div>
    );
  return (
    <div>
      <Typography.Paragraph>{t('meeting.ballotHelp')}</Typography.Paragraph>
      <Button type="primary" size="large" onClick={onOpen} loading={busy} data-testid="open-ballot">
        {t('meeting.openBallot')}
      </Button>
    </div>
  );
}

// What the subject wrote: the form, the self-score or ratings, the number of tasks, the proposed grade; the full
// statement one link away.
function StatementSummary({ subject }: { subject: MeetingSubject }) {
  const { t, lang } = useI18n();
  const loaded = useLoad(
    () =>
      api.statement(subject.subject_id).catch((e: unknown) => {
        if (e instanceof ApiError && e.status === 404) return null;
        throw e;
      }),
    [subject.subject_id],
  );
  return (
    <Card size="small" style={{ marginBottom: 16 }} data-testid="statement-summary">
      <Show loaded={loaded}>
        {(s) =>
          s ? (
            <Space orientation="vertical" size="small" style={{ width: '100%' }}>
              <div>
                {lang === 'vi' ? s.form.title_vi : s.form.title_en} ({s.form.code})
              </div>
              {s.form.points && (
                <div>
                  {t('meeting.selfScore', {
                    score: formatNumber(
                      Object.values(s.scores).reduce((a, b) => a + b, 0),
                      lang,
                    ),
                  })}
                </div>
              )}
              {s.tasks.length > 0 && <div>{t('meeting.tasksCount', { n: s.tasks.length })}</div>}
              <div data-testid="self-proposed">
                {t('meeting.selfProposed')}:{' '}
                <strong>{subject.self_proposed ? t(`grade.${subject.self_proposed}`) : t('common.none')}</strong>
              </div>
              <div>
                <LinkButton to={`/reviews/${subject.subject_id}`} target="_blank">
                  {t('meeting.readStatement')}
                </LinkButton>
              </div>
            </Space>
          ) : (
            <span>{t('meeting.noStatement')}</span>
          )
        }
      </Show>
    </Card>
  );
}

function ConcludedView({ meeting, subject }: { meeting: Meeting; subject: MeetingSubject }) {
  const { t } = useI18n();
  return (
    <div data-testid="concluded">
      <Alert
        type="success"
        showIcon
        style={{ marginBottom: 16 }}
        title={
          subject.graded && subject.meeting_grade
            ? t('meeting.concludedGrade', { grade: t(`grade.${subject.meeting_grade}`) })
            : t('meeting.concludedNotGraded')
        }
      />
      {subject.comments.length > 0 && (
        <>
          <h3 className="group-title">{t('meeting.comments')}</h3>
          <ul className="plain-list">
            {subject.comments.map((c, i) => (
              <li key={i}>
                <strong>{c.speaker_name ?? meeting.attendees.find((a) => a.person_id === c.speaker_id)?.full_name}</strong>
                {c.criticism ? ` (${t('meeting.criticism').toLowerCase()})` : ''}: {c.text}
              </li>
            ))}
          </ul>
        </>
      )}
      {subject.received.length > 0 && (
        <>
          <h3 className="group-title">{t('meeting.received')}</h3>
          <ul className="plain-list">
            {subject.received.map((r, i) => (
              <li key={i}>
                <strong>{t(`meeting.source.${r.source}`)}</strong>
                {r.unit_name ? ` (${r.unit_name})` : ''}: {r.text}
              </li>
            ))}
          </ul>
        </>
      )}
      {subject.civil_servant_grade && (
        <p>
          {t('meeting.civilServantGrade')}: <strong>{t(`grade.${subject.civil_servant_grade}`)}</strong>
        </p>
      )}
      {subject.tally && (
        <>
          <h3 className="group-title">
            {t('meeting.vote')} — {t(`meeting.tallySource.${subject.tally_source ?? 'show_of_hands'}`)}
          </h3>
          <TallyView tally={subject.tally} />
        </>
      )}
    </div>
  );
}
