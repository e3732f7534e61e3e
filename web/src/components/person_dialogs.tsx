// The dialogs of a member's page (components/person_actions.tsx opens them; loaded only when one is opened): move to
// another cell, add a post, end a post. Each is confirmed in plain words first.
import { App, Checkbox, Form, Input, Select } from 'antd';
import { useState } from 'react';
import { api } from '../api/client';
import { useApiFieldErrors } from '../api/field_errors';
import { CELL_KINDS, orgApi, today } from '../api/org';
import type { PersonDetail, Post, Unit } from '../api/types';
import { formatDate } from '../format';
import { useI18n } from '../i18n/i18n';
import { ActionModal } from './action_modal';
import { DateField } from './date_field';
import { useLoad } from './load';
import { UnitPicker } from './unit_picker';

const named = (u: { name: string }) => `«${u.name}»`;

export type PersonDialogProps = {
  person: PersonDetail;
  onClose: () => void;
  onDone: () => void;
} & ({ kind: 'move' | 'addPost' } | { kind: 'endPost'; post: Post });

export function PersonDialog(props: PersonDialogProps) {
  if (props.kind === 'endPost') return <EndPostDialog {...props} />;
  return props.kind === 'move' ? <PersonMoveDialog {...props} /> : <AddPostDialog {...props} />;
}

interface MoveValues {
  unit_id: number;
  effective: string;
}

function PersonMoveDialog({ person, onClose, onDone }: { person: PersonDetail; onClose: () => void; onDone: () => void }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm<MoveValues>();
  const errors = useApiFieldErrors(form, ['unit_id', 'effective']);
  const [cell, setCell] = useState<Unit | null>(null);
  const current = person.memberships.find((m) => m.valid_to === null);
  return (
    <ActionModal<MoveValues>
      title={t('org.personMoveTitle', { name: person.full_name })}
      form={form}
      errors={errors}
      initialValues={{ effective: today() }}
      testId="person-move-dialog"
      confirmText={t('org.personMoveConfirm')}
      onClose={onClose}
      review={async (v) =>
        t('org.personMoveSummary', {
          name: named({ name: person.full_name }),
          from: current ? named({ name: current.unit_name }) : t('common.none'),
          to: cell ? named(cell) : String(v.unit_id),
          date: formatDate(v.effective),
        })
      }
      perform={async (v) => {
        await orgApi.movePerson(person.id, { unit_id: v.unit_id, effective: v.effective, version: person.version });
        message.success(t('org.personMoved', { name: person.full_name }));
        onDone();
      }}
    >
      <Form.Item label={t('org.newCell')} name="unit_id" rules={[{ required: true, message: t('problem.required') }]}>
        <UnitPicker
          kinds={CELL_KINDS}
          exclude={person.unit_id ? [person.unit_id] : []}
          onUnits={(u) => setCell(u[0] ?? null)}
          testId="person-move-cell"
        />
      </Form.Item>
      <Form.Item
        label={t('org.effective')}
        name="effective"
        rules={[{ required: true, message: t('problem.required') }]}
        extra={t('org.effectiveHelp')}
      >
        <DateField />
      </Form.Item>
    </ActionModal>
  );
}

interface PostValues {
  unit_id: number;
  title: string;
  is_head: boolean;
  is_leadership: boolean;
  collective_id?: number | null;
  valid_from: string;
}

function AddPostDialog({ person, onClose, onDone }: { person: PersonDetail; onClose: () => void; onDone: () => void }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm<PostValues>();
  const errors = useApiFieldErrors(form, ['unit_id', 'title', 'is_head', 'is_leadership', 'collective_id', 'valid_from']);
  const [unit, setUnit] = useState<Unit | null>(null);
  const unitId = Form.useWatch('unit_id', form);
  const collectives = useLoad(
    () => (unitId ? api.collectives(unitId).then((c) => c.items) : Promise.resolve([])),
    [unitId],
  );
  return (
    <ActionModal<PostValues>
      title={t('org.postAddTitle', { name: person.full_name })}
      form={form}
      errors={errors}
      initialValues={{ unit_id: person.unit_id ?? undefined, is_head: false, is_leadership: true, valid_from: today() }}
      testId="post-add-dialog"
      confirmText={t('org.postAddConfirm')}
      onClose={onClose}
      review={async (v) => {
        const where = unit ?? (await api.unit(v.unit_id));
        return t('org.postAddSummary', {
          name: named({ name: person.full_name }),
          title: v.title,
          unit: named(where),
          date: formatDate(v.valid_from),
        });
      }}
      perform={async (v) => {
        await orgApi.addPost(person.id, {
          unit_id: v.unit_id,
          title: v.title,
          is_head: v.is_head,
          is_leadership: v.is_leadership,
          collective_id: v.collective_id ?? null,
          valid_from: v.valid_from,
        });
        message.success(t('org.postAdded', { title: v.title }));
        onDone();
      }}
    >
      <Form.Item label={t('org.postUnit')} name="unit_id" rules={[{ required: true, message: t('problem.required') }]}>
        <UnitPicker onUnits={(u) => setUnit(u[0] ?? null)} testId="post-unit" />
      </Form.Item>
      <Form.Item
        label={t('person.title')}
        name="title"
        rules={[{ required: true, whitespace: true, message: t('problem.required') }]}
        extra={t('org.postTitleHelp')}
      >
        <Input data-testid="post-title-input" />
      </Form.Item>
      <Form.Item label={t('org.postCollective')} name="collective_id">
        <Select
          allowClear
          options={(collectives.data ?? []).map((c) => ({ value: c.id, label: c.name }))}
          placeholder={t('common.none')}
          data-testid="post-collective"
        />
      </Form.Item>
      <Form.Item name="is_head" valuePropName="checked" style={{ marginBottom: 8 }}>
        <Checkbox data-testid="post-is-head">{t('org.postIsHead')}</Checkbox>
      </Form.Item>
      <Form.Item name="is_leadership" valuePropName="checked">
        <Checkbox data-testid="post-is-leadership">{t('org.postIsLeadership')}</Checkbox>
      </Form.Item>
      <Form.Item label={t('person.from')} name="valid_from" rules={[{ required: true, message: t('problem.required') }]}>
        <DateField />
      </Form.Item>
    </ActionModal>
  );
}

function EndPostDialog({
  person,
  post,
  onClose,
  onDone,
}: {
  person: PersonDetail;
  post: Post;
  onClose: () => void;
  onDone: () => void;
}) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ valid_to: string }>();
  const errors = useApiFieldErrors(form, ['valid_to']);
  return (
    <ActionModal<{ valid_to: string }>
      title={t('org.postEndTitle', { title: post.title })}
      form={form}
      errors={errors}
      initialValues={{ valid_to: today() }}
      testId="post-end-dialog"
      confirmText={t('org.postEndConfirm')}
      onClose={onClose}
      review={async (v) =>
        t('org.postEndSummary', {
          name: named({ name: person.full_name }),
          title: post.title,
          date: formatDate(v.valid_to),
        })
      }
      perform={async (v) => {
        await orgApi.updatePost(post.id, { version: post.version, valid_to: v.valid_to });
        message.success(t('org.postEnded', { title: post.title }));
        onDone();
      }}
    >
      <Form.Item label={t('org.postEndOn')} name="valid_to" rules={[{ required: true, message: t('problem.required') }]}>
        <DateField />
      </Form.Item>
    </ActionModal>
  );
}
