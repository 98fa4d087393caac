import { z } from 'zod';
import type { Language, Translated } from './common';
import { LOYALTY_ERRORS, LOYALTY_LABELS } from './errors-loyalty';
import { MEMBER_ERRORS, MEMBER_LABELS } from './errors-members';
import { REWARD_ERRORS, REWARD_LABELS } from './errors-rewards';
import { MESSAGING_ERRORS, MESSAGING_LABELS } from './errors-messaging';
import { POS_ERRORS } from './errors-pos';
import { SMS_ERRORS } from './errors-sms';
import { WEBHOOK_ERRORS, WEBHOOK_LABELS } from './errors-webhooks';

export type ErrorDef = { status: number; message: Translated };

/**
 * Every error a caller can see: its HTTP status and what to tell a person, in each language.
 * Messages say what was wrong and what to do. `{name}` placeholders are filled from `params`.
 */
export const ERRORS = {
  ...MEMBER_ERRORS,
  ...REWARD_ERRORS,
  ...SMS_ERRORS,
  ...LOYALTY_ERRORS,
  ...MESSAGING_ERRORS,
  ...POS_ERRORS,
  ...WEBHOOK_ERRORS,
  'request.invalid': {
    status: 400,
    message: {
      'zh-CN': '请求内容不正确：{detail}。请修正后再试。',
      'zh-TW': '請求內容不正確：{detail}。請修正後再試。',
      en: 'The request is not valid: {detail}. Correct it and try again.',
    },
  },
  'request.malformed_json': {
    status: 400,
    message: {
      'zh-CN': '请求内容不是有效的 JSON。请检查格式。',
      'zh-TW': '請求內容不是有效的 JSON。請檢查格式。',
      en: 'The request body is not valid JSON. Check its syntax.',
    },
  },
  'request.unsupported_media_type': {
    status: 415,
    message: {
      'zh-CN': '不支持此内容类型，请以 application/json 发送。',
      'zh-TW': '不支援此內容類型，請以 application/json 傳送。',
      en: 'Unsupported content type: send application/json.',
    },
  },
  'request.too_large': {
    status: 413,
    message: {
      'zh-CN': '请求内容过大（上限 {limit}）。请缩小后再试。',
      'zh-TW': '請求內容過大（上限 {limit}）。請縮小後再試。',
      en: 'The request body is too large (limit {limit}). Send less at a time.',
    },
  },
  'request.rate_limited': {
    status: 429,
    message: {
      'zh-CN': '尝试次数过多，请 {seconds} 秒后再试。',
      'zh-TW': '嘗試次數過多，請 {seconds} 秒後再試。',
      en: 'Too many attempts. Try again in {seconds} seconds.',
    },
  },
  'request.idempotency_conflict': {
    status: 422,
    message: {
      'zh-CN': '同一个 Idempotency-Key 已用于不同的请求。请为新请求使用新的键。',
      'zh-TW': '同一個 Idempotency-Key 已用於不同的請求。請為新請求使用新的鍵。',
      en: 'This Idempotency-Key was already used for a different request. Use a new key.',
    },
  },
  'request.in_progress': {
    status: 409,
    message: {
      'zh-CN': '使用同一个 Idempotency-Key 的请求仍在处理中。请稍后再试。',
      'zh-TW': '使用同一個 Idempotency-Key 的請求仍在處理中。請稍後再試。',
      en: 'A request with this Idempotency-Key is still being processed. Try again shortly.',
    },
  },
  'route.not_found': {
    status: 404,
    message: {
      'zh-CN': '没有这个 API 路径。请查看 /docs 中的 API 文档。',
      'zh-TW': '沒有這個 API 路徑。請查看 /docs 中的 API 文件。',
      en: 'No such API route. See the API documentation at /docs.',
    },
  },
  'auth.required': {
    status: 401,
    message: {
      'zh-CN': '请先登录（或提供 API 密钥）。',
      'zh-TW': '請先登入（或提供 API 金鑰）。',
      en: 'Sign in first (or send an API key).',
    },
  },
  'auth.session_expired': {
    status: 401,
    message: {
      'zh-CN': '登录已过期，请重新登录。',
      'zh-TW': '登入已逾時，請重新登入。',
      en: 'Your session has expired. Sign in again.',
    },
  },
  'auth.invalid_credentials': {
    status: 401,
    message: {
      'zh-CN': '企业代码、电子邮件或密码不正确。',
      'zh-TW': '企業代碼、電子郵件或密碼不正確。',
      en: 'The business code, email or password is not correct.',
    },
  },
  'auth.locked': {
    status: 423,
    message: {
      'zh-CN': '此账号因多次登录失败已暂时锁定，请 {minutes} 分钟后再试，或请管理员协助。',
      'zh-TW': '此帳號因多次登入失敗已暫時鎖定，請 {minutes} 分鐘後再試，或請管理員協助。',
      en: 'This account is locked after repeated failed sign-ins. Try again in {minutes} minutes or ask an administrator.',
    },
  },
  'auth.csrf': {
    status: 403,
    message: {
      'zh-CN': '安全令牌缺失或不正确。请重新整理页面后再试。',
      'zh-TW': '安全權杖缺少或不正確。請重新整理頁面後再試。',
      en: 'The security token is missing or wrong. Reload the page and try again.',
    },
  },
  'auth.session_required': {
    status: 403,
    message: {
      'zh-CN': '此功能只适用于登录后台的员工；API 密钥没有登录会话。',
      'zh-TW': '此功能只適用於登入後台的員工；API 金鑰沒有登入工作階段。',
      en: 'This works only for staff signed in to the console; API keys have no session.',
    },
  },
  'auth.api_key_invalid': {
    status: 401,
    message: {
      'zh-CN': 'API 密钥无效或已撤销。请向管理员取得新的密钥。',
      'zh-TW': 'API 金鑰無效或已撤銷。請向管理員取得新的金鑰。',
      en: 'The API key is invalid or revoked. Ask an administrator for a new key.',
    },
  },
  'permission.denied': {
    status: 403,
    message: {
      'zh-CN': '您的角色没有此权限（{permission}）。请联系系统管理员。',
      'zh-TW': '您的角色沒有此權限（{permission}）。請聯絡系統管理員。',
      en: 'Your role does not allow this ({permission}). Ask a system administrator.',
    },
  },
  'store.not_allowed': {
    status: 403,
    message: {
      'zh-CN': '您没有此门店的权限。',
      'zh-TW': '您沒有此門市的權限。',
      en: 'You do not have access to this store.',
    },
  },
  not_found: {
    status: 404,
    message: {
      'zh-CN': '找不到此{entity}。它可能已被删除。',
      'zh-TW': '找不到此{entity}。它可能已被刪除。',
      en: 'This {entity} was not found. It may have been deleted.',
    },
  },
  'conflict.version': {
    status: 409,
    message: {
      'zh-CN': '此资料已被他人修改。请重新载入后再编辑。',
      'zh-TW': '此資料已被他人修改。請重新載入後再編輯。',
      en: 'Someone else changed this in the meantime. Reload it and edit again.',
    },
  },
  'conflict.duplicate': {
    status: 409,
    message: {
      'zh-CN': '{field} 已被使用，请换一个。',
      'zh-TW': '{field} 已被使用，請換一個。',
      en: 'This {field} is already in use. Choose another.',
    },
  },
  'setup.already_done': {
    status: 409,
    message: {
      'zh-CN': '此系统已完成初始设定。请直接登录。',
      'zh-TW': '此系統已完成初始設定。請直接登入。',
      en: 'This installation is already set up. Sign in instead.',
    },
  },
  'role.in_use': {
    status: 409,
    message: {
      'zh-CN': '仍有员工使用此角色，请先为他们指定其他角色。',
      'zh-TW': '仍有員工使用此角色，請先為他們指定其他角色。',
      en: 'Staff still hold this role. Give them another role first.',
    },
  },
  'role.system_readonly': {
    status: 409,
    message: {
      'zh-CN': '系统内建角色不可修改或删除；请建立自定义角色。',
      'zh-TW': '系統內建角色不可修改或刪除；請建立自訂角色。',
      en: 'Built-in roles cannot be changed or deleted; create a custom role instead.',
    },
  },
  'staff.last_admin': {
    status: 409,
    message: {
      'zh-CN': '至少需要保留一位启用中的系统管理员。',
      'zh-TW': '至少需要保留一位啟用中的系統管理員。',
      en: 'At least one active system administrator must remain.',
    },
  },
  internal: {
    status: 500,
    message: {
      'zh-CN': '系统发生错误，已记录（请求编号 {requestId}）。请稍后再试。',
      'zh-TW': '系統發生錯誤，已記錄（請求編號 {requestId}）。請稍後再試。',
      en: 'Something went wrong on our side; it was logged (request {requestId}). Try again later.',
    },
  },
} as const satisfies Record<string, ErrorDef>;

export type ErrorCode = keyof typeof ERRORS;

export const ErrorBody = z.object({
  error: z.object({
    code: z.string(),
    message: z.string(),
    requestId: z.string(),
    details: z.unknown().optional(),
  }),
});
export type ErrorBody = z.infer<typeof ErrorBody>;

/** The message for `code` in `lang`, with `{name}` placeholders filled in. */
export function errorMessage(
  code: ErrorCode,
  lang: Language,
  params: Record<string, string | number> = {},
): string {
  return ERRORS[code].message[lang].replace(/\{(\w+)\}/g, (_, k: string) => {
    if (!(k in params)) return `{${k}}`;
    const v = String(params[k]);
    return (k === 'entity' || k === 'field' || k === 'reason') && ENTITY_LABELS[v]
      ? ENTITY_LABELS[v][lang]
      : v;
  });
}

/** Names of things, for messages such as "this store was not found". Modules add theirs. */
export const ENTITY_LABELS: Record<string, Translated> = {
  tenant: { 'zh-CN': '企业', 'zh-TW': '企業', en: 'business' },
  store: { 'zh-CN': '门店', 'zh-TW': '門市', en: 'store' },
  staff: { 'zh-CN': '员工', 'zh-TW': '員工', en: 'staff account' },
  role: { 'zh-CN': '角色', 'zh-TW': '角色', en: 'role' },
  api_key: { 'zh-CN': 'API 密钥', 'zh-TW': 'API 金鑰', en: 'API key' },
  email: { 'zh-CN': '电子邮件', 'zh-TW': '電子郵件', en: 'email' },
  code: { 'zh-CN': '代码', 'zh-TW': '代碼', en: 'code' },
  name: { 'zh-CN': '名称', 'zh-TW': '名稱', en: 'name' },
  slug: { 'zh-CN': '企业代码', 'zh-TW': '企業代碼', en: 'business code' },
  ...MEMBER_LABELS,
  ...REWARD_LABELS,
  ...LOYALTY_LABELS,
  ...MESSAGING_LABELS,
  ...WEBHOOK_LABELS,
};
