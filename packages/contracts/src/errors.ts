import { z } from 'zod';
import type { Language, Translated } from './common';

type ErrorDef = { status: number; message: Translated };

/**
 * Every error a caller can see: its HTTP status and what to tell a person, in each language.
 * Messages say what was wrong and what to do. `{name}` placeholders are filled from `params`.
 */
export const ERRORS = {
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
  'member.duplicate_phone': {
    status: 409,
    message: {
      'zh-CN': '此手机号码已属于另一位会员（{card}）。请搜索该会员，或合并重复资料。',
      'zh-TW': '此手機號碼已屬於另一位會員（{card}）。請搜尋該會員，或合併重複資料。',
      en: 'This mobile number already belongs to another member ({card}). Find that member, or merge the duplicates.',
    },
  },
  'member.invalid_phone': {
    status: 400,
    message: {
      'zh-CN':
        '无法识别电话号码「{value}」。请输入完整号码，例如 0912-345-678 或 +86 138 0013 8000。',
      'zh-TW':
        '無法辨識電話號碼「{value}」。請輸入完整號碼，例如 0912-345-678 或 +86 138 0013 8000。',
      en: 'The phone number "{value}" is not recognised. Enter the full number, e.g. 0912-345-678 or +86 138 0013 8000.',
    },
  },
  'member.invalid_time_zone': {
    status: 400,
    message: {
      'zh-CN': '时区「{value}」无效，请使用如 Asia/Taipei 的 IANA 时区。',
      'zh-TW': '時區「{value}」無效，請使用如 Asia/Taipei 的 IANA 時區。',
      en: 'The time zone "{value}" is not valid; use an IANA zone such as Asia/Taipei.',
    },
  },
  'custom_field.invalid': {
    status: 400,
    message: {
      'zh-CN': '自定义栏位「{field}」的值不正确：{reason}',
      'zh-TW': '自訂欄位「{field}」的值不正確：{reason}',
      en: 'The custom field "{field}" has an invalid value: {reason}',
    },
  },
  'category.cycle': {
    status: 409,
    message: {
      'zh-CN': '分类不能放在它自己的子分类之下。',
      'zh-TW': '分類不能放在它自己的子分類之下。',
      en: 'A category cannot be placed under one of its own sub-categories.',
    },
  },
  'attachment.type_not_allowed': {
    status: 415,
    message: {
      'zh-CN': '只能附加 PNG、JPEG、GIF、PDF 或纯文字档案（最大 5 MB）。',
      'zh-TW': '只能附加 PNG、JPEG、GIF、PDF 或純文字檔案（最大 5 MB）。',
      en: 'Only PNG, JPEG, GIF, PDF or plain-text files (up to 5 MB) can be attached.',
    },
  },
  'purchase.unknown_line': {
    status: 400,
    message: {
      'zh-CN': '第 {line} 项没有名称，且其 SKU 不在商品目录中。请提供名称或已有的 SKU。',
      'zh-TW': '第 {line} 項沒有名稱，且其 SKU 不在商品目錄中。請提供名稱或既有的 SKU。',
      en: 'Line {line} has no name and its SKU is not in the catalog. Give a name or a known SKU.',
    },
  },
  'purchase.external_id_conflict': {
    status: 409,
    message: {
      'zh-CN': '外部编号 {externalId} 已用于另一笔不同的消费（会员或金额不同）。',
      'zh-TW': '外部編號 {externalId} 已用於另一筆不同的消費（會員或金額不同）。',
      en: 'External id {externalId} was already used for a different purchase (another member or amount).',
    },
  },
  'relation.self': {
    status: 400,
    message: {
      'zh-CN': '会员不能与自己建立关系。',
      'zh-TW': '會員不能與自己建立關係。',
      en: 'A member cannot be related to themselves.',
    },
  },
  'member.merge_self': {
    status: 400,
    message: {
      'zh-CN': '会员不能与自己合并。请选择另一笔重复的会员资料。',
      'zh-TW': '會員不能與自己合併。請選擇另一筆重複的會員資料。',
      en: 'A member cannot be merged with themselves. Choose the other, duplicate record.',
    },
  },
  'calls.no_extension': {
    status: 409,
    message: {
      'zh-CN': '您的员工资料没有设定分机号码，因此无法显示来电。请管理员在「员工」中设定您的分机。',
      'zh-TW': '您的員工資料沒有設定分機號碼，因此無法顯示來電。請管理員在「員工」中設定您的分機。',
      en: 'Your staff profile has no phone extension, so no calls can be shown to you. Ask an administrator to set your extension under Staff.',
    },
  },
  'import.unsupported_format': {
    status: 400,
    message: {
      'zh-CN': '无法读取档案「{name}」：请上传 Excel（.xlsx）、CSV 或 vCard（.vcf）档案。',
      'zh-TW': '無法讀取檔案「{name}」：請上傳 Excel（.xlsx）、CSV 或 vCard（.vcf）檔案。',
      en: 'The file "{name}" cannot be read: upload an Excel (.xlsx), CSV or vCard (.vcf) file.',
    },
  },
  'import.unreadable': {
    status: 400,
    message: {
      'zh-CN': '档案「{name}」内容无法读取（{detail}）。请用 Excel 重新另存后再上传。',
      'zh-TW': '檔案「{name}」內容無法讀取（{detail}）。請用 Excel 重新另存後再上傳。',
      en: 'The content of "{name}" cannot be read ({detail}). Save it again from Excel and upload it again.',
    },
  },
  'import.empty_file': {
    status: 400,
    message: {
      'zh-CN': '档案「{name}」没有资料列。请确认第一列是栏位名称，其下是会员资料。',
      'zh-TW': '檔案「{name}」沒有資料列。請確認第一列是欄位名稱，其下是會員資料。',
      en: 'The file "{name}" has no data rows. The first row should name the columns, with members below it.',
    },
  },
  'import.mapping_invalid': {
    status: 400,
    message: {
      'zh-CN': '栏位对应不正确：{detail}。请修正对应后再开始。',
      'zh-TW': '欄位對應不正確：{detail}。請修正對應後再開始。',
      en: 'The column mapping is not valid: {detail}. Correct the mapping and start again.',
    },
  },
  'import.not_startable': {
    status: 409,
    message: {
      'zh-CN': '此导入目前为「{status}」，无法开始。试算完成后可正式导入；已导入的档案请重新上传。',
      'zh-TW': '此匯入目前為「{status}」，無法開始。試算完成後可正式匯入；已匯入的檔案請重新上傳。',
      en: 'This import is "{status}" and cannot be started. A finished dry run can be run for real; upload the file again to re-import it.',
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
  member: { 'zh-CN': '会员', 'zh-TW': '會員', en: 'member' },
  import: { 'zh-CN': '导入', 'zh-TW': '匯入', en: 'import' },
  custom_field: { 'zh-CN': '自定义栏位', 'zh-TW': '自訂欄位', en: 'custom field' },
  category: { 'zh-CN': '商品分类', 'zh-TW': '商品分類', en: 'category' },
  product: { 'zh-CN': '商品', 'zh-TW': '商品', en: 'product' },
  sku: { 'zh-CN': 'SKU', 'zh-TW': 'SKU', en: 'SKU' },
  purchase: { 'zh-CN': '消费记录', 'zh-TW': '消費記錄', en: 'purchase' },
  note: { 'zh-CN': '记事', 'zh-TW': '記事', en: 'note' },
  attachment: { 'zh-CN': '附件', 'zh-TW': '附件', en: 'attachment' },
  task: { 'zh-CN': '工作', 'zh-TW': '工作', en: 'task' },
  anniversary: { 'zh-CN': '纪念日', 'zh-TW': '紀念日', en: 'anniversary' },
  relation: { 'zh-CN': '亲友关系', 'zh-TW': '親友關係', en: 'relation' },
  external_id: { 'zh-CN': '外部编号', 'zh-TW': '外部編號', en: 'external id' },
  key: { 'zh-CN': '代码', 'zh-TW': '代碼', en: 'key' },
  'value.required': { 'zh-CN': '此栏位必填', 'zh-TW': '此欄位必填', en: 'a value is required' },
  'value.not_number': { 'zh-CN': '应为数字', 'zh-TW': '應為數字', en: 'expected a number' },
  'value.not_date': {
    'zh-CN': '应为日期（如 1987-05-12）',
    'zh-TW': '應為日期（如 1987-05-12）',
    en: 'expected a date such as 1987-05-12',
  },
  'value.not_boolean': { 'zh-CN': '应为是或否', 'zh-TW': '應為是或否', en: 'expected yes or no' },
  'value.not_text': { 'zh-CN': '应为文字', 'zh-TW': '應為文字', en: 'expected text' },
  'value.unknown_option': {
    'zh-CN': '不在可选项目中',
    'zh-TW': '不在可選項目中',
    en: 'not one of the allowed options',
  },
  'value.unknown_field': {
    'zh-CN': '没有此栏位，请先在设定中建立',
    'zh-TW': '沒有此欄位，請先在設定中建立',
    en: 'no such field; define it in the settings first',
  },
};
