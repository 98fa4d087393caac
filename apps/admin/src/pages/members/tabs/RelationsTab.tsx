import { Form, Input, Radio, Select } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { RelationKind } from '@regulars/contracts';
import { MemberPicker } from '../MemberPicker';
import { RecordsTab } from './RecordsTab';

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

const toBody = (v: Fields) => {
  const note = v.note?.trim() ?? '';
  return v.who === 'member'
    ? { kind: v.kind, relatedMemberId: v.relatedMemberId, note }
    : {
        kind: v.kind,
        contactName: v.contactName,
        contactPhone: v.contactPhone?.trim() || null,
        note,
      };
};

/** Relatives and friends (親友): other members, or people who are not members. */
export function RelationsTab({ memberId }: { memberId: string }) {
  const { t } = useTranslation();
  const required = [{ required: true, whitespace: true, message: t('form.required') }];
  return (
    <RecordsTab<Relation, Fields>
      testId="relations"
      path={`/members/${memberId}/relations`}
      rowKey="relationId"
      deletePath={(r) => `/relations/${r.relationId}`}
      initialValues={{ who: 'member' }}
      toBody={toBody}
      texts={{
        add: t('relations.add'),
        none: t('relations.none'),
        deleteConfirm: t('relations.deleteConfirm'),
      }}
      fields={
        <>
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
                  <Form.Item name="contactName" label={t('relations.contactName')} rules={required}>
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
        </>
      }
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
              t('timeline.notMember', { name: r.contactName ?? '' })
            ),
        },
        { title: t('relations.note'), dataIndex: 'note' },
      ]}
    />
  );
}
