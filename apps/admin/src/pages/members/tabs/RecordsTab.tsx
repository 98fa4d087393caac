import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { App, Button, Card, Flex, Form, Popconfirm, Table, type TableColumnsType } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../../api';
import { ErrorAlert } from '../../../components/ErrorAlert';
import { useSession } from '../../../session';
import { toApiError, useApiGet } from '../../../use-api';

/**
 * A member's list of small records (anniversaries, relatives and friends): a one-line form to add
 * one above a table, each row with a confirmed delete. Adding and deleting need "modify members";
 * the server's refusal (a duplicate, a bad date) is shown as its message.
 */
export function RecordsTab<T extends object, F extends object>(props: {
  /** GET lists, POST adds (`/members/:id/anniversaries`). */
  path: string;
  rowKey: keyof T & string;
  /** Where a row is deleted (`/anniversaries/:id`). */
  deletePath(row: T): string;
  /** The form's fields (Form.Items with labels), laid out in one wrapping row. */
  fields: ReactNode;
  initialValues?: Partial<F>;
  toBody(values: F): unknown;
  columns: TableColumnsType<T>;
  texts: { add: string; none: string; deleteConfirm: string };
  testId: string;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const session = useSession();
  const [form] = Form.useForm<F>();
  const list = useApiGet<T[]>(props.path);
  const canModify = session.can('members.modify');

  const run = async (work: () => Promise<unknown>) => {
    try {
      await work();
      list.reload();
      return true;
    } catch (e) {
      message.error(toApiError(e).message);
      return false;
    }
  };
  const add = async (values: F) => {
    if (await run(() => api.post(props.path, props.toBody(values)))) form.resetFields();
  };

  const remove: TableColumnsType<T>[number] = {
    title: '',
    width: 60,
    render: (_: unknown, row: T) => (
      <Flex justify="flex-end">
        <Popconfirm
          title={props.texts.deleteConfirm}
          okText={t('common.delete')}
          cancelText={t('common.cancel')}
          onConfirm={() => run(() => api.delete(props.deletePath(row)))}
        >
          <Button type="text" danger aria-label={t('common.delete')} icon={<DeleteOutlined />} />
        </Popconfirm>
      </Flex>
    ),
  };

  return (
    <Card data-testid={props.testId}>
      {canModify && (
        <Form<F>
          form={form}
          layout="vertical"
          initialValues={props.initialValues}
          onFinish={(v) => void add(v)}
          style={{ marginBottom: 16 }}
        >
          <Flex gap={12} wrap align="flex-start">
            {props.fields}
            <Form.Item label=" ">
              <Button htmlType="submit" icon={<PlusOutlined />}>
                {props.texts.add}
              </Button>
            </Form.Item>
          </Flex>
        </Form>
      )}
      <ErrorAlert error={list.error} />
      <Table<T>
        rowKey={props.rowKey}
        size="small"
        loading={list.loading}
        dataSource={list.data ?? []}
        pagination={false}
        locale={{ emptyText: props.texts.none }}
        columns={canModify ? [...props.columns, remove] : props.columns}
      />
    </Card>
  );
}
