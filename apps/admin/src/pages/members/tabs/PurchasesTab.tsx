import { PlusOutlined } from '@ant-design/icons';
import { App, Button, Card, Flex, Table } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Purchase } from '@regulars/contracts';
import { api } from '../../../api';
import { ErrorAlert } from '../../../components/ErrorAlert';
import { formatMinute, formatMoney } from '../../../format';
import { currentLanguage } from '../../../i18n';
import { useSession } from '../../../session';
import { useCurrency } from '../../../use-currency';
import { useApiGet } from '../../../use-api';
import { PurchaseDrawer, toPurchaseBody, type PurchaseFields } from './PurchaseDrawer';

/** The member's purchases with their lines; staff may enter one by hand. */
export function PurchasesTab(props: { memberId: string; onChanged(): void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const session = useSession();
  const lang = currentLanguage();
  const currency = useCurrency();
  const purchases = useApiGet<Purchase[]>(`/members/${props.memberId}/purchases`);
  const [adding, setAdding] = useState(false);
  const money = (m: number) => formatMoney(m, currency, lang);
  const storeName = new Map(session.stores.map((s) => [s.storeId, s.name]));

  const save = async (v: PurchaseFields) => {
    await api.post<Purchase>('/purchases', toPurchaseBody(v, props.memberId, currency));
    message.success(t('common.saved'));
    purchases.reload();
    props.onChanged();
  };

  return (
    <Card styles={{ body: { padding: 0 } }}>
      {session.can('members.modify') && (
        <Flex justify="flex-end" style={{ padding: 12 }}>
          <Button icon={<PlusOutlined />} onClick={() => setAdding(true)}>
            {t('purchases.add')}
          </Button>
        </Flex>
      )}
      <ErrorAlert error={purchases.error} />
      <Table<Purchase>
        rowKey="purchaseId"
        size="small"
        loading={purchases.loading}
        dataSource={purchases.data ?? []}
        pagination={{ pageSize: 20, hideOnSinglePage: true }}
        locale={{ emptyText: t('purchases.none') }}
        expandable={{
          expandedRowRender: (p) => (
            <Table
              rowKey="lineNo"
              size="small"
              pagination={false}
              dataSource={p.lines}
              columns={[
                { title: t('purchases.sku'), dataIndex: 'sku', width: 120 },
                { title: t('purchases.item'), dataIndex: 'name' },
                { title: t('purchases.quantity'), dataIndex: 'quantity', width: 80 },
                {
                  title: t('purchases.unitPrice'),
                  dataIndex: 'unitPriceMinor',
                  width: 110,
                  render: money,
                },
                {
                  title: t('purchases.amount'),
                  dataIndex: 'amountMinor',
                  width: 110,
                  render: money,
                },
              ]}
            />
          ),
        }}
        columns={[
          {
            title: t('purchases.time'),
            dataIndex: 'occurredAt',
            width: 170,
            render: (at: string) => formatMinute(at, lang),
          },
          {
            title: t('purchases.items'),
            render: (_, p) => p.lines.map((l) => l.name).join(t('common.listSeparator')),
          },
          {
            title: t('purchases.store'),
            dataIndex: 'storeId',
            width: 90,
            render: (id: string | null) => (id ? (storeName.get(id) ?? '') : ''),
          },
          {
            title: t('purchases.channel'),
            dataIndex: 'channel',
            width: 100,
            render: (c: string) => t(`purchases.channels.${c}`, { defaultValue: c }),
          },
          {
            title: t('purchases.total'),
            dataIndex: 'totalMinor',
            align: 'right',
            width: 100,
            render: money,
          },
        ]}
      />
      <PurchaseDrawer open={adding} onClose={() => setAdding(false)} onSubmit={save} />
    </Card>
  );
}
