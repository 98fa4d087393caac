import { Flex, Modal, QRCode, Spin, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { Member } from '@regulars/contracts';
import { ErrorAlert } from '../../components/ErrorAlert';
import { groupCardNumber } from '../../format';
import { useApiGet } from '../../use-api';

type Card = { cardNumber: string; qr: string };

/** The member card: the signed QR code cashiers scan, and the number grouped for reading. */
export function CardModal(props: { member: Member; open: boolean; onClose(): void }) {
  const { t } = useTranslation();
  const card = useApiGet<Card>(props.open ? `/members/${props.member.memberId}/card` : null);
  return (
    <Modal
      title={t('members.card')}
      open={props.open}
      onCancel={props.onClose}
      footer={null}
      width={360}
    >
      <ErrorAlert error={card.error} />
      <Flex vertical align="center" gap={12} style={{ padding: '8px 0' }} data-testid="member-card">
        {card.data ? (
          <>
            <QRCode value={card.data.qr} size={220} />
            <Typography.Text strong style={{ fontSize: 22, letterSpacing: 2 }}>
              {groupCardNumber(card.data.cardNumber)}
            </Typography.Text>
            <Typography.Text type="secondary">{props.member.name}</Typography.Text>
          </>
        ) : (
          <Spin />
        )}
      </Flex>
    </Modal>
  );
}
