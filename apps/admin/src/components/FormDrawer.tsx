import { Button, Drawer, Form, Space, type FormInstance } from 'antd';
import { useId, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { ApiError } from '../api';
import { toApiError } from '../use-api';
import { ErrorAlert } from './ErrorAlert';

/**
 * A drawer holding one form (fresh each time it opens): Save runs `onSubmit` and closes on
 * success; the server's message stays in the drawer when it fails, so nothing typed is lost.
 */
export function FormDrawer<T extends object>(props: {
  title: ReactNode;
  open: boolean;
  initialValues: Partial<T>;
  onClose(): void;
  onSubmit(values: T): Promise<unknown>;
  children: ReactNode;
  width?: number;
  /** Shows the values without a Save button (built-in roles). */
  readOnly?: boolean;
  /** The form's fields an error is about, to show its message under them instead of on top. */
  fieldsOf?(error: ApiError): (string | number)[][];
  /** Fields depending on other fields' values, given the form. */
  form?: FormInstance<T>;
}) {
  const { t } = useTranslation();
  const formId = `form-${useId().replace(/[^\w-]/g, '')}`;
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  const [ownForm] = Form.useForm<T>();
  const form = props.form ?? ownForm;

  const submit = async (values: T) => {
    setBusy(true);
    setError(null);
    try {
      await props.onSubmit(values);
      props.onClose();
    } catch (e) {
      const err = toApiError(e);
      const fields = props.fieldsOf?.(err) ?? [];
      if (fields.length) {
        form.setFields(fields.map((name) => ({ name: name as never, errors: [err.message] })));
        form.scrollToField(fields[0] as never);
      } else setError(err);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Drawer
      title={props.title}
      open={props.open}
      onClose={props.onClose}
      size={props.width ?? 520}
      destroyOnHidden
      afterOpenChange={(open) => !open && setError(null)}
      footer={
        <Space style={{ float: 'right' }}>
          <Button onClick={props.onClose}>
            {props.readOnly ? t('common.close') : t('common.cancel')}
          </Button>
          {!props.readOnly && (
            <Button type="primary" loading={busy} htmlType="submit" form={formId}>
              {t('common.save')}
            </Button>
          )}
        </Space>
      }
    >
      <ErrorAlert error={error} />
      <Form<T>
        form={form}
        name={formId}
        disabled={props.readOnly}
        layout="vertical"
        initialValues={props.initialValues}
        onFinish={submit}
      >
        {props.children}
      </Form>
    </Drawer>
  );
}
