import { z } from 'zod';
import type { Translated } from './common';

/**
 * Every permission a role can hold. Modules add theirs here as they arrive; the role editor,
 * the route guard and the role-matrix test all read this one list.
 */
export const PERMISSIONS = [
  'members.browse',
  'members.add',
  'members.modify',
  'members.delete',
  'members.import',
  'members.export',
  'contacts.view',
  'notes.edit_others',
  'messages.send_single',
  'messages.send_batch',
  'settings.maintain',
  'audit.view',
  'calls.report',
  'templates.manage',
  'loyalty.configure',
  'points.adjust',
  'pos.transact',
] as const;
export const Permission = z.enum(PERMISSIONS);
export type Permission = z.infer<typeof Permission>;

export const PERMISSION_LABELS: Record<Permission, Translated> = {
  'members.browse': { 'zh-CN': '浏览会员', 'zh-TW': '瀏覽會員', en: 'Browse members' },
  'members.add': { 'zh-CN': '新增会员', 'zh-TW': '新增會員', en: 'Add members' },
  'members.modify': { 'zh-CN': '修改会员', 'zh-TW': '修改會員', en: 'Modify members' },
  'members.delete': { 'zh-CN': '删除会员', 'zh-TW': '刪除會員', en: 'Delete members' },
  'members.import': { 'zh-CN': '导入', 'zh-TW': '匯入', en: 'Import' },
  'members.export': { 'zh-CN': '导出', 'zh-TW': '匯出', en: 'Export' },
  'contacts.view': {
    'zh-CN': '查看联系方式',
    'zh-TW': '檢視聯絡資料',
    en: 'View contact details',
  },
  'notes.edit_others': {
    'zh-CN': '编辑他人的记事',
    'zh-TW': '編輯他人的記事',
    en: "Edit others' notes",
  },
  'messages.send_single': {
    'zh-CN': '单笔发送（短信/邮件）',
    'zh-TW': '單筆發送（簡訊/郵件）',
    en: 'Send one message',
  },
  'messages.send_batch': {
    'zh-CN': '批量发送（营销活动）',
    'zh-TW': '批次發送（行銷活動）',
    en: 'Batch send (campaigns)',
  },
  'settings.maintain': { 'zh-CN': '系统维护', 'zh-TW': '系統維護', en: 'Maintain the system' },
  'audit.view': { 'zh-CN': '查看稽核记录', 'zh-TW': '檢視稽核紀錄', en: 'View the audit log' },
  'calls.report': {
    'zh-CN': '通报来电（电话总机）',
    'zh-TW': '通報來電（電話總機）',
    en: 'Report incoming calls (phone system)',
  },
  'templates.manage': {
    'zh-CN': '管理消息模板',
    'zh-TW': '管理訊息範本',
    en: 'Manage message templates',
  },
  'loyalty.configure': {
    'zh-CN': '设定积分、等级与奖励',
    'zh-TW': '設定積分、等級與獎勵',
    en: 'Set up points, tiers and rewards',
  },
  'points.adjust': {
    'zh-CN': '手动调整积分',
    'zh-TW': '手動調整積分',
    en: 'Adjust points by hand',
  },
  'pos.transact': {
    'zh-CN': '收银台交易（积分、优惠券、储值）',
    'zh-TW': '收銀台交易（積分、優惠券、儲值）',
    en: 'Till transactions (points, coupons, stored value)',
  },
};

export const SYSTEM_ROLE_KEYS = [
  'admin',
  'customer_manager',
  'marketing_manager',
  'customer_assistant',
] as const;
export const SystemRoleKey = z.enum(SYSTEM_ROLE_KEYS);
export type SystemRoleKey = z.infer<typeof SystemRoleKey>;

const customerManager: Permission[] = [
  'members.browse',
  'members.add',
  'members.modify',
  'members.delete',
  'members.import',
  'members.export',
  'contacts.view',
  'messages.send_single',
  'points.adjust',
  'pos.transact',
];

/**
 * The four roles of seed 003 slide 90. Customer managers send one at a time and edit only their
 * own notes; marketing managers add batch sends and have no own-notes limit; assistants browse,
 * add one at a time and modify, with no delete, import, export or sending.
 *
 * Permissions that arrived after the slide, and who holds them: managing message templates and
 * setting up the loyalty programme go with campaign work (marketing managers); adjusting points by
 * hand goes with looking after members (customer and marketing managers); till transactions
 * (earning, redeeming, stored value at the point of sale) go to everyone who serves customers.
 */
export const SYSTEM_ROLES: Record<SystemRoleKey, { permissions: Permission[]; label: Translated }> =
  {
    admin: {
      permissions: [...PERMISSIONS],
      label: { 'zh-CN': '系统管理员', 'zh-TW': '系統管理員', en: 'System administrator' },
    },
    customer_manager: {
      permissions: customerManager,
      label: { 'zh-CN': '客户管理员', 'zh-TW': '客戶管理員', en: 'Customer manager' },
    },
    marketing_manager: {
      permissions: [
        ...customerManager,
        'messages.send_batch',
        'notes.edit_others',
        'templates.manage',
        'loyalty.configure',
      ],
      label: { 'zh-CN': '营销管理员', 'zh-TW': '行銷管理員', en: 'Marketing manager' },
    },
    customer_assistant: {
      permissions: ['members.browse', 'members.add', 'members.modify', 'pos.transact'],
      label: { 'zh-CN': '客户助理', 'zh-TW': '客戶助理', en: 'Customer assistant' },
    },
  };

/** Who may call a route: anyone, any signed-in caller, or holders of one permission. */
export type Access = 'public' | 'authenticated' | Permission;
