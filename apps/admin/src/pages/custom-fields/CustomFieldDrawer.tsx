import { MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import { Button, Col, Form, Input, InputNumber, Row, Select, Switch } from 'antd';
import { useTranslation } from 'react-i18next';
import { CustomFieldType, type CustomField } from '@regulars/contracts';
import { FormDrawer } from '../../components/FormDrawer';
import { LANGUAGE_NAMES } from '../../i18n';

export type CustomFieldFields = {
  key: string;
  label: CustomField['label'];
  type: CustomField['type'];
  options?: { value: string; label: string }[];
  required: boolean;
  position: number;
  active: boolean;
};

export function toCustomFieldBody(v: CustomFieldFields, existing: CustomField | null) {
  const hasOptions = v.type === 'choice' || v.type === 'choices';
  const common = {
    label: v.label,
    options: hasOptions ? (v.options ?? []) : [],
    required: v.required,
    position: v.position ?? 0,
  };
  return existing
    ? { ...common, active: v.active, version: existing.version }
    : { ...common, key: v.key, type: v.type };
}

/** A member field of the business's own: key, label in each language, type, choices. */
export function CustomFieldDrawer(props: {
  field: CustomField | 'new' | null;
  onClose(): void;
  onSubmit(v: CustomFieldFields): Promise<unknown>;
}) {
  const { t } = useTranslation();
  const f = props.field;
  const existing = f && f !== 'new' ? f : null;
  const required = { required: true, whitespace: true, message: t('form.required') };
  return (
    <FormDrawer<CustomFieldFields>
      title={existing ? t('customFields.edit') : t('customFields.add')}
      open={!!f}
      onClose={props.onClose}
      onSubmit={props.onSubmit}
      initialValues={
        existing ?? { type: 'text', required: false, position: 0, active: true, options: [] }
      }
    >
      <Row gutter={16}>
        <Col span={12}>
          <Form.Item
            name="key"
            label={t('customFields.key')}
            extra={t('customFields.keyHelp')}
            rules={[
              required,
              { pattern: /^[a-z][a-z0-9_]{0,39}$/, message: t('customFields.keyInvalid') },
            ]}
          >
            <Input disabled={!!existing} />
          </Form.Item>
        </Col>
        <Col span={12}>
          <Form.Item name="type" label={t('customFields.type')}>
            <Select
              disabled={!!existing}
              options={CustomFieldType.options.map((x) => ({
                value: x,
                label: t(`customFields.types.${x}`),
              }))}
            />
          </Form.Item>
        </Col>
      </Row>
      {(['zh-TW', 'zh-CN', 'en'] as const).map((l) => (
        <Form.Item
          key={l}
          name={['label', l]}
          label={t('customFields.labelIn', { language: LANGUAGE_NAMES[l] })}
          rules={[required]}
        >
          <Input maxLength={60} />
        </Form.Item>
      ))}
      <Form.Item noStyle dependencies={['type']}>
        {({ getFieldValue }) =>
          ['choice', 'choices'].includes(getFieldValue('type') as string) && (
            <Form.Item label={t('customFields.options')} required>
              <Form.List
                name="options"
                rules={[
                  {
                    validator: (_, v: unknown[] | undefined) =>
                      v?.length
                        ? Promise.resolve()
                        : Promise.reject(new Error(t('customFields.optionsRequired'))),
                  },
                ]}
              >
                {(options, { add, remove }, { errors }) => (
                  <>
                    {options.map((o) => (
                      <Row key={o.key} gutter={8}>
                        <Col span={10}>
                          <Form.Item name={[o.name, 'value']} rules={[required]}>
                            <Input placeholder={t('customFields.optionValue')} maxLength={60} />
                          </Form.Item>
                        </Col>
                        <Col span={12}>
                          <Form.Item name={[o.name, 'label']} rules={[required]}>
                            <Input placeholder={t('customFields.optionLabel')} maxLength={60} />
                          </Form.Item>
                        </Col>
                        <Col span={2}>
                          <Button
                            type="text"
                            aria-label={t('common.delete')}
                            icon={<MinusCircleOutlined />}
                            onClick={() => remove(o.name)}
                          />
                        </Col>
                      </Row>
                    ))}
                    <Button
                      type="dashed"
                      icon={<PlusOutlined />}
                      onClick={() => add({ value: '', label: '' })}
                    >
                      {t('customFields.addOption')}
                    </Button>
                    <Form.ErrorList errors={errors} />
                  </>
                )}
              </Form.List>
            </Form.Item>
          )
        }
      </Form.Item>
      <Row gutter={16}>
        <Col span={8}>
          <Form.Item name="required" label={t('customFields.required')} valuePropName="checked">
            <Switch />
          </Form.Item>
        </Col>
        <Col span={8}>
          <Form.Item name="position" label={t('customFields.position')}>
            <InputNumber min={0} max={1000} />
          </Form.Item>
        </Col>
        {existing && (
          <Col span={8}>
            <Form.Item name="active" label={t('common.active')} valuePropName="checked">
              <Switch />
            </Form.Item>
          </Col>
        )}
      </Row>
    </FormDrawer>
  );
}
