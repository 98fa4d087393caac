import { ErrorBody, type Language } from '@regulars/contracts';

/** An error the server reported: its code, and a message already in the user's language. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly requestId: string | null = null,
    /** What the server added: `field` (the form field at fault), `problems`, … */
    readonly details: Record<string, unknown> = {},
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

const state: { language: Language; csrfToken: string | null; fallbackMessage: string } = {
  language: 'en',
  csrfToken: null,
  fallbackMessage: 'Network error',
};

/** What every request carries: the UI language and the session's CSRF token. */
export function configureApi(patch: Partial<typeof state>): void {
  Object.assign(state, patch);
}

/** Listeners told when the server says the session has ended (to show the sign-in page). */
const signedOutListeners = new Set<() => void>();
export function onSignedOut(listener: () => void): () => void {
  signedOutListeners.add(listener);
  return () => signedOutListeners.delete(listener);
}

async function request<T>(
  method: Method,
  path: string,
  body?: unknown,
  raw?: { data: Blob; contentType: string },
  idempotencyKey?: string,
): Promise<T> {
  const headers: Record<string, string> = {
    Accept: 'application/json',
    'Accept-Language': state.language,
  };
  if (raw) headers['Content-Type'] = raw.contentType;
  else if (body !== undefined) headers['Content-Type'] = 'application/json';
  if (method !== 'GET' && state.csrfToken) headers['x-csrf-token'] = state.csrfToken;
  // A retried create must not create twice (architecture: Idempotency-Key on every POST).
  if (method === 'POST') headers['Idempotency-Key'] = idempotencyKey ?? newKey();
  let res: Response;
  try {
    res = await fetch(`/api${path}`, {
      method,
      headers,
      credentials: 'same-origin',
      body: raw ? raw.data : body === undefined ? undefined : JSON.stringify(body),
    });
  } catch {
    throw new ApiError(0, 'network', state.fallbackMessage);
  }
  const text = await res.text();
  const data: unknown = text ? safeJson(text) : null;
  if (res.ok) return data as T;
  const parsed = ErrorBody.safeParse(data);
  const error = parsed.success
    ? new ApiError(
        res.status,
        parsed.data.error.code,
        parsed.data.error.message,
        parsed.data.error.requestId,
        isRecord(parsed.data.error.details) ? parsed.data.error.details : {},
      )
    : new ApiError(res.status, 'http', `${state.fallbackMessage} (HTTP ${res.status})`);
  if (
    res.status === 401 &&
    (error.code === 'auth.session_expired' || error.code === 'auth.required') &&
    !path.startsWith('/auth/')
  )
    signedOutListeners.forEach((l) => l());
  throw error;
}

/** A random key (Idempotency-Key, a sale's external id). */
export function newKey(): string {
  if (typeof crypto.randomUUID === 'function') return crypto.randomUUID();
  // randomUUID needs a secure context; plain http on a LAN address is not one.
  return Array.from(crypto.getRandomValues(new Uint8Array(16)), (b) =>
    b.toString(16).padStart(2, '0'),
  ).join('');
}

const isRecord = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}

export const api = {
  get: <T>(path: string) => request<T>('GET', path),
  /** `idempotencyKey`: the same key on every retry of one operation (a sale at the till). */
  post: <T>(path: string, body?: unknown, idempotencyKey?: string) =>
    request<T>('POST', path, body, undefined, idempotencyKey),
  put: <T>(path: string, body: unknown) => request<T>('PUT', path, body),
  patch: <T>(path: string, body: unknown) => request<T>('PATCH', path, body),
  /** POSTs a file as the raw request body (attachments). */
  upload: <T>(path: string, file: File) =>
    request<T>('POST', path, undefined, {
      data: file,
      contentType: file.type || 'application/octet-stream',
    }),
  delete: <T>(path: string) => request<T>('DELETE', path),
};

/** A query string from the defined values of `params`. */
export function query(params: Record<string, string | number | undefined | null>): string {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params))
    if (v !== undefined && v !== null && v !== '') q.set(k, String(v));
  const s = q.toString();
  return s ? `?${s}` : '';
}
