import type { Translated } from './common';
import type { ErrorDef } from './errors';

/** Errors of the messaging room; joined into ERRORS. */
export const MESSAGING_ERRORS = {
  'message.no_address': {
    status: 422,
    message: {
      'zh-CN': '此会员没有{field}地址。请先在会员资料中填写，或改用其他管道。',
      'zh-TW': '此會員沒有{field}地址。請先在會員資料中填寫，或改用其他管道。',
      en: 'This member has no {field} address. Add one to the member first, or choose another channel.',
    },
  },
  'message.empty': {
    status: 400,
    message: {
      'zh-CN': '消息没有内容。请选择模板或输入文字。',
      'zh-TW': '訊息沒有內容。請選擇範本或輸入文字。',
      en: 'The message is empty. Choose a template or type the text.',
    },
  },
  'message.template_inactive': {
    status: 422,
    message: {
      'zh-CN': '模板「{name}」已停用。请选择其他模板，或先启用它。',
      'zh-TW': '範本「{name}」已停用。請選擇其他範本，或先啟用它。',
      en: 'The template "{name}" is switched off. Choose another, or switch it on first.',
    },
  },
  'template.invalid': {
    status: 400,
    message: {
      'zh-CN':
        '模板（{language}）有误：{detail}。变量请写成 {{ member.salutation }}，并只使用清单中的变量。',
      'zh-TW':
        '範本（{language}）有誤：{detail}。變數請寫成 {{ member.salutation }}，並只使用清單中的變數。',
      en: 'The template ({language}) has a problem: {detail}. Write variables as {{ member.salutation }} and use only those listed.',
    },
  },
  'template.no_variant': {
    status: 400,
    message: {
      'zh-CN': '模板至少需要一种语言的内容。',
      'zh-TW': '範本至少需要一種語言的內容。',
      en: 'A template needs its text in at least one language.',
    },
  },
  'template.duplicate_name': {
    status: 409,
    message: {
      'zh-CN': '已有名为「{name}」的模板。请换一个名称。',
      'zh-TW': '已有名為「{name}」的範本。請換一個名稱。',
      en: 'A template named "{name}" already exists. Choose another name.',
    },
  },
  'messaging.webhook_secret_required': {
    status: 400,
    message: {
      'zh-CN': '设置 Webhook 网址时也需要设置签章密钥（至少 16 个字符）。',
      'zh-TW': '設定 Webhook 網址時也需要設定簽章密鑰（至少 16 個字元）。',
      en: 'A webhook URL needs a signing secret too (16 characters or more).',
    },
  },
  'messaging.bounce_link_invalid': {
    status: 403,
    message: {
      'zh-CN':
        '此退信地址无效（并非本系统签发或已被改动）。请让邮件服务器把退信地址 bounces+ 之后的部分原样附在 /api/messaging/bounces/ 之后。',
      'zh-TW':
        '此退信地址無效（並非本系統簽發或已被改動）。請讓郵件伺服器把退信地址 bounces+ 之後的部分原樣附在 /api/messaging/bounces/ 之後。',
      en: 'This bounce address is not valid (not issued by this installation, or altered). Have the mail server append the part of the bounce address after bounces+ to /api/messaging/bounces/, unchanged.',
    },
  },
  'messaging.bounce_not_a_message': {
    status: 415,
    message: {
      'zh-CN': '请把收到的整封退信原样发送，内容类型为 message/rfc822。',
      'zh-TW': '請把收到的整封退信原樣傳送，內容類型為 message/rfc822。',
      en: 'Send the whole bounce message as it arrived, with Content-Type: message/rfc822.',
    },
  },
} as const satisfies Record<string, ErrorDef>;

export const MESSAGING_LABELS: Record<string, Translated> = {
  template: { 'zh-CN': '消息模板', 'zh-TW': '訊息範本', en: 'message template' },
  delivery: { 'zh-CN': '消息', 'zh-TW': '訊息', en: 'message' },
  sms: { 'zh-CN': '手机号码', 'zh-TW': '手機號碼', en: 'mobile number' },
  webhook: { 'zh-CN': 'Webhook', 'zh-TW': 'Webhook', en: 'webhook' },
};
