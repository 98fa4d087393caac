import type { Translated } from './common';
import type { ErrorDef } from './errors';

/** Errors of outgoing webhooks (a business's endpoints); joined into ERRORS. */
export const WEBHOOK_ERRORS = {
  'webhook.url_invalid': {
    status: 400,
    message: {
      'zh-CN': 'Webhook 地址无法识别。请填写完整的网址，例如 https://example.com/hooks/regulars。',
      'zh-TW': 'Webhook 網址無法辨識。請填寫完整的網址，例如 https://example.com/hooks/regulars。',
      en: 'The webhook address cannot be read. Enter a full address such as https://example.com/hooks/regulars.',
    },
  },
  'webhook.url_scheme': {
    status: 400,
    message: {
      'zh-CN': 'Webhook 地址只能以 http:// 或 https:// 开头（建议 https）。请修改地址。',
      'zh-TW': 'Webhook 網址只能以 http:// 或 https:// 開頭（建議 https）。請修改網址。',
      en: 'A webhook address must start with http:// or https:// (https is recommended). Change the address.',
    },
  },
  'webhook.url_credentials': {
    status: 400,
    message: {
      'zh-CN':
        'Webhook 地址不能包含用户名或密码（user:pass@）。请删除它们，并用签章密钥验证请求来自本系统。',
      'zh-TW':
        'Webhook 網址不能包含使用者名稱或密碼（user:pass@）。請刪除它們，並以簽章密鑰驗證請求來自本系統。',
      en: 'A webhook address must not contain a user name or password (user:pass@). Remove them and check the signature instead.',
    },
  },
  'webhook.url_forbidden_host': {
    status: 400,
    message: {
      'zh-CN':
        'Webhook 地址 {host} 指向链路本地或云端元数据地址（如 169.254.169.254），不允许使用。请填写您自己的服务器地址。',
      'zh-TW':
        'Webhook 網址 {host} 指向鏈路本地或雲端中繼資料位址（如 169.254.169.254），不允許使用。請填寫您自己的伺服器位址。',
      en: 'The webhook host {host} is a link-local or cloud metadata address (such as 169.254.169.254), which is not allowed. Enter your own server’s address.',
    },
  },
} as const satisfies Record<string, ErrorDef>;

export const WEBHOOK_LABELS: Record<string, Translated> = {
  webhook_endpoint: { 'zh-CN': 'Webhook 端点', 'zh-TW': 'Webhook 端點', en: 'webhook endpoint' },
  webhook_delivery: { 'zh-CN': 'Webhook 投递', 'zh-TW': 'Webhook 投遞', en: 'webhook delivery' },
};
