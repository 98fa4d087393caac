import {
  Alert,
  Button,
  ColorPicker,
  Col,
  Typography,
  Form,
  Input,
  Row,
  Select,
  Space,
  Switch,
  Tag,
} from 'antd';
import { useTranslation } from 'react-i18next';
import {
  LANGUAGES,
  TenantSettingsUpdate,
  type Language,
  type TenantSettings,
} from '@regulars/contracts';
import type { ApiError } from '../../api';
import { schemaRule } from '../../components/rules';
import { currentLanguage, LANGUAGE_NAMES } from '../../i18n';
import { countryOptions, currencyOptions, timeZoneOptions } from './options';

export type SettingsFields = {
  name: string;
  defaultLanguage: Language;
  timeZone: string;
  currency: string;
  phoneCountry: string;
  rocDates: boolean;
  quietHoursStart: string;
  quietHoursEnd: string;
  brandColor: string;
};

export function SettingsForm(props: {
  settings: TenantSettings;
  busy: boolean;
  error: ApiError | null;
  onSave(v: SettingsFields): void;
  onReload(): void;
}) {
  const { t } = useTranslation();
  const lang = currentLanguage();
  const s = props.settings;
  const time = schemaRule(TenantSettingsUpdate.shape.quietHoursStart, t('settings.timeInvalid'));
  const conflict = props.error?.code === 'conflict.version';
  return (
    <Form<SettingsFields>
      layout="vertical"
      initialValues={s}
      onFinish={props.onSave}
      style={{ maxWidth: 960 }}
    >
      {props.error && (
        <Alert
          type="error"
          showIcon
          role="alert"
          data-testid="error"
          title={props.error.message}
          action={
            conflict && (
              <Button size="small" onClick={props.onReload}>
                {t('common.reload')}
              </Button>
            )
          }
          style={{ marginBottom: 16 }}
        />
      )}
      <Section title={t('settings.sectionBusiness')} />
      <Row gutter={24}>
        <Col span={12}>
          <Form.Item
            name="name"
            label={t('settings.name')}
            rules={[{ required: true, whitespace: true, message: t('form.required') }]}
          >
            <Input />
          </Form.Item>
        </Col>
        <Col span={6}>
          <Form.Item label={t('setup.businessCode')} tooltip={t('settings.slugHelp')}>
            <Space>
              <Input value={s.slug} disabled />
              {s.isDemo && <Tag color="orange">{t('settings.demo')}</Tag>}
            </Space>
          </Form.Item>
        </Col>
        <Col span={6}>
          <Form.Item
            name="brandColor"
            label={t('settings.brandColor')}
            getValueFromEvent={(c: { toHexString(): string }) => c.toHexString()}
          >
            <ColorPicker showText disabledAlpha />
          </Form.Item>
        </Col>
      </Row>
      <Section title={t('settings.sectionRegion')} />
      <Row gutter={24}>
        <Col span={8}>
          <Form.Item name="defaultLanguage" label={t('settings.defaultLanguage')}>
            <Select options={LANGUAGES.map((l) => ({ value: l, label: LANGUAGE_NAMES[l] }))} />
          </Form.Item>
        </Col>
        <Col span={8}>
          <Form.Item name="timeZone" label={t('settings.timeZone')}>
            <Select showSearch options={timeZoneOptions()} />
          </Form.Item>
        </Col>
        <Col span={8}>
          <Form.Item name="currency" label={t('settings.currency')}>
            <Select showSearch options={currencyOptions(lang)} />
          </Form.Item>
        </Col>
        <Col span={8}>
          <Form.Item name="phoneCountry" label={t('settings.phoneCountry')}>
            <Select showSearch options={countryOptions(lang)} />
          </Form.Item>
        </Col>
        <Col span={16}>
          <Form.Item
            name="rocDates"
            label={t('settings.rocDates')}
            extra={t('settings.rocDatesHelp')}
            valuePropName="checked"
          >
            <Switch />
          </Form.Item>
        </Col>
      </Row>
      <Section title={t('settings.quietHours')} help={t('settings.quietHelp')} />
      <Row gutter={24}>
        <Col span={8}>
          <Form.Item name="quietHoursStart" label={t('settings.quietFrom')} rules={[time]}>
            <Input placeholder="21:00" />
          </Form.Item>
        </Col>
        <Col span={8}>
          <Form.Item name="quietHoursEnd" label={t('settings.quietUntil')} rules={[time]}>
            <Input placeholder="09:00" />
          </Form.Item>
        </Col>
      </Row>
      <Button type="primary" htmlType="submit" loading={props.busy}>
        {t('common.save')}
      </Button>
    </Form>
  );
}

function Section({ title, help }: { title: string; help?: string }) {
  return (
    <div style={{ margin: '8px 0 16px' }}>
      <Typography.Title level={5} style={{ margin: 0 }}>
        {title}
      </Typography.Title>
      {help && <Typography.Text type="secondary">{help}</Typography.Text>}
    </div>
  );
}
