import type { ErrorDef } from './errors';

/** Errors of the till's member lookup; joined into ERRORS. */
export const POS_ERRORS = {
  'pos.no_member_with_phone': {
    status: 404,
    message: {
      'zh-CN':
        '找不到手机号码为 {phone} 的会员。请核对号码，或改用会员卡号查询，或为顾客登记入会。',
      'zh-TW':
        '找不到手機號碼為 {phone} 的會員。請核對號碼，或改用會員卡號查詢，或為顧客登記入會。',
      en: 'No member has the phone number {phone}. Check the number, look the member up by card number instead, or sign the customer up.',
    },
  },
  'pos.no_member_with_card': {
    status: 404,
    message: {
      'zh-CN':
        '找不到会员卡号为 {card} 的会员（可能已删除）。请改用手机号码查询，或为顾客登记入会。',
      'zh-TW':
        '找不到會員卡號為 {card} 的會員（可能已刪除）。請改用手機號碼查詢，或為顧客登記入會。',
      en: 'No member has the card number {card} (it may have been deleted). Look the member up by phone number instead, or sign the customer up.',
    },
  },
  'pos.invalid_card': {
    status: 400,
    message: {
      'zh-CN':
        '会员卡号 {value} 不正确（检查码不符）。请核对卡上的号码后重新输入，或改扫会员卡二维码。',
      'zh-TW':
        '會員卡號 {value} 不正確（檢查碼不符）。請核對卡上的號碼後重新輸入，或改掃會員卡 QR 碼。',
      en: 'Card number {value} is not valid (its check digit does not match). Re-enter the number printed on the card, or scan its QR code.',
    },
  },
  'pos.invalid_qr': {
    status: 400,
    message: {
      'zh-CN':
        '扫描到的二维码不是本系统的会员卡二维码，或已被修改。请请会员打开会员卡重新出示，或改输入手机号码或卡号。',
      'zh-TW':
        '掃描到的 QR 碼不是本系統的會員卡 QR 碼，或已遭修改。請會員開啟會員卡重新出示，或改輸入手機號碼或卡號。',
      en: 'The scanned QR code is not a member card of this system, or it was altered. Ask the member to show their card again, or enter their phone or card number.',
    },
  },
  'pos.qr_other_business': {
    status: 400,
    message: {
      'zh-CN': '这张会员卡属于另一家商家，不能在本店使用。请以手机号码查询会员，或为顾客登记入会。',
      'zh-TW': '這張會員卡屬於另一家商家，不能在本店使用。請以手機號碼查詢會員，或為顧客登記入會。',
      en: 'This member card belongs to another business and cannot be used here. Look the member up by phone number, or sign the customer up.',
    },
  },
} as const satisfies Record<string, ErrorDef>;
