// Home per role: who you are, your roles and the units they cover, and what exists now in your scope (counts
// from the API, per grant), with the next places to go.
import { Card, List, Space, Statistic, Tag, Typography } from 'antd';
import { Link } from 'react-router';
import { api } from '../api/client';
import type { Account, RoleGrant } from '../api/types';
import { LinkButton } from '../components/link_button';
import { ErrorBox, Show, useLoad } from '../components/load';
import { formatNumber } from '../format';
import { useI18n } from '../i18n/i18n';
import { hasRole, useSession } from '../session/session';

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
        </Card>
      )}
    </Space>
  );
}

function RolesCard({ account }: { account: Account }) {
  const { t } = useI18n();
  const unitIds = [...new Set(account.roles.map((g) => g.unit_id))];
  const units = useLoad(() => Promise.all(unitIds.map((id) => api.unit(id))), [account.id]);
  return (
    <Card title={<h2 className="card-title">{t('home.roles')}</h2>}>
      <Show loaded={units}>
        {(list) => (
          <List
            dataSource={account.roles}
            renderItem={(g) => {
              const unit = list.find((u) => u.id === g.unit_id);
              return (
                <List.Item data-testid="role-grant">
                  <Space wrap>
                    <Tag color="red" style={{ fontSize: 16, padding: '4px 10px' }}>
                      {t(`role.${g.role}`)}
                    </Tag>
                    <span>
                      {t('home.byUnit')}{' '}
                      <Link to={`/units/${g.unit_id}`}>{unit?.name ?? `#${g.unit_id}`}</Link>
                    </span>
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
            {admin && grant.role === 'administrator' && (
              <LinkButton to={`/units/new?parent_id=${c.unit.id}`}>{t('home.newUnit')}</LinkButton>
            )}
          </Space>
        </Card>
      )}
    </Show>
  );
}
