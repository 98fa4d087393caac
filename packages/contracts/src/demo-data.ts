import { z } from 'zod';

/**
 * The demo business's generated data (members, catalog, two years of purchases): how far the
 * background job is. `none` outside the demo business, or before its job has started.
 */
export const DemoProgress = z.object({
  state: z.enum(['none', 'queued', 'running', 'done', 'failed']),
  /** What it is writing now: catalog, members, relations, notes, purchases… */
  phase: z.string(),
  done: z.number().int(),
  total: z.number().int(),
  error: z.string().nullable(),
});
export type DemoProgress = z.infer<typeof DemoProgress>;
