import { sql, type Tx } from '@regulars/db';
import type { AppContext } from '../../http/context';
import { channelDriver, type ChannelKind, type OutboundMessage, type SendResult } from './channel';
import { loadTenant, type TenantFacts } from './facts';
import { gateDeliveries } from './gate.service';
import { RELEASE_QUEUE } from './outbox.service';
import { scheduleRetry } from './release';
import { resultRecorder, type DispatchSummary, type ReadyRow } from './send-results';
import { bounceAddress, unsubscribeUrl } from './tokens';

/**
 * Sends one batch of the outbox. A batch is sent by one worker at a time (a lock that dies with
 * the worker's connection); each result is recorded as soon as the channel acknowledges it, so a
 * worker killed mid-batch leaves exactly the unacknowledged messages queued for the next run.
 */
export async function dispatchBatch(
  ctx: AppContext,
  tenantId: string,
  batchId: string,
): Promise<DispatchSummary> {
  return ctx.db.withTenant(tenantId, async (lockTx) => {
    const lock = await sql<{ got: boolean }>`
      SELECT pg_try_advisory_xact_lock(hashtextextended(${`msgbatch:${batchId}`}, 0)) AS got`.execute(
      lockTx,
    );
    if (!lock.rows[0]?.got)
      throw new Error('the batch is being sent by another worker; retry later');
    const summary: DispatchSummary = { sent: 0, failed: 0, held: 0, suppressed: 0, retrying: 0 };
    const now = ctx.clock.now();
    const { tenant, ready } = await ctx.db.withTenant(tenantId, (tx) =>
      gateBatch(ctx, tx, tenantId, batchId, now, summary),
    );
    for (const channel of ['email', 'sms', 'webhook'] as const) {
      const rows = ready.filter((r) => r.channel === channel);
      if (rows.length > 0) await sendChannel(ctx, tenantId, tenant, channel, rows, summary);
    }
    await ctx.db.withTenant(tenantId, (tx) => scheduleRetry(ctx, tx, tenantId, batchId));
    return summary;
  });
}

async function gateBatch(
  ctx: AppContext,
  tx: Tx,
  tenantId: string,
  batchId: string,
  now: Date,
  summary: DispatchSummary,
): Promise<{ tenant: TenantFacts; ready: ReadyRow[] }> {
  const tenant = await loadTenant(tx, tenantId);
  const rows = await tx
    .selectFrom('message_deliveries')
    .select([
      'delivery_id',
      'member_id',
      'channel',
      'category',
      'to_address',
      'holdout',
      'subject',
      'body_text',
      'body_html',
      'attempts',
    ])
    .where('batch_id', '=', batchId)
    .where('state', '=', 'queued')
    .where((eb) => eb.or([eb('not_before', 'is', null), eb('not_before', '<=', now)]))
    .execute();
  const decisions = await gateDeliveries(tx, tenantId, tenant, rows, now);
  const ready: ReadyRow[] = [];
  const holdUntil = new Set<number>();
  for (const row of rows) {
    const d = decisions.get(row.delivery_id)!;
    if (d.action === 'send') {
      ready.push(row);
      continue;
    }
    const held = d.action === 'hold';
    await tx
      .updateTable('message_deliveries')
      .set({
        state: held ? 'held' : 'suppressed',
        reason: d.reason,
        not_before: held ? d.until : null,
        updated_at: now,
      })
      .where('delivery_id', '=', row.delivery_id)
      .execute();
    if (held) {
      holdUntil.add(d.until.getTime());
      summary.held++;
    } else summary.suppressed++;
  }
  for (const until of holdUntil) {
    const startAfter = Math.max(1, Math.ceil((until - now.getTime()) / 1000));
    await ctx.jobs.enqueue(tx, RELEASE_QUEUE, { tenantId }, { startAfter });
  }
  return { tenant, ready };
}

function outbound(
  ctx: AppContext,
  tenantId: string,
  tenant: TenantFacts,
  r: ReadyRow,
): OutboundMessage {
  const marketingEmail = r.channel === 'email' && r.category === 'marketing' && r.member_id;
  const returnPath = r.channel === 'email' ? bounceAddress(ctx, tenantId, r.delivery_id) : null;
  return {
    deliveryId: r.delivery_id,
    tenantId,
    memberId: r.member_id,
    channel: r.channel as ChannelKind,
    to: r.to_address,
    ...(r.subject ? { subject: r.subject } : {}),
    text: r.body_text,
    ...(r.body_html ? { html: r.body_html } : {}),
    category: r.category as OutboundMessage['category'],
    headers: marketingEmail
      ? {
          'List-Unsubscribe': `<${unsubscribeUrl(ctx, tenantId, r.delivery_id)}>`,
          'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click',
        }
      : {},
    ...(returnPath ? { returnPath } : {}),
    fromName: tenant.emailFromName,
    ...(tenant.emailReplyTo ? { replyTo: tenant.emailReplyTo } : {}),
    ...(tenant.webhook ? { webhook: tenant.webhook } : {}),
  };
}

async function sendChannel(
  ctx: AppContext,
  tenantId: string,
  tenant: TenantFacts,
  channel: ChannelKind,
  rows: ReadyRow[],
  summary: DispatchSummary,
): Promise<void> {
  const driver = channelDriver(channel);
  const now = ctx.clock.now();
  if (!driver || (channel === 'webhook' && !tenant.webhook)) {
    // Development mode: the message stays in the outbox, where the admin shows it.
    await ctx.db.withTenant(tenantId, (tx) =>
      tx
        .updateTable('message_deliveries')
        .set((eb) => ({
          state: 'sent',
          provider: 'development',
          sent_at: now,
          attempts: eb('attempts', '+', 1),
          last_attempt_at: now,
          updated_at: now,
        }))
        .where(
          'delivery_id',
          'in',
          rows.map((r) => r.delivery_id),
        )
        .where('state', '=', 'queued')
        .execute(),
    );
    summary.sent += rows.length;
    return;
  }
  const messages = rows.map((r) => outbound(ctx, tenantId, tenant, r));
  const recorded = new Set<number>();
  const recorder = resultRecorder(ctx, tenantId, channel, summary);
  const record = async (i: number, result: SendResult) => {
    if (recorded.has(i)) return;
    recorded.add(i);
    await recorder(rows[i]!, result);
  };
  let results: SendResult[] = [];
  try {
    results = await driver.send(messages, record);
  } catch (err) {
    results = messages.map(() => ({
      status: 'failed',
      error: (err as Error).message,
      permanent: false,
    }));
  }
  for (let i = 0; i < messages.length; i++) {
    await record(
      i,
      results[i] ?? { status: 'failed', error: 'no result from the channel', permanent: false },
    );
  }
}
