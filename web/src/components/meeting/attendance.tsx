// The roll call of a meeting: each member of the roster present or absent (with the reason, and whether the chair
// approved it), saved at once with PUT /meetings/{id}/attendance; the quorum as the API computes it, and why it is
// not reached. Problems come back per row (attendees[i].absence_reason) and are shown under that row.
import { Alert, App, Button, Card, Checkbox, Form, Input, List, Radio, Tag, type FormInstance } from 'antd';
import { useState } from 'react';
import { useApiFieldErrors, type FieldName } from '../../api/field_errors';
import { meetingApi, needed, type Meeting, type Presence } from '../../api/meeting';
import { formatNumber } from '../../format';
import { useI18n } from '../../i18n/i18n';
import { localizeMeetingError } from './problems';

interface Row {
  person_id: number;
  presence: Presence;
  absence_reason?: string;
  absence_approved?: boolean;
}

export function QuorumNote({ meeting }: { meeting: Meeting }) {
  const { t, lang } = useI18n();
  const q = meeting.quorum;
  const rule = meeting.rules.quorum;
  const need = needed(rule, q.base);
  const fraction = `${rule.numerator}/${rule.denominator}`;
  const line = t('meeting.quorumLine', { present: formatNumber(q.present, lang), base: formatNumber(q.base, lang) });
  return (
    <Alert
      type={q.met ? 'success' : 'error'}
      showIcon
      data-testid="quorum"
      data-met={q.met ? 'yes' : 'no'}
      title={<span className="quorum-line">{q.met ? t('meeting.quorumMet') : t('meeting.quorumNotMet')}</span>}
      description={
        <>
          <div data-testid="quorum-line">{line}</div>
          <div>
            {t(rule.strict ? 'meeting.quorumRuleStrict' : 'meeting.quorumRule', { fraction, need: formatNumber(need, lang) })}
          </div>
          {!q.met && (
            <div data-testid="quorum-why">
              {q.base === 0
                ? t('meeting.quorumNobody')
                : t('meeting.quorumMissing', { n: formatNumber(Math.max(need - q.present, 0), lang) })}{' '}
              {t('meeting.quorumCounted')}
            </div>
          )}
        </>
      }
    />
  );
}

export function AttendanceCard({
  meeting,
  ballotOpen,
  onSaved,
}: {
  meeting: Meeting;
  ballotOpen: boolean;
  onSaved: (m: Meeting) => void;
}) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ attendees: Row[] }>();
  const [busy, setBusy] = useState(false);
  const errors = useApiFieldErrors(form, (path: string): FieldName | null => {
    const m = /^attendees\[(\d+)\]\.(absence_reason|presence|person)$/.exec(path);
    if (m) return ['attendees', Number(m[1]), m[2] === 'person' ? 'presence' : m[2]];
    return null;
  });
  const rows = Form.useWatch('attendees', form) as Row[] | undefined;
  const readOnly = meeting.status === 'closed';
  // Once the review of subjects has begun (or the meeting is closed) the long roll is folded away under its
  // summary, so the secretary reaches the current subject without scrolling past every name.
  const [expanded, setExpanded] = useState(!readOnly && !meeting.subjects.some((s) => s.concluded));
  const absentees = meeting.attendees.filter((a) => a.presence !== 'present');

  const save = async () => {
    setBusy(true);
    errors.clear();
    (form as FormInstance).setFields(
      form
        .getFieldsError()
        .filter((fe) => fe.errors.length)
        .map((fe) => ({ name: fe.name, errors: [] })),
    );
    try {
      const list = (form.getFieldValue('attendees') as Row[]).map((r) =>
        r.presence === 'present'
          ? { person_id: r.person_id, presence: r.presence, absence_reason: '', absence_approved: false }
          : {
              person_id: r.person_id,
              presence: r.presence,
              absence_reason: r.presence === 'absent_with_reason' ? (r.absence_reason ?? '').trim() : '',
              absence_approved: r.presence === 'absent_with_reason' && !!r.absence_approved,
            },
      );
      const saved = await meetingApi.attendance(meeting.id, meeting.version, list);
      message.success(t('meeting.attendanceSaved'));
      onSaved(saved);
    } catch (e) {
      const names = errors.report(localizeMeetingError(e, (id) => `#${id}`));
      if (names.length) form.scrollToField(names[0], { block: 'center', focus: true });
    } finally {
      setBusy(false);
    }
  };

  const present = (rows ?? []).filter((r) => r?.presence === 'present').length;
  return (
    <Card title={<h2 className="card-title">{t('meeting.attendance')}</h2>} data-testid="attendance">
      <QuorumNote meeting={meeting} />
      {errors.alert && <div style={{ marginTop: 16 }}>{errors.alert}</div>}
      {ballotOpen && !readOnly && (
        <Alert type="info" showIcon style={{ marginTop: 16 }} title={t('meeting.attendanceLocked')} />
      )}
      {!expanded && (
        <div style={{ marginTop: 16 }} data-testid="attendance-summary">
          {absentees.length > 0 && (
            <ul className="plain-list" style={{ marginBottom: 12 }}>
              {absentees.map((a) => (
                <li key={a.person_id}>
                  {a.full_name}: {t(`meeting.presence.${a.presence}`).toLowerCase()}
                  {a.absence_reason ? ` (${a.absence_reason}${a.absence_approved ? `, ${t('meeting.absenceApproved').toLowerCase()}` : ''})` : ''}
                </li>
              ))}
            </ul>
          )}
          <Button size="large" onClick={() => setExpanded(true)} data-testid="edit-attendance">
            {readOnly ? t('meeting.showAttendance') : t('meeting.editAttendance')}
          </Button>
        </div>
      )}
      <Form
        form={form}
        hidden={!expanded}
        layout="vertical"
        size="large"
        disabled={busy || readOnly || ballotOpen}
        initialValues={{
          attendees: meeting.attendees.map((a) => ({
            person_id: a.person_id,
            presence: a.presence,
            absence_reason: a.absence_reason,
            absence_approved: a.absence_approved,
          })),
        }}
        style={{ marginTop: 16 }}
      >
        <List
          dataSource={meeting.attendees}
          renderItem={(a, i) => {
            const presence = rows?.[i]?.presence ?? a.presence;
            return (
              <List.Item data-testid="attendee" data-person={a.person_id}>
                <div className="attendee-row">
                  <span className="attendee-name" id={`attendee-${a.person_id}`}>
                    {a.full_name}
                    {a.person_id === meeting.chair_id && <Tag style={{ marginLeft: 8 }}>{t('meeting.chair')}</Tag>}
                    {a.person_id === meeting.secretary_id && (
                      <Tag style={{ marginLeft: 8 }}>{t('meeting.secretary')}</Tag>
                    )}
                    {!a.official && <Tag color="blue" style={{ marginLeft: 8 }}>{t('meeting.probationary')}</Tag>}
                    {a.exempt && <Tag style={{ marginLeft: 8 }}>{t('meeting.exempt')}</Tag>}
                    {a.suspended && <Tag style={{ marginLeft: 8 }}>{t('meeting.suspended')}</Tag>}
                  </span>
                  <Form.Item name={['attendees', i, 'presence']} noStyle>
                    <Radio.Group
                      optionType="button"
                      buttonStyle="solid"
                      className="choice-group"
                      aria-labelledby={`attendee-${a.person_id}`}
                      data-testid="presence"
                      options={[
                        { value: 'present', label: t('meeting.presence.present') },
                        { value: 'absent_with_reason', label: t('meeting.presence.absent_with_reason') },
                        { value: 'absent_without_reason', label: t('meeting.presence.absent_without_reason') },
                      ]}
                    />
                  </Form.Item>
                  {presence === 'absent_with_reason' && (
                    <div className="attendee-absence">
                      <Form.Item
                        name={['attendees', i, 'absence_reason']}
                        label={t('meeting.absenceReason')}
                        style={{ marginBottom: 0 }}
                      >
                        <Input maxLength={200} data-testid="absence-reason" />
                      </Form.Item>
                      <Form.Item
                        name={['attendees', i, 'absence_approved']}
                        valuePropName="checked"
                        className="absence-approved"
                      >
                        <Checkbox data-testid="absence-approved">{t('meeting.absenceApproved')}</Checkbox>
                      </Form.Item>
                    </div>
                  )}
                </div>
              </List.Item>
            );
          }}
        />
        {!readOnly && (
          <div style={{ display: 'flex', flexWrap: 'wrap', gap: 12, alignItems: 'center', marginTop: 12 }}>
            <Button type="primary" size="large" onClick={save} loading={busy} data-testid="save-attendance">
              {t('meeting.saveAttendance')}
            </Button>
            <span aria-live="polite" data-testid="attendance-count">
              {t('meeting.markedPresent', { n: present, total: meeting.attendees.length })}
            </span>
          </div>
        )}
      </Form>
    </Card>
  );
}
