// A worker process for the kill test: sends the given batches of the outbox, then exits.
// Usage: node --import tsx kill-worker.fixture.ts <database url> <smtp url> <tenant id> <batch id>…
import { systemClock } from '@regulars/core';
import { createDb } from '@regulars/db';
import { testConfig } from '../../config';
import type { AppContext } from '../../http/context';
import { Events } from '../../platform/events';
import { Jobs } from '../../platform/jobs';
import { dispatchBatch } from './dispatch';
import { setupMessaging } from './index';

const [url, smtpUrl, tenantId, ...batches] = process.argv.slice(2) as [
  string,
  string,
  string,
  ...string[],
];
const db = createDb(url, { max: 4 });
const jobs = new Jobs(url);
const ctx: AppContext = {
  db,
  config: testConfig({ smtpUrl, mailFrom: 'hello@shop.test' }),
  clock: systemClock,
  jobs,
  events: new Events(db, jobs),
};
setupMessaging(ctx);
await jobs.start({ work: false });
for (const batchId of batches) await dispatchBatch(ctx, tenantId, batchId);
await jobs.stop();
await db.close();
process.exit(0);
