import { App, Card, Flex, Switch, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Channel, type Member } from '@regulars/contracts';
import { api } from '../../api';
import { currentLanguage } from '../../i18n';
import { useSession } from '../../session';
import { toApiError } from '../../use-api';
import { sourceText } from './labels';

/** Consent per channel, with when and how it was given or withdrawn. */
export function ConsentCard(props: { member: Member; onChanged(): void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const session = useSession();
  const lang = currentLanguage();
  const [busy, setBusy] = useState<string | null>(null);
  const m = props.member;

  const change = async (channel: string, granted: boolean) => {
    setBusy(channel);
    try {
      await api.put(`/members/${m.memberId}/consents/${channel}`, { granted });
      message.success(t('common.saved'));
      props.onChanged();
    } catch (e) {
      message.error(toApiError(e).message);
    } finally {
      setBusy(null);
    }
  };

  return (
    <Card title={t('members.consents')} size="small">
      <Flex vertical gap={10}>
        {Channel.options.map((ch) => {
          const c = m.consents[ch];
          return (
            <Flex key={ch} justify="space-between" align="center" data-testid={`consent-${ch}`}>
              <div>
                <div>{t(`members.channels.${ch}`)}</div>
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {c
                    ? `${c.granted ? t('members.consentGiven') : t('members.consentWithdrawn')} · ${sourceText(t, lang, c)}`
                    : t('members.consentNone')}
                </Typography.Text>
              </div>
              <Switch
                checked={c?.granted ?? false}
                loading={busy === ch}
                disabled={!session.can('members.modify')}
                aria-label={t(`members.channels.${ch}`)}
                onChange={(v) => void change(ch, v)}
              />
            </Flex>
          );
        })}
      </Flex>
    </Card>
  );
}
