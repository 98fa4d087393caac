/** Representative writes of the points programme for the bad-input test. */
export const LOYALTY_WRITES: {
  method: 'POST' | 'PUT';
  url: string;
  as: 'admin';
  valid: () => Record<string, unknown>;
  wrong: [path: string, value: unknown][];
  text: string;
}[] = [
  {
    method: 'POST',
    url: '/api/loyalty/rules',
    as: 'admin',
    valid: () => ({ name: `Base ${Date.now()}`, kind: 'spend', points: 1, perAmountMinor: 10_000 }),
    wrong: [
      ['kind', 'bonus'],
      ['points', 0],
      ['points', 1.5],
      ['perAmountMinor', -100],
      ['weekdays', [8]],
      ['startsOn', '2026-02-30'],
      ['action', 'Not A Key'],
      ['capPeriod', 'week'],
    ],
    text: 'name',
  },
];
