// Convene a cell's review meeting (/meetings/new?cycle=&unit=): date (the cell's meeting deadline by default),
// place, chair and secretary picked from the cell's members, the default vote method. The server fills the
// attendance from the roster; when the cell already has its meeting in the cycle the page goes there instead.
import { App, Form, Input, Radio, Select } from 'antd';
import { Navigate, useNavigate, useSearchParams } from 'react-router';
import { api } from '../api/client';
import { meetingApi, type VoteMethod } from '../api/meeting';
import { DateField } from '../components/date_field';
import { FormPage, useFormPage } from '../components/form_page';
import { Show, useLoad } from '../components/load';
import '../components/meeting/meeting.css';
import { nameSearch } from '../components/meeting/people';
import { useI18n } from '../i18n/i18n';
import { levelOf } from '../review';
import { useSession } from '../session/session';
import type { Cycle, Person, Unit } from '../api/types';

interface Values {
  date?: string;
  place?: string;
  chair_id?: number;
  secretary_id?: number;
  vote_method: VoteMethod;
}

export function MeetingNewPage() {
  const [search] = useSearchParams();
  const cycleId = Number(search.get('cycle'));
  const unitId = Number(search.get('unit'));
  const loaded = useLoad(async () => {
    const [cycle, unit, people, existing] = await Promise.all([
      api.cycle(cycleId),
      api.unit(unitId),
      api.people({ unit_id: unitId, page_size: 500 }),
      meetingApi.list({ cycle_id: cycleId, unit_id: unitId }),
    ]);
    return { cycle, unit, people: people.items, existing: existing.items.find((m) => m.unit_id === unitId) ?? null };
  }, [cycleId, unitId]);
  return (
    <Show loaded={loaded}>
      {(d) =>
        d.existing ? (
          <Navigate to={`/meetings/${d.existing.id}`} replace />
        ) : (
          <MeetingForm cycle={d.cycle} unit={d.unit} people={d.people} />
        )
      }
    </Show>
  );
}

function MeetingForm({ cycle, unit, people }: { cycle: Cycle; unit: Unit; people: Person[] }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const { account } = useSession();
  const navigate = useNavigate();
  const page = useFormPage<Values>(['date', 'place', 'chair_id', 'secretary_id', 'vote_method']);
  const due = cycle.calendar.find((c) => c.level === levelOf(unit.kind))?.meeting;
  const options = people.map((p) => ({ value: p.id, label: p.full_name }));
  const me = people.find((p) => p.id === account?.person_id);
  const personPick = (testId: string) => (
    <Select showSearch={nameSearch} options={options} data-testid={testId} style={{ maxWidth: 420 }} />
  );

  const send = async (v: Values) => {
    const m = await meetingApi.create({
      cycle_id: cycle.id,
      unit_id: unit.id,
      date: v.date ?? '',
      place: (v.place ?? '').trim(),
      chair_id: v.chair_id ?? 0,
      secretary_id: v.secretary_id ?? 0,
      vote_method: v.vote_method,
    });
    message.success(t('meeting.created'));
    navigate(`/meetings/${m.id}`);
  };

  return (
    <FormPage
      page={page}
      wide
      title={t('meeting.newTitle')}
      intro={
        <>
          <strong data-testid="meeting-unit">{unit.name}</strong>
          <br />
          {t('meeting.newHelp')}
        </>
      }
      submitLabel={t('meeting.create')}
      submitTestId="meeting-create"
      cancel={false}
      onFinish={page.submit(send)}
      initialValues={{ date: due, chair_id: me?.id, vote_method: 'show_of_hands' }}
    >
      <Form.Item name="date" label={t('meeting.date')} rules={[{ required: true, message: t('meeting.dateRequired') }]}>
        <DateField />
      </Form.Item>
      <Form.Item
        name="place"
        label={t('meeting.place')}
        rules={[{ required: true, whitespace: true, message: t('meeting.placeRequired') }]}
      >
        <Input maxLength={200} data-testid="meeting-place" />
      </Form.Item>
      <Form.Item name="chair_id" label={t('meeting.chair')} rules={[{ required: true, message: t('meeting.pickPerson') }]}>
        {personPick('meeting-chair')}
      </Form.Item>
      <Form.Item
        name="secretary_id"
        label={t('meeting.secretary')}
        rules={[{ required: true, message: t('meeting.pickPerson') }]}
      >
        {personPick('meeting-secretary')}
      </Form.Item>
      <Form.Item name="vote_method" label={t('meeting.defaultMethod')} help={t('meeting.defaultMethodHelp')}>
        <Radio.Group
          optionType="button"
          buttonStyle="solid"
          className="choice-group"
          options={[
            { value: 'show_of_hands', label: t('meeting.method.show_of_hands') },
            { value: 'secret_ballot', label: t('meeting.method.secret_ballot') },
          ]}
        />
      </Form.Item>
    </FormPage>
  );
}
