// One member: their record, where they have been active, and their posts.
import { Card, Descriptions, Space, Table, Tag, Typography } from 'antd';
import { Link, useParams } from 'react-router';
import { api } from '../api/client';
import type { Membership, PersonDetail } from '../api/types';
import { LinkButton } from '../components/link_button';
import { PersonMoveButton, PostsCard } from '../components/person_actions';
import { Show, useLoad } from '../components/load';
import { formatDate } from '../format';
import { useI18n } from '../i18n/i18n';
import { hasRole, useSession } from '../session/session';

export function PersonPage() {
  const id = Number(useParams().id);
  const person = useLoad(() => api.person(id), [id]);
  return <Show loaded={person}>{(p) => <PersonView person={p} onChanged={person.reload} />}</Show>;
}

function PersonView({ person, onChanged }: { person: PersonDetail; onChanged: () => void }) {
  const { t } = useI18n();
  const { account } = useSession();
  const current = person.memberships.find((m) => m.valid_to === null);
  return (
    <Space orientation="vertical" size="large" style={{ width: '100%' }}>
      <div>
        <Typography.Title level={1} className="page-title" style={{ fontSize: 28 }} data-testid="person-name">
          {person.full_name}
        </Typography.Title>
        <Space wrap>
          <Tag color={person.status === 'active' ? 'green' : 'orange'} style={{ fontSize: 16, padding: '4px 10px' }}>
            {t(`status.${person.status}`)}
          </Tag>
          {person.is_leader && <Tag style={{ fontSize: 16, padding: '4px 10px' }}>{t('person.leader')}</Tag>}
          {hasRole(account, 'administrator') && (
            <LinkButton to={`/people/${person.id}/edit`}>{t('common.edit')}</LinkButton>
          )}
          <PersonMoveButton person={person} onChanged={onChanged} />
        </Space>
      </div>
      <Card>
        <Descriptions column={{ xs: 1, sm: 1, md: 2 }} bordered size="middle">
          <Descriptions.Item label={t('person.unit')}>
            {current ? <Link to={`/units/${current.unit_id}`}>{current.unit_name}</Link> : t('common.none')}
          </Descriptions.Item>
          <Descriptions.Item label={t('person.cardNumber')}>{person.card_number ?? t('common.none')}</Descriptions.Item>
          <Descriptions.Item label={t('person.gender')}>
            {person.gender ? t(`gender.${person.gender}`) : t('common.none')}
          </Descriptions.Item>
          <Descriptions.Item label={t('person.birthDate')}>{formatDate(person.birth_date)}</Descriptions.Item>
          <Descriptions.Item label={t('person.admittedOn')}>{formatDate(person.admitted_on)}</Descriptions.Item>
          <Descriptions.Item label={t('person.officialOn')}>{formatDate(person.official_on)}</Descriptions.Item>
          <Descriptions.Item label={t('person.residence')}>{person.residence ?? t('common.none')}</Descriptions.Item>
          <Descriptions.Item label={t('person.civilServant')}>
            {person.is_civil_servant ? t('common.yes') : t('common.no')}
          </Descriptions.Item>
        </Descriptions>
      </Card>
      <PostsCard person={person} />
      <Card title={<h2 className="card-title">{t('person.memberships')}</h2>}>
        <Table<Membership>
          rowKey={(m) => `${m.unit_id}-${m.valid_from}`}
          dataSource={person.memberships}
          pagination={false}
          scroll={{ x: true }}
          columns={[
            {
              title: t('unit.name'),
              dataIndex: 'unit_name',
              render: (name: string, m) => <Link to={`/units/${m.unit_id}`}>{name}</Link>,
            },
            { title: t('person.from'), dataIndex: 'valid_from', render: formatDate },
            {
              title: t('person.to'),
              dataIndex: 'valid_to',
              render: (d: string | null) => (d ? formatDate(d) : t('person.current')),
            },
          ]}
        />
      </Card>
    </Space>
  );
}
