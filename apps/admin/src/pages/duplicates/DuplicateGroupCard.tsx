import { MergeCellsOutlined } from '@ant-design/icons';
import { App, Button, Card, Radio, Space, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { DuplicateGroup } from '@regulars/contracts';
import type { z } from 'zod';
import { api } from '../../api';
import { formatDate } from '../../format';
import { currentLanguage } from '../../i18n';
import { useSession } from '../../session';
import { toApiError } from '../../use-api';

export type Group = z.infer<typeof DuplicateGroup>;
type Row = Group['members'][number];

/** The member most worth keeping: most purchases, then the oldest card. */
function suggested(g: Group): string {
  return [...g.members].sort(
    (a, b) => b.purchaseCount - a.purchaseCount || a.createdAt.localeCompare(b.createdAt),
  )[0]!.memberId;
}

/** One set of look-alikes: choose who stays, and merge the others into them. */
export function DuplicateGroupCard(props: { group: Group; onMerged(): void }) {
  const { t } = useTranslation();
  const { modal, message } = App.useApp();
  const session = useSession();
  const lang = currentLanguage();
  const g = props.group;
  const [keep, setKeep] = useState(() => suggested(g));
  const [busy, setBusy] = useState(false);
  const canMerge = session.can('members.delete');
  const survivor = g.members.find((m) => m.memberId === keep)!;
  const others = g.members.filter((m) => m.memberId !== keep);

  const merge = async () => {
    setBusy(true);
    try {
      let version = survivor.version;
      for (const d of others) {
        const res = await api.post<{ member: { version: number } }>(
          `/members/${survivor.memberId}/merge`,
          { duplicateId: d.memberId, version, duplicateVersion: d.version },
        );
        version = res.member.version;
      }
      message.success(t('duplicates.merged', { name: survivor.name, card: survivor.cardNumber }));
      props.onMerged();
    } catch (e) {
      message.error(toApiError(e).message);
      props.onMerged();
    } finally {
      setBusy(false);
    }
  };

  const confirm = () =>
    modal.confirm({
      title: t('duplicates.confirmTitle', { name: survivor.name, card: survivor.cardNumber }),
      content: t('duplicates.confirm', {
        cards: others.map((o) => o.cardNumber).join(t('common.listSeparator')),
      }),
      okText: t('duplicates.merge'),
      cancelText: t('common.cancel'),
      onOk: merge,
    });

  return (
    <Card
      size="small"
      data-testid="duplicate-group"
      title={
        <Space>
          <Tag color="orange">{t(`duplicates.reasons.${g.reason}`)}</Tag>
          <Typography.Text>{g.shared}</Typography.Text>
        </Space>
      }
      extra={
        canMerge && (
          <Button icon={<MergeCellsOutlined />} loading={busy} onClick={confirm}>
            {t('duplicates.mergeInto')}
          </Button>
        )
      }
    >
      <Table<Row>
        rowKey="memberId"
        size="small"
        pagination={false}
        dataSource={g.members}
        columns={[
          ...(canMerge
            ? [
                {
                  title: t('duplicates.keep'),
                  width: 70,
                  render: (_: unknown, m: Row) => (
                    <Radio
                      checked={m.memberId === keep}
                      onChange={() => setKeep(m.memberId)}
                      aria-label={t('duplicates.keep')}
                    />
                  ),
                },
              ]
            : []),
          {
            title: t('members.cardNumber'),
            dataIndex: 'cardNumber',
            width: 130,
            render: (c: string, m) => <Link to={`/members/${m.memberId}`}>{c}</Link>,
          },
          { title: t('members.name'), dataIndex: 'name' },
          {
            title: t('members.birthday'),
            dataIndex: 'birthday',
            render: (d: string | null) => (d ? formatDate(d, lang) : '—'),
          },
          { title: t('duplicates.purchases'), dataIndex: 'purchaseCount', width: 100 },
          {
            title: t('members.joined'),
            dataIndex: 'createdAt',
            width: 120,
            render: (at: string) => formatDate(at, lang),
          },
        ]}
      />
    </Card>
  );
}
