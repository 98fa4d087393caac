import type { ErrorDef } from './errors';

/** Errors of the SMS gateway's callbacks; joined into ERRORS. */
export const SMS_ERRORS = {
  'sms.link_invalid': {
    status: 403,
    message: {
      'zh-CN':
        '此短信网关回调地址无效（并非本系统签发或已被改动）。请将 /api/sms/gateway 给出的地址填入 Kannel 的设置。',
      'zh-TW':
        '此簡訊閘道回呼網址無效（並非本系統簽發或已被改動）。請將 /api/sms/gateway 提供的網址填入 Kannel 的設定。',
      en: 'This SMS gateway callback address is not valid (not issued by this installation, or altered). Put the address that /api/sms/gateway gives into Kannel’s configuration.',
    },
  },
} as const satisfies Record<string, ErrorDef>;
