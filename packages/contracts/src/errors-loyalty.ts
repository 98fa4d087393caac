import type { Translated } from './common';
import type { ErrorDef } from './errors';

/** Errors of the points ledger, earning rules, returns, stored value and the till; joined into ERRORS. */
export const LOYALTY_ERRORS = {
  'points.insufficient': {
    status: 409,
    message: {
      'zh-CN': '积分不足：可用 {available} 点，需要 {points} 点。请减少使用的点数。',
      'zh-TW': '點數不足：可用 {available} 點，需要 {points} 點。請減少使用的點數。',
      en: 'Not enough points: {available} available, {points} needed. Use fewer points.',
    },
  },
  'points.invalid_amount': {
    status: 400,
    message: {
      'zh-CN': '点数必须是不为零的整数（收到 {points}）。请输入如 100 或 -50 的点数。',
      'zh-TW': '點數必須是不為零的整數（收到 {points}）。請輸入如 100 或 -50 的點數。',
      en: 'Points must be a whole number other than zero (got {points}). Enter e.g. 100 or -50.',
    },
  },
  'points.not_reversible': {
    status: 409,
    message: {
      'zh-CN': '这笔积分纪录不是使用点数，无法退回。只有使用（扣点）纪录可以退回。',
      'zh-TW': '這筆點數紀錄不是使用點數，無法退回。只有使用（扣點）紀錄可以退回。',
      en: 'This ledger entry is not a spending of points, so it cannot be reversed. Only spendings can.',
    },
  },
  'points.refund_refused': {
    status: 409,
    message: {
      'zh-CN':
        '此退货须扣回 {points} 点，但会员只剩 {available} 点，且方案设定不允许负积分。请改为部分退货，或在方案设定中允许负积分。',
      'zh-TW':
        '此退貨須扣回 {points} 點，但會員只剩 {available} 點，且方案設定不允許負點數。請改為部分退貨，或在方案設定中允許負點數。',
      en: 'This return takes back {points} points but the member has only {available} left, and the programme does not allow a negative balance. Return fewer items or allow negative balances in the programme settings.',
    },
  },
  'return.too_many': {
    status: 409,
    message: {
      'zh-CN': '第 {line} 项最多还能退 {left} 件（已购 {bought}）。请修改退货数量。',
      'zh-TW': '第 {line} 項最多還能退 {left} 件（已購 {bought}）。請修改退貨數量。',
      en: 'Line {line} can take back at most {left} more (bought {bought}). Change the quantity returned.',
    },
  },
  'return.unknown_line': {
    status: 400,
    message: {
      'zh-CN': '这笔消费没有第 {line} 项。请依收据上的项次退货。',
      'zh-TW': '這筆消費沒有第 {line} 項。請依收據上的項次退貨。',
      en: 'The purchase has no line {line}. Use the line numbers on the receipt.',
    },
  },
  'return.external_id_conflict': {
    status: 409,
    message: {
      'zh-CN': '退货编号「{externalId}」已用于另一笔退货。请为新退货使用新的编号。',
      'zh-TW': '退貨編號「{externalId}」已用於另一筆退貨。請為新退貨使用新的編號。',
      en: 'The return id "{externalId}" was already used for another return. Use a new id.',
    },
  },
  'points.external_id_conflict': {
    status: 409,
    message: {
      'zh-CN': '编号「{externalId}」已用于这位会员另一笔点数不同的扣点。请为新交易使用新的编号。',
      'zh-TW': '編號「{externalId}」已用於這位會員另一筆點數不同的扣點。請為新交易使用新的編號。',
      en: 'The id "{externalId}" was already used for another spending of points by this member, for a different amount. Use a new id.',
    },
  },
  'stored_value.insufficient': {
    status: 409,
    message: {
      'zh-CN': '储值余额不足：余额 {balance}，需要 {amount}。请改用其他付款方式补足差额。',
      'zh-TW': '儲值餘額不足：餘額 {balance}，需要 {amount}。請改用其他付款方式補足差額。',
      en: 'Not enough stored value: balance {balance}, needed {amount}. Pay the difference another way.',
    },
  },
  'stored_value.refund_too_large': {
    status: 409,
    message: {
      'zh-CN': '这笔储值消费最多还能退 {left}。请修改退款金额。',
      'zh-TW': '這筆儲值消費最多還能退 {left}。請修改退款金額。',
      en: 'At most {left} of this stored-value payment can still be refunded. Change the amount.',
    },
  },
  'stored_value.external_id_conflict': {
    status: 409,
    message: {
      'zh-CN': '编号「{externalId}」已用于另一笔储值交易。请为新交易使用新的编号。',
      'zh-TW': '編號「{externalId}」已用於另一筆儲值交易。請為新交易使用新的編號。',
      en: 'The id "{externalId}" was already used for another stored-value transaction. Use a new id.',
    },
  },
  'rule.invalid': {
    status: 400,
    message: {
      'zh-CN': '积分规则不正确：{reason}。请修正后再储存。',
      'zh-TW': '點數規則不正確：{reason}。請修正後再儲存。',
      en: 'The earning rule is not valid: {reason}. Correct it and save again.',
    },
  },
} as const satisfies Record<string, ErrorDef>;

/** Names and reasons of the loyalty rooms, for messages; joined into ENTITY_LABELS. */
export const LOYALTY_LABELS: Record<string, Translated> = {
  earning_rule: { 'zh-CN': '积分规则', 'zh-TW': '點數規則', en: 'earning rule' },
  points_entry: { 'zh-CN': '积分纪录', 'zh-TW': '點數紀錄', en: 'points entry' },
  stored_value_entry: { 'zh-CN': '储值交易', 'zh-TW': '儲值交易', en: 'stored-value transaction' },
  'rule.spend_needs_amount': {
    'zh-CN': '消费规则须填写「每消费金额」',
    'zh-TW': '消費規則須填寫「每消費金額」',
    en: 'a spending rule needs "per amount spent"',
  },
  'rule.action_needs_action': {
    'zh-CN': '行为规则须选择行为',
    'zh-TW': '行為規則須選擇行為',
    en: 'an action rule needs an action',
  },
  'rule.dates_reversed': {
    'zh-CN': '结束日期早于开始日期',
    'zh-TW': '結束日期早於開始日期',
    en: 'the end date is before the start date',
  },
};
