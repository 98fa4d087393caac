import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from '@regulars/db';

const FAKESMSC = '/usr/lib/kannel/test/fakesmsc';

/** A message as the fake SMSC (the "handset side") received it, parts joined again. */
export type ReceivedSms = { from: string; to: string; text: string; parts: number };

/** Where inbound messages go: Kannel's get-url, optionally only for one receiving number. */
export type InboundService = { url: string; receiverPrefix?: string };

export type Kannel = {
  /** The sendsms HTTP interface of smsbox, with its user. */
  sendsmsUrl: string;
  user: string;
  password: string;
  adminPort: number;
  smsboxPort: number;
  smscPort: number;
  /** Messages fakesmsc has received so far, in order. */
  received: ReceivedSms[];
  /** Waits until `count` messages have arrived (whole: every part), or fails after `ms`. */
  waitForReceived(count: number, ms?: number): Promise<ReceivedSms[]>;
  /** A member's phone sends `text` to `to`; resolves when bearerbox has it (then smsbox calls get-url). */
  inject(from: string, to: string, text: string): Promise<void>;
  /** Process ids of bearerbox, smsbox and fakesmsc (each leads its own process group). */
  pids: number[];
  /** bearerbox's status page (plain text). */
  status(): Promise<string>;
  /** The boxes' log files, for a failing test's message. */
  logs(): Promise<string>;
  stop(): Promise<void>;
};

type Part = { from: string; to: string; text: string; ref?: string; total: number; seq: number };

const decodeUrl = (s: string): Buffer => {
  const bytes: number[] = [];
  for (let i = 0; i < s.length; i++) {
    if (s[i] === '%' && /^[0-9a-fA-F]{2}$/.test(s.slice(i + 1, i + 3))) {
      bytes.push(parseInt(s.slice(i + 1, i + 3), 16));
      i += 2;
    } else if (s[i] === '+') bytes.push(0x20);
    else bytes.push(...Buffer.from(s[i]!, 'latin1'));
  }
  return Buffer.from(bytes);
};

const ucs2 = (b: Buffer): string => Buffer.from(b).swap16().toString('utf16le');

/** The concatenation header (IEI 0 or 8) of a UDH, if there is one. */
function concatOf(udh: Buffer): { ref: string; total: number; seq: number } | null {
  let i = 1;
  while (i + 1 < udh.length) {
    const iei = udh[i]!;
    const len = udh[i + 1]!;
    const v = udh.subarray(i + 2, i + 2 + len);
    if (iei === 0 && len === 3) return { ref: String(v[0]), total: v[1]!, seq: v[2]! };
    if (iei === 8 && len === 4) return { ref: String(v.readUInt16BE(0)), total: v[2]!, seq: v[3]! };
    i += 2 + len;
  }
  return null;
}

const utf8 = new TextDecoder('utf-8', { fatal: true });

/**
 * The text of a part whose coding fakesmsc does not say (`data`, which it also writes for the
 * parts of a concatenated UCS-2 message): UTF-8 if it reads as such without control characters,
 * else UCS-2.
 */
function textOf(bytes: Buffer): string {
  const control = bytes.some((b) => b < 0x09 || (b > 0x0d && b < 0x20));
  try {
    if (!control) return utf8.decode(bytes);
  } catch {
    // not UTF-8
  }
  return ucs2(bytes);
}

/** One line of fakesmsc: `sender receiver [udh <udh>] text|data|ucs-2 data` (smsc_fake.c). */
export function parseFakesmscLine(line: string): Part | null {
  const words = line.split(' ');
  const [from, to] = words;
  if (!from || !to || words.length < 4) return null;
  let rest = words.slice(2);
  let concat: ReturnType<typeof concatOf> = null;
  if (rest[0] === 'udh') {
    concat = concatOf(decodeUrl(rest[1] ?? ''));
    rest = rest.slice(2);
  }
  const [type, ...body] = rest;
  const data = body.join(' ');
  // fakesmsc's lines are read as latin1: one character per byte
  const text =
    type === 'text'
      ? Buffer.from(data, 'latin1').toString('utf8')
      : type === 'ucs-2'
        ? ucs2(decodeUrl(data))
        : textOf(decodeUrl(data));
  return { from, to, text, total: concat?.total ?? 1, seq: concat?.seq ?? 1, ref: concat?.ref };
}

function group(pid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(-pid, signal);
  } catch {
    // already gone
  }
}

async function stopGroup(child: ChildProcess): Promise<void> {
  if (child.pid === undefined || child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((r) => child.once('exit', () => r()));
  group(child.pid, 'SIGTERM');
  const timer = setTimeout(() => child.pid !== undefined && group(child.pid, 'SIGKILL'), 3000);
  await exited;
  clearTimeout(timer);
}

const canConnect = (port: number) =>
  new Promise<boolean>((resolve) => {
    const s = connect(port, '127.0.0.1');
    s.once('connect', () => (s.destroy(), resolve(true)));
    s.once('error', () => resolve(false));
  });

function configOf(
  dir: string,
  p: Record<'admin' | 'smsbox' | 'sendsms' | 'smsc' | 'handset', number>,
) {
  const secret = 'kannel-test';
  return {
    secret,
    text: (services: InboundService[], logLevel: number) =>
      [
        'group = core',
        `admin-port = ${p.admin}`,
        `admin-password = ${secret}`,
        `status-password = ${secret}`,
        'admin-allow-ip = "127.0.0.1"',
        `smsbox-port = ${p.smsbox}`,
        'box-allow-ip = "127.0.0.1"',
        `log-file = "${join(dir, 'bearerbox.log')}"`,
        `log-level = ${logLevel}`,
        'dlr-storage = internal',
        '',
        'group = smsc',
        'smsc = fake',
        'smsc-id = fake',
        `port = ${p.smsc}`,
        'connect-allow-ip = "127.0.0.1"',
        '',
        // Where handsets' messages come in: a second fake SMSC that no outgoing message is routed
        // to, so a short-lived fakesmsc can send one message while the first one keeps receiving.
        'group = smsc',
        'smsc = fake',
        'smsc-id = handset',
        'allowed-smsc-id = handset',
        `port = ${p.handset}`,
        'connect-allow-ip = "127.0.0.1"',
        '',
        'group = smsbox',
        'bearerbox-host = 127.0.0.1',
        `bearerbox-port = ${p.smsbox}`,
        `sendsms-port = ${p.sendsms}`,
        `log-file = "${join(dir, 'smsbox.log')}"`,
        `log-level = ${logLevel}`,
        // inbound UCS-2 reaches get-url as UTF-8
        'mo-recode = true',
        '',
        'group = sendsms-user',
        'username = regulars',
        `password = ${secret}`,
        'max-messages = 10',
        'concatenation = true',
        ...services.flatMap((s) => [
          '',
          'group = sms-service',
          s.receiverPrefix ? 'keyword-regex = .*' : 'keyword = default',
          ...(s.receiverPrefix ? [`allowed-receiver-prefix = "${s.receiverPrefix}"`] : []),
          'catch-all = true',
          // no reply SMS from what our route answers
          'max-messages = 0',
          `get-url = "${s.url}"`,
        ]),
        '',
      ].join('\n'),
  };
}

/**
 * bearerbox (a fake SMSC for outgoing messages, another for handsets) + smsbox (a sendsms user,
 * inbound services) + fakesmsc, on free ports with generated configuration in a temp folder;
 * resolves once the SMSC is online and sendsms answers. Every process runs in its own process
 * group and is killed with it; `inject` runs a short-lived fakesmsc on the handsets' SMSC.
 */
export async function startKannel(
  opts: { inbound?: InboundService[]; logLevel?: number } = {},
): Promise<Kannel> {
  for (const bin of ['/usr/sbin/bearerbox', '/usr/sbin/smsbox', FAKESMSC]) {
    if (!existsSync(bin)) {
      throw new Error(
        `${bin} is missing: run \`node scripts/test-setup.mjs\` (kannel, kannel-extras)`,
      );
    }
  }
  const dir = await mkdtemp(join(tmpdir(), 'regulars-kannel-'));
  const ports = {
    admin: await freePort(),
    smsbox: await freePort(),
    sendsms: await freePort(),
    smsc: await freePort(),
    handset: await freePort(),
  };
  const conf = configOf(dir, ports);
  const confFile = join(dir, 'kannel.conf');
  await writeFile(confFile, conf.text(opts.inbound ?? [], opts.logLevel ?? 1));

  const children: ChildProcess[] = [];
  const killAll = () => children.forEach((c) => c.pid !== undefined && group(c.pid, 'SIGKILL'));
  process.once('exit', killAll);
  const start = (cmd: string, args: string[], stdio: 'ignore' | 'pipe') => {
    const child = spawn(cmd, args, { cwd: dir, detached: true, stdio: [stdio, stdio, stdio] });
    children.push(child);
    return child;
  };

  const statusUrl = `http://127.0.0.1:${ports.admin}/status.txt?password=${conf.secret}`;
  const status = async () => (await fetch(statusUrl)).text();
  const parts: Part[] = [];
  const received: ReceivedSms[] = [];
  let fakesmsc: ChildProcess | null = null;

  const logs = async () => {
    const read = (f: string) => readFile(join(dir, f), 'utf8').catch(() => '');
    return `${await read('bearerbox.log')}\n${await read('smsbox.log')}`;
  };
  const waitFor = async (what: string, ok: () => Promise<boolean> | boolean, ms = 15_000) => {
    const until = Date.now() + ms;
    while (!(await ok())) {
      if (Date.now() > until)
        throw new Error(`Kannel: ${what} not ready in ${ms} ms\n${await logs()}`);
      await new Promise((r) => setTimeout(r, 100));
    }
  };

  const onPart = (part: Part) => {
    if (part.total === 1) {
      received.push({ from: part.from, to: part.to, text: part.text, parts: 1 });
      return;
    }
    parts.push(part);
    const same = parts.filter((p) => p.ref === part.ref && p.to === part.to);
    if (same.length < part.total) return;
    same.sort((a, b) => a.seq - b.seq);
    const text = same.map((p) => p.text).join('');
    received.push({ from: part.from, to: part.to, text, parts: part.total });
    for (const p of same) parts.splice(parts.indexOf(p), 1);
  };

  try {
    start('/usr/sbin/bearerbox', [confFile], 'ignore');
    await waitFor('bearerbox', () =>
      status().then(
        () => true,
        () => false,
      ),
    );
    start('/usr/sbin/smsbox', [confFile], 'ignore');
    // Sends nothing (-m 0; the message only keeps it out of interactive mode), receives all.
    fakesmsc = start(
      FAKESMSC,
      ['-H', '127.0.0.1', '-r', String(ports.smsc), '-m', '0', '1 2 text -'],
      'pipe',
    );
    let buffer = '';
    const onData = (chunk: Buffer) => {
      buffer += chunk.toString('latin1');
      let nl: number;
      while ((nl = buffer.indexOf('\n')) >= 0) {
        const line = buffer.slice(0, nl);
        buffer = buffer.slice(nl + 1);
        const m = /Got message \d+: <(.*)>$/.exec(line);
        const part = m ? parseFakesmscLine(m[1]!) : null;
        if (part) onPart(part);
      }
    };
    fakesmsc.stdout?.on('data', onData);
    fakesmsc.stderr?.on('data', onData);
    await waitFor('SMSC and smsbox', async () => {
      const s = await status();
      return (
        /fake\[fake\][^\n]*\(online/.test(s) &&
        /smsbox:/.test(s) &&
        (await canConnect(ports.sendsms))
      );
    });
  } catch (e) {
    killAll();
    await rm(dir, { recursive: true, force: true });
    throw e;
  }

  /** Messages bearerbox has received from handsets so far. */
  const fromHandsets = async () =>
    Number(/handset\[handset\][^\n]*rcvd: sms (\d+)/.exec(await status())?.[1] ?? NaN);
  return {
    sendsmsUrl: `http://127.0.0.1:${ports.sendsms}/cgi-bin/sendsms`,
    user: 'regulars',
    password: conf.secret,
    adminPort: ports.admin,
    smsboxPort: ports.smsbox,
    smscPort: ports.smsc,
    received,
    async waitForReceived(count, ms = 15_000) {
      await waitFor(`${count} received messages`, () => received.length >= count, ms);
      return received.slice(0, count);
    },
    async inject(from, to, text) {
      // as a handset sends Chinese: UCS-2 (big-endian), url-encoded byte by byte
      const bytes = [...Buffer.from(text, 'utf16le').swap16()]
        .map((b) => `%${b.toString(16).padStart(2, '0')}`)
        .join('');
      const before = await fromHandsets();
      const handset = start(
        FAKESMSC,
        ['-H', '127.0.0.1', '-r', String(ports.handset), '-m', '1', `${from} ${to} ucs2 ${bytes}`],
        'ignore',
      );
      try {
        await waitFor('the inbound message', async () => (await fromHandsets()) > before);
      } finally {
        await stopGroup(handset);
        children.splice(children.indexOf(handset), 1);
      }
    },
    pids: children.flatMap((c) => (c.pid === undefined ? [] : [c.pid])),
    status,
    logs,
    async stop() {
      process.removeListener('exit', killAll);
      for (const child of [...children].reverse()) await stopGroup(child);
      await rm(dir, { recursive: true, force: true });
    },
  };
}
