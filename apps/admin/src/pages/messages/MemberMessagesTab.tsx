import { Space } from 'antd';
import type { Delivery } from '@regulars/contracts';
import { ErrorAlert } from '../../components/ErrorAlert';
import { useSession } from '../../session';
import { useApiGet } from '../../use-api';
import type { MemberTabProps } from '../members/member-tabs';
import { DeliveryTable } from './DeliveryTable';
import { SendMessageForm } from './SendMessageForm';

/** Member 360's Messages tab: send this member one message, and see what was sent to them. */
export default function MemberMessagesTab(props: MemberTabProps) {
  const session = useSession();
  const list = useApiGet<{ items: Delivery[] }>(
    `/messaging/deliveries?memberId=${props.memberId}&limit=50`,
  );
  const sent = () => {
    list.reload();
    props.onChanged();
  };
  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      {session.can('messages.send_single') && (
        <SendMessageForm member={props.member} onSent={sent} />
      )}
      <ErrorAlert error={list.error} />
      <DeliveryTable items={list.data?.items ?? []} loading={list.loading} />
    </Space>
  );
}
