import type { Translated } from './common';

/** The product fields a column can fill; a product is found (and updated) by its SKU. */
export const PRODUCT_IMPORT_FIELDS = [
  'sku',
  'name',
  'price',
  'category',
  'tags',
  'active',
] as const;
export type ProductImportField = (typeof PRODUCT_IMPORT_FIELDS)[number];

/**
 * The purchase fields a column can fill. One row is one line; rows with the same order number
 * are one purchase, and an order number already recorded is the same purchase (not added twice).
 * The member is found by whichever of phone, card number or external id the row has.
 */
export const PURCHASE_IMPORT_FIELDS = [
  'orderNo',
  'memberPhone',
  'memberCard',
  'memberExternalId',
  'date',
  'store',
  'sku',
  'productName',
  'quantity',
  'unitPrice',
  'amount',
] as const;
export type PurchaseImportField = (typeof PURCHASE_IMPORT_FIELDS)[number];

/** Column headers of product and purchase files (templates, the console), in each language. */
export const CATALOG_FIELD_LABELS: Record<string, Translated> = {
  sku: { 'zh-CN': '货号', 'zh-TW': '貨號', en: 'SKU' },
  name: { 'zh-CN': '品名', 'zh-TW': '品名', en: 'Name' },
  price: { 'zh-CN': '售价', 'zh-TW': '售價', en: 'Price' },
  category: { 'zh-CN': '分类', 'zh-TW': '分類', en: 'Category' },
  tags: { 'zh-CN': '标签', 'zh-TW': '標籤', en: 'Tags' },
  active: { 'zh-CN': '上架', 'zh-TW': '上架', en: 'Active' },
  orderNo: { 'zh-CN': '订单编号', 'zh-TW': '訂單編號', en: 'Order no' },
  memberPhone: { 'zh-CN': '手机', 'zh-TW': '手機', en: 'Mobile' },
  memberCard: { 'zh-CN': '会员卡号', 'zh-TW': '會員卡號', en: 'Card number' },
  memberExternalId: { 'zh-CN': '会员编号', 'zh-TW': '會員編號', en: 'Member id' },
  date: { 'zh-CN': '日期', 'zh-TW': '日期', en: 'Date' },
  store: { 'zh-CN': '门店', 'zh-TW': '門市', en: 'Store' },
  productName: { 'zh-CN': '品名', 'zh-TW': '品名', en: 'Product name' },
  quantity: { 'zh-CN': '数量', 'zh-TW': '數量', en: 'Qty' },
  unitPrice: { 'zh-CN': '单价', 'zh-TW': '單價', en: 'Unit price' },
  amount: { 'zh-CN': '金额', 'zh-TW': '金額', en: 'Amount' },
};

/** Why a product or purchase row was rejected, and what to do (joined into IMPORT_REJECT_LABELS). */
export const CATALOG_REJECT_LABELS: Record<string, Translated> = {
  'money.invalid': {
    'zh-CN': '金额无法识别：请填数字，如 120 或 1,280.50',
    'zh-TW': '金額無法辨識：請填數字，如 120 或 1,280.50',
    en: 'Not an amount of money: enter a number such as 120 or 1,280.50',
  },
  'quantity.invalid': {
    'zh-CN': '数量应为大于 0 的数字',
    'zh-TW': '數量應為大於 0 的數字',
    en: 'The quantity must be a number above 0',
  },
  'member.unknown': {
    'zh-CN': '找不到此会员：请先导入会员，或更正手机/卡号/编号',
    'zh-TW': '找不到此會員：請先匯入會員，或更正手機/卡號/編號',
    en: 'No member has this phone, card number or id: import the members first or correct it',
  },
  'member.missing': {
    'zh-CN': '缺少会员：请填手机、会员卡号或会员编号',
    'zh-TW': '缺少會員：請填手機、會員卡號或會員編號',
    en: 'No member given: fill in a mobile, card number or member id',
  },
  'product.unknown': {
    'zh-CN': '没有此货号的商品，且未填品名：请先导入商品，或填写品名',
    'zh-TW': '沒有此貨號的商品，且未填品名：請先匯入商品，或填寫品名',
    en: 'No product has this SKU and the row has no product name: import the products first or add a name',
  },
  'order.conflict': {
    'zh-CN': '同一订单的各列会员、日期或门店不一致：请更正',
    'zh-TW': '同一訂單的各列會員、日期或門市不一致：請更正',
    en: 'The lines of this order disagree on member, date or store: correct them',
  },
  'order.incomplete': {
    'zh-CN': '同一订单的另一列有错误，整笔订单未导入：更正该列后再导入',
    'zh-TW': '同一訂單的另一列有錯誤，整筆訂單未匯入：更正該列後再匯入',
    en: 'Another line of this order was rejected, so the whole order was not imported: fix that line and import again',
  },
};
