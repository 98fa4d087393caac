/**
 * Messaging: the outbox, the send gate, templates and channels. Every message — a sign-in code,
 * a note typed by staff, a campaign — enters through `enqueueMessage` in its cause's transaction.
 */
export {
  registerChannelDriver,
  type ChannelDriver,
  type ChannelKind,
  type OutboundMessage,
  type SendResult,
} from './channel';
export { applyDeliveryReport, type DeliveryReport } from './reports.service';
export { receiveInbound, isUnsubscribeKeyword, type InboundInput } from './inbound.service';
