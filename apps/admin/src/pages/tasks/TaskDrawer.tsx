import { Form, Input, Select } from 'antd';
import { useTranslation } from 'react-i18next';
import type { Task } from '@regulars/contracts';
import { FormDrawer } from '../../components/FormDrawer';
import { useSession } from '../../session';
import { useApiGet } from '../../use-api';

export type TaskFields = {
  title: string;
  details?: string;
  assigneeId?: string | null;
  due?: string;
};

const pad = (n: number) => String(n).padStart(2, '0');
/** An ISO moment as a datetime-local input value, in this browser's time zone. */
function toLocalInput(iso: string | null): string {
  if (!iso) return '';
  const d = new Date(iso);
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

export function toTaskBody(v: TaskFields) {
  return {
    title: v.title,
    details: v.details?.trim() ?? '',
    assigneeId: v.assigneeId ?? null,
    dueAt: v.due ? new Date(v.due).toISOString() : null,
  };
}

/** A task: what, for whom, by when, and who does it (any active colleague). */
export function TaskDrawer(props: {
  task: Task | 'new' | null;
  onClose(): void;
  onSubmit(v: TaskFields): Promise<unknown>;
}) {
  const { t } = useTranslation();
  const session = useSession();
  const staff = useApiGet<{ staffId: string; name: string }[]>(
    props.task ? '/staff/directory' : null,
  );
  const existing = props.task && props.task !== 'new' ? props.task : null;
  const people = new Map<string, string>([[session.staff.staffId, session.staff.name]]);
  if (existing?.assigneeId) people.set(existing.assigneeId, existing.assigneeName ?? '');
  for (const s of staff.data ?? []) people.set(s.staffId, s.name);
  return (
    <FormDrawer<TaskFields>
      title={existing ? t('tasks.edit') : t('tasks.add')}
      open={!!props.task}
      onClose={props.onClose}
      onSubmit={props.onSubmit}
      initialValues={
        existing
          ? {
              title: existing.title,
              details: existing.details,
              assigneeId: existing.assigneeId,
              due: toLocalInput(existing.dueAt),
            }
          : { assigneeId: session.staff.staffId }
      }
    >
      <Form.Item
        name="title"
        label={t('tasks.title')}
        rules={[{ required: true, whitespace: true, message: t('form.required') }]}
      >
        <Input maxLength={200} />
      </Form.Item>
      <Form.Item name="details" label={t('tasks.details')}>
        <Input.TextArea autoSize={{ minRows: 2, maxRows: 6 }} maxLength={5000} />
      </Form.Item>
      <Form.Item name="assigneeId" label={t('tasks.assignee')}>
        <Select
          allowClear
          placeholder={t('tasks.unassigned')}
          options={[...people].map(([value, label]) => ({
            value,
            label: value === session.staff.staffId ? t('tasks.me', { name: label }) : label,
          }))}
        />
      </Form.Item>
      <Form.Item name="due" label={t('tasks.due')}>
        <Input type="datetime-local" style={{ width: 240 }} />
      </Form.Item>
    </FormDrawer>
  );
}
