import { z } from 'zod';

/**
 * The demo business's generated data (members, catalog, two years of purchases, then the points
 * programme, tiers, rewards and messages built on them): how far the background job is. `none` outside the demo business, or before its job has started.
 */
export const DemoProgress = z.object({
  state: z.enum(['none', 'queued', 'running', 'done', 'failed']),
  /** What it is writing now: catalog, members, timeline, purchases, loyalty, points, tiers,
   * rewards, messaging. */
  phase: z.string(),
  done: z.number().int(),
  total: z.number().int(),
  error: z.string().nullable(),
});
export type DemoProgress = z.infer<typeof DemoProgress>;
