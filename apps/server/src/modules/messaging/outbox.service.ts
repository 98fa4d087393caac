import { randomUUID } from 'node:crypto';
import type { Language, TemplateVariant } from '@regulars/contracts';
import type { Tx } from '@regulars/db';
import type { AppContext } from '../../http/context';
import { AppError, notFound } from '../../http/errors';
import type { ChannelKind } from './channel';
import { addressOf, loadMembers, loadTenant } from './facts';
import { pickVariant, renderVariant } from './render';
import { unsubscribeUrl } from './tokens';
import { resolveVariables, variablesUsed } from './variables';

export const SEND_QUEUE = 'messaging-send';
export const RELEASE_QUEUE = 'messaging-release';
/** Deliveries per send job: one job per batch, never one per message. */
export const BATCH_SIZE = 500;

/** What sending one message may take at most, on average over a batch (a healthy gateway: ms). */
const SECONDS_PER_MESSAGE = 0.15;
/** Send jobs a worker takes at once; pg-boss gives them one expiry together. */
export const SEND_JOBS_PER_FETCH = 2;

/**
 * The send queue's expiry and retries. A worker killed mid-batch holds its job until it expires;
 * pg-boss then retries it and the next worker sends what was not acknowledged. The expiry is the
 * work of the batches a worker takes at once (2 × 500 × 0.15 s) plus a minute: 210 s instead of
 * pg-boss's 15 minutes. A batch still running past it loses nothing: its retry waits on the
 * batch's lock (see dispatchBatch).
 */
export const SEND_QUEUE_OPTIONS = {
  expireInSeconds: 60 + Math.ceil(SEND_JOBS_PER_FETCH * BATCH_SIZE * SECONDS_PER_MESSAGE),
  retryLimit: 10,
  retryDelay: 10,
  retryBackoff: true,
};

export type EnqueueInput = {
  /** What caused the message ('direct:<id>', 'sign-in:<id>', 'campaign:<id>'): with member and
   * channel, its unique key — enqueueing the same cause again changes nothing. */
  cause: string;
  category: 'transactional' | 'marketing';
  channel: ChannelKind;
  memberId?: string | null;
  /** The address, when there is no member or another than the member's is meant. */
  to?: string;
  /** A template, or the words themselves (which may use the same variables). */
  templateId?: string;
  content?: TemplateVariant;
  language?: Language;
  /** Extra variables for this message (a sign-in code). */
  vars?: Record<string, string>;
  /** A campaign's control group: recorded, never sent. */
  holdout?: boolean;
  createdBy?: string | null;
};

export type Enqueued = { deliveryId: string; state: string; created: boolean };

/**
 * The one way into the outbox: writes the deliveries in the caller's transaction (so they exist
 * exactly when their cause does) and enqueues one send job per batch. The gate runs when a batch
 * is sent, so consent withdrawn or quiet hours begun in between are respected.
 */
export async function enqueueMessages(
  tx: Tx,
  ctx: AppContext,
  tenantId: string,
  inputs: EnqueueInput[],
): Promise<Enqueued[]> {
  const now = ctx.clock.now();
  const tenant = await loadTenant(tx, tenantId);
  const members = await loadMembers(
    tx,
    inputs.flatMap((i) => (i.memberId ? [i.memberId] : [])),
  );
  const templates = await loadTemplates(tx, inputs);
  const langOf = (i: EnqueueInput): Language =>
    i.language ?? (i.memberId ? members.get(i.memberId)?.language : null) ?? tenant.language;
  const vars = await resolveVariables(
    tx,
    inputs.flatMap((i) => {
      const member = i.memberId ? members.get(i.memberId) : undefined;
      return member ? [{ member, language: langOf(i) }] : [];
    }),
    tenant,
    variablesUsed([
      ...[...templates.values()].flatMap((t) => Object.values(t)),
      ...inputs.flatMap((i) => (i.content ? [i.content] : [])),
    ]),
  );
  const rows = inputs.map((input) => {
    const member = input.memberId ? members.get(input.memberId) : undefined;
    if (input.memberId && !member) throw notFound('member');
    const deliveryId = randomUUID();
    const to = input.to ?? (member ? addressOf(member, input.channel) : null);
    const language = langOf(input);
    const picked = input.templateId
      ? pickVariant(templates.get(input.templateId)!, language, tenant.language)
      : input.content
        ? { language, variant: input.content }
        : null;
    if (!picked) throw new AppError('message.empty');
    const rendered = renderVariant(
      picked.variant,
      { ...(member ? vars.get(member.memberId) : {}), 'business.name': tenant.name, ...input.vars },
      {
        channel: input.channel,
        language: picked.language,
        unsubscribeUrl:
          input.category === 'marketing' && member
            ? unsubscribeUrl(ctx, tenantId, deliveryId)
            : null,
      },
    );
    return {
      tenant_id: tenantId,
      delivery_id: deliveryId,
      cause: input.cause,
      member_id: input.memberId ?? null,
      channel: input.channel,
      category: input.category,
      to_address: to ?? '',
      language: picked.language,
      template_id: input.templateId ?? null,
      subject: rendered.subject,
      body_text: rendered.text,
      body_html: rendered.html,
      holdout: input.holdout ?? false,
      state: to ? 'queued' : 'suppressed',
      reason: to ? null : 'no_address',
      created_by: input.createdBy ?? null,
      created_at: now,
      updated_at: now,
    };
  });
  const out: Enqueued[] = [];
  for (let i = 0; i < rows.length; i += BATCH_SIZE) {
    const batchId = randomUUID();
    const chunk = rows.slice(i, i + BATCH_SIZE).map((r) => ({ ...r, batch_id: batchId }));
    const inserted = new Set(
      (
        await tx
          .insertInto('message_deliveries')
          .values(chunk)
          .onConflict((oc) => oc.doNothing())
          .returning('delivery_id')
          .execute()
      ).map((r) => r.delivery_id),
    );
    if (chunk.some((r) => inserted.has(r.delivery_id) && r.state === 'queued')) {
      await ctx.jobs.enqueue(tx, SEND_QUEUE, { tenantId, batchId });
    }
    for (const r of chunk) {
      if (inserted.has(r.delivery_id)) {
        out.push({ deliveryId: r.delivery_id, state: r.state, created: true });
        continue;
      }
      const existing = await tx
        .selectFrom('message_deliveries')
        .select(['delivery_id', 'state'])
        .where('cause', '=', r.cause)
        .where('channel', '=', r.channel)
        .where((eb) =>
          r.member_id ? eb('member_id', '=', r.member_id) : eb('member_id', 'is', null),
        )
        .executeTakeFirstOrThrow();
      out.push({ deliveryId: existing.delivery_id, state: existing.state, created: false });
    }
  }
  return out;
}

/** One message: see enqueueMessages. */
export async function enqueueMessage(
  tx: Tx,
  ctx: AppContext,
  tenantId: string,
  input: EnqueueInput,
): Promise<Enqueued> {
  return (await enqueueMessages(tx, ctx, tenantId, [input]))[0]!;
}

async function loadTemplates(tx: Tx, inputs: EnqueueInput[]) {
  const ids = [...new Set(inputs.flatMap((i) => (i.templateId ? [i.templateId] : [])))];
  const map = new Map<string, Partial<Record<Language, TemplateVariant>>>();
  if (ids.length === 0) return map;
  const rows = await tx
    .selectFrom('message_templates')
    .select(['template_id', 'name', 'variants', 'active'])
    .where('template_id', 'in', ids)
    .execute();
  for (const r of rows) {
    if (!r.active) throw new AppError('message.template_inactive', { name: r.name });
    map.set(r.template_id, r.variants as Partial<Record<Language, TemplateVariant>>);
  }
  for (const id of ids) if (!map.has(id)) throw notFound('template');
  return map;
}
