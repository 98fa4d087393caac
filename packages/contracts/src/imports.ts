import { z } from 'zod';
import { IsoDateTime, Uuid, type Translated } from './common';
import { CATALOG_REJECT_LABELS } from './import-kinds';

/** What the rows of a file become. */
export const ImportKind = z.enum(['members', 'products', 'purchases']);
export type ImportKind = z.infer<typeof ImportKind>;

/** The member fields a column can fill (custom fields are `custom.<key>`): importer and console share it. */
export const MEMBER_IMPORT_FIELDS = [
  'name',
  'gender',
  'birthday',
  'phone',
  'otherPhones',
  'email',
  'address',
  'preferredChannel',
  'language',
  'timeZone',
  'homeStore',
  'externalId',
  'cardNumber',
  'tags',
  'consent.sms',
  'consent.email',
  'consent.line',
  'consent.wechat',
  'consent.app',
] as const;
export type MemberImportField = (typeof MEMBER_IMPORT_FIELDS)[number];

export const ImportFormat = z.enum(['csv', 'xlsx', 'vcard']);
export type ImportFormat = z.infer<typeof ImportFormat>;
/** How a row finds the member it updates; a row matching no one creates a member. */
export const ImportMatchBy = z.enum(['phone', 'email', 'card', 'external_id']);
export type ImportMatchBy = z.infer<typeof ImportMatchBy>;
export const ImportStatus = z.enum(['uploaded', 'queued', 'running', 'done', 'failed']);

/** Upload: the file's bytes are the body; its name comes in the query. */
export const ImportUploadQuery = z.strictObject({
  fileName: z.string().trim().min(1).max(200),
  kind: ImportKind.default('members'),
});

/**
 * A column's field, or null (ignored): a member field (MEMBER_IMPORT_FIELDS) or `custom.<key>`;
 * for products PRODUCT_IMPORT_FIELDS, for purchases PURCHASE_IMPORT_FIELDS.
 */
export const ImportMapping = z.array(z.string().max(60).nullable()).max(500);

export const ImportView = z.object({
  importId: Uuid,
  kind: ImportKind,
  fileName: z.string(),
  format: ImportFormat,
  /** Detected text encoding of CSV files: utf-8, big5 or gbk. */
  encoding: z.string().nullable(),
  fileSize: z.number().int(),
  headers: z.array(z.string()),
  /** The first rows as read (for the mapping screen); only on the upload's response. */
  sample: z.array(z.array(z.string())).optional(),
  /** The mapping: suggested from the headers until the import is started, then the one used. */
  mapping: ImportMapping,
  matchBy: ImportMatchBy.nullable(),
  dryRun: z.boolean(),
  status: ImportStatus,
  totalRows: z.number().int().nullable(),
  rowsDone: z.number().int(),
  /** rowsDone / totalRows, 0–1: what a progress bar shows. */
  progress: z.number(),
  counts: z.object({
    created: z.number().int(),
    updated: z.number().int(),
    unchanged: z.number().int(),
    rejected: z.number().int(),
    skipped: z.number().int(),
  }),
  error: z.string().nullable(),
  createdAt: IsoDateTime,
  startedAt: IsoDateTime.nullable(),
  finishedAt: IsoDateTime.nullable(),
});
export type ImportView = z.infer<typeof ImportView>;

export const ImportStart = z.strictObject({
  mapping: ImportMapping,
  /** Members only: the key that finds an existing member (products go by SKU, purchases by order number). */
  matchBy: ImportMatchBy.default('phone'),
  /** Report what would happen (counts and rejected rows) without saving anything. */
  dryRun: z.boolean().default(false),
});
export type ImportStart = z.infer<typeof ImportStart>;

export const ImportReject = z.object({
  row: z.number().int(),
  column: z.string(),
  value: z.string(),
  reason: z.string(),
  /** The reason in the caller's language, with what to do. */
  message: z.string(),
});

export const FileFormatQuery = z.strictObject({ format: z.enum(['csv', 'xlsx']).default('csv') });
export const TemplateQuery = FileFormatQuery.extend({ kind: ImportKind.default('members') });

export const MemberExportQuery = z.strictObject({
  format: z.enum(['csv', 'xlsx']).default('csv'),
  q: z.string().trim().max(100).optional(),
  tag: z.union([z.string().trim().min(1).max(40), z.array(z.string().max(40)).max(20)]).optional(),
  homeStoreId: Uuid.optional(),
});

/** Why a row was rejected, and what to do, in each language (codes from @regulars/core). */
export const IMPORT_REJECT_LABELS: Record<string, Translated> = {
  'encoding.invalid': {
    'zh-CN': '文字编码错误（乱码）：请将档案另存为 UTF-8 CSV',
    'zh-TW': '文字編碼錯誤（亂碼）：請將檔案另存為 UTF-8 CSV',
    en: 'Wrong text encoding (garbled characters): save the file as UTF-8 CSV',
  },
  'value.formula': {
    'zh-CN': '内容是公式（以 = + - @ 开头）：请改为纯文字',
    'zh-TW': '內容是公式（以 = + - @ 開頭）：請改為純文字',
    en: 'The cell holds a formula (starts with = + - @): enter plain text',
  },
  'value.too_long': {
    'zh-CN': '内容过长：请缩短',
    'zh-TW': '內容過長：請縮短',
    en: 'The value is too long: shorten it',
  },
  'value.required': {
    'zh-CN': '新会员必须填写此栏',
    'zh-TW': '新會員必須填寫此欄',
    en: 'A new member needs this value',
  },
  'key.missing': {
    'zh-CN': '缺少用来比对会员的栏位值',
    'zh-TW': '缺少用來比對會員的欄位值',
    en: 'The value used to match members is missing',
  },
  'phone.invalid': {
    'zh-CN': '无法识别的电话号码：请填写完整号码，如 0912-345-678',
    'zh-TW': '無法辨識的電話號碼：請填寫完整號碼，如 0912-345-678',
    en: 'Unrecognised phone number: enter the full number, e.g. 0912-345-678',
  },
  'phone.taken': {
    'zh-CN': '此手机号码已属于另一位会员',
    'zh-TW': '此手機號碼已屬於另一位會員',
    en: 'This mobile number belongs to another member',
  },
  'email.invalid': {
    'zh-CN': '电子邮件格式不正确',
    'zh-TW': '電子郵件格式不正確',
    en: 'Not a valid email address',
  },
  'email.ambiguous': {
    'zh-CN': '有多位会员使用此电子邮件：请改用手机或编号比对',
    'zh-TW': '有多位會員使用此電子郵件：請改用手機或編號比對',
    en: 'Several members have this email: match by phone or id instead',
  },
  'date.invalid': {
    'zh-CN': '无法识别的日期：请写成 1987-05-12',
    'zh-TW': '無法辨識的日期：請寫成 1987-05-12',
    en: 'Unrecognised date: write it as 1987-05-12',
  },
  'date.roc_disabled': {
    'zh-CN': '这是民国年日期，但未启用民国年：请在设定中启用，或改写为西元年',
    'zh-TW': '這是民國年日期，但未啟用民國年：請在設定中啟用，或改寫為西元年',
    en: 'A Republic-of-China year, which is not enabled: enable it in the settings or use the Western year',
  },
  'gender.invalid': {
    'zh-CN': '性别请填 男、女、其他 或留空',
    'zh-TW': '性別請填 男、女、其他 或留空',
    en: 'Gender must be male, female, other or empty',
  },
  'language.invalid': {
    'zh-CN': '语言请填 zh-TW、zh-CN 或 en',
    'zh-TW': '語言請填 zh-TW、zh-CN 或 en',
    en: 'Language must be zh-TW, zh-CN or en',
  },
  'channel.invalid': {
    'zh-CN': '偏好渠道请填 sms、email、line、wechat、app 或 phone',
    'zh-TW': '偏好管道請填 sms、email、line、wechat、app 或 phone',
    en: 'Preferred channel must be sms, email, line, wechat, app or phone',
  },
  'timezone.invalid': {
    'zh-CN': '时区无效，请用如 Asia/Taipei 的时区',
    'zh-TW': '時區無效，請用如 Asia/Taipei 的時區',
    en: 'Not a valid time zone; use one such as Asia/Taipei',
  },
  'store.unknown': {
    'zh-CN': '没有此门店代码：请先建立门店，或更正代码',
    'zh-TW': '沒有此門市代碼：請先建立門市，或更正代碼',
    en: 'No store has this code: create the store first or correct the code',
  },
  'card.unknown': {
    'zh-CN': '没有此会员卡号',
    'zh-TW': '沒有此會員卡號',
    en: 'No member has this card number',
  },
  'keys.conflict': {
    'zh-CN': '此列的编号与卡号/手机分属不同会员：请确认后合并或更正',
    'zh-TW': '此列的編號與卡號/手機分屬不同會員：請確認後合併或更正',
    en: 'The ids in this row belong to different members: check, then merge or correct them',
  },
  'row.duplicate': {
    'zh-CN': '档案中已有相同会员的列（以第一列为准）',
    'zh-TW': '檔案中已有相同會員的列（以第一列為準）',
    en: 'Duplicate of an earlier row in the file (the first one is used)',
  },
  'tags.too_many': {
    'zh-CN': '标签过多（上限 100）',
    'zh-TW': '標籤過多（上限 100）',
    en: 'Too many tags (at most 100)',
  },
  'value.not_number': { 'zh-CN': '应为数字', 'zh-TW': '應為數字', en: 'Expected a number' },
  'value.not_date': {
    'zh-CN': '应为日期（如 1987-05-12）',
    'zh-TW': '應為日期（如 1987-05-12）',
    en: 'Expected a date such as 1987-05-12',
  },
  'value.not_boolean': {
    'zh-CN': '应为 是/否（Y/N）',
    'zh-TW': '應為 是/否（Y/N）',
    en: 'Expected yes or no (Y/N)',
  },
  'value.not_text': { 'zh-CN': '应为文字', 'zh-TW': '應為文字', en: 'Expected text' },
  'value.unknown_option': {
    'zh-CN': '不在可选项目中：请用设定中的选项',
    'zh-TW': '不在可選項目中：請用設定中的選項',
    en: 'Not one of the allowed options: use an option from the settings',
  },
  'value.unknown_field': {
    'zh-CN': '没有此自定义栏位',
    'zh-TW': '沒有此自訂欄位',
    en: 'No such custom field',
  },
  ...CATALOG_REJECT_LABELS,
};

/** Column headers of member files (template, export), per field, in each language. */
export const MEMBER_FIELD_LABELS: Record<string, Translated> = {
  name: { 'zh-CN': '姓名', 'zh-TW': '姓名', en: 'Name' },
  gender: { 'zh-CN': '性别', 'zh-TW': '性別', en: 'Gender' },
  birthday: { 'zh-CN': '生日', 'zh-TW': '生日', en: 'Birthday' },
  phone: { 'zh-CN': '手机', 'zh-TW': '手機', en: 'Mobile' },
  otherPhones: { 'zh-CN': '其他电话', 'zh-TW': '其他電話', en: 'Other phones' },
  email: { 'zh-CN': '电子邮件', 'zh-TW': '電子郵件', en: 'Email' },
  address: { 'zh-CN': '地址', 'zh-TW': '地址', en: 'Address' },
  preferredChannel: { 'zh-CN': '偏好渠道', 'zh-TW': '偏好管道', en: 'Preferred channel' },
  language: { 'zh-CN': '语言', 'zh-TW': '語言', en: 'Language' },
  timeZone: { 'zh-CN': '时区', 'zh-TW': '時區', en: 'Time zone' },
  homeStore: { 'zh-CN': '门店代码', 'zh-TW': '門市代碼', en: 'Store code' },
  externalId: { 'zh-CN': '外部编号', 'zh-TW': '外部編號', en: 'External id' },
  cardNumber: { 'zh-CN': '会员卡号', 'zh-TW': '會員卡號', en: 'Card number' },
  tags: { 'zh-CN': '标签', 'zh-TW': '標籤', en: 'Tags' },
  'consent.sms': { 'zh-CN': '短信同意', 'zh-TW': '簡訊同意', en: 'SMS consent' },
  'consent.email': { 'zh-CN': '邮件同意', 'zh-TW': '郵件同意', en: 'Email consent' },
};
