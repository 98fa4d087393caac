import { api, ApiError, newKey } from '../../api';

/**
 * POSTs a till operation so that sending it again after the answer was lost (network down, server
 * error) carries the same Idempotency-Key and is applied once. The key is kept only for that
 * case: an answer received (success or refusal) ends the operation, and a changed body is a new one.
 */
export function retryingPoster() {
  let last: { body: string; key: string } | null = null;
  return async function post<T>(path: string, body: unknown): Promise<T> {
    const json = JSON.stringify(body);
    if (!last || last.body !== json) last = { body: json, key: newKey() };
    try {
      const out = await api.post<T>(path, body, last.key);
      last = null;
      return out;
    } catch (e) {
      if (!lostAnswer(e)) last = null;
      throw e;
    }
  };
}

/** The request may or may not have been applied: only a retry with the same key can tell. */
export const lostAnswer = (e: unknown) =>
  e instanceof ApiError && (e.status === 0 || e.status >= 500);
