import { EyeOutlined } from '@ant-design/icons';
import { Button, Card, Descriptions, Typography } from 'antd';
import { Fragment, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { CustomField, Member } from '@regulars/contracts';
import { formatDate } from '../../format';
import { currentLanguage, LANGUAGE_NAMES } from '../../i18n';
import { useSession } from '../../session';
import { sourceText } from './labels';

/** Personal and contact details, each contact with where it came from; custom fields. */
export function ProfileCard(props: {
  member: Member;
  fields: CustomField[];
  revealing: boolean;
  onReveal(): void;
}) {
  const { t } = useTranslation();
  const session = useSession();
  const lang = currentLanguage();
  const m = props.member;
  const storeName = session.stores.find((s) => s.storeId === m.homeStoreId)?.name;
  const contact = (key: string, value: ReactNode) => (
    <div>
      <div data-testid={`member-${key}`}>{value || '—'}</div>
      {m.fieldSources[key] && (
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {sourceText(t, lang, m.fieldSources[key])}
        </Typography.Text>
      )}
    </div>
  );
  // Shown as the business writes numbers; dialled by their E.164 (given only once revealed).
  const dial = (shown: string, e164: string | null) =>
    e164 ? <a href={`tel:${e164}`}>{shown}</a> : shown;
  const customValue = (f: CustomField): ReactNode => {
    const v = m.custom[f.key];
    if (v === undefined || v === null || v === '') return '—';
    const option = (x: string) => f.options.find((o) => o.value === x)?.label ?? x;
    if (f.type === 'boolean') return v ? t('common.yes') : t('common.no');
    if (f.type === 'choice') return option(String(v));
    if (f.type === 'choices' && Array.isArray(v))
      return v.map(option).join(t('common.listSeparator'));
    if (f.type === 'date' && typeof v === 'string') return formatDate(v, lang);
    return String(v);
  };
  const shown = props.fields.filter((f) => f.active || m.custom[f.key] !== undefined);

  return (
    <Card
      title={t('members.profile')}
      extra={
        m.contactMasked &&
        session.can('contacts.view') && (
          <Button
            size="small"
            icon={<EyeOutlined />}
            loading={props.revealing}
            onClick={props.onReveal}
            data-testid="reveal-contacts"
          >
            {t('members.revealContacts')}
          </Button>
        )
      }
    >
      <Descriptions column={1} size="small" styles={{ label: { width: 120 } }}>
        <Descriptions.Item label={t('members.gender')}>
          {t(`members.genders.${m.gender}`)}
        </Descriptions.Item>
        <Descriptions.Item label={t('members.birthday')}>
          {m.birthday ? formatDate(m.birthday, lang) : '—'}
        </Descriptions.Item>
        <Descriptions.Item label={t('members.phone')}>
          {contact('phone', m.phone && dial(m.phone, m.phoneE164))}
        </Descriptions.Item>
        {m.otherPhones.length > 0 && (
          <Descriptions.Item label={t('members.otherPhones')}>
            {contact(
              'otherPhones',
              m.otherPhones.map((p, i) => (
                <Fragment key={i}>
                  {i > 0 && t('common.listSeparator')}
                  {dial(p, m.otherPhonesE164[i] ?? null)}
                </Fragment>
              )),
            )}
          </Descriptions.Item>
        )}
        <Descriptions.Item label={t('members.email')}>
          {contact('email', m.email)}
        </Descriptions.Item>
        <Descriptions.Item label={t('members.address')}>
          {contact('address', m.address)}
        </Descriptions.Item>
        <Descriptions.Item label={t('members.preferredChannel')}>
          {m.preferredChannel ? t(`members.channels.${m.preferredChannel}`) : '—'}
        </Descriptions.Item>
        <Descriptions.Item label={t('members.language')}>
          {m.language ? LANGUAGE_NAMES[m.language] : '—'}
        </Descriptions.Item>
        {m.timeZone && (
          <Descriptions.Item label={t('members.timeZone')}>{m.timeZone}</Descriptions.Item>
        )}
        <Descriptions.Item label={t('members.homeStore')}>{storeName ?? '—'}</Descriptions.Item>
        <Descriptions.Item label={t('members.source')}>
          {sourceText(t, lang, { source: m.source, at: m.createdAt })}
        </Descriptions.Item>
        {m.externalId && (
          <Descriptions.Item label={t('members.externalId')}>{m.externalId}</Descriptions.Item>
        )}
        {shown.map((f) => (
          <Descriptions.Item key={f.key} label={f.label[lang] || f.key}>
            {customValue(f)}
          </Descriptions.Item>
        ))}
      </Descriptions>
    </Card>
  );
}
