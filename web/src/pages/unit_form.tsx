// Create a unit under a parent (/units/new?parent_id=) or rename / recode one (/units/:id/edit). The server
// checks everything (kind allowed under the parent, unique code, dates); its problems appear beside the fields.
import { App, Form, Input, Select, Typography } from 'antd';
import type { ReactNode } from 'react';
import { useNavigate, useParams, useSearchParams } from 'react-router';
import { api } from '../api/client';
import { UNIT_KINDS, type Unit } from '../api/types';
import { DateField } from '../components/date_field';
import { FormPage, useFormPage } from '../components/form_page';
import { Show, useLoad } from '../components/load';
import { useI18n } from '../i18n/i18n';

const FIELDS = ['kind', 'name', 'code', 'parent_id', 'established_on'];

interface Values {
  kind: string;
  name: string;
  code: string;
  established_on?: string;
}

export function UnitFormPage() {
  const params = useParams();
  const [search] = useSearchParams();
  const editId = params.id ? Number(params.id) : null;
  const parentId = search.get('parent_id') ? Number(search.get('parent_id')) : null;
  const loaded = useLoad(async () => {
    const unit = editId ? await api.unit(editId) : null;
    const parentOf = unit ? unit.parent_id : parentId;
    const parent = parentOf ? await api.unit(parentOf) : null;
    return { unit, parent };
  }, [editId, parentId]);
  return <Show loaded={loaded}>{({ unit, parent }) => <UnitForm unit={unit} parent={parent} />}</Show>;
}

function UnitForm({ unit, parent }: { unit: Unit | null; parent: Unit | null }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const page = useFormPage<Values>(FIELDS);

  const send = async (values: Values) => {
    const saved = unit
      ? await api.updateUnit(unit.id, { version: unit.version, name: values.name, code: values.code })
      : await api.createUnit({
          kind: values.kind,
          name: values.name,
          code: values.code,
          parent_id: parent?.id ?? null,
          established_on: values.established_on || undefined,
        });
    message.success(unit ? t('common.saved') : t('unit.created', { name: saved.name }));
    navigate(`/units/${saved.id}`);
  };

  return (
    <FormPage
      page={page}
      title={unit ? t('unit.editTitle') : t('unit.createTitle')}
      submitLabel={t('common.save')}
      onFinish={page.submit(send)}
      initialValues={unit ? { kind: unit.kind, name: unit.name, code: unit.code } : { kind: 'cell' }}
    >
      <Form.Item label={t('unit.parent')} name="parent_id">
        <Fixed>{parent ? `${parent.name} (${parent.code})` : t('common.none')}</Fixed>
      </Form.Item>
      <Form.Item label={t('unit.kind')} name="kind" rules={[{ required: true, message: t('problem.required') }]}>
        <Select
          disabled={!!unit}
          options={UNIT_KINDS.map((k) => ({ value: k, label: t(`kind.${k}`) }))}
          data-testid="unit-kind"
        />
      </Form.Item>
      <Form.Item
        label={t('unit.name')}
        name="name"
        rules={[{ required: true, whitespace: true, message: t('problem.required') }]}
      >
        <Input data-testid="unit-name-input" />
      </Form.Item>
      <Form.Item
        label={t('unit.code')}
        name="code"
        rules={[{ required: true, whitespace: true, message: t('problem.required') }]}
      >
        <Input data-testid="unit-code-input" spellCheck={false} />
      </Form.Item>
      {!unit && (
        <Form.Item label={t('unit.established')} name="established_on">
          <DateField />
        </Form.Item>
      )}
    </FormPage>
  );
}

// A read-only value inside a Form.Item, so that the API's problems about it (parent_id) appear beside it.
function Fixed({ children }: { children: ReactNode; value?: unknown }) {
  return <Typography.Text strong>{children}</Typography.Text>;
}
