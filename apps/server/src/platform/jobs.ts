import PgBoss from 'pg-boss';
import { executorOf, type Tx } from '@regulars/db';

/** A job's payload always names its tenant: the handler opens a transaction bound to it. */
export type JobData = { tenantId: string } & Record<string, unknown>;
export type JobHandler = (data: JobData, job: { id: string; name: string }) => Promise<void>;

/**
 * A queue's own retry and expiry (pg-boss queue options). `expireInSeconds` is how long a job may
 * stay active before pg-boss takes it as lost (a killed worker) and retries it; default 15 minutes.
 */
export type QueueOptions = {
  expireInSeconds?: number;
  retryLimit?: number;
  retryDelay?: number;
  retryBackoff?: boolean;
};

type QueueDef = {
  name: string;
  handler: JobHandler;
  batchSize: number;
  cron?: string;
  queue?: QueueOptions;
};

/**
 * The job queue (pg-boss in the same PostgreSQL). Jobs are enqueued inside the transaction of
 * their cause, so a rolled-back request leaves no job behind and a committed one always has it.
 */
export class Jobs {
  private readonly queues = new Map<string, QueueDef>();
  private boss: PgBoss | null = null;
  private working = false;
  private stopping = false;

  constructor(private readonly ownerUrl: string) {}

  /**
   * Registers a queue and its handler; call before start(). With `cron`, workers also run it on
   * that schedule (UTC) for work that spans tenants, such as the hourly points sweep. With
   * `queue`, the queue's own expiry and retries (applied to an existing queue on start too).
   */
  define(
    name: string,
    handler: JobHandler,
    opts: { batchSize?: number; cron?: string; queue?: QueueOptions } = {},
  ): void {
    if (this.queues.has(name)) throw new Error(`queue ${name} is defined twice`);
    const { batchSize = 10, cron, queue } = opts;
    this.queues.set(name, { name, handler, batchSize, cron, queue });
  }

  /** Installs or upgrades the queue schema, creates the queues, and grants the app role. */
  async start(opts: { work: boolean; pollingIntervalSeconds?: number }): Promise<void> {
    const boss = new PgBoss({
      connectionString: this.ownerUrl,
      max: 4,
      supervise: opts.work,
      schedule: opts.work,
      application_name: 'regulars-jobs',
    });
    // Connections cut while stopping are expected, not errors worth a line.
    boss.on('error', (err) => {
      if (!this.stopping) console.error('job queue error:', err.message);
    });
    await boss.start();
    for (const q of this.queues.values()) {
      if (!(await boss.getQueue(q.name))) {
        await boss.createQueue(q.name, {
          name: q.name,
          retryLimit: 5,
          retryBackoff: true,
          ...q.queue,
        });
      } else if (q.queue) {
        await boss.updateQueue(q.name, { name: q.name, ...q.queue });
      }
      if (q.cron && opts.work) await boss.schedule(q.name, q.cron, { tenantId: '' });
    }
    await boss.getDb().executeSql(
      `GRANT USAGE ON SCHEMA pgboss TO regulars_app;
       GRANT SELECT, INSERT ON ALL TABLES IN SCHEMA pgboss TO regulars_app`,
      [],
    );
    this.boss = boss;
    if (opts.work) await this.work(opts.pollingIntervalSeconds ?? 2);
  }

  private async work(pollingIntervalSeconds: number): Promise<void> {
    const boss = this.boss!;
    this.working = true;
    for (const q of this.queues.values()) {
      await boss.work<JobData>(
        q.name,
        { batchSize: q.batchSize, pollingIntervalSeconds },
        async (jobs) => {
          for (const job of jobs) await q.handler(job.data, { id: job.id, name: job.name });
        },
      );
    }
  }

  /** Enqueues a job in the caller's transaction. */
  async enqueue(tx: Tx, name: string, data: JobData, opts: PgBoss.SendOptions = {}): Promise<void> {
    if (!this.queues.has(name)) throw new Error(`unknown queue ${name}`);
    if (!this.boss) throw new Error('the job queue is not started');
    await this.boss.send(name, data, { ...opts, db: executorOf(tx) });
  }

  get isWorking(): boolean {
    return this.working;
  }

  async stop(): Promise<void> {
    if (!this.boss) return;
    this.stopping = true;
    await this.boss.stop({ graceful: true, wait: true, timeout: 10_000 });
    this.boss = null;
    this.working = false;
  }
}
