import { quietHoursEnd, type QuietHours } from './quiet-hours';

export type MessageCategory = 'transactional' | 'marketing';

/** What the gate knows about one message at the moment it would go out. */
export type GateFacts = {
  category: MessageCategory;
  /** Why the address is blocked (hard bounce, invalid number…), or null. */
  blocked: string | null;
  /** Marketing consent of the member for this channel. */
  consent: boolean;
  /** The member is in a campaign's control group. */
  holdout: boolean;
  now: Date;
  /** The member's own time zone, else the business's. */
  timeZone: string;
  quietHours: QuietHours | null;
  /** Marketing messages already counted in the cap's window (read under the member's lock). */
  cap: { limit: number; used: number } | null;
};

export type SuppressReason = 'blocked' | 'holdout' | 'no_consent' | 'frequency_cap';

export type GateDecision =
  | { action: 'send'; countsAgainstCap: boolean }
  | { action: 'hold'; until: Date; reason: 'quiet_hours' }
  | { action: 'suppress'; reason: SuppressReason };

/**
 * The send gate, the one rule every send path obeys. Transactional messages (sign-in codes,
 * receipts) go at once unless the address is blocked. Marketing messages also need the member's
 * consent, skip control-group members, wait out quiet hours in the member's time zone, and
 * count against the frequency cap across all channels.
 */
export function decideSend(f: GateFacts): GateDecision {
  if (f.blocked) return { action: 'suppress', reason: 'blocked' };
  if (f.category === 'transactional') return { action: 'send', countsAgainstCap: false };
  if (f.holdout) return { action: 'suppress', reason: 'holdout' };
  if (!f.consent) return { action: 'suppress', reason: 'no_consent' };
  const until = f.quietHours ? quietHoursEnd(f.now, f.timeZone, f.quietHours) : null;
  if (until) return { action: 'hold', until, reason: 'quiet_hours' };
  if (f.cap && f.cap.used >= f.cap.limit) return { action: 'suppress', reason: 'frequency_cap' };
  return { action: 'send', countsAgainstCap: f.cap !== null };
}
