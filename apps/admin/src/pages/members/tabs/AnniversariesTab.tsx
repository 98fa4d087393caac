import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { App, Button, Card, Flex, Form, Input, Popconfirm, Select, Table } from 'antd';
import { useTranslation } from 'react-i18next';
import { AnniversaryKind } from '@regulars/contracts';
import { api } from '../../../api';
import { ErrorAlert } from '../../../components/ErrorAlert';
import { formatDate } from '../../../format';
import { currentLanguage } from '../../../i18n';
import { useSession } from '../../../session';
import { toApiError, useApiGet } from '../../../use-api';

type Anniversary = { anniversaryId: string; kind: string; label: string; date: string };
type Fields = { kind: string; label?: string; date: string };

/** Dates worth remembering: wedding, first visit, a child's birthday. */
export function AnniversariesTab({ memberId }: { memberId: string }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const session = useSession();
  const lang = currentLanguage();
  const [form] = Form.useForm<Fields>();
  const list = useApiGet<Anniversary[]>(`/members/${memberId}/anniversaries`);
  const canModify = session.can('members.modify');

  const add = async (v: Fields) => {
    try {
      await api.post(`/members/${memberId}/anniversaries`, { ...v, label: v.label ?? '' });
      form.resetFields();
      list.reload();
    } catch (e) {
      message.error(toApiError(e).message);
    }
  };
  const remove = async (id: string) => {
    try {
      await api.delete(`/anniversaries/${id}`);
      list.reload();
    } catch (e) {
      message.error(toApiError(e).message);
    }
  };

  return (
    <Card>
      {canModify && (
        <Form
          form={form}
          layout="inline"
          onFinish={(v) => void add(v)}
          style={{ marginBottom: 16 }}
        >
          <Form.Item name="kind" rules={[{ required: true, message: t('form.required') }]}>
            <Select
              placeholder={t('anniversaries.kind')}
              style={{ width: 150 }}
              options={AnniversaryKind.options.map((k) => ({
                value: k,
                label: t(`anniversaries.kinds.${k}`),
              }))}
            />
          </Form.Item>
          <Form.Item name="label">
            <Input placeholder={t('anniversaries.label')} maxLength={80} style={{ width: 180 }} />
          </Form.Item>
          <Form.Item name="date" rules={[{ required: true, message: t('form.required') }]}>
            <Input type="date" aria-label={t('anniversaries.date')} min="1900-01-01" />
          </Form.Item>
          <Button htmlType="submit" icon={<PlusOutlined />}>
            {t('anniversaries.add')}
          </Button>
        </Form>
      )}
      <ErrorAlert error={list.error} />
      <Table<Anniversary>
        rowKey="anniversaryId"
        size="small"
        loading={list.loading}
        dataSource={list.data ?? []}
        pagination={false}
        locale={{ emptyText: t('anniversaries.none') }}
        columns={[
          {
            title: t('anniversaries.kind'),
            dataIndex: 'kind',
            render: (k: string) => t(`anniversaries.kinds.${k}`, { defaultValue: k }),
          },
          { title: t('anniversaries.label'), dataIndex: 'label' },
          {
            title: t('anniversaries.date'),
            dataIndex: 'date',
            render: (d: string) => formatDate(d, lang),
          },
          ...(canModify
            ? [
                {
                  title: '',
                  width: 60,
                  render: (_: unknown, a: Anniversary) => (
                    <Flex justify="flex-end">
                      <Popconfirm
                        title={t('anniversaries.deleteConfirm')}
                        okText={t('common.delete')}
                        cancelText={t('common.cancel')}
                        onConfirm={() => remove(a.anniversaryId)}
                      >
                        <Button
                          type="text"
                          danger
                          aria-label={t('common.delete')}
                          icon={<DeleteOutlined />}
                        />
                      </Popconfirm>
                    </Flex>
                  ),
                },
              ]
            : []),
        ]}
      />
    </Card>
  );
}
