import { Col, Divider, Form, Input, Row, Select, Switch, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import {
  Channel,
  ContactChannel,
  Gender,
  LANGUAGES,
  type CustomField,
  type Member,
} from '@regulars/contracts';
import { api, type ApiError } from '../../api';
import { FormDrawer } from '../../components/FormDrawer';
import { LANGUAGE_NAMES } from '../../i18n';
import { useSession } from '../../session';
import { useApiGet } from '../../use-api';
import { CustomFieldInputs } from './CustomFieldInputs';
import { toCreateBody, toFields, toUpdateBody, type MemberFields } from './member-body';

const TIME_ZONES: string[] = (() => {
  try {
    return Intl.supportedValuesOf('timeZone');
  } catch {
    return ['Asia/Taipei', 'Asia/Shanghai', 'Asia/Hong_Kong'];
  }
})();

/** The form fields a server error names (`details.field`, or custom-field problems). */
export function memberFieldsOf(e: ApiError): string[][] {
  const field = e.details.field;
  if (typeof field === 'string' && /^[a-zA-Z]+$/.test(field)) return [[field]];
  const problems = e.details.problems;
  if (e.code === 'custom_field.invalid' && Array.isArray(problems))
    return problems
      .map((p: unknown) => (p as { field?: unknown }).field)
      .filter((f): f is string => typeof f === 'string')
      .map((f) => ['custom', f]);
  return [];
}

/**
 * Adds a member, or changes one (only what was changed, based on the version that was read; a
 * stale version is refused by the server and `onConflict` reloads).
 */
export function MemberDrawer(props: {
  member: Member | 'new' | null;
  /** A new member's phone, filled in (from a call nobody answered to). */
  phone?: string;
  onClose(): void;
  onSaved(m: Member): void;
  onConflict?(): void;
}) {
  const { t } = useTranslation();
  const session = useSession();
  const fields = useApiGet<CustomField[]>(props.member ? '/custom-fields' : null);
  const active = (fields.data ?? []).filter((f) => f.active);
  const existing = props.member && props.member !== 'new' ? props.member : null;
  const masked = existing?.contactMasked ?? false;
  const initial: Partial<MemberFields> = existing
    ? toFields(existing)
    : {
        gender: 'unknown',
        homeStoreId: session.storeId,
        consents: {},
        tags: [],
        phone: props.phone ?? '',
      };
  const maskHint = (v: string | null | undefined) =>
    masked && v ? t('members.maskedKeep', { value: v }) : undefined;

  const submit = async (v: MemberFields) => {
    try {
      const saved = existing
        ? await api.patch<Member>(
            `/members/${existing.memberId}`,
            toUpdateBody(v, existing, fields.data ?? []),
          )
        : await api.post<Member>('/members', toCreateBody(v, fields.data ?? []));
      props.onSaved(saved);
    } catch (e) {
      if ((e as ApiError).code === 'conflict.version') props.onConflict?.();
      throw e;
    }
  };

  const enumOptions = <T extends string>(values: readonly T[], prefix: string) =>
    values.map((x) => ({ value: x, label: t(`${prefix}.${x}`) }));

  return (
    <FormDrawer<MemberFields>
      title={existing ? t('members.edit') : t('members.add')}
      open={!!props.member && !fields.loading}
      initialValues={initial}
      onClose={props.onClose}
      onSubmit={submit}
      fieldsOf={memberFieldsOf}
      width={640}
    >
      <Row gutter={16}>
        <Col span={12}>
          <Form.Item
            name="name"
            label={t('members.name')}
            rules={[{ required: true, whitespace: true, message: t('form.required') }]}
          >
            <Input />
          </Form.Item>
        </Col>
        <Col span={6}>
          <Form.Item name="gender" label={t('members.gender')}>
            <Select options={enumOptions(Gender.options, 'members.genders')} />
          </Form.Item>
        </Col>
        <Col span={6}>
          <Form.Item name="birthday" label={t('members.birthday')}>
            <Input type="date" min="1900-01-01" max="2100-12-31" />
          </Form.Item>
        </Col>
      </Row>
      <Divider titlePlacement="start" plain>
        {t('members.sectionContact')}
      </Divider>
      {masked && (
        <Typography.Paragraph type="secondary">{t('members.maskedHelp')}</Typography.Paragraph>
      )}
      <Row gutter={16}>
        <Col span={12}>
          <Form.Item
            name="phone"
            label={t('members.phone')}
            extra={maskHint(existing?.phone) ?? t('members.phoneHelp')}
          >
            <Input placeholder={masked ? (existing?.phone ?? '') : '0912-345-678'} />
          </Form.Item>
        </Col>
        <Col span={12}>
          <Form.Item name="email" label={t('members.email')} extra={maskHint(existing?.email)}>
            <Input placeholder={masked ? (existing?.email ?? '') : 'name@example.com'} />
          </Form.Item>
        </Col>
      </Row>
      <Form.Item
        name="otherPhones"
        label={t('members.otherPhones')}
        extra={
          masked && existing?.otherPhones.length
            ? t('members.maskedKeep', { value: existing.otherPhones.join(', ') })
            : t('members.otherPhonesHelp')
        }
      >
        <Select mode="tags" open={false} suffixIcon={null} tokenSeparators={[',', ';']} />
      </Form.Item>
      <Form.Item name="address" label={t('members.address')} extra={maskHint(existing?.address)}>
        <Input placeholder={masked ? (existing?.address ?? '') : undefined} />
      </Form.Item>
      <Row gutter={16}>
        <Col span={8}>
          <Form.Item name="preferredChannel" label={t('members.preferredChannel')}>
            <Select allowClear options={enumOptions(ContactChannel.options, 'members.channels')} />
          </Form.Item>
        </Col>
        <Col span={8}>
          <Form.Item name="language" label={t('members.language')}>
            <Select
              allowClear
              options={LANGUAGES.map((l) => ({ value: l, label: LANGUAGE_NAMES[l] }))}
            />
          </Form.Item>
        </Col>
        <Col span={8}>
          <Form.Item name="timeZone" label={t('members.timeZone')}>
            <Select
              allowClear
              showSearch
              placeholder={t('members.timeZoneDefault')}
              options={TIME_ZONES.map((z) => ({ value: z, label: z }))}
            />
          </Form.Item>
        </Col>
      </Row>
      <Divider titlePlacement="start" plain>
        {t('members.sectionMembership')}
      </Divider>
      <Row gutter={16}>
        <Col span={12}>
          <Form.Item name="homeStoreId" label={t('members.homeStore')}>
            <Select
              allowClear
              options={session.stores.map((s) => ({ value: s.storeId, label: s.name }))}
            />
          </Form.Item>
        </Col>
        <Col span={12}>
          <Form.Item name="tags" label={t('members.tags')} extra={t('members.tagsHelp')}>
            <Select mode="tags" tokenSeparators={[',', '，']} />
          </Form.Item>
        </Col>
      </Row>
      {!existing && (
        <Form.Item label={t('members.consents')} extra={t('members.consentsHelp')}>
          <Row gutter={[16, 8]}>
            {Channel.options.map((ch) => (
              <Col key={ch} span={8}>
                <Form.Item noStyle name={['consents', ch]} valuePropName="checked">
                  <Switch size="small" aria-label={t(`members.channels.${ch}`)} />
                </Form.Item>{' '}
                {t(`members.channels.${ch}`)}
              </Col>
            ))}
          </Row>
        </Form.Item>
      )}
      {active.length > 0 && (
        <>
          <Divider titlePlacement="start" plain>
            {t('members.sectionCustom')}
          </Divider>
          <CustomFieldInputs fields={active} />
        </>
      )}
    </FormDrawer>
  );
}
