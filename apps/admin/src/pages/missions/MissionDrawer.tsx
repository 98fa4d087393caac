import { Form, Input, InputNumber, Select, Switch } from 'antd';
import { useTranslation } from 'react-i18next';
import { MISSION_EVENTS, type Badge, type Mission, type Reward } from '@regulars/contracts';
import { FormDrawer } from '../../components/FormDrawer';

export type MissionFields = Omit<Mission, 'missionId' | 'version' | 'startsAt' | 'endsAt'>;

/** One mission: what it counts, how many times, and what completing it gives. */
export function MissionDrawer(props: {
  mission: Mission | 'new' | null;
  rewards: Reward[];
  badges: Badge[];
  onClose(): void;
  onSubmit(v: MissionFields): Promise<unknown>;
}) {
  const { t } = useTranslation();
  const m = props.mission && props.mission !== 'new' ? props.mission : null;
  return (
    <FormDrawer<MissionFields>
      title={m ? t('rewards.missions.edit') : t('rewards.missions.add')}
      open={!!props.mission}
      onClose={props.onClose}
      onSubmit={props.onSubmit}
      width={520}
      initialValues={
        m ?? {
          kind: 'count',
          eventType: 'purchase.recorded',
          target: 3,
          rewardPoints: 0,
          repeatable: false,
          active: true,
        }
      }
    >
      <Form.Item
        name="name"
        label={t('rewards.missions.name')}
        rules={[{ required: true, whitespace: true, message: t('form.required') }]}
      >
        <Input maxLength={80} />
      </Form.Item>
      <Form.Item name="kind" label={t('rewards.missions.kind')}>
        <Select
          options={[
            { value: 'count', label: t('rewards.missions.kindCount') },
            { value: 'streak', label: t('rewards.missions.kindStreak') },
          ]}
        />
      </Form.Item>
      <Form.Item name="eventType" label={t('rewards.missions.event')}>
        <Select
          options={MISSION_EVENTS.map((e) => ({
            value: e,
            label: t(`rewards.missions.events.${e}`),
          }))}
        />
      </Form.Item>
      <Form.Item
        name="eventFilter"
        label={t('rewards.missions.filter')}
        extra={t('rewards.missions.filterHelp')}
      >
        <Input maxLength={60} />
      </Form.Item>
      <Form.Item
        name="target"
        label={t('rewards.missions.target')}
        rules={[{ required: true, message: t('form.required') }]}
      >
        <InputNumber min={1} max={1000} />
      </Form.Item>
      <Form.Item name="windowDays" label={t('rewards.missions.windowDays')}>
        <InputNumber min={1} max={3660} />
      </Form.Item>
      <Form.Item name="rewardPoints" label={t('rewards.missions.rewardPoints')}>
        <InputNumber min={0} />
      </Form.Item>
      <Form.Item name="rewardId" label={t('rewards.missions.reward')}>
        <Select
          allowClear
          options={props.rewards.map((r) => ({ value: r.rewardId, label: r.name }))}
        />
      </Form.Item>
      <Form.Item name="badgeId" label={t('rewards.missions.badge')}>
        <Select
          allowClear
          options={props.badges.map((b) => ({ value: b.badgeId, label: b.name }))}
        />
      </Form.Item>
      <Form.Item name="repeatable" label={t('rewards.missions.repeatable')} valuePropName="checked">
        <Switch />
      </Form.Item>
      <Form.Item name="active" label={t('common.active')} valuePropName="checked">
        <Switch />
      </Form.Item>
    </FormDrawer>
  );
}

/** The API body: empty optional fields become null. */
export const toMissionBody = (v: MissionFields) => ({
  ...v,
  description: v.description ?? '',
  eventFilter: v.eventFilter?.trim() || null,
  windowDays: v.windowDays ?? null,
  rewardPoints: v.rewardPoints ?? 0,
  rewardId: v.rewardId ?? null,
  badgeId: v.badgeId ?? null,
});
