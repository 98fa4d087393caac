import { DeleteOutlined, EditOutlined, QrcodeOutlined } from '@ant-design/icons';
import { App, Button, Card, Flex, Space, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import type { Member } from '@regulars/contracts';
import { api } from '../../api';
import { groupCardNumber } from '../../format';
import { useSession } from '../../session';
import { toApiError } from '../../use-api';
import { CardModal } from './CardModal';

/** Who the member is at a glance: name and how to address them, card, tags; edit and erase. */
export function MemberHeader(props: { member: Member; onEdit(): void }) {
  const { t } = useTranslation();
  const session = useSession();
  const navigate = useNavigate();
  const { modal, message } = App.useApp();
  const [cardOpen, setCardOpen] = useState(false);
  const m = props.member;

  const erase = () =>
    modal.confirm({
      title: t('members.eraseTitle', { name: m.name }),
      content: t('members.eraseConfirm'),
      okText: t('members.eraseOk'),
      okButtonProps: { danger: true },
      cancelText: t('common.cancel'),
      onOk: async () => {
        try {
          await api.delete(`/members/${m.memberId}`);
          message.success(t('members.erased'));
          navigate('/members');
        } catch (e) {
          message.error(toApiError(e).message);
        }
      },
    });

  return (
    <Card>
      <Flex justify="space-between" align="flex-start" gap={16} wrap>
        <div>
          <Space align="baseline" size="middle">
            <Typography.Title level={3} style={{ margin: 0 }} data-testid="member-name">
              {m.name}
            </Typography.Title>
            {m.addressAs && m.addressAs !== m.name && (
              <Typography.Text type="secondary" style={{ fontSize: 16 }}>
                {m.addressAs}
              </Typography.Text>
            )}
          </Space>
          <div style={{ marginTop: 6 }}>
            <Typography.Text type="secondary">{t('members.cardNumber')}</Typography.Text>{' '}
            <Typography.Text strong copyable={{ text: m.cardNumber }} data-testid="card-number">
              {groupCardNumber(m.cardNumber)}
            </Typography.Text>
          </div>
          {m.tags.length > 0 && (
            <Space size={[4, 4]} wrap style={{ marginTop: 10 }}>
              {m.tags.map((x) => (
                <Tag key={x} color="volcano">
                  {x}
                </Tag>
              ))}
            </Space>
          )}
        </div>
        <Space wrap>
          <Button icon={<QrcodeOutlined />} onClick={() => setCardOpen(true)}>
            {t('members.showCard')}
          </Button>
          {session.can('members.modify') && (
            <Button type="primary" icon={<EditOutlined />} onClick={props.onEdit}>
              {t('common.edit')}
            </Button>
          )}
          {session.can('members.delete') && (
            <Button danger icon={<DeleteOutlined />} onClick={erase}>
              {t('members.erase')}
            </Button>
          )}
        </Space>
      </Flex>
      <CardModal member={m} open={cardOpen} onClose={() => setCardOpen(false)} />
    </Card>
  );
}
