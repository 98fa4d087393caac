import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, seedTenant, signIn, type TestApp } from '../../../../../../test/app';
import { tierPrivileges } from './privileges';

let t: TestApp;
let tenantId: string;
let memberId: string;

beforeAll(async () => {
  t = await createTestApp();
  tenantId = (await seedTenant(t.ctx, 'perks')).tenantId;
  const admin = await signIn(t.app, 'perks', 'admin@perks.test');
  const m = await admin.inject({
    method: 'POST',
    url: '/api/members',
    payload: { name: '王小明' },
  });
  memberId = m.json().memberId;
});
afterAll(() => t.close());

describe('tierPrivileges', () => {
  it('is null for a member without a tier and the tier’s figures once they hold one', async () => {
    await t.ctx.db.withTenant(tenantId, async (tx) => {
      expect(await tierPrivileges(tx, memberId)).toBeNull();
      const tierId = randomUUID();
      await tx
        .insertInto('tiers')
        .values({
          tenant_id: tenantId,
          tier_id: tierId,
          name: 'Gold',
          threshold: 10_000,
          points_multiplier: 1.5,
          discount_rate: 0.05,
        })
        .execute();
      await tx
        .insertInto('member_tiers')
        .values({
          tenant_id: tenantId,
          member_id: memberId,
          tier_id: tierId,
          status: 'member',
          since: new Date(),
        })
        .execute();
      expect(await tierPrivileges(tx, memberId)).toEqual({
        tierId,
        pointsMultiplier: 1.5,
        discountRate: 0.05,
      });
      await tx
        .updateTable('member_tiers')
        .set({ tier_id: null, status: 'former' })
        .where('member_id', '=', memberId)
        .execute();
      expect(await tierPrivileges(tx, memberId)).toBeNull();
    });
  });
});
