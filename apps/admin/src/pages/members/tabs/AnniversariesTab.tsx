import { Form, Input, Select } from 'antd';
import { useTranslation } from 'react-i18next';
import { AnniversaryKind } from '@regulars/contracts';
import { formatDate } from '../../../format';
import { currentLanguage } from '../../../i18n';
import { RecordsTab } from './RecordsTab';

type Anniversary = { anniversaryId: string; kind: string; label: string; date: string };
type Fields = { kind: string; label?: string; date: string };

/** Dates worth remembering: wedding, first visit, a child's birthday. */
export function AnniversariesTab({ memberId }: { memberId: string }) {
  const { t } = useTranslation();
  const lang = currentLanguage();
  const required = [{ required: true, message: t('form.required') }];
  return (
    <RecordsTab<Anniversary, Fields>
      testId="anniversaries"
      path={`/members/${memberId}/anniversaries`}
      rowKey="anniversaryId"
      deletePath={(a) => `/anniversaries/${a.anniversaryId}`}
      toBody={(v) => ({ ...v, label: v.label?.trim() ?? '' })}
      texts={{
        add: t('anniversaries.add'),
        none: t('anniversaries.none'),
        deleteConfirm: t('anniversaries.deleteConfirm'),
      }}
      fields={
        <>
          <Form.Item name="kind" label={t('anniversaries.kind')} rules={required}>
            <Select
              style={{ width: 150 }}
              options={AnniversaryKind.options.map((k) => ({
                value: k,
                label: t(`anniversaries.kinds.${k}`),
              }))}
            />
          </Form.Item>
          <Form.Item name="label" label={t('anniversaries.label')}>
            <Input maxLength={80} style={{ width: 180 }} />
          </Form.Item>
          <Form.Item name="date" label={t('anniversaries.date')} rules={required}>
            <Input type="date" min="1900-01-01" max="2100-12-31" />
          </Form.Item>
        </>
      }
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
      ]}
    />
  );
}
