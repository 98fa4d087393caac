import type { Translated } from './common';
import type { ErrorDef } from './errors';

/** Errors of tiers, rewards and coupons, missions and games; joined into ERRORS. */
export const REWARD_ERRORS = {
  'reward.out_of_stock': {
    status: 409,
    message: {
      'zh-CN': '「{name}」已兑换完毕（无库存）。请选择其他奖励，或请管理员补充库存。',
      'zh-TW': '「{name}」已兌換完畢（無庫存）。請選擇其他獎勵，或請管理員補充庫存。',
      en: '"{name}" is out of stock. Choose another reward, or ask an administrator to add stock.',
    },
  },
  'reward.limit_reached': {
    status: 409,
    message: {
      'zh-CN': '每位会员最多可兑换「{name}」{limit} 次，此会员已达上限。',
      'zh-TW': '每位會員最多可兌換「{name}」{limit} 次，此會員已達上限。',
      en: 'Each member may get "{name}" at most {limit} times; this member has reached the limit.',
    },
  },
  'reward.not_available': {
    status: 409,
    message: {
      'zh-CN': '「{name}」目前不可兑换（已停用或不在兑换期间内）。请选择其他奖励。',
      'zh-TW': '「{name}」目前不可兌換（已停用或不在兌換期間內）。請選擇其他獎勵。',
      en: '"{name}" cannot be redeemed now (inactive or outside its dates). Choose another reward.',
    },
  },
  'coupon.code_invalid': {
    status: 400,
    message: {
      'zh-CN':
        '优惠券代码「{code}」不正确（检查码不符）。请核对每个字元后再输入，或改用扫描 QR 码。',
      'zh-TW':
        '優惠券代碼「{code}」不正確（檢查碼不符）。請核對每個字元後再輸入，或改用掃描 QR 碼。',
      en: 'The coupon code "{code}" is not valid (its check character does not match). Check each character, or scan the QR code.',
    },
  },
  'coupon.qr_invalid': {
    status: 400,
    message: {
      'zh-CN': '此 QR 码不是本店的优惠券，或已被修改。请改为输入优惠券代码。',
      'zh-TW': '此 QR 碼不是本店的優惠券，或已被修改。請改為輸入優惠券代碼。',
      en: 'This QR code is not one of our coupons, or it was altered. Type the coupon code instead.',
    },
  },
  'coupon.already_redeemed': {
    status: 409,
    message: {
      'zh-CN': '此优惠券已于 {at} 使用过，不能再次使用。',
      'zh-TW': '此優惠券已於 {at} 使用過，不能再次使用。',
      en: 'This coupon was already used at {at} and cannot be used again.',
    },
  },
  'coupon.other_member': {
    status: 409,
    message: {
      'zh-CN': '这张优惠券属于另一位会员，不能用在这位会员的消费上。请核对会员或优惠券。',
      'zh-TW': '這張優惠券屬於另一位會員，不能用在這位會員的消費上。請核對會員或優惠券。',
      en: "This coupon belongs to another member and can't be used on this member's sale. Check the member or the coupon.",
    },
  },
  'coupon.basket_needed': {
    status: 400,
    message: {
      'zh-CN': '此优惠券需消费满 {min} 才能使用：请一并送出本次消费金额（basketMinor）。',
      'zh-TW': '此優惠券需消費滿 {min} 才能使用：請一併送出本次消費金額（basketMinor）。',
      en: 'This coupon needs a purchase of at least {min}: send the sale’s total (basketMinor) with it.',
    },
  },
  'coupon.void': {
    status: 409,
    message: {
      'zh-CN': '此优惠券已作废，不能使用。',
      'zh-TW': '此優惠券已作廢，不能使用。',
      en: 'This coupon has been voided and cannot be used.',
    },
  },
  'coupon.expired': {
    status: 409,
    message: {
      'zh-CN': '此优惠券已于 {until} 到期。',
      'zh-TW': '此優惠券已於 {until} 到期。',
      en: 'This coupon expired at {until}.',
    },
  },
  'coupon.not_yet_valid': {
    status: 409,
    message: {
      'zh-CN': '此优惠券自 {from} 起才能使用。',
      'zh-TW': '此優惠券自 {from} 起才能使用。',
      en: 'This coupon can only be used from {from}.',
    },
  },
  'coupon.min_spend': {
    status: 409,
    message: {
      'zh-CN': '此优惠券需消费满 {min} 才能使用（本次 {basket}）。',
      'zh-TW': '此優惠券需消費滿 {min} 才能使用（本次 {basket}）。',
      en: 'This coupon needs a purchase of at least {min} (this one is {basket}).',
    },
  },
  'coupon.not_redeemed': {
    status: 409,
    message: {
      'zh-CN': '此优惠券尚未使用，没有可撤销的使用纪录。',
      'zh-TW': '此優惠券尚未使用，沒有可撤銷的使用紀錄。',
      en: 'This coupon has not been used, so there is no use to reverse.',
    },
  },
  'coupon.not_voidable': {
    status: 409,
    message: {
      'zh-CN': '只能作废尚未使用的优惠券。已使用的请先撤销使用。',
      'zh-TW': '只能作廢尚未使用的優惠券。已使用的請先撤銷使用。',
      en: 'Only unused coupons can be voided. Reverse the use of a redeemed one first.',
    },
  },
  'game.inactive': {
    status: 409,
    message: {
      'zh-CN': '游戏「{name}」目前未开放。',
      'zh-TW': '遊戲「{name}」目前未開放。',
      en: 'The game "{name}" is not open now.',
    },
  },
  'game.daily_limit': {
    status: 409,
    message: {
      'zh-CN': '每位会员每天最多可玩 {limit} 次，今天的次数已用完，请明天再来。',
      'zh-TW': '每位會員每天最多可玩 {limit} 次，今天的次數已用完，請明天再來。',
      en: 'Each member may play {limit} times a day; today’s plays are used up. Come back tomorrow.',
    },
  },
  'game.odds_invalid': {
    status: 400,
    message: {
      'zh-CN': '奖项机率合计不能超过 100%（1,000,000 ppm），每项须大于 0。请调整机率。',
      'zh-TW': '獎項機率合計不能超過 100%（1,000,000 ppm），每項須大於 0。請調整機率。',
      en: 'Prize odds must each be above 0 and add up to at most 100 % (1,000,000 ppm). Adjust the odds.',
    },
  },
  'tier.in_use': {
    status: 409,
    message: {
      'zh-CN': '有 {count} 位会员属于此等级，不能删除。请先调整门槛或等待重新评等。',
      'zh-TW': '有 {count} 位會員屬於此等級，不能刪除。請先調整門檻或等待重新評等。',
      en: '{count} members hold this tier, so it cannot be removed. Change its threshold or wait for re-evaluation.',
    },
  },
} as const satisfies Record<string, ErrorDef>;

export const REWARD_LABELS: Record<string, Translated> = {
  tier: { 'zh-CN': '等级', 'zh-TW': '等級', en: 'tier' },
  reward: { 'zh-CN': '奖励', 'zh-TW': '獎勵', en: 'reward' },
  coupon: { 'zh-CN': '优惠券', 'zh-TW': '優惠券', en: 'coupon' },
  mission: { 'zh-CN': '任务', 'zh-TW': '任務', en: 'mission' },
  badge: { 'zh-CN': '徽章', 'zh-TW': '徽章', en: 'badge' },
  game: { 'zh-CN': '游戏', 'zh-TW': '遊戲', en: 'game' },
  threshold: { 'zh-CN': '门槛', 'zh-TW': '門檻', en: 'threshold' },
};
