import { ERRORS, TenantSettingsUpdate, type ErrorCode } from '@regulars/contracts';
import type { InjectOptions, LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, seedTenant, signIn, type Caller, type TestApp } from '../../../../test/app';
import { snapshot } from '../../../../test/db-snapshot';
import { expectError } from '../../../../test/expect-error';
import { REWARD_WRITES } from '../modules/loyalty/test-kit/bad-input-writes';
import { LOYALTY_WRITES } from '../modules/loyalty/pos/bad-input-writes';

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any -- bodies
type Inject = (opts: InjectOptions) => Promise<LightMyRequestResponse>;

const password = 'correct horse battery';
let t: TestApp;
let admin: Caller;
let seeded: Awaited<ReturnType<typeof seedTenant>>;
let keySecret: string;
let n = 0;

/** The fields of `row` that an update schema takes: a read turned into a valid write. */
const fieldsOf = (schema: { shape: object }, row: Json): Json =>
  Object.fromEntries(
    Object.keys(schema.shape)
      .filter((k) => k in row)
      .map((k) => [k, row[k]]),
  );

/**
 * Representative writes: a valid body for each, and values of the wrong type or shape per field
 * (dotted paths). Every bad variant must get a 4xx with a code and change nothing.
 */
type WriteRoute = {
  method: 'POST' | 'PUT';
  url: string;
  as: 'admin' | 'anonymous';
  valid: () => Json | Promise<Json>;
  wrong: [path: string, value: unknown][];
  /** A text field, to carry characters that PostgreSQL cannot store. */
  text: string;
};

const SETUP: WriteRoute = {
  method: 'POST',
  url: '/api/setup',
  as: 'anonymous',
  valid: () => ({
    business: { name: 'First shop', slug: 'first-shop', defaultLanguage: 'zh-TW' },
    admin: { name: 'Owner', email: 'owner@first.test', password },
  }),
  wrong: [
    ['business', 'First shop'],
    ['business.slug', 'not a slug!'],
    ['business.defaultLanguage', 'fr'],
    ['business.timeZone', 'Mars/Olympus'],
    ['admin.email', 'not-an-email'],
    ['admin.password', 'short'],
  ],
  text: 'business.name',
};

const WRITES: WriteRoute[] = [
  {
    method: 'POST',
    url: '/api/stores',
    as: 'admin',
    valid: () => ({ code: `NEW${++n}`, name: 'New store' }),
    wrong: [
      ['name', 5],
      ['code', 'has spaces'],
      ['active', 'yes'],
      ['timeZone', 'Mars/Olympus'],
      ['address', ['a', 'b']],
    ],
    text: 'name',
  },
  {
    method: 'PUT',
    url: '/api/settings',
    as: 'admin',
    valid: async () => {
      const current = (await admin.inject({ url: '/api/settings' })).json();
      return { ...fieldsOf(TenantSettingsUpdate, current), name: 'Renamed' };
    },
    wrong: [
      ['version', '1'],
      ['version', 1.5],
      ['version', 2 ** 31],
      ['rocDates', 'no'],
      ['quietHoursStart', '25:00'],
      ['currency', 'twd'],
      ['defaultLanguage', 'fr'],
      ['brandColor', 'red'],
    ],
    text: 'name',
  },
  {
    method: 'POST',
    url: '/api/staff',
    as: 'admin',
    valid: () => ({
      name: 'New colleague',
      email: `new${++n}@shop.test`,
      roleId: seeded.roleIds.customer_assistant,
      password,
    }),
    wrong: [
      ['email', 'not-an-email'],
      ['roleId', 'admin'],
      ['storeIds', 'all'],
      ['password', 'short'],
      ['language', 'de'],
    ],
    text: 'name',
  },
  {
    method: 'POST',
    url: '/api/roles',
    as: 'admin',
    valid: () => ({ name: `Cashier ${++n}`, permissions: ['members.browse'] }),
    wrong: [
      ['permissions', ['root.everything']],
      ['permissions', 'members.browse'],
      ['name', ''],
    ],
    text: 'name',
  },
  {
    method: 'POST',
    url: '/api/auth/sign-in',
    as: 'anonymous',
    valid: () => ({ businessCode: 'shop', email: 'admin@shop.test', password }),
    wrong: [
      ['email', {}],
      ['password', 123],
      ['businessCode', ''],
    ],
    text: 'businessCode',
  },
  ...REWARD_WRITES,
  ...LOYALTY_WRITES,
];

function withPath(body: Json, path: string, value: unknown): Json {
  const copy = structuredClone(body);
  const keys = path.split('.');
  let node = copy;
  for (const k of keys.slice(0, -1)) node = node[k];
  node[keys.at(-1)!] = value;
  return copy;
}

const json = { 'content-type': 'application/json' };
type BadCase = {
  name: string;
  opts: Partial<InjectOptions>;
  status: number;
  code: ErrorCode;
  field?: string;
};

/** Every way a body can be wrong, for one route. */
async function badBodies(r: WriteRoute): Promise<BadCase[]> {
  const valid = await r.valid();
  const text = JSON.stringify(valid);
  const invalid = (name: string, payload: unknown, field?: string): BadCase => ({
    name,
    opts: { payload: payload as InjectOptions['payload'] },
    status: 400,
    code: 'request.invalid',
    ...(field ? { field } : {}),
  });
  const parent = r.text.includes('.') ? r.text.split('.')[0]! : null;
  return [
    {
      name: 'malformed JSON',
      opts: { headers: json, payload: text.slice(0, -3) },
      status: 400,
      code: 'request.malformed_json',
    },
    {
      name: 'an empty JSON body',
      opts: { headers: json, payload: '' },
      status: 400,
      code: 'request.malformed_json',
    },
    invalid('an array instead of an object', [valid]),
    { ...invalid('null instead of an object', 'null'), opts: { headers: json, payload: 'null' } },
    invalid('an unknown field', { ...valid, isRoot: true }, 'isRoot'),
    ...(parent
      ? [invalid('an unknown nested field', withPath(valid, `${parent}.role`, 'root'), 'role')]
      : []),
    ...r.wrong.map(([path, value]) =>
      invalid(`${path} = ${JSON.stringify(value)}`, withPath(valid, path, value), `body.${path}`),
    ),
    invalid('a NUL character in text', withPath(valid, r.text, 'a\u0000b'), `body.${r.text}`),
    {
      name: 'a body over the size limit',
      opts: { payload: withPath(valid, r.text, 'x'.repeat(t.ctx.config.bodyLimitBytes + 1)) },
      status: 413,
      code: 'request.too_large',
    },
    ...[
      'text/plain',
      'application/x-www-form-urlencoded',
      'multipart/form-data; boundary=x',
      'application/xml',
    ].map((type): BadCase => ({
      name: `content type ${type}`,
      opts: { headers: { 'content-type': type }, payload: text },
      status: 415,
      code: 'request.unsupported_media_type',
    })),
    {
      name: 'no content type',
      opts: { payload: Buffer.from(text) },
      status: 415,
      code: 'request.unsupported_media_type',
    },
  ];
}

function injectAs(r: WriteRoute): Inject {
  return r.as === 'admin' ? admin.inject : (o) => t.app.inject(o);
}

/** Sends each bad variant of a route's body; each gets its error and the database is unchanged. */
async function checkBadBodies(r: WriteRoute) {
  for (const c of await badBodies(r)) {
    const before = await snapshot(t.url);
    const res = await injectAs(r)({
      method: r.method,
      url: r.url,
      ...c.opts,
      headers: { 'idempotency-key': `bad-${c.name}`, ...(c.opts.headers ?? {}) },
    });
    const error = expectError(res, c.status, c.code, `${r.method} ${r.url}: ${c.name}`);
    if (c.field) {
      const named = JSON.stringify(error.details) + error.message;
      expect(named, `${r.method} ${r.url}: ${c.name}`).toContain(c.field);
    }
    if (c.code === 'request.too_large') {
      const limit = t.ctx.config.bodyLimitBytes;
      const label = limit >= 1024 * 1024 ? `${limit / 1024 / 1024} MB` : `${limit / 1024} KB`;
      expect(error.message).toContain(`limit ${label}`);
    }
    expect(await snapshot(t.url), `${r.method} ${r.url}: ${c.name} wrote something`).toEqual(
      before,
    );
  }
}

beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

describe('first run, on an empty installation', () => {
  it('refuses every bad body for POST /api/setup and stays empty', async () => {
    await checkBadBodies(SETUP);
    expect((await t.app.inject({ url: '/api/setup/status' })).json()).toEqual({ empty: true });
  });

  it('accepts the valid body (so the refusals above were about the input)', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/setup',
      payload: await SETUP.valid(),
    });
    expect(res.statusCode, res.body).toBe(200);
  });
});

describe('bad bodies on write routes', () => {
  beforeAll(async () => {
    seeded = await seedTenant(t.ctx, 'shop');
    admin = await signIn(t.app, 'shop', seeded.emails.admin);
    const key = await admin.inject({
      method: 'POST',
      url: '/api/api-keys',
      payload: { name: 'POS', permissions: ['settings.maintain'] },
    });
    keySecret = key.json().secret;
  });

  it.each(WRITES.map((r) => [`${r.method} ${r.url}`, r] as const))('%s', async (_, r) => {
    await checkBadBodies(r);
    // The valid body passes, so each refusal above was about what was changed in it.
    const res = await injectAs(r)({ method: r.method, url: r.url, payload: await r.valid() });
    expect(res.statusCode, res.body).toBe(200);
  });
});

describe('bad query strings and paths', () => {
  it.each([
    ['/api/stores/not-a-uuid', 'params.id'],
    ['/api/audit-log?limit=1000', 'querystring.limit'],
    ['/api/audit-log?limit=ten', 'querystring.limit'],
    ['/api/audit-log?cursor=abc', 'querystring.cursor'],
    ['/api/audit-log?cursor=99999999999999999999999', 'querystring.cursor'],
    ['/api/audit-log?actorId=me', 'querystring.actorId'],
    ['/api/audit-log?entityType=a%00b', 'querystring.entityType'],
    ['/api/audit-log?sort=desc', 'sort'],
  ])('GET %s → 400 naming %s', async (url, field) => {
    const before = await snapshot(t.url);
    const error = expectError(await admin.inject({ url }), 400, 'request.invalid');
    expect(JSON.stringify(error.details)).toContain(field);
    expect(await snapshot(t.url)).toEqual(before);
  });

  it('answers a URL that cannot be decoded with 400 in the usual shape', async () => {
    expectError(await admin.inject({ url: '/api/stores/%E0%A4%A' }), 400, 'request.invalid');
  });

  it('answers a path part longer than a route takes with 400, not an internal error', async () => {
    const error = expectError(
      await admin.inject({ url: `/api/members/${'x'.repeat(200)}` }),
      400,
      'request.invalid',
    );
    expect(error.message).toContain('100');
  });

  it('answers an unknown route with 404 route.not_found', async () => {
    expectError(await admin.inject({ url: '/api/nothing-here' }), 404, 'route.not_found');
    expectError(
      await admin.inject({ method: 'PATCH', url: '/api/stores' }),
      404,
      'route.not_found',
    );
  });
});

/** A valid request for each authenticated write, built fresh (settings carry a version). */
const WRITE_REQUESTS: (() => Promise<InjectOptions>)[] = WRITES.filter((r) => r.as === 'admin').map(
  (r) => async () => ({ method: r.method, url: r.url, payload: await r.valid() }),
);

async function expectRefused(
  send: () => Promise<LightMyRequestResponse>,
  status: number,
  code: string,
) {
  const before = await snapshot(t.url);
  const error = expectError(await send(), status, code);
  expect(await snapshot(t.url)).toEqual(before);
  return error;
}

describe('CSRF on cookie sessions', () => {
  it.each(['missing', 'wrong', "another session's"])(
    'refuses a %s token with 403 auth.csrf',
    async (kind) => {
      const other = await signIn(t.app, 'shop', seeded.emails.admin);
      const token = { missing: undefined, wrong: 'x'.repeat(32), "another session's": other.csrf }[
        kind
      ];
      for (const make of WRITE_REQUESTS) {
        const opts = await make();
        await expectRefused(
          () =>
            t.app.inject({
              ...opts,
              headers: { cookie: admin.cookie, ...(token ? { 'x-csrf-token': token } : {}) },
            }),
          403,
          'auth.csrf',
        );
      }
    },
  );

  it('needs no token to read', async () => {
    const res = await t.app.inject({ url: '/api/stores', headers: { cookie: admin.cookie } });
    expect(res.statusCode).toBe(200);
  });
});

describe('sessions that are over', () => {
  it('refuses an expired session with 401 auth.session_expired', async () => {
    const caller = await signIn(t.app, 'shop', seeded.emails.admin);
    const requests = await Promise.all(WRITE_REQUESTS.map((make) => make()));
    const start = t.clock.now();
    t.clock.advance((t.ctx.config.sessionIdleMinutes + 1) * 60_000);
    try {
      for (const opts of [...requests, { url: '/api/stores' }])
        await expectRefused(() => caller.inject(opts), 401, 'auth.session_expired');
    } finally {
      t.clock.set(start);
    }
    // Still inside its idle time, the same session works.
    t.clock.advance((t.ctx.config.sessionIdleMinutes - 1) * 60_000);
    try {
      expect((await caller.inject({ url: '/api/stores' })).statusCode).toBe(200);
    } finally {
      t.clock.set(start);
    }
  });

  it('refuses a signed-out session, a made-up cookie and no credentials with 401 auth.required', async () => {
    const caller = await signIn(t.app, 'shop', seeded.emails.admin);
    expect((await caller.inject({ method: 'POST', url: '/api/auth/sign-out' })).statusCode).toBe(
      200,
    );
    const opts = await WRITE_REQUESTS[0]!();
    await expectRefused(() => caller.inject(opts), 401, 'auth.required');
    await expectRefused(
      () =>
        t.app.inject({
          ...opts,
          headers: { cookie: 'regulars_session=made-up', 'x-csrf-token': 'x' },
        }),
      401,
      'auth.required',
    );
    await expectRefused(() => t.app.inject(opts), 401, 'auth.required');
  });
});

describe('API keys', () => {
  const withKey = (authorization: string) => async () =>
    t.app.inject({ ...(await WRITE_REQUESTS[0]!()), headers: { authorization } });

  it.each([
    ['a wrong secret', () => `Bearer ${keySecret.slice(0, -4)}abcd`],
    ['an unknown prefix', () => `Bearer rk_live_000000000000_${'a'.repeat(43)}`],
    ['a malformed key', () => 'Bearer not-a-key'],
    ['another scheme', () => `Basic ${Buffer.from('a:b').toString('base64')}`],
    ['an empty bearer', () => 'Bearer '],
  ])('refuses %s with 401 auth.api_key_invalid', async (_, header) => {
    await expectRefused(withKey(header()), 401, 'auth.api_key_invalid');
  });

  it('refuses a revoked key', async () => {
    const made = (
      await admin.inject({
        method: 'POST',
        url: '/api/api-keys',
        payload: { name: 'Old till', permissions: ['settings.maintain'] },
      })
    ).json();
    expect((await withKey(`Bearer ${made.secret}`)()).statusCode).toBe(200);
    const revoked = await admin.inject({
      method: 'DELETE',
      url: `/api/api-keys/${made.apiKey.apiKeyId}`,
    });
    expect(revoked.statusCode).toBe(200);
    await expectRefused(withKey(`Bearer ${made.secret}`), 401, 'auth.api_key_invalid');
  });
});

describe('sign-in with wrong credentials', () => {
  const attempt = (payload: Json) => () =>
    t.app.inject({
      method: 'POST',
      url: '/api/auth/sign-in',
      payload,
      headers: { 'accept-language': 'en' },
    });

  it('says the same for a wrong business code, email or password, and writes nothing', async () => {
    const good = { businessCode: 'shop', email: seeded.emails.admin, password };
    const messages = [
      (
        await expectRefused(
          attempt({ ...good, businessCode: 'no-such-shop' }),
          401,
          'auth.invalid_credentials',
        )
      ).message,
      (
        await expectRefused(
          attempt({ ...good, email: 'nobody@shop.test' }),
          401,
          'auth.invalid_credentials',
        )
      ).message,
    ];
    // A wrong password only counts itself towards the lock-out.
    const before = await snapshot(t.url, { ignore: { staff: ['failed_attempts'] } });
    const res = await attempt({ ...good, password: 'wrong password' })();
    messages.push(expectError(res, 401, 'auth.invalid_credentials').message);
    expect(await snapshot(t.url, { ignore: { staff: ['failed_attempts'] } })).toEqual(before);
    expect(new Set(messages).size).toBe(1);
  });
});

describe('errors in the caller’s language', () => {
  const zh = { 'accept-language': 'zh-TW,zh;q=0.9' };
  const exact = (code: ErrorCode) => ERRORS[code].message['zh-TW'];

  it.each([
    [
      'request.malformed_json',
      () =>
        t.app.inject({
          method: 'POST',
          url: '/api/auth/sign-in',
          headers: { ...zh, ...json },
          payload: '{',
        }),
    ],
    ['auth.required', () => t.app.inject({ url: '/api/stores', headers: zh })],
    [
      'auth.csrf',
      () =>
        t.app.inject({
          method: 'POST',
          url: '/api/roles',
          headers: { ...zh, cookie: admin.cookie },
          payload: { name: 'R', permissions: [] },
        }),
    ],
    [
      'auth.api_key_invalid',
      () => t.app.inject({ url: '/api/stores', headers: { ...zh, authorization: 'Bearer nope' } }),
    ],
    [
      'auth.invalid_credentials',
      () =>
        t.app.inject({
          method: 'POST',
          url: '/api/auth/sign-in',
          headers: zh,
          payload: { businessCode: 'nope', email: 'a@b.c', password: 'x' },
        }),
    ],
    [
      'request.unsupported_media_type',
      () =>
        t.app.inject({
          method: 'POST',
          url: '/api/auth/sign-in',
          headers: { ...zh, 'content-type': 'text/plain' },
          payload: 'x',
        }),
    ],
    ['route.not_found', () => t.app.inject({ url: '/api/nothing-here', headers: zh })],
  ] as const)('%s', async (code, send) => {
    const error = expectError(await send(), ERRORS[code].status, code);
    expect(error.message).toBe(exact(code));
  });

  it('request.invalid, with the detail', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/auth/sign-in',
      headers: zh,
      payload: { businessCode: 1 },
    });
    const error = expectError(res, 400, 'request.invalid');
    expect(error.message).toMatch(/^請求內容不正確：.*body\.businessCode/);
  });
});
