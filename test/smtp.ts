import { simpleParser, type ParsedMail } from 'mailparser';
import { SMTPServer, type SMTPServerSession } from 'smtp-server';
import type { AddressInfo } from 'node:net';

export type ReceivedMail = {
  envelopeFrom: string;
  envelopeTo: string[];
  parsed: ParsedMail;
  raw: string;
};

export type TestSmtp = {
  url: string;
  /** Messages the server acknowledged (250 after the data), in order. */
  received: ReceivedMail[];
  /** Recipients refused with 550 at RCPT TO (a hard bounce). */
  rejectRecipients: Set<string>;
  /** Called with each message before it is acknowledged; return false to leave it unanswered. */
  beforeAccept: ((mail: ReceivedMail) => boolean | Promise<boolean>) | null;
  waitFor(count: number, timeoutMs?: number): Promise<void>;
  close(): Promise<void>;
};

/** A real SMTP server in the test's process, on a free port, without TLS or authentication. */
export async function startSmtp(port = 0): Promise<TestSmtp> {
  const state: TestSmtp = {
    url: '',
    received: [],
    rejectRecipients: new Set(),
    beforeAccept: null,
    waitFor: async (count, timeoutMs = 20_000) => {
      const until = Date.now() + timeoutMs;
      while (state.received.length < count) {
        if (Date.now() > until)
          throw new Error(`SMTP server got ${state.received.length} of ${count} messages`);
        await new Promise((r) => setTimeout(r, 20));
      }
    },
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    // Stopping the server (to test an outage) drops the client's pooled connections at once.
    closeTimeout: 50,
    size: 10 * 1024 * 1024,
    onRcptTo(address, _session, callback) {
      if (state.rejectRecipients.has(address.address.toLowerCase())) {
        const err = new Error('5.1.1 mailbox unavailable') as Error & { responseCode: number };
        err.responseCode = 550;
        return callback(err);
      }
      callback();
    },
    onData(stream, session: SMTPServerSession, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        const raw = Buffer.concat(chunks).toString('utf8');
        void simpleParser(raw).then(async (parsed) => {
          const from = session.envelope.mailFrom;
          const mail = {
            envelopeFrom: from ? from.address : '',
            envelopeTo: session.envelope.rcptTo.map((r) => r.address),
            parsed,
            raw,
          };
          if (state.beforeAccept && !(await state.beforeAccept(mail))) return; // never answered
          state.received.push(mail);
          callback();
        });
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', () => resolve()));
  state.url = `smtp://127.0.0.1:${(server.server.address() as AddressInfo).port}`;
  return state;
}
