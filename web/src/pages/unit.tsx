// One unit: what it is, its leadership collectives, the units directly below with their member counts, and its
// members in Vietnamese order (the server sorts) with diacritic-insensitive search and pagination.
import { Card, Descriptions, Empty, Input, List, Space, Table, Tag, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { Link, useParams } from 'react-router';
import { api } from '../api/client';
import type { Person, Unit } from '../api/types';
import { LinkButton } from '../components/link_button';
import { UnitActions } from '../components/unit_actions';
import { Show, useLoad } from '../components/load';
import { formatDate } from '../format';
import { useI18n } from '../i18n/i18n';
import { hasRole, readsReviews, useSession } from '../session/session';

export function UnitPage() {
  const id = Number(useParams().id);
  const unit = useLoad(() => api.unit(id), [id]);
  return <Show loaded={unit}>{(u) => <UnitView unit={u} />}</Show>;
}

function UnitView({ unit }: { unit: Unit }) {
  const { t } = useI18n();
  const { account } = useSession();
  const admin = hasRole(account, 'administrator');
  const parent = useLoad(() => (unit.parent_id ? api.unit(unit.parent_id) : Promise.resolve(null)), [unit.parent_id]);
  const holdsMembers = unit.kind === 'cell' || unit.kind === 'grassroots_cell';
  return (
    <Space orientation="vertical" size="large" style={{ width: '100%' }}>
      <div>
        <Typography.Title level={1} className="page-title" style={{ fontSize: 28 }} data-testid="unit-name">
          {unit.name}
        </Typography.Title>
        <Space wrap>
          {readsReviews(account) && (
            <LinkButton to={`/statistics/${unit.id}`} data-testid="unit-statistics">
              {t('home.openStatistics')}
            </LinkButton>
          )}
          {admin && (
            <>
              <LinkButton to={`/units/${unit.id}/edit`}>{t('unit.edit')}</LinkButton>
              {!holdsMembers && <LinkButton to={`/units/new?parent_id=${unit.id}`}>{t('unit.new')}</LinkButton>}
              {holdsMembers && <LinkButton to={`/people/new?unit_id=${unit.id}`}>{t('unit.newPerson')}</LinkButton>}
            </>
          )}
        </Space>
        {/* Restructuring (move, merge, split): shown to the administrators of the unit's scope only. */}
        <div style={{ marginTop: 8 }}>
          <UnitActions unit={unit} />
        </div>
      </div>
      <Card>
        <Descriptions column={{ xs: 1, sm: 1, md: 2 }} bordered size="middle">
          <Descriptions.Item label={t('unit.kind')}>{t(`kind.${unit.kind}`)}</Descriptions.Item>
          <Descriptions.Item label={t('unit.code')}>{unit.code}</Descriptions.Item>
          <Descriptions.Item label={t('unit.parent')}>
            {parent.data ? <Link to={`/units/${parent.data.id}`}>{parent.data.name}</Link> : t('common.none')}
          </Descriptions.Item>
          <Descriptions.Item label={t('unit.established')}>{formatDate(unit.established_on)}</Descriptions.Item>
          {unit.dissolved_on && (
            <Descriptions.Item label={t('unit.dissolved')}>{formatDate(unit.dissolved_on)}</Descriptions.Item>
          )}
        </Descriptions>
      </Card>
      <Collectives unitId={unit.id} />
      {!holdsMembers && <Children unitId={unit.id} />}
      <Members unitId={unit.id} />
    </Space>
  );
}

function Collectives({ unitId }: { unitId: number }) {
  const { t } = useI18n();
  const list = useLoad(() => api.collectives(unitId), [unitId]);
  return (
    <Card title={<h2 className="card-title">{t('unit.collectives')}</h2>}>
      <Show loaded={list}>
        {(c) =>
          c.items.length === 0 ? (
            <Typography.Text>{t('unit.noCollectives')}</Typography.Text>
          ) : (
            <List
              dataSource={c.items}
              renderItem={(item) => (
                <List.Item>
                  <Space wrap>
                    <strong>{item.name}</strong>
                    <Tag>{t(`collective.${item.kind as 'other'}`)}</Tag>
                    <span>
                      {t('person.from')} {formatDate(item.valid_from)}
                    </span>
                  </Space>
                </List.Item>
              )}
            />
          )
        }
      </Show>
    </Card>
  );
}

function Children({ unitId }: { unitId: number }) {
  const { t } = useI18n();
  const tree = useLoad(() => api.unitTree(unitId, 1), [unitId]);
  return (
    <Card title={<h2 className="card-title">{t('unit.children')}</h2>}>
      <Show loaded={tree}>
        {(node) =>
          !node.children?.length ? (
            <Typography.Text>{t('unit.noChildren')}</Typography.Text>
          ) : (
            <Table
              rowKey="id"
              dataSource={node.children}
              pagination={node.children.length > 20 ? { pageSize: 20, showSizeChanger: false } : false}
              scroll={{ x: true }}
              columns={[
                {
                  title: t('unit.name'),
                  dataIndex: 'name',
                  render: (name: string, c) => <Link to={`/units/${c.id}`}>{name}</Link>,
                },
                { title: t('unit.kind'), dataIndex: 'kind', render: (k: string) => t(`kind.${k as 'cell'}`) },
                { title: t('unit.code'), dataIndex: 'code' },
                { title: t('unit.members'), dataIndex: 'members', align: 'right' },
              ]}
            />
          )
        }
      </Show>
    </Card>
  );
}

function Members({ unitId }: { unitId: number }) {
  const { t } = useI18n();
  const [query, setQuery] = useState('');
  const [q, setQ] = useState('');
  const [page, setPage] = useState(1);
  const pageSize = 20;
  useEffect(() => {
    const id = setTimeout(() => {
      setQ(query.trim());
      setPage(1);
    }, 300);
    return () => clearTimeout(id);
  }, [query]);
  const people = useLoad(() => api.people({ unit_id: unitId, q, page, page_size: pageSize }), [unitId, q, page]);
  return (
    <Card title={<h2 className="card-title">{t('unit.members')}</h2>}>
      <div className="toolbar">
        <Input.Search
          allowClear
          size="large"
          placeholder={t('unit.membersSearch')}
          aria-label={t('unit.membersSearch')}
          value={query}
          onChange={(e) => setQuery(e.target.value)}
          onSearch={(v) => {
            setQ(v.trim());
            setPage(1);
          }}
          data-testid="member-search"
        />
      </div>
      {people.error ? (
        <Show loaded={people}>{() => null}</Show>
      ) : (
        <Table<Person>
          rowKey="id"
          loading={people.loading}
          dataSource={people.data?.items ?? []}
          locale={{ emptyText: <Empty description={t('unit.noMembers')} /> }}
          scroll={{ x: true }}
          pagination={{
            current: page,
            pageSize,
            total: people.data?.total ?? 0,
            showSizeChanger: false,
            showTotal: (total) => t('common.total', { total }),
            onChange: setPage,
          }}
          columns={[
            {
              title: t('person.fullName'),
              dataIndex: 'full_name',
              render: (name: string, p) => (
                <Link to={`/people/${p.id}`} data-testid="member-link">
                  {name}
                </Link>
              ),
            },
            { title: t('person.cardNumber'), dataIndex: 'card_number' },
            { title: t('person.status'), dataIndex: 'status', render: (s: string) => t(`status.${s as 'active'}`) },
            { title: t('person.birthDate'), dataIndex: 'birth_date', render: formatDate },
          ]}
        />
      )}
    </Card>
  );
}
