// One review cycle (/cycles/:id?unit=): its calendar, and the progress of a unit of its tree (default the root)
// with the units directly below (each opens the same page one level down) and who has not submitted. For a cell,
// the members with their statement status, and the secretary's way to enter a statement on a member's behalf.
import { Breadcrumb, Card, List, Progress as Bar, Space, Tag, Typography } from 'antd';
import { useState } from 'react';
import { Link, useParams, useSearchParams } from 'react-router';
import { api } from '../api/client';
import { decisionApi } from '../api/decision';
import { LEVELS, STEPS, type Cycle, type Person, type Progress, type ProgressEntry, type Unit } from '../api/types';
import { LinkButton } from '../components/link_button';
import { Show, useLoad } from '../components/load';
import { formatDate, formatNumber } from '../format';
import { useI18n } from '../i18n/i18n';
import { isCell, levelOf } from '../review';
import { hasRole, useSession } from '../session/session';
import { cycleName, DueNote, StateTag } from '../components/review_bits';
import { MeetingEntry } from '../components/meeting/meeting_entry';
import { OwnReport } from '../components/own_report';

export function CyclePage() {
  const params = useParams();
  const [search] = useSearchParams();
  const id = Number(params.id);
  const unitParam = search.get('unit') ? Number(search.get('unit')) : undefined;
  const { account } = useSession();
  // A plain member reads the cycle but not its progress.
  const readsProgress = (account?.roles ?? []).some((g) => g.role !== 'member');
  // Everything the page needs is asked at once; the progress names the unit and its kind (a cell's roster is read
  // beside it when the unit is given, and after it otherwise).
  const loaded = useLoad(async () => {
    const [cycle, progress, given, roster] = await Promise.all([
      api.cycle(id),
      readsProgress ? api.progress(id, unitParam) : Promise.resolve(null),
      unitParam ? api.unit(unitParam) : Promise.resolve(null),
      unitParam && readsProgress ? api.people({ unit_id: unitParam, page_size: 500 }) : Promise.resolve(null),
    ]);
    const unit = given ?? (await api.unit(cycle.root_unit_id));
    // A cell's whole roster, to show who has submitted beside who has not.
    const members =
      isCell(unit.kind) && progress
        ? (roster ?? (await api.people({ unit_id: unit.id, page_size: 500 }))).items
        : null;
    return { cycle, progress, unit, members };
  }, [id, unitParam, readsProgress]);
  return (
    <Show loaded={loaded}>
      {(d) => <CycleView {...d} />}
    </Show>
  );
}

function CycleView({
  cycle,
  progress,
  unit,
  members,
}: {
  cycle: Cycle;
  progress: Progress | null;
  unit: Unit;
  members: Person[] | null;
}) {
  const { t, lang } = useI18n();
  const { account } = useSession();
  const level = levelOf(unit.kind);
  const due = cycle.calendar.find((c) => c.level === level)?.self_review;
  return (
    <Space orientation="vertical" size="large" style={{ width: '100%' }}>
      <div>
        <Typography.Title level={1} className="page-title" style={{ fontSize: 28 }} data-testid="cycle-title">
          {t('cycle.title', { name: cycleName(cycle, t) })}
        </Typography.Title>
        <Typography.Paragraph style={{ marginBottom: 0 }}>
          {cycle.root_unit_name} · {t(`ruleset.${cycle.ruleset}` as Parameters<typeof t>[0])} ·{' '}
          <Tag color={cycle.status === 'open' ? 'green' : 'default'}>{t(`cycle.status.${cycle.status}`)}</Tag>
        </Typography.Paragraph>
      </div>
      {unit.id !== cycle.root_unit_id && (
        <Breadcrumb
          items={[
            { title: <Link to={`/cycles/${cycle.id}`}>{cycle.root_unit_name}</Link> },
            // Every unit between the cycle's root and this one, by name (the unit's ancestors).
            ...(unit.ancestors
              ? unit.ancestors.slice(unit.ancestors.findIndex((a) => a.id === cycle.root_unit_id) + 1)
              : unit.parent_id && unit.parent_id !== cycle.root_unit_id
                ? [{ id: unit.parent_id, name: t('cycle.up') }]
                : []
            ).map((a) => ({ title: <Link to={`/cycles/${cycle.id}?unit=${a.id}`}>{a.name}</Link> })),
            { title: unit.name },
          ]}
        />
      )}
      {progress && !isCell(unit.kind) && hasRole(account, 'committee', 'committee_staff', 'organization_board') && (
        <Card title={<h2 className="card-title">{t('cycle.decisionSteps')}</h2>} data-testid="decision-steps">
          <Space wrap>
            <LinkButton to={`/cycles/${cycle.id}/appraisal?unit=${unit.id}`} data-testid="open-appraisal">
              {t('cycle.toAppraisal')}
            </LinkButton>
            <LinkButton to={`/cycles/${cycle.id}/decide?unit=${unit.id}`} data-testid="open-decision">
              {t('cycle.toDecision')}
            </LinkButton>
            <LinkButton to={`/cycles/${cycle.id}/complaints?unit=${unit.id}`} data-testid="open-complaints">
              {t('cycle.toComplaints')}
            </LinkButton>
          </Space>
          <CycleDecisions cycle={cycle} unit={unit} />
        </Card>
      )}
      {progress && <UnitProgress cycle={cycle} progress={progress} unit={unit} due={due ?? null} />}
      {progress && <OwnReport cycle={cycle} unit={unit} />}
      {progress && members && <MeetingEntry cycle={cycle} unit={unit} submitted={submittedOf(progress.unit)} />}
      {progress && members && <CellMembers cycle={cycle} progress={progress} members={members} />}
      <CalendarCard cycle={cycle} highlight={level} />
      {progress && !members && <NotSubmitted cycle={cycle} progress={progress} />}
      {!progress && cycle.subjects && (
        <Card>
          {t('cycle.submittedOf', {
            done: formatNumber(cycle.subjects.submitted, lang),
            total: formatNumber(cycle.subjects.reviewed, lang),
          })}
        </Card>
      )}
    </Space>
  );
}

const DECISIONS_PAGE = 10;

// The decisions of the cycle taken by the unit and the units below it, newest first, each opening its record.
function CycleDecisions({ cycle, unit }: { cycle: Cycle; unit: Unit }) {
  const { t } = useI18n();
  const [page, setPage] = useState(1);
  const loaded = useLoad(
    () => decisionApi.cycleDecisions(cycle.id, unit.id, page, DECISIONS_PAGE),
    [cycle.id, unit.id, page],
  );
  return (
    <div style={{ marginTop: 16 }} data-testid="cycle-decisions">
      <h3 className="group-title">{t('cycle.decisions')}</h3>
      <Show loaded={loaded}>
        {(list) => (
          <List
            size="small"
            dataSource={list.items}
            locale={{ emptyText: t('cycle.decisionsNone') }}
            pagination={
              list.total > DECISIONS_PAGE
                ? { current: page, pageSize: DECISIONS_PAGE, total: list.total, onChange: setPage, size: 'small' }
                : false
            }
            renderItem={(d) => (
              <List.Item data-testid="cycle-decision" data-decision={d.id} data-published={d.published_at != null}>
                <Space wrap size="small">
                  <Link to={`/decisions/${d.id}`}>
                    {t('record.title', { number: d.number, date: formatDate(d.date) })}
                  </Link>
                  <span>{t(`record.kind.${d.kind}`)}</span>
                  {d.unit_id !== unit.id && <Typography.Text type="secondary">{d.unit_name}</Typography.Text>}
                  <Typography.Text type="secondary">
                    {t('cycle.decisionSubjects', { n: d.subject_count })}
                  </Typography.Text>
                  <Tag color={d.published_at != null ? 'green' : 'gold'}>
                    {d.published_at != null ? t('record.published') : t('record.notPublished')}
                  </Tag>
                </Space>
              </List.Item>
            )}
          />
        )}
      </Show>
    </div>
  );
}

function submittedOf(e: ProgressEntry) {
  return e.total - e.pending.self_review;
}

function UnitProgress({
  cycle,
  progress,
  unit,
  due,
}: {
  cycle: Cycle;
  progress: Progress;
  unit: Unit;
  due: string | null;
}) {
  const { t, lang } = useI18n();
  const u = progress.unit;
  const done = submittedOf(u);
  return (
    <>
      <Card title={<h2 className="card-title">{unit.name}</h2>} data-testid="unit-progress">
        <div className="stat-line" data-testid="progress-summary">
          {t('cycle.submittedOf', { done: formatNumber(done, lang), total: formatNumber(u.total, lang) })}
          {u.late.self_review > 0 && (
            <Tag color="red" style={{ marginLeft: 8 }}>
              {t('cycle.lateN', { n: formatNumber(u.late.self_review, lang) })}
            </Tag>
          )}
        </div>
        {u.total > 0 && <Bar percent={Math.round((100 * done) / u.total)} aria-hidden />}
        {due && cycle.status === 'open' && u.pending.self_review > 0 && <DueNote due={due} />}
      </Card>
      {progress.children.length > 0 && (
        <Card title={<h2 className="card-title">{t('cycle.children')}</h2>}>
          <List
            dataSource={progress.children}
            renderItem={(c) => {
              const d = submittedOf(c);
              return (
                <List.Item data-testid="child-progress">
                  <div className="child-row">
                    <Link to={`/cycles/${cycle.id}?unit=${c.unit_id}`} className="child-name">
                      {c.name}
                    </Link>
                    <span>
                      {t('cycle.submittedOf', { done: formatNumber(d, lang), total: formatNumber(c.total, lang) })}
                      {c.late.self_review > 0 && (
                        <Tag color="red" style={{ marginLeft: 8 }}>
                          {t('cycle.lateN', { n: formatNumber(c.late.self_review, lang) })}
                        </Tag>
                      )}
                    </span>
                    {c.total > 0 && (
                      <Bar percent={Math.round((100 * d) / c.total)} size="small" className="child-bar" aria-hidden />
                    )}
                  </div>
                </List.Item>
              );
            }}
          />
        </Card>
      )}
    </>
  );
}

// The cell's members in two groups: those in the progress's not-submitted list, with their state and (for the
// cell secretary) a button to enter the statement on their behalf; then the others. The others have submitted when
// the counts say so; otherwise some of them are not reviewed this time (exempt, suspended, newly admitted: they
// are not in the progress at all) and the group says "submitted or not reviewed".
function CellMembers({ cycle, progress, members }: { cycle: Cycle; progress: Progress; members: Person[] }) {
  const { t, lang } = useI18n();
  const { account } = useSession();
  const secretary = hasRole(account, 'cell_secretary');
  const pendingIds = new Set(progress.not_submitted.map((n) => n.person_id));
  const others = members.filter((m) => !pendingIds.has(m.id));
  const certain = others.length === submittedOf(progress.unit);
  return (
    <Card title={<h2 className="card-title">{t('cycle.members')}</h2>} data-testid="cell-members">
      <h3 className="group-title" data-testid="pending-title">
        {t('cycle.pendingGroup', { n: formatNumber(progress.not_submitted.length, lang) })}
      </h3>
      <List
        dataSource={progress.not_submitted}
        locale={{ emptyText: t('cycle.nonePending') }}
        renderItem={(n) => (
          <List.Item data-testid="pending-row" data-person={n.person_id}>
            <div className="member-row">
              <Link to={`/people/${n.person_id}`} className="member-name">
                {n.full_name}
              </Link>
              <StateTag state={n.state} />
              {cycle.status === 'open' &&
                (n.person_id === account?.person_id ? (
                  // The secretary's own review (as a member, or for her post): written as herself, not on behalf.
                  <LinkButton to={`/reviews/${n.subject_id}`} data-testid="write-own">
                    {t('myReviews.write')}
                  </LinkButton>
                ) : (
                  // Only the cell secretary enters a statement for a member (43-HD); other readers see the list.
                  secretary && (
                    <LinkButton
                      to={`/reviews/${n.subject_id}?person=${n.person_id}`}
                      data-testid="enter-on-behalf"
                      aria-label={`${t('cycle.enterOnBehalf')}: ${n.full_name}`}
                    >
                      {t('cycle.enterOnBehalf')}
                    </LinkButton>
                  )
                ))}
            </div>
          </List.Item>
        )}
      />
      {others.length > 0 && (
        <>
          <h3 className="group-title" data-testid="others-title">
            {certain
              ? t('cycle.submittedGroup', { n: formatNumber(others.length, lang) })
              : t('cycle.othersGroup', { n: formatNumber(others.length, lang) })}
          </h3>
          {!certain && <Typography.Paragraph type="secondary">{t('cycle.othersNote')}</Typography.Paragraph>}
          <List
            dataSource={others}
            renderItem={(m) => (
              <List.Item data-testid="other-row" data-person={m.id}>
                <div className="member-row">
                  <Link to={`/people/${m.id}`} className="member-name">
                    {m.full_name}
                  </Link>
                  <Tag color={certain ? 'green' : 'default'} className="state-tag" data-testid="state-tag">
                    {certain ? t('state.submitted') : t('cycle.submittedOrExempt')}
                  </Tag>
                </div>
              </List.Item>
            )}
          />
        </>
      )}
    </Card>
  );
}

function NotSubmitted({ cycle, progress }: { cycle: Cycle; progress: Progress }) {
  const { t, lang } = useI18n();
  if (progress.not_submitted_total === 0) return null;
  return (
    <Card
      title={
        <h2 className="card-title">
          {t('cycle.notSubmitted', { n: formatNumber(progress.not_submitted_total, lang) })}
        </h2>
      }
    >
      <List
        dataSource={progress.not_submitted}
        pagination={progress.not_submitted.length > 20 ? { pageSize: 20, showSizeChanger: false } : false}
        renderItem={(n) => (
          <List.Item data-testid="not-submitted-row">
            <div className="member-row">
              <Link to={`/people/${n.person_id}`} className="member-name">
                {n.full_name}
              </Link>
              <StateTag state={n.state} />
              <Link to={`/cycles/${cycle.id}?unit=${n.unit_id}`}>{t('cycle.openCell')}</Link>
            </div>
          </List.Item>
        )}
      />
      {progress.not_submitted_total > progress.not_submitted.length && (
        <Typography.Paragraph type="secondary">{t('cycle.firstFive')}</Typography.Paragraph>
      )}
    </Card>
  );
}

function CalendarCard({ cycle, highlight }: { cycle: Cycle; highlight: string }) {
  const { t } = useI18n();
  const rows = LEVELS.map((l) => cycle.calendar.find((c) => c.level === l)).filter((c) => !!c);
  return (
    <Card title={<h2 className="card-title">{t('cycle.calendar')}</h2>} data-testid="calendar">
      <div className="calendar-view">
        {rows.map((c) => (
          <section key={c.level} className={c.level === highlight ? 'calendar-level current' : 'calendar-level'}>
            <h3>
              {t(`level.${c.level}`)}
              {c.level === highlight ? ` (${t('cycle.thisLevel')})` : ''}
            </h3>
            <dl>
              {STEPS.map((s) => (
                <div key={s}>
                  <dt>{t(`step.${s}`)}</dt>
                  <dd>{formatDate(c[s])}</dd>
                </div>
              ))}
            </dl>
          </section>
        ))}
      </div>
    </Card>
  );
}
