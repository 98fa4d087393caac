import { DownloadOutlined, PlusOutlined, SearchOutlined } from '@ant-design/icons';
import { Button, Card, Dropdown, Flex, Input, Select, Space, Table, Tag, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useSearchParams } from 'react-router';
import type { Member } from '@regulars/contracts';
import { api, query } from '../../api';
import { ErrorAlert } from '../../components/ErrorAlert';
import { Page } from '../../components/Page';
import { formatDate } from '../../format';
import { currentLanguage } from '../../i18n';
import { useSession } from '../../session';
import { useApiGet } from '../../use-api';
import { MemberDrawer } from './MemberDrawer';

type MemberPage = { items: Member[]; nextCursor: string | null };

/** Waits until `value` has stopped changing for `ms` (search as you type). */
function useDebounced<T>(value: T, ms: number): T {
  const [v, setV] = useState(value);
  useEffect(() => {
    const id = setTimeout(() => setV(value), ms);
    return () => clearTimeout(id);
  }, [value, ms]);
  return v;
}

/** Members: instant search by name, pinyin, initials, phone or card; filters; add. */
export function MembersPage() {
  const { t } = useTranslation();
  const session = useSession();
  const navigate = useNavigate();
  const lang = currentLanguage();
  const [text, setText] = useState('');
  const [tag, setTag] = useState<string | undefined>();
  const [storeId, setStoreId] = useState<string | undefined>();
  // ?new=1&phone=… opens the form (a call from a number no member has).
  const [params, setParams] = useSearchParams();
  const fromCall = params.get('new') === '1';
  const [adding, setAdding] = useState(false);
  const q = useDebounced(text.trim(), 250);
  const path = `/members${query({ q, tag, homeStoreId: storeId, limit: 50 })}`;
  const first = useApiGet<MemberPage>(path);
  const [more, setMore] = useState<{ path: string; pages: MemberPage[] }>({ path, pages: [] });
  const [loadingMore, setLoadingMore] = useState(false);
  const extra = more.path === path ? more.pages : [];
  const items = [...(first.data?.items ?? []), ...extra.flatMap((p) => p.items)];
  const nextCursor = extra.length ? extra[extra.length - 1]!.nextCursor : first.data?.nextCursor;
  const storeName = new Map(session.stores.map((s) => [s.storeId, s.name]));
  // Tags seen so far make the filter's choices; any tag can still be typed.
  const knownTags = [...new Set(items.flatMap((m) => m.tags))].sort();

  const loadMore = async () => {
    if (!nextCursor) return;
    setLoadingMore(true);
    try {
      const page = await api.get<MemberPage>(
        `/members${query({ q, tag, homeStoreId: storeId, limit: 50, cursor: nextCursor })}`,
      );
      setMore({ path, pages: [...extra, page] });
    } finally {
      setLoadingMore(false);
    }
  };

  return (
    <Page
      title={t('nav.members')}
      description={t('members.description')}
      extra={
        <Space>
          {session.can('members.export') && (
            <Dropdown
              menu={{
                items: (['xlsx', 'csv'] as const).map((format) => ({
                  key: format,
                  label: (
                    <a
                      href={`/api/members/export${query({ format, q, tag, homeStoreId: storeId })}`}
                      download
                    >
                      {t(`members.export.${format}`)}
                    </a>
                  ),
                })),
              }}
            >
              <Button icon={<DownloadOutlined />}>{t('members.export.button')}</Button>
            </Dropdown>
          )}
          {session.can('members.add') && (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setAdding(true)}>
              {t('members.add')}
            </Button>
          )}
        </Space>
      }
    >
      <ErrorAlert error={first.error} />
      <Card styles={{ body: { padding: 0 } }}>
        <Flex gap={12} wrap style={{ padding: 16 }} align="center">
          <Input
            allowClear
            autoFocus
            prefix={<SearchOutlined />}
            placeholder={t('members.searchPlaceholder')}
            aria-label={t('members.search')}
            data-testid="member-search"
            value={text}
            onChange={(e) => setText(e.target.value)}
            style={{ width: 380 }}
          />
          <Select
            allowClear
            showSearch
            data-testid="member-tag-filter"
            placeholder={t('members.allTags')}
            value={tag}
            onChange={setTag}
            options={[...new Set([...(tag ? [tag] : []), ...knownTags])].map((x) => ({
              value: x,
              label: x,
            }))}
            style={{ width: 180 }}
          />
          <Select
            allowClear
            data-testid="member-store-filter"
            placeholder={t('members.allStores')}
            value={storeId}
            onChange={setStoreId}
            options={session.stores.map((s) => ({ value: s.storeId, label: s.name }))}
            style={{ width: 180 }}
          />
          <Typography.Text type="secondary">{t('members.searchHint')}</Typography.Text>
        </Flex>
        <Table<Member>
          rowKey="memberId"
          loading={first.loading}
          dataSource={items}
          pagination={false}
          onRow={(m) => ({
            onClick: () => navigate(`/members/${m.memberId}`),
            style: { cursor: 'pointer' },
          })}
          columns={[
            {
              title: t('members.cardNumber'),
              dataIndex: 'cardNumber',
              width: 130,
              render: (c: string, m) => (
                <Link to={`/members/${m.memberId}`} onClick={(e) => e.stopPropagation()}>
                  {c}
                </Link>
              ),
            },
            {
              title: t('members.name'),
              render: (_, m) => (
                <Space size={4} orientation="vertical">
                  <Typography.Text strong>{m.name}</Typography.Text>
                  {m.addressAs && m.addressAs !== m.name && (
                    <Typography.Text type="secondary">{m.addressAs}</Typography.Text>
                  )}
                </Space>
              ),
            },
            { title: t('members.phone'), dataIndex: 'phone', width: 150 },
            {
              title: t('members.tags'),
              dataIndex: 'tags',
              render: (tags: string[]) => (
                <Space size={[4, 4]} wrap>
                  {tags.map((x) => (
                    <Tag key={x}>{x}</Tag>
                  ))}
                </Space>
              ),
            },
            {
              title: t('members.homeStore'),
              dataIndex: 'homeStoreId',
              width: 120,
              render: (id: string | null) => (id ? (storeName.get(id) ?? '') : ''),
            },
            {
              title: t('members.joined'),
              dataIndex: 'createdAt',
              width: 120,
              render: (at: string) => formatDate(at, lang),
            },
          ]}
          locale={{ emptyText: q || tag || storeId ? t('members.noMatch') : t('members.none') }}
        />
        {nextCursor && (
          <Flex justify="center" style={{ padding: 16 }}>
            <Button onClick={() => void loadMore()} loading={loadingMore}>
              {t('members.loadMore')}
            </Button>
          </Flex>
        )}
      </Card>
      <MemberDrawer
        member={adding || fromCall ? 'new' : null}
        phone={fromCall ? (params.get('phone') ?? undefined) : undefined}
        onClose={() => {
          setAdding(false);
          if (fromCall) setParams({}, { replace: true });
        }}
        onSaved={(m) => navigate(`/members/${m.memberId}`)}
      />
    </Page>
  );
}
