import type { Translated } from './common';
import type { ErrorDef } from './errors';

/** Errors of the members, catalog, import and calls rooms; joined into ERRORS. */
export const MEMBER_ERRORS = {
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
  'relation.duplicate': {
    status: 409,
    message: {
      'zh-CN':
        '{name} 已经以这个关系记录在这位会员名下，不必再新增。要改关系，请先删除原来那一笔。',
      'zh-TW':
        '{name} 已經以這個關係記錄在這位會員名下，不必再新增。要改關係，請先刪除原來那一筆。',
      en: '{name} is already recorded with this relation to the member; nothing to add. To change the relation, delete the existing one first.',
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
  'member.merged': {
    status: 410,
    message: {
      'zh-CN':
        '此会员资料已合并到会员卡号 {card} 的会员。请改为打开该会员（编号见 details.mergedInto）。',
      'zh-TW':
        '此會員資料已合併至會員卡號 {card} 的會員。請改為開啟該會員（編號見 details.mergedInto）。',
      en: 'This member record was merged into the member with card number {card}. Open that member instead (its id is in details.mergedInto).',
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
} as const satisfies Record<string, ErrorDef>;

/** Names of the members rooms' things and reasons, for messages; joined into ENTITY_LABELS. */
export const MEMBER_LABELS: Record<string, Translated> = {
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
