// Home per role: first what to do now and by when (the member's statement and its deadline, the cells' members
// who have not submitted, the open cycles of a committee's scope or the way to open one), then the roles and the
// units they cover with what exists in scope (counts from the API, per grant).
import { Alert, Card, List, Space, Statistic, Tag, Typography } from 'antd';
import { Link } from 'react-router';
import { api } from '../api/client';
import type { Account, Cycle, MyReview, Progress, RoleGrant, Unit } from '../api/types';
import { LinkButton } from '../components/link_button';
import { ErrorBox, Show, useLoad } from '../components/load';
import { formatNumber } from '../format';
import { useI18n } from '../i18n/i18n';
import { hasRole, useSession } from '../session/session';
import { levelOf } from '../review';
import { cycleName, DueNote, OPENING_ROLES, ReviewCard } from '../components/review_bits';
import { BallotNotice } from '../components/meeting/ballot_notice';
import { OwnReportTodo } from '../components/own_report';

// Roles that read a whole subtree (counts of units and members make sense for them).
const SUBTREE_ROLES = ['administrator', 'organization_board', 'committee', 'committee_staff', 'inspection'];

export function HomePage() {
  const { t } = useI18n();
  const { account } = useSession();
  if (!account) return null;
  return (
    <Space orientation="vertical" size="large" style={{ width: '100%' }}>
      <Typography.Title level={1} className="page-title" style={{ fontSize: 28 }}>
        {t('home.greeting', { name: account.display_name })}
      </Typography.Title>
      {account.roles.length === 0 && <ErrorBox error={new Error(t('home.noRoles'))} />}
      {account.person_id !== null && <BallotNotice />}
      <TodoCard account={account} />
      <RolesCard account={account} />
      {account.roles
        .filter((g) => SUBTREE_ROLES.includes(g.role) || g.role === 'cell_secretary')
        .filter((g, i, all) => all.findIndex((o) => o.unit_id === g.unit_id) === i)
        .map((g, i) => (
          <ScopeCard key={g.unit_id} grant={g} showUnits={i === 0} />
        ))}
      {account.person_id !== null && (
        <Card>
          <Link to={`/people/${account.person_id}`} style={{ fontSize: 18 }}>
            {t('home.myRecord')}
          </Link>
          <br />
          <Link to="/my-results" style={{ fontSize: 18 }} data-testid="home-my-results">
            {t('home.myResults')}
          </Link>
        </Card>
      )}
    </Space>
  );
}

function RolesCard({ account }: { account: Account }) {
  const { t } = useI18n();
  const unitIds = [...new Set(account.roles.map((g) => g.unit_id))];
  // A plain member may not read their cell as a unit: the role is then shown without it.
  const units = useLoad(
    () => Promise.all(unitIds.map((id) => api.unit(id).catch(() => null))),
    [account.id],
  );
  return (
    <Card title={<h2 className="card-title">{t('home.roles')}</h2>}>
      <Show loaded={units}>
        {(list) => (
          <List
            dataSource={account.roles}
            renderItem={(g) => {
              const unit = list.find((u) => u?.id === g.unit_id);
              return (
                <List.Item data-testid="role-grant">
                  <Space wrap>
                    <Tag color="red" style={{ fontSize: 16, padding: '4px 10px' }}>
                      {t(`role.${g.role}`)}
                    </Tag>
                    {unit && (
                      <span>
                        {t('home.byUnit')} <Link to={`/units/${g.unit_id}`}>{unit.name}</Link>
                      </span>
                    )}
                  </Space>
                </List.Item>
              );
            }}
          />
        )}
      </Show>
    </Card>
  );
}

// The units count is the caller's whole scope (GET /units without a parent), so only the first card shows it.
function ScopeCard({ grant, showUnits }: { grant: RoleGrant; showUnits: boolean }) {
  const { t, lang } = useI18n();
  const { account } = useSession();
  const isSecretary = grant.role === 'cell_secretary';
  const counts = useLoad(async () => {
    const [unit, units, people] = await Promise.all([
      api.unit(grant.unit_id),
      isSecretary || !showUnits ? Promise.resolve(null) : api.units({ page_size: 1 }),
      api.people({ unit_id: grant.unit_id, page_size: 1 }),
    ]);
    return { unit, units: units?.total ?? null, people: people.total };
  }, [grant.unit_id, grant.role, showUnits]);
  const admin = hasRole(account, 'administrator');
  return (
    <Show loaded={counts}>
      {(c) => (
        <Card title={<h2 className="card-title">{c.unit.name}</h2>} data-testid="scope-card">
          <div className="stat-grid">
            {c.units !== null && (
              <Statistic
                title={t('home.unitsInScope')}
                value={formatNumber(c.units, lang)}
                data-testid="stat-units"
              />
            )}
            <Statistic
              title={isSecretary ? t('home.cellMembers') : t('home.peopleInScope')}
              value={formatNumber(c.people, lang)}
              data-testid="stat-people"
            />
          </div>
          <Space wrap style={{ marginTop: 16 }}>
            <LinkButton type="primary" to={`/units/${c.unit.id}`}>
              {t('home.openUnit')}
            </LinkButton>
            {!isSecretary && <LinkButton to="/units">{t('home.openTree')}</LinkButton>}
            {!isSecretary && (
              <LinkButton to={`/statistics/${c.unit.id}`} data-testid="home-statistics">
                {t('home.openStatistics')}
              </LinkButton>
            )}
            {admin && grant.role === 'administrator' && (
              <LinkButton to={`/units/new?parent_id=${c.unit.id}`}>{t('home.newUnit')}</LinkButton>
            )}
          </Space>
        </Card>
      )}
    </Show>
  );
}

// What to do now: loaded together so the page shows one answer. Reviews of the member themselves; for each
// secretary or upper-level grant, the open cycles covering the unit with how many have not submitted yet.
interface GrantWork {
  grant: RoleGrant;
  unit: Unit;
  cycles: { cycle: Cycle; progress: Progress }[];
}

function TodoCard({ account }: { account: Account }) {
  const { t } = useI18n();
  const work = useLoad(async () => {
    const mineLoading: Promise<MyReview[]> = account.person_id !== null ? api.myReviews() : Promise.resolve([]);
    const grants = account.roles
      .filter((g) => g.role !== 'member')
      .filter((g, i, all) => all.findIndex((o) => o.unit_id === g.unit_id) === i);
    const perGrant: GrantWork[] = await Promise.all(
      grants.map(async (grant) => {
        const [unit, cycles] = await Promise.all([
          api.unit(grant.unit_id),
          api.cycles({ unit_id: grant.unit_id, page_size: 10 }),
        ]);
        const open = cycles.items.filter((c) => c.status === 'open');
        const withProgress = await Promise.all(
          // A cycle opened below the grant's unit does not contain it: its progress is read at the cycle's root.
          open.map(async (cycle) => ({
            cycle,
            progress: await api.progress(cycle.id, grant.unit_id).catch(() => api.progress(cycle.id)),
          })),
        );
        return { grant, unit, cycles: withProgress };
      }),
    );
    return { mine: await mineLoading, perGrant };
  }, [account.id]);
  return (
    <Card title={<h2 className="card-title">{t('todo.title')}</h2>} data-testid="todo">
      <Show loaded={work}>
        {({ mine, perGrant }) => {
          const items = [
            ...mine.map((r) => <ReviewCard key={`r${r.id}`} review={r} />),
            ...perGrant.map((w) => <GrantTodo key={`g${w.grant.unit_id}`} work={w} account={account} />),
          ];
          return items.length ? (
            <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
              {items}
            </Space>
          ) : (
            <Typography.Paragraph data-testid="todo-nothing">{t('todo.nothing')}</Typography.Paragraph>
          );
        }}
      </Show>
    </Card>
  );
}

function GrantTodo({ work, account }: { work: GrantWork; account: Account }) {
  const { t, lang } = useI18n();
  const mayOpen = OPENING_ROLES.includes(work.grant.role);
  const secretary = work.grant.role === 'cell_secretary';
  if (work.cycles.length === 0)
    return (
      <Alert
        type="info"
        showIcon
        data-testid="todo-no-cycle"
        title={t('todo.noCycle', { unit: work.unit.name })}
        description={
          mayOpen && hasRole(account, ...OPENING_ROLES) ? (
            <LinkButton type="primary" to={`/cycles/new?unit_id=${work.unit.id}`} data-testid="todo-open-cycle">
              {t('cycles.open')}
            </LinkButton>
          ) : undefined
        }
      />
    );
  return (
    <>
      {work.cycles.map(({ cycle, progress }) => {
        const u = progress.unit;
        const pending = u.pending.self_review;
        const due = cycle.calendar.find((c) => c.level === levelOf(u.kind))?.self_review;
        return (
          <Card
            key={cycle.id}
            size="small"
            data-testid="todo-cycle"
            title={
              <h3 className="task-title">
                {t('cycle.title', { name: cycleName(cycle, t) })} — {u.name}
              </h3>
            }
          >
            <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
              <div data-testid="todo-pending">
                {pending > 0
                  ? t(secretary ? 'todo.cellPending' : 'todo.scopePending', {
                      n: formatNumber(pending, lang),
                      total: formatNumber(u.total, lang),
                    })
                  : t('todo.allSubmitted', { total: formatNumber(u.total, lang) })}
                {u.late.self_review > 0 && (
                  <Tag color="red" style={{ marginLeft: 8 }}>
                    {t('cycle.lateN', { n: formatNumber(u.late.self_review, lang) })}
                  </Tag>
                )}
              </div>
              {pending > 0 && due && <DueNote due={due} />}
              {secretary && <OwnReportTodo cycleId={cycle.id} unitId={u.unit_id} />}
              <div>
                <LinkButton type="primary" to={`/cycles/${cycle.id}?unit=${u.unit_id}`} data-testid="todo-open-progress">
                  {secretary ? t('todo.openCell') : t('todo.openProgress')}
                </LinkButton>
              </div>
            </Space>
          </Card>
        );
      })}
    </>
  );
}
