import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadMembers, loadTenant } from '../messaging/facts';
import { resolveVariables, templateVariables } from '../messaging/variables';
import { loyaltyFixture } from './pos/pos-kit';

let f: Awaited<ReturnType<typeof loyaltyFixture>>;
let wang: string;
let chen: string;
let zhou: string;
const ALL =
  '{{ points.balance }}|{{ points.expiring }}|{{ tier.name }}|{{ tier.next }}|' +
  '{{ tier.to_next }}|{{ coupons.count }}|{{ coupons.next }}';

const preview = async (memberId: string, text = ALL) =>
  (
    await f.ok(
      await f.admin.inject({
        method: 'POST',
        url: '/api/messaging/preview',
        payload: { memberId, channel: 'sms', text },
      }),
    )
  ).text as string;

beforeAll(async () => {
  f = await loyaltyFixture('loyalty-vars');
  await f.rule({ name: 'Base: 1 point per NT$100' });
  await f.program({ expiryPolicy: 'end_of_year', expiryPeriod: 0 });
  const { version } = await f.ok(await f.admin.inject({ url: '/api/tier-settings' }));
  await f.ok(
    await f.admin.inject({
      method: 'PUT',
      url: '/api/tier-settings',
      payload: {
        basis: 'spend',
        window: 'calendar_year',
        graceDays: 30,
        periodMonths: 12,
        version,
      },
    }),
  );
  const perk = await f.ok(
    await f.post('/api/rewards', {
      kind: 'gift',
      name: '迎賓香檳券',
      itemName: '香檳',
      redeemable: false,
      couponValidDays: 30,
    }),
  );
  await f.ok(
    await f.post('/api/tiers', { name: '銀卡', threshold: 100_000, perkRewardId: perk.rewardId }),
  );
  await f.ok(await f.post('/api/tiers', { name: '金卡', threshold: 300_000 }));
  const member = async (name: string, extra: object) =>
    (await f.ok(await f.post('/api/members', { name, ...extra }))).memberId as string;
  wang = await member('王小明', { gender: 'male', language: 'zh-TW' });
  chen = await member('陳美華', { gender: 'female', language: 'en' });
  zhou = await member('周杰', { gender: 'male', language: 'zh-CN' });
  await f.ok(await f.sale(wang, 'v-1', [{ name: 'Banquet', unitPriceMinor: 130_000 }]));
  await f.ok(await f.sale(zhou, 'v-2', [{ name: 'Tea', unitPriceMinor: 50_050 }]));
});
afterAll(() => f.t.close());

describe('points, tier and coupons in messages', () => {
  it('are offered to template writers with labels in three languages', () => {
    const keys = templateVariables().filter((v) => /^(points|tier|coupons)\./.test(v.key));
    expect(keys.map((v) => v.key)).toEqual([
      'points.balance',
      'points.expiring',
      'tier.name',
      'tier.next',
      'tier.to_next',
      'coupons.count',
      'coupons.next',
    ]);
    for (const v of keys) expect(Object.keys(v.label).sort()).toEqual(['en', 'zh-CN', 'zh-TW']);
  });

  it('render a member’s real balance, expiry, tier, exact progress and coupon', async () => {
    // 13 points from NT$1,300, lapsing at the end of the year; 銀卡 reached with its perk
    // coupon (valid 30 days from 3 March, Taipei); NT$1,700 more this calendar year for 金卡.
    expect(await preview(wang)).toBe(
      '13|13 點（2026-12-31 到期）|銀卡|金卡|於 2026-12-31 前再消費 $1,700|1|迎賓香檳券（有效至 2026-04-02）',
    );
    expect(await preview(zhou)).toBe(
      '5|5 积分（2026-12-31 到期）|普通会员|銀卡|在 2026-12-31 前再消费 NT$499.50|0|没有可用的优惠券',
    );
    expect(await preview(chen)).toBe(
      '0|no points expiring|Member|銀卡|spend NT$1,000 more by 2026-12-31|0|no coupons to use',
    );
  });

  it('resolve a batch of members at once, each in their own language', async () => {
    const values = await f.t.ctx.db.withTenant(f.seeded.tenantId, async (tx) => {
      const tenant = await loadTenant(tx, f.seeded.tenantId);
      const members = await loadMembers(tx, [wang, chen, zhou]);
      return resolveVariables(
        tx,
        [...members.values()].map((member) => ({ member, language: member.language ?? 'en' })),
        tenant,
      );
    });
    expect(values.get(wang)).toMatchObject({ 'points.balance': '13', 'tier.name': '銀卡' });
    expect(values.get(chen)).toMatchObject({ 'tier.to_next': 'spend NT$1,000 more by 2026-12-31' });
    expect(values.get(zhou)).toMatchObject({ 'coupons.count': '0', 'tier.next': '銀卡' });
  });

  it('say when the highest tier is reached', async () => {
    await f.ok(await f.sale(wang, 'v-3', [{ name: 'Wedding', unitPriceMinor: 200_000 }]));
    expect(await preview(wang, '{{ tier.name }}: {{ tier.next }} / {{ tier.to_next }}')).toBe(
      '金卡: 已達最高等級 / 已達最高等級',
    );
  });
});
