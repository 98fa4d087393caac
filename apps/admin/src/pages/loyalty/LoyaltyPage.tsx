import { PlusOutlined } from '@ant-design/icons';
import { App, Button, Card, Flex, Table, Tag } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Category, EarningRule, LoyaltyProgram, Product, Store } from '@regulars/contracts';
import { api } from '../../api';
import { ErrorAlert } from '../../components/ErrorAlert';
import { Page } from '../../components/Page';
import { formatMoney } from '../../format';
import { currentLanguage } from '../../i18n';
import { useApiGet } from '../../use-api';
import { useCurrency } from '../../use-currency';
import { PreviewCard } from './PreviewCard';
import { ProgramCard } from './ProgramCard';
import { RuleDrawer, toRuleBody, type RuleFields } from './RuleDrawer';

/** The points programme: its settings, the earning rules, and a preview of what a basket earns. */
export function LoyaltyPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const lang = currentLanguage();
  const currency = useCurrency();
  const program = useApiGet<LoyaltyProgram>('/loyalty/program');
  const rules = useApiGet<EarningRule[]>('/loyalty/rules');
  const stores = useApiGet<Store[]>('/stores');
  const categories = useApiGet<Category[]>('/product-categories');
  const products = useApiGet<{ items: Product[] }>('/products?limit=200');
  const [editing, setEditing] = useState<EarningRule | 'new' | null>(null);

  const save = async (v: RuleFields) => {
    const body = toRuleBody(v, currency);
    if (editing === 'new') await api.post('/loyalty/rules', body);
    else if (editing)
      await api.put(`/loyalty/rules/${editing.ruleId}`, { ...body, version: editing.version });
    message.success(t('common.saved'));
    rules.reload();
  };
  const gives = (r: EarningRule) =>
    r.kind === 'spend'
      ? t('loyalty.rules.perAmount', {
          points: r.points,
          amount: formatMoney(r.perAmountMinor ?? 0, currency, lang),
        })
      : t('loyalty.rules.perAction', {
          points: r.points,
          action: t(`loyalty.actions.${r.action}`, { defaultValue: r.action ?? '' }),
        });
  const limits = (r: EarningRule) =>
    [
      r.weekdays.length ? r.weekdays.map((d) => t(`loyalty.weekday.d${d}`)).join(' ') : null,
      r.startsOn || r.endsOn ? `${r.startsOn ?? ''} – ${r.endsOn ?? ''}` : null,
      r.capPerMember ? `≤ ${r.capPerMember} / ${t(`loyalty.period.${r.capPeriod}`)}` : null,
      r.budgetPoints !== null ? `${t('loyalty.rules.budget')}: ${r.budgetPoints}` : null,
    ]
      .filter(Boolean)
      .join(' · ');

  return (
    <Page title={t('loyalty.nav')} description={t('loyalty.description')}>
      <Flex vertical gap={16}>
        <ErrorAlert error={program.error ?? rules.error} />
        {program.data && (
          <ProgramCard key={program.data.version} program={program.data} onSaved={program.reload} />
        )}
        <Card
          title={t('loyalty.rules.title')}
          extra={
            <Button
              type="primary"
              icon={<PlusOutlined />}
              onClick={() => setEditing('new')}
              data-testid="add-rule"
            >
              {t('loyalty.rules.add')}
            </Button>
          }
        >
          <Table<EarningRule>
            rowKey="ruleId"
            size="small"
            loading={rules.loading}
            dataSource={rules.data ?? []}
            pagination={false}
            locale={{ emptyText: t('loyalty.rules.none') }}
            onRow={(r) => ({ onClick: () => setEditing(r), style: { cursor: 'pointer' } })}
            columns={[
              { title: t('loyalty.rules.name'), dataIndex: 'name' },
              { title: t('loyalty.rules.what'), render: (_, r) => gives(r) },
              { title: t('loyalty.rules.limits'), render: (_, r) => limits(r) },
              { title: t('loyalty.rules.given'), dataIndex: 'awardedPoints', align: 'right' },
              {
                title: t('common.status'),
                render: (_, r) =>
                  r.active ? (
                    <Tag color="green">{t('common.active')}</Tag>
                  ) : (
                    <Tag>{t('common.inactive')}</Tag>
                  ),
              },
            ]}
          />
        </Card>
        <PreviewCard currency={currency} />
      </Flex>
      <RuleDrawer
        rule={editing}
        currency={currency}
        stores={(stores.data ?? []).map((s) => ({ value: s.storeId, label: s.name }))}
        categories={(categories.data ?? []).map((c) => ({ value: c.categoryId, label: c.name }))}
        products={(products.data?.items ?? []).map((p) => ({
          value: p.productId,
          label: `${p.name} (${p.sku})`,
        }))}
        onClose={() => setEditing(null)}
        onSubmit={save}
      />
    </Page>
  );
}
