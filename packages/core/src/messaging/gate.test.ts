import { describe, expect, it } from 'vitest';
import { decideSend, type GateFacts } from './gate';
import { quietHoursEnd } from './quiet-hours';

const quiet = { start: '21:00', end: '09:00' };
// 2026-03-10 12:00 in Taipei (UTC+8) is 04:00 UTC.
const noonTaipei = new Date('2026-03-10T04:00:00Z');
const base: GateFacts = {
  category: 'marketing',
  blocked: null,
  consent: true,
  holdout: false,
  now: noonTaipei,
  timeZone: 'Asia/Taipei',
  quietHours: quiet,
  cap: { limit: 3, used: 0 },
};

describe('the send gate', () => {
  it('sends marketing with consent, outside quiet hours, under the cap', () => {
    expect(decideSend(base)).toEqual({ action: 'send', countsAgainstCap: true });
    expect(decideSend({ ...base, cap: null })).toEqual({ action: 'send', countsAgainstCap: false });
  });

  it('stops transactional messages only for a blocked address', () => {
    const night = new Date('2026-03-10T16:00:00Z'); // 00:00 in Taipei
    const tx: GateFacts = {
      ...base,
      category: 'transactional',
      consent: false,
      holdout: true,
      now: night,
      cap: { limit: 1, used: 9 },
    };
    expect(decideSend(tx)).toEqual({ action: 'send', countsAgainstCap: false });
    expect(decideSend({ ...tx, blocked: 'hard_bounce' })).toEqual({
      action: 'suppress',
      reason: 'blocked',
    });
  });

  it('suppresses marketing without consent, in the control group, or over the cap', () => {
    expect(decideSend({ ...base, consent: false })).toEqual({
      action: 'suppress',
      reason: 'no_consent',
    });
    expect(decideSend({ ...base, holdout: true })).toEqual({
      action: 'suppress',
      reason: 'holdout',
    });
    expect(decideSend({ ...base, cap: { limit: 3, used: 3 } })).toEqual({
      action: 'suppress',
      reason: 'frequency_cap',
    });
    expect(decideSend({ ...base, blocked: 'invalid' })).toEqual({
      action: 'suppress',
      reason: 'blocked',
    });
  });

  it('holds marketing in quiet hours until the window opens in the member’s own zone', () => {
    const lateTaipei = new Date('2026-03-10T14:30:00Z'); // 22:30 in Taipei
    expect(decideSend({ ...base, now: lateTaipei })).toEqual({
      action: 'hold',
      reason: 'quiet_hours',
      until: new Date('2026-03-11T01:00:00Z'), // 09:00 the next morning in Taipei
    });
    // The same instant is 15:30 in Berlin: no quiet hours there.
    expect(decideSend({ ...base, now: lateTaipei, timeZone: 'Europe/Berlin' }).action).toBe('send');
    // 03:00 in Taipei: released at 09:00 the same day.
    const early = new Date('2026-03-10T19:00:00Z');
    expect(quietHoursEnd(early, 'Asia/Taipei', quiet)).toEqual(new Date('2026-03-11T01:00:00Z'));
  });

  it('handles windows within a day, no window, and daylight saving', () => {
    const lunch = { start: '12:00', end: '14:00' };
    expect(quietHoursEnd(noonTaipei, 'Asia/Taipei', lunch)).toEqual(
      new Date('2026-03-10T06:00:00Z'),
    );
    expect(quietHoursEnd(noonTaipei, 'Asia/Taipei', { start: '09:00', end: '09:00' })).toBeNull();
    expect(quietHoursEnd(new Date('2026-03-10T12:59:00Z'), 'Asia/Taipei', quiet)).toBeNull(); // 20:59
    // 22:00 EST on the eve of the switch to summer time; 09:00 EDT is 13:00 UTC.
    expect(quietHoursEnd(new Date('2026-03-08T03:00:00Z'), 'America/New_York', quiet)).toEqual(
      new Date('2026-03-08T13:00:00Z'),
    );
  });
});
