import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { App, Button, Card, Flex, Form, Input, Popconfirm, Radio, Select, Table } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { RelationKind } from '@regulars/contracts';
import { api } from '../../../api';
import { ErrorAlert } from '../../../components/ErrorAlert';
import { useSession } from '../../../session';
import { toApiError, useApiGet } from '../../../use-api';
import { MemberPicker } from '../MemberPicker';

type Relation = {
  relationId: string;
  kind: string;
  relatedMemberId: string | null;
  relatedMemberName: string | null;
  contactName: string | null;
  note: string;
};
type Fields = {
  kind: string;
  who: 'member' | 'contact';
  relatedMemberId?: string;
  contactName?: string;
  contactPhone?: string;
  note?: string;
};

/** Relatives and friends (親友): other members, or people who are not members. */
export function RelationsTab({ memberId }: { memberId: string }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const session = useSession();
  const [form] = Form.useForm<Fields>();
  const list = useApiGet<Relation[]>(`/members/${memberId}/relations`);
  const canModify = session.can('members.modify');

  const add = async (v: Fields) => {
    const note = v.note?.trim() ?? '';
    const body =
      v.who === 'member'
        ? { kind: v.kind, relatedMemberId: v.relatedMemberId, note }
        : {
            kind: v.kind,
            contactName: v.contactName,
            contactPhone: v.contactPhone?.trim() || null,
            note,
          };
    try {
      await api.post(`/members/${memberId}/relations`, body);
      form.resetFields();
      list.reload();
    } catch (e) {
      message.error(toApiError(e).message);
    }
  };
  const remove = async (id: string) => {
    try {
      await api.delete(`/relations/${id}`);
      list.reload();
    } catch (e) {
      message.error(toApiError(e).message);
    }
  };
  const required = [{ required: true, whitespace: true, message: t('form.required') }];

  return (
    <Card>
      {canModify && (
        <Form
          form={form}
          layout="vertical"
          initialValues={{ who: 'member' }}
          onFinish={(v) => void add(v)}
          style={{ marginBottom: 16 }}
        >
          <Flex gap={12} wrap align="flex-start">
            <Form.Item name="kind" label={t('relations.kind')} rules={required}>
              <Select
                style={{ width: 140 }}
                options={RelationKind.options.map((k) => ({
                  value: k,
                  label: t(`relations.kinds.${k}`),
                }))}
              />
            </Form.Item>
            <Form.Item name="who" label={t('relations.who')}>
              <Radio.Group
                optionType="button"
                options={[
                  { value: 'member', label: t('relations.aMember') },
                  { value: 'contact', label: t('relations.notMember') },
                ]}
              />
            </Form.Item>
            <Form.Item noStyle dependencies={['who']}>
              {({ getFieldValue }) =>
                getFieldValue('who') === 'member' ? (
                  <Form.Item
                    name="relatedMemberId"
                    label={t('relations.member')}
                    rules={[{ required: true, message: t('form.required') }]}
                    style={{ width: 240 }}
                  >
                    <MemberPicker exclude={memberId} />
                  </Form.Item>
                ) : (
                  <>
                    <Form.Item
                      name="contactName"
                      label={t('relations.contactName')}
                      rules={required}
                    >
                      <Input style={{ width: 140 }} maxLength={100} />
                    </Form.Item>
                    <Form.Item name="contactPhone" label={t('relations.contactPhone')}>
                      <Input style={{ width: 140 }} maxLength={40} />
                    </Form.Item>
                  </>
                )
              }
            </Form.Item>
            <Form.Item name="note" label={t('relations.note')}>
              <Input style={{ width: 160 }} maxLength={300} />
            </Form.Item>
            <Form.Item label=" ">
              <Button htmlType="submit" icon={<PlusOutlined />}>
                {t('relations.add')}
              </Button>
            </Form.Item>
          </Flex>
        </Form>
      )}
      <ErrorAlert error={list.error} />
      <Table<Relation>
        rowKey="relationId"
        size="small"
        loading={list.loading}
        dataSource={list.data ?? []}
        pagination={false}
        locale={{ emptyText: t('relations.none') }}
        columns={[
          {
            title: t('relations.kind'),
            dataIndex: 'kind',
            width: 120,
            render: (k: string) => t(`relations.kinds.${k}`, { defaultValue: k }),
          },
          {
            title: t('relations.who'),
            render: (_, r) =>
              r.relatedMemberId ? (
                <Link to={`/members/${r.relatedMemberId}`}>{r.relatedMemberName}</Link>
              ) : (
                `${r.contactName ?? ''} (${t('relations.notMember')})`
              ),
          },
          { title: t('relations.note'), dataIndex: 'note' },
          ...(canModify
            ? [
                {
                  title: '',
                  width: 60,
                  render: (_: unknown, r: Relation) => (
                    <Flex justify="flex-end">
                      <Popconfirm
                        title={t('relations.deleteConfirm')}
                        okText={t('common.delete')}
                        cancelText={t('common.cancel')}
                        onConfirm={() => remove(r.relationId)}
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
