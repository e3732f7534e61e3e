// The restructuring dialogs of a unit (components/unit_actions.tsx opens them; loaded only when one is opened, so
// the unit page stays light for everyone else): move under another parent, merge, split.
import { App, Button, Form, Input, Modal, Radio, Select, Space, Table, Typography } from 'antd';
import { useState } from 'react';
import { useNavigate } from 'react-router';
import { api } from '../api/client';
import { useApiFieldErrors, type FieldName } from '../api/field_errors';
import { ALLOWED_PARENTS, CELL_KINDS, orgApi, subtreeCounts, today, type SplitPart } from '../api/org';
import type { Person, TreeNode, Unit } from '../api/types';
import { formatDate } from '../format';
import { useI18n } from '../i18n/i18n';
import { ActionModal } from './action_modal';
import { DateField } from './date_field';
import { Show, useLoad } from './load';
import { UnitPicker } from './unit_picker';

export type UnitDialogKind = 'move' | 'merge' | 'split';

export function UnitDialog({ kind, unit, onClose }: { kind: UnitDialogKind; unit: Unit; onClose: () => void }) {
  if (kind === 'move') return <MoveDialog unit={unit} onClose={onClose} />;
  if (kind === 'merge') return <MergeDialog unit={unit} onClose={onClose} />;
  return <SplitDialog unit={unit} onClose={onClose} />;
}

const required = (t: (k: 'problem.required') => string) => [{ required: true, message: t('problem.required') }];

// "Chi bộ A (CB-A)" for a confirmation sentence.
const named = (u: { name: string }) => `«${u.name}»`;

interface MoveValues {
  parent_id: number;
  effective: string;
}

function MoveDialog({ unit, onClose }: { unit: Unit; onClose: () => void }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const [form] = Form.useForm<MoveValues>();
  const errors = useApiFieldErrors(form, ['parent_id', 'effective']);
  const [parent, setParent] = useState<Unit | null>(null);
  return (
    <ActionModal<MoveValues>
      title={t('org.moveTitle', { name: unit.name })}
      form={form}
      errors={errors}
      initialValues={{ effective: today() }}
      testId="move-dialog"
      confirmText={t('org.moveConfirm')}
      onClose={onClose}
      review={async (v) => {
        const [counts, from] = await Promise.all([
          subtreeCounts(unit.id),
          unit.parent_id ? api.unit(unit.parent_id) : Promise.resolve(null),
        ]);
        return t('org.moveSummary', {
          unit: named(unit),
          units: counts.units,
          members: counts.members,
          from: from ? named(from) : t('common.none'),
          to: parent ? named(parent) : String(v.parent_id),
          date: formatDate(v.effective),
        });
      }}
      perform={async (v) => {
        await orgApi.moveUnit(unit.id, { parent_id: v.parent_id, effective: v.effective, version: unit.version });
        onClose();
        message.success(t('org.moved', { name: unit.name }));
        navigate(`/units/${v.parent_id}`);
      }}
    >
      <Form.Item label={t('org.newParent')} name="parent_id" rules={required(t)} extra={t('org.newParentHelp')}>
        <UnitPicker
          kinds={ALLOWED_PARENTS[unit.kind]}
          exclude={[unit.id, ...(unit.parent_id ? [unit.parent_id] : [])]}
          onUnits={(u) => setParent(u[0] ?? null)}
          testId="move-parent"
        />
      </Form.Item>
      <Form.Item label={t('org.effective')} name="effective" rules={required(t)} extra={t('org.effectiveHelp')}>
        <DateField />
      </Form.Item>
    </ActionModal>
  );
}

interface MergeValues {
  others: number[];
  target: 'existing' | 'new';
  into?: number;
  new_name?: string;
  new_code?: string;
  effective: string;
}

// The merge's problem paths → the dialog's fields ('sources[1]' is one of the units chosen to merge).
function mergeField(path: string): FieldName | null {
  const p = path.replace(/^body\./, '');
  if (p === 'sources' || p.startsWith('sources[')) return 'others';
  if (p === 'into') return 'into';
  if (p === 'new_unit.name') return 'new_name';
  if (p === 'new_unit.code') return 'new_code';
  if (p === 'effective') return 'effective';
  return null;
}

function MergeDialog({ unit, onClose }: { unit: Unit; onClose: () => void }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const [form] = Form.useForm<MergeValues>();
  const errors = useApiFieldErrors(form, mergeField);
  const [others, setOthers] = useState<Unit[]>([]);
  const target = Form.useWatch('target', form);
  const all = [unit, ...others];
  const sourcesOf = (v: MergeValues) =>
    v.target === 'existing' ? all.filter((u) => u.id !== v.into) : all;
  return (
    <ActionModal<MergeValues>
      title={t('org.mergeTitle', { name: unit.name })}
      form={form}
      errors={errors}
      initialValues={{ target: 'existing', into: unit.id, effective: today(), others: [] }}
      testId="merge-dialog"
      confirmText={t('org.mergeConfirm')}
      onClose={onClose}
      review={async (v) => {
        const sources = sourcesOf(v);
        const counts = await Promise.all(sources.map((s) => subtreeCounts(s.id)));
        const into = v.target === 'existing' ? all.find((u) => u.id === v.into) : null;
        return t('org.mergeSummary', {
          sources: sources.map(named).join(', '),
          count: sources.length,
          target: into ? named(into) : t('org.newUnitNamed', { name: v.new_name ?? '' }),
          units: counts.reduce((n, c) => n + c.children, 0),
          members: counts.reduce((n, c) => n + c.members, 0),
          date: formatDate(v.effective),
        });
      }}
      perform={async (v) => {
        const result = await orgApi.mergeUnits({
          sources: sourcesOf(v).map((u) => u.id),
          ...(v.target === 'existing'
            ? { into: v.into }
            : {
                new_unit: {
                  kind: unit.kind,
                  name: v.new_name ?? '',
                  code: v.new_code ?? '',
                  parent_id: unit.parent_id ?? 0,
                },
              }),
          effective: v.effective,
        });
        onClose();
        // Merged into this very unit: its page reads everything afresh (the members moved in, the units below).
        if (result.unit.id === unit.id) window.location.reload();
        else {
          message.success(t('org.merged', { name: result.unit.name, members: result.moved_members }));
          navigate(`/units/${result.unit.id}`);
        }
      }}
    >
      <Form.Item label={t('org.mergeOthers')} name="others" rules={required(t)} extra={t('org.mergeOthersHelp')}>
        <UnitPicker kinds={[unit.kind]} exclude={[unit.id]} multiple onUnits={setOthers} testId="merge-others" />
      </Form.Item>
      <Form.Item label={t('org.mergeTarget')} name="target">
        <Radio.Group
          options={[
            { value: 'existing', label: t('org.mergeIntoExisting') },
            { value: 'new', label: t('org.mergeIntoNew') },
          ]}
          data-testid="merge-target"
        />
      </Form.Item>
      {target !== 'new' ? (
        <Form.Item label={t('org.mergeInto')} name="into" rules={required(t)}>
          <Select
            options={all.map((u) => ({ value: u.id, label: `${u.name} (${u.code})`, title: u.name }))}
            data-testid="merge-into"
          />
        </Form.Item>
      ) : (
        <>
          <Form.Item
            label={t('org.newUnitName')}
            name="new_name"
            rules={[{ required: true, whitespace: true, message: t('problem.required') }]}
            extra={t('org.newUnitHelp', { kind: t(`kind.${unit.kind}`) })}
          >
            <Input data-testid="merge-new-name" />
          </Form.Item>
          <Form.Item
            label={t('unit.code')}
            name="new_code"
            rules={[{ required: true, whitespace: true, message: t('problem.required') }]}
          >
            <Input spellCheck={false} data-testid="merge-new-code" />
          </Form.Item>
        </>
      )}
      <Form.Item label={t('org.effective')} name="effective" rules={required(t)}>
        <DateField />
      </Form.Item>
    </ActionModal>
  );
}

interface SplitValues {
  parts: { name: string; code: string }[];
  // The part (index) each current subunit / member goes to, keyed u<id> / m<id>.
  assign: Record<string, number>;
  effective: string;
  whole?: unknown;
}

function SplitDialog({ unit, onClose }: { unit: Unit; onClose: () => void }) {
  const { t } = useI18n();
  // What the unit holds today: its direct subunits and its members (a cell has tens; 500 is the API's page).
  const contents = useLoad(
    () =>
      Promise.all([orgApi.tree(unit.id, { depth: 1 }), api.people({ unit_id: unit.id, page_size: 500 })]).then(
        ([tree, people]) => ({
          units: tree.unit.children ?? [],
          members: CELL_KINDS.includes(unit.kind) ? people.items : [],
        }),
      ),
    [unit.id],
  );
  if (!contents.data)
    return (
      <Modal open title={t('org.splitTitle', { name: unit.name })} onCancel={onClose} footer={null}>
        <Show loaded={contents}>{() => null}</Show>
      </Modal>
    );
  return <SplitForm unit={unit} contents={contents.data} onClose={onClose} />;
}

function SplitForm({
  unit,
  contents,
  onClose,
}: {
  unit: Unit;
  contents: { units: TreeNode[]; members: Person[] };
  onClose: () => void;
}) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const [form] = Form.useForm<SplitValues>();
  const parts = Form.useWatch('parts', form) ?? [];
  // Paths name the part and the position in the body's lists; remembered at each send to find the row again.
  const [sent, setSent] = useState<SplitPart[]>([]);
  const errors = useApiFieldErrors(form, (path) => {
    const p = path.replace(/^body\./, '');
    if (p === 'parts') return 'whole';
    if (p === 'effective') return 'effective';
    const m = /^parts\[(\d+)\]\.(name|code|kind|units|members)(?:\[(\d+)\])?$/.exec(p);
    if (!m) return null;
    const i = Number(m[1]);
    if (m[2] === 'name' || m[2] === 'code') return ['parts', i, m[2]];
    if (m[2] === 'kind') return ['parts', i, 'name'];
    if (m[3] === undefined) return 'whole';
    const id = (m[2] === 'units' ? sent[i]?.units : sent[i]?.members)?.[Number(m[3])];
    return id === undefined ? 'whole' : ['assign', `${m[2] === 'units' ? 'u' : 'm'}${id}`];
  });
  const initialAssign: Record<string, number> = {};
  for (const u of contents.units) initialAssign[`u${u.id}`] = 0;
  for (const p of contents.members) initialAssign[`m${p.id}`] = 0;

  const body = (v: SplitValues): SplitPart[] =>
    (v.parts ?? []).map((p, i) => ({
      name: p?.name ?? '',
      code: p?.code ?? '',
      units: contents.units.filter((u) => v.assign?.[`u${u.id}`] === i).map((u) => u.id),
      members: contents.members.filter((m) => v.assign?.[`m${m.id}`] === i).map((m) => m.id),
    }));
  const partOptions = parts.map((p, i) => ({
    value: i,
    label: p?.name?.trim() ? p.name : t('org.partN', { n: i + 1 }),
  }));
  const assignColumn = (prefix: 'u' | 'm') => ({
    title: t('org.goesTo'),
    key: 'part',
    width: 260,
    render: (_: unknown, row: { id: number }) => (
      <Form.Item name={['assign', `${prefix}${row.id}`]} style={{ margin: 0 }}>
        <Select options={partOptions} aria-label={t('org.goesTo')} data-testid={`assign-${prefix}${row.id}`} />
      </Form.Item>
    ),
  });

  return (
    <ActionModal<SplitValues>
      title={t('org.splitTitle', { name: unit.name })}
      form={form}
      errors={errors}
      initialValues={{ parts: [{ name: '', code: '' }, { name: '', code: '' }], assign: initialAssign, effective: today() }}
      testId="split-dialog"
      confirmText={t('org.splitConfirm')}
      onClose={onClose}
      review={async (v) => {
        const b = body(v);
        return (
          <>
            <Typography.Paragraph>
              {t('org.splitSummary', { unit: named(unit), count: b.length, date: formatDate(v.effective) })}
            </Typography.Paragraph>
            <ul>
              {b.map((p, i) => (
                <li key={i}>
                  {t('org.splitPartSummary', {
                    name: named(p),
                    code: p.code,
                    units: p.units.length,
                    members: p.members.length,
                  })}
                </li>
              ))}
            </ul>
          </>
        );
      }}
      perform={async (v) => {
        const b = body(v);
        setSent(b);
        const result = await orgApi.splitUnit(unit.id, { parts: b, effective: v.effective });
        onClose();
        message.success(t('org.splitDone', { name: unit.name, count: result.parts.length }));
        navigate(unit.parent_id ? `/units/${unit.parent_id}` : `/units/${result.parts[0].id}`);
      }}
    >
      <Form.List name="parts">
        {(fields, { add, remove }) => (
          <>
            {fields.map((field, i) => (
              <Space key={field.key} align="start" wrap className="split-part" data-testid={`part-${i}`}>
                <Form.Item
                  label={t('org.partName', { n: i + 1 })}
                  name={[field.name, 'name']}
                  rules={[{ required: true, whitespace: true, message: t('problem.required') }]}
                >
                  <Input data-testid={`part-${i}-name`} style={{ minWidth: 260 }} />
                </Form.Item>
                <Form.Item
                  label={t('unit.code')}
                  name={[field.name, 'code']}
                  rules={[{ required: true, whitespace: true, message: t('problem.required') }]}
                >
                  <Input spellCheck={false} data-testid={`part-${i}-code`} style={{ width: 160 }} />
                </Form.Item>
                <Form.Item label=" ">
                  <Button onClick={() => remove(field.name)} data-testid={`part-${i}-remove`}>
                    {t('org.removePart')}
                  </Button>
                </Form.Item>
              </Space>
            ))}
            <Form.Item>
              <Button onClick={() => add({ name: '', code: '' })} data-testid="part-add">
                {t('org.addPart')}
              </Button>
            </Form.Item>
          </>
        )}
      </Form.List>
      {/* Problems about the parts as a whole (fewer than two, someone not assigned) appear here. */}
      <Form.Item name="whole" style={{ marginBottom: 8 }}>
        <Fixed />
      </Form.Item>
      {contents.units.length > 0 && (
        <Table<TreeNode>
          rowKey="id"
          size="small"
          pagination={false}
          scroll={{ x: true }}
          title={() => <strong>{t('org.splitUnits')}</strong>}
          dataSource={contents.units}
          columns={[
            { title: t('unit.name'), dataIndex: 'name' },
            { title: t('unit.members'), dataIndex: 'members', align: 'right' },
            assignColumn('u'),
          ]}
          style={{ marginBottom: 16 }}
        />
      )}
      {contents.members.length > 0 && (
        <Table<Person>
          rowKey="id"
          size="small"
          pagination={false}
          scroll={{ x: true, y: 320 }}
          title={() => <strong>{t('org.splitMembers')}</strong>}
          dataSource={contents.members}
          columns={[{ title: t('person.fullName'), dataIndex: 'full_name' }, assignColumn('m')]}
          style={{ marginBottom: 16 }}
          data-testid="split-members"
        />
      )}
      <Form.Item label={t('org.effective')} name="effective" rules={required(t)}>
        <DateField />
      </Form.Item>
    </ActionModal>
  );
}

// An empty form control: it only carries the problems of its field.
function Fixed(_: { value?: unknown; onChange?: unknown }) {
  return null;
}
