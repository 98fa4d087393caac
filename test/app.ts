import { testClock, type TestClock } from '@regulars/core';
import { createDb } from '@regulars/db';
import type { FastifyInstance, InjectOptions, LightMyRequestResponse } from 'fastify';
import {
  buildApp,
  createTenant,
  Events,
  Jobs,
  systemActor,
  testConfig,
  type AppContext,
  setupModules,
  type Config,
} from '@regulars/server';
import type { SystemRoleKey } from '@regulars/contracts';
import { freshDatabase } from './db';

export type TestApp = {
  app: FastifyInstance;
  ctx: AppContext;
  clock: TestClock;
  /** Owner connection string of this file's database (for raw checks). */
  url: string;
  close(): Promise<void>;
};

/** The whole HTTP application on a fresh database, called in-process with app.inject. */
export async function createTestApp(
  opts: {
    config?: Partial<Config>;
    work?: boolean;
    /** Runs before the queue starts: where modules' subscribers and queues are registered. */
    setup?: (ctx: AppContext) => void;
  } = {},
): Promise<TestApp> {
  const database = await freshDatabase();
  const db = createDb(database.url, { max: 5 });
  const jobs = new Jobs(database.url);
  const clock = testClock(new Date());
  const ctx: AppContext = {
    db,
    config: testConfig(opts.config),
    clock,
    jobs,
    events: new Events(db, jobs),
  };
  setupModules(ctx);
  opts.setup?.(ctx);
  await jobs.start({ work: opts.work ?? false, pollingIntervalSeconds: 0.5 });
  const app = await buildApp(ctx);
  await app.ready();
  return {
    app,
    ctx,
    clock,
    url: database.url,
    async close() {
      await app.close();
      await jobs.stop();
      await db.close();
      await database.drop();
    },
  };
}

export const TEST_PASSWORD = 'correct horse battery';

/** A tenant with two stores and one staff account per built-in role. */
export async function seedTenant(ctx: AppContext, slug: string) {
  const roles: SystemRoleKey[] = [
    'admin',
    'customer_manager',
    'marketing_manager',
    'customer_assistant',
  ];
  const created = await createTenant(
    ctx,
    {
      name: `Shop ${slug}`,
      slug,
      defaultLanguage: 'en',
      timeZone: 'Asia/Taipei',
      currency: 'TWD',
      phoneCountry: 'TW',
      stores: [
        { code: 'A', name: 'Store A' },
        { code: 'B', name: 'Store B' },
      ],
      staff: roles.map((role) => ({
        role,
        name: `${role} of ${slug}`,
        email: `${role}@${slug}.test`,
        password: TEST_PASSWORD,
      })),
    },
    systemActor('test'),
  );
  return {
    ...created,
    slug,
    emails: Object.fromEntries(roles.map((r) => [r, `${r}@${slug}.test`])) as Record<
      SystemRoleKey,
      string
    >,
  };
}

export type Caller = {
  cookie: string;
  csrf: string;
  inject(opts: InjectOptions): Promise<LightMyRequestResponse>;
};

/** Signs in through the API and returns a caller that sends the cookie and CSRF token. */
export async function signIn(
  app: FastifyInstance,
  businessCode: string,
  email: string,
  password = TEST_PASSWORD,
): Promise<Caller> {
  const res = await app.inject({
    method: 'POST',
    url: '/api/auth/sign-in',
    payload: { businessCode, email, password },
  });
  if (res.statusCode !== 200) throw new Error(`sign-in failed: ${res.statusCode} ${res.body}`);
  const cookie = res.cookies.find((c) => c.name === 'regulars_session')!;
  const csrf = res.json().csrfToken as string;
  const header = `regulars_session=${cookie.value}`;
  return {
    cookie: header,
    csrf,
    inject: (opts) =>
      app.inject({
        ...opts,
        headers: { cookie: header, 'x-csrf-token': csrf, ...(opts.headers ?? {}) },
      }),
  };
}
