// The unit's own review report on the cycle page: opening a cycle creates, for every party unit, a
// `party_organization` subject and one `leadership_collective` subject per collective, written on Mẫu 01 like a
// member's statement (docs/workflow.md "Opening also creates…"). They carry no person, so no member's screen leads
// to them: this card lists the unit's own ones with their statement's status and the way to write or read each.
import { Card, List, Space, Typography } from 'antd';
import { request } from '../api/client';
import type { Account, Cycle, Page, ReviewState, Unit } from '../api/types';
import { formatNumber } from '../format';
import { useI18n } from '../i18n/i18n';
import type { TextKey } from '../i18n/dict';
import { isCell } from '../review';
import { useSession } from '../session/session';
import { LinkButton } from './link_button';
import { useLoad } from './load';
import { StateTag } from './review_bits';

// The fields of a row of GET /cycles/{id}/subjects this card reads.
export interface OwnSubject {
  subject_id: number;
  kind: 'member' | 'party_organization' | 'leadership_collective';
  person_id: number | null;
  collective_id: number | null;
  full_name: string | null;
  unit_id: number;
  unit_name: string;
  state: ReviewState;
  statement_status: 'draft' | 'submitted' | null;
}

// The unit's own collective subjects (own=true: its party organization and leadership collectives, not its
// subtree's nor its members): a handful, one request.
export async function ownSubjects(cycleId: number, unitId: number): Promise<OwnSubject[]> {
  const found = (
    await request<Page<OwnSubject>>('GET', `/cycles/${cycleId}/subjects`, undefined, {
      unit_id: unitId,
      own: 'true',
      page_size: 100,
    })
  ).items;
  // The organization first, then its collectives: the order they are reviewed in at the meeting.
  return found.sort(
    (a, b) => Number(a.kind !== 'party_organization') - Number(b.kind !== 'party_organization') || a.subject_id - b.subject_id,
  );
}

// Who writes the unit's own report (the API's write_own_report): the cell secretary of the cell, the committee of
// a higher unit or its staff, granted on that unit. (The API also lets such a role of a level above write it on the
// unit's behalf; the screen offers it to the unit's own.)
const OWN_REPORT_WRITERS = new Set(['cell_secretary', 'committee', 'committee_staff']);
export function writesOwnReport(account: Account | null, unit: Unit): boolean {
  return !!account && account.roles.some((g) => OWN_REPORT_WRITERS.has(g.role) && g.unit_id === unit.id);
}

// The statement page's address for such a subject: ?unit (and ?collective) name the organization in place of a
// person; ?view=1 opens it read-only for whoever may not write it.
export function ownReportLink(s: OwnSubject, writes: boolean): string {
  const q = new URLSearchParams({ unit: String(s.unit_id) });
  if (s.collective_id !== null) q.set('collective', String(s.collective_id));
  if (!writes) q.set('view', '1');
  return `/reviews/${s.subject_id}?${q}`;
}

export function OwnReport({ cycle, unit }: { cycle: Cycle; unit: Unit }) {
  const { t } = useI18n();
  const { account } = useSession();
  const loaded = useLoad(() => ownSubjects(cycle.id, unit.id), [cycle.id, unit.id]);
  // Nothing while loading or when the unit has none (an agency); a failure here does not hide the rest of the page.
  if (!loaded.data || loaded.data.length === 0) return null;
  const secretary = writesOwnReport(account, unit);
  const writes = secretary && cycle.status === 'open';
  return (
    <Card title={<h2 className="card-title">{t('ownReport.title')}</h2>} data-testid="own-report">
      <Typography.Paragraph type="secondary">
        {t('ownReport.help')} {secretary ? '' : `${isCell(unit.kind) ? t('ownReport.cellWriter') : ''} ${t('ownReport.readerHelp')}`}
      </Typography.Paragraph>
      <List
        dataSource={loaded.data}
        renderItem={(s) => {
          const status = s.statement_status ?? 'not_started';
          // Writable until submitted; the subject's state moves on after submission (reviewed, proposed, …).
          const editable = writes && status !== 'submitted' && (s.state === 'not_started' || s.state === 'draft');
          const label = editable
            ? status === 'draft'
              ? t('ownReport.continue')
              : t('ownReport.write')
            : t('ownReport.view');
          const name = s.full_name ?? s.unit_name;
          return (
            <List.Item data-testid="own-report-row" data-kind={s.kind} data-subject={s.subject_id}>
              <div className="member-row">
                <Space orientation="vertical" size={0} className="member-name">
                  <strong>{name}</strong>
                  <Typography.Text type="secondary">{t(`ownReport.kind.${s.kind}` as TextKey)}</Typography.Text>
                </Space>
                <StateTag state={status} />
                {(editable || status !== 'not_started') && (
                  <LinkButton
                    type={editable && status === 'not_started' ? 'primary' : 'default'}
                    to={ownReportLink(s, editable)}
                    data-testid={editable ? 'own-report-write' : 'own-report-view'}
                    aria-label={`${label}: ${name}`}
                  >
                    {label}
                  </LinkButton>
                )}
              </div>
            </List.Item>
          );
        }}
      />
    </Card>
  );
}

// For the secretary's to-do on the home page: how many of her cell's own reports are submitted, and the way to them.
export function OwnReportTodo({ cycleId, unitId }: { cycleId: number; unitId: number }) {
  const { t, lang } = useI18n();
  const loaded = useLoad(() => ownSubjects(cycleId, unitId), [cycleId, unitId]);
  if (!loaded.data || loaded.data.length === 0) return null;
  const done = loaded.data.filter((s) => s.statement_status === 'submitted').length;
  return (
    <div data-testid="todo-own-report">
      {t('ownReport.todo', { done: formatNumber(done, lang), total: formatNumber(loaded.data.length, lang) })}
    </div>
  );
}
