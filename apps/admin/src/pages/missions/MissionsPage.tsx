import { PlusOutlined } from '@ant-design/icons';
import { App, Button, Flex, Input, Modal, Space, Table, Tabs, Tag } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Badge, Game, GameDraw, Mission, Reward } from '@regulars/contracts';
import { api, type ApiError } from '../../api';
import { ErrorAlert } from '../../components/ErrorAlert';
import { Page } from '../../components/Page';
import { formatMinute } from '../../format';
import { currentLanguage } from '../../i18n';
import { toApiError, useApiGet } from '../../use-api';
import { GameDrawer, toGameBody, type GameFields } from './GameDrawer';
import { MissionDrawer, toMissionBody, type MissionFields } from './MissionDrawer';

/** Missions and badges (任務), and instant-win games with their latest draws. */
export function MissionsPage() {
  const { t } = useTranslation();
  const rewards = useApiGet<Reward[]>('/rewards');
  const badges = useApiGet<Badge[]>('/badges');
  return (
    <Page title={t('rewards.nav.missions')} description={t('rewards.missions.description')}>
      <Tabs
        items={[
          {
            key: 'missions',
            label: t('rewards.missions.tab'),
            children: <Missions rewards={rewards.data ?? []} badges={badges.data ?? []} />,
          },
          {
            key: 'games',
            label: t('rewards.games.tab'),
            children: <Games rewards={rewards.data ?? []} />,
          },
          {
            key: 'badges',
            label: t('rewards.missions.badgesTab'),
            children: <Badges badges={badges.data ?? []} onChanged={badges.reload} />,
          },
        ]}
      />
    </Page>
  );
}

function Missions(props: { rewards: Reward[]; badges: Badge[] }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const missions = useApiGet<Mission[]>('/missions');
  const [editing, setEditing] = useState<Mission | 'new' | null>(null);
  const save = async (v: MissionFields) => {
    const body = toMissionBody(v);
    if (editing === 'new') await api.post('/missions', body);
    else if (editing)
      await api.put(`/missions/${editing.missionId}`, { ...body, version: editing.version });
    message.success(t('common.saved'));
    missions.reload();
  };
  return (
    <>
      <ErrorAlert error={missions.error} />
      <Flex justify="flex-end" style={{ marginBottom: 12 }}>
        <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing('new')}>
          {t('rewards.missions.add')}
        </Button>
      </Flex>
      <Table<Mission>
        rowKey="missionId"
        dataSource={missions.data ?? []}
        loading={missions.loading}
        pagination={false}
        columns={[
          { title: t('rewards.missions.name'), dataIndex: 'name' },
          {
            title: t('rewards.missions.event'),
            render: (_, m) =>
              `${t(`rewards.missions.events.${m.eventType}`)}${m.eventFilter ? ` (${m.eventFilter})` : ''}`,
          },
          {
            title: t('rewards.missions.target'),
            render: (_, m) =>
              `${m.kind === 'streak' ? t('rewards.missions.kindStreak') : t('rewards.missions.kindCount')}: ${m.target}${m.windowDays ? ` / ${m.windowDays}d` : ''}`,
          },
          { title: t('rewards.missions.rewardPoints'), dataIndex: 'rewardPoints', align: 'right' },
          {
            title: t('common.status'),
            render: (_, m) =>
              m.active ? (
                <Tag color="green">{t('common.active')}</Tag>
              ) : (
                <Tag>{t('common.inactive')}</Tag>
              ),
          },
          {
            title: t('common.actions'),
            render: (_, m) => (
              <Button type="link" onClick={() => setEditing(m)}>
                {t('common.edit')}
              </Button>
            ),
          },
        ]}
      />
      <MissionDrawer
        mission={editing}
        rewards={props.rewards}
        badges={props.badges}
        onClose={() => setEditing(null)}
        onSubmit={save}
      />
    </>
  );
}

function Games(props: { rewards: Reward[] }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const lang = currentLanguage();
  const games = useApiGet<Game[]>('/games');
  const [editing, setEditing] = useState<Game | 'new' | null>(null);
  const [drawsOf, setDrawsOf] = useState<Game | null>(null);
  const draws = useApiGet<GameDraw[]>(drawsOf ? `/games/${drawsOf.gameId}/draws?limit=100` : null);
  const save = async (v: GameFields) => {
    const body = toGameBody(v);
    if (editing === 'new') await api.post('/games', body);
    else if (editing)
      await api.put(`/games/${editing.gameId}`, { ...body, version: editing.version });
    message.success(t('common.saved'));
    games.reload();
  };
  return (
    <>
      <ErrorAlert error={games.error} />
      <Flex justify="flex-end" style={{ marginBottom: 12 }}>
        <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing('new')}>
          {t('rewards.games.add')}
        </Button>
      </Flex>
      <Table<Game>
        rowKey="gameId"
        dataSource={games.data ?? []}
        loading={games.loading}
        pagination={false}
        columns={[
          { title: t('rewards.games.name'), dataIndex: 'name' },
          {
            title: t('rewards.games.prizes'),
            render: (_, g) => g.prizes.map((p) => `${p.label} ${p.oddsPpm / 10_000}%`).join(' · '),
          },
          {
            title: t('rewards.games.budget'),
            render: (_, g) => `${g.spentPoints} / ${g.budgetPoints ?? '∞'}`,
          },
          {
            title: t('common.actions'),
            render: (_, g) => (
              <Space size={0}>
                <Button type="link" onClick={() => setEditing(g)}>
                  {t('common.edit')}
                </Button>
                <Button type="link" onClick={() => setDrawsOf(g)}>
                  {t('rewards.games.draws')}
                </Button>
              </Space>
            ),
          },
        ]}
      />
      <GameDrawer
        game={editing}
        rewards={props.rewards}
        onClose={() => setEditing(null)}
        onSubmit={save}
      />
      <Modal
        open={!!drawsOf}
        title={`${drawsOf?.name ?? ''} · ${t('rewards.games.draws')}`}
        footer={null}
        width={720}
        onCancel={() => setDrawsOf(null)}
      >
        <Table<GameDraw>
          rowKey="drawId"
          size="small"
          dataSource={draws.data ?? []}
          loading={draws.loading}
          pagination={false}
          columns={[
            { title: t('rewards.games.random'), dataIndex: 'randomValue', align: 'right' },
            {
              title: t('rewards.games.outcome'),
              render: (_, d) =>
                `${t(`rewards.games.outcomes.${d.outcome}`)}${d.prizeLabel ? ` · ${d.prizeLabel}` : ''}`,
            },
            { title: t('rewards.games.points'), dataIndex: 'pointsAwarded', align: 'right' },
            { title: '', render: (_, d) => formatMinute(d.at, lang) },
          ]}
        />
      </Modal>
    </>
  );
}

function Badges(props: { badges: Badge[]; onChanged(): void }) {
  const { t } = useTranslation();
  const [name, setName] = useState('');
  const [error, setError] = useState<ApiError | null>(null);
  const add = async () => {
    setError(null);
    try {
      await api.post('/badges', { name: name.trim() });
      setName('');
      props.onChanged();
    } catch (e) {
      setError(toApiError(e));
    }
  };
  return (
    <>
      <ErrorAlert error={error} />
      <Space.Compact style={{ marginBottom: 12 }}>
        <Input
          placeholder={t('rewards.missions.badgeName')}
          value={name}
          maxLength={60}
          onChange={(e) => setName(e.target.value)}
        />
        <Button type="primary" disabled={!name.trim()} onClick={add}>
          {t('rewards.missions.addBadge')}
        </Button>
      </Space.Compact>
      <Flex gap={8} wrap>
        {props.badges.map((b) => (
          <Tag key={b.badgeId} color="gold">
            {b.name}
          </Tag>
        ))}
      </Flex>
    </>
  );
}
