import { Card, Segmented } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Task } from '@regulars/contracts';
import { query } from '../../api';
import { ErrorAlert } from '../../components/ErrorAlert';
import { Page } from '../../components/Page';
import { useApiGet } from '../../use-api';
import { TaskTable } from './TaskTable';

type Filter = 'open' | 'done' | 'cancelled' | 'all';

/** The tasks assigned to the signed-in staff member, open ones first. */
export function MyTasksPage() {
  const { t } = useTranslation();
  const [filter, setFilter] = useState<Filter>('open');
  const tasks = useApiGet<Task[]>(
    `/tasks${query({ mine: 'true', status: filter === 'all' ? undefined : filter, limit: 200 })}`,
  );
  return (
    <Page
      title={t('nav.tasks')}
      description={t('tasks.description')}
      extra={
        <Segmented<Filter>
          value={filter}
          onChange={setFilter}
          options={(['open', 'done', 'cancelled', 'all'] as const).map((f) => ({
            value: f,
            label: f === 'all' ? t('tasks.all') : t(`tasks.statuses.${f}`),
          }))}
        />
      }
    >
      <ErrorAlert error={tasks.error} />
      <Card styles={{ body: { padding: 0 } }}>
        <TaskTable
          tasks={tasks.data ?? []}
          loading={tasks.loading}
          showMember
          onChanged={tasks.reload}
        />
      </Card>
    </Page>
  );
}
