import { AppError } from './errors';

/**
 * Counts attempts per key in fixed windows, in this process. Guards sign-in against guessing from
 * one address; the per-account lock-out, kept in the database, holds across processes.
 */
export class RateLimiter {
  private readonly hits = new Map<string, { count: number; resetAt: number }>();

  constructor(
    private readonly limit: number,
    private readonly windowMs: number,
    private readonly now: () => number = Date.now,
  ) {}

  /** Counts one attempt for `key`; throws `request.rate_limited` once the window is full. */
  hit(key: string): void {
    const t = this.now();
    if (this.hits.size > 10_000) {
      for (const [k, v] of this.hits) if (v.resetAt <= t) this.hits.delete(k);
    }
    const h = this.hits.get(key);
    if (!h || h.resetAt <= t) {
      this.hits.set(key, { count: 1, resetAt: t + this.windowMs });
      return;
    }
    h.count += 1;
    if (h.count > this.limit)
      throw new AppError('request.rate_limited', { seconds: Math.ceil((h.resetAt - t) / 1000) });
  }
}
