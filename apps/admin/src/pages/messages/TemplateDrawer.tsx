import {
  Button,
  Card,
  Form,
  Input,
  Radio,
  Select,
  Space,
  Switch,
  Tabs,
  Tag,
  Typography,
  type FormInstance,
} from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Language, Member, Template, TemplateVariant } from '@regulars/contracts';
import { api, query } from '../../api';
import { FormDrawer } from '../../components/FormDrawer';
import { toApiError, useApiGet } from '../../use-api';
import { SmsSegmentCount } from './SmsSegmentCount';

type Variable = { key: string; label: Record<Language, string>; example: string };
type Fields = {
  name: string;
  category: Template['category'];
  active: boolean;
  variants: Partial<Record<Language, Partial<TemplateVariant>>>;
};
type Preview = { language: Language; subject: string | null; text: string; html: string | null };
const LANGS: Language[] = ['zh-TW', 'zh-CN', 'en'];
const LANG_NAMES: Record<Language, string> = {
  'zh-TW': '繁體中文',
  'zh-CN': '简体中文',
  en: 'English',
};

/** Only the languages with text, without empty optional parts. */
export function cleanVariants(v: Fields['variants']): Partial<Record<Language, TemplateVariant>> {
  const out: Partial<Record<Language, TemplateVariant>> = {};
  for (const l of LANGS) {
    const x = v[l];
    if (!x?.text?.trim()) continue;
    out[l] = {
      text: x.text,
      ...(x.subject?.trim() ? { subject: x.subject } : {}),
      ...(x.html?.trim() ? { html: x.html } : {}),
    };
  }
  return out;
}

/** Create or edit a template: per-language subject, text and HTML, variables, a live preview. */
export function TemplateDrawer(props: {
  template: Template | 'new' | null;
  onClose(): void;
  onSubmit(values: Fields): Promise<unknown>;
}) {
  const { t, i18n } = useTranslation();
  const [form] = Form.useForm<Fields>();
  const vars = useApiGet<{ items: Variable[] }>(
    props.template ? '/messaging/template-variables' : null,
  );
  const [lang, setLang] = useState<Language>('zh-TW');
  const [members, setMembers] = useState<Member[]>([]);
  const [memberId, setMemberId] = useState<string | null>(null);
  const [preview, setPreview] = useState<Preview | string | null>(null);
  const existing = props.template && props.template !== 'new' ? props.template : null;

  const insert = (key: string) => {
    const path = ['variants', lang, 'text'] as const;
    const text = (form.getFieldValue(path as never) as string | undefined) ?? '';
    form.setFieldValue(path as never, `${text}{{ ${key} }}` as never);
  };
  const search = async (q: string) => {
    if (!q.trim()) return;
    const r = await api.get<{ items: Member[] }>(`/members${query({ q, limit: 10 })}`);
    setMembers(r.items);
  };
  const showPreview = async (id: string) => {
    setMemberId(id);
    try {
      const variants = cleanVariants(form.getFieldValue('variants') ?? {});
      setPreview(
        await api.post<Preview>('/messaging/preview', { memberId: id, channel: 'email', variants }),
      );
    } catch (e) {
      setPreview(toApiError(e).message);
    }
  };

  return (
    <FormDrawer<Fields>
      form={form}
      width={760}
      title={existing ? t('messaging.templates.edit') : t('messaging.templates.add')}
      open={props.template !== null}
      onClose={() => (setPreview(null), setMemberId(null), props.onClose())}
      onSubmit={props.onSubmit}
      initialValues={
        existing
          ? {
              name: existing.name,
              category: existing.category,
              active: existing.active,
              variants: existing.variants,
            }
          : { category: 'marketing', active: true, variants: {} }
      }
    >
      <Form.Item
        name="name"
        label={t('messaging.templates.name')}
        rules={[{ required: true, message: t('form.required') }]}
      >
        <Input maxLength={100} data-testid="template-name" />
      </Form.Item>
      <Space size="large">
        <Form.Item
          name="category"
          label={t('messaging.templates.category')}
          tooltip={t('messaging.categoryHelp')}
        >
          <Radio.Group
            options={(['marketing', 'transactional'] as const).map((c) => ({
              value: c,
              label: t(`messaging.category.${c}`),
            }))}
          />
        </Form.Item>
        {existing && (
          <Form.Item name="active" label={t('common.active')} valuePropName="checked">
            <Switch />
          </Form.Item>
        )}
      </Space>
      <Tabs
        activeKey={lang}
        onChange={(k) => setLang(k as Language)}
        items={LANGS.map((l) => ({
          key: l,
          label: LANG_NAMES[l],
          forceRender: true,
          children: (
            <>
              <Form.Item name={['variants', l, 'subject']} label={t('messaging.templates.subject')}>
                <Input maxLength={300} />
              </Form.Item>
              <Form.Item
                name={['variants', l, 'text']}
                label={t('messaging.templates.text')}
                extra={<TemplateSegments form={form} lang={l} />}
              >
                <Input.TextArea rows={5} maxLength={10000} data-testid={`template-text-${l}`} />
              </Form.Item>
              <Form.Item name={['variants', l, 'html']} label={t('messaging.templates.html')}>
                <Input.TextArea rows={3} maxLength={100000} />
              </Form.Item>
            </>
          ),
        }))}
      />
      <Typography.Text type="secondary">{t('messaging.templates.variablesHelp')}</Typography.Text>
      <div style={{ margin: '8px 0 16px' }}>
        {(vars.data?.items ?? []).map((v) => (
          <Tag key={v.key} style={{ cursor: 'pointer' }} onClick={() => insert(v.key)}>
            {v.label[i18n.language as Language] ?? v.key} <code>{`{{ ${v.key} }}`}</code>
          </Tag>
        ))}
      </div>
      <Card size="small" title={t('messaging.templates.preview')}>
        <Select
          showSearch={{ filterOption: false, onSearch: (q) => void search(q) }}
          data-testid="template-preview-member"
          placeholder={t('messaging.templates.pickMember')}
          style={{ width: '100%', marginBottom: 12 }}
          value={memberId}
          onChange={(id: string) => void showPreview(id)}
          options={members.map((m) => ({ value: m.memberId, label: `${m.name} ${m.phone ?? ''}` }))}
        />
        {typeof preview === 'string' && <Typography.Text type="danger">{preview}</Typography.Text>}
        {preview && typeof preview !== 'string' && (
          <div data-testid="template-preview">
            <Tag>{LANG_NAMES[preview.language]}</Tag>
            {preview.subject && <Typography.Text strong>{preview.subject}</Typography.Text>}
            <Typography.Paragraph style={{ whiteSpace: 'pre-wrap' }}>
              {preview.text}
            </Typography.Paragraph>
            {preview.html && (
              <iframe
                title="html"
                sandbox=""
                srcDoc={preview.html}
                style={{ width: '100%', border: '1px solid #eee' }}
              />
            )}
          </div>
        )}
        {memberId && (
          <Button size="small" onClick={() => void showPreview(memberId)}>
            {t('common.refresh')}
          </Button>
        )}
      </Card>
    </FormDrawer>
  );
}

/** The SMS parts of one language's text, updated as it is typed. */
function TemplateSegments({ form, lang }: { form: FormInstance<Fields>; lang: Language }) {
  const text = Form.useWatch(['variants', lang, 'text'], form) as string | undefined;
  return <SmsSegmentCount text={text} testId={`template-segments-${lang}`} />;
}
