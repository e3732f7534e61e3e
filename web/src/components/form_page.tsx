// The frame of a create/edit page (unit, person, cycle, meeting): a card with the page's title and an introduction,
// the API's problems on top, and a vertical form, disabled while it is sent, ending with its submit button (and a
// cancel that goes back). useFormPage gives the form, its busy state and its API errors, and wraps the sending:
// on a refusal the problems go beside their fields and the first of them is scrolled to (else the top, where the
// alert is). Fields, dates (DateField) included, stay the page's own.
import { Button, Card, Form, Space, Typography, type FormInstance, type FormProps } from 'antd';
import { useState, type ReactNode } from 'react';
import { useNavigate } from 'react-router';
import { useApiFieldErrors, type ApiFieldErrors, type FieldName } from '../api/field_errors';
import { useI18n } from '../i18n/i18n';

export interface FormPageState<V> {
  form: FormInstance<V>;
  busy: boolean;
  errors: ApiFieldErrors;
  // onFinish for the form: `send` the values; a refusal is shown on the form.
  submit: (send: (values: V) => Promise<void>) => (values: V) => Promise<void>;
}

export function useFormPage<V>(fields: string[] | ((path: string) => FieldName | null)): FormPageState<V> {
  const [form] = Form.useForm<V>();
  const [busy, setBusy] = useState(false);
  const errors = useApiFieldErrors(form, fields);
  const submit = (send: (values: V) => Promise<void>) => async (values: V) => {
    setBusy(true);
    errors.clear();
    try {
      await send(values);
    } catch (e) {
      const names = errors.report(e);
      if (names.length) form.scrollToField(names[0], { block: 'center', focus: true });
      else window.scrollTo({ top: 0, behavior: 'smooth' });
    } finally {
      setBusy(false);
    }
  };
  return { form, busy, errors, submit };
}

export function FormPage<V>({
  page,
  title,
  intro,
  wide = false,
  submitLabel,
  submitTestId = 'submit',
  cancel = true,
  children,
  ...formProps
}: {
  page: FormPageState<V>;
  title: ReactNode;
  intro?: ReactNode;
  wide?: boolean;
  submitLabel: ReactNode;
  submitTestId?: string;
  cancel?: boolean;
  children: ReactNode;
} & Omit<FormProps<V>, 'form' | 'layout' | 'size' | 'disabled' | 'children'>) {
  const { t } = useI18n();
  const navigate = useNavigate();
  return (
    <Card className={wide ? 'form-wide' : 'form-narrow'}>
      <Typography.Title level={1} className="page-title" style={{ fontSize: 26 }}>
        {title}
      </Typography.Title>
      {intro && <Typography.Paragraph>{intro}</Typography.Paragraph>}
      {page.errors.alert}
      <Form<V> {...formProps} form={page.form} layout="vertical" size="large" disabled={page.busy}>
        {children}
        <Space wrap>
          <Button type="primary" htmlType="submit" loading={page.busy} data-testid={submitTestId}>
            {submitLabel}
          </Button>
          {cancel && <Button onClick={() => navigate(-1)}>{t('common.cancel')}</Button>}
        </Space>
      </Form>
    </Card>
  );
}
