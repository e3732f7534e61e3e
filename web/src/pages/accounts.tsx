// Administration of accounts (/accounts?unit_id=): the accounts administered in a unit's subtree with their roles,
// creating an account for a person, granting a role on a unit (and its subtree) and revoking it, resetting a
// password. The server authorizes (manage_accounts on the units involved) and validates; its problems appear at
// the fields they name, and nothing is changed on a refusal.
import { App, Button, Card, Form, Input, Modal, Popconfirm, Select, Space, Table, Tag, Typography } from 'antd';
import { useEffect, useMemo, useRef, useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { ACCOUNTS_PAGE as PAGE_SIZE, accountsApi, ROLES } from '../api/accounts';
import { api } from '../api/client';
import { useApiFieldErrors, type FieldName } from '../api/field_errors';
import type { Account, Role, RoleGrant, Unit } from '../api/types';
import { Show, useLoad } from '../components/load';
import { formatNumber } from '../format';
import { useI18n } from '../i18n/i18n';
import { useSession } from '../session/session';


export function AccountsPage() {
  const { t, lang } = useI18n();
  const { account: me } = useSession();
  const [search, setSearch] = useSearchParams();
  const unitId =
    Number(search.get('unit_id')) || me?.roles.find((g) => g.role === 'administrator')?.unit_id || undefined;
  const page = Number(search.get('page')) || 1;
  const [creating, setCreating] = useState(false);
  const [granting, setGranting] = useState<Account | null>(null);
  const [resetting, setResetting] = useState<Account | null>(null);
  const loaded = useLoad(async () => {
    const list = await accountsApi.list({ unit_id: unitId, page, page_size: PAGE_SIZE });
    // The units the roles are granted on, by name (one request each, at most a page's worth).
    const ids = [...new Set(list.items.flatMap((a) => a.roles.map((g) => g.unit_id)))];
    const units = await Promise.all(ids.map((id) => api.unit(id).catch(() => null)));
    return { list, units: new Map(units.filter((u): u is Unit => !!u).map((u) => [u.id, u])) };
  }, [unitId, page]);

  return (
    <Space orientation="vertical" size="large" style={{ width: '100%' }}>
      <Typography.Title level={1} className="page-title" style={{ fontSize: 28 }}>
        {t('accounts.title')}
      </Typography.Title>
      {creating ? (
        <CreateAccount
          unitId={unitId}
          onDone={() => {
            setCreating(false);
            loaded.reload();
          }}
        />
      ) : (
        <div>
          <Button type="primary" onClick={() => setCreating(true)} data-testid="account-new">
            {t('accounts.create')}
          </Button>
        </div>
      )}
      <Card>
        <Show loaded={loaded}>
          {({ list, units }) => (
            <Table<Account>
              rowKey="id"
              dataSource={list.items}
              data-testid="accounts-table"
              // A minimum width: on a phone the table scrolls inside its card; on a laptop every column fits.
              scroll={{ x: 760 }}
              pagination={{
                current: page,
                pageSize: PAGE_SIZE,
                total: list.total,
                showSizeChanger: false,
                showTotal: (n) => t('accounts.total', { n: formatNumber(n, lang) }),
                onChange: (p) => {
                  const next = new URLSearchParams(search);
                  next.set('page', String(p));
                  setSearch(next);
                },
              }}
              columns={[
                {
                  // Username and display name in one column: the table fits a laptop without scrolling.
                  title: t('accounts.account'),
                  dataIndex: 'username',
                  render: (v: string, a) => (
                    <div data-testid="account-username" data-account={a.id}>
                      <strong>{v}</strong>
                      {a.disabled && (
                        <Tag color="default" style={{ marginLeft: 8 }}>
                          {t('accounts.disabled')}
                        </Tag>
                      )}
                      <div>
                        {a.person_id ? (
                          <Link to={`/people/${a.person_id}`}>{a.display_name}</Link>
                        ) : (
                          <span>{a.display_name}</span>
                        )}
                      </div>
                    </div>
                  ),
                },
                {
                  title: t('accounts.roles'),
                  key: 'roles',
                  render: (_: unknown, a) => (
                    <RoleTags account={a} units={units} onChanged={loaded.reload} />
                  ),
                },
                {
                  title: t('accounts.actions'),
                  key: 'actions',
                  render: (_: unknown, a) => (
                    <Space wrap>
                      <Button onClick={() => setGranting(a)} data-testid="account-grant">
                        {t('accounts.grant')}
                      </Button>
                      <Button onClick={() => setResetting(a)} data-testid="account-reset">
                        {t('accounts.resetPassword')}
                      </Button>
                    </Space>
                  ),
                },
              ]}
            />
          )}
        </Show>
      </Card>
      {granting && (
        <GrantRole
          account={granting}
          onClose={(changed) => {
            setGranting(null);
            if (changed) loaded.reload();
          }}
        />
      )}
      {resetting && <ResetPassword account={resetting} onClose={() => setResetting(null)} />}
    </Space>
  );
}

function RoleTags({ account, units, onChanged }: { account: Account; units: Map<number, Unit>; onChanged: () => void }) {
  const { t, pick } = useI18n();
  const { message } = App.useApp();
  if (account.roles.length === 0) return <span>{t('accounts.noRoles')}</span>;
  const revoke = async (g: RoleGrant) => {
    try {
      await accountsApi.revoke(account.id, g.role, g.unit_id);
      message.success(t('accounts.revoked'));
      onChanged();
    } catch (e) {
      message.error(e instanceof Error ? pick(e.message) : String(e));
    }
  };
  return (
    <Space wrap size={[4, 8]}>
      {account.roles.map((g) => {
        const unit = units.get(g.unit_id)?.name ?? `#${g.unit_id}`;
        return (
          <Tag
            key={`${g.role}-${g.unit_id}`}
            color="red"
            style={{ fontSize: 15, padding: '4px 8px', whiteSpace: 'normal', marginInlineEnd: 0 }} data-testid="account-role">
            {t(`role.${g.role}`)} — {unit}
            <Popconfirm
              title={t('accounts.revokeConfirm', { role: t(`role.${g.role}`), unit })}
              okText={t('accounts.revoke')}
              cancelText={t('common.cancel')}
              onConfirm={() => revoke(g)}
            >
              <Button
                type="link"
                size="small"
                aria-label={`${t('accounts.revoke')}: ${t(`role.${g.role}`)} — ${unit}`}
                style={{ color: 'inherit', height: 'auto', padding: '0 0 0 6px' }}
              >
                ✕
              </Button>
            </Popconfirm>
          </Tag>
        );
      })}
    </Space>
  );
}

// A unit chosen by searching names and codes (without diacritics too: the API's search).
function UnitPicker({ value, onChange, testId }: { value?: number; onChange?: (v: number) => void; testId: string }) {
  const { t } = useI18n();
  const [options, setOptions] = useState<{ value: number; label: string }[]>([]);
  const seq = useRef(0);
  const find = async (q: string) => {
    const mine = ++seq.current;
    const page = await api.units({ q: q || undefined, page_size: 20 }).catch(() => null);
    if (page && mine === seq.current)
      setOptions(page.items.map((u) => ({ value: u.id, label: `${u.name} (${u.code})` })));
  };
  // A value set from outside (the person's unit) is shown by name, not by its id.
  useEffect(() => {
    if (value === undefined || options.some((o) => o.value === value)) return;
    let cancelled = false;
    api
      .unit(value)
      .then((u) => !cancelled && setOptions((o) => [{ value: u.id, label: `${u.name} (${u.code})` }, ...o]))
      .catch(() => undefined);
    return () => {
      cancelled = true;
    };
  }, [value, options]);
  return (
    <Select
      showSearch={{ filterOption: false, onSearch: find }}
      value={value}
      onChange={onChange}
      onFocus={() => options.length === 0 && find('')}
      options={options}
      placeholder={t('accounts.unitSearch')}
      notFoundContent={t('accounts.noMatch')}
      data-testid={testId}
    />
  );
}

function PersonPicker({
  value,
  onChange,
  onPerson,
}: {
  value?: number;
  onChange?: (v: number) => void;
  onPerson: (name: string, unitId: number | null) => void;
}) {
  const { t } = useI18n();
  const [people, setPeople] = useState<{ id: number; full_name: string; unit_id: number | null }[]>([]);
  const seq = useRef(0);
  const find = async (q: string) => {
    if (q.trim().length < 2) return;
    const mine = ++seq.current;
    const page = await api.people({ q, page_size: 20 }).catch(() => null);
    if (page && mine === seq.current) setPeople(page.items);
  };
  return (
    <Select
      showSearch={{ filterOption: false, onSearch: find }}
      value={value}
      allowClear
      onChange={(id) => {
        onChange?.(id);
        const p = people.find((x) => x.id === id);
        if (p) onPerson(p.full_name, p.unit_id);
      }}
      options={people.map((p) => ({ value: p.id, label: p.full_name }))}
      placeholder={t('accounts.personSearch')}
      notFoundContent={t('accounts.noMatch')}
      data-testid="account-person"
    />
  );
}

interface CreateValues {
  person_id?: number;
  username: string;
  display_name: string;
  password: string;
  home_unit_id: number;
  role?: Role;
}

const CREATE_FIELDS = ['person_id', 'username', 'display_name', 'password', 'home_unit_id', 'role'];

function CreateAccount({ onDone }: { unitId?: number; onDone: () => void }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm<CreateValues>();
  const [busy, setBusy] = useState(false);
  // roles[0].role / roles[0].unit_id name the first (only) role, given with the home unit.
  const fieldOf = useMemo(
    () =>
      (path: string): FieldName | null => {
        const p = path.replace(/^body\./, '');
        if (p.startsWith('roles[0].role') || p === 'roles') return 'role';
        if (p.startsWith('roles[0].unit_id')) return 'home_unit_id';
        return CREATE_FIELDS.includes(p) ? p : null;
      },
    [],
  );
  const errors = useApiFieldErrors(form, fieldOf);
  const submit = async (v: CreateValues) => {
    setBusy(true);
    errors.clear();
    try {
      const created = await accountsApi.create({
        username: v.username.trim(),
        display_name: v.display_name.trim(),
        password: v.password,
        home_unit_id: v.home_unit_id,
        person_id: v.person_id ?? null,
        roles: v.role ? [{ role: v.role, unit_id: v.home_unit_id }] : [],
      });
      message.success(t('accounts.created', { username: created.username }));
      onDone();
    } catch (e) {
      errors.report(e);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Card title={<h2 className="card-title">{t('accounts.create')}</h2>} className="form-narrow" data-testid="account-form">
      {errors.alert}
      <Form<CreateValues> form={form} layout="vertical" size="large" disabled={busy} onFinish={submit}>
        <Form.Item label={t('accounts.person')} name="person_id" extra={t('accounts.personHelp')}>
          <PersonPicker
            onPerson={(name, unit) => {
              if (!form.getFieldValue('display_name')) form.setFieldValue('display_name', name);
              if (unit && !form.getFieldValue('home_unit_id')) form.setFieldValue('home_unit_id', unit);
            }}
          />
        </Form.Item>
        <Form.Item
          label={t('accounts.username')}
          name="username"
          rules={[{ required: true, whitespace: true, message: t('problem.required') }]}
        >
          <Input autoComplete="off" spellCheck={false} data-testid="account-username-input" />
        </Form.Item>
        <Form.Item
          label={t('accounts.displayName')}
          name="display_name"
          rules={[{ required: true, whitespace: true, message: t('problem.required') }]}
        >
          <Input data-testid="account-display-name" />
        </Form.Item>
        <Form.Item
          label={t('accounts.password')}
          name="password"
          extra={t('accounts.passwordHelp')}
          rules={[{ required: true, message: t('problem.required') }]}
        >
          <Input.Password autoComplete="new-password" data-testid="account-password" />
        </Form.Item>
        <Form.Item
          label={t('accounts.homeUnit')}
          name="home_unit_id"
          extra={t('accounts.homeUnitHelp')}
          rules={[{ required: true, message: t('problem.required') }]}
        >
          <UnitPicker testId="account-home-unit" />
        </Form.Item>
        <Form.Item label={t('accounts.firstRole')} name="role" extra={t('accounts.firstRoleHelp')}>
          <Select allowClear options={ROLES.map((r) => ({ value: r, label: t(`role.${r}`) }))} data-testid="account-role-select" />
        </Form.Item>
        <Space wrap>
          <Button type="primary" htmlType="submit" loading={busy} data-testid="account-submit">
            {t('accounts.createSubmit')}
          </Button>
          <Button onClick={onDone}>{t('common.cancel')}</Button>
        </Space>
      </Form>
    </Card>
  );
}

function GrantRole({ account, onClose }: { account: Account; onClose: (changed: boolean) => void }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ role: Role; unit_id: number }>();
  const [busy, setBusy] = useState(false);
  const errors = useApiFieldErrors(form, ['role', 'unit_id']);
  const submit = async (v: { role: Role; unit_id: number }) => {
    setBusy(true);
    errors.clear();
    try {
      await accountsApi.grant(account.id, v.role, v.unit_id);
      message.success(t('accounts.granted'));
      onClose(true);
    } catch (e) {
      errors.report(e);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Modal
      open
      title={t('accounts.grantTitle', { username: account.username })}
      onCancel={() => onClose(false)}
      footer={null}
      destroyOnHidden
    >
      {errors.alert}
      <Form form={form} layout="vertical" size="large" disabled={busy} onFinish={submit} data-testid="grant-form">
        <Form.Item label={t('accounts.role')} name="role" rules={[{ required: true, message: t('problem.required') }]}>
          <Select options={ROLES.map((r) => ({ value: r, label: t(`role.${r}`) }))} data-testid="grant-role" />
        </Form.Item>
        <Form.Item
          label={t('accounts.onUnit')}
          name="unit_id"
          extra={t('accounts.onUnitHelp')}
          rules={[{ required: true, message: t('problem.required') }]}
        >
          <UnitPicker testId="grant-unit" />
        </Form.Item>
        <Space wrap>
          <Button type="primary" htmlType="submit" loading={busy} data-testid="grant-submit">
            {t('accounts.grant')}
          </Button>
          <Button onClick={() => onClose(false)}>{t('common.cancel')}</Button>
        </Space>
      </Form>
    </Modal>
  );
}

function ResetPassword({ account, onClose }: { account: Account; onClose: () => void }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ password: string }>();
  const [busy, setBusy] = useState(false);
  const errors = useApiFieldErrors(form, ['password']);
  const submit = async (v: { password: string }) => {
    setBusy(true);
    errors.clear();
    try {
      await accountsApi.setPassword(account.id, v.password);
      message.success(t('accounts.passwordSet', { username: account.username }));
      onClose();
    } catch (e) {
      errors.report(e);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Modal open title={t('accounts.resetTitle', { username: account.username })} onCancel={onClose} footer={null} destroyOnHidden>
      {errors.alert}
      <Form form={form} layout="vertical" size="large" disabled={busy} onFinish={submit}>
        <Form.Item
          label={t('accounts.newPassword')}
          name="password"
          extra={t('accounts.resetHelp')}
          rules={[{ required: true, message: t('problem.required') }]}
        >
          <Input.Password autoComplete="new-password" data-testid="reset-password" />
        </Form.Item>
        <Space wrap>
          <Button type="primary" htmlType="submit" loading={busy} data-testid="reset-submit">
            {t('accounts.resetPassword')}
          </Button>
          <Button onClick={onClose}>{t('common.cancel')}</Button>
        </Space>
      </Form>
    </Modal>
  );
}
