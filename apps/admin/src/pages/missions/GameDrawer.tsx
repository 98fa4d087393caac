import { MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import { Button, Form, Input, InputNumber, Select, Space, Switch, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { Game, Reward } from '@regulars/contracts';
import { FormDrawer } from '../../components/FormDrawer';

type PrizeFields = {
  label: string;
  oddsPercent: number;
  points?: number;
  rewardId?: string | null;
  quantity?: number | null;
};
export type GameFields = {
  name: string;
  costPoints?: number;
  playsPerDay?: number | null;
  budgetPoints?: number | null;
  active: boolean;
  prizes: PrizeFields[];
};

/** Chances are typed in percent and sent in parts per million. */
export const toGameBody = (v: GameFields) => ({
  name: v.name.trim(),
  costPoints: v.costPoints ?? 0,
  playsPerDay: v.playsPerDay ?? null,
  budgetPoints: v.budgetPoints ?? null,
  active: v.active,
  prizes: v.prizes.map((p) => ({
    label: p.label.trim(),
    oddsPpm: Math.round(p.oddsPercent * 10_000),
    points: p.points ?? 0,
    rewardId: p.rewardId ?? null,
    quantity: p.quantity ?? null,
  })),
});

/** An instant-win game: cost, limits, budget, and prizes with their chances. */
export function GameDrawer(props: {
  game: Game | 'new' | null;
  rewards: Reward[];
  onClose(): void;
  onSubmit(v: GameFields): Promise<unknown>;
}) {
  const { t } = useTranslation();
  const [form] = Form.useForm<GameFields>();
  const prizes = Form.useWatch('prizes', form) ?? [];
  const total = prizes.reduce((s, p) => s + (p?.oddsPercent ?? 0), 0);
  const g = props.game && props.game !== 'new' ? props.game : null;
  return (
    <FormDrawer<GameFields>
      title={g ? t('rewards.games.edit') : t('rewards.games.add')}
      open={!!props.game}
      form={form}
      onClose={props.onClose}
      onSubmit={props.onSubmit}
      width={720}
      initialValues={
        g
          ? { ...g, prizes: g.prizes.map((p) => ({ ...p, oddsPercent: p.oddsPpm / 10_000 })) }
          : { active: true, costPoints: 0, prizes: [{ label: '', oddsPercent: 10, points: 10 }] }
      }
    >
      <Form.Item
        name="name"
        label={t('rewards.games.name')}
        rules={[{ required: true, whitespace: true, message: t('form.required') }]}
      >
        <Input maxLength={80} />
      </Form.Item>
      <Space wrap>
        <Form.Item name="costPoints" label={t('rewards.games.cost')}>
          <InputNumber min={0} />
        </Form.Item>
        <Form.Item name="playsPerDay" label={t('rewards.games.playsPerDay')}>
          <InputNumber min={1} max={1000} />
        </Form.Item>
        <Form.Item name="budgetPoints" label={t('rewards.games.budget')}>
          <InputNumber min={0} />
        </Form.Item>
      </Space>
      <Typography.Title level={5}>{t('rewards.games.prizes')}</Typography.Title>
      <Form.List name="prizes">
        {(fields, { add, remove }) => (
          <>
            {fields.map((f) => (
              <Space key={f.key} align="baseline" wrap>
                <Form.Item
                  name={[f.name, 'label']}
                  rules={[{ required: true, whitespace: true, message: t('form.required') }]}
                >
                  <Input
                    placeholder={t('rewards.games.label')}
                    maxLength={80}
                    style={{ width: 140 }}
                  />
                </Form.Item>
                <Form.Item
                  name={[f.name, 'oddsPercent']}
                  rules={[{ required: true, message: t('form.required') }]}
                >
                  <InputNumber
                    placeholder={t('rewards.games.odds')}
                    min={0.0001}
                    max={100}
                    step={0.1}
                    addonAfter="%"
                  />
                </Form.Item>
                <Form.Item name={[f.name, 'points']}>
                  <InputNumber
                    placeholder={t('rewards.games.points')}
                    min={0}
                    style={{ width: 90 }}
                  />
                </Form.Item>
                <Form.Item name={[f.name, 'rewardId']}>
                  <Select
                    allowClear
                    placeholder={t('rewards.missions.reward')}
                    style={{ width: 150 }}
                    options={props.rewards.map((r) => ({ value: r.rewardId, label: r.name }))}
                  />
                </Form.Item>
                <Form.Item name={[f.name, 'quantity']}>
                  <InputNumber
                    placeholder={t('rewards.games.quantity')}
                    min={0}
                    style={{ width: 90 }}
                  />
                </Form.Item>
                <MinusCircleOutlined
                  aria-label={t('common.delete')}
                  onClick={() => remove(f.name)}
                />
              </Space>
            ))}
            <Button
              type="dashed"
              icon={<PlusOutlined />}
              onClick={() => add({ oddsPercent: 1, points: 0 })}
            >
              {t('rewards.games.addPrize')}
            </Button>
          </>
        )}
      </Form.List>
      <Typography.Paragraph type={total > 100 ? 'danger' : 'secondary'} style={{ marginTop: 12 }}>
        {t('rewards.games.oddsTotal', { total: Math.round(total * 10_000) / 10_000 })}
      </Typography.Paragraph>
      <Form.Item name="active" label={t('common.active')} valuePropName="checked">
        <Switch />
      </Form.Item>
    </FormDrawer>
  );
}
