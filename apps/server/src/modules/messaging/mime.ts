/**
 * The email on the wire, composed in one pass into one buffer: headers, then a text part and (when
 * there is one) an HTML part, both UTF-8 in base64. Sending a finished buffer lets the SMTP pool
 * write each message in one piece instead of streaming it through a general MIME composer, which
 * was most of the cost of an email (docs/benchmarks.md). Every header value that is not plain
 * printable ASCII — a member's name in a subject, a line break planted in one — is RFC 2047
 * encoded, so no value can start a header of its own.
 */
export type MailParts = {
  from: { name: string; address: string };
  to: string;
  replyTo?: string;
  subject: string;
  text: string;
  html?: string;
  messageId: string;
  date: Date;
  headers?: Record<string, string>;
};

const CRLF = '\r\n';
// base64 never holds "=_", so the parts can share one boundary
const BOUNDARY = '=_regulars_alternative';
const PRINTABLE = /^[\x20-\x7e]*$/;

/** Header text as is when printable ASCII, else as encoded words of at most 39 bytes (a line of 78). */
function headerText(text: string): string {
  if (PRINTABLE.test(text) && !text.includes('=?')) return text;
  const words: string[] = [];
  let chunk = '';
  for (const ch of text) {
    if (Buffer.byteLength(chunk + ch) > 39) {
      words.push(chunk);
      chunk = '';
    }
    chunk += ch;
  }
  if (chunk) words.push(chunk);
  return words.map((w) => `=?UTF-8?B?${Buffer.from(w).toString('base64')}?=`).join(`${CRLF} `);
}

function mailbox({ name, address }: { name: string; address: string }): string {
  const addr = plainAddress(address);
  if (!name) return addr;
  const display =
    PRINTABLE.test(name) && !name.includes('=?')
      ? `"${name.replace(/(["\\])/g, '\\$1')}"`
      : headerText(name);
  return `${display} <${addr}>`;
}

/** An address goes out only as it was validated: one line, no brackets or spaces. */
function plainAddress(address: string): string {
  if (!/^[^\s<>",;]+@[^\s<>",;]+$/.test(address))
    throw new Error('an email address with characters no address has');
  return address;
}

function base64Lines(text: string): string {
  const b64 = Buffer.from(text.replace(/\r?\n/g, CRLF)).toString('base64');
  const lines: string[] = [];
  for (let i = 0; i < b64.length; i += 76) lines.push(b64.slice(i, i + 76));
  return lines.join(CRLF);
}

const part = (type: string, body: string) =>
  `Content-Type: ${type}; charset=utf-8${CRLF}Content-Transfer-Encoding: base64${CRLF}${CRLF}${base64Lines(body)}${CRLF}`;

/** The whole message, ready for the DATA command. */
export function composeMail(m: MailParts): Buffer {
  const head = [
    `From: ${mailbox(m.from)}`,
    `To: ${plainAddress(m.to)}`,
    ...(m.replyTo ? [`Reply-To: ${plainAddress(m.replyTo)}`] : []),
    `Subject: ${headerText(m.subject)}`,
    `Date: ${m.date.toUTCString().replace(/GMT$/, '+0000')}`,
    `Message-ID: ${m.messageId}`,
    'MIME-Version: 1.0',
    ...Object.entries(m.headers ?? {}).map(([k, v]) => `${k}: ${headerText(v)}`),
  ];
  if (!m.html) return Buffer.from(`${head.join(CRLF)}${CRLF}${part('text/plain', m.text)}`);
  head.push(`Content-Type: multipart/alternative; boundary="${BOUNDARY}"`);
  return Buffer.from(
    `${head.join(CRLF)}${CRLF}${CRLF}--${BOUNDARY}${CRLF}${part('text/plain', m.text)}` +
      `--${BOUNDARY}${CRLF}${part('text/html', m.html)}--${BOUNDARY}--${CRLF}`,
  );
}
