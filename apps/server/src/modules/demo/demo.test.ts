import { isValidCardNumber } from '@regulars/core';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, signIn, type TestApp } from '../../../../../test/app';
import { createDemoTenant, DEMO_PASSWORD } from '../tenancy/demo';
import { runDemoData } from './demo-data.job';

const SIZE = '120';
const ANCHOR = '2026-03-06T12:00:00Z';
/** The points programme started a year before: midnight in Taipei. */
const LAUNCH = '2025-03-05T16:00:00Z';

async function query<T>(app: TestApp, text: string, params: unknown[] = []) {
  const c = new pg.Client({ connectionString: app.url });
  await c.connect();
  try {
    return (await c.query(text, params)).rows as T[];
  } finally {
    await c.end();
  }
}

/** What the demo wrote, in numbers: two runs that end the same agree on every one. */
async function fingerprint(app: TestApp) {
  const [row] = await query<Record<string, string>>(
    app,
    `SELECT (SELECT count(*) FROM members) AS members,
            (SELECT count(*) FROM purchases) AS purchases,
            (SELECT count(*) FROM purchase_lines) AS lines,
            (SELECT sum(total_minor) FROM purchases) AS revenue,
            (SELECT count(*) FROM relations) AS relations,
            (SELECT count(*) FROM notes) AS notes,
            (SELECT count(*) FROM anniversaries) AS anniversaries,
            (SELECT count(*) FROM tasks) AS tasks,
            (SELECT count(*) FROM products) AS products,
            (SELECT count(*) FROM product_categories) AS categories,
            (SELECT sum(purchase_count) FROM member_stats) AS stats_count,
            (SELECT sum(total_spent_minor) FROM member_stats) AS stats_spent,
            (SELECT count(*) FROM domain_events WHERE type = 'purchase.recorded') AS events,
            (SELECT string_agg(name || phone, ',' ORDER BY external_id) FROM members) AS people,
            (SELECT count(*) FROM earning_rules) AS rules,
            (SELECT count(*) || ':' || sum(points) || ':' || sum(pending_points) FROM points_entries) AS points,
            (SELECT string_agg(kind || count, ',' ORDER BY kind) FROM
              (SELECT kind, count(*) FROM points_entries GROUP BY kind) k) AS point_kinds,
            (SELECT sum(available) || ':' || sum(pending) FROM points_balances) AS balances,
            (SELECT string_agg(t.name || n, ',' ORDER BY t.threshold) FROM tiers t JOIN
              (SELECT tier_id, count(*) AS n FROM member_tiers GROUP BY 1) mt USING (tier_id)) AS tiers,
            (SELECT count(*) FROM rewards) AS rewards,
            (SELECT string_agg(status || n, ',' ORDER BY status) FROM
              (SELECT status, count(*) AS n FROM coupons GROUP BY 1) c) AS coupons,
            (SELECT count(*) FROM missions) AS missions,
            (SELECT count(*) || ':' || (SELECT count(*) FROM mission_completions)
               FROM mission_steps) AS mission_progress,
            (SELECT count(*) FROM message_templates) AS templates,
            (SELECT count(*) FROM message_deliveries) AS messages`,
  );
  return row!;
}

async function demoApp(work = false) {
  process.env.DEMO_MEMBERS = SIZE;
  const app = await createTestApp({ work });
  app.clock.set(ANCHOR);
  return app;
}

describe('demo data', () => {
  let app: TestApp;
  let tenantId: string;
  let first: Record<string, string>;
  beforeAll(async () => {
    app = await demoApp();
    tenantId = (await createDemoTenant(app.ctx)).tenantId;
    expect(await runDemoData(app.ctx, tenantId)).toBe('done');
    first = await fingerprint(app);
  }, 120_000);
  afterAll(() => app.close());

  it('gives the demo members with valid mobile numbers and card numbers', async () => {
    const members = await query<{ phone: string; card_number: string; source: string }>(
      app,
      'SELECT phone, card_number, source FROM members',
    );
    expect(members).toHaveLength(Number(SIZE));
    for (const m of members) {
      expect(m.phone).toMatch(/^\+8869\d{8}$/);
      expect(isValidCardNumber(m.card_number)).toBe(true);
    }
    expect(new Set(members.map((m) => m.phone)).size).toBe(members.length);
    expect(new Set(members.map((m) => m.source))).toEqual(
      new Set(['import', 'staff', 'portal', 'pos', 'referral']),
    );
  });

  it('records purchases with lines, and spending figures that add up', async () => {
    expect(Number(first.purchases)).toBeGreaterThan(Number(SIZE));
    const bad = await query(
      app,
      `SELECT p.purchase_id FROM purchases p LEFT JOIN purchase_lines l USING (tenant_id, purchase_id)
       GROUP BY p.purchase_id, p.total_minor HAVING coalesce(sum(l.amount_minor), -1) <> p.total_minor`,
    );
    expect(bad).toEqual([]);
    const unpriced = await query(app, 'SELECT 1 FROM purchase_lines WHERE product_id IS NULL');
    expect(unpriced).toEqual([]);
    const off = await query(
      app,
      `SELECT m.member_id FROM members m
       LEFT JOIN (SELECT member_id, count(*) c, sum(total_minor) s, max(occurred_at) l FROM purchases GROUP BY 1) p USING (member_id)
       LEFT JOIN member_stats st USING (member_id)
       WHERE coalesce(p.c, 0) <> coalesce(st.purchase_count, 0)
          OR coalesce(p.s, 0) <> coalesce(st.total_spent_minor, 0)
          OR p.l IS DISTINCT FROM st.last_purchase_at`,
    );
    expect(off).toEqual([]);
    expect(first.events).toBe(first.purchases);
    const late = await query(app, 'SELECT 1 FROM purchases WHERE occurred_at > $1', [ANCHOR]);
    expect(late).toEqual([]);
  });

  it('links members: who introduced whom, over more than one step', async () => {
    const chains = await query(
      app,
      `SELECT 1 FROM relations a JOIN relations b ON b.member_id = a.related_member_id
       WHERE a.kind = 'introduced_by' AND b.kind = 'introduced_by'`,
    );
    expect(chains.length).toBeGreaterThan(0);
    expect(Number(first.notes)).toBeGreaterThan(0);
    expect(Number(first.tasks)).toBeGreaterThan(0);
  });

  it('builds a menu in a category tree', async () => {
    expect(first.products).toBe('41');
    const sub = await query(app, 'SELECT 1 FROM product_categories WHERE parent_id IS NOT NULL');
    expect(sub.length).toBeGreaterThan(0);
  });

  it('runs a points programme whose entries say which rule gave them', async () => {
    expect(first.rules).toBe('4');
    const unearned = await query(
      app,
      `SELECT 1 FROM purchases p WHERE p.total_minor >= 10000 AND p.occurred_at >= $1 AND NOT EXISTS (
         SELECT 1 FROM points_entries e WHERE e.kind = 'earn' AND e.source = 'purchase'
           AND e.source_ref = p.purchase_id::text)`,
      [LAUNCH],
    );
    expect(unearned).toEqual([]);
    // Before the programme's launch, purchases earned nothing.
    const early = await query(
      app,
      `SELECT 1 FROM purchases p JOIN points_entries e ON e.source = 'purchase'
         AND e.source_ref = p.purchase_id::text WHERE p.occurred_at < $1`,
      [LAUNCH],
    );
    expect(early).toEqual([]);
    const twice = await query(
      app,
      `SELECT source_ref FROM points_entries WHERE kind = 'earn' GROUP BY member_id, source, source_ref
       HAVING count(*) > 1`,
    );
    expect(twice).toEqual([]);
    const rules = await query<{ name: string }>(
      app,
      `SELECT DISTINCT r.name FROM points_rule_awards a JOIN earning_rules r USING (tenant_id, rule_id)`,
    );
    expect(rules.map((r) => r.name).sort()).toEqual(
      ['入會禮 50 點', '消費每滿 NT$100 得 1 點', '週二會員日點數加倍', '每日簽到 2 點'].sort(),
    );
    // Last year's points lapsed at its end; some were exchanged for rewards.
    expect(first.point_kinds).toMatch(/expire\d+/);
    expect(first.point_kinds).toMatch(/spend\d+/);
    const negative = await query(app, 'SELECT 1 FROM points_balances WHERE available < 0');
    expect(negative).toEqual([]);
  });

  it('places members in tiers and issues and redeems coupons, with a mission to chase', async () => {
    expect(first.tiers!.split(',').length).toBeGreaterThanOrEqual(3);
    expect(first.tiers).toMatch(/^一般會員\d+,銀卡\d+/);
    expect(first.rewards).toBe('4');
    expect(first.coupons).toMatch(/issued\d+,redeemed\d+/);
    expect(first.missions).toBe('1');
    // Visits of the mission's 90 days count toward it.
    expect(Number(first.mission_progress!.split(':')[0])).toBeGreaterThan(0);
  });

  it('has message templates in three languages and messages in the outbox', async () => {
    const t = await query<{ name: string; langs: string[] }>(
      app,
      `SELECT name, array(SELECT jsonb_object_keys(variants) ORDER BY 1) AS langs FROM message_templates`,
    );
    expect(t).toHaveLength(3);
    for (const x of t) expect(x.langs).toEqual(['en', 'zh-CN', 'zh-TW']);
    expect(Number(first.messages)).toBeGreaterThanOrEqual(6);
  });

  it('shows its progress to signed-in staff', async () => {
    const admin = await signIn(app.app, 'hotpot', 'admin@hotpot.demo', DEMO_PASSWORD);
    const res = await admin.inject({ method: 'GET', url: '/api/demo/progress' });
    expect(res.statusCode).toBe(200);
    const p = res.json();
    expect(p).toMatchObject({ state: 'done', error: null });
    expect(p.done).toBe(p.total);
  });

  it('changes nothing when run again', async () => {
    await query(app, "UPDATE demo_data SET state = 'queued'");
    expect(await runDemoData(app.ctx, tenantId)).toBe('done');
    expect(await fingerprint(app)).toEqual(first);
  });

  it('resumes a killed run to the same end state', async () => {
    const other = await demoApp();
    try {
      const id = (await createDemoTenant(other.ctx)).tenantId;
      const killAt = async (phase: string, nth: number) => {
        let seen = 0;
        await expect(
          runDemoData(other.ctx, id, {
            step: (p) => {
              if (p === phase && ++seen === nth) throw new Error('killed');
            },
          }),
        ).rejects.toThrow('killed');
      };
      await killAt('members', 1);
      await killAt('relations', 1);
      await killAt('purchases', 1);
      await killAt('points', 1);
      await killAt('tiers', 1);
      const [state] = await query<{ state: string }>(other, 'SELECT state FROM demo_data');
      expect(state!.state).toBe('failed');
      expect(await runDemoData(other.ctx, id)).toBe('done');
      expect(await fingerprint(other)).toEqual(first);
    } finally {
      await other.close();
    }
  }, 120_000);
});

describe('the demo business created in the admin', () => {
  it('gets its data from a job, with progress', async () => {
    const app = await demoApp(true);
    try {
      const res = await app.app.inject({ method: 'POST', url: '/api/setup/demo' });
      expect(res.statusCode).toBe(200);
      const admin = await signIn(app.app, 'hotpot', 'admin@hotpot.demo', DEMO_PASSWORD);
      const deadline = Date.now() + 90_000;
      let p = { state: 'none', done: 0, total: 0 };
      while (p.state !== 'done' && Date.now() < deadline) {
        await new Promise((r) => setTimeout(r, 500));
        p = (await admin.inject({ method: 'GET', url: '/api/demo/progress' })).json();
        expect(p.state).not.toBe('failed');
      }
      expect(p.state).toBe('done');
      const [n] = await query<{ n: string }>(app, 'SELECT count(*) AS n FROM members');
      expect(n!.n).toBe(SIZE);
      // The engine's own reaction to `purchase.recorded` ran beside the job: still once each.
      const twice = await query(
        app,
        `SELECT 1 FROM points_entries WHERE kind = 'earn' GROUP BY member_id, source, source_ref
         HAVING count(*) > 1`,
      );
      expect(twice).toEqual([]);
      const [earned] = await query<{ n: string }>(
        app,
        "SELECT count(*) AS n FROM points_entries WHERE kind = 'earn' AND source = 'purchase'",
      );
      expect(Number(earned!.n)).toBeGreaterThan(0);
    } finally {
      await app.close();
    }
  }, 120_000);
});
