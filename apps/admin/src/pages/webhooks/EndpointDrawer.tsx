import { Checkbox, Form, Input, Switch, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { WEBHOOK_EVENT_TYPES, type WebhookEventType } from '@regulars/contracts';
import { FormDrawer } from '../../components/FormDrawer';

export type EndpointFields = {
  url: string;
  description: string;
  eventTypes: WebhookEventType[];
  active: boolean;
};

const GROUPS = ['member', 'points', 'tier', 'coupon', 'stored_value', 'purchase'] as const;
const groupOf = (type: string) => type.slice(0, type.indexOf('.'));

/** Adds or edits an endpoint: its address, what it is for, the events it gets, on or off. */
export function EndpointDrawer(props: {
  open: boolean;
  editing: EndpointFields | null;
  onClose(): void;
  onSubmit(v: EndpointFields): Promise<unknown>;
}) {
  const { t } = useTranslation();
  return (
    <FormDrawer<EndpointFields>
      title={props.editing ? t('webhooks.edit') : t('webhooks.add')}
      open={props.open}
      width={600}
      initialValues={
        props.editing ?? { url: 'https://', description: '', eventTypes: [], active: true }
      }
      onClose={props.onClose}
      onSubmit={props.onSubmit}
      fieldsOf={(e) => (e.code.startsWith('webhook.url') ? [['url']] : [])}
    >
      <Form.Item
        name="url"
        label={t('webhooks.url')}
        extra={t('webhooks.urlHelp')}
        rules={[{ required: true, whitespace: true, message: t('form.required') }]}
      >
        <Input data-testid="webhook-url" autoComplete="off" />
      </Form.Item>
      <Form.Item
        name="description"
        label={t('webhooks.endpointDescription')}
        extra={t('webhooks.descriptionHelp')}
      >
        <Input maxLength={200} />
      </Form.Item>
      <Form.Item
        name="eventTypes"
        label={t('webhooks.eventTypes')}
        rules={[
          { required: true, type: 'array', min: 1, message: t('webhooks.eventTypesRequired') },
        ]}
      >
        <Checkbox.Group style={{ width: '100%', display: 'block' }}>
          {GROUPS.map((g) => (
            <div key={g} style={{ marginBottom: 8 }}>
              <Typography.Text strong>{t(`webhooks.groups.${g}`)}</Typography.Text>
              <div>
                {WEBHOOK_EVENT_TYPES.filter((e) => groupOf(e) === g).map((e) => (
                  <Checkbox key={e} value={e} style={{ marginInlineEnd: 12 }}>
                    <Typography.Text code>{e}</Typography.Text>
                  </Checkbox>
                ))}
              </div>
            </div>
          ))}
        </Checkbox.Group>
      </Form.Item>
      <Form.Item
        name="active"
        label={t('webhooks.active')}
        extra={t('webhooks.activeHelp')}
        valuePropName="checked"
      >
        <Switch checkedChildren={t('webhooks.on')} unCheckedChildren={t('webhooks.off')} />
      </Form.Item>
    </FormDrawer>
  );
}
