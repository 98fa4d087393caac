import { PlusOutlined } from '@ant-design/icons';
import { App, Button, Card, Flex } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Task } from '@regulars/contracts';
import { api } from '../../../api';
import { ErrorAlert } from '../../../components/ErrorAlert';
import { useSession } from '../../../session';
import { useApiGet } from '../../../use-api';
import { TaskDrawer, toTaskBody, type TaskFields } from '../../tasks/TaskDrawer';
import { TaskTable } from '../../tasks/TaskTable';

/** Tasks about this member, whoever they are assigned to. */
export function TasksTab(props: { memberId: string; onChanged(): void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const session = useSession();
  const tasks = useApiGet<Task[]>(`/tasks?memberId=${props.memberId}&limit=200`);
  const [adding, setAdding] = useState(false);
  const changed = () => {
    tasks.reload();
    props.onChanged();
  };
  const save = async (v: TaskFields) => {
    await api.post<Task>('/tasks', { ...toTaskBody(v), memberId: props.memberId });
    message.success(t('common.saved'));
    changed();
  };
  return (
    <Card styles={{ body: { padding: 0 } }}>
      {session.can('members.modify') && (
        <Flex justify="flex-end" style={{ padding: 12 }}>
          <Button icon={<PlusOutlined />} onClick={() => setAdding(true)}>
            {t('tasks.add')}
          </Button>
        </Flex>
      )}
      <ErrorAlert error={tasks.error} />
      <TaskTable tasks={tasks.data ?? []} loading={tasks.loading} onChanged={changed} />
      <TaskDrawer task={adding ? 'new' : null} onClose={() => setAdding(false)} onSubmit={save} />
    </Card>
  );
}
