// A restructuring dialog in two steps: the form, then a confirmation that says in plain words what will happen
// (which units and how many members move, from which day) before anything is sent. A refusal brings the form back
// with the server's problems under the fields (api/field_errors.tsx); nothing has changed then.
import { Alert, Button, Form, Modal, Space, type FormInstance } from 'antd';
import { useState, type ReactNode } from 'react';
import type { ApiFieldErrors } from '../api/field_errors';
import { useI18n } from '../i18n/i18n';

export function ActionModal<V extends object>({
  title,
  form,
  errors,
  initialValues,
  review,
  perform,
  onClose,
  confirmText,
  testId,
  children,
}: {
  title: string;
  form: FormInstance<V>;
  errors: ApiFieldErrors;
  initialValues?: Partial<V>;
  // The sentence(s) of the confirmation; may read counts from the server. Throwing shows the error on the form.
  review: (values: V) => Promise<ReactNode>;
  // Sends the operation; resolves when done (the caller then says so and shows the result).
  perform: (values: V) => Promise<void>;
  onClose: () => void;
  confirmText: string;
  testId: string;
  children: ReactNode;
}) {
  const { t } = useI18n();
  const [busy, setBusy] = useState(false);
  const [pending, setPending] = useState<{ values: V; summary: ReactNode } | null>(null);

  const next = async (values: V) => {
    setBusy(true);
    errors.clear();
    // The previous refusal's problems go; the server judges the new values afresh.
    form.setFields(
      form.getFieldsError().map((f) => ({ name: f.name, errors: [] })) as unknown as Parameters<typeof form.setFields>[0],
    );
    try {
      setPending({ values, summary: await review(values) });
    } catch (e) {
      errors.report(e);
    } finally {
      setBusy(false);
    }
  };

  const confirm = async () => {
    if (!pending) return;
    setBusy(true);
    try {
      await perform(pending.values);
    } catch (e) {
      setPending(null);
      errors.report(e);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal
      open
      // Room for the close button: a long unit name in the title ran under it on a phone.
      title={<div style={{ paddingRight: 36 }}>{title}</div>}
      onCancel={onClose}
      footer={null}
      destroyOnHidden
      width={720}
      data-testid={testId}
    >
      {errors.alert}
      <Form<V>
        form={form}
        layout="vertical"
        size="large"
        disabled={busy || pending !== null}
        onFinish={next}
        initialValues={initialValues}
      >
        {children}
        {pending === null && (
          <Space wrap>
            <Button type="primary" htmlType="submit" loading={busy} data-testid="action-next">
              {t('org.next')}
            </Button>
            <Button onClick={onClose}>{t('common.cancel')}</Button>
          </Space>
        )}
      </Form>
      {pending !== null && (
        <>
          <Alert
            type="warning"
            showIcon
            role="status"
            title={t('org.confirmTitle')}
            description={pending.summary}
            style={{ marginBottom: 16 }}
            data-testid="action-summary"
          />
          <Space wrap>
            <Button type="primary" danger loading={busy} onClick={confirm} autoFocus data-testid="action-confirm">
              {confirmText}
            </Button>
            <Button disabled={busy} onClick={() => setPending(null)} data-testid="action-back">
              {t('common.back')}
            </Button>
          </Space>
        </>
      )}
    </Modal>
  );
}
