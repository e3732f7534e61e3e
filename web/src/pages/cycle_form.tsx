// Open a review cycle for a unit's subtree (/cycles/new?unit_id=): the year (or a quarter under 366), the ruleset
// (by year unless chosen), the complaint period and the calendar per level, prefilled with the defaults the server
// would use (43-HD, docs/workflow.md) so the opening level edits a starting point. The server checks everything.
import { App, Form, InputNumber, Radio, Select, Typography } from 'antd';
import { useState } from 'react';
import { useNavigate, useSearchParams } from 'react-router';
import { api } from '../api/client';
import type { FieldName } from '../api/field_errors';
import { LEVELS, STEPS, type CalendarEntry, type Unit } from '../api/types';
import { DateField } from '../components/date_field';
import { FormPage, useFormPage } from '../components/form_page';
import { Show, useLoad } from '../components/load';
import { useI18n } from '../i18n/i18n';
import { defaultCalendar, RULESETS, rulesetForYear } from '../review';

interface Values {
  year: number;
  quarter: number;
  ruleset: string; // '' = by year
  complaint_days: number;
  calendar: CalendarEntry[];
}

function fieldOf(path: string): FieldName | null {
  const m = /^calendar\[(\d+)\]\.(\w+)$/.exec(path);
  if (m) return ['calendar', Number(m[1]), m[2]];
  if (path === 'calendar') return '_calendar';
  return ['year', 'quarter', 'ruleset', 'complaint_days'].includes(path) ? path : null;
}

export function CycleFormPage() {
  const [search] = useSearchParams();
  const unitId = Number(search.get('unit_id'));
  const unit = useLoad(() => api.unit(unitId), [unitId]);
  return <Show loaded={unit}>{(u) => <CycleForm unit={u} />}</Show>;
}

function CycleForm({ unit }: { unit: Unit }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const page = useFormPage<Values>(fieldOf);
  const { form } = page;
  const [calendarEdited, setCalendarEdited] = useState(false);
  const year = Form.useWatch('year', form) as number | undefined;
  const ruleset = Form.useWatch('ruleset', form) as string | undefined;
  const byYear = year ? rulesetForYear(year) : null;
  const effective = ruleset || byYear;
  const thisYear = new Date().getFullYear();

  // The calendar follows the period until the user changes a date.
  const onValuesChange = (changed: Partial<Values>, all: Values) => {
    if (changed.calendar) setCalendarEdited(true);
    if ((changed.year !== undefined || changed.quarter !== undefined) && !calendarEdited && all.year >= 2000)
      form.setFieldsValue({ calendar: defaultCalendar(all.year, all.quarter ?? 0) });
    if (changed.ruleset !== undefined || changed.year !== undefined) {
      const eff = all.ruleset || (all.year ? rulesetForYear(all.year) : null);
      if (eff !== 'qd366-2025' && all.quarter) form.setFieldsValue({ quarter: 0 });
    }
  };

  const send = async (v: Values) => {
    const cycle = await api.openCycle({
      unit_id: unit.id,
      year: v.year,
      quarter: v.quarter || undefined,
      ruleset: v.ruleset || undefined,
      complaint_days: v.complaint_days,
      calendar: v.calendar,
    });
    message.success(t('cycleForm.opened'));
    navigate(`/cycles/${cycle.id}`);
  };

  return (
    <FormPage
      page={page}
      wide
      title={t('cycleForm.title')}
      intro={
        <>
          {t('cycleForm.unit')}: <strong data-testid="cycle-unit">{unit.name}</strong>
          <br />
          {t('cycleForm.help')}
        </>
      }
      submitLabel={t('cycleForm.submit')}
      onFinish={page.submit(send)}
      onValuesChange={onValuesChange}
      initialValues={{
        year: thisYear,
        quarter: 0,
        ruleset: '',
        complaint_days: 30,
        calendar: defaultCalendar(thisYear, 0),
      }}
    >
      <div className="inline-fields">
        <Form.Item label={t('cycleForm.year')} name="year" rules={[{ required: true, message: t('problem.required') }]}>
          <InputNumber min={2000} max={2100} precision={0} inputMode="numeric" data-testid="cycle-year" />
        </Form.Item>
        <Form.Item label={t('cycleForm.complaintDays')} name="complaint_days" extra={t('cycleForm.complaintHelp')}>
          <InputNumber min={1} max={90} precision={0} inputMode="numeric" data-testid="cycle-complaint-days" />
        </Form.Item>
      </div>
      <Form.Item label={t('cycle.ruleset')} name="ruleset">
        <Select
          data-testid="cycle-ruleset"
          style={{ maxWidth: 560 }}
          options={[
            {
              value: '',
              label: byYear
                ? t('cycleForm.rulesetByYear', { ruleset: t(`ruleset.${byYear}` as Parameters<typeof t>[0]) })
                : t('cycleForm.rulesetNone'),
            },
            ...RULESETS.map((r) => ({ value: r, label: t(`ruleset.${r}` as Parameters<typeof t>[0]) })),
          ]}
        />
      </Form.Item>
      <Form.Item label={t('cycleForm.period')} name="quarter">
        <Radio.Group
          className="choice-group"
          optionType="button"
          buttonStyle="solid"
          options={[0, 1, 2, 3].map((q) => ({
            value: q,
            label: q === 0 ? t('cycleForm.wholeYear') : t('cycle.quarterN', { n: q }),
            disabled: q !== 0 && effective !== 'qd366-2025',
          }))}
        />
      </Form.Item>

      <Typography.Title level={2} style={{ fontSize: 21 }}>
        {t('cycle.calendar')}
      </Typography.Title>
      <Typography.Paragraph type="secondary">{t('cycleForm.calendarHelp')}</Typography.Paragraph>
      <Form.Item name="_calendar" className="part-anchor">
        <Anchor />
      </Form.Item>
      <div className="calendar-edit">
        {LEVELS.map((level, i) => (
          <fieldset key={level} className="calendar-level" data-testid={`calendar-${level}`}>
            <legend>{t(`level.${level}`)}</legend>
            <Form.Item name={['calendar', i, 'level']} hidden>
              <Anchor />
            </Form.Item>
            <div className="calendar-dates">
              {STEPS.map((step) => (
                <Form.Item key={step} name={['calendar', i, step]} label={t(`step.${step}`)}>
                  <DateField />
                </Form.Item>
              ))}
            </div>
          </fieldset>
        ))}
      </div>
    </FormPage>
  );
}

function Anchor(_: { value?: unknown; id?: string }) {
  return null;
}
