import type { AppContext } from '../../../http/context';
import { channelDriver, registerChannelDriver } from '../channel';
import { kannelDriver } from './kannel.driver';
import { dlrUrl } from './sms-links';

export { registerSmsRoutes } from './sms.routes';
export { dlrUrl, inboundUrl } from './sms-links';

/**
 * SMS through Kannel when the installation configures it (KANNEL_SENDSMS_URL …); otherwise no
 * driver: SMS is in development mode and messages stay in the outbox.
 */
export function setupSms(ctx: AppContext): void {
  const config = ctx.config.kannel;
  void channelDriver('sms')?.close?.();
  registerChannelDriver(
    config &&
      kannelDriver({ ...config, dlrUrl: (m) => dlrUrl(ctx.config, m.tenantId, m.deliveryId) }),
    'sms',
  );
}
