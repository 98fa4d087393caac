import { toHalfWidth } from '../text';

export { MEMBER_IMPORT_FIELDS, type MemberImportField } from '@regulars/contracts';
import type { ImportKind, MemberImportField } from '@regulars/contracts';
import { PRODUCT_SYNONYMS, PURCHASE_SYNONYMS } from './catalog-fields';

/** Fields that may fill from several columns (their values are added together). */
export const MULTI_COLUMN_FIELDS: readonly string[] = ['tags', 'otherPhones'];

/** Header names seen in real sheets, in zh-TW, zh-CN and English, normalised (see headerKey). */
const SYNONYMS: Record<MemberImportField, string[]> = {
  name: [
    '姓名',
    '名字',
    '會員姓名',
    '会员姓名',
    '客戶姓名',
    '客户姓名',
    '名稱',
    '名称',
    'name',
    'fullname',
    'membername',
    'customername',
    '聯絡人',
    '联系人',
  ],
  gender: ['性別', '性别', 'gender', 'sex', '稱謂', '称谓'],
  birthday: [
    '生日',
    '出生日期',
    '出生年月日',
    '生日日期',
    'birthday',
    'birthdate',
    'dateofbirth',
    'dob',
  ],
  phone: [
    '手機',
    '手机',
    '手機號碼',
    '手机号码',
    '手机号',
    '行動電話',
    '行動電話號碼',
    '移動電話',
    '移动电话',
    '電話',
    '电话',
    '聯絡電話',
    '联系电话',
    'mobile',
    'mobilephone',
    'mobilenumber',
    'cell',
    'cellphone',
    'phone',
    'phonenumber',
    'tel',
  ],
  otherPhones: [
    '其他電話',
    '其他电话',
    '市話',
    '市话',
    '住家電話',
    '家用电话',
    '公司電話',
    '公司电话',
    'otherphone',
    'otherphones',
    'homephone',
    'workphone',
    'landline',
  ],
  email: [
    'email',
    'e-mail',
    'mail',
    '電子郵件',
    '电子邮件',
    '電子信箱',
    '电子信箱',
    '信箱',
    '邮箱',
    '郵箱',
    'emailaddress',
  ],
  address: [
    '地址',
    '通訊地址',
    '通讯地址',
    '聯絡地址',
    '联系地址',
    '住址',
    'address',
    'mailingaddress',
  ],
  preferredChannel: ['偏好管道', '偏好渠道', '聯絡方式', '联系方式', 'preferredchannel', 'channel'],
  language: ['語言', '语言', 'language', 'lang'],
  timeZone: ['時區', '时区', 'timezone'],
  homeStore: [
    '門市',
    '门店',
    '所屬門市',
    '所属门店',
    '門市代碼',
    '门店代码',
    'store',
    'storecode',
    'homestore',
    '分店',
  ],
  externalId: [
    '外部編號',
    '外部编号',
    '會員編號',
    '会员编号',
    '客戶編號',
    '客户编号',
    '編號',
    '编号',
    'externalid',
    'memberid',
    'customerid',
    'id',
  ],
  cardNumber: ['卡號', '卡号', '會員卡號', '会员卡号', 'cardnumber', 'card', 'membercard'],
  tags: ['標籤', '标签', '分類', '分类', 'tags', 'tag', 'labels'],
  'consent.sms': [
    '簡訊同意',
    '短信同意',
    '同意簡訊',
    '同意短信',
    '接收簡訊',
    '接收短信',
    'smsconsent',
    'consentsms',
    'sms',
  ],
  'consent.email': [
    '郵件同意',
    '邮件同意',
    '同意電子郵件',
    '同意邮件',
    '接收郵件',
    '接收邮件',
    'emailconsent',
    'consentemail',
  ],
  'consent.line': ['line同意', 'lineconsent', 'consentline'],
  'consent.wechat': ['微信同意', 'wechatconsent', 'consentwechat'],
  'consent.app': ['app同意', 'appconsent', 'consentapp'],
};

/** A header as compared: half-width, lower case, without spaces, marks and "(必填)". */
export function headerKey(header: string): string {
  return toHalfWidth(header)
    .toLowerCase()
    .replace(/[(（[【].*?[)）\]】]/g, '')
    .replace(/[\s_*:：.\-/]/g, '');
}

const lookup = (synonyms: Record<string, string[]>) => {
  const map = new Map<string, string>();
  for (const [field, names] of Object.entries(synonyms))
    for (const n of names) map.set(headerKey(n), field);
  return map;
};
const LOOKUP: Record<ImportKind, Map<string, string>> = {
  members: lookup(SYNONYMS),
  products: lookup(PRODUCT_SYNONYMS),
  purchases: lookup(PURCHASE_SYNONYMS),
};

export type CustomFieldLabel = { key: string; label: Record<string, string> };

/**
 * The field each column most likely holds, from its header: known names in three languages,
 * then the business's custom fields by key or label. A field is suggested once (except tags and
 * other phones); columns with no match get null (ignored unless the person maps them).
 */
export function suggestMapping(
  headers: string[],
  custom: CustomFieldLabel[],
  kind: ImportKind = 'members',
): (string | null)[] {
  const customLookup = new Map<string, string>();
  for (const f of custom) {
    customLookup.set(headerKey(f.key), `custom.${f.key}`);
    for (const l of Object.values(f.label)) customLookup.set(headerKey(l), `custom.${f.key}`);
  }
  const used = new Set<string>();
  return headers.map((h) => {
    const k = headerKey(h);
    const field = customLookup.get(k) ?? LOOKUP[kind].get(k) ?? null;
    if (!field || (used.has(field) && !MULTI_COLUMN_FIELDS.includes(field))) return null;
    used.add(field);
    return field;
  });
}
