import type { DemoCreated, SystemRoleKey } from '@regulars/contracts';
import type { AppContext } from '../../http/context';
import { systemActor } from '../../platform/audit';
import { createTenant } from './tenant-setup';

export const DEMO_BUSINESS_CODE = 'hotpot';
/** Demo accounts share one published password: the demo is for trying, not for real data. */
export const DEMO_PASSWORD = 'regulars-demo';

const DEMO_STAFF: { role: SystemRoleKey; name: string; email: string }[] = [
  { role: 'admin', name: '陳志明', email: 'admin@hotpot.demo' },
  { role: 'customer_manager', name: '林美玲', email: 'crm@hotpot.demo' },
  { role: 'marketing_manager', name: '黃建宏', email: 'marketing@hotpot.demo' },
  { role: 'customer_assistant', name: '張雅婷', email: 'assistant@hotpot.demo' },
];

/**
 * The demo business: a hot-pot restaurant with two branches and one account per built-in role.
 * Later modules add their demo data (members, purchases, campaigns) on top of it.
 */
export async function createDemoTenant(
  ctx: AppContext,
  opts: { onlyIfEmpty?: boolean } = {},
): Promise<DemoCreated & { tenantId: string }> {
  const created = await createTenant(
    ctx,
    {
      name: '老街麻辣火鍋',
      slug: DEMO_BUSINESS_CODE,
      defaultLanguage: 'zh-TW',
      timeZone: 'Asia/Taipei',
      currency: 'TWD',
      phoneCountry: 'TW',
      isDemo: true,
      stores: [
        { code: 'XIMEN', name: '西門店', address: '台北市萬華區漢中街 52 號' },
        { code: 'XINYI', name: '信義店', address: '台北市信義區松壽路 12 號' },
      ],
      staff: DEMO_STAFF.map((s) => ({ ...s, password: DEMO_PASSWORD })),
    },
    systemActor('demo'),
    opts,
  );
  return {
    tenantId: created.tenantId,
    businessCode: DEMO_BUSINESS_CODE,
    accounts: DEMO_STAFF.map((s) => ({ role: s.role, email: s.email, password: DEMO_PASSWORD })),
  };
}
