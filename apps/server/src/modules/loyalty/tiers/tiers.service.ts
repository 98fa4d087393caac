import { randomUUID } from 'node:crypto';
import type { Tier, TierSettings } from '@regulars/contracts';
import { sql, type Tx } from '@regulars/db';
import type { AppContext, AuthContext } from '../../../http/context';
import { AppError, notFound } from '../../../http/errors';
import { recordAudit } from '../../../platform/audit';
import { duplicateAs, versionedResult } from '../../../platform/versioned';
import { activeTiers, readTierSettings, type TierSettingsRow } from './tier-store';

export type TierInput = {
  name: string;
  threshold: number;
  pointsMultiplier: number;
  discountRate: number;
  perks: string;
  eventAccess: boolean;
  perkRewardId: string | null;
};

const settingsView = (s: TierSettingsRow): TierSettings => ({
  basis: s.basis,
  window: s.window,
  periodMonths: s.periodMonths,
  graceDays: s.graceDays,
  version: s.version,
});

export async function getTierSettings(ctx: AppContext, auth: AuthContext): Promise<TierSettings> {
  return ctx.db.withTenant(auth.tenantId, async (tx) => {
    return settingsView(await readTierSettings(tx));
  });
}

/** Saves how members qualify. Takes effect at the next evaluation of each member. */
export async function saveTierSettings(
  ctx: AppContext,
  auth: AuthContext,
  input: Omit<TierSettings, 'version'> & { version: number },
): Promise<TierSettings> {
  return ctx.db.withTenant(auth.tenantId, async (tx) => {
    const values = {
      basis: input.basis,
      qualify_window: input.window,
      period_months: input.periodMonths,
      grace_days: input.graceDays,
      updated_at: ctx.clock.now(),
    };
    const saved = await tx
      .insertInto('tier_settings')
      .values({ tenant_id: auth.tenantId, ...values })
      .onConflict((oc) =>
        oc
          .column('tenant_id')
          .doUpdateSet({ ...values, version: sql`tier_settings.version + 1` })
          .where('tier_settings.version', '=', input.version),
      )
      .returning('version')
      .executeTakeFirst();
    await versionedResult(saved, async () => true, 'tier');
    const after = settingsView(await readTierSettings(tx));
    await recordAudit(tx, auth.tenantId, auth.actor, {
      action: 'tier_settings.saved',
      entityType: 'tier',
      after,
    });
    return after;
  });
}

async function memberCounts(tx: Tx): Promise<Map<string, number>> {
  const rows = await tx
    .selectFrom('member_tiers')
    .select(['tier_id', (eb) => eb.fn.countAll<string>().as('n')])
    .where('status', '=', 'member')
    .groupBy('tier_id')
    .execute();
  return new Map(rows.map((r) => [r.tier_id!, Number(r.n)]));
}

export async function listTiers(ctx: AppContext, auth: AuthContext): Promise<Tier[]> {
  return ctx.db.withTenant(auth.tenantId, async (tx) => {
    const counts = await memberCounts(tx);
    return (await activeTiers(tx)).map((t) => ({ ...t, memberCount: counts.get(t.tierId) ?? 0 }));
  });
}

const tierColumns = (i: TierInput) => ({
  name: i.name,
  threshold: i.threshold,
  points_multiplier: i.pointsMultiplier,
  discount_rate: i.discountRate,
  perks: i.perks,
  event_access: i.eventAccess,
  perk_reward_id: i.perkRewardId,
});

async function readTier(tx: Tx, tierId: string): Promise<Tier> {
  const counts = await memberCounts(tx);
  const t = (await activeTiers(tx)).find((x) => x.tierId === tierId);
  if (!t) throw notFound('tier');
  return { ...t, memberCount: counts.get(tierId) ?? 0 };
}

async function assertReward(tx: Tx, rewardId: string | null) {
  if (!rewardId) return;
  const r = await tx
    .selectFrom('rewards')
    .select('reward_id')
    .where('reward_id', '=', rewardId)
    .executeTakeFirst();
  if (!r) throw notFound('reward');
}

/** Adds a tier; a name or threshold another active tier has is refused. */
export async function createTier(ctx: AppContext, auth: AuthContext, input: TierInput) {
  return ctx.db.withTenant(auth.tenantId, async (tx) => {
    await assertReward(tx, input.perkRewardId);
    const tierId = randomUUID();
    await tx
      .insertInto('tiers')
      .values({ tenant_id: auth.tenantId, tier_id: tierId, ...tierColumns(input) })
      .execute()
      .catch(duplicateAs('threshold'));
    const saved = await readTier(tx, tierId);
    await recordAudit(tx, auth.tenantId, auth.actor, {
      action: 'tier.created',
      entityType: 'tier',
      entityId: tierId,
      after: saved,
    });
    return saved;
  });
}

export async function updateTier(
  ctx: AppContext,
  auth: AuthContext,
  tierId: string,
  input: TierInput & { version: number },
) {
  return ctx.db.withTenant(auth.tenantId, async (tx) => {
    await assertReward(tx, input.perkRewardId);
    const before = await readTier(tx, tierId);
    const updated = await tx
      .updateTable('tiers')
      .set({ ...tierColumns(input), version: sql`version + 1`, updated_at: ctx.clock.now() })
      .where('tier_id', '=', tierId)
      .where('active', '=', true)
      .where('version', '=', input.version)
      .returning('tier_id')
      .executeTakeFirst()
      .catch(duplicateAs('threshold'));
    await versionedResult(updated, async () => true, 'tier');
    const saved = await readTier(tx, tierId);
    await recordAudit(tx, auth.tenantId, auth.actor, {
      action: 'tier.updated',
      entityType: 'tier',
      entityId: tierId,
      before,
      after: saved,
    });
    return saved;
  });
}

/** Retires a tier nobody holds (its history stays). */
export async function removeTier(ctx: AppContext, auth: AuthContext, tierId: string) {
  return ctx.db.withTenant(auth.tenantId, async (tx) => {
    const before = await readTier(tx, tierId);
    if (before.memberCount > 0) throw new AppError('tier.in_use', { count: before.memberCount });
    await tx
      .updateTable('tiers')
      .set({ active: false, version: sql`version + 1`, updated_at: ctx.clock.now() })
      .where('tier_id', '=', tierId)
      .execute();
    await recordAudit(tx, auth.tenantId, auth.actor, {
      action: 'tier.removed',
      entityType: 'tier',
      entityId: tierId,
      before,
    });
    return { ok: true as const };
  });
}
