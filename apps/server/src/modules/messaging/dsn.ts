import { createHash } from 'node:crypto';

/**
 * Reading a delivery status notification (RFC 3464): a `multipart/report` whose
 * `message/delivery-status` part holds one block of fields per recipient (Final-Recipient,
 * Action, Status, Diagnostic-Code). Only those machine-readable fields decide; the human text
 * (in any language) and headers such as Auto-Submitted (which real bounces carry too) do not.
 * An out-of-office reply, a read receipt or a success notice has no failed recipient: not a bounce.
 */
export type Dsn =
  | {
      kind: 'hard' | 'soft';
      action: 'failed' | 'delayed';
      /** The enhanced status code, e.g. 5.1.1 */
      status: string;
      recipient: string | null;
      diagnostic: string | null;
      /** SHA-256 (hex) of the notification's Message-ID, else of the whole notification. */
      key: string;
    }
  | { kind: 'none'; why: 'not_a_report' | 'not_a_failure' };

type Entity = { headers: Map<string, string>; body: string };

/** Header fields of a block (unfolded, names in lower case; the first of a repeated field). */
function entity(text: string): Entity {
  const blank = /^[ \t]*\n/.exec(text) ?? /\n[ \t]*\n/.exec(text);
  const head = blank ? text.slice(0, blank.index) : text;
  const body = blank ? text.slice(blank.index + blank[0].length) : '';
  const headers = new Map<string, string>();
  for (const line of head.replace(/\n[ \t]+/g, ' ').split('\n')) {
    const colon = line.indexOf(':');
    if (colon <= 0) continue;
    const name = line.slice(0, colon).trim().toLowerCase();
    if (!headers.has(name)) headers.set(name, line.slice(colon + 1).trim());
  }
  return { headers, body };
}

function contentType(e: Entity): { type: string; params: Map<string, string> } {
  const value = e.headers.get('content-type') ?? 'text/plain';
  const params = new Map<string, string>();
  for (const m of value.matchAll(/;\s*([^=\s;]+)\s*=\s*("(?:[^"\\]|\\.)*"|[^;\s]*)/g)) {
    const v = m[2]!.startsWith('"') ? m[2]!.slice(1, -1).replace(/\\(.)/g, '$1') : m[2]!;
    params.set(m[1]!.toLowerCase(), v);
  }
  return { type: value.split(';')[0]!.trim().toLowerCase(), params };
}

/** The parts of a multipart body, between its boundary lines. */
function parts(body: string, boundary: string): string[] {
  const out: string[] = [];
  let current: string[] | null = null;
  for (const line of body.split('\n')) {
    const t = line.trimEnd();
    if (t === `--${boundary}--`) break;
    if (t === `--${boundary}`) {
      if (current) out.push(current.join('\n'));
      current = [];
    } else current?.push(line);
  }
  if (current) out.push(current.join('\n'));
  return out;
}

function decoded(e: Entity): string {
  const cte = (e.headers.get('content-transfer-encoding') ?? '').toLowerCase();
  if (cte === 'base64') return Buffer.from(e.body.replace(/\s+/g, ''), 'base64').toString('utf8');
  if (cte === 'quoted-printable') {
    const bytes = e.body
      .replace(/=\n/g, '')
      .replace(/=([0-9A-Fa-f]{2})/g, (_, h: string) => String.fromCharCode(parseInt(h, 16)));
    return Buffer.from(bytes, 'latin1').toString('utf8');
  }
  return e.body;
}

/** The delivery-status part, looked for in nested multiparts (not in attached messages). */
function deliveryStatus(e: Entity, depth = 0): string | null {
  const ct = contentType(e);
  if (ct.type === 'message/delivery-status' || ct.type === 'message/global-delivery-status')
    return decoded(e).replace(/\r\n?/g, '\n');
  const boundary = ct.params.get('boundary');
  if (!ct.type.startsWith('multipart/') || !boundary || depth > 3) return null;
  for (const p of parts(e.body, boundary)) {
    const found = deliveryStatus(entity(p), depth + 1);
    if (found !== null) return found;
  }
  return null;
}

/** `rfc822; someone@example.com` → `someone@example.com` */
const afterType = (v: string | undefined) =>
  v === undefined ? null : (v.includes(';') ? v.slice(v.indexOf(';') + 1) : v).trim() || null;

const SEVERITY = { hardfailed: 3, softfailed: 2, softdelayed: 1 } as const;

/** What a message handed to the bounce address says, if it is a bounce at all. */
export function readDsn(raw: Buffer): Dsn {
  const message = entity(raw.toString('utf8').replace(/\r\n?/g, '\n'));
  const status = deliveryStatus(message);
  if (status === null) return { kind: 'none', why: 'not_a_report' };
  let worst: Extract<Dsn, { kind: 'hard' | 'soft' }> | null = null;
  // blocks of fields: the first about the message, then one per recipient (with an Action)
  for (const block of status.split(/\n[ \t]*\n/)) {
    const f = entity(block.trim()).headers;
    const action = (f.get('action') ?? '').toLowerCase().split(/[\s(;]/)[0];
    const code = /^([245])\.(\d{1,3})\.(\d{1,3})/.exec(f.get('status') ?? '');
    if (!code || (action !== 'failed' && action !== 'delayed')) continue;
    if (code[1] === '2') continue;
    const kind = action === 'failed' && code[1] === '5' ? 'hard' : 'soft';
    const severity = SEVERITY[`${kind}${action}` as keyof typeof SEVERITY] ?? 1;
    const current = worst ? SEVERITY[`${worst.kind}${worst.action}` as keyof typeof SEVERITY] : 0;
    if (severity <= current) continue;
    worst = {
      kind,
      action,
      status: code[0],
      recipient: afterType(f.get('final-recipient'))?.slice(0, 320) ?? null,
      diagnostic: afterType(f.get('diagnostic-code'))?.slice(0, 500) ?? null,
      key: '',
    };
  }
  if (!worst) return { kind: 'none', why: 'not_a_failure' };
  const id = message.headers.get('message-id');
  worst.key = createHash('sha256')
    .update(id ? `id:${id}` : raw)
    .digest('hex');
  return worst;
}
