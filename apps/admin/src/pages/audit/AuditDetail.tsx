import { Table, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { AuditEntry } from '@regulars/contracts';

type Row = { field: string; before: unknown; after: unknown; changed: boolean };

const asRecord = (v: unknown): Record<string, unknown> | null =>
  v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : null;

/** Field by field: what the record was before and after; changed fields first. */
function rowsOf(e: AuditEntry): Row[] {
  const before = asRecord(e.before);
  const after = asRecord(e.after);
  if (!before && !after) return [];
  if ((e.before !== null && !before) || (e.after !== null && !after))
    return [{ field: '—', before: e.before, after: e.after, changed: true }];
  const keys = [...new Set([...Object.keys(before ?? {}), ...Object.keys(after ?? {})])];
  return keys
    .map((field) => {
      const b = before?.[field];
      const a = after?.[field];
      return { field, before: b, after: a, changed: JSON.stringify(b) !== JSON.stringify(a) };
    })
    .sort((x, y) => Number(y.changed) - Number(x.changed));
}

const show = (v: unknown) =>
  v === undefined ? (
    <Typography.Text type="secondary">—</Typography.Text>
  ) : (
    <Typography.Text code style={{ whiteSpace: 'pre-wrap', wordBreak: 'break-all' }}>
      {typeof v === 'string' ? v : JSON.stringify(v)}
    </Typography.Text>
  );

export function AuditDetail({ entry }: { entry: AuditEntry }) {
  const { t } = useTranslation();
  return (
    <Table<Row>
      size="small"
      rowKey="field"
      pagination={false}
      data-testid="audit-detail"
      dataSource={rowsOf(entry)}
      rowClassName={(r) => (r.changed ? '' : 'audit-unchanged')}
      columns={[
        { title: t('audit.field'), dataIndex: 'field', width: 180 },
        { title: t('audit.before'), render: (_, r) => show(r.before) },
        { title: t('audit.after'), render: (_, r) => show(r.after) },
      ]}
    />
  );
}
