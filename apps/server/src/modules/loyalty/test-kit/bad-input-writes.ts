/** Representative writes of tiers, rewards and games for the bad-input test. */
export const REWARD_WRITES: {
  method: 'POST' | 'PUT';
  url: string;
  as: 'admin';
  valid: () => Record<string, unknown>;
  wrong: [path: string, value: unknown][];
  text: string;
}[] = [
  {
    method: 'POST',
    url: '/api/tiers',
    as: 'admin',
    valid: () => ({ name: `Gold ${Date.now()}`, threshold: 1_000 + (Date.now() % 1_000_000) }),
    wrong: [
      ['threshold', -1],
      ['threshold', 1.5],
      ['discountRate', 1],
      ['pointsMultiplier', 'double'],
      ['perkRewardId', 'gift'],
    ],
    text: 'name',
  },
  {
    method: 'POST',
    url: '/api/rewards',
    as: 'admin',
    valid: () => ({ kind: 'gift', name: 'Tote bag', itemName: 'Tote bag' }),
    wrong: [
      ['kind', 'voucher'],
      ['itemName', null],
      ['costPoints', -1],
      ['stockTotal', 1.5],
      ['validFrom', 'tomorrow'],
      ['couponValidDays', 0],
    ],
    text: 'name',
  },
  {
    method: 'POST',
    url: '/api/games',
    as: 'admin',
    valid: () => ({ name: 'Spin', prizes: [{ label: '10 points', oddsPpm: 10_000, points: 10 }] }),
    wrong: [
      ['prizes', []],
      ['prizes.0.oddsPpm', 0],
      ['prizes.0.oddsPpm', 1_000_001],
      ['budgetPoints', -5],
      ['playsPerDay', 'daily'],
    ],
    text: 'name',
  },
];
