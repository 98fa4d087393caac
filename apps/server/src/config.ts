import { randomBytes } from 'node:crypto';

export type Config = {
  /** Owner connection string; unset means the embedded database under `dataDir`. */
  databaseUrl: string | null;
  dataDir: string;
  host: string;
  port: number;
  /** Base for links, QR codes and callbacks: what members and gateways can reach. */
  publicUrl: string;
  /** HMAC key for signed links and callbacks. Generated and kept under dataDir when unset. */
  secret: string;
  sessionIdleMinutes: number;
  bodyLimitBytes: number;
  /** Failed sign-ins before an account locks, and for how long. */
  lockoutThreshold: number;
  lockoutMinutes: number;
  /** Sign-in attempts per client address per 10 minutes (all accounts together). */
  signInLimit: number;
  logLevel: string;
  /** SMS gateway (Kannel's sendsms interface); null: SMS in development mode (outbox only). */
  kannel: KannelConfig | null;
  /** Outgoing mail server (smtp:// or smtps://, credentials in the URL); null: email in development mode. */
  smtpUrl: string | null;
  /** Sender address of every email; the business's name is shown with it. */
  mailFrom: string;
  /**
   * Domain of the per-message bounce address (`bounces+<signed token>@<domain>`), routed by the
   * MTA to the bounce endpoint; null: the envelope sender is `mailFrom` and late bounces go there.
   */
  mailBounceDomain: string | null;
};

export type KannelConfig = {
  /** e.g. http://127.0.0.1:13013/cgi-bin/sendsms */
  sendsmsUrl: string;
  user: string;
  password: string;
  /** Sender number or name the messages go out with; unset: the sendsms user's default. */
  from: string | null;
  /** Requests to sendsms at the same time, per process. */
  concurrency: number;
};

const int = (v: string | undefined, fallback: number, name: string): number => {
  if (v === undefined || v === '') return fallback;
  const n = Number(v);
  if (!Number.isInteger(n) || n < 0) throw new Error(`${name} must be a whole number, got "${v}"`);
  return n;
};

/** Reads configuration from the environment (documented in docs/operations.md). */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const port = int(env.PORT, 3000, 'PORT');
  const host = env.HOST || '127.0.0.1';
  return {
    databaseUrl: env.DATABASE_URL || null,
    dataDir: env.REGULARS_DATA_DIR || 'data',
    host,
    port,
    publicUrl: (env.PUBLIC_URL || `http://localhost:${port}`).replace(/\/$/, ''),
    secret: env.REGULARS_SECRET || '',
    sessionIdleMinutes: int(env.SESSION_IDLE_MINUTES, 480, 'SESSION_IDLE_MINUTES'),
    bodyLimitBytes: int(env.BODY_LIMIT_BYTES, 1_048_576, 'BODY_LIMIT_BYTES'),
    lockoutThreshold: int(env.LOCKOUT_THRESHOLD, 5, 'LOCKOUT_THRESHOLD'),
    lockoutMinutes: int(env.LOCKOUT_MINUTES, 15, 'LOCKOUT_MINUTES'),
    signInLimit: int(env.SIGN_IN_LIMIT, 30, 'SIGN_IN_LIMIT'),
    logLevel: env.LOG_LEVEL || 'info',
    kannel: kannelConfig(env),
    smtpUrl: env.SMTP_URL || null,
    mailFrom: env.MAIL_FROM || 'no-reply@localhost',
    mailBounceDomain: bounceDomain(env.MAIL_BOUNCE_DOMAIN),
  };
}

function bounceDomain(v: string | undefined): string | null {
  if (!v) return null;
  if (!/^[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)+$/i.test(v))
    throw new Error(
      `MAIL_BOUNCE_DOMAIN must be a domain name such as bounce.example.com, got "${v}"`,
    );
  return v.toLowerCase();
}

function kannelConfig(env: NodeJS.ProcessEnv): KannelConfig | null {
  if (!env.KANNEL_SENDSMS_URL) return null;
  if (!/^https?:\/\//.test(env.KANNEL_SENDSMS_URL))
    throw new Error(`KANNEL_SENDSMS_URL must be an http(s) URL, got "${env.KANNEL_SENDSMS_URL}"`);
  if (!env.KANNEL_USER || !env.KANNEL_PASSWORD)
    throw new Error('KANNEL_SENDSMS_URL is set: set KANNEL_USER and KANNEL_PASSWORD too');
  return {
    sendsmsUrl: env.KANNEL_SENDSMS_URL,
    user: env.KANNEL_USER,
    password: env.KANNEL_PASSWORD,
    from: env.SMS_FROM || null,
    concurrency: Math.max(1, int(env.KANNEL_CONCURRENCY, 16, 'KANNEL_CONCURRENCY')),
  };
}

/** Configuration for tests and tools: defaults with a throw-away secret. */
export function testConfig(overrides: Partial<Config> = {}): Config {
  return {
    ...loadConfig({}),
    secret: randomBytes(32).toString('hex'),
    logLevel: 'silent',
    ...overrides,
  };
}
