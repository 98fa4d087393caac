import type { IncomingCall, Language } from '@regulars/contracts';

/** How the live line to the phone system stands (for the caller-ID page's hint). */
export type CallStreamState = 'connecting' | 'live' | 'retrying' | 'off';

const FIRST_RETRY_MS = 1_000;
const LAST_RETRY_MS = 30_000;
/** The server sends a comment every 15 s; a line silent for longer than this is dead. */
const SILENCE_MS = 40_000;

/**
 * Follows GET /api/calls/stream (server-sent events) until `stop` is called. It is read through
 * fetch rather than EventSource so the request carries the console's language (the card's
 * honorifics and dates follow it) and so a refusal — no extension on the staff profile, no
 * right to browse members, signed out — is told apart from a dropped line: a refusal ends it,
 * a drop is retried with a growing pause.
 */
export function followCalls(opts: {
  language: Language;
  onCall(call: IncomingCall): void;
  onState?(state: CallStreamState): void;
}): () => void {
  const stopped = new AbortController();
  let delay = FIRST_RETRY_MS;

  const connectOnce = async (): Promise<'refused' | 'dropped'> => {
    const line = new AbortController();
    const cut = () => line.abort();
    stopped.signal.addEventListener('abort', cut);
    let silence = setTimeout(cut, SILENCE_MS);
    try {
      const res = await fetch('/api/calls/stream', {
        headers: { Accept: 'text/event-stream', 'Accept-Language': opts.language },
        credentials: 'same-origin',
        signal: line.signal,
      });
      if (res.status === 401 || res.status === 403 || res.status === 409) return 'refused';
      if (!res.ok || !res.body) return 'dropped';
      delay = FIRST_RETRY_MS;
      opts.onState?.('live');
      await readEvents(
        res.body,
        () => {
          clearTimeout(silence);
          silence = setTimeout(cut, SILENCE_MS);
        },
        (event, data) => {
          if (event !== 'call') return;
          try {
            opts.onCall(JSON.parse(data) as IncomingCall);
          } catch {
            // an event we cannot read is skipped; the call is still listed on the caller-ID page
          }
        },
      );
      return 'dropped';
    } catch {
      return 'dropped';
    } finally {
      clearTimeout(silence);
      stopped.signal.removeEventListener('abort', cut);
    }
  };

  void (async () => {
    opts.onState?.('connecting');
    while (!stopped.signal.aborted) {
      if ((await connectOnce()) === 'refused') {
        if (!stopped.signal.aborted) opts.onState?.('off');
        return;
      }
      if (stopped.signal.aborted) return;
      opts.onState?.('retrying');
      await new Promise((resolve) => {
        const id = setTimeout(resolve, delay);
        stopped.signal.addEventListener('abort', () => {
          clearTimeout(id);
          resolve(null);
        });
      });
      delay = Math.min(delay * 2, LAST_RETRY_MS);
    }
  })();
  return () => stopped.abort();
}

/** Splits a text/event-stream body into events (`event:` and `data:` fields; comments skipped). */
async function readEvents(
  body: ReadableStream<Uint8Array>,
  onBytes: () => void,
  onEvent: (event: string, data: string) => void,
): Promise<void> {
  const reader = body.getReader();
  const decoder = new TextDecoder();
  let buffer = '';
  for (;;) {
    const { value, done } = await reader.read();
    if (done) return;
    onBytes();
    buffer += decoder.decode(value, { stream: true });
    const blocks = buffer.split(/\r?\n\r?\n/);
    buffer = blocks.pop() ?? '';
    for (const block of blocks) {
      let event = 'message';
      const data: string[] = [];
      for (const line of block.split(/\r?\n/)) {
        if (!line || line.startsWith(':')) continue;
        const colon = line.indexOf(':');
        const field = colon < 0 ? line : line.slice(0, colon);
        const text = colon < 0 ? '' : line.slice(colon + 1).replace(/^ /, '');
        if (field === 'event') event = text;
        else if (field === 'data') data.push(text);
      }
      if (data.length) onEvent(event, data.join('\n'));
    }
  }
}
