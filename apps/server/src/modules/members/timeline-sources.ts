import type { RawBuilder } from 'kysely';
import { z } from 'zod';
import { TimelineEntryBase } from '@regulars/contracts';
import { sql } from '@regulars/db';

/**
 * One kind of entry on a member's timeline, contributed by the module that owns its table.
 *
 * `entries` selects one member's entries of this kind as three columns: `id` (text), `at`
 * (timestamptz, the moment the entry stands for) and `data` (jsonb: the kind's own fields, named
 * as in `schema`). The timeline adds `kind`, orders every source by `at`, pages with a cursor,
 * and checks each entry against `schema`, which also documents the response.
 */
export type TimelineSource = {
  kind: string;
  /** `timelineEntry(kind, {...})` from the contracts: `{ kind, id, at, ...fields }`. */
  schema: z.ZodObject<{ kind: z.ZodLiteral<string> } & z.ZodRawShape>;
  entries(q: { memberId: string }): RawBuilder<unknown>;
};

const sources = new Map<string, TimelineSource>();

/**
 * Adds a kind of entry to every member's timeline. Call it when your module is loaded or in its
 * `setup` (both come before the routes are registered, which is when the response schema is
 * built). Registering a kind again replaces it.
 */
export function registerTimelineSource(source: TimelineSource): void {
  if (!/^[a-z][a-z_]{0,39}$/.test(source.kind))
    throw new Error(`timeline kind "${source.kind}": lower-case letters and _ only`);
  const kind = source.schema.shape.kind as unknown;
  if (!(kind instanceof z.ZodLiteral) || kind.value !== source.kind)
    throw new Error(
      `timeline kind "${source.kind}": its schema's "kind" must be the literal "${source.kind}" ` +
        '(make it with timelineEntry(kind, fields), and name no field kind, id or at)',
    );
  for (const own of ['id', 'at'] as const)
    if (source.schema.shape[own] !== TimelineEntryBase.shape[own])
      throw new Error(`timeline kind "${source.kind}": "${own}" belongs to the timeline`);
  sources.set(source.kind, source);
}

export function timelineSources(): TimelineSource[] {
  return [...sources.values()];
}

export function timelineSource(kind: string): TimelineSource | undefined {
  return sources.get(kind);
}

/** The response: each registered kind's schema in one union discriminated by `kind`. */
export function timelineEntrySchema() {
  const schemas = timelineSources().map((s) => s.schema);
  const [first, ...rest] = schemas;
  if (!first) throw new Error('no timeline sources registered');
  return z.discriminatedUnion('kind', [first, ...rest]);
}

/** A timestamptz as the API writes times (2026-11-25T12:00:00.000Z), for `data` fields. */
export const isoUtc = (column: RawBuilder<unknown>) =>
  sql<string>`to_char(${column} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;
