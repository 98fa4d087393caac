import { CheckOutlined, CloseOutlined, EditOutlined } from '@ant-design/icons';
import { App, Button, Space, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { Task } from '@regulars/contracts';
import { api } from '../../api';
import { formatMinute } from '../../format';
import { currentLanguage } from '../../i18n';
import { useSession } from '../../session';
import { toApiError } from '../../use-api';
import { TaskDrawer, toTaskBody, type TaskFields } from './TaskDrawer';

const STATUS_COLORS = { open: 'blue', done: 'green', cancelled: 'default' } as const;

/** Tasks with their member, assignee and due date; done, cancel and edit where allowed. */
export function TaskTable(props: {
  tasks: Task[];
  loading: boolean;
  showMember?: boolean;
  onChanged(): void;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const session = useSession();
  const lang = currentLanguage();
  const [editing, setEditing] = useState<Task | null>(null);
  const canModify = session.can('members.modify');

  const patch = async (task: Task, body: Record<string, unknown>) => {
    try {
      await api.patch<Task>(`/tasks/${task.taskId}`, { ...body, version: task.version });
      message.success(t('common.saved'));
      props.onChanged();
    } catch (e) {
      message.error(toApiError(e).message);
      props.onChanged();
    }
  };

  const save = async (v: TaskFields) => {
    if (!editing) return;
    await api.patch<Task>(`/tasks/${editing.taskId}`, {
      ...toTaskBody(v),
      version: editing.version,
    });
    message.success(t('common.saved'));
    props.onChanged();
  };

  return (
    <>
      <Table<Task>
        rowKey="taskId"
        size="small"
        loading={props.loading}
        dataSource={props.tasks}
        pagination={{ pageSize: 20, hideOnSinglePage: true }}
        locale={{ emptyText: t('tasks.none') }}
        columns={[
          {
            title: t('tasks.title'),
            render: (_, task) => (
              <div>
                <Typography.Text strong>{task.title}</Typography.Text>
                {task.details && (
                  <div>
                    <Typography.Text type="secondary">{task.details}</Typography.Text>
                  </div>
                )}
              </div>
            ),
          },
          ...(props.showMember
            ? [
                {
                  title: t('tasks.member'),
                  render: (_: unknown, task: Task) =>
                    task.memberId ? (
                      <Link to={`/members/${task.memberId}`}>{task.memberName}</Link>
                    ) : (
                      '—'
                    ),
                },
              ]
            : []),
          {
            title: t('tasks.assignee'),
            render: (_, task) => task.assigneeName ?? t('tasks.unassigned'),
          },
          {
            title: t('tasks.due'),
            render: (_, task) => {
              if (!task.dueAt) return '—';
              const late = task.status === 'open' && new Date(task.dueAt) < new Date();
              return (
                <Typography.Text type={late ? 'danger' : undefined}>
                  {formatMinute(task.dueAt, lang)}
                  {late && ` · ${t('tasks.overdue')}`}
                </Typography.Text>
              );
            },
          },
          {
            title: t('common.status'),
            width: 90,
            render: (_, task) => (
              <Tag color={STATUS_COLORS[task.status]}>{t(`tasks.statuses.${task.status}`)}</Tag>
            ),
          },
          ...(canModify
            ? [
                {
                  title: t('common.actions'),
                  width: 220,
                  render: (_: unknown, task: Task) => (
                    <Space size={0}>
                      {task.status === 'open' && (
                        <>
                          <Button
                            type="link"
                            size="small"
                            icon={<CheckOutlined />}
                            onClick={() => void patch(task, { status: 'done' })}
                          >
                            {t('tasks.markDone')}
                          </Button>
                          <Button
                            type="link"
                            size="small"
                            icon={<CloseOutlined />}
                            onClick={() => void patch(task, { status: 'cancelled' })}
                          >
                            {t('tasks.cancel')}
                          </Button>
                        </>
                      )}
                      <Button
                        type="link"
                        size="small"
                        icon={<EditOutlined />}
                        onClick={() => setEditing(task)}
                      >
                        {t('common.edit')}
                      </Button>
                    </Space>
                  ),
                },
              ]
            : []),
        ]}
      />
      <TaskDrawer task={editing} onClose={() => setEditing(null)} onSubmit={save} />
    </>
  );
}
