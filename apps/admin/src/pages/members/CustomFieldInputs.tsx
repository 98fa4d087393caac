import { Form, Input, InputNumber, Select, Switch } from 'antd';
import { useTranslation } from 'react-i18next';
import type { CustomField } from '@regulars/contracts';
import { currentLanguage } from '../../i18n';

/** The business's own fields, each with the input its type needs. */
export function CustomFieldInputs({ fields }: { fields: CustomField[] }) {
  const { t } = useTranslation();
  const lang = currentLanguage();
  return (
    <>
      {fields.map((f) => {
        const rules = f.required
          ? [{ required: true, message: t('form.required') }]
          : f.type === 'text'
            ? [{ max: 2000 }]
            : [];
        const common = {
          name: ['custom', f.key],
          label: f.label[lang] || f.key,
          rules,
        };
        const options = f.options.map((o) => ({ value: o.value, label: o.label }));
        switch (f.type) {
          case 'text':
            return (
              <Form.Item key={f.key} {...common}>
                <Input />
              </Form.Item>
            );
          case 'number':
            return (
              <Form.Item key={f.key} {...common}>
                <InputNumber style={{ width: 200 }} />
              </Form.Item>
            );
          case 'date':
            return (
              <Form.Item key={f.key} {...common}>
                <Input type="date" style={{ width: 200 }} />
              </Form.Item>
            );
          case 'boolean':
            return (
              <Form.Item key={f.key} {...common} valuePropName="checked">
                <Switch />
              </Form.Item>
            );
          case 'choice':
            return (
              <Form.Item key={f.key} {...common}>
                <Select allowClear options={options} />
              </Form.Item>
            );
          case 'choices':
            return (
              <Form.Item key={f.key} {...common}>
                <Select mode="multiple" allowClear options={options} />
              </Form.Item>
            );
        }
      })}
    </>
  );
}
