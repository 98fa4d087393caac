import { Card, Empty, Segmented, Space, Spin } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { query } from '../../api';
import { ErrorAlert } from '../../components/ErrorAlert';
import { Page } from '../../components/Page';
import { useApiGet } from '../../use-api';
import { DuplicateGroupCard, type Group } from './DuplicateGroupCard';

type Reason = 'all' | Group['reason'];

/** Members who look like the same person (same phone, email, or name and birthday): merge them. */
export function DuplicatesPage() {
  const { t } = useTranslation();
  const [reason, setReason] = useState<Reason>('all');
  const groups = useApiGet<Group[]>(
    `/members/duplicates${query({ reason: reason === 'all' ? undefined : reason, limit: 50 })}`,
  );
  return (
    <Page
      title={t('nav.duplicates')}
      description={t('duplicates.description')}
      extra={
        <Segmented<Reason>
          value={reason}
          onChange={setReason}
          options={(['all', 'phone', 'email', 'name_birthday'] as const).map((r) => ({
            value: r,
            label: t(`duplicates.reasons.${r}`),
          }))}
        />
      }
    >
      <ErrorAlert error={groups.error} />
      {groups.loading && !groups.data ? (
        <Spin />
      ) : groups.data?.length ? (
        <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
          {groups.data.map((g) => (
            <DuplicateGroupCard
              key={`${g.reason}-${g.members.map((m) => m.memberId).join()}`}
              group={g}
              onMerged={groups.reload}
            />
          ))}
        </Space>
      ) : (
        <Card>
          <Empty description={t('duplicates.none')} />
        </Card>
      )}
    </Page>
  );
}
