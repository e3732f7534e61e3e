// Add a member to a cell (/people/new?unit_id=) or edit one (/people/:id/edit). The server validates (card number
// unique and 12 digits, dates in order, status); its problems appear beside the fields.
import { App, Checkbox, Form, Input, Select } from 'antd';
import { useNavigate, useParams, useSearchParams } from 'react-router';
import { api, type PersonInput } from '../api/client';
import { PERSON_STATUSES, type PersonDetail, type Unit } from '../api/types';
import { DateField } from '../components/date_field';
import { FormPage, useFormPage } from '../components/form_page';
import { Show, useLoad } from '../components/load';
import { useI18n } from '../i18n/i18n';

const FIELDS = [
  'full_name',
  'card_number',
  'gender',
  'birth_date',
  'admitted_on',
  'official_on',
  'status',
  'residence',
  'is_civil_servant',
  'unit_id',
  'joined_on',
];

type Values = Omit<PersonInput, 'unit_id'>;

export function PersonFormPage() {
  const params = useParams();
  const [search] = useSearchParams();
  const editId = params.id ? Number(params.id) : null;
  const unitId = search.get('unit_id') ? Number(search.get('unit_id')) : null;
  const loaded = useLoad(async () => {
    const person = editId ? await api.person(editId) : null;
    const unit = !person && unitId ? await api.unit(unitId) : null;
    return { person, unit };
  }, [editId, unitId]);
  return <Show loaded={loaded}>{({ person, unit }) => <PersonForm person={person} unit={unit} />}</Show>;
}

// Empty optional fields are left out on create and sent as null on edit (to clear them).
function clean(values: Values, forEdit: boolean): Values {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(values)) {
    if (v === undefined || v === '' || v === null) {
      if (forEdit) out[k] = null;
    } else out[k] = typeof v === 'string' ? v.trim() : v;
  }
  return out as Values;
}

function PersonForm({ person, unit }: { person: PersonDetail | null; unit: Unit | null }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const page = useFormPage<Values>(FIELDS);

  const send = async (values: Values) => {
    const saved = person
      ? await api.updatePerson(person.id, { ...clean(values, true), version: person.version })
      : await api.createPerson({ ...clean(values, false), unit_id: unit?.id });
    message.success(person ? t('common.saved') : t('person.created', { name: saved.full_name }));
    navigate(`/people/${saved.id}`);
  };

  const initial: Partial<Values> = person
    ? {
        full_name: person.full_name,
        card_number: person.card_number,
        gender: person.gender,
        birth_date: person.birth_date,
        admitted_on: person.admitted_on,
        official_on: person.official_on,
        status: person.status,
        residence: person.residence,
        is_civil_servant: person.is_civil_servant,
      }
    : { status: 'active', is_civil_servant: false };

  return (
    <FormPage
      page={page}
      title={person ? t('person.editTitle') : t('person.createTitle')}
      intro={
        !person && unit ? (
          <>
            {t('person.unit')}: <strong>{unit.name}</strong>
          </>
        ) : undefined
      }
      submitLabel={t('common.save')}
      onFinish={page.submit(send)}
      initialValues={initial}
    >
      <Form.Item
        label={t('person.fullName')}
        name="full_name"
        rules={[{ required: true, whitespace: true, message: t('problem.required') }]}
      >
        <Input autoComplete="off" data-testid="person-name-input" />
      </Form.Item>
      <Form.Item label={t('person.cardNumber')} name="card_number">
        <Input inputMode="numeric" autoComplete="off" data-testid="person-card-input" />
      </Form.Item>
      <Form.Item label={t('person.status')} name="status" rules={[{ required: true, message: t('problem.required') }]}>
        <Select options={PERSON_STATUSES.map((s) => ({ value: s, label: t(`status.${s}`) }))} />
      </Form.Item>
      <Form.Item label={t('person.gender')} name="gender">
        <Select
          allowClear
          options={[
            { value: 'male', label: t('gender.male') },
            { value: 'female', label: t('gender.female') },
          ]}
        />
      </Form.Item>
      <Form.Item label={t('person.birthDate')} name="birth_date">
        <DateField />
      </Form.Item>
      <Form.Item label={t('person.admittedOn')} name="admitted_on">
        <DateField />
      </Form.Item>
      <Form.Item label={t('person.officialOn')} name="official_on">
        <DateField />
      </Form.Item>
      {!person && (
        <Form.Item label={t('person.joinedOn')} name="joined_on">
          <DateField />
        </Form.Item>
      )}
      <Form.Item label={t('person.residence')} name="residence">
        <Input />
      </Form.Item>
      <Form.Item name="is_civil_servant" valuePropName="checked">
        <Checkbox>{t('person.civilServant')}</Checkbox>
      </Form.Item>
    </FormPage>
  );
}
