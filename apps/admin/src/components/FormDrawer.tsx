import { Button, Drawer, Form, Space } from 'antd';
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
}) {
  const { t } = useTranslation();
  const formId = `form-${useId().replace(/[^\w-]/g, '')}`;
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);

  const submit = async (values: T) => {
    setBusy(true);
    setError(null);
    try {
      await props.onSubmit(values);
      props.onClose();
    } catch (e) {
      setError(toApiError(e));
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
