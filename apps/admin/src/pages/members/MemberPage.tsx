import { ArrowLeftOutlined } from '@ant-design/icons';
import { App, Button, Col, Flex, Result, Row, Skeleton, Space, Spin, Tabs } from 'antd';
import { Suspense, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useParams } from 'react-router';
import type { CustomField, Member } from '@regulars/contracts';
import { api } from '../../api';
import { ErrorAlert } from '../../components/ErrorAlert';
import { useSession } from '../../session';
import { useApiGet, toApiError } from '../../use-api';
import { ConsentCard } from './ConsentCard';
import { MemberDrawer } from './MemberDrawer';
import { MemberHeader } from './MemberHeader';
import { ProfileCard } from './ProfileCard';
import { MEMBER_TABS } from './member-tabs';

/** Member 360: profile, contacts and consent on the left; timeline and records on the right. */
export function MemberPage() {
  const { id = '' } = useParams();
  const { t } = useTranslation();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const session = useSession();
  const loaded = useApiGet<Member>(`/members/${id}`);
  const fields = useApiGet<CustomField[]>('/custom-fields');
  // Contact details shown in full after "show contact details" (each view is audited).
  const [revealed, setRevealed] = useState<Member | null>(null);
  const [revealing, setRevealing] = useState(false);
  const [editing, setEditing] = useState(false);
  const [changes, setChanges] = useState(0);
  const changed = () => setChanges((n) => n + 1);
  const member =
    revealed && loaded.data && revealed.version === loaded.data.version ? revealed : loaded.data;
  // A record merged into another (410 member.merged): go on to the member who holds it now.
  const merged = loaded.error?.code === 'member.merged' ? loaded.error : null;
  useEffect(() => {
    const to = merged?.details.mergedInto;
    if (!merged || typeof to !== 'string') return;
    message.info(merged.message);
    navigate(`/members/${to}`, { replace: true });
  }, [merged, message, navigate]);

  const reveal = async () => {
    setRevealing(true);
    try {
      setRevealed(await api.get<Member>(`/members/${id}/contact`));
    } catch (e) {
      message.error(toApiError(e).message);
    } finally {
      setRevealing(false);
    }
  };

  if (loaded.error?.status === 404)
    return (
      <Result
        status="404"
        title={t('members.notFound')}
        subTitle={loaded.error.message}
        extra={<Button onClick={() => navigate('/members')}>{t('members.backToList')}</Button>}
      />
    );
  if (!member)
    return (
      <>
        <ErrorAlert error={loaded.error} />
        <Skeleton active />
      </>
    );

  const memberId = member.memberId;
  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%', maxWidth: 1280 }}>
      <Button
        type="link"
        icon={<ArrowLeftOutlined />}
        onClick={() => navigate('/members')}
        style={{ padding: 0 }}
      >
        {t('members.backToList')}
      </Button>
      <ErrorAlert error={loaded.error} />
      <MemberHeader member={member} onEdit={() => setEditing(true)} />
      <Row gutter={[16, 16]}>
        <Col xs={24} lg={9}>
          <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
            <ProfileCard
              member={member}
              fields={fields.data ?? []}
              revealing={revealing}
              onReveal={() => void reveal()}
            />
            <ConsentCard
              member={member}
              onChanged={() => {
                loaded.reload();
                changed();
              }}
            />
          </Space>
        </Col>
        <Col xs={24} lg={15}>
          {/* Each tab reads afresh when opened: the POS and colleagues add to it meanwhile. */}
          <Tabs
            type="card"
            destroyOnHidden
            items={MEMBER_TABS.filter((x) => !x.permission || session.can(x.permission)).map(
              ({ key, label, Tab, followsChanges }) => ({
                key,
                label: t(label),
                children: (
                  <Suspense
                    fallback={
                      <Flex justify="center" style={{ padding: 48 }}>
                        <Spin />
                      </Flex>
                    }
                  >
                    <Tab
                      key={followsChanges ? changes : undefined}
                      memberId={memberId}
                      member={member}
                      onChanged={changed}
                    />
                  </Suspense>
                ),
              }),
            )}
          />
        </Col>
      </Row>
      <MemberDrawer
        member={editing ? member : null}
        onClose={() => setEditing(false)}
        onSaved={() => {
          message.success(t('common.saved'));
          setRevealed(null);
          loaded.reload();
          changed();
        }}
        onConflict={() => loaded.reload()}
      />
    </Space>
  );
}
